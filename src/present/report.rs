//! The one-file report of one year (`parkscore report`): the year page and every
//! listed park's scorecard, built from the site's own views so the report and the
//! site cannot disagree. Everything here is reached by in-page anchors: the file
//! travels alone (mail, chat apps), so it links to nothing outside itself.

use serde::Serialize;

use super::lang::Lang;
use super::messages::{fill, msg};
use super::monitoring::ParkYearView;
use super::monitoring_page::{monitoring_page, MonitoringPage};
use super::scorecard::{scorecard, Scorecard};
use super::site::SiteData;
use super::year_page::{year_page, YearPage};

/// The report: the year's summary, then every listed park's scorecard.
#[derive(Serialize)]
pub struct ReportPage<'a> {
    pub title: String,
    pub year: YearPage<'a>,
    /// Every park the year lists, in the year's order.
    pub cards: Vec<ReportCard<'a>>,
    /// "内部版" or "公开版".
    pub edition: &'static str,
    /// 动态监测 of the year: internal reports of a year with rosters only.
    pub monitoring: Option<Box<MonitoringPage<'a>>>,
}

/// A park's scorecard in the report, under its in-page anchor (its chart ids and
/// section ids start with the anchor, so they are unique within the report).
#[derive(Serialize)]
pub struct ReportCard<'a> {
    pub anchor: String,
    pub card: Scorecard<'a>,
    /// The park's firms in the year (internal reports, parks with a roster).
    pub monitoring: Option<ParkYearView<'a>>,
}

/// The report of the `y`-th evaluated year.
pub fn report_page<'a>(site: &SiteData<'a>, y: usize, lang: Lang) -> ReportPage<'a> {
    let mut year = year_page(site, y, lang);
    // The site links each park to its scorecard page; here it sits further down.
    for row in &mut year.ranking {
        row.url = format!("#{}", anchor(row.id));
    }
    for row in &mut year.unrated {
        row.url = format!("#{}", anchor(row.id));
    }
    ReportPage {
        title: fill(lang, "title.report", &[("year", &year.year.to_string())]),
        cards: card_order(site, y)
            .into_iter()
            .filter_map(|park| report_card(site, y, park, lang))
            .map(|card| ReportCard {
                anchor: anchor(card.park.id),
                monitoring: (lang == Lang::Zh)
                    .then(|| site.monitoring.park_view(y, card.park.id))
                    .flatten(),
                card,
            })
            .collect(),
        edition: msg(
            lang,
            if site.audience.is_internal() {
                "edition.internal"
            } else {
                "edition.public"
            },
        ),
        // The monitoring views are Chinese data (firm names, exit reasons): the
        // Chinese report only, like the roster downloads.
        monitoring: (lang == Lang::Zh)
            .then(|| report_monitoring(site, y))
            .flatten(),
        year,
    }
}

/// The city's monitoring view with chart ids unique within the report.
fn report_monitoring<'a>(site: &SiteData<'a>, y: usize) -> Option<Box<MonitoringPage<'a>>> {
    let mut m = monitoring_page(site, y, Lang::Zh)?;
    for chart in [&mut m.flow_chart, &mut m.bands_chart] {
        chart.id = format!("{MONITORING}-{}", chart.id);
    }
    Some(Box::new(m))
}

/// The in-page anchor of the year's monitoring section (internal reports).
pub const MONITORING: &str = "monitoring";

/// The parks (indices into `Dataset::parks`) with a scorecard in the `y`-th year,
/// in the year's order: rated by rank, then the others by status.
pub fn card_order(site: &SiteData, y: usize) -> Vec<usize> {
    site.years[y].parks.iter().map(|p| p.park).collect()
}

/// The in-page anchor of the 公示 notice (when the site is in its 公示 stage).
pub const REPORT_GONGSHI: &str = "gongshi";

/// The in-page anchor of a park's scorecard.
pub fn anchor(park_id: &str) -> String {
    format!("park-{park_id}")
}

/// The site's scorecard of `park` in the `y`-th year, with chart ids made unique
/// within the report (every card has a radar, a bar chart and a trend).
pub fn report_card<'a>(
    site: &SiteData<'a>,
    y: usize,
    park: usize,
    lang: Lang,
) -> Option<Scorecard<'a>> {
    let mut card = scorecard(site, y, park, lang)?;
    // The monitoring page is not in the report: the report carries the view itself.
    card.monitoring_url = None;
    let prefix = anchor(card.park.id);
    for chart in card
        .radar
        .iter_mut()
        .chain(card.bars.iter_mut())
        .chain(std::iter::once(&mut card.trend))
    {
        chart.id = format!("{prefix}-{}", chart.id);
    }
    Some(card)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::evaluate_all;
    use crate::load::{load, SourceFiles};
    use crate::present::Audience;

    #[test]
    fn every_listed_park_gets_one_card_with_unique_chart_ids() {
        let data = load(&SourceFiles::embedded(), &Default::default()).unwrap();
        let years = evaluate_all(&data, &Default::default());
        let site = SiteData::new(&data, &years, Audience::Internal);
        let y = site.latest().unwrap();
        let order = card_order(&site, y);
        assert_eq!(order.len(), years[y].parks.len());
        assert_eq!(report_page(&site, y, Lang::Zh).cards.len(), order.len());
        let mut seen = std::collections::BTreeSet::new();
        let mut ids = std::collections::BTreeSet::new();
        for &i in &order {
            assert!(seen.insert(i), "park {i} twice");
            let card = report_card(&site, y, i, Lang::Zh).expect("a listed park has a scorecard");
            for c in card.radar.iter().chain(card.bars.iter()) {
                assert!(ids.insert(c.id.clone()), "{}", c.id);
            }
            assert!(ids.insert(card.trend.id.clone()));
            assert!(card.trend.id.starts_with(&anchor(card.park.id)));
        }
        // Rated parks come first, by rank.
        let ranks: Vec<u32> = order
            .iter()
            .filter_map(|&i| site.result(y, i).and_then(|p| p.rank))
            .collect();
        let rated = years[y].summary.rated;
        assert_eq!(ranks.len(), rated);
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
        assert!(order[..rated]
            .iter()
            .all(|&i| site.result(y, i).unwrap().rank.is_some()));
    }
}
