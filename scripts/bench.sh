#!/usr/bin/env bash
# Benchmark (not a timed test): parkscore's site build against Hugo rendering the
# same pages (without charts), on a synthetic city from gen-parks, in one run so
# both see the same machine and disk. Measures, with /usr/bin/time -v:
#   1. a full build into a fresh folder, parkscore and Hugo in turn, RUNS times each
#      (medians, and the median of the paired ratios parkscore / Hugo);
#   2. a rebuild with nothing changed into the existing folder (paired with Hugo
#      rebuilding into its existing public/), and how many files kept their inode
#      and mtime;
#   3. peak memory (max RSS) of the full build;
#   4. an incremental rebuild after editing one park, compared with `diff -r`
#      against a fresh build of the edited data.
#
# Usage: scripts/bench.sh [PARKS] (default 3000)
# Env: GEN_PARKS (gen-parks; default ../shared/tools/gen-parks from the repo root),
#      BENCH_DIR (scratch folder; default target/bench), SEED (1), RUNS (3),
#      AUDIENCE (public), HUGO (hugo; set HUGO= to skip the comparison),
#      PARKSCORE (a parkscore binary; default: cargo build --release),
#      SETTLE (seconds to wait after deleting earlier outputs; default 35).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
parks="${1:-3000}"
gen="${GEN_PARKS:-$root/../shared/tools/gen-parks}"
work="${BENCH_DIR:-$root/target/bench}"
seed="${SEED:-1}"
runs="${RUNS:-3}"
audience="${AUDIENCE:-public}"
hugo="${HUGO-hugo}"
data="$work/data-$parks-$seed"
out="$work/site-$parks"
log="$work/time-$parks.log"

