#!/usr/bin/env python3
"""Give the sample city (data/) enterprise rosters for ten of its parks, once.

    scripts/sample-rosters.py [DATA]      # default: data/

For each chosen park and year it invents the firms behind the year's record: the
roster sums reproduce the record's derived metrics exactly (enterprises, revenue to
the cent, 规上, 小升规, recognitions, patents, the leading industry), so the published
results do not move. Then it removes those metrics from the park records and adds
`leading_industry_codes`. Firms persist across years (same USCC, same entry date),
leave with a reason, and some reappear in another park the next year: the firms of
qx-wujin (closed at the end of 2022) move to qx-qipei-sc, a firm relocates from
gx-qinggong to ms-qinggong and one from mc-xincai to gx-xincai. Two entrants of 2023
break the entry rules of the methodology's `admission` section.

It reads the metrics from the park files, so it only works on records that still
hold them (the state before this script ran; see git history). Deterministic.
Standard library only.
"""
import os
import random
import re
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "data"
rng = random.Random(20240301)

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
DERIVED = ["enterprises", "new_enterprises", "revenue_wan", "tax_wan", "rd_wan",
           "leading_enterprises", "leading_revenue_wan", "above_scale", "new_above_scale",
           "innovative_sme_new", "specialized_new", "little_giant_new", "hitech_new",
           "patents_invention", "patents_utility", "patents_design"]
RECOG = ["innovative_sme", "specialized", "little_giant", "hitech"]
COLUMNS = ["uscc", "name", "industry", "entered", "exited", "exit_reason", "employees",
           "revenue_wan", "tax_wan", "rd_wan", "above_scale_since", "patents_invention",
           "patents_utility", "patents_design", "recognitions"]
CODES = {"智能装备": ["C34", "C35"], "汽车零部件": ["C36"], "新材料": ["C26", "C30"],
         "电子信息": ["C39"], "生物医药": ["C27"], "绿色食品": ["C13", "C14"],
         "纺织服装": ["C17", "C18"], "新能源": ["C38"], "精密五金": ["C33"],
         "家居建材": ["C21", "C30"], "现代轻工": ["C19", "C22", "C24"], "节能环保": ["C42", "C35"]}
OTHER = ["C13", "C17", "C19", "C21", "C22", "C26", "C29", "C30", "C33", "C34", "C35", "C36",
         "C38", "C39", "C40", "C41", "C42"]
SERVICE = ["F5179", "M7320", "L7212", "I6510"]
AREA = {"高新区": "330761", "经开区": "330762", "沐城区": "330702", "滨江区": "330703",
        "梅山县": "330721", "桐岭县": "330722", "清溪县": "330723", "安平县": "330724"}
WORDS = ["恒", "瑞", "华", "达", "鑫", "宏", "泰", "盛", "远", "嘉", "锦", "源", "航", "晟",
         "拓", "凯", "博", "创", "信", "润", "启", "明", "丰", "卓", "永", "新", "联", "正"]
TRADE = {"C13": "食品", "C14": "食品", "C17": "纺织", "C18": "服饰", "C19": "皮革制品",
         "C21": "家具", "C22": "纸业", "C24": "文体用品", "C26": "化工新材料", "C27": "生物医药",
         "C29": "塑胶", "C30": "建材", "C33": "五金", "C34": "机械", "C35": "装备",
         "C36": "汽车部件", "C38": "电气", "C39": "电子", "C40": "仪器", "C41": "制品",
         "C42": "再生资源", "F51": "商贸", "M73": "技术研究", "L72": "企业管理", "I65": "软件"}

# park -> roster years
PARKS = {
    "bj-fangzhi": [2021, 2022, 2023], "gx-qinggong": [2021, 2022, 2023],
    "gx-xincai": [2021, 2022, 2023], "jk-qipei": [2021, 2022, 2023],
    "mc-xincai": [2021, 2022, 2023], "ms-qinggong": [2021, 2022, 2023],
    "tl-yiyao": [2021, 2022, 2023], "ap-dianzi-cy": [2022, 2023],
    "qx-wujin": [2021, 2022], "qx-qipei-sc": [2023],
}
# (from park, year, how, to park, next year): relocations between parks. "exit": a firm
# that left during the year (reason relocated); "end": a firm there at year end (the
# park closed).
MOVES = [("gx-qinggong", 2022, "exit", "ms-qinggong", 2023),
         ("mc-xincai", 2022, "exit", "gx-xincai", 2023),
         ("qx-wujin", 2022, "end", "qx-qipei-sc", 2023),
         ("qx-wujin", 2022, "end", "qx-qipei-sc", 2023)]
