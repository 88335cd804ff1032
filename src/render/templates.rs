//! The tera templates and static assets, compiled into the binary from
//! `templates/` so a build works anywhere (the folder is the source to edit).

use tera::{Context, Tera};

use crate::error::{Error, Result};

/// Every template, by name. Names ending in `.html`/`.xml` are autoescaped.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
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
        "report_card.html",
        include_str!("../../templates/report_card.html"),
    ),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
];

/// Static files published as they are.
pub const ASSETS: &[(&str, &str)] = &[
    (
        "assets/site.css",
        include_str!("../../templates/assets/site.css"),
    ),
    (
        "assets/site.js",
        include_str!("../../templates/assets/site.js"),
    ),
];

/// The template engine, loaded once per build and shared by every render thread.
pub struct Engine {
    tera: Tera,
}

impl Engine {
    pub fn new() -> Result<Engine> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.add_raw_templates(TEMPLATES.iter().copied())
            .map_err(|e| Error::Other(format!("templates: {}", chain(&e))))?;
        Ok(Engine { tera })
    }

    pub fn render(&self, template: &str, ctx: &Context) -> Result<String> {
        self.tera
            .render(template, ctx)
            .map_err(|e| Error::Other(format!("template {template}: {}", chain(&e))))
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
