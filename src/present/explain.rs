//! `parkscore explain`: how one park's result came about, for a terminal.

use std::fmt::Write;

use crate::evaluate::{IndicatorScore, ParkResult, YearResult};
use crate::model::{Dataset, Formula, Methodology, Park, Status};

use super::format::{fixed, grouped, percent, trimmed};
use super::Audience;

/// The full explanation of `p` in `r`, as plain text.
pub fn explain(
    data: &Dataset,
    r: &YearResult,
    m: &Methodology,
    p: &ParkResult,
    audience: Audience,
) -> String {
    let park = &data.parks[p.park];
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} {}  ({} · {} · {})",
        park.id,
        park.name,
        park.district,
        park.zone,
        park.zone_level.label()
    );
    let _ = writeln!(
        o,
        "{} 年度评价 · 适用办法: {} ({})",
        r.year, m.title, m.source
    );
    let _ = writeln!(o, "状态 status: {} {}", p.status.id(), p.status.label());
    if let Some(src) = park.years.get(&r.year).and_then(|rec| rec.roster.as_ref()) {
        let text = super::provenance::roster_text(src);
        let _ = writeln!(o, "名录 roster: {} {text}", src.metrics.join(", "));
    }
    if p.status != Status::Rated {
        unrated(&mut o, park, r.year, m, p, audience);
        return o;
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "指标 indicators (efficacy: score = {} + {} × (x − x_s)/(x_h − x_s), clamped)",
        trimmed(m.efficacy.base, 2),
        trimmed(m.efficacy.span, 2)
    );
    let ctx = Ctx {
        park,
        year: r.year,
        m,
        audience,
    };
    for k in 0..p.indicators.len() {
        indicator(&mut o, &ctx, r, p, k);
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "维度 dimensions:");
    for (d, score) in p.dimensions.iter().enumerate() {
        let w = m.dimension_weight(d);
        let _ = writeln!(
            o,
            "  {:<16} {} / {}",
            m.dimensions[d].label,
            score,
            trimmed(w, 2)
        );
    }
    let _ = writeln!(o);
    bonus(&mut o, park, r.year, m, p);
    let _ = writeln!(o);
    totals(&mut o, r, m, p);
    o
}

/// What every part of one park's explanation needs to know.
struct Ctx<'a> {
    park: &'a Park,
    year: i32,
    m: &'a Methodology,
    audience: Audience,
}

impl Ctx<'_> {
    /// `id = value unit` for each metric of `f` this audience may see, from the
    /// record of `year` (`—` where it has none).
    fn inputs(&self, f: &Formula, year: i32) -> Vec<String> {
        let record = self.park.years.get(&year);
        f.metrics()
            .iter()
            .filter_map(|id| self.m.metrics.get(*id).map(|d| (*id, d)))
            .filter(|(_, d)| self.audience.may_show_metric(d))
            .map(|(id, d)| {
                let v = record.and_then(|r| r.metrics.get(id)).copied();
                format!("{id} = {} {}", grouped(v.unwrap_or(f64::NAN), 4), d.unit)
            })
            .collect()
    }

    /// Whether every metric of `f` may be shown (so may a value computed from them).
    fn may_show(&self, f: &Formula) -> bool {
        f.metrics().iter().all(|id| {
            self.m
                .metrics
                .get(*id)
                .is_some_and(|d| self.audience.may_show_metric(d))
        })
    }
}

/// Why an unrated park has no score, and its tier if it has one.
fn unrated(
    o: &mut String,
    park: &Park,
    year: i32,
    m: &Methodology,
    p: &ParkResult,
    audience: Audience,
) {
    let reason = match p.status {
        Status::Vetoed => {
            let labels: Vec<String> = p
                .vetoes
                .iter()
                .map(|v| {
                    format!(
                        "{v}（{}）",
                        m.vetoes.get(v).map(|x| x.label.as_str()).unwrap_or("")
                    )
                })
                .collect();
            format!("一票否决，不得参评: {}", labels.join("、"))
        }
        Status::NotReported => "数据缺报: 年度记录标记为 not_reported，列为 C 档、不排名".into(),
        Status::OutOfScope => format!(
            "不纳入评价: 园区所在开发区级别为 {}（{}），不在评价范围内",
            park.zone_level.id(),
            park.zone_level.label()
        ),
        Status::Transition => format!(
            "过渡期: {} 年开园，距评价年度不足 {} 年",
            park.opened, m.scope.transition_years
        ),
        _ => String::new(),
    };
    let _ = writeln!(o, "原因 reason: {reason}");
    if audience.is_internal() {
        if let Some(note) = park.years.get(&year).and_then(|r| r.note.as_deref()) {
            let _ = writeln!(o, "备注 note: {note}");
        }
    }
    if let Some(t) = p.tier {
        let _ = writeln!(o, "分档 tier: {}", t.as_str());
    }
}

