//! A chart as the `figure` template component takes it: the view's title,
//! description and numbers, plus the drawing. The site and the report share it.

use serde::Serialize;

use crate::present::charts::{ChartView, TableView};
use crate::present::html::Html;

use super::charts;

#[derive(Serialize)]
pub struct Figure<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub table: &'a TableView,
    pub svg_html: Html,
}

/// Draws `chart` and pairs the drawing with its texts.
pub fn figure(chart: &ChartView) -> Figure<'_> {
    Figure {
        id: &chart.id,
        title: &chart.title,
        desc: &chart.desc,
        table: &chart.table,
        svg_html: charts::svg(chart),
    }
}
