//! What one planned file is made of, built when it is rendered: for a page its
//! template, chrome (title, navigation, banners), view and the charts on it; for
//! a data file its bytes or its workbook. render draws what this says and decides
//! nothing of it.

use serde::Serialize;

use crate::error::{Error, Result};

use super::charts::ChartView;
use super::crawl::{robots, sitemap, NotFound, Sitemap};
use super::districts::{district_page, districts_index, DistrictPage, DistrictsIndex};
use super::downloads::{downloads_page, readme, DownloadsPage};
use super::gongshi::{gongshi_page, GongshiPage};
use super::html::Html;
use super::markdown;
use super::methodology_page::{
    methodology_index, methodology_page, MethodologyIndex, MethodologyPage,
};
use super::monitoring::{roster_csv, roster_table, RosterTable};
use super::monitoring_page::{
    monitoring_page, monitoring_park_page, MonitoringPage, MonitoringParkPage,
};
use super::park_page::{park_page, parks_index, ParkPage, ParksIndex};
use super::plan::{Entry, File, Listing, Page, Plan};
use super::report::{report_page, ReportPage, REPORT_GONGSHI};
use super::robustness::{robustness_page, RobustnessPage};
use super::scorecard::{scorecard, Scorecard};
use super::site::{page_title, Chrome, Section, SiteData};
use super::workbook::{workbook, Workbook};
use super::year_page::{year_page, YearPage};
use super::{csv, results};

