//! The scorecard of one park in one year: the result, the full calculation (so
//! anyone can redo the total by hand), the honors and why each counted or not,
//! and charts. Parks not rated get the same page with the status and the reason.

use serde::Serialize;

use crate::evaluate::{IndicatorScore, ParkResult, Tier};
use crate::model::{Methodology, Park, Status};

use super::charts::{ticks, Bar, Bars, ChartSpec, ChartView, Radar, Series, TableView, Tone};
use super::format::{fixed, grouped, percent, trimmed};
use super::park_page::{trend_chart, ParkHeader};
use super::provenance::{formula_note, record_note, RosterNote};
use super::reasons::reason;
use super::robustness::{robustness_card, RobustnessCard};
use super::site::{attainment, SiteData};
use super::urls;
use super::whatif_card::{whatif_card, WhatIfCard};
use super::year_page::{award_text, YearLink};

#[derive(Serialize)]
pub struct Scorecard<'a> {
    pub year: i32,
    pub park: ParkHeader<'a>,
    pub status: &'static str,
    pub status_id: &'static str,
    pub rated: bool,
    pub reason: Option<String>,
    pub note: Option<&'a str>,
    pub total: String,
    pub base: String,
    pub bonus: String,
    pub rank: Option<u32>,
    pub rated_count: usize,
    pub tier: &'static str,
    pub award: String,
    pub award_unit: &'a str,
    pub efficacy_text: String,
    pub indicators: Vec<IndicatorRow<'a>>,
    pub dimensions: Vec<DimensionRow<'a>>,
    pub bonus_items: Vec<BonusRow<'a>>,
    pub bonus_rule: String,
    pub metrics: Vec<MetricRow<'a>>,
    pub metrics_private_hidden: bool,
    pub flags: Vec<&'static str>,
    pub radar: Option<ChartView>,
    pub bars: Option<ChartView>,
    pub trend: ChartView,
    /// 分档稳健性 (rated parks, when the build ran the study).
    pub robustness: Option<RobustnessCard>,
    /// 升档测算 (rated parks below A, when the build ran the study).
    pub what_if: Option<WhatIfCard<'a>>,
    pub years: Vec<YearLink>,
    pub methodology_title: &'a str,
    pub methodology_url: String,
    pub year_url: String,
    /// The roster behind the year's derived metrics, when the park reported one.
    pub roster: Option<RosterNote<'a>>,
    /// The park's monitoring page of the year (internal builds, with a roster).
    pub monitoring_url: Option<String>,
}

#[derive(Serialize)]
pub struct IndicatorRow<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub dimension: &'a str,
    pub unit: &'a str,
    pub value: String,
    pub x_s: String,
    pub x_h: String,
    pub level_score: String,
    pub split: String,
    pub growth: String,
    pub growth_anchors: String,
    pub growth_score: String,
    /// Why growth is unavailable, when it is.
    pub growth_note: Option<String>,
    /// gf(Y−1) → gf(Y): raw inputs, internal builds only.
    pub growth_inputs: Option<String>,
    pub combined: String,
    pub weight: String,
    pub contribution: String,
    pub flags: Vec<&'static str>,
    /// The formula's inputs that came from the roster, and which file.
    pub source: Option<RosterNote<'a>>,
}

#[derive(Serialize)]
pub struct DimensionRow<'a> {
    pub label: &'a str,
    pub score: String,
    pub weight: String,
    pub attainment: String,
    pub median: String,
}

#[derive(Serialize)]
pub struct BonusRow<'a> {
    pub category: &'a str,
    pub kind: &'a str,
    pub title: &'a str,
    pub year: i32,
    pub points: String,
    pub counted: bool,
    pub reason: &'static str,
}

#[derive(Serialize)]
pub struct MetricRow<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub value: String,
    pub unit: &'a str,
    /// Whether the value was summed from the roster rather than typed in the record.
    pub from_roster: bool,
}

