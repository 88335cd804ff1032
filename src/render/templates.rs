//! The tera templates and static assets, compiled into the binary from
//! `templates/` so a build works anywhere (the folder is the source to edit).

use tera::{Context, Tera, Value};

use crate::error::{Error, Result};
use crate::present::html::Html;
use crate::present::lang::Lang;
use crate::present::messages::messages;
use crate::present::page::Asset;

use super::text_filters;

/// Every template, by name. Names ending in `.html`/`.xml` are autoescaped.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
    (
        "partials/chrome.html",
        include_str!("../../templates/partials/chrome.html"),
    ),
    (
        "partials/year.html",
        include_str!("../../templates/partials/year.html"),
    ),
    (
        "partials/scorecard.html",
        include_str!("../../templates/partials/scorecard.html"),
    ),
    ("year.html", include_str!("../../templates/year.html")),
    (
        "scorecard.html",
        include_str!("../../templates/scorecard.html"),
    ),
    ("park.html", include_str!("../../templates/park.html")),
    (
        "robustness.html",
        include_str!("../../templates/robustness.html"),
    ),
    ("parks.html", include_str!("../../templates/parks.html")),
    (
        "districts.html",
        include_str!("../../templates/districts.html"),
    ),
    (
        "district.html",
        include_str!("../../templates/district.html"),
    ),
    (
        "methodology_index.html",
        include_str!("../../templates/methodology_index.html"),
    ),
    (
        "methodology.html",
        include_str!("../../templates/methodology.html"),
    ),
    (
        "downloads.html",
        include_str!("../../templates/downloads.html"),
    ),
    ("gongshi.html", include_str!("../../templates/gongshi.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("report.html", include_str!("../../templates/report.html")),
    (
        "partials/monitoring.html",
        include_str!("../../templates/partials/monitoring.html"),
    ),
    (
        "monitoring.html",
        include_str!("../../templates/monitoring.html"),
    ),
    (
        "monitoring_park.html",
        include_str!("../../templates/monitoring_park.html"),
    ),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
];

const SITE_CSS: &str = include_str!("../../templates/assets/site.css");
const SITE_JS: &str = include_str!("../../templates/assets/site.js");
/// What only the one-file report needs beyond the site's own (cards, print pages).
const REPORT_CSS: &str = include_str!("../../templates/assets/report.css");
const REPORT_JS: &str = include_str!("../../templates/assets/report.js");

/// A static file, published as it is.
pub fn asset(a: Asset) -> &'static str {
    match a {
        Asset::Stylesheet => SITE_CSS,
        Asset::Script => SITE_JS,
    }
}

/// The stylesheet and the script for a page that carries them inside (the report):
/// the site's, then the report's own.
pub fn inline() -> (Html, Html) {
    (
        Html::trusted(join(&[SITE_CSS, REPORT_CSS], "</style")),
        Html::trusted(join(&[SITE_JS, REPORT_JS], "</script")),
    )
}

/// Our own asset files, joined for an inline `<style>` or `<script>` element.
fn join(parts: &[&str], end_tag: &str) -> String {
    let joined = parts.join("\n");
    // The files are ours; this only guards against a future edit closing the element early.
    debug_assert!(!joined.to_ascii_lowercase().contains(end_tag));
    joined
}

/// The template engine, loaded once per build and shared by every render thread,
/// with each edition's messages ready for the templates' `t` (tera's maps are
/// shared, so handing them to a page copies nothing).
pub struct Engine {
    tera: Tera,
    messages: [Value; 2],
}

impl Engine {
    pub fn new() -> Result<Engine> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        text_filters::register(&mut tera);
        tera.add_raw_templates(TEMPLATES.iter().copied())
            .map_err(|e| Error::Other(format!("templates: {}", chain(&e))))?;
        let messages = Lang::ALL.map(|lang| Value::from_serializable(messages(lang)));
        Ok(Engine { tera, messages })
    }

    /// The interface text of `lang`, for the templates' `t`.
    pub fn messages(&self, lang: Lang) -> Value {
        self.messages[lang as usize].clone()
    }

    /// The page's bytes (our templates and escaped data are UTF-8 by construction,
    /// so they are not checked again).
    pub fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, ctx, &mut out)
            .map_err(|e| Error::Other(format!("template {template}: {}", chain(&e))))?;
        Ok(out)
    }
}

/// The error and its causes on one line: tera puts the useful part in the source.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_assets_cannot_close_their_element() {
        for part in [SITE_CSS, REPORT_CSS] {
            assert!(!part.to_ascii_lowercase().contains("</style"));
            assert!(!part.contains("url("), "no url(...) in the report's CSS");
            assert!(!part.contains("@import"));
        }
        for part in [SITE_JS, REPORT_JS] {
            assert!(!part.to_ascii_lowercase().contains("</script"));
        }
    }
}
