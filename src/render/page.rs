//! One planned file → its bytes: a page through its template with its charts drawn,
//! a workbook through the xlsx writer, data and assets as they are. What a file
//! contains was decided in `present`; nothing here chooses titles, links or charts.

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::Context;

use crate::error::Result;
use crate::present::charts::ChartView;
use crate::present::html::Html;
use crate::present::page::{Made, PageView};

use super::figure::{figure, Figure};
use super::roster_xlsx::roster_workbook;
use super::templates::Engine;
use super::xlsx;

/// Charts on one page beyond which they are drawn in parallel (the report's cards).
const PARALLEL_CHARTS: usize = 16;

/// The bytes of one made file.
pub fn render(engine: &Engine, made: Made) -> Result<Vec<u8>> {
    match made {
        Made::Page(view) => page(engine, &view),
        Made::Bytes(bytes) => Ok(bytes),
        Made::Workbook(book) => xlsx::write(book),
        Made::RosterWorkbook(table, title) => roster_workbook(&table, title),
        Made::Asset(a) => Ok(engine.asset(a).as_bytes().to_vec()),
    }
}

/// A page: its template with `t` (its edition's messages), `chrome`, `page` (the
/// view) and `fig` (the drawn charts by id).
pub fn page(engine: &Engine, view: &PageView) -> Result<Vec<u8>> {
    let mut ctx = Context::new();
    ctx.insert_value("t", engine.messages(view.lang));
    if let Some(chrome) = &view.chrome {
        ctx.insert("chrome", chrome);
    }
    ctx.insert("page", &view.body);
    ctx.insert("fig", &figures(&view.charts()));
    if view.inline_assets {
        let (style, script): (Html, Html) = engine.inline();
        ctx.insert("style_html", &style);
        ctx.insert("script_html", &script);
    }
    engine.render(view.template, &ctx)
}

/// Every chart drawn, keyed by its id (unique within the page).
fn figures<'c>(charts: &[&'c ChartView]) -> BTreeMap<&'c str, Figure<'c>> {
    let drawn: Vec<Figure> = if charts.len() > PARALLEL_CHARTS {
        charts.par_iter().map(|c| figure(c)).collect()
    } else {
        charts.iter().map(|c| figure(c)).collect()
    };
    drawn.into_iter().map(|f| (f.id, f)).collect()
}
