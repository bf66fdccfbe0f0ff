# Source this (`. scripts/dev-env.sh`) to build by hand exactly as `make test` does: the same
# target folder outside the clone, and clippy-driver for the workspace's own crates, so
# `cargo t` reuses make's artifacts instead of building everything a second time.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kratom-companion/target}"
RUSTC_WORKSPACE_WRAPPER="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)/clippy-rustc"
export RUSTC_WORKSPACE_WRAPPER
