#!/usr/bin/env bash
# Measures "All" over ten years on the trends screen, end to end in the real window (see
# benches/trends-redraw.mjs). Needs what `make test` installs. Prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kratom-companion/target}"
# As the Makefile builds (clippy-driver for the workspace's crates), to share its build.
export RUSTC_WORKSPACE_WRAPPER="$PWD/scripts/clippy-rustc"
make --no-print-directory app
# With the app's packages and features, so it shares the app's compiled dependencies.
cargo build --release --locked -p companion-core -p recovery-companion --features recovery-companion/custom-protocol --example demo_data
export DEMO_DATA_BIN="$CARGO_TARGET_DIR/release/examples/demo_data"
E2E_SCRIPT="$PWD/benches/trends-redraw.mjs" tests/e2e/run.sh "$CARGO_TARGET_DIR/release/recovery-companion"
