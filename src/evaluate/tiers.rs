//! Tiers (spec §7) with exact decimal quotas, and awards (spec §8) with pooled ties.

use std::cmp::Ordering;

use crate::model::{Awards, Hundredths, Tiers};

use super::result::Tier;

/// The tier of a rated park of rank `rank` among `n` with `total`.
pub fn tier(rank: u32, n: usize, total: Hundredths, t: &Tiers) -> Tier {
    let r = i64::from(rank);
    let n = n as i64;
    let in_top = t.a.top_share.is_none_or(|s| r <= s.floor_times(n));
    let high_enough =
        t.a.min_total
            .is_none_or(|m| m.cmp_hundredths(total) != Ordering::Less);
    if in_top && high_enough {
        return Tier::A;
    }
    let in_bottom = t.c.bottom_share.is_some_and(|s| r > n - s.ceil_times(n));
    let too_low =
        t.c.below_total
            .is_some_and(|b| b.cmp_hundredths(total) == Ordering::Less);
    if in_bottom || too_low {
        Tier::C
    } else {
        Tier::B
    }
}

/// Awards for A-tier parks given as (rank) in rank order; parks sharing a rank share
/// the amounts of the positions they occupy, rounded half away to a hundredth.
pub fn awards(a_ranks: &[u32], awards: &Awards) -> Vec<Hundredths> {
    let amount = |position: usize| {
        awards
            .ranked
            .get(position)
            .copied()
            .unwrap_or(awards.others)
    };
    let mut out = Vec::with_capacity(a_ranks.len());
    let mut start = 0;
    while start < a_ranks.len() {
        let end = start
            + a_ranks[start..]
                .iter()
                .take_while(|r| **r == a_ranks[start])
                .count();
        let pooled: i64 = (start..end).map(|p| amount(p).0).sum();
        let count = (end - start) as i64;
        let share = Hundredths::round_half_away(pooled as f64 / count as f64);
        out.extend(std::iter::repeat_n(share, end - start));
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Decimal, TierA, TierC};

    fn tiers(
        top: Option<&str>,
        min: Option<&str>,
        bottom: Option<&str>,
        below: Option<&str>,
    ) -> Tiers {
        let d = |s: Option<&str>| s.and_then(Decimal::parse);
        Tiers {
            a: TierA {
                top_share: d(top),
                min_total: d(min),
            },
            c: TierC {
                bottom_share: d(bottom),
                below_total: d(below),
            },
        }
    }

    #[test]
    fn default_tiers_table() {
        let t = tiers(Some("0.20"), Some("80"), Some("0.10"), Some("65"));
        // n = 45: A quota floor(9.0) = 9, C quota ceil(4.5) = 5 → ranks 41..45
        let cases = [
            (1, 9000, Tier::A),
            (9, 8000, Tier::A),
            (9, 7999, Tier::B), // in the quota but below min_total
            (10, 9500, Tier::B),
            (40, 7000, Tier::B),
            (41, 7000, Tier::C),
            (20, 6499, Tier::C), // below_total
            (20, 6500, Tier::B),
        ];
        for (rank, total, expected) in cases {
            assert_eq!(
                tier(rank, 45, Hundredths(total), &t),
                expected,
                "rank {rank} total {total}"
            );
        }
        // n = 30: ceil(0.1 × 30) = 3, so rank 27 is B and 28 is C (binary floats would say 4).
        assert_eq!(tier(27, 30, Hundredths(7000), &t), Tier::B);
        assert_eq!(tier(28, 30, Hundredths(7000), &t), Tier::C);
    }

    #[test]
    fn pure_score_thresholds() {
        let t = tiers(None, Some("85"), None, Some("70"));
        assert_eq!(tier(30, 30, Hundredths(8500), &t), Tier::A);
        assert_eq!(tier(1, 30, Hundredths(8499), &t), Tier::B);
        assert_eq!(tier(1, 30, Hundredths(6999), &t), Tier::C);
        // tiers.c with neither key: nobody rated is C.
        let t = tiers(Some("0.2"), None, None, None);
        assert_eq!(tier(30, 30, Hundredths(6000), &t), Tier::B);
    }

    #[test]
    fn awards_pool_tied_positions() {
        let a = Awards {
            unit: "万元".into(),
            unit_en: None,
            ranked: vec![Hundredths(10000), Hundredths(8000), Hundredths(7000)],
            others: Hundredths(5000),
        };
        let h = |v: &[i64]| v.iter().map(|x| Hundredths(*x)).collect::<Vec<_>>();
        assert_eq!(
            awards(&[1, 2, 3, 4, 5], &a),
            h(&[10000, 8000, 7000, 5000, 5000])
        );
        assert_eq!(awards(&[1, 2, 2, 4], &a), h(&[10000, 7500, 7500, 5000]));
        assert_eq!(awards(&[1, 1, 1], &a), h(&[8333, 8333, 8333]));
        assert_eq!(awards(&[1, 2, 3, 3], &a), h(&[10000, 8000, 6000, 6000]));
        assert_eq!(awards(&[], &a), h(&[]));
    }
}
