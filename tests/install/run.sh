#!/usr/bin/env bash
# Installs the .deb people download into a clean Debian 12 system root, as a new user's
# machine would meet it: a root made by debootstrap from Debian's own packages (minbase:
# nothing but apt and the essentials; no development package, no WebKitGTK), the package
# installed there with apt (which must find every library in its Depends), the installed
# binary started there on an X display of the host's, its first screen seen (the window's
# colours counted: a drawn screen has dozens), then the package removed.
# Needs root (debootstrap, chroot, mounts). The pristine root is kept in
# ~/.cache/kratom-companion/bookworm-root and copied afresh for every run.
# Usage: tests/install/run.sh PACKAGE.deb
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=$(realpath "${1:?usage: run.sh PACKAGE.deb}")
say() { printf '%s\n' "install test: $*"; }
fail() { printf '%s\n' "install test FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "debootstrap, chroot and mounts need root"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/kratom-companion"
base="$cache/bookworm-root"
mirror=http://deb.debian.org/debian
if [ ! -f "$base/.complete" ]; then
  rm -rf "$base"
  say "making a clean Debian 12 root with debootstrap (once per machine)"
  started=$(date +%s)
  debootstrap --variant=minbase bookworm "$base" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log"; fail "debootstrap did not finish"; }
  touch "$base/.complete"
  say "root made in $(( $(date +%s) - started )) s, $(du -sm "$base" | cut -f1) MB"
fi

root=$(mktemp -d "$cache/install-root.XXXXXX")
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT
cp -a "$base/." "$root/"
for m in proc sys dev; do
  mkdir -p "$root/$m"
  mount --rbind "/$m" "$root/$m"
  mount --make-rslave "$root/$m"
  mounted+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/package.deb"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# apt alone decides what comes with the package: only what its Depends name, and theirs.
started=$(date +%s)
in_root apt-get update -qq >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  /tmp/package.deb >"$root/tmp/apt.log" 2>&1 || { tail -n 30 "$root/tmp/apt.log"; fail "apt could not install the package"; }
pulled=$(grep -c '^Setting up' "$root/tmp/apt.log" || true)
[ -x "$root/usr/bin/recovery-companion" ] || fail "/usr/bin/recovery-companion is not installed"
[ -f "$root/usr/share/applications/org.kratomrecovery.companion.desktop" ] \
  || fail "no desktop entry named after the app id"
say "installed with $pulled packages in $(( $(date +%s) - started )) s: $(in_root dpkg-query -W -f='${Package} ${Version} (${Installed-Size} KiB)' recovery-companion)"

# A display of the host's, shared into the root through its socket; no session bus, no
# window manager, no desktop: the least a person's machine offers.
display=":$(( 90 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 1 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
mounted+=("$root/tmp/.X11-unix")
cc -O1 -o "$root/tmp/window-colours" "$here/window-colours.c" -lX11
mkdir -p "$root/home/person"
chroot "$root" env -i PATH=/usr/bin:/bin HOME=/home/person LANG=C.UTF-8 DISPLAY="$display" \
  XDG_RUNTIME_DIR=/tmp WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  /usr/bin/recovery-companion >"$root/tmp/app.log" 2>&1 &
app=$!
colours=0
for _ in $(seq 1 120); do
  colours=$(DISPLAY="$display" "$root/tmp/window-colours" 'Recovery Companion' 2>/dev/null || echo 0)
  [ "$colours" -ge 16 ] && break
  sleep 0.5
done
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
if [ "$colours" -lt 16 ]; then
  cat "$root/tmp/app.log"
  fail "the installed app showed no first screen (the window had $colours colours)"
fi
diary="$root/home/person/.local/share/org.kratomrecovery.companion/companion.sqlite3"
[ -f "$diary" ] || fail "the app made no diary in the person's data folder"
say "the installed app drew its first screen ($colours colours) and made its diary"

in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq recovery-companion >/dev/null 2>&1 \
  || fail "apt could not remove the package"
[ ! -e "$root/usr/bin/recovery-companion" ] || fail "the binary is left after removal"
[ -f "$diary" ] || fail "removing the package took the diary with it"
say "removed cleanly; the diary is still there"
