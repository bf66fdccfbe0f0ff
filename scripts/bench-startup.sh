#!/usr/bin/env bash
# Measures the app's start-up and memory against a bare Tauri 2 window showing one chart
# (benches/bare-window, built here with the same Tauri), in the end-to-end harness (Xvfb,
# WebKitWebDriver). See benches/startup.mjs. Needs what `make test` installs. Prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kratom-companion/target}"
# As the Makefile builds (clippy-driver for the workspace's crates), to share its build.
export RUSTC_WORKSPACE_WRAPPER="$PWD/scripts/clippy-rustc"
make --no-print-directory app
cargo build --release --locked -p bare-window
# With the app's packages and features, so it shares the app's compiled dependencies.
cargo build --release --locked -p companion-core -p recovery-companion --features recovery-companion/custom-protocol --example demo_data
export DEMO_DATA_BIN="$CARGO_TARGET_DIR/release/examples/demo_data"
export BARE_BIN="$CARGO_TARGET_DIR/release/bare-window"
ls -l "$CARGO_TARGET_DIR/release/recovery-companion" "$BARE_BIN"
E2E_SCRIPT="$PWD/benches/startup.mjs" tests/e2e/run.sh "$CARGO_TARGET_DIR/release/recovery-companion"
