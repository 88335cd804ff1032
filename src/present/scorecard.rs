//! The scorecard of one park in one year: the result, the full calculation (so
//! anyone can redo the total by hand), the honors and why each counted or not,
//! and charts. Parks not rated get the same page with the status and the reason.

use serde::Serialize;

use crate::evaluate::{BonusReason, GrowthGap, IndicatorScore, ParkResult, Tier};
use crate::model::{Methodology, Park, Status};

use super::charts::{ticks, Bar, Bars, ChartSpec, ChartView, Radar, Series, TableView, Tone};
use super::format::{fixed, grouped, percent, trimmed};
use super::lang::{Lang, Named};
use super::messages::{fill, msg, word};
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
    pub reason: Option<Named<'a>>,
    pub note: Option<Named<'a>>,
    pub total: String,
    pub base: String,
    pub bonus: String,
    pub rank: Option<u32>,
    pub rated_count: usize,
    pub tier: &'static str,
    pub award: String,
    pub award_unit: Named<'a>,
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
    pub methodology_title: Named<'a>,
    pub methodology_url: String,
    pub year_url: String,
    /// This park's entry in the year's corrections notice, when its result was corrected.
    pub corrected_url: Option<String>,
    /// The roster behind the year's derived metrics, when the park reported one.
    pub roster: Option<RosterNote<'a>>,
    /// The park's monitoring page of the year (internal builds, with a roster).
    pub monitoring_url: Option<String>,
}

#[derive(Serialize)]
pub struct IndicatorRow<'a> {
    pub id: &'a str,
    pub label: Named<'a>,
    pub dimension: Named<'a>,
    pub unit: Named<'a>,
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
    pub label: Named<'a>,
    pub score: String,
    pub weight: String,
    pub attainment: String,
    pub median: String,
}

#[derive(Serialize)]
pub struct BonusRow<'a> {
    pub category: Named<'a>,
    pub kind: Named<'a>,
    /// Honors have no English title in the data: the Chinese, marked.
    pub title: Named<'a>,
    pub year: i32,
    pub points: String,
    pub counted: bool,
    pub reason: &'static str,
}

#[derive(Serialize)]
pub struct MetricRow<'a> {
    pub id: &'a str,
    pub label: Named<'a>,
    pub value: String,
    pub unit: Named<'a>,
    /// Whether the value was summed from the roster rather than typed in the record.
    pub from_roster: bool,
}

/// The scorecard of park `park` (index into `Dataset::parks`) in the `y`-th year.
pub fn scorecard<'a>(
    site: &SiteData<'a>,
    y: usize,
    park: usize,
    lang: Lang,
) -> Option<Scorecard<'a>> {
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
                label: lang.name(&dim.label, dim.label_en.as_deref()),
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
                        label: lang.name(&def.label, def.label_en.as_deref()),
                        value: grouped(*rec.metrics.get(id)?, 4),
                        unit: lang.name(&def.unit, def.unit_en.as_deref()),
                        from_roster: rec.roster.as_ref().is_some_and(|s| s.derives(id)),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let mut flags: Vec<&'static str> = p.flags.iter().map(|f| word(lang, "flag", f.id())).collect();
    flags.dedup();
    Some(Scorecard {
        year: r.year,
        park: ParkHeader::new(site, park, lang),
        status: word(lang, "status", p.status.id()),
        status_id: p.status.id(),
        rated,
        reason: (!rated).then(|| reason(p, pk, m, lang)),
        note: if internal {
            record.and_then(|rec| Some(lang.name(rec.note.as_deref()?, rec.note_en.as_deref())))
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
        award_unit: lang.name(&m.awards.unit, m.awards.unit_en.as_deref()),
        efficacy_text: efficacy_text(m, lang),
        indicators: if rated {
            indicator_rows(site, y, p, lang)
        } else {
            Vec::new()
        },
        dimensions: dims,
        bonus_items: bonus_rows(m, p, pk, lang),
        bonus_rule: fill(
            lang,
            "efficacy.bonus_rule",
            &[("cap", &trimmed(m.bonus.cap.as_f64(), 2))],
        ),
        metrics,
        metrics_private_hidden: !internal && m.metrics.values().any(|d| !d.public),
        flags,
        radar: rated.then(|| radar_chart(site, y, p, lang)),
        bars: rated.then(|| indicator_chart(site, y, p, lang)),
        trend: trend_chart(site, park, lang),
        robustness: robustness_card(site, y, park, lang),
        what_if: site
            .study(y)
            .filter(|_| rated)
            .and_then(|s| whatif_card(m, s, pk.id.as_str(), p.tier, site.audience, lang)),
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
        methodology_title: lang.name(&m.title, m.title_en.as_deref()),
        methodology_url: urls::methodology(m.year),
        year_url: urls::year(r.year),
        corrected_url: site.corrections_url(y, Some(park)),
        roster: record.and_then(record_note),
        monitoring_url: site
            .monitoring
            .has(y, pk.id.as_str())
            .then(|| urls::monitoring_park(r.year, pk.id.as_str())),
    })
}

