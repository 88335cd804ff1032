//! What-if (升档测算): for a rated park below A (or below B), per indicator, the
//! smallest rise of that indicator's value which alone lifts the park into the next
//! tier, found by search on the real engine. Pure: no I/O.
//!
//! The rule, so that the answer is a data edit anyone can apply and rebuild:
//!
//! - The indicator's value is driven through one raw metric, its **driver**: the first
//!   metric in formula order whose rise improves the value (raises it; lowers it for
//!   `lower_better`) — the numerator of a ratio (`tax_wan` in `tax_wan / land_area_mu`),
//!   the first term of a sum. Only that metric of the park's record for the year
//!   changes; every other input stays fixed. Anchors, every park's scores, ranks and
//!   tiers are recomputed by [`evaluate_year`], so the park may become the new peer
//!   maximum, and a driver shared with other indicators moves them too.
//! - The indicator's value may improve by at most 200 % of its current value (of the
//!   peer group's satisfactory value `x_h` when the current value is 0), and the metric
//!   stays within its `max`. No lift within that: "not reachable by this indicator alone".
//! - The metric moves in steps of its precision (1 for `integer` metrics, else 0.01), so
//!   the new value is exactly what gets written into the YAML. The smallest step that
//!   reaches the tier is found by bisection; for a driver that other indicators also
//!   read (so the total need not be monotone in it) a 16-point scan brackets it first.

use rayon::prelude::*;

use crate::evaluate::{evaluate_inputs, evaluate_year, Tier, YearInputs, YearResult};
use crate::model::{
    Direction, Hundredths, Indicator, Methodology, Park, ParkId, Status, YearRecord,
};

/// Relative improvement of an indicator's value the search may try (+200 %).
pub const MAX_RISE: f64 = 2.0;
/// Points of the scan that brackets the answer for a shared driver.
const SCAN_POINTS: i64 = 16;

#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub park: ParkId,
    pub year: i32,
    pub tier: Tier,
    /// The next tier up.
    pub target: Tier,
    /// Per methodology indicator, in methodology order.
    pub indicators: Vec<IndicatorWhatIf>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorWhatIf {
    pub indicator: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Reachable(Lift),
    /// Not reachable by this indicator alone within +200 % (or the metric's max).
    NotReachable {
        metric: String,
        /// The largest metric value tried.
        limit: f64,
    },
    /// No metric of the formula improves the value when raised.
    NoDriver,
}

/// The smallest edit found, and the park's result with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lift {
    pub metric: String,
    pub metric_old: f64,
    pub metric_new: f64,
    /// The indicator's level value before and after.
    pub value_old: f64,
    pub value_new: f64,
    pub total: Hundredths,
    pub rank: u32,
    pub tier: Tier,
}

impl Lift {
    /// Relative change of the indicator's value (None when it was 0).
    pub fn value_rise(&self) -> Option<f64> {
        (self.value_old != 0.0).then(|| (self.value_new - self.value_old) / self.value_old.abs())
    }

    /// Relative change of the metric (None when it was 0).
    pub fn metric_rise(&self) -> Option<f64> {
        (self.metric_old != 0.0)
            .then(|| (self.metric_new - self.metric_old) / self.metric_old.abs())
    }
}

/// The what-if of park `id` in `year`, or None when it is not rated or already in A.
pub fn what_if(parks: &[Park], year: i32, m: &Methodology, id: &str) -> Option<WhatIf> {
    let current = evaluate_year(parks, year, m);
    what_if_in(parks, year, m, &current, id)
}

/// The what-if of every rated park below A, in result order (for the site).
pub fn what_if_all(parks: &[Park], year: i32, m: &Methodology) -> Vec<WhatIf> {
    let current = evaluate_year(parks, year, m);
    let ids: Vec<&str> = current.rated().map(|p| p.id.as_str()).collect();
    ids.par_iter()
        .filter_map(|id| what_if_in(parks, year, m, &current, id))
        .collect()
}

