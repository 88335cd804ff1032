//! `results.json` (spec §10): the evaluation of one year as data, for the site's
//! downloads and for checking from outside.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::evaluate::{GrowthGap, ParkResult, YearResult};
use crate::model::{Dataset, Hundredths, Methodology};

use super::Audience;

/// Serializes a [`Hundredths`] as a JSON number with at most two decimals.
fn h(x: Hundredths) -> f64 {
    x.as_f64()
}

#[derive(Serialize)]
pub struct ResultsJson<'a> {
    pub year: i32,
    pub methodology: MethodologyRef<'a>,
    pub data_hash: &'a str,
    pub audience: &'static str,
    /// `gongshi` (公示稿) for the latest year while the site is under publicity, else `final`.
    pub stage: &'static str,
    pub summary: SummaryJson,
    pub parks: ParksJson<'a>,
}

/// Every listed park of the year, each made into its [`ParkJson`] only while it is
/// written: a national roll-up's parks never exist as views all at once.
pub struct ParksJson<'a> {
    data: &'a Dataset,
    r: &'a YearResult,
    m: &'a Methodology,
    audience: Audience,
}

impl Serialize for ParksJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (data, r, m) = (self.data, self.r, self.m);
        s.collect_seq(
            r.parks
                .iter()
                .map(|p| park_json(data, r, m, p, self.audience)),
        )
    }
}

#[derive(Serialize)]
pub struct MethodologyRef<'a> {
    pub year: i32,
    pub title: &'a str,
}

#[derive(Serialize)]
pub struct SummaryJson {
    pub rated: usize,
    pub tiers: BTreeMap<&'static str, usize>,
    pub awards_total: f64,
    pub goals: BTreeMap<&'static str, GoalJson>,
    pub statuses: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
pub struct GoalJson {
    pub value: f64,
    pub target: f64,
    pub met: bool,
    pub ratio: Option<f64>,
}

#[derive(Serialize)]
pub struct ParkJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub district: &'a str,
    pub status: &'static str,
    pub rank: Option<u32>,
    pub tier: Option<&'static str>,
    pub award: Option<f64>,
    pub base: Option<f64>,
    pub bonus: Option<f64>,
    pub total: Option<f64>,
    pub dimensions: Vec<DimensionJson<'a>>,
    pub indicators: Vec<IndicatorJson<'a>>,
    pub bonus_items: Vec<BonusItemJson<'a>>,
    pub vetoes: &'a [String],
    pub flags: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics: Option<&'a BTreeMap<String, f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct DimensionJson<'a> {
    pub id: &'a str,
    pub score: f64,
    pub attainment: f64,
}

#[derive(Serialize)]
pub struct IndicatorJson<'a> {
    pub id: &'a str,
    pub value: f64,
    pub x_s: Option<f64>,
    pub x_h: Option<f64>,
    pub level_score: f64,
    pub growth: Option<f64>,
    pub growth_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth_unavailable: Option<String>,
    pub combined: f64,
    pub weight: f64,
    pub contribution: f64,
    pub flags: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct BonusItemJson<'a> {
    pub category: &'a str,
    pub kind: &'a str,
    pub year: i32,
    pub title: &'a str,
    pub points: f64,
    pub counted: bool,
    pub reason: &'static str,
}

/// The results of `year` as a JSON view.
pub fn results_json<'a>(
    data: &'a Dataset,
    r: &'a YearResult,
    m: &'a Methodology,
    audience: Audience,
) -> ResultsJson<'a> {
    let s = &r.summary;
    ResultsJson {
        year: r.year,
        methodology: MethodologyRef {
            year: m.year,
            title: &m.title,
        },
        data_hash: &data.hash,
        audience: audience.id(),
        stage: data.stage_of(r.year).id(),
        summary: SummaryJson {
            rated: s.rated,
            tiers: [("A", s.tiers[0]), ("B", s.tiers[1]), ("C", s.tiers[2])]
                .into_iter()
                .collect(),
            awards_total: h(s.awards_total),
            goals: s
                .goals
                .iter()
                .map(|g| {
                    (
                        g.key,
                        GoalJson {
                            value: g.value,
                            target: g.target,
                            met: g.met,
                            ratio: g.ratio(),
                        },
                    )
                })
                .collect(),
            statuses: s.statuses.iter().map(|(st, n)| (st.id(), *n)).collect(),
        },
        parks: ParksJson {
            data,
            r,
            m,
            audience,
        },
    }
}

/// One park's entry (also the park part of `explain --format json`).
pub fn park_json<'a>(
    data: &'a Dataset,
    r: &'a YearResult,
    m: &'a Methodology,
    p: &'a ParkResult,
    audience: Audience,
) -> ParkJson<'a> {
    let park = &data.parks[p.park];
    let record = park.years.get(&r.year);
    ParkJson {
        id: park.id.as_str(),
        name: &park.name,
        district: &park.district,
        status: p.status.id(),
        rank: p.rank,
        tier: p.tier.map(|t| t.as_str()),
        award: p.award.map(h),
        base: p.base.map(h),
        bonus: p.bonus.map(h),
        total: p.total.map(h),
        dimensions: p
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, score)| DimensionJson {
                id: &m.dimensions[d].id,
                score: h(*score),
                attainment: score.as_f64() * 100.0 / m.dimension_weight(d),
            })
            .collect(),
        indicators: p
            .indicators
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let ind = &m.indicators[k];
                let level = r.anchors[k].level;
                IndicatorJson {
                    id: &ind.id,
                    value: s.value,
                    x_s: level.map(|a| a.x_s),
                    x_h: level.map(|a| a.x_h),
                    level_score: s.level_score,
                    growth: s.growth.map(|g| g.value),
                    growth_score: s.growth.map(|g| g.score),
                    growth_unavailable: s
                        .growth_gap
                        .as_ref()
                        .map(|g: &GrowthGap| g.describe(r.year)),
                    combined: s.combined,
                    weight: ind.weight,
                    contribution: h(s.contribution),
                    flags: s.flags.iter().map(|f| f.id()).collect(),
                }
            })
            .collect(),
        bonus_items: p
            .bonus_items
            .iter()
            .map(|b| BonusItemJson {
                category: &b.category,
                kind: &b.kind,
                year: b.year,
                title: &park.honors[b.honor].title,
                points: h(b.points),
                counted: b.counted,
                reason: b.reason.describe(),
            })
            .collect(),
        vetoes: &p.vetoes,
        flags: p.flags.iter().map(|f| f.id()).collect(),
        metrics: if audience.is_internal() {
            record.map(|r| &r.metrics)
        } else {
            None
        },
        note: if audience.is_internal() {
            record.and_then(|r| r.note.as_deref())
        } else {
            None
        },
    }
}

/// Pretty JSON with a trailing newline: stable bytes, readable diffs.
pub fn to_bytes(view: &ResultsJson) -> Vec<u8> {
    // About 4 KB a park: reserving it spares the copies of a growing buffer.
    let mut out = Vec::with_capacity(4096 * (view.parks.r.parks.len() + 1));
    serde_json::to_writer_pretty(&mut out, view).expect("results serialize");
    out.push(b'\n');
    out
}
