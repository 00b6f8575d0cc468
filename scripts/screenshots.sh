#!/usr/bin/env bash
# Regenerates the two report screenshots in docs/: the shipped seed edition
# against a synthetic edit of itself, and a synthetic pair (both made by
# examples/report_screens.rs; no other edition's text is used).
# Needs Chromium (Debian package: chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
    echo "error: $CHROMIUM not found; install it with: apt-get install -y --no-install-recommends chromium" >&2
    exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo run --quiet --example report_screens -- "$work" versions/trafficking-coordination/A-RES-76-186.ar.txt

shot() { # html png height
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$work/profile" --screenshot="$2" \
        --window-size=1200,"$3" "file://$1" 2>/dev/null
}
shot "$work/seed-report.html" docs/report-seed-ar.png 1600
shot "$work/synthetic-report.html" docs/report-synthetic.png 1600
ls -l docs/report-seed-ar.png docs/report-synthetic.png
