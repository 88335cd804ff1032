//! The site as a plan: every file a build makes, in the order it is made, as light
//! descriptors (a kind and an index, 16 bytes each) — a national roll-up plans about
//! 400,000 pages before drawing one. What a page shows is built only when it is
//! rendered ([`Plan::make`] in `page.rs`), so no stage holds every page at once.
//!
//! A new page kind is a [`Page`] variant, its path in [`Plan::path`], its entries in
//! [`plan_site`] and its view in `page.rs`. Every page is planned once per edition
//! ([`Lang`], `SiteData::editions`): the entry carries its edition, the path gains
//! its prefix (`en/`), and the view picks its texts — so a new page kind gets its
//! English twin without a line of its own.

use std::collections::BTreeMap;

pub use super::lang::Lang;
use super::site::SiteData;
use super::urls;

/// One HTML page of the site. Indices point into `SiteData` (`y` into the evaluated
/// years, `park` into `Dataset::parks`, `district` into `SiteData::districts`,
/// `page` into `Dataset::pages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The latest year's page (or a placeholder before the first evaluated year).
    Home,
    Year(usize),
    /// 分档稳健性: every rated park's rank interval in one year.
    Robustness(usize),
    Scorecard {
        y: usize,
        park: usize,
    },
    Park(usize),
    Parks,
    Districts,
    District(usize),
    MethodologyIndex,
    /// A methodology version, by its first year.
    Methodology(i32),
    Gongshi,
    /// 更正说明 of the latest year (final edition built with `corrections_since`).
    Corrections,
    Prose(usize),
    /// Lists the result files with their sizes, so it is made after them.
    Downloads,
    NotFound,
    /// The one-file report of a year (`parkscore report`), not part of the site.
    Report(usize),
    /// 动态监测: the city's firms in a year (internal builds with rosters).
    Monitoring(usize),
    /// 动态监测: one park's firms in a year (internal builds, the park's roster).
    MonitoringPark {
        y: usize,
        park: usize,
    },
}

/// A file that is not a page: data for download, static assets, crawler files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    ResultsJson(usize),
    ResultsCsv(usize),
    Workbook(usize),
    Readme,
    /// The city's logo (`look.logo` in site.yaml), as `assets/logo.<ext>`.
    Logo,
    Stylesheet,
    Script,
    Robots,
    /// Every page's public address; made from the plan itself.
    Sitemap,
    /// The consolidated roster of a year (internal builds with rosters).
    RosterCsv(usize),
    RosterXlsx(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Page(Page, Lang),
    File(File),
}

impl Entry {
    /// Whether the file grows with the number of parks (rankings, directories, data
    /// files): such files are made one at a time, so a national roll-up never holds
    /// two of them (each hundreds of megabytes) at once.
    pub fn is_large(self) -> bool {
        match self {
            Entry::File(f) => !matches!(
                f,
                File::Stylesheet | File::Script | File::Robots | File::Logo
            ),
            Entry::Page(p, _) => matches!(
                p,
                Page::Home
                    | Page::Year(_)
                    | Page::Robustness(_)
                    | Page::Parks
                    | Page::District(_)
                    | Page::Gongshi
                    | Page::Corrections
                    | Page::Report(_)
                    | Page::Monitoring(_)
            ),
        }
    }
}

/// The non-page files made so far, by path: what the files that list others (the
/// downloads page and README) need from the files made before them.
pub type Listing = BTreeMap<String, Listed>;

/// One file made: its size, and for a data download (JSON, CSV, XLSX) its SHA-256
/// in lower-case hex, which the README publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub size: usize,
    pub sha256: Option<String>,
}

/// Whether the README lists the file at `path` with its SHA-256: the data
/// downloads, not pages, assets or crawler files.
pub fn is_download(path: &str) -> bool {
    [".json", ".csv", ".xlsx"].iter().any(|e| path.ends_with(e))
}

/// Every file of one build, in the order they are made.
pub struct Plan<'a> {
    pub site: &'a SiteData<'a>,
    entries: Vec<Entry>,
    /// `entries[listings_from..]` list files made before them and wait for those.
    listings_from: usize,
}

