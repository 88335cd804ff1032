//! The robustness chart: one column per rated park in actual rank order (x), its
//! simulated 5%–95% rank interval as a vertical line and the median as a dot (y,
//! first place on top), coloured by actual tier, over the diagonal "rank as actual".
//! Laid out by hand in whole pixels, so the SVG is the same on every machine.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::error::Result;
use crate::present::charts::{nice_step, Intervals};

use super::charts::{canvas, draw_err, font, legend, tone_color, GRID, MUTED};

pub fn intervals(c: &Intervals) -> Result<(String, (u32, u32))> {
    let (w, h): (i32, i32) = (720, 470);
    let (left, right, top, bottom) = (48, w - 16, 34, h - 84);
    let n = c.n.max(1) as f64;
    // Rank k sits at the middle of the k-th of n equal slots.
    let slot = |v: f64, lo: i32, hi: i32| lo + ((v - 0.5) / n * (hi - lo) as f64).round() as i32;
    let x_of = |rank: f64| slot(rank, left, right);
    let y_of = |rank: f64| slot(rank, top, bottom);
    let step = nice_step(n, 6).max(1.0);
    let mut ticks = vec![1.0];
    let mut t = step;
    while t <= n {
        if t > 1.0 {
            ticks.push(t);
        }
        t += step;
    }
    let (stroke, radius) = match c.n {
        0..=60 => (2, 3),
        61..=200 => (2, 2),
        _ => (1, 1),
    };
    canvas(w as u32, h as u32, |root| {
        root.draw(&Text::new(
            c.y_label.clone(),
            (8, 8),
            font(12.0, MUTED, HPos::Left, VPos::Top),
        ))
        .map_err(draw_err)?;
        for &t in &ticks {
            let (x, y) = (x_of(t), y_of(t));
            root.draw(&PathElement::new(
                vec![(x, top), (x, bottom)],
                GRID.stroke_width(1),
            ))
            .map_err(draw_err)?;
            root.draw(&PathElement::new(
                vec![(left, y), (right, y)],
                GRID.stroke_width(1),
            ))
            .map_err(draw_err)?;
            let label = format!("{t:.0}");
            root.draw(&Text::new(
                label.clone(),
                (x, bottom + 4),
                font(12.0, MUTED, HPos::Center, VPos::Top),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                label,
                (left - 6, y),
                font(12.0, MUTED, HPos::Right, VPos::Center),
            ))
            .map_err(draw_err)?;
        }
        root.draw(&Rectangle::new([(left, top), (right, bottom)], MUTED))
            .map_err(draw_err)?;
        root.draw(&PathElement::new(
            vec![(x_of(1.0), y_of(1.0)), (x_of(n), y_of(n))],
            MUTED.mix(0.6).stroke_width(1),
        ))
        .map_err(draw_err)?;
        for p in &c.parks {
            let color = tone_color(p.tone);
            let x = x_of(f64::from(p.rank));
            root.draw(&PathElement::new(
                vec![(x, y_of(p.low)), (x, y_of(p.high))],
                color.stroke_width(stroke),
            ))
            .map_err(draw_err)?;
            root.draw(&Circle::new((x, y_of(p.median)), radius, color.filled()))
                .map_err(draw_err)?;
        }
        root.draw(&Text::new(
            c.x_label.clone(),
            ((left + right) / 2, bottom + 24),
            font(13.0, MUTED, HPos::Center, VPos::Top),
        ))
        .map_err(draw_err)?;
        let entries: Vec<(String, RGBColor)> = c
            .legend
            .iter()
            .map(|(label, tone)| (label.clone(), tone_color(*tone)))
            .collect();
        legend(root, &entries, left, bottom + 60)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::charts::{RankInterval, Tone};

    fn chart(n: usize) -> Intervals {
        Intervals {
            n,
            parks: (1..=n as u32)
                .map(|k| RankInterval {
                    rank: k,
                    low: (f64::from(k) - 2.0).max(1.0),
                    median: f64::from(k),
                    high: (f64::from(k) + 1.5).min(n as f64),
                    tone: if k == 1 { Tone::TierA } else { Tone::TierC },
                })
                .collect(),
            legend: vec![("实际A档".into(), Tone::TierA)],
            x_label: "实际名次".into(),
            y_label: "模拟名次".into(),
        }
    }

    #[test]
    fn one_line_and_dot_per_park_and_deterministic() {
        for n in [1, 9, 41, 812] {
            let (a, size) = intervals(&chart(n)).unwrap();
            let (b, _) = intervals(&chart(n)).unwrap();
            assert_eq!(a, b);
            assert_eq!(size, (720, 470));
            // Every park's median dot (plus one legend swatch drawn as rectangles).
            assert_eq!(a.matches("<circle").count(), n, "n = {n}");
            assert!(a.contains("实际名次") && a.contains("实际A档"));
        }
    }
}
