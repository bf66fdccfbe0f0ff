#!/usr/bin/env bash
# Lints the hosted-runner workflow (.github/workflows/), which no machine of ours runs: its
# shape against GitHub's published schema (check-jsonschema's own copy, no download) and its
# security with zizmor, offline. Both from PyPI, pinned, in a virtualenv kept outside the clone.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv="${KRATOM_CACHE:-$HOME/.cache/kratom-companion}/workflow-lint"
want="zizmor==1.33.1 check-jsonschema==0.39.0"
if [ "$(cat "$venv/.made-for" 2>/dev/null)" != "$want" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/pip" install --quiet --disable-pip-version-check $want
  echo "$want" >"$venv/.made-for"
fi
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows "$here"/.github/workflows/*.yml
"$venv/bin/zizmor" --offline --quiet "$here"/.github/workflows/*.yml
