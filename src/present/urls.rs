//! The site's URL scheme. Every path is relative to the site root and names a file
//! (`…/index.html`), so links work under any sub-path and straight from the file
//! system; a page reaches the root through [`root_of`].

/// Home: the latest year.
pub fn home() -> String {
    "index.html".into()
}

pub fn year(y: i32) -> String {
    format!("{y}/index.html")
}

pub fn scorecard(y: i32, park: &str) -> String {
    format!("{y}/parks/{park}/index.html")
}

/// The year's robustness page (分档稳健性: every rated park's rank interval).
pub fn robustness(y: i32) -> String {
    format!("{y}/robustness/index.html")
}

pub fn parks() -> String {
    "parks/index.html".into()
}

pub fn park(id: &str) -> String {
    format!("parks/{id}/index.html")
}

pub fn districts() -> String {
    "districts/index.html".into()
}

pub fn district(slug: &str) -> String {
    format!("districts/{slug}/index.html")
}

pub fn methodology_index() -> String {
    "methodology/index.html".into()
}

pub fn methodology(version: i32) -> String {
    format!("methodology/{version}/index.html")
}

pub fn downloads() -> String {
    "downloads/index.html".into()
}

pub fn downloads_readme() -> String {
    "downloads/README.txt".into()
}

pub fn gongshi() -> String {
    "gongshi/index.html".into()
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

pub const STYLESHEET: &str = "assets/site.css";
pub const SCRIPT: &str = "assets/site.js";
pub const NOT_FOUND: &str = "404.html";
pub const ROBOTS: &str = "robots.txt";
pub const SITEMAP: &str = "sitemap.xml";
/// `pages/methodology.md` is not a page of its own: it is the prose of the methodology index.
pub const METHODOLOGY_PROSE: &str = "methodology";

/// Top-level folders the site itself uses; a prose page may not take these names.
pub const RESERVED: &[&str] = &[
    "assets",
    "districts",
    "downloads",
    "gongshi",
    "methodology",
    "pages",
    "parks",
];

/// Where the prose page `pages/<slug>.md` is published: `<slug>/index.html`, or
/// `pages/<slug>/index.html` when the slug is a name the site needs for itself.
pub fn page(slug: &str) -> String {
    let reserved = RESERVED.contains(&slug) || slug.chars().all(|c| c.is_ascii_digit());
    if reserved {
        format!("pages/{slug}/index.html")
    } else {
        format!("{slug}/index.html")
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
        assert_eq!(root_of("2023/parks/a/index.html"), "../../../");
        assert_eq!(
            absolute("https://x.cn/a", "2023/index.html"),
            "https://x.cn/a/2023/"
        );
        assert_eq!(absolute("https://x.cn/a/", "index.html"), "https://x.cn/a/");
        assert_eq!(page("about"), "about/index.html");
        assert_eq!(page("parks"), "pages/parks/index.html");
        assert_eq!(page("2023"), "pages/2023/index.html");
    }
}
