#!/usr/bin/env bash
# Benchmark (not a timed test): parkscore's site build against Hugo rendering the
# same pages (without charts), on a synthetic city from gen-parks, in one run so
# both see the same machine and disk. Measures, with /usr/bin/time -v:
#   1. a full build into a fresh folder, parkscore and Hugo in turn, RUNS times each
#      (medians, and the median of the paired ratios parkscore / Hugo);
#   2. a rebuild with nothing changed into the existing folder (paired with Hugo
#      rebuilding into its existing public/), and how many files kept their inode
#      and mtime; such a rebuild stops early (docs/output.md, "Nothing changed"),
#      so it is also timed with the build record removed first: load, evaluate,
#      render and compare every file, as after any edit;
#   3. peak memory (max RSS) of the full build;
#   4. an incremental rebuild after editing one park, compared with `diff -r`
#      against a fresh build of the edited data.
#
# Usage: scripts/bench.sh [PARKS] (default 3000)
# Env: GEN_PARKS (gen-parks; default ../shared/tools/gen-parks from the repo root),
#      BENCH_DIR (scratch folder; default target/bench), SEED (1), RUNS (3),
#      AUDIENCE (public), HUGO (hugo; set HUGO= to skip the comparison),
#      PARKSCORE (a parkscore binary; default: cargo build --release),
#      SETTLE (seconds to wait after deleting earlier outputs; default 35),
#      EDITIONS (2: Hugo renders its pages twice, as parkscore renders zh and en/; 1: once).
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
# their front matter (JSON), layouts with the same tables (the charts' data tables
# included). Made from results.json and the parks' profiles in the data files.
hugo_site() {
  local site="$1" dest="$2" data="$3"
  rm -rf "$dest"; mkdir -p "$dest"
  python3 - "$site" "$dest" "$data" <<'PY'
import json, os, re, sys
site, dest, data = sys.argv[1], sys.argv[2], sys.argv[3]
years = sorted(int(d) for d in os.listdir(site) if d.isdigit())
res = {y: json.load(open(f"{site}/{y}/results.json")) for y in years}
c = f"{dest}/content"

def page(path, front, body=""):
    os.makedirs(os.path.dirname(f"{c}/{path}"), exist_ok=True)
    with open(f"{c}/{path}", "w") as f:
        f.write(json.dumps(front, ensure_ascii=False) + "\n" + body)

def f2(v):
    return "—" if v is None else f"{v:.2f}"

# Each park's profile: the top-level scalars of its file (no YAML library needed).
profile = {}
for name in sorted(os.listdir(f"{data}/parks")):
    text = open(f"{data}/parks/{name}").read()
    top = dict(re.findall(r'^(\w+): "?([^"\n]*)"?$', text, re.M))
    profile[top.get("id", name[:-5])] = top

def row(p):
    return {"id": p["id"], "name": p["name"], "district": p["district"], "rank": p["rank"] or "",
            "tier": p["tier"] or "—", "total": f2(p["total"]), "base": f2(p["base"]),
            "bonus": f2(p["bonus"]), "award": f2(p["award"]), "status": p["status"],
            "dims": [f2(d["score"]) for d in p.get("dimensions", [])]}

def card(y, p, trend):
    inds = [{"id": i["id"], "value": f2(i["value"]), "xs": f2(i.get("x_s")), "xh": f2(i.get("x_h")),
             "level": f2(i["level_score"]), "growth": f2(i["growth"]), "gscore": f2(i["growth_score"]),
             "combined": f2(i["combined"]), "weight": f2(i.get("weight")),
             "contribution": f2(i["contribution"])} for i in p.get("indicators", [])]
    dims = [{"id": d["id"], "score": f2(d["score"]), "attainment": f2(d["attainment"])}
            for d in p.get("dimensions", [])]
    return {"title": f"{p['name']} · {y}年度评分", "layout": "scorecard", "year": y, "park": row(p),
            "profile": profile.get(p["id"], {}), "indicators": inds, "dims": dims,
            "honors": p.get("bonus_items", []), "trend": trend,
            "shares": [{"tier": t, "share": "—"} for t in "ABC"]}

history = {}
for y in years:
    for p in res[y]["parks"]:
        history.setdefault(p["id"], []).append({"year": y, **row(p)})
for y in years:
    rows = [row(p) for p in res[y]["parks"]]
    s = res[y]["summary"]
    front = {"title": f"{y}年度评价结果", "layout": "year", "year": y, "totals": s,
             "rated": [r for r in rows if r["rank"]], "unrated": [r for r in rows if not r["rank"]]}
    page(f"{y}/_index.md", front)
    if y == years[-1]:
        page("_index.md", {**front, "title": "评价结果"})
    page(f"{y}/parks/_index.md", {"title": "parks", "_build": {"render": "never", "list": "always"}})
    page(f"{y}/robustness.md", {"title": f"{y}年度分档稳健性", "layout": "robustness",
                                "rows": [r for r in rows if r["rank"]]})
    for p in res[y]["parks"]:
        page(f"{y}/parks/{p['id']}.md", card(y, p, history[p["id"]]))
page("parks/_index.md", {"title": "全部园区", "layout": "parks",
                         "rows": [{"id": k, **v[-1], "profile": profile.get(k, {})}
                                  for k, v in sorted(history.items())]})
districts = {}
for k, v in sorted(history.items()):
    page(f"parks/{k}.md", {"title": v[-1]["name"], "layout": "park", "history": v,
                           "profile": profile.get(k, {})})
    districts.setdefault(v[-1]["district"], []).append(v[-1])
page("districts/_index.md", {"title": "区县对比", "layout": "districts",
                             "rows": [{"slug": f"d{i}", "name": d, "parks": len(ps)}
                                      for i, (d, ps) in enumerate(sorted(districts.items()))]})
for i, (d, ps) in enumerate(sorted(districts.items())):
    page(f"districts/d{i}.md", {"title": d, "layout": "district", "parks": ps})
page("methodology/_index.md", {"title": "评价办法", "layout": "prose"}, "评价办法的版本。\n")
page("methodology/2022.md", {"title": "评价办法（2022年版）", "layout": "prose"}, "规则。\n")
page("downloads.md", {"title": "数据下载", "layout": "prose"}, "各年度结果文件。\n")
page("about.md", {"title": "关于本站", "layout": "prose"}, "# 关于本站\n\n说明。\n")

L = f"{dest}/layouts/_default"
os.makedirs(L, exist_ok=True)
park_rows = """{{ range . }}<tr data-id="{{ .id }}"><td>{{ .rank }}</td><td><a href="{{ printf "parks/%s/" .id | relURL }}">{{ .name }}</a></td><td>{{ .district }}</td>{{ range .dims }}<td>{{ . }}</td>{{ end }}<td>{{ .bonus }}</td><td>{{ .total }}</td><td>{{ .tier }}</td><td>{{ .award }}</td></tr>
{{ end }}"""
layouts = {
 "baseof.html": """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "site.css" | relURL }}"><script src="{{ "site.js" | relURL }}" defer></script></head><body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a><nav><ul>
<li><a href="{{ "/" | relURL }}">首页</a></li><li><a href="{{ "parks/" | relURL }}">园区</a></li><li><a href="{{ "districts/" | relURL }}">区县</a></li><li><a href="{{ "methodology/" | relURL }}">评价办法</a></li><li><a href="{{ "downloads/" | relURL }}">数据下载</a></li><li><a href="{{ "about/" | relURL }}">关于本站</a></li></ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>数据指纹 <code>0123456789abcdef</code></footer></body></html>""",
 "single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}""",
 "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}""",
 "prose.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}""",
 "year.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range $k, $v := .Params.totals.tiers }}<li>{{ $k }}档 {{ $v }}个</li>{{ end }}<li>参评 {{ .Params.totals.rated }}</li></ul>
<ul>{{ range $k, $v := .Params.totals.goals }}<li>{{ $k }} {{ $v.value }} / {{ $v.target }} {{ $v.met }}</li>{{ end }}</ul>
<table><thead><tr><th>名次</th><th>园区</th><th>区县</th><th>维度</th><th>加分</th><th>综合得分</th><th>分档</th><th>奖励</th></tr></thead><tbody>
{{ range .Params.rated }}<tr data-id="{{ .id }}" data-district="{{ .district }}" data-tier="{{ .tier }}"><td>{{ .rank }}</td><td><a href="{{ printf "%d/parks/%s/" $.Params.year .id | relURL }}">{{ .name }}</a></td><td>{{ .district }}</td>{{ range .dims }}<td>{{ . }}</td>{{ end }}<td>{{ .bonus }}</td><td>{{ .total }}</td><td>{{ .tier }}</td><td>{{ .award }}</td></tr>
{{ end }}</tbody></table><h2>未参评园区</h2><table><tbody>{{ range .Params.unrated }}<tr><td><a href="{{ printf "%d/parks/%s/" $.Params.year .id | relURL }}">{{ .name }}</a></td><td>{{ .district }}</td><td>{{ .status }}</td><td>{{ .tier }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "robustness.html": """{{ define "main" }}<h1>{{ .Title }}</h1><table><tbody>{{ range .Params.rows }}<tr><td>{{ .rank }}</td><td><a href="{{ printf "parks/%s/" .id | relURL }}">{{ .name }}</a></td><td>{{ .tier }}</td><td>{{ .rank }}</td><td>{{ .rank }}–{{ .rank }}</td><td>—</td><td>—</td><td>—</td><td>—</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "scorecard.html": """{{ define "main" }}{{ $p := .Params.park }}<nav><a href="{{ "/" | relURL }}">首页</a> › <span>{{ $p.name }}</span></nav><h1>{{ $p.name }}</h1>
<p>{{ $p.district }} · {{ .Params.profile.zone }}（{{ .Params.profile.zone_level }}）· {{ .Params.profile.kind }} · 编号 <code>{{ $p.id }}</code></p>
<dl><dt>综合得分</dt><dd>{{ $p.total }}</dd><dt>名次</dt><dd>第{{ $p.rank }}名</dd><dt>分档</dt><dd>{{ $p.tier }}</dd><dt>奖励</dt><dd>{{ $p.award }}</dd><dt>基础得分</dt><dd>{{ $p.base }}</dd><dt>加分</dt><dd>{{ $p.bonus }}</dd></dl>
<table><tbody>{{ range .Params.dims }}<tr><th>{{ .id }}</th><td>{{ .attainment }}</td><td>—</td></tr>{{ end }}</tbody></table>
<table><tbody>{{ range .Params.indicators }}<tr><th>{{ .id }}</th><td>{{ .combined }}</td><td>{{ .weight }}</td></tr>{{ end }}</tbody></table>
<table><thead><tr><th>指标</th><th>指标值</th><th>x_s</th><th>x_h</th><th>水平功效分</th><th>增长率</th><th>增长功效分</th><th>合成分</th><th>权重</th><th>贡献</th></tr></thead><tbody>
{{ range .Params.indicators }}<tr data-indicator="{{ .id }}"><th>{{ .id }}</th><td>{{ .value }}</td><td>{{ .xs }}</td><td>{{ .xh }}</td><td>{{ .level }}</td><td>{{ .growth }}</td><td>{{ .gscore }}</td><td>{{ .combined }}</td><td>{{ .weight }}</td><td>{{ .contribution }}</td></tr>
{{ end }}</tbody><tfoot><tr><th colspan="9">基础得分</th><td>{{ $p.base }}</td></tr><tr><th colspan="9">加分</th><td>{{ $p.bonus }}</td></tr><tr><th colspan="9">综合得分</th><td>{{ $p.total }}</td></tr></tfoot></table>
<table><tbody>{{ range .Params.dims }}<tr><th>{{ .id }}</th><td>{{ .score }}</td><td>{{ .attainment }}</td></tr>{{ end }}</tbody></table>
<table><tbody>{{ range .Params.trend }}<tr><th>{{ .year }}</th><td>{{ .status }}</td><td>{{ .total }}</td><td>{{ .rank }}</td></tr>{{ end }}</tbody></table>
<dl>{{ range .Params.shares }}<dt>落入{{ .tier }}档</dt><dd>{{ .share }}</dd>{{ end }}</dl>
<table><tbody>{{ range .Params.honors }}<tr><td>{{ .year }}</td><td>{{ .title }}</td><td>{{ .category }} {{ .kind }}</td><td>{{ .points }}</td><td>{{ .counted }} {{ .reason }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "park.html": """{{ define "main" }}<h1>{{ .Title }}</h1><dl>{{ range $k, $v := .Params.profile }}<dt>{{ $k }}</dt><dd>{{ $v }}</dd>{{ end }}</dl><table><tbody>{{ range .Params.history }}<tr><td><a href="{{ printf "%d/parks/%s/" .year .id | relURL }}">{{ .year }}</a></td><td>{{ .status }}</td><td>{{ .rank }}</td><td>{{ .tier }}</td><td>{{ .total }}</td><td>{{ .award }}</td></tr>{{ end }}</tbody></table>
<table><tbody>{{ range .Params.history }}<tr><th>{{ .year }}</th><td>{{ .status }}</td><td>{{ .total }}</td><td>{{ .rank }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "parks.html": """{{ define "main" }}<h1>{{ .Title }}</h1><table><tbody>{{ range .Params.rows }}<tr data-id="{{ .id }}"><td><a href="{{ printf "parks/%s/" .id | relURL }}">{{ .name }}</a></td><td>{{ .district }}</td><td>{{ .profile.kind }}</td><td>{{ .profile.zone_level }}</td><td>{{ .status }}</td><td>{{ .tier }}</td><td>{{ .total }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "districts.html": """{{ define "main" }}<h1>{{ .Title }}</h1><table><tbody>{{ range .Params.rows }}<tr><th><a href="{{ printf "districts/%s/" .slug | relURL }}">{{ .name }}</a></th><td>{{ .parks }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "district.html": """{{ define "main" }}<h1>{{ .Title }}</h1><table><tbody>{{ range .Params.parks }}<tr><td>{{ .rank }}</td><td><a href="{{ printf "parks/%s/" .id | relURL }}">{{ .name }}</a></td><td>{{ .status }}</td><td>{{ .tier }}</td><td>{{ .total }}</td></tr>{{ end }}</tbody></table>{{ end }}""",
 "404.html": """<!doctype html><title>页面不存在</title><p>页面不存在</p>""",
}
for name, text in layouts.items():
    path = f"{dest}/layouts/404.html" if name == "404.html" else f"{L}/{name}"
    open(path, "w").write(text)
os.makedirs(f"{dest}/static", exist_ok=True)
for asset in ("site.css", "site.js"):
    open(f"{dest}/static/{asset}", "w").write(open(f"{site}/assets/{asset}").read())
title = re.search(r'^title: (.*)$', open(f"{data}/site.yaml").read(), re.M).group(1)
open(f"{dest}/hugo.toml", "w").write(f'baseURL = "https://example.invalid/xwyq/"\ntitle = "{title}"\n'
                                      'disableKinds = ["taxonomy", "term", "RSS"]\n')
PY
  # parkscore writes every page twice (Chinese at the root, English under en/):
  # Hugo gets the same pages twice too, so both sides render the same page count.
  if [ "${EDITIONS:-2}" = 2 ] && [ -d "$site/en" ]; then
    cp -r "$dest/content" "$dest/content-en" && mv "$dest/content-en" "$dest/content/en"
  fi
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$log"; }
count() { echo "$(find "$1" -type f | wc -l) files, $(find "$1" -mindepth 1 -type d | wc -l) folders, $(du -sb "$1" | cut -f1) bytes"; }

: > "$log"
echo "data:    $data ($parks parks, seed $seed, years 2021-2023, audience $audience)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$hugo" ]; then
  rm -rf "$out"; "$ps" build --quiet --data "$data" --out "$out" --audience "$audience"
  hugo_site "$out" "$work/hugo-$parks" "$data"
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
# 2b: the same rebuild running whole (the record of the last build removed first).
for i in $(seq "$runs"); do
  rm -f "$out/.parkscore-state"
  timed whole "$ps" build --quiet --data "$data" --out "$out" --audience "$audience"
  if [ -n "$hugo" ]; then
    timed hugo3 "$hugo" --quiet --source "$work/hugo-$parks" --destination "$fresh/public-1"
  fi
done
kept=$(snap | diff - "$before" | grep -c '^<' || true)
total=$(wc -l < "$before")
echo "rebuild: $((total - kept)) of $total files kept their inode and mtime"

f=$(col fresh 2 | median); r=$(col rebuild 2 | median); rss=$(col fresh 3 | median)
echo "full build (median of $runs): ${f} s, peak RSS $((rss / 1024)) MiB"
echo "rebuild, nothing changed (median of $runs): ${r} s"
echo "rebuild running whole (record removed; median of $runs): $(col whole 2 | median) s"
if [ -n "$hugo" ]; then
  h=$(col hugo 2 | median); h2=$(col hugo2 2 | median)
  ratio() { paste <(col "$1" 2) <(col "$2" 2) | awk '{ print $1 / $2 }' | median; }
  echo "hugo full build (median of $runs): ${h} s, peak RSS $(( $(col hugo 3 | median) / 1024 )) MiB"
  echo "ratio full build / hugo (median of paired runs): $(ratio fresh hugo)"
  echo "ratio rebuild / hugo (median of paired runs): $(ratio rebuild hugo2)"
  echo "ratio rebuild running whole / hugo (median of paired runs): $(ratio whole hugo3)"
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