/// The scorecard of park `park` (index into `Dataset::parks`) in the `y`-th year.
pub fn scorecard<'a>(site: &SiteData<'a>, y: usize, park: usize) -> Option<Scorecard<'a>> {
    let p = site.result(y, park)?;
    let r = &site.years[y];
    let m = site.methodology(y);
    let pk = &site.data.parks[park];
    let internal = site.audience.is_internal();
    let record = pk.years.get(&r.year);
    let rated = p.status == Status::Rated;
    let dims: Vec<DimensionRow<'a>> = if rated {
        m.dimensions
            .iter()
            .enumerate()
            .map(|(d, dim)| DimensionRow {
                label: &dim.label,
                score: p.dimensions[d].to_string(),
                weight: trimmed(m.dimension_weight(d), 2),
                attainment: fixed(attainment(m, p, d), 2),
                median: fixed(site.medians[y][d], 2),
            })
            .collect()
    } else {
        Vec::new()
    };
    let metrics: Vec<MetricRow<'a>> = record
        .map(|rec| {
            m.metrics
                .iter()
                .filter(|(_, def)| site.audience.may_show_metric(def))
                .filter_map(|(id, def)| {
                    Some(MetricRow {
                        id,
                        label: &def.label,
                        value: grouped(*rec.metrics.get(id)?, 4),
                        unit: &def.unit,
                        from_roster: rec.roster.as_ref().is_some_and(|s| s.derives(id)),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let mut flags: Vec<&'static str> = p.flags.iter().map(|f| f.label()).collect();
    flags.dedup();
    Some(Scorecard {
        year: r.year,
        park: ParkHeader::new(site, park),
        status: p.status.label(),
        status_id: p.status.id(),
        rated,
        reason: (!rated).then(|| reason(p, pk, m)),
        note: if internal {
            record.and_then(|rec| rec.note.as_deref())
        } else {
            None
        },
        total: p.total.map_or("—".into(), |t| t.to_string()),
        base: p.base.map_or("—".into(), |t| t.to_string()),
        bonus: p.bonus.map_or("—".into(), |t| t.to_string()),
        rank: p.rank,
        rated_count: r.summary.rated,
        tier: p.tier.map_or("—", Tier::as_str),
        award: award_text(p.award),
        award_unit: &m.awards.unit,
        efficacy_text: efficacy_text(m),
        indicators: if rated {
            indicator_rows(site, y, p)
        } else {
            Vec::new()
        },
        dimensions: dims,
        bonus_items: bonus_rows(m, p, pk),
        bonus_rule: format!(
            "各类加分按办法规则计算后取类别上限，加分合计不超过{}分。",
            trimmed(m.bonus.cap.as_f64(), 2)
        ),
        metrics,
        metrics_private_hidden: !internal && m.metrics.values().any(|d| !d.public),
        flags,
        radar: rated.then(|| radar_chart(site, y, p)),
        bars: rated.then(|| indicator_chart(site, y, p)),
        trend: trend_chart(site, park),
        robustness: robustness_card(site, y, park),
        what_if: site
            .study(y)
            .filter(|_| rated)
            .and_then(|s| whatif_card(m, s, pk.id.as_str(), p.tier, site.audience)),
        years: site
            .years
            .iter()
            .enumerate()
            .filter(|(k, _)| site.result(*k, park).is_some())
            .map(|(_, x)| YearLink {
                year: x.year,
                url: urls::scorecard(x.year, pk.id.as_str()),
                current: x.year == r.year,
            })
            .collect(),
        methodology_title: &m.title,
        methodology_url: urls::methodology(m.year),
        year_url: urls::year(r.year),
        roster: record.and_then(record_note),
        monitoring_url: site
            .monitoring
            .has(y, pk.id.as_str())
            .then(|| urls::monitoring_park(r.year, pk.id.as_str())),
    })
}

/// The efficacy and combination rules in one sentence, with this methodology's numbers.
pub fn efficacy_text(m: &Methodology) -> String {
    let b = trimmed(m.efficacy.base, 2);
    let top = trimmed(m.efficacy.base + m.efficacy.span, 2);
    format!(
        "功效分 = {b} + {s} ×（x − x_s）÷（x_h − x_s），限定在{b}～{top}分；参评园区数值无差异时按{mid}分计。\
         合成分 =（水平占比 × 水平功效分 + 增长占比 × 增长功效分）÷ 100，增长率不可用时按水平功效分计。\
         贡献 = 权重 × 合成分 ÷ 100，四舍五入到0.01分；基础得分为各项贡献之和，综合得分 = 基础得分 + 加分。",
        s = trimmed(m.efficacy.span, 2),
        mid = trimmed(m.efficacy.base + m.efficacy.span / 2.0, 2),
    )
}

fn indicator_rows<'a>(site: &SiteData<'a>, y: usize, p: &ParkResult) -> Vec<IndicatorRow<'a>> {
    let r = &site.years[y];
    let m = site.methodology(y);
    let record = site.data.parks[p.park].years.get(&r.year);
    p.indicators
        .iter()
        .enumerate()
        .map(|(k, s): (usize, &IndicatorScore)| {
            let ind = &m.indicators[k];
            let a = r.anchors[k];
            let level = a.level;
            let (growth, growth_anchors, growth_score) = match (s.growth, a.growth) {
                (Some(g), Some(ga)) => (
                    percent(g.value),
                    format!("{} ～ {}", percent(ga.x_s), percent(ga.x_h)),
                    fixed(g.score, 2),
                ),
                _ => ("—".into(), "—".into(), "—".into()),
            };
            IndicatorRow {
                id: &ind.id,
                label: &ind.label,
                dimension: &m.dimensions[ind.dimension].label,
                unit: &ind.unit,
                value: grouped(s.value, 4),
                x_s: level.map_or("—".into(), |l| grouped(l.x_s, 4)),
                x_h: level.map_or("—".into(), |l| grouped(l.x_h, 4)),
                level_score: fixed(s.level_score, 2),
                split: if ind.has_growth() {
                    format!(
                        "{}/{}",
                        trimmed(ind.split.level, 2),
                        trimmed(ind.split.growth, 2)
                    )
                } else {
                    "100/0".into()
                },
                growth,
                growth_anchors,
                growth_score,
                growth_note: s.growth_gap.as_ref().map(|g| g.describe(r.year)),
                // gf values are raw inputs (gf may be a single private metric): internal only.
                growth_inputs: s
                    .growth
                    .filter(|_| site.audience.is_internal())
                    .map(|g| format!("{} → {}", grouped(g.previous, 4), grouped(g.current, 4))),
                combined: fixed(s.combined, 4),
                weight: trimmed(ind.weight, 2),
                contribution: s.contribution.to_string(),
                flags: s.flags.iter().map(|f| f.label()).collect(),
                source: record.and_then(|rec| formula_note(rec, &ind.formula)),
            }
        })
        .collect()
}

fn bonus_rows<'a>(m: &'a Methodology, p: &ParkResult, park: &'a Park) -> Vec<BonusRow<'a>> {
    p.bonus_items
        .iter()
        .map(|b| {
            let honor = &park.honors[b.honor];
            let cat = m.bonus.categories.iter().find(|c| c.id == honor.category);
            BonusRow {
                category: cat.map_or(honor.category.as_str(), |c| c.label.as_str()),
                kind: cat
                    .and_then(|c| c.kinds.get(&honor.kind))
                    .map_or(honor.kind.as_str(), |k| k.label.as_str()),
                title: &honor.title,
                year: b.year,
                points: trimmed(b.points.as_f64(), 2),
                counted: b.counted,
                reason: b.reason.describe(),
            }
        })
        .collect()
}

fn radar_chart(site: &SiteData, y: usize, p: &ParkResult) -> ChartView {
    let m = site.methodology(y);
    let r = &site.years[y];
    let top = m.efficacy.base + m.efficacy.span;
    let min = ((m.efficacy.base - m.efficacy.span / 4.0) / 10.0)
        .floor()
        .max(0.0)
        * 10.0;
    let mine: Vec<f64> = (0..m.dimensions.len())
        .map(|d| attainment(m, p, d))
        .collect();
    let med = &site.medians[y];
    let axes: Vec<String> = m.dimensions.iter().map(|d| d.label.clone()).collect();
    let desc = format!(
        "{}年度本园区各维度的达成度（维度得分占维度权重的百分比）与全体{}个参评园区中位数的对比：{}。",
        r.year,
        r.summary.rated,
        axes.iter()
            .enumerate()
            .map(|(d, a)| format!("{a} {} / 中位数 {}", fixed(mine[d], 2), fixed(med[d], 2)))
            .collect::<Vec<_>>()
            .join("；")
    );
    ChartView {
        id: "radar".into(),
        title: "维度达成度与参评园区中位数".into(),
        desc,
        table: TableView {
            head: vec!["维度".into(), "本园区".into(), "中位数".into()],
            rows: axes
                .iter()
                .enumerate()
                .map(|(d, a)| vec![a.clone(), fixed(mine[d], 2), fixed(med[d], 2)])
                .collect(),
        },
        spec: ChartSpec::Radar(Radar {
            rings: ticks(min, top, 10.0),
            axes,
            series: vec![
                Series {
                    name: "参评园区中位数".into(),
                    values: med.clone(),
                    tone: Tone::Peer,
                },
                Series {
                    name: "本园区".into(),
                    values: mine,
                    tone: Tone::Primary,
                },
            ],
            min,
            max: top,
        }),
    }
}

fn indicator_chart(site: &SiteData, y: usize, p: &ParkResult) -> ChartView {
    let m = site.methodology(y);
    let top = m.efficacy.base + m.efficacy.span;
    let rows: Vec<(String, f64)> = m
        .indicators
        .iter()
        .zip(&p.indicators)
        .map(|(ind, s)| (ind.label.clone(), s.combined))
        .collect();
    ChartView {
        id: "indicators".into(),
        title: "各指标合成功效分".into(),
        desc: format!(
            "各指标的合成功效分（{}～{}分）：{}。",
            trimmed(m.efficacy.base, 2),
            trimmed(top, 2),
            rows.iter()
                .map(|(l, v)| format!("{l} {}", fixed(*v, 2)))
                .collect::<Vec<_>>()
                .join("；")
        ),
        table: TableView {
            head: vec!["指标".into(), "合成功效分".into(), "权重".into()],
            rows: rows
                .iter()
                .zip(&m.indicators)
                .map(|((l, v), ind)| vec![l.clone(), fixed(*v, 2), trimmed(ind.weight, 2)])
                .collect(),
        },
        spec: ChartSpec::Bars(Bars {
            bars: rows
                .into_iter()
                .map(|(label, v)| Bar {
                    label,
                    value: v,
                    text: fixed(v, 2),
                    tone: Tone::Primary,
                })
                .collect(),
            min: 0.0,
            max: top,
            ticks: ticks(0.0, top, 20.0),
            axis_label: "合成功效分（分）".into(),
            vertical: false,
        }),
    }
}
