#!/usr/bin/env bash
# Installs the .deb on this machine as a person would, starts the installed app on a private X
# display, finds its window, and removes the package: the app's files go, the diary stays.
# Needs root (or sudo without a password) for apt. Usage: tests/package/run.sh PACKAGE.deb
set -euo pipefail
deb=$(realpath "${1:?usage: run.sh PACKAGE.deb}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
say() { printf '%s\n' "package test: $*"; }
fail() { printf '%s\n' "package test FAILED: $*" >&2; exit 1; }

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || fail "installing a package needs root or sudo without a password"
  sudo="sudo -n"
fi

# What is inside, before anything is installed.
name=$(dpkg-deb -f "$deb" Package)
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libssl3 libdbus-1-3 libayatana-appindicator3-1; do
  [[ "$depends" == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
dpkg-deb -x "$deb" "$scratch/tree"
need=(usr/bin/recovery-companion usr/share/metainfo/org.kratomrecovery.companion.metainfo.xml
      usr/share/doc/recovery-companion/copyright)
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  need+=("usr/share/icons/hicolor/$size/apps/recovery-companion.png")
done
for f in "${need[@]}"; do [ -f "$scratch/tree/$f" ] || fail "the package has no /$f"; done
desktop=$(find "$scratch/tree/usr/share/applications" -name '*.desktop' | head -n1)
[ -n "$desktop" ] || fail "the package has no desktop entry"
# Named after the app's id, as the AppStream id and desktop environments expect.
[ "$(basename "$desktop")" = org.kratomrecovery.companion.desktop ] \
  || fail "the desktop entry is $(basename "$desktop"), not org.kratomrecovery.companion.desktop"
desktop-file-validate "$desktop" || fail "the desktop entry is not valid"
grep -q '^Exec=recovery-companion' "$desktop" || fail "the desktop entry does not start the app"
# The metainfo names the desktop entry the package really installs.
grep -q "<launchable type=\"desktop-id\">$(basename "$desktop")</launchable>" \
  "$scratch/tree/usr/share/metainfo/org.kratomrecovery.companion.metainfo.xml" \
  || fail "the metainfo's launchable is not $(basename "$desktop")"
appstreamcli validate --no-net "$scratch/tree/usr/share/metainfo/org.kratomrecovery.companion.metainfo.xml" \
  || fail "the AppStream metainfo is not valid"
say "$name: contents, desktop entry and metainfo are valid; Depends: $depends"

# Install with apt, which resolves the declared dependencies.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
trap '$sudo dpkg -r "$name" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
[ -x /usr/bin/recovery-companion ] || fail "/usr/bin/recovery-companion is not installed"
say "installed $(dpkg-query -W -f='${Package} ${Version} (${Installed-Size} KiB)' "$name")"

# Start the installed app as a new user would: an empty home, its own display and session bus.
home="$scratch/home"
mkdir -p "$home"
cat >"$scratch/start.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1
/usr/bin/recovery-companion >"$HOME/app.log" 2>&1 &
app=$!
# The window, by its title, within 60 s.
if ! timeout 60 xdotool search --sync --onlyvisible --name '^Recovery Companion$' >"$HOME/window"; then
  kill $app 2>/dev/null || true
  echo "no window appeared; the app said:"; cat "$HOME/app.log"; exit 1
fi
echo "window $(head -n1 "$HOME/window"): $(xdotool getwindowname "$(head -n1 "$HOME/window")")"
kill $app
wait $app 2>/dev/null || true
INNER
chmod +x "$scratch/start.sh"
HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
  XDG_CACHE_HOME="$home/.cache" xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  dbus-run-session -- "$scratch/start.sh" || fail "the installed app did not show its window"
diary="$home/.local/share/org.kratomrecovery.companion/companion.sqlite3"
[ -f "$diary" ] || fail "the installed app made no diary at $diary"
say "the installed app opened its window and made its diary in the data folder"

# Remove: every file of the package goes; the person's diary stays where it was.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$name" >/dev/null
trap 'rm -rf "$scratch"' EXIT
if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'install ok installed'; then
  fail "$name is still installed"
fi
for f in "${need[@]}"; do [ ! -e "/$f" ] || fail "/$f is left after removal"; done
[ -f "$diary" ] || fail "removing the package took the diary with it"
say "removed cleanly; the diary is still there"
