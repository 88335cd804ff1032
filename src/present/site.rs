//! What every page of one build shares: lookups built once (park → result per
//! year, peer medians, districts) and the page chrome (navigation, banners,
//! footer hash, noindex).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::corrections::Corrections;
use crate::analysis::sensitivity::ParkSensitivity;
use crate::analysis::YearStudy;
use crate::evaluate::{ParkResult, YearResult};
use crate::model::{police_code, Dataset, Methodology, Page, Stage, Status};

use super::lang::{Lang, Named};
use super::messages::{fill, msg};
use super::monitoring::MonitoringLookup;
use super::pinyin;
use super::urls;
use super::Audience;

/// One district: its name, a stable URL slug and its parks (indices into `Dataset::parks`).
pub struct District {
    pub name: String,
    pub slug: String,
    pub parks: Vec<usize>,
}

/// The evaluation indexed for the site; built once, shared by every page.
pub struct SiteData<'a> {
    pub data: &'a Dataset,
    pub years: &'a [YearResult],
    pub audience: Audience,
    /// Per evaluated year (same order as `years`): park index → position in `parks`.
    lookup: Vec<Vec<Option<usize>>>,
    /// Per evaluated year: the peer median attainment of each dimension.
    pub medians: Vec<Vec<f64>>,
    /// Sorted by name.
    pub districts: Vec<District>,
    /// The robustness study per year (sensitivity, what-if), when the build ran it.
    pub studies: &'a [YearStudy],
    /// Per evaluated year: park index → its entry in that year's sensitivity.
    sensitivity: Vec<Vec<Option<usize>>>,
    /// Which years and parks have monitoring pages (internal builds with rosters).
    pub monitoring: MonitoringLookup<'a>,
    /// The editions the site is built in (every page once per edition).
    pub editions: &'static [Lang],
    /// The corrections notice (更正说明) of the latest year, when `corrections_since` is set.
    pub corrections: Option<&'a Corrections>,
}

