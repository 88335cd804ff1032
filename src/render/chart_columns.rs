//! Upright columns in groups (entries beside exits per year, firms per revenue band),
//! with an optional dashed threshold line between two groups.

use crate::present::charts::Columns;

use super::chart_parts::{ink, legend, muted, tone, value_grid};
use super::svg::{Align, Svg, Valign};

const W: i32 = 480;
const H: i32 = 300;

pub fn columns(c: &Columns) -> Svg {
    let (left, right, top, bottom) = (52, W - 16, 40, H - 56);
    let mut svg = Svg::new(W, H);
    let max = c.max.max(f64::EPSILON);
    let y_of =
        |v: f64| bottom - ((v.clamp(0.0, max) / max) * f64::from(bottom - top)).round() as i32;
    value_grid(&mut svg, &c.ticks, (left, right), y_of);
    let groups = c.groups.len().max(1) as i32;
    let slot = (right - left) / groups;
    let per = c.series.len().max(1) as i32;
    let bw = ((slot as f64 * 0.7) as i32 / per).max(2);
    for (g, label) in c.groups.iter().enumerate() {
        let x0 = left + g as i32 * slot + (slot - bw * per) / 2;
        for (s, series) in c.series.iter().enumerate() {
            let Some(col) = series.columns.get(g) else {
                continue;
            };
            let (xa, xb) = (x0 + s as i32 * bw, x0 + (s as i32 + 1) * bw - 1);
            let y = y_of(col.value);
            if col.value > 0.0 {
                svg.rect(&format!("f{}", tone(col.tone)), (xa, y), (xb, bottom));
            }
            svg.text(
                &col.text,
                ((xa + xb) / 2, y - 3),
                ink(12),
                (Align::Middle, Valign::Bottom),
            );
        }
        let cx = left + g as i32 * slot + slot / 2;
        svg.text(
            label,
            (cx, bottom + 6),
            ink(13),
            (Align::Middle, Valign::Top),
        );
    }
    if let Some(m) = &c.marker {
        let x = left + m.before as i32 * slot;
        svg.line("dg w2", (x, top - 8), (x, bottom));
        svg.text(
            &m.label,
            (x + 4, top - 8),
            ink(12),
            (Align::Start, Valign::Center),
        );
    }
    svg.line("ax", (left, bottom), (right, bottom));
    svg.text(
        &c.axis_label,
        ((left + right) / 2, H - 22),
        muted(13),
        (Align::Middle, Valign::Top),
    );
    legend(&mut svg, &c.legend, left, 14);
    svg
}
