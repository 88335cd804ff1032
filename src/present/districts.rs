//! District pages: every district's parks, tier counts and average total per year,
//! and the comparison of districts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::evaluate::Tier;

use super::charts::{nice_step, ticks, Bar, Bars, ChartSpec, ChartView, TableView, Tone};
use super::format::{fixed, trimmed};
use super::site::SiteData;
use super::urls;

#[derive(Serialize)]
pub struct DistrictsIndex<'a> {
    pub year: Option<i32>,
    pub chart: Option<ChartView>,
    pub districts: Vec<DistrictRow<'a>>,
}

#[derive(Serialize)]
pub struct DistrictRow<'a> {
    pub name: &'a str,
    pub url: String,
    pub parks: usize,
    pub rated: usize,
    pub tiers: [usize; 3],
    pub average: String,
    pub awards: String,
}

pub fn districts_index<'a>(site: &'a SiteData<'a>) -> DistrictsIndex<'a> {
    let latest = site.latest();
    let figures = latest.map(|y| district_years(site, y)).unwrap_or_default();
    DistrictsIndex {
        year: latest.map(|y| site.years[y].year),
        chart: latest.map(|y| district_chart(site, y)),
        districts: site
            .districts
            .iter()
            .map(|d| {
                let f = figures.get(d.name.as_str());
                DistrictRow {
                    name: &d.name,
                    url: urls::district(&d.slug),
                    parks: d.parks.len(),
                    rated: f.map_or(0, |f| f.rated),
                    tiers: f.map_or([0; 3], |f| f.tiers),
                    average: f
                        .and_then(|f| f.average)
                        .map_or("—".into(), |a| fixed(a, 2)),
                    awards: f.map_or("0".into(), |f| trimmed(f.awards, 2)),
                }
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct DistrictPage<'a> {
    pub name: &'a str,
    pub years: Vec<DistrictYearRow>,
    pub latest_year: Option<i32>,
    pub parks: Vec<DistrictParkRow<'a>>,
}

#[derive(Serialize)]
pub struct DistrictYearRow {
    pub year: i32,
    pub url: String,
    pub listed: usize,
    pub rated: usize,
    pub tiers: [usize; 3],
    pub average: String,
    pub awards: String,
}

#[derive(Serialize)]
pub struct DistrictParkRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub status: &'static str,
    pub rank: String,
    pub rank_sort: u32,
    pub tier: &'static str,
    pub total: String,
    pub scorecard_url: Option<String>,
}

/// The page of the `k`-th district (in `SiteData::districts` order).
pub fn district_page<'a>(site: &'a SiteData<'a>, k: usize) -> DistrictPage<'a> {
    let d = &site.districts[k];
    let years = site
        .years
        .iter()
        .enumerate()
        .filter_map(|(y, r)| {
            let all = district_years(site, y);
            let f = all.get(d.name.as_str())?;
            Some(DistrictYearRow {
                year: r.year,
                url: urls::year(r.year),
                listed: f.listed,
                rated: f.rated,
                tiers: f.tiers,
                average: f.average.map_or("—".into(), |a| fixed(a, 2)),
                awards: trimmed(f.awards, 2),
            })
        })
        .collect();
    let latest = site.latest();
    let mut parks: Vec<DistrictParkRow<'a>> = d
        .parks
        .iter()
        .map(|&i| {
            let p = &site.data.parks[i];
            let res = latest.and_then(|y| site.result(y, i));
            DistrictParkRow {
                id: p.id.as_str(),
                name: &p.name,
                url: urls::park(p.id.as_str()),
                status: res.map_or("未运营", |r| r.status.label()),
                rank: res
                    .and_then(|r| r.rank)
                    .map_or("—".into(), |r| r.to_string()),
                rank_sort: res.and_then(|r| r.rank).unwrap_or(u32::MAX),
                tier: res.and_then(|r| r.tier).map_or("—", Tier::as_str),
                total: res
                    .and_then(|r| r.total)
                    .map_or("—".into(), |t| t.to_string()),
                scorecard_url: res
                    .and(latest)
                    .map(|y| urls::scorecard(site.years[y].year, p.id.as_str())),
            }
        })
        .collect();
    parks.sort_by(|a, b| a.rank_sort.cmp(&b.rank_sort).then_with(|| a.id.cmp(b.id)));
    DistrictPage {
        name: &d.name,
        years,
        latest_year: latest.map(|y| site.years[y].year),
        parks,
    }
}

/// One district's rated parks in one year: count, average total, tier counts.
pub struct DistrictYear {
    pub rated: usize,
    pub average: Option<f64>,
    pub tiers: [usize; 3],
    pub listed: usize,
    pub awards: f64,
}

/// Per district name (sorted): its figures in the `y`-th year.
pub fn district_years<'a>(site: &SiteData<'a>, y: usize) -> BTreeMap<&'a str, DistrictYear> {
    let mut out: BTreeMap<&'a str, DistrictYear> = BTreeMap::new();
    let mut sums: BTreeMap<&'a str, i64> = BTreeMap::new();
    for p in &site.years[y].parks {
        let name = site.data.parks[p.park].district.as_str();
        let e = out.entry(name).or_insert(DistrictYear {
            rated: 0,
            average: None,
            tiers: [0; 3],
            listed: 0,
            awards: 0.0,
        });
        e.listed += 1;
        if let Some(t) = p.tier {
            e.tiers[t as usize] += 1;
        }
        e.awards += p.award.map_or(0.0, |a| a.as_f64());
        if let Some(t) = p.total {
            e.rated += 1;
            *sums.entry(name).or_default() += t.0;
        }
    }
    for (name, e) in out.iter_mut() {
        if e.rated > 0 {
            e.average = Some(sums[name] as f64 / 100.0 / e.rated as f64);
        }
    }
    out
}