impl<'a> SiteData<'a> {
    pub fn new(data: &'a Dataset, years: &'a [YearResult], audience: Audience) -> SiteData<'a> {
        let lookup = years
            .iter()
            .map(|r| {
                let mut v = vec![None; data.parks.len()];
                for (k, p) in r.parks.iter().enumerate() {
                    v[p.park] = Some(k);
                }
                v
            })
            .collect();
        let medians = years
            .iter()
            .map(|r| {
                let m = &data.methodologies[&r.methodology_year];
                (0..m.dimensions.len())
                    .map(|d| {
                        let mut v: Vec<f64> = r.rated().map(|p| attainment(m, p, d)).collect();
                        median(&mut v)
                    })
                    .collect()
            })
            .collect();
        let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in data.parks.iter().enumerate() {
            by_name.entry(p.district.as_str()).or_default().push(i);
        }
        let names: Vec<&str> = by_name.keys().copied().collect();
        let slugs = district_slugs(&names);
        let districts = by_name
            .into_iter()
            .zip(slugs)
            .map(|((name, parks), slug)| District {
                name: name.to_string(),
                slug,
                parks,
            })
            .collect();
        SiteData {
            data,
            years,
            audience,
            lookup,
            medians,
            districts,
            studies: &[],
            sensitivity: Vec::new(),
            monitoring: MonitoringLookup::new(
                data,
                &years.iter().map(|r| r.year).collect::<Vec<_>>(),
                audience,
            ),
            editions: &Lang::ALL,
            corrections: None,
        }
    }

    /// The same, publishing `corrections` (its page and the links to it).
    pub fn with_corrections(mut self, corrections: Option<&'a Corrections>) -> SiteData<'a> {
        self.corrections = corrections;
        self
    }

    /// The corrections page of the `y`-th evaluated year, if it has one; with
    /// `park`, only if that park's result was corrected (its anchor on the page).
    pub fn corrections_url(&self, y: usize, park: Option<usize>) -> Option<String> {
        let c = self.corrections.filter(|c| c.year == self.years[y].year)?;
        let page = urls::corrections(c.year);
        match park {
            None => Some(page),
            Some(i) => {
                let id = &self.data.parks[i].id;
                c.parks
                    .iter()
                    .any(|k| k.id == *id)
                    .then(|| format!("{page}#park-{id}"))
            }
        }
    }

    /// The logo's file extension (`png`), when the site has one.
    pub fn logo_ext(&self) -> &'static str {
        self.data.site.look.logo.as_ref().map_or("png", |l| l.ext)
    }

    /// The same, with the robustness study of each year (any order) for the
    /// scorecards and the robustness pages.
    pub fn with_studies(mut self, studies: &'a [YearStudy]) -> SiteData<'a> {
        self.studies = studies;
        self.sensitivity = (0..self.years.len())
            .map(|y| {
                let mut slots = vec![None; self.data.parks.len()];
                let parks = self.study(y).and_then(|s| s.sensitivity.as_ref());
                for (k, p) in parks.iter().flat_map(|s| s.parks.iter().enumerate()) {
                    if let Ok(i) = self.data.parks.binary_search_by(|x| x.id.cmp(&p.id)) {
                        slots[i] = Some(k);
                    }
                }
                slots
            })
            .collect();
        self
    }

    /// The same, built in `editions` only (the first is the site root's).
    pub fn with_editions(mut self, editions: &'static [Lang]) -> SiteData<'a> {
        self.editions = editions;
        self
    }

    /// The sensitivity of park `park` in the `y`-th evaluated year, when studied.
    pub fn sensitivity_of(&self, y: usize, park: usize) -> Option<&'a ParkSensitivity> {
        let k = (*self.sensitivity.get(y)?.get(park)?)?;
        Some(&self.study(y)?.sensitivity.as_ref()?.parks[k])
    }

    /// The study of the `y`-th evaluated year, when there is one.
    pub fn study(&self, y: usize) -> Option<&'a YearStudy> {
        let year = self.years[y].year;
        self.studies.iter().find(|s| s.year == year)
    }

    /// Whether any evaluated year has monitoring pages and roster downloads.
    pub fn monitoring_any(&self) -> bool {
        (0..self.years.len()).any(|y| self.monitoring.has_year(y))
    }

    /// Position of `year` in `years`.
    pub fn year_index(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|r| r.year == year)
    }

    /// The result of park `park` (index into `Dataset::parks`) in the `y`-th evaluated year.
    pub fn result(&self, y: usize, park: usize) -> Option<&'a ParkResult> {
        let k = self.lookup[y][park]?;
        Some(&self.years[y].parks[k])
    }

    pub fn methodology(&self, y: usize) -> &'a Methodology {
        &self.data.methodologies[&self.years[y].methodology_year]
    }

    pub fn latest(&self) -> Option<usize> {
        self.years.len().checked_sub(1)
    }

    /// Whether the site is in its 公示 stage with a year under notice.
    pub fn has_gongshi(&self) -> bool {
        let site = &self.data.site;
        site.stage == Stage::Gongshi && site.gongshi.is_some() && self.latest().is_some()
    }

    /// The public address the sitemap is written for: public builds with a `base_url`.
    pub fn sitemap_base(&self) -> Option<&'a str> {
        if self.audience.is_internal() {
            return None;
        }
        self.data.site.base_url.as_deref()
    }

    /// District `k`'s name in `lang` (load gave every park of a district the same
    /// English name).
    pub fn district_name(&self, k: usize, lang: Lang) -> Named<'a> {
        let d = &self.districts[k];
        let en = d
            .parks
            .first()
            .and_then(|&i| self.data.parks[i].district_en.as_deref());
        lang.name(&self.data.parks[d.parks[0]].district, en)
    }

    /// District `k`'s name where no language can be marked (`<title>`): its slug
    /// on an English page without its English name.
    pub fn district_title(&self, k: usize, lang: Lang) -> String {
        let name = self.district_name(k, lang);
        if name.zh {
            fill(
                lang,
                "title.district_id",
                &[("id", &self.districts[k].slug)],
            )
        } else {
            name.text.into_owned()
        }
    }

    /// The index of park `park`'s district in `districts`.
    pub fn district_index(&self, park: usize) -> usize {
        let name = &self.data.parks[park].district;
        self.districts
            .binary_search_by(|d| d.name.as_str().cmp(name))
            .expect("every park's district is indexed")
    }

    pub fn district_of(&self, park: usize) -> &District {
        let name = &self.data.parks[park].district;
        let k = self
            .districts
            .binary_search_by(|d| d.name.as_str().cmp(name))
            .expect("every park's district is indexed");
        &self.districts[k]
    }
}

