//! The one-file report: the year's summary and every scorecard in a single HTML
//! document with its stylesheet, script and SVG charts inline, so it opens from a
//! mail attachment or a chat app with no network and prints one scorecard per page.
//! Scorecards (and their charts) render in parallel; they are joined in the year's
//! order, so the bytes do not depend on the thread count.

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::Context;

use crate::error::{Error, Result};
use crate::evaluate::YearResult;
use crate::model::Dataset;
use crate::present::html::Html;
use crate::present::report::{anchor, card_order, report_card, report_page};
use crate::present::site::SiteData;
use crate::present::Audience;
use crate::progress::Progress;

use super::figure::{figure, Figure};
use super::templates::Engine;

/// The site's stylesheet, then what only the report needs (cards, print pages).
const STYLE: [&str; 2] = [
    include_str!("../../templates/assets/site.css"),
    include_str!("../../templates/assets/report.css"),
];

/// The site's table sorting and filters, then the report's card handling.
const SCRIPT: [&str; 2] = [
    include_str!("../../templates/assets/site.js"),
    include_str!("../../templates/assets/report.js"),
];

/// What to render: which evaluated year, for whom.
pub struct ReportInput<'a> {
    pub data: &'a Dataset,
    pub years: &'a [YearResult],
    /// The year to report (must be one of `years`).
    pub year: i32,
    pub audience: Audience,
    pub progress: &'a dyn Progress,
}

/// The rendered report and how many scorecards it holds.
pub struct Report {
    pub html: Vec<u8>,
    pub cards: usize,
}

/// Renders the report of `input.year` as one self-contained HTML document.
pub fn render_report(input: &ReportInput) -> Result<Report> {
    let site = SiteData::new(input.data, input.years, input.audience);
    let y = site
        .year_index(input.year)
        .ok_or_else(|| Error::NotFound(format!("{} is not an evaluated year", input.year)))?;
    let engine = Engine::new()?;
    let order = card_order(&site, y);
    input.progress.stage("生成报告", order.len() as u64 + 1);

    let cards: Vec<Result<String>> = order
        .par_iter()
        .map(|&park| {
            let card = render_card(&engine, &site, y, park);
            input.progress.advance(1);
            card
        })
        .collect();
    let mut cards_html = String::new();
    for card in cards {
        cards_html.push_str(&card?);
    }

    let view = report_page(&site, y);
    let mut ctx = Context::new();
    ctx.insert("chrome", &view.chrome);
    ctx.insert("page", &view);
    let fig: BTreeMap<&str, Figure> = [&view.year.tier_chart, &view.year.district_chart]
        .into_iter()
        .map(|c| Ok((c.id.as_str(), figure(c)?)))
        .collect::<Result<_>>()?;
    ctx.insert("fig", &fig);
    ctx.insert("cards_html", &Html::trusted(cards_html));
    ctx.insert("style_html", &inline(&STYLE, "</style"));
    ctx.insert("script_html", &inline(&SCRIPT, "</script"));
    let html = engine.render("report.html", &ctx)?.into_bytes();
    input.progress.advance(1);
    Ok(Report {
        html,
        cards: order.len(),
    })
}

/// One park's collapsible scorecard.
fn render_card(engine: &Engine, site: &SiteData, y: usize, park: usize) -> Result<String> {
    let card = report_card(site, y, park).ok_or_else(|| {
        Error::Other(format!(
            "no scorecard for {} in {}",
            site.data.parks[park].id.as_str(),
            site.years[y].year
        ))
    })?;
    let mut fig: BTreeMap<&str, Figure> = BTreeMap::new();
    // Keyed by role, as the card template names them; each keeps its unique id.
    if let Some(c) = &card.radar {
        fig.insert("radar", figure(c)?);
    }
    if let Some(c) = &card.bars {
        fig.insert("indicators", figure(c)?);
    }
    fig.insert("trend", figure(&card.trend)?);
    let mut ctx = Context::new();
    ctx.insert("page", &card);
    ctx.insert("fig", &fig);
    ctx.insert("a", &anchor(card.park.id));
    ctx.insert("internal", &site.audience.is_internal());
    engine.render("report_card.html", &ctx)
}

/// Our own asset files, joined for an inline `<style>` or `<script>` element.
fn inline(parts: &[&str], end_tag: &str) -> Html {
    let joined = parts.join("\n");
    // The files are ours; this only guards against a future edit closing the element early.
    debug_assert!(!joined.to_ascii_lowercase().contains(end_tag));
    Html::trusted(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_assets_cannot_close_their_element() {
        for part in STYLE {
            assert!(!part.to_ascii_lowercase().contains("</style"));
            assert!(!part.contains("url("), "no url(...) in the report's CSS");
            assert!(!part.contains("@import"));
        }
        for part in SCRIPT {
            assert!(!part.to_ascii_lowercase().contains("</script"));
        }
    }
}
