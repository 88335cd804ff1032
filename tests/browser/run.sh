#!/usr/bin/env bash
# Browser test: builds the sample site and checks it in headless Chromium.
# Needs: chromium and fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk), Node >= 20.
# Runs axe-core (WCAG 2.1 A/AA) on every kind of page at 1366 and 375 px, and serves
# the site under a sub-path over HTTP. Also opens the one-file report. Screenshots and print PDFs land in target/browser/.
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
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund --silent
fi
node check.js "$out/site" "$out" "$out/report.html" "$out/site-internal"
# Without base_url the 404 page finds the site's root itself: check that one under a sub-path too.
sed '/^base_url:/d' "$root/data/site.yaml" > "$out/site-no-base.yaml"
rm -rf "$out/data-no-base" && cp -r "$root/data" "$out/data-no-base" && cp "$out/site-no-base.yaml" "$out/data-no-base/site.yaml"
"$root/target/debug/parkscore" build --quiet --data "$out/data-no-base" --out "$out/site-no-base"
SUBPATH_ONLY=1 node check.js "$out/site-no-base" "$out/no-base"