/// As [`what_if`], reusing the evaluation `current` of `parks` in `year` under `m`.
pub fn what_if_in(
    parks: &[Park],
    year: i32,
    m: &Methodology,
    current: &YearResult,
    id: &str,
) -> Option<WhatIf> {
    let p = current.park(id).filter(|p| p.status == Status::Rated)?;
    let tier = p.tier?;
    let target = match tier {
        Tier::A => return None,
        Tier::B => Tier::A,
        Tier::C => Tier::B,
    };
    // One copy of the parks (and of what the engine reads from them) per what-if,
    // edited and restored by each indicator's search.
    let mut scratch = Scratch {
        parks: parks.to_vec(),
        inputs: YearInputs::new(parks, year, m),
    };
    let indicators = m
        .indicators
        .iter()
        .enumerate()
        .map(|(k, ind)| {
            let search = Search {
                parks,
                year,
                m,
                park: p.park,
                target,
                value: p.indicators[k].value,
                best: current.anchors[k].level.map(|a| a.x_h),
            };
            IndicatorWhatIf {
                indicator: ind.id.clone(),
                outcome: search.run(ind, &mut scratch),
            }
        })
        .collect();
    Some(WhatIf {
        park: p.id.clone(),
        year,
        tier,
        target,
        indicators,
    })
}

