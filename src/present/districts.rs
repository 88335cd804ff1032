//! District pages: every district's parks, tier counts and average total per year,
//! and the comparison of districts.

use serde::Serialize;

use crate::evaluate::Tier;

use super::charts::ChartView;
use super::format::{fixed, trimmed};
use super::site::SiteData;
use super::urls;
use super::year_page::{district_chart, district_years};

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
