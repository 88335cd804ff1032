//! The site's URL scheme. Every path is relative to the site root and names a file,
//! so links work under any sub-path and straight from the file system; a page
//! reaches the root through [`root_of`].
//!
//! Pages are flat files (`2023/parks/<id>.html`), never a folder per page: a folder
//! exists only where it groups many files (a year, the parks, the districts), and
//! its listing page is its `index.html`. That halves the file-system entries of a
//! site (docs/architecture.md, "Flat pages"), and each page opens straight from the
//! file system.

/// Home: the latest year.
pub fn home() -> String {
    "index.html".into()
}

pub fn year(y: i32) -> String {
    format!("{y}/index.html")
}

pub fn scorecard(y: i32, park: &str) -> String {
    format!("{y}/parks/{park}.html")
}

/// The year's robustness page (分档稳健性: every rated park's rank interval).
pub fn robustness(y: i32) -> String {
    format!("{y}/robustness.html")
}

/// The year's corrections notice (更正说明: what changed since its 公示 edition).
pub fn corrections(y: i32) -> String {
    format!("{y}/corrections.html")
}

/// The city's monitoring page of a year (动态监测, internal builds only).
pub fn monitoring(y: i32) -> String {
    format!("{y}/monitoring/index.html")
}

/// A park's monitoring page of a year (internal builds only).
pub fn monitoring_park(y: i32, park: &str) -> String {
    format!("{y}/monitoring/{park}.html")
}

/// The consolidated roster of a year as CSV (internal builds only).
pub fn roster_csv(y: i32) -> String {
    format!("downloads/enterprises-{y}.csv")
}

/// The consolidated roster of a year as a workbook (internal builds only).
pub fn roster_xlsx(y: i32) -> String {
    format!("downloads/enterprises-{y}.xlsx")
}

pub fn parks() -> String {
    "parks/index.html".into()
}

pub fn park(id: &str) -> String {
    format!("parks/{id}.html")
}

pub fn districts() -> String {
    "districts/index.html".into()
}

pub fn district(slug: &str) -> String {
    format!("districts/{slug}.html")
}

pub fn methodology_index() -> String {
    "methodology/index.html".into()
}

pub fn methodology(version: i32) -> String {
    format!("methodology/{version}.html")
}

pub fn downloads() -> String {
    "downloads/index.html".into()
}

pub fn downloads_readme() -> String {
    "downloads/README.txt".into()
}

pub fn gongshi() -> String {
    "gongshi.html".into()
}

pub fn results_json(y: i32) -> String {
    format!("{y}/results.json")
}

pub fn results_csv(y: i32) -> String {
    format!("{y}/results.csv")
}

pub fn workbook(y: i32) -> String {
    format!("downloads/results-{y}.xlsx")
}

/// The one-file report of a year (`parkscore report`'s default file name).
pub fn report(y: i32) -> String {
    format!("report-{y}.html")
}

/// The city's logo, under the name the site gives it (`assets/logo.png`).
pub fn logo(ext: &str) -> String {
    format!("assets/logo.{ext}")
}

pub const STYLESHEET: &str = "assets/site.css";
pub const SCRIPT: &str = "assets/site.js";
pub const NOT_FOUND: &str = "404.html";
pub const ROBOTS: &str = "robots.txt";
pub const SITEMAP: &str = "sitemap.xml";
/// `pages/methodology.md` is not a page of its own: it is the prose of the methodology index.
pub const METHODOLOGY_PROSE: &str = "methodology";

/// Names at the site root the site itself uses (folders, and pages without the
/// `.html`); a prose page may not take these names.
pub const RESERVED: &[&str] = &[
    "404",
    "assets",
    "districts",
    "downloads",
    "gongshi",
    "index",
    "methodology",
    "pages",
    "parks",
    "robots",
    "sitemap",
];

/// Where the prose page `pages/<slug>.md` is published: `<slug>.html`, or
/// `pages/<slug>.html` when the slug is a name the site needs for itself.
pub fn page(slug: &str) -> String {
    let reserved = RESERVED.contains(&slug) || slug.chars().all(|c| c.is_ascii_digit());
    if reserved {
        format!("pages/{slug}.html")
    } else {
        format!("{slug}.html")
    }
}

/// `../` once per folder between `path` and the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The public URL of `path` under `base` (`…/2023/` for `2023/index.html`).
pub fn absolute(base: &str, path: &str) -> String {
    let base = if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    };
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_and_absolutes() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("2023/parks/a.html"), "../../");
        assert_eq!(
            absolute("https://x.cn/a", "2023/index.html"),
            "https://x.cn/a/2023/"
        );
        assert_eq!(absolute("https://x.cn/a/", "index.html"), "https://x.cn/a/");
        assert_eq!(
            absolute("https://x.cn/a/", "2023/parks/p1.html"),
            "https://x.cn/a/2023/parks/p1.html"
        );
        assert_eq!(page("about"), "about.html");
        assert_eq!(page("parks"), "pages/parks.html");
        assert_eq!(page("index"), "pages/index.html");
        assert_eq!(page("404"), "pages/404.html");
        assert_eq!(page("gongshi"), "pages/gongshi.html");
        assert_eq!(page("2023"), "pages/2023.html");
    }
}
