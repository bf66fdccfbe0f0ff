#!/usr/bin/env bash
# Delivers a due reminder to a real notification server and watches the D-Bus call: a private
# session bus (dbus-run-session), dunst on a private X display (Xvfb), and dbus-monitor; and
# keeps a passphrase in a real keyring (gnome-keyring's Secret Service, unlocked with a
# throwaway password, its files in a scratch home). Then checks that with no session bus
# delivery fails at once with a sentence and the keyring says it is unavailable.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${IN_NOTIFY_SESSION:-}" ]; then
  export IN_NOTIFY_SESSION=1
  exec xvfb-run --auto-servernum dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d)
log="$scratch/dbus-monitor.log"
# The keyring's files go in the scratch folder, never the account's own keyring.
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
printf 'throwaway' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
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

# The profile, packages, features and compiler of `make test-rust` (the Makefile exports the
# last three), so the test is not rebuilt.
cargo_args=(--profile quick --locked ${TEST_PACKAGES:--p companion-core -p recovery-companion --features recovery-companion/custom-protocol})
export RUSTC_WORKSPACE_WRAPPER="${RUSTC_WORKSPACE_WRAPPER-$PWD/scripts/clippy-rustc}"
NOTIFY_MONITOR_LOG="$log" cargo test "${cargo_args[@]}" --test delivery -- --ignored --nocapture \
  --test-threads=1 a_due_reminder_reaches_the_notification_server a_discreet_reminder_reaches_the_server_in_neutral_words \
  the_passphrase_is_remembered_in_the_keyring_and_goes_with_encryption
DBUS_SESSION_BUS_ADDRESS="unix:path=$scratch/no-bus-here" \
  cargo test "${cargo_args[@]}" --test delivery -- --ignored --nocapture \
  without_a_session_bus_delivery_fails_fast_and_says_why without_a_keyring_remembering_is_unavailable_and_says_why