impl<'a> Plan<'a> {
    /// A plan of exactly `entries`, none of which lists other files.
    pub fn of(site: &'a SiteData<'a>, entries: Vec<Entry>) -> Plan<'a> {
        let listings_from = entries.len();
        Plan {
            site,
            entries,
            listings_from,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries that can be made in any order, then those that list them.
    pub fn stages(&self) -> (&[Entry], &[Entry]) {
        self.entries.split_at(self.listings_from)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where `entry` is written, relative to the output root.
    pub fn path(&self, entry: Entry) -> String {
        match entry {
            Entry::Page(page, lang) => format!("{}{}", lang.prefix(), self.page_path(page)),
            Entry::File(file) => self.file_path(file),
        }
    }

    fn page_path(&self, page: Page) -> String {
        let site = self.site;
        let year = |y: usize| site.years[y].year;
        match page {
            Page::Home => urls::home(),
            Page::Year(y) => urls::year(year(y)),
            Page::Robustness(y) => urls::robustness(year(y)),
            Page::Scorecard { y, park } => {
                urls::scorecard(year(y), site.data.parks[park].id.as_str())
            }
            Page::Park(i) => urls::park(site.data.parks[i].id.as_str()),
            Page::Parks => urls::parks(),
            Page::Districts => urls::districts(),
            Page::District(k) => urls::district(&site.districts[k].slug),
            Page::MethodologyIndex => urls::methodology_index(),
            Page::Methodology(v) => urls::methodology(v),
            Page::Gongshi => urls::gongshi(),
            Page::Corrections => urls::corrections(site.corrections.map_or(0, |c| c.year)),
            Page::Prose(i) => urls::page(&site.data.pages[i].slug),
            Page::Downloads => urls::downloads(),
            Page::NotFound => urls::NOT_FOUND.into(),
            Page::Report(y) => urls::report(year(y)),
            Page::Monitoring(y) => urls::monitoring(year(y)),
            Page::MonitoringPark { y, park } => {
                urls::monitoring_park(year(y), site.data.parks[park].id.as_str())
            }
        }
    }

    fn file_path(&self, file: File) -> String {
        let year = |y: usize| self.site.years[y].year;
        match file {
            File::ResultsJson(y) => urls::results_json(year(y)),
            File::ResultsCsv(y) => urls::results_csv(year(y)),
            File::Workbook(y) => urls::workbook(year(y)),
            File::Readme => urls::downloads_readme(),
            File::Logo => urls::logo(self.site.logo_ext()),
            File::Stylesheet => urls::STYLESHEET.into(),
            File::Script => urls::SCRIPT.into(),
            File::Robots => urls::ROBOTS.into(),
            File::Sitemap => urls::SITEMAP.into(),
            File::RosterCsv(y) => urls::roster_csv(year(y)),
            File::RosterXlsx(y) => urls::roster_xlsx(year(y)),
        }
    }

    /// Every HTML page's path, sorted (for the sitemap).
    pub fn page_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .entries
            .iter()
            .filter(|e| matches!(e, Entry::Page(..)))
            .map(|&e| self.path(e))
            .filter(|p| p.ends_with(".html"))
            .collect();
        paths.sort_unstable();
        paths
    }
}

/// The plan of the whole site: data files and pages (large ones spread among the
/// others), then the pages that list files. Prose page names were checked by load.
pub fn plan_site<'a>(site: &'a SiteData<'a>) -> Plan<'a> {
    let data = site.data;
    let years = 0..site.years.len();
    let mut files: Vec<File> = Vec::new();
    for y in years.clone() {
        files.extend([File::ResultsJson(y), File::ResultsCsv(y)]);
    }
    files.extend(years.clone().map(File::Workbook));
    let monitored = || years.clone().filter(|&y| site.monitoring.has_year(y));
    files.extend(monitored().flat_map(|y| [File::RosterCsv(y), File::RosterXlsx(y)]));
    files.extend([File::Stylesheet, File::Script]);
    if data.site.look.logo.is_some() {
        files.push(File::Logo);
    }

    let mut pages: Vec<Page> = vec![Page::Home];
    pages.extend(years.clone().map(Page::Year));
    for park in 0..data.parks.len() {
        pages.push(Page::Park(park));
        pages.extend(
            years
                .clone()
                .filter(|&y| site.result(y, park).is_some())
                .map(|y| Page::Scorecard { y, park }),
        );
    }
    pages.extend([Page::Parks, Page::Districts]);
    pages.extend((0..site.districts.len()).map(Page::District));
    pages.push(Page::MethodologyIndex);
    pages.extend(data.methodologies.keys().map(|&v| Page::Methodology(v)));
    if site.has_gongshi() {
        pages.push(Page::Gongshi);
    }
    if site
        .corrections
        .is_some_and(|c| site.year_index(c.year).is_some())
    {
        pages.push(Page::Corrections);
    }
    pages.extend(
        (0..data.pages.len())
            .filter(|&i| data.pages[i].slug != urls::METHODOLOGY_PROSE)
            .map(Page::Prose),
    );
    pages.extend(
        years
            .filter(|&y| site.study(y).is_some())
            .map(Page::Robustness),
    );
    pages.extend(monitoring_pages(site));
    pages.push(Page::NotFound);

    // Every page once per edition: the English edition mirrors the Chinese one.
    let editions = site.editions;
    let all = files.into_iter().map(Entry::File).chain(
        editions
            .iter()
            .flat_map(|&lang| pages.iter().map(move |&p| Entry::Page(p, lang))),
    );
    let mut entries = spread_large(all.collect());
    let listings_from = entries.len();
    entries.push(Entry::File(File::Readme));
    entries.extend(
        editions
            .iter()
            .map(|&lang| Entry::Page(Page::Downloads, lang)),
    );
    entries.push(Entry::File(File::Robots));
    if site.sitemap_base().is_some() {
        entries.push(Entry::File(File::Sitemap));
    }
    Plan {
        site,
        entries,
        listings_from,
    }
}

/// The monitoring pages of every year with rosters (internal builds only): the
/// city's, then one per park with a roster, by park id.
fn monitoring_pages(site: &SiteData) -> Vec<Page> {
    let mut pages = Vec::new();
    for y in (0..site.years.len()).filter(|&y| site.monitoring.has_year(y)) {
        pages.push(Page::Monitoring(y));
        let year = site.years[y].year;
        let parks = &site.data.parks;
        for r in site.data.rosters.of_year(year) {
            if let Ok(park) = parks.binary_search_by(|p| p.id.as_str().cmp(r.park.as_str())) {
                pages.push(Page::MonitoringPark { y, park });
            }
        }
    }
    pages
}

/// The large entries spread evenly among the small ones (order within each kept):
/// rendered in chunks with at most one large entry each, a large file then takes one
/// thread while the others render small pages, instead of holding every thread up.
fn spread_large(entries: Vec<Entry>) -> Vec<Entry> {
    let (large, small): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.is_large());
    let every = (small.len() / (large.len() + 1)).max(1);
    let mut out = Vec::with_capacity(large.len() + small.len());
    let mut large = large.into_iter();
    for (i, e) in small.into_iter().enumerate() {
        if i % every == 0 {
            out.extend(large.next());
        }
        out.push(e);
    }
    out.extend(large);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::evaluate::evaluate_all;
    use crate::load::{load, SourceFiles};
    use crate::present::Audience;