/// A dimension's attainment: its score × 100 / the sum of its weights.
pub fn attainment(m: &Methodology, p: &ParkResult, d: usize) -> f64 {
    let w = m.dimension_weight(d);
    if w > 0.0 {
        p.dimensions[d].as_f64() * 100.0 / w
    } else {
        0.0
    }
}

/// The median of `v` (mean of the middle two for an even count); NaN when empty.
pub fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// District names (sorted, distinct) as URL segments, in the same order: readable
/// ASCII pinyin (`高新区` → `gaoxinqu`), stable as long as the name is. Names whose
/// pinyin collides (homophones: 新区, 欣区) or is empty get a short hash of the
/// name after it (`xinqu-3f8c7988`), and the result is checked to be collision-free.
pub fn district_slugs(names: &[&str]) -> Vec<String> {
    let base: Vec<String> = names.iter().map(|n| pinyin::full(n)).collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &base {
        *count.entry(b.as_str()).or_default() += 1;
    }
    let slugs: Vec<String> = names
        .iter()
        .zip(&base)
        .map(|(name, b)| {
            let hash = blake3::hash(name.as_bytes()).to_hex();
            match (b.is_empty(), count[b.as_str()]) {
                (true, _) => format!("d-{}", &hash.as_str()[..8]),
                (false, 1) => b.clone(),
                (false, _) => format!("{b}-{}", &hash.as_str()[..8]),
            }
        })
        .collect();
    let distinct: std::collections::BTreeSet<&String> = slugs.iter().collect();
    assert_eq!(
        distinct.len(),
        slugs.len(),
        "district slugs collide: {slugs:?}"
    );
    slugs
}

/// The parts of a page every template shares.
#[derive(Serialize)]
pub struct Chrome<'a> {
    /// `<html lang>`: the edition's tag.
    pub lang: &'static str,
    /// `../` up to the root of this page's edition (`en/` for the English one):
    /// page links are `root` + a path of [`urls`].
    pub root: String,
    /// `../` up to the site root: the shared files (stylesheet, data) are there.
    pub site_root: String,
    pub path: String,
    pub site_title: Named<'a>,
    /// The site's title where no language can be marked (`<title>`).
    pub site_title_text: &'a str,
    pub publisher: Named<'a>,
    /// The page's own heading (also the start of `<title>`).
    pub title: String,
    pub description: String,
    pub noindex: bool,
    pub internal: bool,
    pub canonical: Option<String>,
    /// The page in each edition (`hreflang`), and `x-default`.
    pub alternates: Vec<Alternate>,
    /// The same page in the other edition.
    pub switch: Option<Switch>,
    pub nav: Vec<NavItem<'a>>,
    pub gongshi: Option<Banner<'a>>,
    /// The data fingerprint, on the pages that are about the whole data set (home,
    /// downloads, the report). Other pages leave it out so that editing one park
    /// changes only the pages that show that park (the incremental writer, rsync).
    pub data_hash: Option<&'a str>,
    pub stage_label: &'static str,
    pub links: Links,
    pub look: LookView<'a>,
}

/// The city's own look as every page's frame shows it (`look:` in site.yaml).
#[derive(Serialize)]
pub struct LookView<'a> {
    /// Relative to the site root, like the stylesheet.
    pub logo: Option<String>,
    pub logo_alt: &'a str,
    /// `#rrggbb`, set as the stylesheet's accent colour.
    pub main_color: Option<&'a str>,
    pub footer: &'a [String],
    pub icp: Option<&'a str>,
    pub police: Option<&'a str>,
    /// The 公安备案号's registry query address.
    pub police_url: Option<String>,
}

impl<'a> LookView<'a> {
    fn new(site: &'a crate::model::Site, title: &'a str) -> LookView<'a> {
        let look = &site.look;
        LookView {
            logo: look.logo.as_ref().map(|l| urls::logo(l.ext)),
            logo_alt: look
                .logo
                .as_ref()
                .and_then(|l| l.alt.as_deref())
                .unwrap_or(title),
            main_color: look.main_color.as_deref(),
            footer: &look.footer,
            icp: look.icp.as_deref(),
            police: look.police.as_deref(),
            police_url: look
                .police
                .as_deref()
                .and_then(police_code)
                .map(|c| format!("https://beian.mps.gov.cn/#/query/webSearch?code={c}")),
        }
    }
}

/// One `<link rel="alternate" hreflang>`.
#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: &'static str,
    pub href: String,
}

