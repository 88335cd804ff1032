//! Total and rank over the years: two stacked panels sharing the year axis (one
//! scale each, no dual axis), rank drawn with first place on top.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::error::Result;
use crate::present::charts::{Tone, Trend};
use crate::present::format::trimmed;

use super::charts::{canvas, draw_err, font, tone_color, GRID, INK, MUTED};

/// Consecutive runs of present points, so a year without a value breaks the line.
fn runs(points: &[Option<(f64, f64)>]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
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

pub fn trend(t: &Trend) -> Result<(String, (u32, u32))> {
    let (w, h) = (480u32, 330u32);
    let first = *t.years.first().unwrap_or(&0) as f64;
    let last = *t.years.last().unwrap_or(&0) as f64;
    let xr = (first - 0.5)..(last + 0.5);
    let years = t.years.len();
    let max_rank = t
        .ranks
        .iter()
        .flatten()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let color = tone_color(Tone::Primary);
    let year_label = |v: &f64| {
        if (v - v.round()).abs() < 1e-6 {
            format!("{:.0}", v)
        } else {
            String::new()
        }
    };
    canvas(w, h, |root| {
        let (upper, lower) = root.split_vertically(170);
        for (area, title) in [(&upper, "综合得分"), (&lower, "名次（越靠上越前）")] {
            area.draw(&Text::new(
                title,
                (8, 4),
                font(12.0, MUTED, HPos::Left, VPos::Top),
            ))
            .map_err(draw_err)?;
        }
        let mut c1 = ChartBuilder::on(&upper)
            .margin_top(22)
            .margin_right(24)
            .margin_left(8)
            .x_label_area_size(22)
            .y_label_area_size(44)
            .build_cartesian_2d(xr.clone(), t.total_min..t.total_max)
            .map_err(draw_err)?;
        c1.configure_mesh()
            .x_labels(years.max(1))
            .x_label_formatter(&year_label)
            .y_labels(5)
            .y_label_formatter(&|v| trimmed(*v, 1))
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(MUTED)
            .label_style(font(12.0, MUTED, HPos::Center, VPos::Center))
            .draw()
            .map_err(draw_err)?;
        let totals: Vec<Option<(f64, f64)>> = t
            .years
            .iter()
            .zip(&t.totals)
            .map(|(y, v)| v.map(|v| (*y as f64, v)))
            .collect();
        for run in runs(&totals) {
            c1.draw_series(LineSeries::new(run, color.stroke_width(2)))
                .map_err(draw_err)?;
        }
        c1.draw_series(totals.iter().zip(&t.total_labels).filter_map(|(p, label)| {
            let (x, y) = (*p)?;
            Some(
                EmptyElement::at((x, y))
                    + Circle::new((0, 0), 4, color.filled())
                    + Text::new(
                        label.clone(),
                        (0, -8),
                        font(12.0, INK, HPos::Center, VPos::Bottom),
                    ),
            )
        }))
        .map_err(draw_err)?;

        let mut c2 = ChartBuilder::on(&lower)
            .margin_top(22)
            .margin_right(24)
            .margin_left(8)
            .margin_bottom(4)
            .x_label_area_size(22)
            .y_label_area_size(44)
            .build_cartesian_2d(xr, -(max_rank + 0.5)..-0.5)
            .map_err(draw_err)?;
        c2.configure_mesh()
            .x_labels(years.max(1))
            .x_label_formatter(&year_label)
            .y_labels(5)
            .y_label_formatter(&|v| {
                if (v - v.round()).abs() < 1e-6 && *v <= -1.0 {
                    format!("{:.0}", -v)
                } else {
                    String::new()
                }
            })
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(MUTED)
            .label_style(font(12.0, MUTED, HPos::Center, VPos::Center))
            .draw()
            .map_err(draw_err)?;
        let ranks: Vec<Option<(f64, f64)>> = t
            .years
            .iter()
            .zip(&t.ranks)
            .map(|(y, r)| r.map(|(k, _)| (*y as f64, -(k as f64))))
            .collect();
        let peer = tone_color(Tone::Peer);
        for run in runs(&ranks) {
            c2.draw_series(LineSeries::new(run, peer.stroke_width(2)))
                .map_err(draw_err)?;
        }
        c2.draw_series(t.years.iter().zip(&t.ranks).zip(&t.rank_labels).filter_map(
            |((y, r), label)| {
                r.map(|(k, _)| {
                    EmptyElement::at((*y as f64, -(k as f64)))
                        + Circle::new((0, 0), 4, peer.filled())
                        + Text::new(
                            label.clone(),
                            (0, 8),
                            font(12.0, INK, HPos::Center, VPos::Top),
                        )
                })
            },
        ))
        .map_err(draw_err)?;
        Ok(())
    })
}