# entrants that break the entry rules: (park, year) -> kind
FLAGGED = {("gx-xincai", 2023): "service", ("jk-qipei", 2023): "medium"}

used_uscc, used_names = set(), set()


def uscc(district):
    while True:
        body = "91" + AREA.get(district, "330700") + "".join(rng.choice(ALPHABET) for _ in range(9))
        s = sum(ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
        u = body + ALPHABET[(31 - s % 31) % 31]
        if u not in used_uscc:
            used_uscc.add(u)
            return u


def name(code):
    trade = TRADE.get(code[:3], "科技")
    while True:
        n = "沐江" + rng.choice(WORDS) + rng.choice(WORDS) + trade + rng.choice(["有限公司", "科技有限公司", "股份有限公司"])
        if n not in used_names:
            used_names.add(n)
            return n


def day(year):
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


class Firm:
    def __init__(self, district, code, entered):
        self.industry = code
        self.uscc = uscc(district)
        self.name = name(code)
        self.entered = entered
        self.since = None


def parse_park(text):
    years, cur = {}, None
    for line in text.split("\n"):
        m = re.match(r"^  (\d{4}):\s*(#.*)?$", line)
        if m:
            cur = int(m.group(1))
            continue
        m = re.match(r"^\s*metrics: \{(.*)\}\s*(#.*)?$", line)
        if m and cur is not None:
            years[cur] = {k.strip(): v.strip() for k, v in (kv.split(":", 1) for kv in m.group(1).split(", "))}
    return years


def cents(v):
    whole, _, frac = v.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def money(c):
    s = f"{c // 100}.{c % 100:02d}"
    return s.rstrip("0").rstrip(".")


def split(total, weights, caps=None):
    """Integer cents summing exactly to total, proportional to weights (caps respected when possible)."""
    if not weights:
        assert total == 0, total
        return []
    w = sum(weights)
    out = [int(total * x / w) for x in weights]
    out[max(range(len(out)), key=lambda i: weights[i])] += total - sum(out)
    return out


def revenues(total, big, small):
    """Revenue (cents) for 规上 firms (≥ 2,000 万元 where the budget allows) and the rest (< 1,950)."""
    ws = [rng.lognormvariate(0, 0.8) for _ in small]
    if not big:
        return [], split(total, ws)
    small_total = max(min(total - 2_100_00 * len(big), int(0.45 * total)), int(0.1 * total)) if small else 0
    sm = split(small_total, ws) if small else []
    for i, v in enumerate(sm):
        cap = 1_950_00 - rng.randint(0, 90_000)
        if v > cap:
            sm[i] = cap
    big_total = total - sum(sm)
    extra = big_total - 2_000_00 * len(big)
    if extra >= 0:
        bg = [2_000_00 + x for x in split(extra, [rng.lognormvariate(0, 0.7) for _ in big])]
    else:
        bg = split(big_total, [1.0 for _ in big])
    return bg, sm


def solve_year(park, year, rec, prev_end, movers_in, district, codes, first):
    """The rows of one roster year. prev_end: firms at the end of last year's roster."""
    E, N = int(rec["enterprises"]), int(rec["new_enterprises"])
    L, AS, NAS = int(rec["leading_enterprises"]), int(rec["above_scale"]), int(rec["new_above_scale"])
    lead = lambda f: any(f.industry.startswith(c) for c in codes)
    others = [c for c in OTHER if not any(c.startswith(x) for x in codes)]
    if first:
        prev_end = []
        for _ in range(E - N + max(1, E // 20)):
            f = Firm(district, "", day(rng.randint(max(2008, year - 9), year - 1)))
            prev_end.append(f)
        # industries for the first year: exactly L leading among those staying (decided below)
    X = len(prev_end) + N - E
    assert X >= 0, (park, year, X)
    # exits: prefer non-规上 firms
    order = sorted(prev_end, key=lambda f: (f.since is not None, rng.random()))
    exits = order[:X]
    stay = [f for f in prev_end if f not in exits]
    # entrants: movers first, then new firms
    entrants = list(movers_in)
    flag = FLAGGED.get((park, year))
    while len(entrants) < N:
        f = Firm(district, "", day(year))
        if flag == "service" and not any(getattr(e, "flag", None) for e in entrants):
            f.industry = rng.choice(SERVICE[1:2]); f.flag = "service"
            f.name = name(f.industry)
        elif flag == "medium" and not any(getattr(e, "flag", None) for e in entrants):
            f.flag = "medium"
        entrants.append(f)
    for f in entrants:
        if f not in movers_in:
            f.entered = day(year)
    end = stay + entrants
    # leading industry: exactly L at year end
    fixed = [f for f in end if f.industry]
    free = [f for f in end if not f.industry]
    need = L - sum(1 for f in fixed if lead(f))
    if need < 0 or need > len(free):  # reclassify continuing firms (行业代码调整) to reach L
        pool = [f for f in fixed if f not in movers_in and not getattr(f, "flag", None)]
        rng.shuffle(pool)
        while need < 0 and pool:
            f = pool.pop()
            if lead(f):
                f.industry = rng.choice(others) + str(rng.randint(10, 99)); need += 1
        while need > len(free) and pool:
            f = pool.pop()
            if not lead(f):
                f.industry = rng.choice(codes) + str(rng.randint(10, 99)); need -= 1
    rng.shuffle(free)
    for i, f in enumerate(free):
        f.industry = (rng.choice(codes) if i < need else rng.choice(others)) + (str(rng.randint(10, 99)) if rng.random() < 0.7 else "")
        if first and f in stay and i >= need and rng.random() < 0.08:
            f.industry = rng.choice(SERVICE)
        f.name = name(f.industry)
    for f in exits:
        if not f.industry:
            f.industry = rng.choice(others)
            f.name = name(f.industry)
    assert sum(1 for f in end if lead(f)) == L, (park, year)
    # 规上: AS at year end, NAS of them since this year
    keep = AS - NAS
    prev_big = [f for f in stay if f.since is not None]
    medium = [f for f in entrants if getattr(f, "flag", None) == "medium"]
    for f in medium:
        f.since = year - 4
    prev_big = medium + prev_big
    if first:
        prev_big = medium + rng.sample([f for f in stay if f not in medium], max(0, keep - len(medium)))
        for f in prev_big:
            if f.since is None:
                f.since = rng.randint(max(int(f.entered[:4]), year - 6), year - 1)
    for f in entrants:  # a 规上 firm relocating in keeps its spell
        if keep > len(prev_big) and f not in movers_in and not getattr(f, "flag", None):
            f.since = year - 2
            prev_big.append(f)
    assert keep <= len(prev_big), (park, year, keep, len(prev_big))
    for f in prev_big[keep:]:
        f.since = None
    for f in end:
        if f not in prev_big[:keep]:
            f.since = None
    candidates = [f for f in end if f.since is None and not getattr(f, "flag", None)]
    for f in rng.sample(candidates, NAS):
        f.since = year
    assert sum(1 for f in end if f.since is not None) == AS
    rows = []
    for f in end:
        rows.append({"firm": f, "exited": "", "reason": ""})
    for f in exits:
        d = day(year)
        if d < f.entered:
            d = f.entered
        rows.append({"firm": f, "exited": d, "reason": rng.choice(["relocated", "closed", "closed", "graduated", "evicted", "other"])})
    rows.sort(key=lambda r: (r["firm"].entered, r["firm"].uscc))
    return rows, end, exits


def figures(rows, rec, codes, year):
    lead = lambda f: any(f["firm"].industry.startswith(c) for c in codes)
    R, LR = cents(rec["revenue_wan"]), cents(rec["leading_revenue_wan"])
    for group, target in ((True, LR), (False, R - LR)):
        members = [r for r in rows if lead(r) == group]
        big = [r for r in members if r["firm"].since is not None and not r["exited"]]
        small = [r for r in members if r not in big]
        bg, sm = revenues(target, big, small)
        for r, v in zip(big + small, bg + sm):
            r["revenue"] = v
    for key, total in (("tax", cents(rec["tax_wan"])), ("rd", cents(rec["rd_wan"]))):
        ws = [max(r["revenue"], 1) * rng.uniform(0.3, 1.7) for r in rows]
        for r, v in zip(rows, split(total, ws)):
            r[key] = v
    for key in ("patents_invention", "patents_utility", "patents_design"):
        total = int(rec[key])
        for r in rows:
            r[key] = 0
        for _ in range(total):
            r = rng.choice(rows[: max(1, len(rows))])
            r[key] += 1
    for r in rows:
        r["recog"] = []
    ends = [r for r in rows if not r["exited"]]
    for kind, key in zip(RECOG, ["innovative_sme_new", "specialized_new", "little_giant_new", "hitech_new"]):
        for r in rng.sample(ends, int(rec[key])):
            r["recog"].append(kind)
    for r in rows:
        f = r["firm"]
        rev = r["revenue"] / 100
        emp = int(rev / rng.uniform(35, 90))
        r["employees"] = 420 if getattr(f, "flag", None) == "medium" and f.entered.startswith(str(year)) else max(3, min(emp, 280))


def write(park, year, rows):
    path = os.path.join(DATA, "enterprises", park, f"{year}.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = [",".join(COLUMNS)]
    for r in rows:
        f = r["firm"]
        since = "" if r["exited"] else (str(f.since) if f.since is not None else "")
        vals = [f.uscc, f.name, f.industry, f.entered, r["exited"], r["reason"], str(r["employees"]),
                money(r["revenue"]), money(r["tax"]), money(r["rd"]), since,
                str(r["patents_invention"]), str(r["patents_utility"]), str(r["patents_design"]),
                ";".join(k for k in RECOG if k in r["recog"])]
        lines.append(",".join(vals))
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("\ufeff" + "\r\n".join(lines) + "\r\n")


def strip(text, year):
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if re.match(rf"^  {year}:\s*(#.*)?$", line):
            for j in range(i + 1, min(i + 6, len(lines))):
                m = re.match(r"^(\s*metrics: \{)(.*)(\}.*)$", lines[j])
                if m:
                    kept = [kv for kv in m.group(2).split(", ") if kv.split(":")[0].strip() not in DERIVED]
                    lines[j] = m.group(1) + ", ".join(kept) + m.group(3)
                    break
            break
    return "\n".join(lines)


def main():
    texts, records, districts, codes = {}, {}, {}, {}
    for park in PARKS:
        t = open(os.path.join(DATA, "parks", f"{park}.yaml"), encoding="utf-8").read()
        texts[park], records[park] = t, parse_park(t)
        districts[park] = re.search(r"^district: \"?([^\"\n]+)", t, re.M).group(1)
        names = re.findall(r'"([^"]+)"', re.search(r"^leading_industries: \[(.*)\]", t, re.M).group(1))
        codes[park] = sorted({c for n in names for c in CODES[n]})
    ends, relocating = {}, {}
    for year in (2021, 2022, 2023):
        for park in sorted(PARKS):
            if year not in PARKS[park]:
                continue
            movers = []
            for (src, y_out, how, dst, y_in) in MOVES:
                if dst == park and y_in == year:
                    pool = relocating[src] if how == "exit" else ends[(src, y_out)]
                    f = next(f for f in pool if not getattr(f, "moved", False) and f.since is None
                             and f.industry.startswith("C"))
                    f.moved = True
                    f.entered = day(year)
                    movers.append(f)
            first = year == PARKS[park][0]
            rows, end, exits = solve_year(park, year, records[park][year], ends.get((park, year - 1), []),
                                          movers, districts[park], codes[park], first)
            figures(rows, records[park][year], codes[park], year)
            ends[(park, year)] = end
            for (src, y_out, how, _, _) in MOVES:
                if src == park and y_out == year and how == "exit":
                    r = next(r for r in rows if r["exited"] and r["firm"].since is None
                             and r["firm"].industry.startswith("C") and r["reason"] != "relocated!")
                    r["reason"] = "relocated"
                    relocating.setdefault(park, []).append(r["firm"])
            write(park, year, rows)
            texts[park] = strip(texts[park], year)
    for park, t in texts.items():
        line = "leading_industry_codes: [" + ", ".join(codes[park]) + "]"
        t = re.sub(r"^(leading_industries: .*)$", lambda m: m.group(1) + "\n" + line, t, count=1, flags=re.M)
        open(os.path.join(DATA, "parks", f"{park}.yaml"), "w", encoding="utf-8").write(t)
    print(f"rosters for {len(PARKS)} parks written to {DATA}/enterprises", file=sys.stderr)


if __name__ == "__main__":
    main()