/// The language switch: the same page in the other edition.
#[derive(Serialize)]
pub struct Switch {
    pub href: String,
    /// The target's language tag (the link is written in it).
    pub lang: &'static str,
    pub label: &'static str,
}

/// The pages and files every page's frame links to (relative to the root).
#[derive(Serialize)]
pub struct Links {
    pub home: String,
    pub parks: String,
    pub districts: String,
    pub methodology: String,
    pub stylesheet: &'static str,
    pub script: &'static str,
    pub readme: String,
}

impl Links {
    fn new() -> Links {
        Links {
            home: urls::home(),
            parks: urls::parks(),
            districts: urls::districts(),
            methodology: urls::methodology_index(),
            stylesheet: urls::STYLESHEET,
            script: urls::SCRIPT,
            readme: urls::downloads_readme(),
        }
    }
}

#[derive(Serialize)]
pub struct NavItem<'a> {
    pub label: Named<'a>,
    pub url: String,
    pub current: bool,
}

/// The 公示 banner: the year under publicity, the objection period and whom to contact.
#[derive(Serialize)]
pub struct Banner<'a> {
    pub year: i32,
    pub start: &'a str,
    pub end: &'a str,
    pub contact: Named<'a>,
    pub url: String,
}

/// Which top-level section a page belongs to (highlighted in the navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Years,
    Parks,
    Districts,
    Methodology,
    Downloads,
    Gongshi,
    Page,
    None,
}

impl<'a> SiteData<'a> {
    /// The chrome of the page at `path` (relative to the output root, with its
    /// edition's folder) in edition `lang`, titled `title`.
    pub fn chrome(&self, path: &str, lang: Lang, title: String, section: Section) -> Chrome<'a> {
        let site = &self.data.site;
        let site_root = urls::root_of(path);
        let internal = self.audience.is_internal();
        let site_title_text = self.site_title_text(lang);
        Chrome {
            lang: lang.tag(),
            root: format!("{site_root}{}", lang.prefix()),
            alternates: self.alternates(path, lang),
            switch: (self.editions.len() > 1).then(|| switch(path, lang)),
            site_root,
            path: path.to_string(),
            site_title: lang.name(&site.title, site.title_en.as_deref()),
            site_title_text,
            publisher: lang.name(&site.publisher, site.publisher_en.as_deref()),
            description: fill(
                lang,
                "chrome.description",
                &[("site", site_title_text), ("title", &title)],
            ),
            title,
            noindex: internal,
            internal,
            canonical: if internal {
                None
            } else {
                site.base_url.as_deref().map(|b| urls::absolute(b, path))
            },
            nav: self.nav(path, lang, section),
            gongshi: self.banner(lang),
            data_hash: matches!(section, Section::Home | Section::Downloads)
                .then_some(self.data.hash.as_str()),
            stage_label: msg(
                lang,
                match site.stage {
                    Stage::Gongshi => "chrome.stage_gongshi",
                    Stage::Final => "chrome.stage_final",
                },
            ),
            links: Links::new(),
            look: LookView::new(site, site_title_text),
        }
    }

    /// Scopes `chrome` to a page about the `y`-th evaluated year: the 公示 banner and
    /// the 公示稿 label stay only when that year is the one under publicity (the
    /// latest); an earlier year's pages say 正式结果 (issue 12).
    pub fn scope_chrome(&self, chrome: &mut Chrome, lang: Lang, y: usize) {
        if Some(y) != self.latest() {
            chrome.gongshi = None;
            chrome.stage_label = msg(lang, "chrome.stage_final");
        }
    }

    /// The site's title where no language can be marked: the English edition
    /// without `title_en` says what the site is instead.
    pub fn site_title_text(&self, lang: Lang) -> &'a str {
        let site = &self.data.site;
        lang.plain_name(
            &site.title,
            site.title_en.as_deref(),
            msg(lang, "chrome.site_fallback"),
        )
    }

    /// The 公示 banner, while the site is in its 公示 stage.
    fn banner(&self, lang: Lang) -> Option<Banner<'a>> {
        let site = &self.data.site;
        let g = site
            .gongshi
            .as_ref()
            .filter(|_| site.stage == Stage::Gongshi && self.latest().is_some())?;
        Some(Banner {
            year: self.years[self.latest()?].year,
            start: &g.start,
            end: &g.end,
            contact: lang.name(&g.contact, g.contact_en.as_deref()),
            url: urls::gongshi(),
        })
    }

    /// The page at `path` in every edition: relative links, or absolute ones
    /// under the public `base_url`.
    fn alternates(&self, path: &str, lang: Lang) -> Vec<Alternate> {
        let own = path.strip_prefix(lang.prefix()).unwrap_or(path);
        let base = if self.audience.is_internal() {
            None
        } else {
            self.data.site.base_url.as_deref()
        };
        let href = |l: Lang| {
            let target = format!("{}{own}", l.prefix());
            match base {
                Some(b) => urls::absolute(b, &target),
                None => format!("{}{target}", urls::root_of(path)),
            }
        };
        if self.editions.len() < 2 {
            return Vec::new();
        }
        let mut out: Vec<Alternate> = self
            .editions
            .iter()
            .map(|&l| Alternate {
                hreflang: l.tag(),
                href: href(l),
            })
            .collect();
        out.push(Alternate {
            hreflang: "x-default",
            href: href(Lang::default()),
        });
        out
    }

    fn nav(&self, path: &str, lang: Lang, section: Section) -> Vec<NavItem<'a>> {
        let item = |key: &'static str, url: String, s: Section| NavItem {
            label: Named::plain(msg(lang, key)),
            url,
            current: section == s,
        };
        let mut nav = vec![item("nav.home", urls::home(), Section::Home)];
        if let Some(y) = self.latest() {
            nav.push(item(
                "nav.years",
                urls::year(self.years[y].year),
                Section::Years,
            ));
        }
        nav.push(item("nav.parks", urls::parks(), Section::Parks));
        nav.push(item("nav.districts", urls::districts(), Section::Districts));
        nav.push(item(
            "nav.methodology",
            urls::methodology_index(),
            Section::Methodology,
        ));
        nav.push(item("nav.downloads", urls::downloads(), Section::Downloads));
        if self.banner(lang).is_some() {
            nav.push(item("nav.gongshi", urls::gongshi(), Section::Gongshi));
        }
        let own = path.strip_prefix(lang.prefix()).unwrap_or(path);
        for page in self
            .data
            .pages
            .iter()
            .filter(|p| p.slug != urls::METHODOLOGY_PROSE)
        {
            nav.push(NavItem {
                label: prose_title(page, lang),
                url: urls::page(&page.slug),
                current: section == Section::Page && own == urls::page(&page.slug),
            });
        }
        nav
    }
}

