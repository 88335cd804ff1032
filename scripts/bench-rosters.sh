#!/usr/bin/env bash
# Benchmark (not a timed test): a national roll-up with enterprise rosters.
# gen-parks makes 10,000 parks (2021-2023), gen-rosters adds the rosters; then
# `parkscore check` (load + validate + derive + evaluate) and the full internal build
# run under /usr/bin/time -v, RUNS times each, printing wall time, CPU and peak RSS.
# Usage: scripts/bench-rosters.sh [FIRM_SCALE] (default 1.2).
# Env: TOOLS (folder of gen-parks and gen-rosters; default ../shared/tools from the repo
#      root), BENCH_DIR (scratch; default target/bench), PARKS (10000), RUNS (3),
#      BUILD (1: also time the internal build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scale="${1:-1.2}"
tools="${TOOLS:-$root/../shared/tools}"
work="${BENCH_DIR:-$root/target/bench}"
parks="${PARKS:-10000}"
runs="${RUNS:-3}"
data="$work/rosters-$parks-$scale"

[ -x "$tools/gen-parks" ] && [ -x "$tools/gen-rosters" ] || { echo "gen-parks/gen-rosters not found in $tools (set TOOLS)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed for peak memory (apt-get install time)" >&2; exit 2; }
mkdir -p "$work"
if [ ! -d "$data" ]; then
  "$tools/gen-parks" --out "$data.tmp" --parks "$parks" --years 2021-2023 --seed 1 >&2
  "$tools/gen-rosters" --data "$data.tmp" --firm-scale "$scale" >&2
  mv "$data.tmp" "$data"
fi
rows=$(find "$data/enterprises" -name '*.csv' -exec cat {} + | wc -l)
echo "data:     $data ($(du -sh "$data/enterprises" | cut -f1) of rosters, $rows lines incl. headers)"
(cd "$root" && cargo build --release --quiet)
bin="$root/target/release/parkscore"

measure() { # label, command...
  local label="$1"; shift
  for i in $(seq "$runs"); do
    /usr/bin/time -v "$@" > /dev/null 2> "$work/time.log" || { cat "$work/time.log" >&2; exit 1; }
    wall=$(grep "Elapsed (wall clock)" "$work/time.log" | awk '{print $NF}')
    user=$(grep "User time" "$work/time.log" | awk '{print $NF}')
    sys=$(grep "System time" "$work/time.log" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$work/time.log" | awk '{print $NF}')
    printf '%-8s run %d: wall %s, user %s s, sys %s s, max RSS %d MiB\n' "$label" "$i" "$wall" "$user" "$sys" $((rss / 1024))
  done
}
measure check "$bin" check --quiet --data "$data"
if [ "${BUILD:-1}" = 1 ]; then
  measure build "$bin" build --quiet --data "$data" --out "$work/site-rosters" --audience internal
fi