/// Average total of rated parks per district, best first.
pub fn district_chart(site: &SiteData, y: usize) -> ChartView {
    let r = &site.years[y];
    let m = site.methodology(y);
    let mut rows: Vec<(&str, DistrictYear)> = district_years(site, y)
        .into_iter()
        .filter(|(_, d)| d.average.is_some())
        .collect();
    rows.sort_by(|a, b| {
        b.1.average
            .partial_cmp(&a.1.average)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.0.cmp(b.0))
    });
    let highest = rows
        .iter()
        .filter_map(|(_, d)| d.average)
        .fold(m.efficacy.base + m.efficacy.span, f64::max);
    let step = nice_step(highest, 5);
    let top = (highest / step).ceil() * step;
    let desc = if rows.is_empty() {
        format!("{}年度没有参评园区。", r.year)
    } else {
        format!(
            "{}年度各区县参评园区平均综合得分，从高到低：{}。",
            r.year,
            rows.iter()
                .map(|(n, d)| format!("{}{}分", n, fixed(d.average.unwrap_or(0.0), 2)))
                .collect::<Vec<_>>()
                .join("，")
        )
    };
    ChartView {
        id: "districts".into(),
        title: format!("{}年度各区县平均综合得分", r.year),
        desc,
        table: TableView {
            head: vec![
                "区县".into(),
                "参评园区".into(),
                "平均综合得分".into(),
                "A档".into(),
            ],
            rows: rows
                .iter()
                .map(|(n, d)| {
                    vec![
                        n.to_string(),
                        d.rated.to_string(),
                        fixed(d.average.unwrap_or(0.0), 2),
                        d.tiers[0].to_string(),
                    ]
                })
                .collect(),
        },
        spec: ChartSpec::Bars(Bars {
            bars: rows
                .iter()
                .map(|(n, d)| Bar {
                    label: n.to_string(),
                    value: d.average.unwrap_or(0.0),
                    text: fixed(d.average.unwrap_or(0.0), 2),
                    tone: Tone::Primary,
                })
                .collect(),
            min: 0.0,
            max: top,
            ticks: ticks(0.0, top, step),
            axis_label: "平均综合得分（分）".into(),
            vertical: false,
        }),
    }
}
