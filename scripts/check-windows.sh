#!/usr/bin/env bash
# `make check-windows`: type-checks the app for Windows (x86_64-pc-windows-gnu) from this Linux
# machine with Debian's own packages, so a type error in a cfg(windows) path fails here before
# it reaches anyone. A Debian trixie root (debootstrap, minbase) with rustc, cargo and rust-src
# 1.97.1 from trixie-backports and the mingw-w64 toolchain from trixie; Debian ships no
# prebuilt Windows std for Rust, so std is built from rust-src (-Zbuild-std, which needs
# RUSTC_BOOTSTRAP). Warnings in the project's own crates fail it (dependencies' lints are
# capped by cargo as always).
#
# Incremental: the root and the build folder live outside the clone and are reused (about 20
# minutes from cold on two cores, most of it the vendored OpenSSL; seconds when nothing
# changed). Needs root (debootstrap, chroot, bind mounts) and Debian's mirror and crates.io.
#
# Usage: scripts/check-windows.sh [--build]   (--build also links the .exe: see ARCHITECTURE.md)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cache="${KRATOM_CACHE:-$HOME/.cache/kratom-companion}"
root="${WINDOWS_ROOT:-$cache/windows-root}"
target="${WINDOWS_TARGET_DIR:-$cache/windows-target}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite=trixie
# What the root must hold; a change here makes the root again.
packages="rustc/$suite-backports cargo/$suite-backports rust-src/$suite-backports gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 perl make pkg-config ca-certificates"
stamp="$suite|$packages"
mode=check
[ "${1:-}" = "--build" ] && mode=build
# What is checked is what people would install (`dist`); a link experiment may ask for the
# cheaper `quick`.
profile="${WINDOWS_PROFILE:-dist}"

if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=KRATOM_CACHE,WINDOWS_ROOT,WINDOWS_TARGET_DIR,DEBIAN_MIRROR,WINDOWS_PROFILE "$0" "$@"
fi
command -v debootstrap >/dev/null || apt-get install -y --no-install-recommends debootstrap

started=$(date +%s)
say() { echo "check-windows: $* ($(( $(date +%s) - started )) s)"; }

mounts=()
cleanup() {
  local i
  for (( i=${#mounts[@]}-1; i>=0; i-- )); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() { # bind SOURCE TARGET_IN_ROOT
  mkdir -p "$root$2"
  mount --bind "$1" "$root$2"
  mounts+=("$root$2")
}

in_root() {
  chroot "$root" env -i HOME=/root PATH=/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 \
    CARGO_HTTP_CAINFO=/etc/ssl/certs/host-ca.crt SSL_CERT_FILE=/etc/ssl/certs/host-ca.crt "$@"
}

# The host's CA bundle: this machine reaches the registries through its own certificates.
host_ca() { mkdir -p "$root/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/host-ca.crt"; }

# One run at a time: two would share the root and the build folder.
mkdir -p "$cache"
exec 9>"$cache/windows-check.lock"
flock 9

# Mounts a killed run left behind are taken down first: the clone and the registry are bound
# into the root read-write, and nothing below may ever reach them.
unmount_leftovers() {
  local m
  for m in $(awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
}
unmount_leftovers

if [ "$(cat "$root/.made-for" 2>/dev/null)" != "$stamp" ]; then
  say "making the Debian $suite root in $root"
  rm -rf --one-file-system "$root"
  mkdir -p "$root"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$cache/windows-root.log" 2>&1 || {
    tail -20 "$cache/windows-root.log"; exit 1; }
  cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $mirror $suite-backports main
EOF
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  host_ca
  bind /proc /proc
  bind /dev /dev
  in_root apt-get -o Acquire::Check-Valid-Until=false -o Acquire::https::CaInfo=/etc/ssl/certs/host-ca.crt update -qq
  # shellcheck disable=SC2086
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages \
    >>"$cache/windows-root.log" 2>&1 || { tail -20 "$cache/windows-root.log"; exit 1; }
  in_root apt-get clean
  cleanup; mounts=()
  echo "$stamp" >"$root/.made-for"
  say "root ready: $(in_root rustc --version)"
fi

cp /etc/resolv.conf "$root/etc/resolv.conf"
host_ca
mkdir -p "$target" "${CARGO_HOME:-$HOME/.cargo}/registry"
bind /proc /proc
bind /dev /dev
# Read-write: the build script writes its generated schemas into src-tauri/gen (ignored by git).
bind "$here" /src
bind "$target" /target
# The host's crates, so nothing is downloaded twice; std's own come from crates.io once.
bind "${CARGO_HOME:-$HOME/.cargo}/registry" /root/.cargo/registry

# The UI is embedded by `custom-protocol`: `make check-windows` builds it first.
if [ ! -f "$here/ui/dist/index.html" ]; then
  echo "check-windows: ui/dist is missing; run 'make ui' first" >&2
  exit 1
fi

log="$target/check-windows.log"
say "cargo $mode for x86_64-pc-windows-gnu"
set +e
in_root env RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=/target RUSTFLAGS="-D warnings" \
  CARGO_TERM_COLOR=never \
  sh -c "cd /src && cargo $mode --locked -Zbuild-std=std,panic_abort --target x86_64-pc-windows-gnu \
    -p recovery-companion --features custom-protocol --profile $profile" >"$log" 2>&1
status=$?
set -e
if [ $status -ne 0 ]; then
  grep -E "^(error|warning)" -A12 "$log" | head -80
  echo "check-windows: FAILED (the whole log: $log)"
  exit $status
fi
say "passed, no error and no warning in the project's crates"
