#!/usr/bin/env bash
# Kills the real app at random moments while it saves, backs up and changes its key, and opens
# it again as a person would (tests/kill/app-kills.mjs), inside the end-to-end tests' harness:
# Xvfb, a private D-Bus session, WebKitWebDriver and a throwaway data folder.
# Usage: tests/kill/run.sh APP_BINARY [RESTARTS]   (100 restarts unless given; KILL_SEED repeats a run)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export KILL_RESTARTS="${2:-${KILL_RESTARTS:-100}}"
E2E_SCRIPT="$here/app-kills.mjs" exec "$here/../e2e/run.sh" "${1:?usage: run.sh APP_BINARY [RESTARTS]}"
