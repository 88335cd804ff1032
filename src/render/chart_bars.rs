//! Bar charts, laid out by hand in pixels so Chinese labels get the room they need.

use crate::present::charts::Bars;

use super::chart_parts::{ink, muted, text_width, tone, value_grid};
use super::svg::{Align, Svg, Valign};

const ROW: i32 = 30;

/// Bars running left to right, one row per bar, labels on the left.
pub fn horizontal_bars(b: &Bars) -> Svg {
    let n = b.bars.len() as i32;
    // Labels get up to 40 % of 480 px; longer ones (English) widen the chart, up to 320 px.
    let label_w = b
        .bars
        .iter()
        .map(|x| text_width(x.label.as_str(), 14.0))
        .fold(0.0, f64::max)
        .ceil()
        .min(320.0) as i32;
    let w: i32 = 480.max(label_w + 16 + 272);
    let (left, right, top) = (label_w + 16, w - 58, 10);
    let bottom = top + n.max(1) * ROW;
    let span = (b.max - b.min).max(f64::EPSILON);
    let x_of = |v: f64| {
        left + (((v.clamp(b.min, b.max) - b.min) / span) * (right - left) as f64).round() as i32
    };
    let mut svg = Svg::new(w, bottom + 48);
    for t in &b.ticks {
        let x = x_of(t.at);
        svg.line("gr", (x, top), (x, bottom));
        svg.text(
            &t.label,
            (x, bottom + 4),
            muted(13),
            (Align::Middle, Valign::Top),
        );
    }
    let mid = (left + right) / 2;
    svg.text(
        &b.axis_label,
        (mid, bottom + 24),
        muted(13),
        (Align::Middle, Valign::Top),
    );
    for (i, bar) in b.bars.iter().enumerate() {
        let y0 = top + i as i32 * ROW;
        let y_mid = y0 + ROW / 2;
        svg.name(
            &bar.label,
            (left - 8, y_mid),
            ink(14),
            (Align::End, Valign::Center),
        );
        let x1 = x_of(bar.value).max(left + 1);
        svg.rect(
            &format!("f{}", tone(bar.tone)),
            (left, y0 + 5),
            (x1, y0 + ROW - 5),
        );
        svg.text(
            &bar.text,
            (x1 + 5, y_mid),
            ink(13),
            (Align::Start, Valign::Center),
        );
    }
    svg.line("ax", (left, top), (left, bottom));
    svg
}

/// Upright bars for a few short categories (the tier distribution).
pub fn vertical_bars(b: &Bars) -> Svg {
    let (w, h): (i32, i32) = (480, 280);
    let n = b.bars.len().max(1) as i32;
    let (left, right, top, bottom) = (48, w - 16, 24, h - 52);
    let span = (b.max - b.min).max(f64::EPSILON);
    let y_of = |v: f64| {
        bottom - (((v.clamp(b.min, b.max) - b.min) / span) * (bottom - top) as f64).round() as i32
    };
    let slot = (right - left) / n;
    let mut svg = Svg::new(w, h);
    value_grid(&mut svg, &b.ticks, (left, right), y_of);
    for (i, bar) in b.bars.iter().enumerate() {
        let cx = left + i as i32 * slot + slot / 2;
        let bw = (slot as f64 * 0.55) as i32;
        let y = y_of(bar.value);
        if bar.value > b.min {
            let class = format!("f{}", tone(bar.tone));
            svg.rect(&class, (cx - bw / 2, y), (cx + bw / 2, bottom));
        }
        svg.text(
            &bar.text,
            (cx, y - 4),
            ink(15),
            (Align::Middle, Valign::Bottom),
        );
        svg.name(
            &bar.label,
            (cx, bottom + 6),
            ink(15),
            (Align::Middle, Valign::Top),
        );
    }
    svg.line("ax", (left, bottom), (right, bottom));
    let mid = (left + right) / 2;
    svg.text(
        &b.axis_label,
        (mid, h - 20),
        muted(13),
        (Align::Middle, Valign::Top),
    );
    svg
}
