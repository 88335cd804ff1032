//! Render: views → bytes in memory. Nothing here writes files or recomputes scores.

pub mod xlsx;

use crate::error::Result;
use crate::evaluate::YearResult;
use crate::model::Dataset;
use crate::present::{self, Audience};
use crate::write::Output;

/// Everything a build publishes, as files in memory.
pub fn render_site(data: &Dataset, years: &[YearResult], audience: Audience) -> Result<Output> {
    let mut out = Output::new();
    render_results(data, years, audience, &mut out)?;
    xlsx::render_workbooks(data, years, audience, &mut out)?;
    out.emit("index.html", plain_index(data, years))?;
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

fn plain_index(data: &Dataset, years: &[YearResult]) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut links = String::new();
    for r in years.iter().rev() {
        links.push_str(&format!(
            "<li>{y}年: <a href=\"{y}/results.json\">results.json</a> · <a href=\"{y}/results.csv\">results.csv</a></li>\n",
            y = r.year
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\n<body><h1>{t}</h1>\n<ul>\n{links}</ul></body></html>\n",
        t = esc(&data.site.title)
    )
}