/// One indicator: formula, inputs, value and anchors, growth, contribution.
fn indicator(o: &mut String, ctx: &Ctx, r: &YearResult, p: &ParkResult, k: usize) {
    let (m, s) = (ctx.m, &p.indicators[k]);
    let ind = &m.indicators[k];
    let _ = writeln!(
        o,
        "  {} {} [{}]  weight {}",
        ind.id,
        ind.label,
        m.dimensions[ind.dimension].label,
        trimmed(ind.weight, 2)
    );
    let _ = writeln!(o, "    formula  {}", ind.formula.source);
    let inputs = ctx.inputs(&ind.formula, ctx.year);
    if !inputs.is_empty() {
        let _ = writeln!(o, "    inputs   {}", inputs.join(", "));
    }
    let record = ctx.park.years.get(&ctx.year);
    if let Some(src) = record.and_then(|rec| super::provenance::formula_sources(rec, &ind.formula))
    {
        let _ = writeln!(o, "    source   {src}");
    }
    let level = r.anchors[k].level.expect("rated parks have level anchors");
    let _ = writeln!(
        o,
        "    value    {} {}   x_s = {}, x_h = {}{}  → level score {}",
        trimmed(s.value, 4),
        ind.unit,
        trimmed(level.x_s, 4),
        trimmed(level.x_h, 4),
        if level.no_spread {
            " (no spread: middle score)"
        } else {
            ""
        },
        fixed(s.level_score, 2)
    );
    if ind.has_growth() {
        growth(o, ctx, r, s, k);
    }
    let _ = writeln!(
        o,
        "    combined {}   × weight {} / 100 = contribution {}",
        fixed(s.combined, 4),
        trimmed(ind.weight, 2),
        s.contribution
    );
}

/// The growth part: which formula growth is measured on (when it differs from the
/// level formula), the inputs of the year before, the rate and its score.
fn growth(o: &mut String, ctx: &Ctx, r: &YearResult, s: &IndicatorScore, k: usize) {
    let ind = &ctx.m.indicators[k];
    let gf = ind.growth_formula();
    let own = ind.growth_formula.is_some() && gf.source != ind.formula.source;
    let (prev, year) = (ctx.year - 1, ctx.year);
    if own {
        let _ = writeln!(
            o,
            "    growth formula  {}  (differs from the level formula: growth compares {} of {prev} and {year}, not the indicator value)",
            gf.source, gf.source
        );
    }
    let prev_inputs = ctx.inputs(gf, prev);
    if ctx.park.years.contains_key(&prev) && !prev_inputs.is_empty() {
        let _ = writeln!(o, "    {prev} inputs  {}", prev_inputs.join(", "));
    }
    if own {
        let now = ctx.inputs(gf, year);
        if !now.is_empty() {
            let _ = writeln!(o, "    {year} inputs  {}", now.join(", "));
        }
    }
    match (&s.growth, &s.growth_gap, r.anchors[k].growth) {
        (Some(g), _, Some(ga)) => {
            // gf values are indicator values unless growth has its own formula.
            let rate = if !own || ctx.may_show(gf) {
                format!(
                    "({} − {}) ÷ {} = {}",
                    trimmed(g.current, 4),
                    trimmed(g.previous, 4),
                    trimmed(g.previous, 4),
                    percent(g.value)
                )
            } else {
                percent(g.value)
            };
            let _ = writeln!(
                o,
                "    growth   {rate} (split {}/{})   x_s = {}, x_h = {}  → growth score {}",
                trimmed(ind.split.level, 2),
                trimmed(ind.split.growth, 2),
                percent(ga.x_s),
                percent(ga.x_h),
                fixed(g.score, 2)
            );
        }
        (_, Some(gap), _) => {
            let _ = writeln!(
                o,
                "    growth   unavailable: {} → level score carries the full weight",
                gap.describe(ctx.year)
            );
        }
        _ => {}
    }
}

