//! District pages: every district's parks, tier counts and average total per year,
//! and the comparison of districts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::evaluate::Tier;

use super::charts::{nice_step, ticks, Bar, Bars, ChartSpec, ChartView, TableView, Tone};
use super::format::{fixed, trimmed};
use super::lang::{Lang, Named};
use super::messages::{fill, msg, word};
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
    pub name: Named<'a>,
    pub url: String,
    pub parks: usize,
    pub rated: usize,
    pub tiers: [usize; 3],
    pub average: String,
    pub awards: String,
}

pub fn districts_index<'a>(site: &'a SiteData<'a>, lang: Lang) -> DistrictsIndex<'a> {
    let latest = site.latest();
    let figures = latest.map(|y| district_years(site, y)).unwrap_or_default();
    DistrictsIndex {
        year: latest.map(|y| site.years[y].year),
        chart: latest.map(|y| district_chart(site, y, lang)),
        districts: site
            .districts
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let f = figures.get(d.name.as_str());
                DistrictRow {
                    name: site.district_name(k, lang),
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
    pub name: Named<'a>,
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
    pub name: Named<'a>,
    pub url: String,
    pub status: &'static str,
    pub rank: String,
    pub rank_sort: u32,
    pub tier: &'static str,
    pub total: String,
    pub scorecard_url: Option<String>,
}

/// The page of the `k`-th district (in `SiteData::districts` order).
pub fn district_page<'a>(site: &'a SiteData<'a>, k: usize, lang: Lang) -> DistrictPage<'a> {
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
                name: lang.name(&p.name, p.name_en.as_deref()),
                url: urls::park(p.id.as_str()),
                status: word(
                    lang,
                    "status",
                    res.map_or("not_operating", |r| r.status.id()),
                ),
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
        name: site.district_name(k, lang),
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
pub fn district_chart(site: &SiteData, y: usize, lang: Lang) -> ChartView {
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
    let year = r.year.to_string();
    let names: Vec<(Named<'static>, String)> = rows
        .iter()
        .map(|(n, _)| {
            let k = site
                .districts
                .binary_search_by(|d| d.name.as_str().cmp(n))
                .expect("every district is indexed");
            (
                site.district_name(k, lang).into_owned(),
                site.district_title(k, lang),
            )
        })
        .collect();
    let desc = if rows.is_empty() {
        fill(lang, "district_chart.none", &[("year", &year)])
    } else {
        let list: Vec<String> = rows
            .iter()
            .zip(&names)
            .map(|((_, d), (_, plain))| {
                let score = fixed(d.average.unwrap_or(0.0), 2);
                fill(
                    lang,
                    "district_chart.item",
                    &[("name", plain), ("score", &score)],
                )
            })
            .collect();
        let list = list.join(msg(lang, "district_chart.sep"));
        fill(
            lang,
            "district_chart.desc",
            &[("year", &year), ("list", &list)],
        )
    };
    let head = ["head_district", "head_rated", "head_average", "head_a"];
    ChartView {
        id: "districts".into(),
        title: fill(lang, "district_chart.title", &[("year", &year)]),
        desc,
        table: TableView {
            head: head
                .iter()
                .map(|k| word(lang, "district_chart", k).to_string())
                .collect(),
            rows: rows
                .iter()
                .zip(&names)
                .map(|((_, d), (name, _))| {
                    vec![
                        name.clone(),
                        Named::plain(d.rated.to_string()),
                        Named::plain(fixed(d.average.unwrap_or(0.0), 2)),
                        Named::plain(d.tiers[0].to_string()),
                    ]
                })
                .collect(),
        },
        spec: ChartSpec::Bars(Bars {
            bars: rows
                .iter()
                .zip(&names)
                .map(|((_, d), (name, _))| Bar {
                    label: name.clone(),
                    value: d.average.unwrap_or(0.0),
                    text: fixed(d.average.unwrap_or(0.0), 2),
                    tone: Tone::Primary,
                })
                .collect(),
            min: 0.0,
            max: top,
            ticks: ticks(0.0, top, step),
            axis_label: msg(lang, "district_chart.axis").into(),
            vertical: false,
        }),
    }
}
