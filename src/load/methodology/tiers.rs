//! `tiers`: who is A (a top share of the rated parks, a minimum total, or both) and
//! who is C (a bottom share, a total below which, or both); B is everyone else.
//! Shares are kept as the decimal written, so `floor(0.2 × 45) = 9` is exact.

use crate::load::context::FileCheck;
use crate::load::numbers::{in_range, shown};
use crate::load::raw::{RawTierA, RawTierC, RawTiers};
use crate::model::limits::MAX_POINTS;
use crate::model::{Decimal, TierA, TierC, Tiers};

/// A tier left out (or the whole section) is the sample methodology's.
pub(super) fn validate_tiers(raw: Option<&RawTiers>, ck: &mut FileCheck) -> Tiers {
    let d = default_tiers();
    let Some(t) = raw else {
        return d;
    };
    Tiers {
        a: t.a.as_ref().map_or(d.a, |a| tier_a(a, ck)),
        c: t.c.as_ref().map_or(d.c, |c| tier_c(c, ck)),
    }
}

fn tier_a(raw: &RawTierA, ck: &mut FileCheck) -> TierA {
    if raw.top_share.is_none() && raw.min_total.is_none() {
        ck.err(
            "tiers.a",
            "tier A needs top_share, min_total or both (got neither)",
        );
    }
    TierA {
        top_share: share(raw.top_share, "tiers.a.top_share", ck),
        min_total: total(raw.min_total, "tiers.a.min_total", ck),
    }
}

fn tier_c(raw: &RawTierC, ck: &mut FileCheck) -> TierC {
    TierC {
        bottom_share: share(raw.bottom_share, "tiers.c.bottom_share", ck),
        below_total: total(raw.below_total, "tiers.c.below_total", ck),
    }
}

/// A fraction of the rated parks, exact as written.
fn share(v: Option<f64>, field: &str, ck: &mut FileCheck) -> Option<Decimal> {
    let x = v?;
    if !(0.0..=1.0).contains(&x) {
        ck.err(
            field,
            format!(
                "share out of range (got {}; expected a fraction between 0 and 1)",
                shown(x)
            ),
        );
        return None;
    }
    let d = Decimal::from_f64(x);
    if d.is_none() {
        // A share with more than 30 decimals would otherwise drop its quota silently.
        ck.err(
            field,
            format!(
                "too many decimal places (got {}; expected a fraction such as 0.2)",
                shown(x)
            ),
        );
    }
    d
}

/// A total score (base + bonus), exact as written.
fn total(v: Option<f64>, field: &str, ck: &mut FileCheck) -> Option<Decimal> {
    let x = v?;
    if !in_range(ck, field, x, 0.0, MAX_POINTS * 3.0) {
        return None;
    }
    let d = Decimal::from_f64(x);
    if d.is_none() {
        ck.err(field, format!("not a plain number (got {x})"));
    }
    d
}

/// The sample methodology's tiers (data.md), used when `tiers` is omitted.
fn default_tiers() -> Tiers {
    Tiers {
        a: TierA {
            top_share: Decimal::parse("0.20"),
            min_total: Decimal::parse("80"),
        },
        c: TierC {
            bottom_share: Decimal::parse("0.10"),
            below_total: Decimal::parse("65"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::run;

    fn check(yaml: &str) -> (Tiers, Vec<String>) {
        run(yaml, |raw, ck| validate_tiers(raw.tiers.as_ref(), ck))
    }

    #[test]
    fn what_is_left_out_is_the_default() {
        let d = default_tiers();
        assert_eq!(check("title: t"), (d.clone(), vec![]));
        let (t, problems) = check("tiers:\n  a: {top_share: 0.3}");
        assert!(problems.is_empty());
        assert_eq!(t.a.top_share, Decimal::parse("0.3"));
        assert_eq!(t.a.min_total, None, "a tier written is taken as written");
        assert_eq!(t.c, d.c);
    }

    #[test]
    fn each_problem_is_located() {
        let cases: [(&str, &[&str]); 4] = [
            (
                "tiers:\n  a: {}",
                &["m.yaml:2:6: tiers.a: tier A needs top_share, min_total or both (got neither)"],
            ),
            (
                "tiers:\n  c: {bottom_share: 1.5, below_total: -3}",
                &[
                    "m.yaml:2:21: tiers.c.bottom_share: share out of range (got 1.5; expected a fraction between 0 and 1)",
                    "m.yaml:2:39: tiers.c.below_total: out of range (got -3; expected a number from 0 to 3000)",
                ],
            ),
            (
                "tiers:\n  a: {top_share: .nan, min_total: .inf}",
                &[
                    "m.yaml:2:18: tiers.a.top_share: share out of range (got .nan; expected a fraction between 0 and 1)",
                    "m.yaml:2:35: tiers.a.min_total: not a finite number (got .inf; expected a number from 0 to 3000)",
                ],
            ),
            (
                "tiers:\n  a: {top_share: 1e-40}",
                &["m.yaml:2:18: tiers.a.top_share: too many decimal places (got 1e-40; expected a fraction such as 0.2)"],
            ),
        ];
        for (yaml, want) in cases {
            assert_eq!(check(yaml).1, want, "{yaml}");
        }
    }
}
