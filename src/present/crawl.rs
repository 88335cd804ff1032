//! What readers who arrive from outside meet first: `robots.txt`, `sitemap.xml`
//! (public builds with a `base_url` only) and the 404 page a web server shows for a
//! wrong address.

use std::fmt::Write;

use serde::Serialize;

use super::site::SiteData;
use super::urls;

/// `robots.txt`: internal builds are closed to crawlers; public ones name the sitemap.
pub fn robots(site: &SiteData) -> String {
    if site.audience.is_internal() {
        return "User-agent: *\nDisallow: /\n".into();
    }
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = site.sitemap_base() {
        let _ = writeln!(s, "Sitemap: {}", urls::absolute(base, urls::SITEMAP));
    }
    s
}

/// The public address of every page but the 404.
#[derive(Serialize)]
pub struct Sitemap {
    pub urls: Vec<String>,
}

/// The sitemap of `paths` (every HTML page, sorted), under the site's `base_url`.
pub fn sitemap(site: &SiteData, paths: Vec<String>) -> Sitemap {
    let base = site.sitemap_base().unwrap_or_default();
    Sitemap {
        urls: paths
            .iter()
            .filter(|p| p.as_str() != urls::NOT_FOUND)
            .map(|p| urls::absolute(base, p))
            .collect(),
    }
}

/// The 404 page: served at any depth, so its one link is absolute when it can be.
#[derive(Serialize)]
pub struct NotFound<'a> {
    pub site_title: &'a str,
    /// The home page's address: absolute with `base_url`; else `/` (the server's
    /// root), which the page's script corrects to the site's own root.
    pub home: String,
    /// Without `base_url` the page cannot know where the site lives: a small inline
    /// script finds its root by asking the server, folder by folder upwards, for
    /// the site's stylesheet (issue 12 #5).
    pub find_root: bool,
    /// The stylesheet's path from the site root, for that script.
    pub probe: &'static str,
}

impl<'a> NotFound<'a> {
    pub fn new(site: &'a SiteData<'a>) -> NotFound<'a> {
        let base = site
            .data
            .site
            .base_url
            .as_ref()
            .filter(|_| !site.audience.is_internal());
        NotFound {
            site_title: &site.data.site.title,
            home: base.map_or_else(|| "/".into(), |b| urls::absolute(b, &urls::home())),
            find_root: base.is_none(),
            probe: urls::STYLESHEET,
        }
    }
}
