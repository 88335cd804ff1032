//! `parkscore sensitivity` as text and JSON; the site's robustness (分档稳健性) views
//! can use [`SensitivityJson`] as is.

use std::fmt::Write;

use serde::Serialize;

use crate::analysis::sensitivity::{Sensitivity, HOLDS_THRESHOLD};
use crate::model::Dataset;

use super::format::{fixed, trimmed};

fn share(x: f64) -> String {
    format!("{}%", fixed(x * 100.0, 1))
}

/// A table for a terminal, one rated park per line in actual rank order.
pub fn sensitivity_text(data: &Dataset, s: &Sensitivity) -> String {
    let o_ = &s.options;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "sensitivity {} · {} runs · each weight × U({}, {}), renormalised to 100 · seed {}",
        s.year,
        o_.runs,
        trimmed(1.0 - o_.spread, 4),
        trimmed(1.0 + o_.spread, 4),
        o_.seed
    );
    let _ = writeln!(
        o,
        "{:>4}  {:<20} {:>4} {:>7} {:>9}  {:>6} {:>6} {:>6}  {:>6}",
        "rank", "park", "tier", "median", "p5–p95", "A", "B", "C", "holds"
    );
    for p in &s.parks {
        let sh = p.tier_shares();
        let name = data
            .park(p.id.as_str())
            .map(|x| x.name.as_str())
            .unwrap_or("");
        let _ = writeln!(
            o,
            "{:>4}  {:<20} {:>4} {:>7} {:>9}  {:>6} {:>6} {:>6}  {:>6}{}  {}",
            p.rank,
            p.id.as_str(),
            p.tier.as_str(),
            trimmed(p.median_rank, 1),
            format!("{}–{}", trimmed(p.rank_p5, 1), trimmed(p.rank_p95, 1)),
            share(sh[0]),
            share(sh[1]),
            share(sh[2]),
            share(p.holds),
            if p.unstable { " !" } else { "  " },
            name
        );
    }
    let unstable: Vec<&str> = s.unstable().map(|p| p.id.as_str()).collect();
    let _ = writeln!(o);
    if unstable.is_empty() {
        let _ = writeln!(
            o,
            "every park keeps its tier in at least {} of runs",
            share(HOLDS_THRESHOLD)
        );
    } else {
        let _ = writeln!(
            o,
            "! tier holds in fewer than {} of runs for {} park{}: {}",
            share(HOLDS_THRESHOLD),
            unstable.len(),
            if unstable.len() == 1 { "" } else { "s" },
            unstable.join(", ")
        );
    }
    o
}

#[derive(Serialize)]
pub struct SensitivityJson<'a> {
    pub year: i32,
    pub runs: usize,
    pub spread: f64,
    pub seed: u64,
    /// A tier holds when it comes out in at least this share of runs.
    pub threshold: f64,
    pub parks: Vec<ParkSensitivityJson<'a>>,
}

#[derive(Serialize)]
pub struct ParkSensitivityJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub rank: u32,
    pub tier: &'static str,
    pub median_rank: f64,
    pub rank_p5: f64,
    pub rank_p95: f64,
    pub tier_share: TierShareJson,
    pub holds: f64,
    pub unstable: bool,
}

#[derive(Serialize)]
#[allow(non_snake_case)]
pub struct TierShareJson {
    pub A: f64,
    pub B: f64,
    pub C: f64,
}

pub fn sensitivity_json<'a>(data: &'a Dataset, s: &'a Sensitivity) -> SensitivityJson<'a> {
    SensitivityJson {
        year: s.year,
        runs: s.options.runs,
        spread: s.options.spread,
        seed: s.options.seed,
        threshold: HOLDS_THRESHOLD,
        parks: s
            .parks
            .iter()
            .map(|p| {
                let sh = p.tier_shares();
                ParkSensitivityJson {
                    id: p.id.as_str(),
                    name: data
                        .park(p.id.as_str())
                        .map(|x| x.name.as_str())
                        .unwrap_or(""),
                    rank: p.rank,
                    tier: p.tier.as_str(),
                    median_rank: p.median_rank,
                    rank_p5: p.rank_p5,
                    rank_p95: p.rank_p95,
                    tier_share: TierShareJson {
                        A: sh[0],
                        B: sh[1],
                        C: sh[2],
                    },
                    holds: p.holds,
                    unstable: p.unstable,
                }
            })
            .collect(),
    }
}
