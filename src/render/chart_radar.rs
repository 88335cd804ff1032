//! The radar chart: one axis per dimension, a polygon per series, drawn with
//! plotters primitives (plotters has no polar coordinates).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::error::Result;
use crate::present::charts::Radar;

use super::charts::{canvas, draw_err, font, legend, tone_color, GRID, INK, MUTED};

pub fn radar(r: &Radar) -> Result<(String, (u32, u32))> {
    let (w, h): (i32, i32) = (420, 390);
    let (cx, cy) = (w / 2, 190);
    let radius = 120.0;
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
    canvas(w as u32, h as u32, |root| {
        for ring in r.rings.iter().filter(|_| !r.axes.is_empty()) {
            let mut pts: Vec<(i32, i32)> = (0..n).map(|i| point(i, ring.at)).collect();
            pts.push(pts[0]);
            root.draw(&PathElement::new(pts, GRID.stroke_width(1)))
                .map_err(draw_err)?;
            let (x, y) = point(0, ring.at);
            root.draw(&Text::new(
                ring.label.clone(),
                (x + 4, y),
                font(11.0, MUTED, HPos::Left, VPos::Center),
            ))
            .map_err(draw_err)?;
        }
        for (i, label) in r.axes.iter().enumerate() {
            root.draw(&PathElement::new(
                vec![(cx, cy), point(i, r.max)],
                GRID.stroke_width(1),
            ))
            .map_err(draw_err)?;
            let a = angle(i);
            let (c, s) = (a.cos(), a.sin());
            let lx = cx + ((radius + 12.0) * c).round() as i32;
            let ly = cy + ((radius + 12.0) * s).round() as i32;
            let hpos = if c > 0.3 {
                HPos::Left
            } else if c < -0.3 {
                HPos::Right
            } else {
                HPos::Center
            };
            let vpos = if s > 0.3 {
                VPos::Top
            } else if s < -0.3 {
                VPos::Bottom
            } else {
                VPos::Center
            };
            root.draw(&Text::new(
                label.clone(),
                (lx, ly),
                font(15.0, INK, hpos, vpos),
            ))
            .map_err(draw_err)?;
        }
        for s in &r.series {
            let color = tone_color(s.tone);
            let pts: Vec<(i32, i32)> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| point(i, *v))
                .collect();
            if pts.is_empty() {
                continue;
            }
            root.draw(&Polygon::new(pts.clone(), color.mix(0.18).filled()))
                .map_err(draw_err)?;
            let mut ring = pts.clone();
            ring.push(pts[0]);
            root.draw(&PathElement::new(ring, color.stroke_width(2)))
                .map_err(draw_err)?;
            for p in pts {
                root.draw(&Circle::new(p, 3, color.filled()))
                    .map_err(draw_err)?;
            }
        }
        let entries: Vec<(String, RGBColor)> = r
            .series
            .iter()
            .rev()
            .map(|s| (s.name.clone(), tone_color(s.tone)))
            .collect();
        legend(root, &entries, 24, h - 18)
    })
}