/// The efficacy and combination rules in one sentence, with this methodology's numbers.
pub fn efficacy_text(m: &Methodology, lang: Lang) -> String {
    let b = trimmed(m.efficacy.base, 2);
    let top = trimmed(m.efficacy.base + m.efficacy.span, 2);
    let s = trimmed(m.efficacy.span, 2);
    let mid = trimmed(m.efficacy.base + m.efficacy.span / 2.0, 2);
    fill(
        lang,
        "efficacy.text",
        &[("b", &b), ("top", &top), ("s", &s), ("mid", &mid)],
    )
}

/// Why a park's growth value is missing, in `lang`.
pub fn growth_gap(gap: &GrowthGap, year: i32, lang: Lang) -> String {
    let prev = (year - 1).to_string();
    let (key, extra) = match gap {
        GrowthGap::NoPreviousRecord => ("no_previous_record", String::new()),
        GrowthGap::PreviousNotReported => ("previous_not_reported", String::new()),
        GrowthGap::PreviousMissingMetric(m) => ("previous_missing_metric", m.clone()),
        GrowthGap::PreviousNotPositive(v) => ("previous_not_positive", v.to_string()),
        GrowthGap::PreviousDivisionByZero => ("previous_division_by_zero", String::new()),
        GrowthGap::NoPeerGrowth => ("no_peer_growth", String::new()),
    };
    fill(
        lang,
        &format!("growth_gap.{key}"),
        &[("prev", &prev), ("metric", &extra), ("value", &extra)],
    )
}

/// Why an honor counted or not, in `lang`.
pub fn bonus_reason(reason: BonusReason, lang: Lang) -> &'static str {
    let key = match reason {
        BonusReason::Counted => "counted",
        BonusReason::NotRated => "not_rated",
        BonusReason::CategoryNotInMethodology => "category_not_in_methodology",
        BonusReason::KindNotInMethodology => "kind_not_in_methodology",
        BonusReason::OutsideWindow => "outside_window",
        BonusReason::NotHighest => "not_highest",
        BonusReason::CategoryCapReached => "category_cap_reached",
        BonusReason::TotalCapReached => "total_cap_reached",
    };
    word(lang, "bonus_reason", key)
}

fn indicator_rows<'a>(
    site: &SiteData<'a>,
    y: usize,
    p: &ParkResult,
    lang: Lang,
) -> Vec<IndicatorRow<'a>> {
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
                    fill(
                        lang,
                        "card.range",
                        &[("a", &percent(ga.x_s)), ("b", &percent(ga.x_h))],
                    ),
                    fixed(g.score, 2),
                ),
                _ => ("—".into(), "—".into(), "—".into()),
            };
            IndicatorRow {
                id: &ind.id,
                label: lang.name(&ind.label, ind.label_en.as_deref()),
                dimension: {
                    let d = &m.dimensions[ind.dimension];
                    lang.name(&d.label, d.label_en.as_deref())
                },
                unit: lang.name(&ind.unit, ind.unit_en.as_deref()),
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
                growth_note: s.growth_gap.as_ref().map(|g| growth_gap(g, r.year, lang)),
                // gf values are raw inputs (gf may be a single private metric): internal only.
                growth_inputs: s
                    .growth
                    .filter(|_| site.audience.is_internal())
                    .map(|g| format!("{} → {}", grouped(g.previous, 4), grouped(g.current, 4))),
                combined: fixed(s.combined, 4),
                weight: trimmed(ind.weight, 2),
                contribution: s.contribution.to_string(),
                flags: s.flags.iter().map(|f| word(lang, "flag", f.id())).collect(),
                source: record.and_then(|rec| formula_note(rec, &ind.formula)),
            }
        })
        .collect()
}

