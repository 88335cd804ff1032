//! Total and rank over the years: two stacked panels sharing the year axis (one
//! scale each, no dual axis), rank drawn with first place on top.

use crate::present::charts::{Tick, Tone, Trend};

use super::chart_parts::{ink, muted, tone};
use super::svg::{Align, Svg, Valign};

const W: i32 = 480;
/// The plot area of a panel: left, right, top, bottom.
type Area = (i32, i32, i32, i32);
const UPPER: Area = (52, W - 24, 22, 148);
const LOWER: Area = (52, W - 24, 192, 304);

/// Consecutive runs of present points, so a year without a value breaks the line.
fn runs(points: &[Option<(i32, i32)>]) -> Vec<Vec<(i32, i32)>> {
    let mut out: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut cur = Vec::new();
    for p in points {
        match p {
            Some(p) => cur.push(*p),
            None if !cur.is_empty() => out.push(std::mem::take(&mut cur)),
            None => {}
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn trend(t: &Trend) -> Svg {
    let mut svg = Svg::new(W, 330);
    let first = f64::from(*t.years.first().unwrap_or(&0)) - 0.5;
    let span = t.years.len().max(1) as f64;
    let x_of = |year: i32| {
        let (l, r, _, _) = UPPER;
        l + ((f64::from(year) - first) / span * f64::from(r - l)).round() as i32
    };
    let y_in = |area: Area, lo: f64, hi: f64, v: f64| {
        let (_, _, top, bottom) = area;
        let span = (hi - lo).max(f64::EPSILON);
        bottom - ((v - lo) / span * f64::from(bottom - top)).round() as i32
    };
    let max_rank = t
        .ranks
        .iter()
        .flatten()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    // Totals upwards; ranks with first place on top (rank k at −k).
    let total_y = |v: f64| y_in(UPPER, t.total_min, t.total_max, v);
    let rank_y = |k: f64| y_in(LOWER, -(max_rank + 0.5), -0.5, -k);
    let upper = Axis {
        area: UPPER,
        title: &t.total_title,
        ticks: &t.total_ticks,
        y_of: &total_y,
    };
    let lower = Axis {
        area: LOWER,
        title: &t.rank_title,
        ticks: &t.rank_ticks,
        y_of: &rank_y,
    };
    panel(&mut svg, &t.years, &upper, &x_of);
    panel(&mut svg, &t.years, &lower, &x_of);
    let totals: Vec<Option<(i32, i32)>> = t
        .years
        .iter()
        .zip(&t.totals)
        .map(|(y, v)| v.map(|v| (x_of(*y), total_y(v))))
        .collect();
    let ranks: Vec<Option<(i32, i32)>> = t
        .years
        .iter()
        .zip(&t.ranks)
        .map(|(y, r)| r.map(|(k, _)| (x_of(*y), rank_y(f64::from(k)))))
        .collect();
    let total_line = Line {
        points: &totals,
        labels: &t.total_labels,
        tone: Tone::Primary,
        dy: -8,
    };
    let rank_line = Line {
        points: &ranks,
        labels: &t.rank_labels,
        tone: Tone::Peer,
        dy: 8,
    };
    series(&mut svg, &total_line);
    series(&mut svg, &rank_line);
    svg
}

/// One panel's vertical axis: where it is drawn, its title and labelled values.
struct Axis<'a> {
    area: Area,
    title: &'a str,
    ticks: &'a [Tick],
    y_of: &'a dyn Fn(f64) -> i32,
}

/// A panel's title, grid, axis labels and axes.
fn panel(svg: &mut Svg, years: &[i32], axis: &Axis, x_of: &dyn Fn(i32) -> i32) {
    let (left, right, top, bottom) = axis.area;
    svg.text(
        axis.title,
        (8, top - 18),
        muted(12),
        (Align::Start, Valign::Top),
    );
    for tick in axis.ticks {
        let y = (axis.y_of)(tick.at);
        svg.line("gr", (left, y), (right, y));
        svg.text(
            &tick.label,
            (left - 6, y),
            muted(12),
            (Align::End, Valign::Center),
        );
    }
    for year in years {
        let x = x_of(*year);
        svg.line("gr", (x, top), (x, bottom));
        let label = year.to_string();
        svg.text(
            &label,
            (x, bottom + 5),
            muted(12),
            (Align::Middle, Valign::Top),
        );
    }
    svg.path("am", &[(left, top), (left, bottom), (right, bottom)], false);
}

/// One series: a point per year (or none) and the label printed at each.
struct Line<'a> {
    points: &'a [Option<(i32, i32)>],
    labels: &'a [String],
    tone: Tone,
    /// Where the label sits: above (negative) or below the dot.
    dy: i32,
}

/// A line through the points (broken where a year has none), a dot and a label at each.
fn series(svg: &mut Svg, line: &Line) {
    let k = tone(line.tone);
    for run in runs(line.points) {
        svg.path(&format!("l{k} w2"), &run, false);
    }
    let v = if line.dy < 0 {
        Valign::Bottom
    } else {
        Valign::Top
    };
    for (p, label) in line.points.iter().zip(line.labels) {
        if let Some((x, y)) = *p {
            svg.circle(&format!("f{k}"), (x, y), 4);
            svg.text(label, (x, y + line.dy), ink(12), (Align::Middle, v));
        }
    }
}
