#!/usr/bin/env bash
# Prints the CPU time the app uses while idle for 60 seconds with every reminder on: the app
# process and its WebKit helper processes, on a private X display and session bus with a
# throwaway data folder. Usage: scripts/idle-cpu.sh [APP_BINARY] [SECONDS]
set -euo pipefail
app=$(realpath "${1:-${CARGO_TARGET_DIR:-$HOME/.cache/kratom-companion/target}/release/recovery-companion}")
secs=${2:-60}

if [ -z "${IN_IDLE_SESSION:-}" ]; then
  export IN_IDLE_SESSION=1
  exec xvfb-run --auto-servernum dbus-run-session -- "$0" "$app" "$secs"
fi

scratch=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1
db="$XDG_DATA_HOME/org.kratomrecovery.companion/companion.sqlite3"

# First start creates the data file; then every reminder is turned on, from now.
"$app" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 100); do [ -f "$db" ] && break; sleep 0.1; done
sleep 2; kill $pid; wait $pid 2>/dev/null || true
sqlite3 "$db" "UPDATE reminders SET enabled = 1, handled_through = strftime('%s','now');"

"$app" >/dev/null 2>&1 & pid=$!
sleep 10 # let the window load and settle

tree() { # a process and all its descendants
  echo "$1"
  local c
  for c in $(pgrep -P "$1"); do tree "$c"; done
}
ticks() { # utime + stime of the app and all its descendants, in clock ticks
  local total=0 p
  for p in $(tree $pid); do
    [ -r /proc/$p/stat ] || continue
    total=$(( total + $(awk '{print $14 + $15}' /proc/$p/stat) ))
  done
  echo $total
}
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$secs"
after=$(ticks)
ms=$(( (after - before) * 1000 / hz ))
echo "idle for ${secs} s with $(sqlite3 "$db" 'SELECT count(*) FROM reminders WHERE enabled') reminders on: ${ms} ms of CPU (app and WebKit processes)"
