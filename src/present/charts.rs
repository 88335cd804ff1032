//! Chart specifications: what a chart shows, already ordered, labelled and
//! formatted. `render::charts` draws them; nothing here knows how.
//! Every chart carries a title, a description and the table of its numbers, which
//! the page prints beside it.

use serde::Serialize;

use super::format::trimmed;
use super::lang::Named;

/// A chart as the page sees it: the drawing is added by the renderer.
#[derive(Serialize)]
pub struct ChartView {
    /// Unique within its page (used for the SVG's `<title>`/`<desc>` ids).
    pub id: String,
    pub title: String,
    pub desc: String,
    pub table: TableView,
    #[serde(skip)]
    pub spec: ChartSpec,
}

/// A small table of strings: the numbers behind a chart.
#[derive(Serialize)]
pub struct TableView {
    pub head: Vec<String>,
    /// Each row's first cell names it (a name the English edition may show in Chinese).
    pub rows: Vec<Vec<Named<'static>>>,
}

pub enum ChartSpec {
    Bars(Bars),
    Radar(Radar),
    Trend(Trend),
    Intervals(Intervals),
    Columns(Columns),
}

/// The colour role of a bar or series; the renderer maps roles to colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    TierA,
    TierB,
    TierC,
    Unrated,
    Primary,
    Peer,
}

/// Each rated park's simulated rank range against its actual rank (the robustness
/// page): one column per park in actual rank order, rank 1 at the top.
pub struct Intervals {
    /// Rated parks in the year (the axes run from 1 to `n`).
    pub n: usize,
    pub parks: Vec<RankInterval>,
    /// Legend entries, in order.
    pub legend: Vec<(String, Tone)>,
    pub x_label: String,
    pub y_label: String,
}

pub struct RankInterval {
    pub rank: u32,
    /// 5th percentile, median, 95th percentile of the simulated rank.
    pub low: f64,
    pub median: f64,
    pub high: f64,
    pub tone: Tone,
}

/// Bars with labels, drawn horizontally (long Chinese labels need the width).
pub struct Bars {
    pub bars: Vec<Bar>,
    /// The axis runs from `min` to `max`.
    pub min: f64,
    pub max: f64,
    /// Where to draw the axis ticks, and their labels.
    pub ticks: Vec<Tick>,
    /// The unit written under the axis.
    pub axis_label: String,
    /// Bars drawn upright (few, short categories) instead of sideways.
    pub vertical: bool,
}

pub struct Bar {
    /// Marked Chinese on an English page when the data has no English name.
    pub label: Named<'static>,
    pub value: f64,
    /// The value as printed at the end of the bar.
    pub text: String,
    pub tone: Tone,
}

/// Upright columns in groups along the x axis, one column per series in each group
/// (entries beside exits per year; firms per revenue band), with an optional marked
/// threshold between two groups (the 2,000 万元 规上 line).
pub struct Columns {
    /// The label under each group.
    pub groups: Vec<String>,
    pub series: Vec<ColumnSeries>,
    /// The value axis runs from 0 to `max`.
    pub max: f64,
    pub ticks: Vec<Tick>,
    pub axis_label: String,
    /// Legend entries, in order (none for a single series).
    pub legend: Vec<(String, Tone)>,
    pub marker: Option<Marker>,
}

/// One series: a column per group.
pub struct ColumnSeries {
    pub columns: Vec<Column>,
}

pub struct Column {
    pub value: f64,
    /// The value as printed above the column.
    pub text: String,
    pub tone: Tone,
}

/// A dashed line drawn before group `before`, labelled.
pub struct Marker {
    pub before: usize,
    pub label: String,
}

/// Values on axes around a centre, one polygon per series.
pub struct Radar {
    pub axes: Vec<Named<'static>>,
    pub series: Vec<Series>,
    /// The centre of the chart is `min`, the outer ring `max`.
    pub min: f64,
    pub max: f64,
    pub rings: Vec<Tick>,
}

pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
    pub tone: Tone,
}

/// Total and rank over the years; a missing point is a year without a rank.
pub struct Trend {
    pub years: Vec<i32>,
    pub totals: Vec<Option<f64>>,
    /// (rank, rated parks that year).
    pub ranks: Vec<Option<(u32, usize)>>,
    /// The printed label of each total and rank point.
    pub total_labels: Vec<String>,
    pub rank_labels: Vec<String>,
    pub total_min: f64,
    pub total_max: f64,
    /// Where the total axis is labelled.
    pub total_ticks: Vec<Tick>,
    /// Where the rank axis is labelled (ranks, first place on top).
    pub rank_ticks: Vec<Tick>,
    /// The panels' titles (total above, rank below).
    pub total_title: String,
    pub rank_title: String,
}

/// An axis or ring position and its label.
pub struct Tick {
    pub at: f64,
    pub label: String,
}

/// Ticks every `step` from `min` to `max` inclusive.
pub fn ticks(min: f64, max: f64, step: f64) -> Vec<Tick> {
    let mut out = Vec::new();
    let mut k = (min / step).ceil() as i64;
    while (k as f64) * step <= max + 1e-9 {
        let at = k as f64 * step;
        out.push(Tick {
            at,
            label: trimmed(at, 2),
        });
        k += 1;
    }
    out
}

/// A step of 1, 2 or 5 × 10^k that gives about `n` ticks over `span`.
pub fn nice_step(span: f64, n: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / n.max(1) as f64;
    let p = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= raw {
            return m * p;
        }
    }
    10.0 * p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_range() {
        let t = ticks(0.0, 100.0, 20.0);
        assert_eq!(
            t.iter().map(|t| t.at).collect::<Vec<_>>(),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(t[5].label, "100");
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(7.0, 5), 2.0);
        assert_eq!(nice_step(0.0, 5), 1.0);
    }
}
