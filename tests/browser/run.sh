#!/usr/bin/env bash
# Browser test: builds the sample site and checks it in headless Chromium.
# Needs: chromium and fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk), Node >= 20.
# Also opens the one-file report. Screenshots and print PDFs land in target/browser/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/target/browser"
mkdir -p "$out"
cd "$root"
cargo build --quiet
"$root/target/debug/parkscore" build --quiet --data "$root/data" --out "$out/site"
"$root/target/debug/parkscore" report --quiet --data "$root/data" --out "$out/report.html"
"$root/target/debug/parkscore" build --quiet --data "$root/data" --out "$out/site-internal" --audience internal
cd "$here"
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund --silent
fi
node check.js "$out/site" "$out" "$out/report.html" "$out/site-internal"
