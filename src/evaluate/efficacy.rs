//! The efficacy coefficient method (功效系数法): anchors and the clamped score.

use crate::model::{Anchor, Direction, Efficacy};

use super::result::AnchorTrace;

/// `clamp(b + s × (x − x_s)/(x_h − x_s), b, b + s)`, or `b + s/2` without spread.
pub fn score(x: f64, anchors: &AnchorTrace, e: Efficacy) -> f64 {
    if anchors.no_spread {
        return e.base + e.span / 2.0;
    }
    let raw = e.base + e.span * (x - anchors.x_s) / (anchors.x_h - anchors.x_s);
    // Values within ±MAX_COMPUTED keep the span finite; an overflowing ratio is ±inf,
    // which clamps. Only NaN could slip through `clamp`, and it cannot arise.
    debug_assert!(!raw.is_nan(), "score of {x} on {anchors:?}");
    raw.clamp(e.base, e.base + e.span)
}

/// Percentile by linear interpolation between closest ranks (spec §3); `sorted` is ascending.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    let h = (n - 1) as f64 * p / 100.0;
    let lo = h.floor() as usize;
    if lo + 1 >= n {
        return sorted[n - 1];
    }
    sorted[lo] + (h - h.floor()) * (sorted[lo + 1] - sorted[lo])
}

/// The anchors for one indicator part, or None when a peer mode has no values.
pub fn anchors(anchor: Anchor, direction: Direction, peer_values: &[f64]) -> Option<AnchorTrace> {
    let (x_s, x_h) = match anchor {
        Anchor::Fixed {
            disallowed,
            satisfactory,
        } => {
            return Some(AnchorTrace {
                x_s: disallowed,
                x_h: satisfactory,
                no_spread: false,
                peers: 0,
            })
        }
        Anchor::PeerMinMax | Anchor::Percentile { .. } => {
            if peer_values.is_empty() {
                return None;
            }
            let mut sorted = peer_values.to_vec();
            sorted.sort_by(f64::total_cmp);
            let (lo, hi) = match anchor {
                Anchor::Percentile { lo, hi } => (percentile(&sorted, lo), percentile(&sorted, hi)),
                _ => (sorted[0], sorted[sorted.len() - 1]),
            };
            match direction {
                Direction::HigherBetter => (lo, hi),
                Direction::LowerBetter => (hi, lo),
            }
        }
    };
    Some(AnchorTrace {
        x_s,
        x_h,
        no_spread: x_h == x_s,
        peers: peer_values.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const E: Efficacy = Efficacy {
        base: 60.0,
        span: 40.0,
    };

    fn r2(x: f64) -> f64 {
        (x * 100.0).round() / 100.0
    }

    #[test]
    fn worked_example_levels() {
        let values = [12.0, 20.0, 35.0, 50.0, 80.0];
        let a = anchors(Anchor::PeerMinMax, Direction::HigherBetter, &values).unwrap();
        let scores: Vec<f64> = values.iter().map(|x| r2(score(*x, &a, E))).collect();
        assert_eq!(scores, vec![60.0, 64.71, 73.53, 82.35, 100.0]);
    }

    #[test]
    fn worked_example_growth_fixed_anchors() {
        let a = anchors(
            Anchor::Fixed {
                disallowed: -0.10,
                satisfactory: 0.30,
            },
            Direction::HigherBetter,
            &[],
        )
        .unwrap();
        assert!((score(0.15, &a, E) - 85.0).abs() < 1e-9);
        assert_eq!(score(0.50, &a, E), 100.0, "clamped above");
        assert_eq!(score(-0.50, &a, E), 60.0, "clamped below");
    }

    #[test]
    fn lower_better_swaps_anchors() {
        let a = anchors(
            Anchor::PeerMinMax,
            Direction::LowerBetter,
            &[2.0, 4.0, 10.0],
        )
        .unwrap();
        assert_eq!((a.x_s, a.x_h), (10.0, 2.0));
        assert_eq!(score(2.0, &a, E), 100.0);
        assert_eq!(score(10.0, &a, E), 60.0);
        assert_eq!(score(6.0, &a, E), 80.0);
    }

    #[test]
    fn fixed_anchors_may_point_downwards() {
        let a = anchors(
            Anchor::Fixed {
                disallowed: 10.0,
                satisfactory: 0.0,
            },
            Direction::HigherBetter,
            &[],
        )
        .unwrap();
        assert_eq!(score(0.0, &a, E), 100.0);
        assert_eq!(score(2.5, &a, E), 90.0);
    }

    #[test]
    fn percentiles_interpolate_between_closest_ranks() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 100.0), 5.0);
        assert_eq!(percentile(&v, 50.0), 3.0);
        // h = 4 × 0.1 = 0.4 → 1 + 0.4 × 1
        assert!((percentile(&v, 10.0) - 1.4).abs() < 1e-12);
        // h = 4 × 0.9 = 3.6 → 4 + 0.6 × 1
        assert!((percentile(&v, 90.0) - 4.6).abs() < 1e-12);
        assert_eq!(percentile(&[7.0], 90.0), 7.0);
        let a = anchors(
            Anchor::Percentile { lo: 10.0, hi: 90.0 },
            Direction::HigherBetter,
            &[5.0, 1.0, 4.0, 2.0, 3.0],
        )
        .unwrap();
        assert!((a.x_s - 1.4).abs() < 1e-12 && (a.x_h - 4.6).abs() < 1e-12);
        assert_eq!(score(5.0, &a, E), 100.0, "above the hi percentile clamps");
    }

    #[test]
    fn extreme_valid_values_give_finite_clamped_scores() {
        use crate::model::limits::MAX_COMPUTED;
        let values = [-MAX_COMPUTED, -1e-300, 0.0, 5e-324, 1.0, MAX_COMPUTED];
        for anchor in [
            Anchor::PeerMinMax,
            Anchor::Percentile { lo: 10.0, hi: 90.0 },
        ] {
            for dir in [Direction::HigherBetter, Direction::LowerBetter] {
                let a = anchors(anchor, dir, &values).unwrap();
                assert!(a.x_s.is_finite() && a.x_h.is_finite());
                for x in values {
                    let s = score(x, &a, E);
                    assert!((60.0..=100.0).contains(&s), "{x} → {s} on {a:?}");
                }
            }
        }
        // Anchors a subnormal apart: the ratio overflows to ±inf and clamps.
        let tiny = anchors(Anchor::PeerMinMax, Direction::HigherBetter, &[0.0, 5e-324]).unwrap();
        assert_eq!(score(1.0, &tiny, E), 100.0);
        assert_eq!(score(-1.0, &tiny, E), 60.0);
    }

    #[test]
    fn no_spread_gives_the_degenerate_score() {
        let a = anchors(Anchor::PeerMinMax, Direction::HigherBetter, &[3.0, 3.0]).unwrap();
        assert!(a.no_spread);
        assert_eq!(score(3.0, &a, E), 80.0);
        let single = anchors(Anchor::PeerMinMax, Direction::HigherBetter, &[9.0]).unwrap();
        assert!(single.no_spread);
        assert!(anchors(Anchor::PeerMinMax, Direction::HigherBetter, &[]).is_none());
    }
}