/// Metric ids in the order they first appear in a formula's source.
fn metrics_in_order(source: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in source.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else if !word.is_empty() {
            let w = std::mem::take(&mut word);
            let starts_alpha = w.starts_with(|ch: char| ch.is_ascii_alphabetic() || ch == '_');
            if starts_alpha && !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// A copy of the parks to edit, and what the engine reads from them.
struct Scratch {
    parks: Vec<Park>,
    inputs: YearInputs,
}

struct Search<'a> {
    parks: &'a [Park],
    year: i32,
    m: &'a Methodology,
    /// Index of the park in `parks`.
    park: usize,
    target: Tier,
    value: f64,
    /// The level anchor x_h, the reference when the value is 0.
    best: Option<f64>,
}

/// The metric a search moves, and the grid it moves on: value `k / scale` at step k.
struct Driver {
    metric: String,
    /// The value recorded.
    old: f64,
    /// 1 for `integer` metrics, else 100 (steps of 0.01).
    scale: f64,
}

impl Driver {
    fn at(&self, k: i64) -> f64 {
        k as f64 / self.scale
    }

    /// The step at or below the recorded value.
    fn start(&self) -> i64 {
        (self.old * self.scale).floor() as i64
    }
}

impl Search<'_> {
    /// Searches on `scratch` and puts the park's record back, so the next indicator
    /// starts from the data again.
    fn run(&self, ind: &Indicator, scratch: &mut Scratch) -> Outcome {
        let saved = scratch.parks[self.park].years[&self.year].metrics.clone();
        let out = self.search(ind, scratch);
        scratch.parks[self.park]
            .years
            .get_mut(&self.year)
            .expect("rated parks have a record")
            .metrics = saved;
        scratch
            .inputs
            .refresh_metrics(&scratch.parks, self.park, self.m);
        out
    }

    fn search(&self, ind: &Indicator, scratch: &mut Scratch) -> Outcome {
        let Some(driver) = self.driver(ind) else {
            return Outcome::NoDriver;
        };
        let Some(k_hi) = self.last_allowed(ind, &driver) else {
            return Outcome::NotReachable {
                limit: driver.old,
                metric: driver.metric,
            };
        };
        let k_lo = driver.start();
        let mut reaches = |k: i64| self.reach(&driver, k, scratch).is_some();
        let bracket = if self.shared(ind, &driver.metric) {
            scan(k_lo, k_hi, &mut reaches)
        } else {
            reaches(k_hi).then_some((k_lo, k_hi))
        };
        let Some((fails, reached)) = bracket else {
            return Outcome::NotReachable {
                limit: driver.at(k_hi),
                metric: driver.metric,
            };
        };
        let k = bisect(fails, reached, &mut reaches);
        let r = self
            .reach(&driver, k, scratch)
            .expect("the bracket's upper end reaches the tier");
        let p = r
            .parks
            .iter()
            .find(|p| p.park == self.park)
            .expect("the park is still listed");
        Outcome::Reachable(Lift {
            metric_old: driver.old,
            metric_new: driver.at(k),
            value_old: self.value,
            value_new: self.value_with(ind, &driver.metric, driver.at(k)),
            total: p.total.unwrap_or_default(),
            rank: p.rank.unwrap_or(0),
            tier: p.tier.unwrap_or(Tier::C),
            metric: driver.metric,
        })
    }

    /// The park's record of the year, as the data has it.
    fn record(&self) -> &YearRecord {
        &self.parks[self.park].years[&self.year]
    }

    /// The indicator's value with `metric` at `x`, every other input as recorded.
    fn value_with(&self, ind: &Indicator, metric: &str, x: f64) -> f64 {
        let record = self.record();
        ind.formula
            .eval(&|id| {
                if id == metric {
                    Some(x)
                } else {
                    record.metrics.get(id).copied()
                }
            })
            .unwrap_or(f64::NAN)
    }

    /// The first metric in formula order whose rise improves the value.
    fn driver(&self, ind: &Indicator) -> Option<Driver> {
        let record = self.record();
        let metric = metrics_in_order(&ind.formula.source)
            .into_iter()
            .find(|id| {
                let old = record.metrics.get(id).copied().unwrap_or(0.0);
                let up = self.value_with(ind, id, old + old.abs().max(1.0) * 0.01);
                (up - self.value) * sign(ind) > 0.0
            })?;
        let scale = if self.m.metrics[&metric].integer {
            1.0
        } else {
            100.0
        };
        Some(Driver {
            old: record.metrics[&metric],
            metric,
            scale,
        })
    }

    /// The last step that keeps the value's gain within +200 % (of x_h when the value
    /// is 0) and the metric within its max; None when the first step above is not.
    fn last_allowed(&self, ind: &Indicator, driver: &Driver) -> Option<i64> {
        let def = &self.m.metrics[&driver.metric];
        let reference = if self.value != 0.0 {
            self.value.abs()
        } else {
            self.best.map(f64::abs).unwrap_or(0.0)
        };
        let max_gain = MAX_RISE * reference;
        let allowed = |k: i64| {
            let x = driver.at(k);
            let gain = (self.value_with(ind, &driver.metric, x) - self.value) * sign(ind);
            gain.is_finite() && gain <= max_gain * (1.0 + 1e-12) && def.max.is_none_or(|mx| x <= mx)
        };
        last_true(driver.start(), &allowed)
    }

    /// The year evaluated with the park's driver at step `k`: the result when the
    /// park reaches the target tier with it.
    fn reach(&self, driver: &Driver, k: i64, scratch: &mut Scratch) -> Option<YearResult> {
        scratch.parks[self.park]
            .years
            .get_mut(&self.year)
            .expect("rated parks have a record")
            .metrics
            .insert(driver.metric.clone(), driver.at(k));
        scratch
            .inputs
            .refresh_metrics(&scratch.parks, self.park, self.m);
        let r = evaluate_inputs(&scratch.parks, self.m, &scratch.inputs);
        let tier = r.parks.iter().find(|p| p.park == self.park)?.tier?;
        (tier <= self.target).then_some(r)
    }

    /// Whether another indicator reads `metric` too (then the total need not be
    /// monotone in it).
    fn shared(&self, ind: &Indicator, metric: &str) -> bool {
        self.m
            .indicators
            .iter()
            .filter(|i| i.id != ind.id)
            .any(|i| {
                i.formula.metrics().contains(&metric)
                    || i.growth_formula().metrics().contains(&metric)
            })
    }
}

