//! `parkscore explain`: how one park's result came about, for a terminal.

use std::fmt::Write;

use crate::evaluate::{ParkResult, YearResult};
use crate::model::{Dataset, Methodology, Status};

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
    let record = park.years.get(&r.year);
    if let Some(src) = record.and_then(|rec| rec.roster.as_ref()) {
        let _ = writeln!(
            o,
            "名录 roster: {} {}",
            src.metrics.join(", "),
            super::provenance::roster_text(src)
        );
    }
    if p.status != Status::Rated {
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
            Status::NotReported => {
                "数据缺报: 年度记录标记为 not_reported，列为 C 档、不排名".into()
            }
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
            if let Some(note) = record.and_then(|r| r.note.as_deref()) {
                let _ = writeln!(o, "备注 note: {note}");
            }
        }
        if let Some(t) = p.tier {
            let _ = writeln!(o, "分档 tier: {}", t.as_str());
        }
        return o;
    }

    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "指标 indicators (efficacy: score = {} + {} × (x − x_s)/(x_h − x_s), clamped)",
        trimmed(m.efficacy.base, 2),
        trimmed(m.efficacy.span, 2)
    );
    for (k, s) in p.indicators.iter().enumerate() {
        let ind = &m.indicators[k];
        let a = r.anchors[k];
        let _ = writeln!(
            o,
            "  {} {} [{}]  weight {}",
            ind.id,
            ind.label,
            m.dimensions[ind.dimension].label,
            trimmed(ind.weight, 2)
        );
        let _ = writeln!(o, "    formula  {}", ind.formula.source);
        if let Some(rec) = record {
            let inputs: Vec<String> = ind
                .formula
                .metrics()
                .iter()
                .filter(|id| {
                    m.metrics
                        .get(**id)
                        .is_some_and(|d| audience.may_show_metric(d))
                })
                .map(|id| {
                    let d = &m.metrics[*id];
                    format!(
                        "{id} = {} {}",
                        grouped(rec.metrics.get(*id).copied().unwrap_or(f64::NAN), 4),
                        d.unit
                    )
                })
                .collect();
            if !inputs.is_empty() {
                let _ = writeln!(o, "    inputs   {}", inputs.join(", "));
            }
            if let Some(src) = super::provenance::formula_sources(rec, &ind.formula) {
                let _ = writeln!(o, "    source   {src}");
            }
        }
        let level = a.level.expect("rated parks have level anchors");
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
            match (&s.growth, &s.growth_gap, a.growth) {
                (Some(g), _, Some(ga)) => {
                    let _ = writeln!(
                        o,
                        "    growth   {} (split {}/{})   x_s = {}, x_h = {}  → growth score {}",
                        percent(g.value),
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
                        gap.describe(r.year)
                    );
                }
                _ => {}
            }
        }
        let _ = writeln!(
            o,
            "    combined {}   × weight {} / 100 = contribution {}",
            fixed(s.combined, 4),
            trimmed(ind.weight, 2),
            s.contribution
        );
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
    if p.bonus_items.is_empty() {
        let _ = writeln!(o, "加分 bonus: none (no honors up to {})", r.year);
    } else {
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
    let _ = writeln!(o);
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
    o
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
