//! The monitoring pages of internal builds (动态监测): the city's firms in a year
//! and one park's firms in a year, each with its two charts. The views come from
//! `monitoring`, which returns nothing for the public: these pages cannot exist in
//! a public build.

use serde::Serialize;

use super::charts::ChartView;
use super::lang::{Lang, Named};
use super::messages::msg;
use super::monitoring::{city_year_view, park_flow, revenue_bands, CityYearView, ParkYearView};
use super::monitoring_charts::{bands_chart, flow_chart};
use super::site::SiteData;
use super::urls;
use super::year_page::YearLink;

#[derive(Serialize)]
pub struct MonitoringPage<'a> {
    pub city: CityYearView<'a>,
    pub flow_chart: ChartView,
    pub bands_chart: ChartView,
    pub year_url: String,
    pub roster_csv: String,
    pub roster_xlsx: String,
    pub years: Vec<YearLink>,
}

#[derive(Serialize)]
pub struct MonitoringParkPage<'a> {
    pub view: ParkYearView<'a>,
    /// The park's name in the page's language (Chinese, marked, where it has none).
    pub name: Named<'a>,
    pub flow_chart: ChartView,
    pub bands_chart: ChartView,
    pub city_url: String,
    pub park_url: String,
    /// The park's scorecard of the year, when the year lists the park.
    pub scorecard_url: Option<String>,
    /// The other years this park has a monitoring page.
    pub years: Vec<YearLink>,
}

/// The city's monitoring page of the `y`-th evaluated year (`None` for the public).
pub fn monitoring_page<'a>(
    site: &SiteData<'a>,
    y: usize,
    lang: Lang,
) -> Option<MonitoringPage<'a>> {
    if !site.monitoring.has_year(y) {
        return None;
    }
    let year = site.years[y].year;
    let city = city_year_view(site.data, year, site.audience)?;
    Some(MonitoringPage {
        flow_chart: flow_chart("flow", msg(lang, "monitoring_chart.city"), &city.flow, lang),
        bands_chart: bands_chart(
            "bands",
            msg(lang, "monitoring_chart.city"),
            &city.revenue_bands,
            lang,
        ),
        year_url: urls::year(year),
        roster_csv: urls::roster_csv(year),
        roster_xlsx: urls::roster_xlsx(year),
        years: year_links(
            site,
            year,
            |k| site.monitoring.has_year(k),
            urls::monitoring,
        ),
        city,
    })
}

/// Park `park`'s monitoring page of the `y`-th evaluated year (`None` for the public
/// or without a roster).
pub fn monitoring_park_page<'a>(
    site: &SiteData<'a>,
    y: usize,
    park: usize,
    lang: Lang,
) -> Option<MonitoringParkPage<'a>> {
    let p = &site.data.parks[park];
    let id = p.id.as_str();
    let whose = lang.plain_name(&p.name, p.name_en.as_deref(), id);
    let view = site.monitoring.park_view(y, id)?;
    let year = site.years[y].year;
    let roster = site.data.rosters.get(id, year)?;
    let bands = revenue_bands(roster.at_year_end().map(|f| f.revenue_wan));
    Some(MonitoringParkPage {
        flow_chart: flow_chart("flow", whose, &park_flow(site.data, id, year), lang),
        bands_chart: bands_chart("bands", whose, &bands, lang),
        name: lang.name(&p.name, p.name_en.as_deref()),
        city_url: urls::monitoring(year),
        park_url: urls::park(id),
        scorecard_url: site.result(y, park).map(|_| urls::scorecard(year, id)),
        years: year_links(
            site,
            year,
            |k| site.monitoring.has(k, id),
            |x| urls::monitoring_park(x, id),
        ),
        view,
    })
}

/// The evaluated years for which `has` holds, linked with `url`.
fn year_links(
    site: &SiteData,
    current: i32,
    has: impl Fn(usize) -> bool,
    url: impl Fn(i32) -> String,
) -> Vec<YearLink> {
    (0..site.years.len())
        .filter(|&k| has(k))
        .map(|k| {
            let year = site.years[k].year;
            YearLink {
                year,
                url: url(year),
                current: year == current,
            }
        })
        .collect()
}
