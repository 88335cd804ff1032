//! What one planned file is made of, built when it is rendered: for a page its
//! template, chrome (title, navigation, banners), view and the charts on it; for
//! a data file its bytes or its workbook. render draws what this says and decides
//! nothing of it.

use serde::Serialize;

use crate::error::{Error, Result};

use super::charts::ChartView;
use super::corrections_page::{corrections_page, CorrectionsPage};
use super::crawl::{robots, sitemap, NotFound, Sitemap};
use super::districts::{district_page, districts_index, DistrictPage, DistrictsIndex};
use super::downloads::{downloads_page, readme, DownloadsPage};
use super::gongshi::{gongshi_page, GongshiPage};
use super::html::{escape, Html};
use super::lang::Lang;
use super::markdown;
use super::messages::{fill, msg};
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
use super::site::{prose_title, Chrome, Section, SiteData};
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
    /// The edition: which messages the template reads.
    pub lang: Lang,
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
    Corrections(CorrectionsPage<'a>),
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
            Entry::Page(page, lang) => {
                let at = At {
                    path: self.path(entry),
                    lang,
                };
                Ok(Made::Page(Box::new(self.page(page, &at, listing)?)))
            }
            Entry::File(file) => self.file(file, listing),
        }
    }

    fn file(&self, file: File, listing: &Listing) -> Result<Made<'a>> {
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
            File::Readme => Made::Bytes(readme(site, listing).into_bytes()),
            File::Logo => Made::Bytes(
                site.data
                    .site
                    .look
                    .logo
                    .as_ref()
                    .map_or_else(Vec::new, |l| l.bytes.clone()),
            ),
            File::Stylesheet => Made::Asset(Asset::Stylesheet),
            File::Script => Made::Asset(Asset::Script),
            File::Robots => Made::Bytes(robots(site).into_bytes()),
            File::RosterCsv(y) => Made::Bytes(roster_csv(&self.roster_table(y)?)),
            File::RosterXlsx(y) => {
                Made::RosterWorkbook(self.roster_table(y)?, &site.data.site.title)
            }
            File::Sitemap => Made::Page(Box::new(PageView {
                template: "sitemap.xml",
                lang: Lang::default(),
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

    /// The view of `page` in the edition and at the path of `at`.
    fn page(&self, page: Page, at: &At, listing: &Listing) -> Result<PageView<'a>> {
        let site = self.site;
        let lang = at.lang;
        Ok(match page {
            Page::Home => match site.latest() {
                Some(y) => year_view(site, y, Section::Home, at),
                None => at.framed(
                    site,
                    "page.html",
                    at.msg("title.results").into(),
                    Section::Home,
                    empty_home(lang),
                ),
            },
            Page::Year(y) => year_view(site, y, Section::Years, at),
            Page::Robustness(y) => {
                let view = robustness_page(site, y, lang).ok_or_else(|| unplanned(&at.path))?;
                let title = at.fill("title.robustness", &[("year", &view.year.to_string())]);
                let view = at.framed(
                    site,
                    "robustness.html",
                    title,
                    Section::Years,
                    Body::Robustness(view),
                );
                scoped(site, view, y)
            }
            Page::Scorecard { y, park } => scorecard_view(site, y, park, at)?,
            Page::Park(i) => {
                let p = &site.data.parks[i];
                let title = lang
                    .plain_name(&p.name, p.name_en.as_deref(), p.id.as_str())
                    .to_string();
                at.framed(
                    site,
                    "park.html",
                    title,
                    Section::Parks,
                    Body::Park(park_page(site, i, lang)),
                )
            }
            Page::Parks => {
                let body = Body::Parks(parks_index(site, lang));
                at.framed(
                    site,
                    "parks.html",
                    at.msg("title.parks").into(),
                    Section::Parks,
                    body,
                )
            }
            Page::Districts => {
                let body = Body::Districts(districts_index(site, lang));
                at.framed(
                    site,
                    "districts.html",
                    at.msg("title.districts").into(),
                    Section::Districts,
                    body,
                )
            }
            Page::District(k) => {
                let view = district_page(site, k, lang);
                let title = site.district_title(k, lang);
                at.framed(
                    site,
                    "district.html",
                    title,
                    Section::Districts,
                    Body::District(view),
                )
            }
            _ => self.other_page(page, at, listing)?,
        })
    }

    /// The methodology, notice, prose, downloads, 404 and report pages.
    fn other_page(&self, page: Page, at: &At, listing: &Listing) -> Result<PageView<'a>> {
        let site = self.site;
        let lang = at.lang;
        Ok(match page {
            Page::MethodologyIndex => {
                let body = Body::MethodologyIndex(methodology_index(site, lang));
                at.framed(
                    site,
                    "methodology_index.html",
                    at.msg("title.methodology").into(),
                    Section::Methodology,
                    body,
                )
            }
            Page::Methodology(v) => {
                let m = &site.data.methodologies[&v];
                let title = lang
                    .plain_name(&m.title, m.title_en.as_deref(), at.msg("title.methodology"))
                    .to_string();
                let body = Body::Methodology(methodology_page(site, m, lang));
                at.framed(site, "methodology.html", title, Section::Methodology, body)
            }
            Page::Gongshi => {
                let view = gongshi_page(site, lang).ok_or_else(|| unplanned(&at.path))?;
                at.framed(
                    site,
                    "gongshi.html",
                    at.msg("title.gongshi").into(),
                    Section::Gongshi,
                    Body::Gongshi(view),
                )
            }
            Page::Corrections => corrections_view(site, at)?,
            Page::Prose(i) => prose_view(site, i, at),
            Page::Downloads => {
                let body = Body::Downloads(downloads_page(site, listing, lang));
                at.framed(
                    site,
                    "downloads.html",
                    at.msg("title.downloads").into(),
                    Section::Downloads,
                    body,
                )
            }
            Page::Monitoring(y) => {
                let view = monitoring_page(site, y, at.lang).ok_or_else(|| unplanned(&at.path))?;
                let year = view.city.year.to_string();
                let title = at.fill("title.monitoring", &[("year", &year)]);
                let body = Body::Monitoring(Box::new(view));
                at.framed(site, "monitoring.html", title, Section::Years, body)
            }
            Page::MonitoringPark { y, park } => {
                let view = monitoring_park_page(site, y, park, at.lang)
                    .ok_or_else(|| unplanned(&at.path))?;
                let p = &site.data.parks[park];
                let name = at
                    .lang
                    .plain_name(&p.name, p.name_en.as_deref(), p.id.as_str());
                let year = view.view.year.to_string();
                let title = at.fill("title.monitoring_park", &[("park", name), ("year", &year)]);
                let body = Body::MonitoringPark(Box::new(view));
                at.framed(site, "monitoring_park.html", title, Section::Years, body)
            }
            Page::NotFound => PageView {
                template: "404.html",
                lang,
                chrome: None,
                body: Body::NotFound(NotFound::new(site, lang)),
                inline_assets: false,
            },
            Page::Report(y) => report_view(site, y, at),
            _ => return Err(unplanned(&at.path)),
        })
    }
}

