#!/usr/bin/env bash
# Renders the icon master (icon.svg) into the PNG and ICO files Tauri bundles.
# Needs rsvg-convert (Debian: librsvg2-bin) and python3. Run it after editing icon.svg.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../src-tauri/icons"
mkdir -p "$out"
render() { rsvg-convert -w "$1" -h "$1" "$here/icon.svg" -o "$out/$2"; }
# Every size a Linux desktop asks for (the packages install each into the hicolor theme).
for size in 16 24 32 48 64 128 256; do render $size ${size}x${size}.png; done
render 256 128x128@2x.png
render 512 icon.png
render 256 ico-256.png
# An ICO file may hold a PNG as is: a 6-byte header and one 16-byte directory entry.
python3 - "$out/ico-256.png" "$out/icon.ico" <<'PY'
import struct, sys
png = open(sys.argv[1], 'rb').read()
header = struct.pack('<HHH', 0, 1, 1)
entry = struct.pack('<BBBBHHII', 0, 0, 0, 0, 1, 32, len(png), 6 + 16)
open(sys.argv[2], 'wb').write(header + entry + png)
PY
rm "$out/ico-256.png"
