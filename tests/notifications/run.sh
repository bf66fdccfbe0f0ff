#!/usr/bin/env bash
# Delivers a due reminder to a real notification server and watches the D-Bus call: a private
# session bus (dbus-run-session), dunst on a private X display (Xvfb), and dbus-monitor. Then
# checks that with no session bus delivery fails at once with a sentence.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${IN_NOTIFY_SESSION:-}" ]; then
  export IN_NOTIFY_SESSION=1
  exec xvfb-run --auto-servernum dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d)
log="$scratch/dbus-monitor.log"
dunst -config /dev/null >"$scratch/dunst.log" 2>&1 &
dunst_pid=$!
dbus-monitor --session "interface='org.freedesktop.Notifications',member='Notify'" >"$log" 2>&1 &
monitor_pid=$!
trap 'kill $dunst_pid $monitor_pid 2>/dev/null || true; rm -rf "$scratch"' EXIT

for _ in $(seq 1 50); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null \
    | grep -q 'boolean true' && break
  sleep 0.1
done

NOTIFY_MONITOR_LOG="$log" cargo test --locked -p companion-core --test delivery -- --ignored --nocapture \
  --test-threads=1 a_due_reminder_reaches_the_notification_server a_discreet_reminder_reaches_the_server_in_neutral_words
DBUS_SESSION_BUS_ADDRESS="unix:path=$scratch/no-bus-here" \
  cargo test --locked -p companion-core --test delivery -- --ignored --nocapture \
  without_a_session_bus_delivery_fails_fast_and_says_why
