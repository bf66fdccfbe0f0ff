#!/usr/bin/env bash
# Runs the end-to-end tests against a build of the app (`make test`: the quick profile's): a
# private X server (Xvfb), a private D-Bus session, WebKitWebDriver (which starts the app), and a
# throwaway data folder.
# Usage: tests/e2e/run.sh /path/to/recovery-companion
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$(realpath "${1:?usage: run.sh APP_BINARY}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ -z "${IN_E2E_SESSION:-}" ]; then
  # Re-enter inside a fresh X display and session bus, so nothing leaks to or from the desktop.
  export IN_E2E_SESSION=1
  exec xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
    dbus-run-session -- "$0" "$app"
fi

export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
# A fixed-offset IANA zone where it is now about midday, so that "woke at 06:30 today" is in
# the past and no test straddles midnight, whenever the suite runs.
utc_hour=$(date -u +%-H)
offset=$(( 12 - utc_hour ))
if [ $offset -gt 0 ]; then zone="Etc/GMT-$offset"; elif [ $offset -lt 0 ]; then zone="Etc/GMT+$(( -offset ))"; else zone="Etc/GMT"; fi
export APP_BINARY="$app" TZ="$zone" LANG=C.UTF-8
# WebKit's compositing needs a GPU; software rendering is steadier under Xvfb.
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1
# Exports skip the native dialog (which WebDriver cannot click) and land here; set it
# beforehand to keep them for a look.
export RECOVERY_COMPANION_E2E_SAVE_DIR="${RECOVERY_COMPANION_E2E_SAVE_DIR:-$scratch/exports}"
mkdir -p "$XDG_DATA_HOME" "$RECOVERY_COMPANION_E2E_SAVE_DIR"
# Imports skip the native open dialog too: a test writes the path to "choose" in this file.
export RECOVERY_COMPANION_E2E_OPEN_FROM="$scratch/open-from"

# Presses a window's close button the way a window manager would (there is none under Xvfb).
cc -O1 -o "$scratch/close-window" "$here/close-window.c" -lX11
export CLOSE_WINDOW_BIN="$scratch/close-window"

# WebKitGTK's own WebDriver starts the app, which lets it drive its web view only when started
# with TAURI_WEBVIEW_AUTOMATION (tauri-driver does just this on Linux, and forwards requests).
TAURI_WEBVIEW_AUTOMATION=true WebKitWebDriver --port=4444 >"$scratch/webdriver.log" 2>&1 &
driver=$!
# A second driver whose app finds no session bus: for the in-app fallback of reminders.
TAURI_WEBVIEW_AUTOMATION=true DBUS_SESSION_BUS_ADDRESS="unix:path=$scratch/no-bus-here" \
  WebKitWebDriver --port=4446 >"$scratch/webdriver-no-bus.log" 2>&1 &
no_bus_driver=$!
export NO_BUS_WEBDRIVER_URL=http://127.0.0.1:4446
# A second computer, running beside the first: its own data folder, session bus (the app lets
# one instance run per session) and driver, for the test of two apps over Syncthing.
second="$scratch/second"
mkdir -p "$second/data" "$second/config" "$second/cache" "$second/exports"
dbus-daemon --session --nofork --address="unix:path=$second/bus" >/dev/null 2>&1 &
second_bus=$!
TAURI_WEBVIEW_AUTOMATION=true DBUS_SESSION_BUS_ADDRESS="unix:path=$second/bus" \
  XDG_DATA_HOME="$second/data" XDG_CONFIG_HOME="$second/config" XDG_CACHE_HOME="$second/cache" \
  RECOVERY_COMPANION_E2E_SAVE_DIR="$second/exports" RECOVERY_COMPANION_E2E_OPEN_FROM="$second/open-from" \
  WebKitWebDriver --port=4448 >"$scratch/webdriver-second.log" 2>&1 &
second_driver=$!
export SECOND_WEBDRIVER_URL=http://127.0.0.1:4448 SECOND_DATA_HOME="$second/data" \
  SECOND_OPEN_FROM="$second/open-from"
trap 'kill $driver $no_bus_driver $second_driver $second_bus 2>/dev/null || true; rm -rf "$scratch"' EXIT
for port in 4444 4446 4448; do
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break
    sleep 0.1
  done
done

status=0
if [ -n "${E2E_SCRIPT:-}" ]; then
  # A benchmark in the same harness (scripts/bench-*.sh): a plain script that prints figures.
  node "$E2E_SCRIPT" || status=$?
else
  # E2E_TESTS may name some test files (space-separated); all of them otherwise.
  if [ -n "${E2E_TESTS:-}" ]; then read -r -a tests <<<"$E2E_TESTS"; else tests=("$here"/*.test.mjs); fi
  node --test --test-concurrency=1 --test-timeout=120000 "${tests[@]}" || status=$?
fi
if [ $status -ne 0 ]; then
  echo "--- WebKitWebDriver log ---"
  tail -n 50 "$scratch/webdriver.log"
fi
exit $status