/// One planned file, ready to render.
pub enum Made<'a> {
    Page(Box<PageView<'a>>),
    /// Made whole here (JSON, CSV, plain text).
    Bytes(Vec<u8>),
    Workbook(Workbook<'a>),
    /// The consolidated roster of a year as a workbook; the title names the site.
    RosterWorkbook(RosterTable<'a>, &'a str),
    /// One of our static files, compiled into the renderer.
    Asset(Asset),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asset {
    Stylesheet,
    Script,
}

/// A page: which template draws it, the parts every page shares, and its own view.
pub struct PageView<'a> {
    pub template: &'static str,
    /// None for pages outside the site's frame (404, sitemap).
    pub chrome: Option<Chrome<'a>>,
    pub body: Body<'a>,
    /// The stylesheet and script go inside the page (the one-file report).
    pub inline_assets: bool,
}

/// The view of each kind of page, as the template sees it (`page`).
#[derive(Serialize)]
#[serde(untagged)]
pub enum Body<'a> {
    Year(YearPage<'a>),
    Scorecard(Box<Scorecard<'a>>),
    Park(ParkPage<'a>),
    Parks(ParksIndex<'a>),
    Districts(DistrictsIndex<'a>),
    District(DistrictPage<'a>),
    MethodologyIndex(MethodologyIndex<'a>),
    Methodology(MethodologyPage<'a>),
    Gongshi(GongshiPage<'a>),
    Robustness(RobustnessPage<'a>),
    Downloads(DownloadsPage<'a>),
    Prose(Prose),
    NotFound(NotFound<'a>),
    Sitemap(Sitemap),
    Report(ReportPage<'a>),
    Monitoring(Box<MonitoringPage<'a>>),
    MonitoringPark(Box<MonitoringParkPage<'a>>),
}

/// A page of prose from the data (`pages/*.md`), already converted.
#[derive(Serialize)]
pub struct Prose {
    pub body_html: Html,
}

impl PageView<'_> {
    /// The charts this page draws, each under its own id.
    pub fn charts(&self) -> Vec<&ChartView> {
        match &self.body {
            Body::Year(v) => vec![&v.tier_chart, &v.district_chart],
            Body::Scorecard(c) => card_charts(c),
            Body::Park(v) => v.trend.iter().collect(),
            Body::Districts(v) => v.chart.iter().collect(),
            Body::Robustness(v) => v.chart.iter().collect(),
            Body::Report(v) => {
                let mut charts = vec![&v.year.tier_chart, &v.year.district_chart];
                charts.extend(v.cards.iter().flat_map(|c| card_charts(&c.card)));
                if let Some(m) = &v.monitoring {
                    charts.extend([&m.flow_chart, &m.bands_chart]);
                }
                charts
            }
            Body::Monitoring(v) => vec![&v.flow_chart, &v.bands_chart],
            Body::MonitoringPark(v) => vec![&v.flow_chart, &v.bands_chart],
            _ => Vec::new(),
        }
    }
}

fn card_charts<'c>(c: &'c Scorecard) -> Vec<&'c ChartView> {
    let mut charts: Vec<&ChartView> = c.radar.iter().chain(c.bars.iter()).collect();
    charts.push(&c.trend);
    charts
}

impl<'a> Plan<'a> {
    /// Builds what `entry` is made of; `listing` holds the files made before it.
    pub fn make(&self, entry: Entry, listing: &Listing) -> Result<Made<'a>> {
        match entry {
            Entry::Page(page, _) => {
                let path = self.path(entry);
                Ok(Made::Page(Box::new(self.page(page, path, listing)?)))
            }
            Entry::File(file) => self.file(file),
        }
    }

    fn file(&self, file: File) -> Result<Made<'a>> {
        let site = self.site;
        let year = |y: usize| (&site.years[y], site.methodology(y));
        Ok(match file {
            File::ResultsJson(y) => {
                let (r, m) = year(y);
                let json = results::results_json(site.data, r, m, site.audience);
                Made::Bytes(results::to_bytes(&json))
            }
            File::ResultsCsv(y) => {
                let (r, m) = year(y);
                Made::Bytes(csv::results_csv(site.data, r, m))
            }
            File::Workbook(y) => Made::Workbook(workbook(site, y)),
            File::Readme => Made::Bytes(readme(site).into_bytes()),
            File::Stylesheet => Made::Asset(Asset::Stylesheet),
            File::Script => Made::Asset(Asset::Script),
            File::Robots => Made::Bytes(robots(site).into_bytes()),
            File::RosterCsv(y) => Made::Bytes(roster_csv(&self.roster_table(y)?)),
            File::RosterXlsx(y) => {
                Made::RosterWorkbook(self.roster_table(y)?, &site.data.site.title)
            }
            File::Sitemap => Made::Page(Box::new(PageView {
                template: "sitemap.xml",
                chrome: None,
                body: Body::Sitemap(sitemap(site, self.page_paths())),
                inline_assets: false,
            })),
        })
    }

    /// The consolidated roster of the `y`-th year, which the plan lists only when
    /// the build may show it.
    fn roster_table(&self, y: usize) -> Result<RosterTable<'a>> {
        let site = self.site;
        let year = site.years[y].year;
        roster_table(site.data, year, site.audience)
            .ok_or_else(|| unplanned(&super::urls::roster_csv(year)))
    }

    fn page(&self, page: Page, path: String, listing: &Listing) -> Result<PageView<'a>> {
        let site = self.site;
        let framed = |template, title: String, section, body| PageView {
            template,
            chrome: Some(site.chrome(&path, title, section)),
            body,
            inline_assets: false,
        };
        Ok(match page {
            Page::Home => match site.latest() {
                Some(y) => year_view(site, y, Section::Home, &path),
                None => framed("page.html", "评价结果".into(), Section::Home, empty_home()),
            },
            Page::Year(y) => year_view(site, y, Section::Years, &path),
            Page::Robustness(y) => {
                let view = robustness_page(site, y).ok_or_else(|| unplanned(&path))?;
                let title = format!("{}年度分档稳健性", view.year);
                framed(
                    "robustness.html",
                    title,
                    Section::Years,
                    Body::Robustness(view),
                )
            }
            Page::Scorecard { y, park } => {
                let card = scorecard(site, y, park).ok_or_else(|| unplanned(&path))?;
                let title = format!("{} · {}年度评分", card.park.name, card.year);
                framed(
                    "scorecard.html",
                    title,
                    Section::Years,
                    Body::Scorecard(Box::new(card)),
                )
            }
            Page::Park(i) => {
                let title = site.data.parks[i].name.clone();
                framed(
                    "park.html",
                    title,
                    Section::Parks,
                    Body::Park(park_page(site, i)),
                )
            }
            Page::Parks => {
                let body = Body::Parks(parks_index(site));
                framed("parks.html", "全部园区".into(), Section::Parks, body)
            }
            Page::Districts => {
                let body = Body::Districts(districts_index(site));
                framed(
                    "districts.html",
                    "区县对比".into(),
                    Section::Districts,
                    body,
                )
            }
            Page::District(k) => {
                let view = district_page(site, k);
                let title = view.name.to_string();
                framed(
                    "district.html",
                    title,
                    Section::Districts,
                    Body::District(view),
                )
            }
            Page::MethodologyIndex => {
                let body = Body::MethodologyIndex(methodology_index(site));
                let title = "评价办法".into();
                framed("methodology_index.html", title, Section::Methodology, body)
            }
            Page::Methodology(v) => {
                let m = &site.data.methodologies[&v];
                let body = Body::Methodology(methodology_page(site, m));
                framed(
                    "methodology.html",
                    m.title.clone(),
                    Section::Methodology,
                    body,
                )
            }
            Page::Gongshi => {
                let view = gongshi_page(site).ok_or_else(|| unplanned(&path))?;
                let title = "评价结果公示".into();
                framed("gongshi.html", title, Section::Gongshi, Body::Gongshi(view))
            }
            Page::Prose(i) => {
                let page = &site.data.pages[i];
                let title = page_title(&page.markdown, &page.slug);
                let body = Body::Prose(Prose {
                    body_html: markdown::to_html(&page.markdown),
                });
                framed("page.html", title, Section::Page, body)
            }
            Page::Downloads => {
                let body = Body::Downloads(downloads_page(site, listing));
                framed(
                    "downloads.html",
                    "数据下载".into(),
                    Section::Downloads,
                    body,
                )
            }
            Page::Monitoring(y) => {
                let view = monitoring_page(site, y).ok_or_else(|| unplanned(&path))?;
                let title = format!("{}年度入园企业动态监测", view.city.year);
                let body = Body::Monitoring(Box::new(view));
                framed("monitoring.html", title, Section::Years, body)
            }
            Page::MonitoringPark { y, park } => {
                let view = monitoring_park_page(site, y, park).ok_or_else(|| unplanned(&path))?;
                let title = format!("{} · {}年度入园企业", view.view.name, view.view.year);
                let body = Body::MonitoringPark(Box::new(view));
                framed("monitoring_park.html", title, Section::Years, body)
            }
            Page::NotFound => PageView {
                template: "404.html",
                chrome: None,
                body: Body::NotFound(NotFound::new(site)),
                inline_assets: false,
            },
            Page::Report(y) => {
                let view = report_page(site, y);
                let mut chrome = site.chrome(&path, view.title.clone(), Section::None);
                // The report travels alone: its 公示 banner points at its own notice.
                if let Some(banner) = &mut chrome.gongshi {
                    banner.url = format!("#{}", REPORT_GONGSHI);
                }
                PageView {
                    template: "report.html",
                    chrome: Some(chrome),
                    body: Body::Report(view),
                    inline_assets: true,
                }
            }
        })
    }
}

/// The page of the `y`-th year, at `path` (the home page shows the latest year).
fn year_view<'a>(site: &'a SiteData<'a>, y: usize, section: Section, path: &str) -> PageView<'a> {
    let view = year_page(site, y);
    let title = format!("{}年度评价结果", view.year);
    PageView {
        template: "year.html",
        chrome: Some(site.chrome(path, title, section)),
        body: Body::Year(view),
        inline_assets: false,
    }
}

/// The home page of a site with no evaluated year yet.
fn empty_home() -> Body<'static> {
    Body::Prose(Prose {
        body_html: Html::trusted(
            "<h1>评价结果</h1>\n<p>尚无已评价的年度：评价从最早的评价办法版本所在年度开始，该年度及以后还没有园区的年度数据。</p>\n"
                .into(),
        ),
    })
}

/// A planned page whose view is missing: the plan and the views disagree (a bug).
fn unplanned(path: &str) -> Error {
    Error::Render {
        what: path.to_string(),
        message: "planned, but there is nothing to show".into(),
    }
}
