//! The radar chart: one axis per dimension, a polygon per series.

use crate::present::charts::Radar;

use super::chart_parts::{ink, legend, muted, text_width, tone};
use super::svg::{Align, Svg, Valign};

pub fn radar(r: &Radar) -> Svg {
    let radius = 120.0;
    // Room for the widest axis label on either side (English labels run long).
    let widest = r
        .axes
        .iter()
        .map(|a| text_width(a.as_str(), 15.0))
        .fold(0.0, f64::max);
    let w = ((2.0 * (radius + 16.0 + widest)).ceil() as i32).max(420);
    let h: i32 = 390;
    let (cx, cy) = (w / 2, 190);
    let n = r.axes.len().max(1);
    let span = (r.max - r.min).max(f64::EPSILON);
    let angle =
        |i: usize| -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n as f64;
    let point = |i: usize, v: f64| -> (i32, i32) {
        let t = ((v.clamp(r.min, r.max) - r.min) / span) * radius;
        let a = angle(i);
        (
            cx + (t * a.cos()).round() as i32,
            cy + (t * a.sin()).round() as i32,
        )
    };
    let mut svg = Svg::new(w, h);
    for ring in r.rings.iter().filter(|_| !r.axes.is_empty()) {
        let pts: Vec<(i32, i32)> = (0..n).map(|i| point(i, ring.at)).collect();
        svg.path("gr", &pts, true);
        let (x, y) = point(0, ring.at);
        svg.text(
            &ring.label,
            (x + 4, y),
            muted(11),
            (Align::Start, Valign::Center),
        );
    }
    for (i, label) in r.axes.iter().enumerate() {
        svg.line("gr", (cx, cy), point(i, r.max));
        let a = angle(i);
        let (c, s) = (a.cos(), a.sin());
        let at = (
            cx + ((radius + 12.0) * c).round() as i32,
            cy + ((radius + 12.0) * s).round() as i32,
        );
        let h_align = if c > 0.3 {
            Align::Start
        } else if c < -0.3 {
            Align::End
        } else {
            Align::Middle
        };
        let v_align = if s > 0.3 {
            Valign::Top
        } else if s < -0.3 {
            Valign::Bottom
        } else {
            Valign::Center
        };
        svg.name(label, at, ink(15), (h_align, v_align));
    }
    for s in r.series.iter().filter(|s| !s.values.is_empty()) {
        let t = tone(s.tone);
        let pts: Vec<(i32, i32)> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| point(i, *v))
            .collect();
        svg.path(&format!("a{t}"), &pts, true);
        svg.group(&format!("f{t}"));
        for p in pts {
            svg.circle("", p, 3);
        }
        svg.end_group();
    }
    let entries: Vec<(String, _)> = r
        .series
        .iter()
        .rev()
        .map(|s| (s.name.clone(), s.tone))
        .collect();
    legend(&mut svg, &entries, 24, h - 18);
    svg
}
