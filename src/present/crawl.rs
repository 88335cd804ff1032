//! What readers who arrive from outside meet first: `robots.txt`, `sitemap.xml`
//! (public builds with a `base_url` only) and the 404 page a web server shows for a
//! wrong address.

use std::fmt::Write;

use serde::Serialize;

use super::lang::{Lang, Named};
use super::messages::msg;
use super::site::{SiteData, Switch};
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

/// The public address of every page but the 404s, in every edition.
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
            .filter(|p| {
                !Lang::ALL
                    .iter()
                    .any(|l| p.strip_prefix(l.prefix()) == Some(urls::NOT_FOUND))
            })
            .map(|p| urls::absolute(base, p))
            .collect(),
    }
}

/// The 404 page: served at any depth, so its one link is absolute when it can be.
#[derive(Serialize)]
pub struct NotFound<'a> {
    pub lang: &'static str,
    pub site_title: Named<'a>,
    /// The title where no language can be marked (`<title>`).
    pub site_title_text: &'a str,
    pub home: String,
    /// The other edition's home page.
    pub other: Option<Switch>,
}

impl<'a> NotFound<'a> {
    pub fn new(site: &'a SiteData<'a>, lang: Lang) -> NotFound<'a> {
        let home_of = |l: Lang| {
            let path = format!("{}{}", l.prefix(), urls::home());
            match &site.data.site.base_url {
                Some(b) if !site.audience.is_internal() => urls::absolute(b, &path),
                // Served at any depth, a relative link can only aim at its own folder.
                _ if l == lang => urls::home(),
                _ => match lang {
                    Lang::Zh => path,
                    Lang::En => format!("../{}", urls::home()),
                },
            }
        };
        let s = &site.data.site;
        NotFound {
            lang: lang.tag(),
            site_title: lang.name(&s.title, s.title_en.as_deref()),
            site_title_text: site.site_title_text(lang),
            home: home_of(lang),
            other: Some(Switch {
                href: home_of(lang.other()),
                lang: lang.other().tag(),
                label: msg(lang, "chrome.lang_switch"),
            }),
        }
    }
}