[ -x "$gen" ] || { echo "gen-parks not found at $gen (set GEN_PARKS)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
if [ -n "$hugo" ] && ! command -v "$hugo" > /dev/null; then
  echo "hugo not found (apt-get install hugo, or HUGO= to skip it)" >&2; exit 2
fi
mkdir -p "$work"
[ -d "$data" ] || "$gen" --out "$data" --parks "$parks" --years 2021-2023 --seed "$seed" >&2
if [ -z "${PARKSCORE:-}" ]; then
  (cd "$root" && cargo build --release --quiet)
  PARKSCORE="$root/target/release/parkscore"
fi
ps="$PARKSCORE"

# `timed NAME CMD...`: runs CMD under /usr/bin/time -v, appends
# "NAME wall_s rss_kb user_s sys_s" to $log.
timed() {
  local name="$1"; shift
  local t="$work/.time"
  /usr/bin/time -v "$@" > /dev/null 2> "$t" || { cat "$t" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$t")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$t")
  cpu=$(awk -F': ' '/User time|System time/ { printf "%s ", $2 }' "$t")
  echo "$name $wall $rss $cpu" >> "$log"
}

# The Hugo site of the same pages (no charts): content files with the numbers in
# their front matter (JSON), layouts with the same tables. Made from results.json.
hugo_site() {
  local site="$1" dest="$2"
  rm -rf "$dest"; mkdir -p "$dest"
  python3 - "$site" "$dest" <<'PY'
import json, os, sys
site, dest = sys.argv[1], sys.argv[2]
years = sorted(int(d) for d in os.listdir(site) if d.isdigit())
res = {y: json.load(open(f"{site}/{y}/results.json")) for y in years}
c = f"{dest}/content"

def page(path, front, body=""):
    os.makedirs(os.path.dirname(f"{c}/{path}"), exist_ok=True)
    with open(f"{c}/{path}", "w") as f:
        f.write(json.dumps(front, ensure_ascii=False) + "\n" + body)

def f2(v):
    return "—" if v is None else f"{v:.2f}"

def row(p):
    return {"id": p["id"], "name": p["name"], "district": p["district"], "rank": p["rank"] or "",
            "tier": p["tier"] or "—", "total": f2(p["total"]), "bonus": f2(p["bonus"]),
            "award": f2(p["award"]), "status": p["status"],
            "dims": [f2(d["score"]) for d in p.get("dimensions", [])]}

latest = years[-1] if years else None
for y in years:
    rows = [row(p) for p in res[y]["parks"]]
    front = {"title": f"{y}年度评价结果", "layout": "year", "year": y,
             "rated": [r for r in rows if r["rank"]], "unrated": [r for r in rows if not r["rank"]]}
    page(f"{y}/_index.md", front)
    page(f"{y}/parks/_index.md", {"title": "parks", "_build": {"render": "never", "list": "always"}})
    page(f"{y}/robustness.md", {"title": f"{y}年度分档稳健性", "layout": "robustness",
                                "rows": [r for r in rows if r["rank"]]})
    for p in res[y]["parks"]:
        inds = [{"id": i["id"], "value": f2(i["value"]), "xs": f2(i.get("x_s")), "xh": f2(i.get("x_h")),
                 "level": f2(i["level_score"]), "growth": f2(i["growth"]), "gscore": f2(i["growth_score"]),
                 "combined": f2(i["combined"]), "weight": f2(i.get("weight")),
                 "contribution": f2(i["contribution"])} for i in p.get("indicators", [])]
        page(f"{y}/parks/{p['id']}.md", {"title": f"{p['name']} · {y}年度评分", "layout": "scorecard",
             "park": row(p), "indicators": inds, "honors": p.get("bonus_items", []),
             "dims": p.get("dimensions", [])})
if latest:
    page("_index.md", {"title": "评价结果", "layout": "year", "year": latest,
                       "rated": [row(p) for p in res[latest]["parks"] if p["rank"]],
                       "unrated": [row(p) for p in res[latest]["parks"] if not p["rank"]]})
history = {}
for y in years:
    for p in res[y]["parks"]:
        history.setdefault(p["id"], {"name": p["name"], "district": p["district"], "years": []})
        history[p["id"]]["years"].append({"year": y, **row(p)})
page("parks/_index.md", {"title": "全部园区", "layout": "parks",
                         "rows": [{"id": k, **v} for k, v in sorted(history.items())]})
districts = {}
for k, v in sorted(history.items()):
    page(f"parks/{k}.md", {"title": v["name"], "layout": "park", "history": v["years"]})
    districts.setdefault(v["district"], []).append({"id": k, "name": v["name"]})
page("districts/_index.md", {"title": "区县对比", "layout": "districts",
                             "rows": [{"slug": f"d{i}", "name": d} for i, d in enumerate(sorted(districts))]})
for i, d in enumerate(sorted(districts)):
    page(f"districts/d{i}.md", {"title": d, "layout": "district", "parks": districts[d]})
page("methodology/_index.md", {"title": "评价办法", "layout": "prose"}, "评价办法的版本。\n")
page("methodology/2022.md", {"title": "评价办法（2022年版）", "layout": "prose"}, "规则。\n")
page("downloads.md", {"title": "数据下载", "layout": "prose"}, "各年度结果文件。\n")
page("about.md", {"title": "关于本站", "layout": "prose"}, "# 关于本站\n\n说明。\n")

L = f"{dest}/layouts/_default"
os.makedirs(L, exist_ok=True)
layouts = {
 "baseof.html": """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "site.css" | relURL }}"></head><body><header><a href="{{ "/" | relURL }}">首页</a>
<a href="{{ "parks/" | relURL }}">园区</a> <a href="{{ "districts/" | relURL }}">区县</a></header>
<main>{{ block "main" . }}{{ end }}</main><footer>数据指纹</footer></body></html>""",
 "single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}""",
 "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}""",
 "prose.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}""",
 "year.html": """{{ define "main" }}<h1>{{ .Title }}</h1><table><thead><tr><th>名次</th><th>园区</th><th>区县</th><th>维度</th><th>加分</th><th>综合得分</th><th>分档</th><th>奖励</th></tr></thead><tbody>
{{ range .Params.rated }}<tr data-id="{{ .id }}"><td>{{ .rank }}</td><td><a href="{{ printf "%d/parks/%s/" $.Params.year .id | relURL }}">{{ .name }}</a></td><td>{{ .district }}</td>{{ range .dims }}<td>{{ . }}</td>{{ end }}<td>{{ .bonus }}</td><td>{{ .total }}</td><td>{{ .tier }}</td><td>{{ .award }}</td></tr>
{{ end }}</tbody></table><h2>未参评园区</h2><table><tbody>{{ range .Params.unrated }}<tr><td>{{ .name }}</td><td>{{ .district }}</td><td>{{ .status }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "robustness.html": """{{ define "main" }}<h1>{{ .Title }}</h1><table><tbody>{{ range .Params.rows }}<tr><td>{{ .rank }}</td><td>{{ .name }}</td><td>{{ .tier }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "scorecard.html": """{{ define "main" }}<h1>{{ .Params.park.name }}</h1><dl><dt>综合得分</dt><dd>{{ .Params.park.total }}</dd><dt>名次</dt><dd>{{ .Params.park.rank }}</dd><dt>分档</dt><dd>{{ .Params.park.tier }}</dd></dl>
<table><thead><tr><th>指标</th><th>指标值</th><th>x_s</th><th>x_h</th><th>水平功效分</th><th>增长率</th><th>增长功效分</th><th>合成分</th><th>权重</th><th>贡献</th></tr></thead><tbody>
{{ range .Params.indicators }}<tr><th>{{ .id }}</th><td>{{ .value }}</td><td>{{ .xs }}</td><td>{{ .xh }}</td><td>{{ .level }}</td><td>{{ .growth }}</td><td>{{ .gscore }}</td><td>{{ .combined }}</td><td>{{ .weight }}</td><td>{{ .contribution }}</td></tr>
{{ end }}</tbody></table><table><tbody>{{ range .Params.dims }}<tr><th>{{ .id }}</th><td>{{ .score }}</td><td>{{ .attainment }}</td></tr>{{ end }}</tbody></table>
<table><tbody>{{ range .Params.honors }}<tr><td>{{ .year }}</td><td>{{ .category }}</td><td>{{ .kind }}</td><td>{{ .points }}</td><td>{{ .counted }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "park.html": """{{ define "main" }}<h1>{{ .Title }}</h1><table><tbody>{{ range .Params.history }}<tr><td>{{ .year }}</td><td>{{ .status }}</td><td>{{ .rank }}</td><td>{{ .tier }}</td><td>{{ .total }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "parks.html": """{{ define "main" }}<h1>{{ .Title }}</h1><table><tbody>{{ range .Params.rows }}<tr><td><a href="{{ printf "parks/%s/" .id | relURL }}">{{ .name }}</a></td><td>{{ .district }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "districts.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Params.rows }}<li><a href="{{ printf "districts/%s/" .slug | relURL }}">{{ .name }}</a></li>{{ end }}</ul>{{ end }}""",
 "district.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Params.parks }}<li>{{ .name }}</li>{{ end }}</ul>{{ end }}""",
 "404.html": """<!doctype html><title>页面不存在</title><p>页面不存在</p>""",
}
for name, text in layouts.items():
    path = f"{dest}/layouts/404.html" if name == "404.html" else f"{L}/{name}"
    open(path, "w").write(text)
os.makedirs(f"{dest}/static", exist_ok=True)
open(f"{dest}/static/site.css", "w").write("body{font-family:sans-serif}\n")
open(f"{dest}/hugo.toml", "w").write('baseURL = "https://example.invalid/xwyq/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n')
PY
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$log"; }
count() { echo "$(find "$1" -type f | wc -l) files, $(find "$1" -mindepth 1 -type d | wc -l) folders, $(du -sb "$1" | cut -f1) bytes"; }

: > "$log"
echo "data:    $data ($parks parks, seed $seed, years 2021-2023, audience $audience)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$hugo" ]; then
  rm -rf "$out"; "$ps" build --quiet --data "$data" --out "$out" --audience "$audience"
  hugo_site "$out" "$work/hugo-$parks"
  rm -rf "$out"
fi

# 1 and 3: fresh builds, in turn with Hugo, each into a folder that never existed.
# ext4 skips inodes freed in the last 30 seconds when it allocates new ones, and the
# skipping dominates a build made right after deleting a large tree (for both tools);
# so the outputs of earlier runs are deleted first, then we wait that out.
fresh="$work/fresh-$parks"
rm -rf "$fresh"; mkdir -p "$fresh"; sync; sleep "${SETTLE:-35}"
for i in $(seq "$runs"); do
  timed fresh "$ps" build --quiet --data "$data" --out "$fresh/site-$i" --audience "$audience"
  if [ -n "$hugo" ]; then
    timed hugo "$hugo" --quiet --source "$work/hugo-$parks" --destination "$fresh/public-$i"
  fi
done
out="$fresh/site-1"
echo "parkscore output: $(count "$out")"
[ -n "$hugo" ] && echo "hugo output:      $(count "$fresh/public-1")"

# 2: rebuilds with nothing changed into the existing output (Hugo overwrites its
# files in place), and how many of our files kept their inode and mtime.
snap() { (cd "$out" && find . -type f -printf '%i %T@ %p\n' | sort -k3); }
before="$work/.before"; snap > "$before"
for i in $(seq "$runs"); do
  timed rebuild "$ps" build --quiet --data "$data" --out "$out" --audience "$audience"
  if [ -n "$hugo" ]; then
    timed hugo2 "$hugo" --quiet --source "$work/hugo-$parks" --destination "$fresh/public-1"
  fi
done
kept=$(snap | diff - "$before" | grep -c '^<' || true)
total=$(wc -l < "$before")
echo "rebuild: $((total - kept)) of $total files kept their inode and mtime"

f=$(col fresh 2 | median); r=$(col rebuild 2 | median); rss=$(col fresh 3 | median)
echo "full build (median of $runs): ${f} s, peak RSS $((rss / 1024)) MiB"
echo "rebuild, nothing changed (median of $runs): ${r} s"
if [ -n "$hugo" ]; then
  h=$(col hugo 2 | median); h2=$(col hugo2 2 | median)
  ratio() { paste <(col "$1" 2) <(col "$2" 2) | awk '{ print $1 / $2 }' | median; }
  echo "hugo full build (median of $runs): ${h} s, peak RSS $(( $(col hugo 3 | median) / 1024 )) MiB"
  echo "ratio full build / hugo (median of paired runs): $(ratio fresh hugo)"
  echo "ratio rebuild / hugo (median of paired runs): $(ratio rebuild hugo2)"
fi

# 4: edit one park, rebuild incrementally, compare with a fresh build.
edited="$work/data-$parks-$seed-edited"
rm -rf "$edited"; cp -r "$data" "$edited"
parks_files=("$edited"/parks/*.yaml)
first=$(basename "${parks_files[0]}")
sed -i '0,/tax_wan: [0-9.]*/s//tax_wan: 1234.5/' "$edited/parks/$first"
cp -r "$out" "$work/site-incremental"
"$ps" build --quiet --data "$edited" --out "$work/site-incremental" --audience "$audience"
rm -rf "$work/site-fresh"
"$ps" build --quiet --data "$edited" --out "$work/site-fresh" --audience "$audience"
if diff -r "$work/site-incremental" "$work/site-fresh" > /dev/null; then
  echo "incremental rebuild after editing parks/$first: identical to a fresh build (diff -r)"
else
  echo "incremental rebuild after editing parks/$first: DIFFERS from a fresh build"; exit 1
fi
rm -rf "$work/site-incremental" "$work/site-fresh" "$edited" "$fresh"
