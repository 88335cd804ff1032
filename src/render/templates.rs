//! The tera templates and static assets, compiled into the binary from
//! `templates/` so a build works anywhere, and replaced file by file by a city's
//! own templates folder (read by `load::templates`), zola-style.

use std::collections::BTreeMap;

use tera::{Context, Tera, Value};

use crate::error::{Error, Result};
use crate::model::TemplateFiles;
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
    (
        "corrections.html",
        include_str!("../../templates/corrections.html"),
    ),
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

/// The stylesheet and script, built in or overridden (`assets/site.css`, …).
struct Assets {
    site_css: String,
    site_js: String,
    report_css: String,
    report_js: String,
}

impl Assets {
    fn new(overrides: &TemplateFiles) -> Assets {
        let pick = |name: &str, built_in: &str| {
            overrides
                .files
                .get(name)
                .map_or_else(|| built_in.to_string(), Clone::clone)
        };
        Assets {
            site_css: pick("assets/site.css", SITE_CSS),
            site_js: pick("assets/site.js", SITE_JS),
            report_css: pick("assets/report.css", REPORT_CSS),
            report_js: pick("assets/report.js", REPORT_JS),
        }
    }
}

/// Our own asset files, joined for an inline `<style>` or `<script>` element; an
/// overridden file cannot close the element early (its end tag is broken up).
fn join(parts: &[&str], end_tag: &str) -> String {
    let joined = parts.join("\n");
    let lower = joined.to_ascii_lowercase();
    if !lower.contains(end_tag) {
        return joined;
    }
    let mut out = String::with_capacity(joined.len() + 8);
    let mut rest = 0;
    for (at, _) in lower.match_indices(end_tag) {
        out.push_str(&joined[rest..at + 1]);
        out.push('\\');
        rest = at + 1;
    }
    out.push_str(&joined[rest..]);
    out
}

/// The template engine, loaded once per build and shared by every render thread:
/// the built-in templates, with a city's own files replacing them by name, and
/// each edition's messages ready for the templates' `t` (tera's maps are shared,
/// so handing them to a page copies nothing).
pub struct Engine {
    tera: Tera,
    assets: Assets,
    messages: [Value; 2],
}

impl Engine {
    /// The built-in templates only.
    pub fn new() -> Result<Engine> {
        Engine::with(&TemplateFiles::default())
    }

    /// The built-in templates, each replaced by the file of `overrides` of the same
    /// name; other templates there are added (partials an override includes).
    pub fn with(overrides: &TemplateFiles) -> Result<Engine> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        text_filters::register(&mut tera);
        let mut all: BTreeMap<&str, &str> = TEMPLATES.iter().copied().collect();
        for (name, text) in &overrides.files {
            if name.ends_with(".html") || name.ends_with(".xml") {
                all.insert(name, text);
            }
        }
        tera.add_raw_templates(all)
            .map_err(|e| Error::template("templates", e))?;
        let messages = Lang::ALL.map(|lang| Value::from_serializable(messages(lang)));
        Ok(Engine {
            tera,
            assets: Assets::new(overrides),
            messages,
        })
    }

    /// The interface text of `lang`, for the templates' `t`.
    pub fn messages(&self, lang: Lang) -> Value {
        self.messages[lang as usize].clone()
    }

    /// A static file, published as it is.
    pub fn asset(&self, a: Asset) -> &str {
        match a {
            Asset::Stylesheet => &self.assets.site_css,
            Asset::Script => &self.assets.site_js,
        }
    }

    /// The stylesheet and the script for a page that carries them inside (the
    /// report): the site's, then the report's own.
    pub fn inline(&self) -> (Html, Html) {
        let a = &self.assets;
        (
            Html::trusted(join(&[&a.site_css, &a.report_css], "</style")),
            Html::trusted(join(&[&a.site_js, &a.report_js], "</script")),
        )
    }

    /// The page's bytes (our templates and escaped data are UTF-8 by construction,
    /// so they are not checked again).
    pub fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, ctx, &mut out)
            .map_err(|e| Error::template(template, e))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overridden_asset_cannot_close_its_element() {
        assert_eq!(join(&["a</STYLE>b"], "</style"), "a<\\/STYLE>b");
        assert_eq!(join(&["x", "y"], "</style"), "x\ny");
    }

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