/// Where a page goes and in which edition: what every view and chrome needs.
struct At {
    path: String,
    lang: Lang,
}

impl At {
    fn msg(&self, key: &'static str) -> &'static str {
        msg(self.lang, key)
    }

    fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.lang, key, args)
    }

    /// A page in the site's frame.
    fn framed<'a>(
        &self,
        site: &'a SiteData<'a>,
        template: &'static str,
        title: String,
        section: Section,
        body: Body<'a>,
    ) -> PageView<'a> {
        PageView {
            template,
            lang: self.lang,
            chrome: Some(site.chrome(&self.path, self.lang, title, section)),
            body,
            inline_assets: false,
        }
    }
}

/// The page of the `y`-th year (the home page shows the latest year).
fn year_view<'a>(site: &'a SiteData<'a>, y: usize, section: Section, at: &At) -> PageView<'a> {
    let view = year_page(site, y, at.lang);
    let title = at.fill("title.year", &[("year", &view.year.to_string())]);
    let view = at.framed(site, "year.html", title, section, Body::Year(view));
    scoped(site, view, y)
}

/// `view`, a page about the `y`-th year, with that year's stage in its frame.
fn scoped<'a>(site: &SiteData<'a>, mut view: PageView<'a>, y: usize) -> PageView<'a> {
    if let Some(chrome) = view.chrome.as_mut() {
        site.scope_chrome(chrome, view.lang, y);
    }
    view
}

