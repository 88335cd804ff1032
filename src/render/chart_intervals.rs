//! The robustness chart: one column per rated park in actual rank order (x), its
//! simulated 5%–95% rank interval as a vertical line and the median as a dot (y,
//! first place on top), coloured by actual tier, over the diagonal "rank as actual".
//! Marks of one tier share a group, so each mark is a bare line or dot.

use crate::present::charts::{nice_step, Intervals, Tone};

use super::chart_parts::{legend, muted, tone};
use super::svg::{Align, Svg, Valign};

pub fn intervals(c: &Intervals) -> Svg {
    let (w, h): (i32, i32) = (720, 470);
    let (left, right, top, bottom) = (48, w - 16, 34, h - 84);
    let n = c.n.max(1) as f64;
    // Rank k sits at the middle of the k-th of n equal slots.
    let slot = |v: f64, lo: i32, hi: i32| lo + ((v - 0.5) / n * (hi - lo) as f64).round() as i32;
    let x_of = |rank: f64| slot(rank, left, right);
    let y_of = |rank: f64| slot(rank, top, bottom);
    let mut svg = Svg::new(w, h);
    svg.text(&c.y_label, (8, 8), muted(12), (Align::Start, Valign::Top));
    for t in ticks(n) {
        let (x, y) = (x_of(t), y_of(t));
        svg.line("gr", (x, top), (x, bottom));
        svg.line("gr", (left, y), (right, y));
        let label = format!("{t:.0}");
        svg.text(
            &label,
            (x, bottom + 4),
            muted(12),
            (Align::Middle, Valign::Top),
        );
        svg.text(
            &label,
            (left - 6, y),
            muted(12),
            (Align::End, Valign::Center),
        );
    }
    svg.rect("am", (left, top), (right, bottom));
    svg.line("dg", (x_of(1.0), y_of(1.0)), (x_of(n), y_of(n)));
    svg.newline();
    let (width, radius) = match c.n {
        0..=60 => (2, 3),
        61..=200 => (2, 2),
        _ => (1, 1),
    };
    for t in [Tone::TierA, Tone::TierB, Tone::TierC] {
        let parks: Vec<_> = c.parks.iter().filter(|p| p.tone == t).collect();
        if parks.is_empty() {
            continue;
        }
        let k = tone(t);
        svg.group(&format!("l{k} w{width}"));
        for p in &parks {
            let x = x_of(f64::from(p.rank));
            svg.line("", (x, y_of(p.low)), (x, y_of(p.high)));
        }
        svg.end_group();
        svg.group(&format!("f{k}"));
        for p in &parks {
            svg.circle("", (x_of(f64::from(p.rank)), y_of(p.median)), radius);
        }
        svg.end_group();
    }
    let mid = (left + right) / 2;
    svg.text(
        &c.x_label,
        (mid, bottom + 24),
        muted(13),
        (Align::Middle, Valign::Top),
    );
    legend(&mut svg, &c.legend, left, bottom + 60);
    svg
}

/// Rank 1, then every nice step up to `n`.
fn ticks(n: f64) -> Vec<f64> {
    let step = nice_step(n, 6).max(1.0);
    let mut ticks = vec![1.0];
    let mut t = step;
    while t <= n {
        if t > 1.0 {
            ticks.push(t);
        }
        t += step;
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::charts::RankInterval;

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
            let a = intervals(&chart(n));
            let b = intervals(&chart(n));
            assert_eq!((a.width, a.height), (720, 470));
            let (a, b) = (a.into_body(), b.into_body());
            assert_eq!(a, b);
            // Every park's median dot; the legend swatch is a rectangle.
            assert_eq!(a.matches("<circle").count(), n, "n = {n}");
            assert!(a.contains("实际名次") && a.contains("实际A档"));
        }
    }
}
