//! Render: views → bytes in memory. Nothing here writes files or recomputes scores.

mod chart_bars;
mod chart_intervals;
mod chart_radar;
mod chart_trend;
pub mod charts;
mod figure;
pub mod markdown;
pub mod report;
pub mod roster_xlsx;
pub mod site;
pub mod templates;
pub mod xlsx;

use crate::analysis::YearStudy;
use crate::error::Result;
use crate::evaluate::YearResult;
use crate::model::Dataset;
use crate::present::{self, Audience};
use crate::write::Output;

/// Everything a build publishes, as files in memory; `studies` (robustness and
/// what-if per year, from [`crate::analysis::site_study`]) feed the scorecards and
/// the robustness pages.
pub fn render_site(
    data: &Dataset,
    years: &[YearResult],
    studies: &[YearStudy],
    audience: Audience,
) -> Result<Output> {
    let mut out = Output::new();
    render_results(data, years, audience, &mut out)?;
    xlsx::render_workbooks(data, years, audience, &mut out)?;
    site::render_pages(data, years, studies, audience, &mut out)?;
    Ok(out)
}

/// `<Y>/results.json` and `<Y>/results.csv` for every evaluated year.
pub fn render_results(
    data: &Dataset,
    years: &[YearResult],
    audience: Audience,
    out: &mut Output,
) -> Result<()> {
    for r in years {
        let m = &data.methodologies[&r.methodology_year];
        let json = present::results::results_json(data, r, m, audience);
        out.emit(
            format!("{}/results.json", r.year),
            present::results::to_bytes(&json),
        )?;
        out.emit(
            format!("{}/results.csv", r.year),
            present::csv::results_csv(data, r, m),
        )?;
    }
    Ok(())
}