fn bonus_rows<'a>(
    m: &'a Methodology,
    p: &ParkResult,
    park: &'a Park,
    lang: Lang,
) -> Vec<BonusRow<'a>> {
    p.bonus_items
        .iter()
        .map(|b| {
            let honor = &park.honors[b.honor];
            let cat = m.bonus.categories.iter().find(|c| c.id == honor.category);
            BonusRow {
                category: cat.map_or(Named::plain(honor.category.as_str()), |c| {
                    lang.name(&c.label, c.label_en.as_deref())
                }),
                kind: cat
                    .and_then(|c| c.kinds.get(&honor.kind))
                    .map_or(Named::plain(honor.kind.as_str()), |k| {
                        lang.name(&k.label, k.label_en.as_deref())
                    }),
                title: lang.name(&honor.title, None),
                year: b.year,
                points: trimmed(b.points.as_f64(), 2),
                counted: b.counted,
                reason: bonus_reason(b.reason, lang),
            }
        })
        .collect()
}

fn radar_chart(site: &SiteData, y: usize, p: &ParkResult, lang: Lang) -> ChartView {
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
    let axes: Vec<Named<'static>> = m
        .dimensions
        .iter()
        .map(|d| lang.name(&d.label, d.label_en.as_deref()).into_owned())
        .collect();
    let list: Vec<String> = m
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let axis = lang.plain_name(&dim.label, dim.label_en.as_deref(), &dim.id);
            let (mine, median) = (fixed(mine[d], 2), fixed(med[d], 2));
            fill(
                lang,
                "radar.item",
                &[("axis", axis), ("mine", &mine), ("median", &median)],
            )
        })
        .collect();
    let desc = fill(
        lang,
        "radar.desc",
        &[
            ("year", &r.year.to_string()),
            ("n", &r.summary.rated.to_string()),
            ("list", &list.join(msg(lang, "common.semicolon"))),
        ],
    );
    let head = ["head_dimension", "head_park", "head_median"];
    ChartView {
        id: "radar".into(),
        title: msg(lang, "radar.title").into(),
        desc,
        table: TableView {
            head: head
                .iter()
                .map(|k| word(lang, "radar", k).to_string())
                .collect(),
            rows: axes
                .iter()
                .enumerate()
                .map(|(d, a)| {
                    let cell = |v: f64| Named::plain(fixed(v, 2));
                    vec![a.clone(), cell(mine[d]), cell(med[d])]
                })
                .collect(),
        },
        spec: ChartSpec::Radar(Radar {
            rings: ticks(min, top, 10.0),
            axes,
            series: vec![
                Series {
                    name: msg(lang, "radar.median_series").into(),
                    values: med.clone(),
                    tone: Tone::Peer,
                },
                Series {
                    name: msg(lang, "radar.park_series").into(),
                    values: mine,
                    tone: Tone::Primary,
                },
            ],
            min,
            max: top,
        }),
    }
}

fn indicator_chart(site: &SiteData, y: usize, p: &ParkResult, lang: Lang) -> ChartView {
    let m = site.methodology(y);
    let top = m.efficacy.base + m.efficacy.span;
    let rows: Vec<(Named<'static>, f64)> = m
        .indicators
        .iter()
        .zip(&p.indicators)
        .map(|(ind, s)| {
            let label = lang.name(&ind.label, ind.label_en.as_deref()).into_owned();
            (label, s.combined)
        })
        .collect();
    let list: Vec<String> = m
        .indicators
        .iter()
        .zip(&rows)
        .map(|(ind, (_, v))| {
            let label = lang.plain_name(&ind.label, ind.label_en.as_deref(), &ind.id);
            fill(
                lang,
                "indicator_chart.item",
                &[("label", label), ("value", &fixed(*v, 2))],
            )
        })
        .collect();
    let head = ["head_indicator", "head_combined", "head_weight"];
    ChartView {
        id: "indicators".into(),
        title: msg(lang, "indicator_chart.title").into(),
        desc: fill(
            lang,
            "indicator_chart.desc",
            &[
                ("b", &trimmed(m.efficacy.base, 2)),
                ("top", &trimmed(top, 2)),
                ("list", &list.join(msg(lang, "common.semicolon"))),
            ],
        ),
        table: TableView {
            head: head
                .iter()
                .map(|k| word(lang, "indicator_chart", k).to_string())
                .collect(),
            rows: rows
                .iter()
                .zip(&m.indicators)
                .map(|((l, v), ind)| {
                    vec![
                        l.clone(),
                        Named::plain(fixed(*v, 2)),
                        Named::plain(trimmed(ind.weight, 2)),
                    ]
                })
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
            axis_label: msg(lang, "indicator_chart.axis").into(),
            vertical: false,
        }),
    }
}