/// The corrections notice (更正说明) of the latest year.
fn corrections_view<'a>(site: &'a SiteData<'a>, at: &At) -> Result<PageView<'a>> {
    let view = corrections_page(site, at.lang).ok_or_else(|| unplanned(&at.path))?;
    let y = site
        .year_index(view.year)
        .ok_or_else(|| unplanned(&at.path))?;
    let title = at.fill("title.corrections", &[("year", &view.year.to_string())]);
    let page = at.framed(
        site,
        "corrections.html",
        title,
        Section::Years,
        Body::Corrections(view),
    );
    Ok(scoped(site, page, y))
}

/// A park's scorecard of one year; its title names the park by its id where the
/// English edition has no English name (a `<title>` cannot mark a language).
fn scorecard_view<'a>(
    site: &'a SiteData<'a>,
    y: usize,
    park: usize,
    at: &At,
) -> Result<PageView<'a>> {
    let card = scorecard(site, y, park, at.lang).ok_or_else(|| unplanned(&at.path))?;
    let p = &site.data.parks[park];
    let name = at
        .lang
        .plain_name(&p.name, p.name_en.as_deref(), p.id.as_str());
    let title = at.fill(
        "title.scorecard",
        &[("park", name), ("year", &card.year.to_string())],
    );
    let view = at.framed(
        site,
        "scorecard.html",
        title,
        Section::Years,
        Body::Scorecard(Box::new(card)),
    );
    Ok(scoped(site, view, y))
}

/// A page of prose from the data, in the edition's text when there is one.
fn prose_view<'a>(site: &'a SiteData<'a>, i: usize, at: &At) -> PageView<'a> {
    let page = &site.data.pages[i];
    let title = prose_title(page, at.lang);
    let body_html = match (at.lang, &page.markdown_en) {
        (Lang::En, Some(en)) => markdown::to_html(en),
        (Lang::En, None) => {
            let zh = markdown::to_html(&page.markdown);
            Html::trusted(format!("<div lang=\"zh-CN\">\n{}</div>\n", zh.as_str()))
        }
        (Lang::Zh, _) => markdown::to_html(&page.markdown),
    };
    let title = if title.zh {
        page.slug.clone()
    } else {
        title.text.into_owned()
    };
    at.framed(
        site,
        "page.html",
        title,
        Section::Page,
        Body::Prose(Prose { body_html }),
    )
}

/// The one-file report of a year; its 公示 banner points at its own notice.
fn report_view<'a>(site: &'a SiteData<'a>, y: usize, at: &At) -> PageView<'a> {
    let view = report_page(site, y, at.lang);
    let mut chrome = site.chrome(&at.path, at.lang, view.title.clone(), Section::None);
    site.scope_chrome(&mut chrome, at.lang, y);
    chrome.switch = None;
    chrome.alternates.clear();
    // The report travels alone: it names the data it was made from.
    chrome.data_hash = Some(site.data.hash.as_str());
    if let Some(banner) = &mut chrome.gongshi {
        banner.url = format!("#{}", REPORT_GONGSHI);
    }
    PageView {
        template: "report.html",
        lang: at.lang,
        chrome: Some(chrome),
        body: Body::Report(view),
        inline_assets: true,
    }
}

/// The home page of a site with no evaluated year yet.
fn empty_home(lang: Lang) -> Body<'static> {
    let html = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        escape(msg(lang, "title.results")),
        escape(msg(lang, "empty_home.text"))
    );
    Body::Prose(Prose {
        body_html: Html::trusted(html),
    })
}

/// A planned page whose view is missing: the plan and the views disagree (a bug).
fn unplanned(path: &str) -> Error {
    Error::Render {
        what: path.to_string(),
        message: "planned, but there is nothing to show".into(),
    }
}
