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
    pub home: String,
}

impl<'a> NotFound<'a> {
    pub fn new(site: &'a SiteData<'a>) -> NotFound<'a> {
        let home = match &site.data.site.base_url {
            Some(b) if !site.audience.is_internal() => urls::absolute(b, &urls::home()),
            _ => urls::home(),
        };
        NotFound {
            site_title: &site.data.site.title,
            home,
        }
    }
}