    #[test]
    fn the_sample_plan_has_every_page_once_and_lists_files_last() {
        let data = load(&SourceFiles::embedded(), &Default::default()).unwrap();
        let years = evaluate_all(&data, &Default::default());
        for audience in [Audience::Public, Audience::Internal] {
            let site = SiteData::new(&data, &years, audience);
            let plan = plan_site(&site);
            let paths: Vec<String> = plan.entries().iter().map(|&e| plan.path(e)).collect();
            let unique: BTreeSet<&String> = paths.iter().collect();
            assert_eq!(unique.len(), paths.len(), "a path twice");
            // Per edition, one page per park, one scorecard per park and year it is
            // listed in; every page in both editions.
            let count = |f: &dyn Fn(&Entry) -> bool| plan.entries().iter().filter(|e| f(e)).count();
            let listed: usize = years.iter().map(|r| r.parks.len()).sum();
            for lang in Lang::ALL {
                assert_eq!(
                    count(&|e| matches!(e, Entry::Page(Page::Park(_), l) if *l == lang)),
                    data.parks.len()
                );
                assert_eq!(
                    count(&|e| matches!(e, Entry::Page(Page::Scorecard { .. }, l) if *l == lang)),
                    listed
                );
            }
            let pages = |lang| count(&|e| matches!(e, Entry::Page(_, l) if *l == lang));
            assert_eq!(pages(Lang::Zh), pages(Lang::En));
            assert!(paths.iter().any(|p| p == "en/404.html"));
            // The downloads page comes after every file it lists.
            let (first, last) = plan.stages();
            assert!(last.contains(&Entry::Page(Page::Downloads, Lang::Zh)));
            assert!(first
                .iter()
                .all(|e| !matches!(e, Entry::Page(Page::Downloads, _))));
            // The README lists every data file, and the downloads page the README.
            assert_eq!(last[0], Entry::File(File::Readme));
            assert_eq!(last[1], Entry::Page(Page::Downloads, Lang::Zh));
            // The sample has a base_url: a sitemap for the public only.
            let sitemap = last.contains(&Entry::File(File::Sitemap));
            assert_eq!(sitemap, audience == Audience::Public);
        }
    }

    #[test]
    fn large_entries_are_spread_among_the_small_ones_in_order() {
        let small = |i| Entry::Page(Page::Park(i), Lang::Zh);
        let large = |y| Entry::Page(Page::Year(y), Lang::Zh);
        let mut entries: Vec<Entry> = (0..3).map(large).collect();
        entries.extend((0..12).map(small));
        let spread = spread_large(entries.clone());
        assert_eq!(spread.len(), entries.len());
        let positions: Vec<usize> = (0..spread.len())
            .filter(|&i| spread[i].is_large())
            .collect();
        assert_eq!(positions, vec![0, 4, 8]);
        let order = |v: &[Entry], large: bool| -> Vec<Entry> {
            v.iter()
                .copied()
                .filter(|e| e.is_large() == large)
                .collect()
        };
        assert_eq!(order(&spread, true), order(&entries, true));
        assert_eq!(order(&spread, false), order(&entries, false));
    }
}