/// +1 when a higher value is better, −1 when a lower one is.
fn sign(ind: &Indicator) -> f64 {
    match ind.direction {
        Direction::HigherBetter => 1.0,
        Direction::LowerBetter => -1.0,
    }
}

/// A bracket (fails, reaches] from `SCAN_POINTS` evenly spread steps of (k_lo, k_hi]:
/// the first that `reaches`, and the step tried before it.
fn scan(k_lo: i64, k_hi: i64, reaches: &mut dyn FnMut(i64) -> bool) -> Option<(i64, i64)> {
    let mut prev = k_lo;
    for step in 1..=SCAN_POINTS {
        let k = k_lo + ((k_hi - k_lo) as i128 * step as i128 / SCAN_POINTS as i128) as i64;
        if k <= prev {
            continue;
        }
        if reaches(k) {
            return Some((prev, k));
        }
        prev = k;
    }
    None
}

/// The smallest step of (fails, reached] that `reaches`, assuming it holds on a
/// suffix of the bracket.
fn bisect(mut fails: i64, mut reached: i64, reaches: &mut dyn FnMut(i64) -> bool) -> i64 {
    while reached - fails > 1 {
        let mid = fails + (reached - fails) / 2;
        if reaches(mid) {
            reached = mid;
        } else {
            fails = mid;
        }
    }
    reached
}

/// The largest k > k_lo with `ok(k)`, assuming `ok` holds on a prefix of (k_lo, ∞);
/// None when `ok(k_lo + 1)` already fails.
fn last_true(k_lo: i64, ok: &dyn Fn(i64) -> bool) -> Option<i64> {
    if !ok(k_lo + 1) {
        return None;
    }
    let (mut good, mut step) = (k_lo + 1, 1i64);
    loop {
        if step > (1i64 << 52) {
            return Some(good);
        }
        let probe = k_lo + 1 + step;
        if ok(probe) {
            good = probe;
            step *= 2;
        } else {
            let mut bad = probe;
            while bad - good > 1 {
                let mid = good + (bad - good) / 2;
                if ok(mid) {
                    good = mid;
                } else {
                    bad = mid;
                }
            }
            return Some(good);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_formula_order() {
        assert_eq!(
            metrics_in_order(
                "50 * leading_revenue_wan / revenue_wan + 50 * leading_enterprises / enterprises"
            ),
            vec![
                "leading_revenue_wan",
                "revenue_wan",
                "leading_enterprises",
                "enterprises"
            ]
        );
        assert_eq!(
            metrics_in_order("100 * rd_wan / revenue_wan"),
            vec!["rd_wan", "revenue_wan"]
        );
        assert_eq!(metrics_in_order("a + 2.5 * a"), vec!["a"]);
    }

    #[test]
    fn scan_brackets_the_first_point_that_reaches_and_bisect_narrows_it() {
        let mut tried = Vec::new();
        let mut reaches = |k: i64| {
            tried.push(k);
            k >= 37
        };
        assert_eq!(scan(0, 160, &mut reaches), Some((30, 40)));
        assert_eq!(tried, [10, 20, 30, 40]);
        let mut reaches = |k: i64| k >= 37;
        assert_eq!(bisect(30, 40, &mut reaches), 37);
        assert_eq!(scan(0, 160, &mut |k| k > 160), None);
        // A range narrower than the points skips the repeated steps.
        let mut tried = Vec::new();
        assert_eq!(
            scan(5, 8, &mut |k| {
                tried.push(k);
                false
            }),
            None
        );
        assert_eq!(tried, [6, 7, 8]);
    }

    #[test]
    fn last_true_finds_the_end_of_a_prefix() {
        assert_eq!(last_true(0, &|k| k <= 37), Some(37));
        assert_eq!(last_true(10, &|k| k <= 11), Some(11));
        assert_eq!(last_true(10, &|k| k <= 10), None);
        assert_eq!(last_true(-5, &|k| k <= 1_000_000), Some(1_000_000));
    }
}
