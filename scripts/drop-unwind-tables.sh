#!/usr/bin/env bash
# Removes the unwind tables (.eh_frame, .eh_frame_hdr: 1.4 MB) from the `dist` binary before
# Tauri packs it (`make package` runs this as its beforeBundleCommand). `dist` aborts on a
# panic, so nothing unwinds; the tables only served backtraces, which a stripped binary could
# not name anyway. Never for `release`, which catches one panic (opening the diary) by
# unwinding.
set -euo pipefail
bin=${1:?usage: drop-unwind-tables.sh DIST_BINARY}
case "$bin" in */dist/*) ;; *) echo "only the dist binary, which aborts on panic: $bin" >&2; exit 1 ;; esac
before=$(stat -c %s "$bin")
objcopy --remove-section=.eh_frame --remove-section=.eh_frame_hdr "$bin"
echo "unwind tables dropped: $before -> $(stat -c %s "$bin") bytes"
