#!/usr/bin/env bash
# Installs what is missing to build and run the app (`setup.sh run`), to package it
# (`setup.sh package`), to test it (`setup.sh test`) or also to test the package people
# install in a clean system root (`setup.sh shipped`) on Debian or Ubuntu. Installs
# nothing that is already there, so a second run takes a second. System packages come from apt
# (with sudo when not root, WebKitWebDriver among them); the UI's and the Tauri CLI from npm.
set -euo pipefail
mode=${1:-run}

run_pkgs=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev pkg-config
          build-essential libxdo-dev curl file)
# tzdata: its zone.tab is the oracle for the crisis-region test; gnome-keyring: a real Secret Service for the keyring test; xdotool presses the lock's desktop-wide shortcut. poppler-utils: pdftotext and pdffonts read the clinician report back.
test_pkgs=(xvfb xauth webkit2gtk-driver dbus dbus-x11 dunst sqlite3 tzdata gnome-keyring xdotool poppler-utils
           appstream desktop-file-utils syncthing python3-venv)
# syncthing: two real daemons on loopback carry the sync test's files (issue 30). python3-venv:
# the linters of the hosted-runner workflow (scripts/lint-workflows.sh), from PyPI.
# The package test checks the metainfo (appstreamcli) and the desktop entry (desktop-file-validate).
# `make test-shipped` also makes a clean Debian root to install the package into.
shipped_pkgs=(debootstrap)
wanted=("${run_pkgs[@]}")
[ "$mode" = test ] || [ "$mode" = shipped ] && wanted+=("${test_pkgs[@]}")
[ "$mode" = shipped ] && wanted+=("${shipped_pkgs[@]}")

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v apt-get >/dev/null 2>&1; then
  say "This set-up script knows Debian and Ubuntu (apt). On other systems install the Tauri 2 prerequisites for Linux, Node.js 20 or newer, and Rust, then run the same make command again."
  exit 1
fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
node_ok() { command -v node >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; }
node_ok || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "Please install as root: ${missing[*]}"; exit 1; }
    sudo=sudo
  fi
  say "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_ok || { say "Node.js 20 or newer is needed to build the UI; this system offers $(node --version 2>/dev/null || echo none). Please install a newer Node.js and run again."; exit 1; }
command -v cargo >/dev/null || [ -x "$HOME/.cargo/bin/cargo" ] || {
  say "Rust is needed: install it with rustup (see rustup.rs), then run the same make command again."; exit 1; }
# Clippy compiles the workspace's crates in every build but dist (scripts/clippy-rustc), and
# rustfmt checks the code in `make test`: rustup's default profile has both.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v clippy-driver >/dev/null || ! command -v rustfmt >/dev/null; then
  command -v rustup >/dev/null || { say "Rust's clippy and rustfmt are needed; please install them and run the same make command again."; exit 1; }
  say "Adding Rust's clippy and rustfmt"
  rustup component add clippy rustfmt
fi

# npm packages, exactly as locked, whenever the lock file is newer than the installed tree.
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# The Tauri CLI that builds the packages, pinned, from npm (make package, and the package test).
if [ "$mode" != run ]; then
  if [ ! -f packaging/node_modules/.package-lock.json ] || [ packaging/package-lock.json -nt packaging/node_modules/.package-lock.json ]; then
    say "Installing the Tauri CLI for packaging"
    (cd packaging && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
