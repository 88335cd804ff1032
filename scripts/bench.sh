#!/usr/bin/env bash
# Benchmark (not a timed test): generate a large synthetic city with gen-parks,
# build its site with the release binary, and report pages per second and peak
# memory. Usage: scripts/bench.sh [PARKS] (default 10000).
# Env: GEN_PARKS (path to gen-parks; default ../shared/tools/gen-parks from the repo root),
#      BENCH_DIR (scratch folder; default target/bench), SEED (default 1), AUDIENCE (public).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
parks="${1:-10000}"
gen="${GEN_PARKS:-$root/../shared/tools/gen-parks}"
work="${BENCH_DIR:-$root/target/bench}"
seed="${SEED:-1}"
audience="${AUDIENCE:-public}"
data="$work/data-$parks-$seed"
out="$work/site-$parks"

[ -x "$gen" ] || { echo "gen-parks not found at $gen (set GEN_PARKS)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed for peak memory (apt-get install time)" >&2; exit 2; }
mkdir -p "$work"
if [ ! -d "$data" ]; then
  "$gen" --out "$data" --parks "$parks" --years 2021-2023 --seed "$seed" >&2
fi
(cd "$root" && cargo build --release --quiet)
rm -rf "$out"
log="$work/time-$parks.log"
/usr/bin/time -v "$root/target/release/parkscore" build --quiet --data "$data" --out "$out" --audience "$audience" 2> "$log"
wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
rss_kb=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
cpu=$(grep "Percent of CPU" "$log" | awk '{print $NF}')
pages=$(find "$out" -name '*.html' | wc -l)
files=$(find "$out" -type f | wc -l)
bytes=$(du -sb "$out" | cut -f1)
echo "parks:          $parks (seed $seed, years 2021-2023, audience $audience)"
echo "pages (html):   $pages of $files files, $((bytes / 1024 / 1024)) MiB"
echo "wall time:      ${secs} s (CPU ${cpu}, $(nproc) cores)"
awk -v p="$pages" -v s="$secs" 'BEGIN { printf "pages/second:   %.0f\n", p / s }'
awk -v k="$rss_kb" 'BEGIN { printf "peak memory:    %.0f MiB (max RSS)\n", k / 1024 }'
echo
echo "phases (benches/build.rs, same data, public audience):"
(cd "$root" && PARKSCORE_BENCH_DATA="$data" PARKSCORE_BENCH_OUT="$work/site-bench-$parks" cargo bench --quiet --bench build)
