#!/usr/bin/env bash
# Renames the desktop entry inside a .deb built by Tauri's bundler to the app's id,
# `org.kratomrecovery.companion.desktop`, as the AppStream metainfo and desktop environments
# expect (the bundler always names it after the product, with a space: "Recovery
# Companion.desktop"), and packs the .deb again with its checksums brought up to date.
# Usage: scripts/deb-desktop-id.sh PACKAGE.deb
set -euo pipefail
deb=$(realpath "${1:?usage: deb-desktop-id.sh PACKAGE.deb}")
id=org.kratomrecovery.companion
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -R "$deb" "$work/root"
apps="$work/root/usr/share/applications"
shopt -s nullglob
entries=("$apps"/*.desktop)
[ ${#entries[@]} -eq 1 ] || { echo "expected one desktop entry in $deb, found ${#entries[@]}" >&2; exit 1; }
if [ "${entries[0]}" != "$apps/$id.desktop" ]; then
  mv "${entries[0]}" "$apps/$id.desktop"
fi
(cd "$work/root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
  >"$work/root/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zgzip --build "$work/root" "$work/fixed.deb" >/dev/null
mv "$work/fixed.deb" "$deb"