/// The same page in the other edition, relative to `path`.
fn switch(path: &str, lang: Lang) -> Switch {
    let own = path.strip_prefix(lang.prefix()).unwrap_or(path);
    let other = lang.other();
    Switch {
        href: format!("{}{}{own}", urls::root_of(path), other.prefix()),
        lang: other.tag(),
        label: msg(lang, "chrome.lang_switch"),
    }
}

/// A prose page's title in `lang`: the English text's heading, else the Chinese
/// one marked.
pub fn prose_title(page: &Page, lang: Lang) -> Named<'static> {
    match (lang, &page.markdown_en) {
        (Lang::En, Some(en)) => Named::plain(page_title(en, &page.slug)),
        (Lang::En, None) => {
            let zh = page_title(&page.markdown, &page.slug);
            Named {
                zh: crate::model::has_chinese(&zh),
                text: zh.into(),
            }
        }
        (Lang::Zh, _) => Named::plain(page_title(&page.markdown, &page.slug)),
    }
}

/// A prose page's title: its first `# ` heading, else its slug.
pub fn page_title(markdown: &str, slug: &str) -> String {
    markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| slug.to_string())
}

/// Whether a status is shown on year pages (every listed status is).
pub fn is_unrated(s: Status) -> bool {
    s != Status::Rated && s != Status::NotOperating
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_titles() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&mut []).is_nan());
        assert_eq!(page_title("intro\n# 关于本站\n", "about"), "关于本站");
        assert_eq!(page_title("no heading", "about"), "about");
        assert_eq!(
            district_slugs(&["经开区", "高新区"]),
            ["jingkaiqu", "gaoxinqu"]
        );
        // Homophones both get a hash suffix, so neither takes the other's address.
        let s = district_slugs(&["新区", "欣区", "（）"]);
        assert!(s[0].starts_with("xinqu-") && s[1].starts_with("xinqu-") && s[0] != s[1]);
        assert!(s[2].starts_with("d-"));
    }
}
