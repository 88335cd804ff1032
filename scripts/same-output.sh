#!/usr/bin/env bash
# A refactor changes no output: two parkscore binaries make the same site (public
# and internal), the same reports and the same `check` lines (timings aside) over
# the embedded sample city and a generated city. Prints IDENTICAL or the diff.
#
# Usage: scripts/same-output.sh OLD_BINARY NEW_BINARY
#   e.g. git worktree of main: cargo build --release; cp target/release/parkscore /tmp/old
# Env: GEN_PARKS (gen-parks; default ../shared/tools/gen-parks from the repo root),
#      PARKS (300), SEED (1), WORK (scratch folder; default target/same-output).
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_PARKS:-$root/../shared/tools/gen-parks}
work=${WORK:-$root/target/same-output}
rm -rf "$work"; mkdir -p "$work"; cd "$work"
"$gen" --out city --parks "${PARKS:-300}" --seed "${SEED:-1}" >/dev/null

outputs() { # BINARY OUT
  local bin=$1 out=$2 src data
  mkdir -p "$out"
  for src in sample city; do
    data=(); [ "$src" = city ] && data=(--data city)
    for aud in public internal; do
      "$bin" build "${data[@]}" --quiet --out "$out/$src-site-$aud" --audience "$aud"
    done
    "$bin" report "${data[@]}" --quiet --out "$out/$src-report.html"
    "$bin" report "${data[@]}" --quiet --audience public --out "$out/$src-report-public.html"
    "$bin" check "${data[@]}" 2>&1 | sed 's/ in [0-9.]* s$//' > "$out/$src-check.txt" || true
  done
}
outputs "$old" before
outputs "$new" after
diff -r before after && echo "IDENTICAL: $(find before -type f | wc -l) files"