/// Honors, counted or not, and why.
fn bonus(o: &mut String, park: &Park, year: i32, m: &Methodology, p: &ParkResult) {
    if p.bonus_items.is_empty() {
        let _ = writeln!(o, "加分 bonus: none (no honors up to {year})");
        return;
    }
    let _ = writeln!(o, "加分 bonus (cap {}):", m.bonus.cap);
    for b in &p.bonus_items {
        let honor = &park.honors[b.honor];
        let _ = writeln!(
            o,
            "  [{}] {} {}/{} {}  {} 分 — {}",
            if b.counted { "x" } else { " " },
            b.year,
            b.category,
            b.kind,
            honor.title,
            b.points,
            b.reason.describe()
        );
    }
}

/// base + bonus = total, rank, tier, award, flags.
fn totals(o: &mut String, r: &YearResult, m: &Methodology, p: &ParkResult) {
    let (base, bonus, total) = (
        p.base.unwrap_or_default(),
        p.bonus.unwrap_or_default(),
        p.total.unwrap_or_default(),
    );
    let _ = writeln!(
        o,
        "基础得分 base {base} + 加分 bonus {bonus} = 总分 total {total}"
    );
    let _ = writeln!(
        o,
        "排名 rank {} of {} · 分档 tier {} · 奖励 award {} {}",
        p.rank.unwrap_or(0),
        r.summary.rated,
        p.tier.map(|t| t.as_str()).unwrap_or("—"),
        p.award.unwrap_or_default(),
        m.awards.unit
    );
    if !p.flags.is_empty() {
        let flags: Vec<String> = p
            .flags
            .iter()
            .map(|f| format!("{} ({})", f.id(), f.label()))
            .collect();
        let _ = writeln!(o, "flags: {}", flags.join(", "));
    }
}

/// The what-if section (升档测算) of `explain`: per indicator, what alone would lift
/// the park into the next tier.
pub fn explain_whatif(m: &Methodology, w: &crate::analysis::WhatIf, audience: Audience) -> String {
    let v = super::whatif::whatif_view(m, w, audience);
    let mut o = String::new();
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "升档测算 what-if: tier {} → {} (one indicator at a time through its driver metric; other data fixed, anchors recomputed; up to +{}% of the value)",
        v.tier,
        v.target,
        trimmed(crate::analysis::whatif::MAX_RISE * 100.0, 0)
    );
    for i in &v.indicators {
        let _ = writeln!(o, "  {} {}: {}", i.id, i.label, i.text);
    }
    o
}

/// `explain --format json`: the park's full result entry (as in results.json, with
/// anchors per indicator) and its what-if, for scripts.
#[derive(serde::Serialize)]
pub struct ExplainJson<'a> {
    pub year: i32,
    pub methodology: super::results::MethodologyRef<'a>,
    pub methodology_source: &'a str,
    pub rated: usize,
    pub park: super::results::ParkJson<'a>,
    pub what_if: Option<super::whatif::WhatIfView<'a>>,
    /// Set when a roster supplied some of the year's metrics.
    pub roster: Option<super::provenance::RosterSourceJson<'a>>,
}

pub fn explain_json<'a>(
    data: &'a Dataset,
    r: &'a YearResult,
    m: &'a Methodology,
    p: &'a ParkResult,
    what_if: Option<&crate::analysis::WhatIf>,
    audience: Audience,
) -> ExplainJson<'a> {
    ExplainJson {
        year: r.year,
        methodology: super::results::MethodologyRef {
            year: m.year,
            title: &m.title,
        },
        methodology_source: &m.source,
        rated: r.summary.rated,
        park: super::results::park_json(data, r, m, p, audience),
        what_if: what_if.map(|w| super::whatif::whatif_view(m, w, audience)),
        roster: super::provenance::roster_json(data.parks[p.park].years.get(&r.year)),
    }
}
