//! Bar charts, laid out by hand in pixels so Chinese labels get the room they need.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::error::Result;
use crate::present::charts::Bars;

use super::charts::{canvas, draw_err, font, text_width, tone_color, GRID, INK, MUTED};

const ROW: i32 = 30;

/// Bars running left to right, one row per bar, labels on the left.
pub fn horizontal_bars(b: &Bars) -> Result<(String, (u32, u32))> {
    let w: i32 = 480;
    let n = b.bars.len() as i32;
    let label_w = b
        .bars
        .iter()
        .map(|x| text_width(&x.label, 14.0))
        .fold(0.0, f64::max)
        .ceil()
        .min(w as f64 * 0.4) as i32;
    let left = label_w + 16;
    let right = w - 58;
    let top = 10;
    let h = top + n.max(1) * ROW + 48;
    let span = (b.max - b.min).max(f64::EPSILON);
    let x_of = |v: f64| {
        left + (((v.clamp(b.min, b.max) - b.min) / span) * (right - left) as f64).round() as i32
    };
    canvas(w as u32, h as u32, |root| {
        let bottom = top + n.max(1) * ROW;
        for t in &b.ticks {
            let x = x_of(t.at);
            root.draw(&PathElement::new(
                vec![(x, top), (x, bottom)],
                GRID.stroke_width(1),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                t.label.clone(),
                (x, bottom + 4),
                font(13.0, MUTED, HPos::Center, VPos::Top),
            ))
            .map_err(draw_err)?;
        }
        root.draw(&Text::new(
            b.axis_label.clone(),
            ((left + right) / 2, bottom + 24),
            font(13.0, MUTED, HPos::Center, VPos::Top),
        ))
        .map_err(draw_err)?;
        for (i, bar) in b.bars.iter().enumerate() {
            let y0 = top + i as i32 * ROW;
            let mid = y0 + ROW / 2;
            root.draw(&Text::new(
                bar.label.clone(),
                (left - 8, mid),
                font(14.0, INK, HPos::Right, VPos::Center),
            ))
            .map_err(draw_err)?;
            let x1 = x_of(bar.value).max(left + 1);
            root.draw(&Rectangle::new(
                [(left, y0 + 5), (x1, y0 + ROW - 5)],
                tone_color(bar.tone).filled(),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                bar.text.clone(),
                (x1 + 5, mid),
                font(13.0, INK, HPos::Left, VPos::Center),
            ))
            .map_err(draw_err)?;
        }
        root.draw(&PathElement::new(
            vec![(left, top), (left, bottom)],
            INK.stroke_width(1),
        ))
        .map_err(draw_err)?;
        Ok(())
    })
}

/// Upright bars for a few short categories (the tier distribution).
pub fn vertical_bars(b: &Bars) -> Result<(String, (u32, u32))> {
    let (w, h): (i32, i32) = (480, 280);
    let n = b.bars.len().max(1) as i32;
    let (left, right, top, bottom) = (48, w - 16, 24, h - 52);
    let span = (b.max - b.min).max(f64::EPSILON);
    let y_of = |v: f64| {
        bottom - (((v.clamp(b.min, b.max) - b.min) / span) * (bottom - top) as f64).round() as i32
    };
    let slot = (right - left) / n;
    canvas(w as u32, h as u32, |root| {
        for t in &b.ticks {
            let y = y_of(t.at);
            root.draw(&PathElement::new(
                vec![(left, y), (right, y)],
                GRID.stroke_width(1),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                t.label.clone(),
                (left - 6, y),
                font(13.0, MUTED, HPos::Right, VPos::Center),
            ))
            .map_err(draw_err)?;
        }
        for (i, bar) in b.bars.iter().enumerate() {
            let x0 = left + i as i32 * slot;
            let cx = x0 + slot / 2;
            let bw = (slot as f64 * 0.55) as i32;
            let y = y_of(bar.value);
            if bar.value > b.min {
                root.draw(&Rectangle::new(
                    [(cx - bw / 2, y), (cx + bw / 2, bottom)],
                    tone_color(bar.tone).filled(),
                ))
                .map_err(draw_err)?;
            }
            root.draw(&Text::new(
                bar.text.clone(),
                (cx, y - 4),
                font(15.0, INK, HPos::Center, VPos::Bottom),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                bar.label.clone(),
                (cx, bottom + 6),
                font(15.0, INK, HPos::Center, VPos::Top),
            ))
            .map_err(draw_err)?;
        }
        root.draw(&PathElement::new(
            vec![(left, bottom), (right, bottom)],
            INK.stroke_width(1),
        ))
        .map_err(draw_err)?;
        root.draw(&Text::new(
            b.axis_label.clone(),
            ((left + right) / 2, h - 20),
            font(13.0, MUTED, HPos::Center, VPos::Top),
        ))
        .map_err(draw_err)?;
        Ok(())
    })
}
