//! 分档稳健性 (weight sensitivity) as the site shows it: a park's summary on its
//! scorecard, and a page per year with every rated park's rank interval as a chart
//! and a table. Numbers come from [`crate::analysis::site_study`]; this file orders,
//! rounds and words them.

use serde::Serialize;

use crate::analysis::sensitivity::{ParkSensitivity, SensitivityOptions, HOLDS_THRESHOLD};
use crate::evaluate::Tier;

use super::charts::{ChartSpec, ChartView, Intervals, RankInterval, TableView, Tone};
use super::format::{fixed, trimmed};
use super::lang::{Lang, Named};
use super::messages::fill;
use super::site::SiteData;
use super::urls;
use super::year_page::YearLink;

/// The scorecard's 分档稳健性 section.
#[derive(Serialize)]
pub struct RobustnessCard {
    /// Tiers A, B, C: the share of runs in each (they add up to exactly 100.0%).
    pub shares: Vec<TierShare>,
    pub median_rank: String,
    /// The 5th–95th percentile rank interval, e.g. `3–7`.
    pub interval: String,
    /// Share of runs in the park's actual tier.
    pub holds: String,
    /// The tier holds in fewer than [`HOLDS_THRESHOLD`] of runs.
    pub unstable: bool,
    pub threshold: String,
    /// How the runs were made (runs, spread, seed), in one sentence.
    pub settings: String,
    /// The year's robustness page.
    pub url: String,
}

#[derive(Serialize)]
pub struct TierShare {
    pub tier: &'static str,
    pub share: String,
    pub runs: usize,
    /// The park's actual tier.
    pub current: bool,
}

/// The robustness page of one year.
#[derive(Serialize)]
pub struct RobustnessPage<'a> {
    pub year: i32,
    pub rated: usize,
    pub settings: String,
    pub runs: usize,
    pub spread: String,
    pub seed: u64,
    pub threshold: String,
    /// Parks whose tier holds in fewer than the threshold of runs.
    pub unstable: usize,
    /// None when no park is rated this year.
    pub chart: Option<ChartView>,
    /// Every rated park, in actual rank order.
    pub rows: Vec<RobustnessRow<'a>>,
    /// The other years' robustness pages.
    pub years: Vec<YearLink>,
    pub year_url: String,
    pub methodology_title: Named<'a>,
    pub methodology_url: String,
}

#[derive(Serialize)]
pub struct RobustnessRow<'a> {
    pub rank: u32,
    pub id: &'a str,
    pub name: Named<'a>,
    /// The park's scorecard.
    pub url: String,
    pub tier: &'static str,
    pub median: String,
    pub interval: String,
    /// Shares of runs in A, B, C.
    pub shares: Vec<String>,
    pub holds: String,
    pub unstable: bool,
}

const TIERS: [Tier; 3] = [Tier::A, Tier::B, Tier::C];

/// `counts` as shares in tenths of a percent that add up to exactly 1000: each is
/// rounded down, then the remaining tenths go to the largest remainders (ties to
/// the better tier), so the printed shares always sum to 100.0%.
pub fn shares_permille(counts: [usize; 3]) -> [u64; 3] {
    let n: u64 = counts.iter().map(|&c| c as u64).sum();
    if n == 0 {
        return [0; 3];
    }
    let exact = counts.map(|c| c as u64 * 1000);
    let mut out = exact.map(|e| e / n);
    let missing = 1000 - out.iter().sum::<u64>();
    let mut order = [0usize, 1, 2];
    order.sort_by_key(|&k| std::cmp::Reverse(exact[k] % n));
    for &k in order.iter().take(missing as usize) {
        out[k] += 1;
    }
    out
}

fn permille(x: u64) -> String {
    format!("{}%", fixed(x as f64 / 10.0, 1))
}

/// Shares of runs in the actual tier, as the CLI prints them (`90.0%`).
fn share(x: f64) -> String {
    format!("{}%", fixed(x * 100.0, 1))
}

fn interval(p: &ParkSensitivity) -> String {
    format!("{}–{}", trimmed(p.rank_p5, 1), trimmed(p.rank_p95, 1))
}

/// The settings sentence both the scorecard and the page print.
pub fn settings_text(o: &SensitivityOptions, lang: Lang) -> String {
    fill(
        lang,
        "robustness_text.settings",
        &[
            ("runs", &o.runs.to_string()),
            ("low", &trimmed(1.0 - o.spread, 4)),
            ("high", &trimmed(1.0 + o.spread, 4)),
            ("pct", &trimmed(o.spread * 100.0, 2)),
            ("seed", &o.seed.to_string()),
        ],
    )
}

fn tone(t: Tier) -> Tone {
    match t {
        Tier::A => Tone::TierA,
        Tier::B => Tone::TierB,
        Tier::C => Tone::TierC,
    }
}

/// The 分档稳健性 section of the scorecard of park `park` (index into `Dataset::parks`) in
/// the `y`-th year; None when the
/// park is not rated or the build ran no study.
pub fn robustness_card(
    site: &SiteData,
    y: usize,
    park: usize,
    lang: Lang,
) -> Option<RobustnessCard> {
    let s = site.study(y)?.sensitivity.as_ref()?;
    let p = site.sensitivity_of(y, park)?;
    let shares = shares_permille(p.tier_runs);
    Some(RobustnessCard {
        shares: TIERS
            .iter()
            .map(|&t| TierShare {
                tier: t.as_str(),
                share: permille(shares[t as usize]),
                runs: p.tier_runs[t as usize],
                current: t == p.tier,
            })
            .collect(),
        median_rank: trimmed(p.median_rank, 1),
        interval: interval(p),
        holds: share(p.holds),
        unstable: p.unstable,
        threshold: share(HOLDS_THRESHOLD),
        settings: settings_text(&s.options, lang),
        url: urls::robustness(s.year),
    })
}

/// The robustness page of the `y`-th year; None when the build ran no study.
pub fn robustness_page<'a>(
    site: &SiteData<'a>,
    y: usize,
    lang: Lang,
) -> Option<RobustnessPage<'a>> {
    let study = site.study(y)?;
    let r = &site.years[y];
    let m = site.methodology(y);
    let data = site.data;
    let options = study
        .sensitivity
        .as_ref()
        .map(|s| s.options)
        .unwrap_or_else(|| crate::analysis::site_study::site_options(0));
    let parks: &[ParkSensitivity] = study.sensitivity.as_ref().map_or(&[], |s| &s.parks);
    let rows: Vec<RobustnessRow<'a>> = parks
        .iter()
        .map(|p| {
            let sh = shares_permille(p.tier_runs);
            let park = data.park(p.id.as_str());
            RobustnessRow {
                rank: p.rank,
                id: park.map_or("", |x| x.id.as_str()),
                name: park.map_or(Named::default(), |x| {
                    lang.name(&x.name, x.name_en.as_deref())
                }),
                url: urls::scorecard(r.year, p.id.as_str()),
                tier: p.tier.as_str(),
                median: trimmed(p.median_rank, 1),
                interval: interval(p),
                shares: sh.iter().map(|&x| permille(x)).collect(),
                holds: share(p.holds),
                unstable: p.unstable,
            }
        })
        .collect();
    let unstable = parks.iter().filter(|p| p.unstable).count();
    Some(RobustnessPage {
        year: r.year,
        rated: parks.len(),
        settings: settings_text(&options, lang),
        runs: options.runs,
        spread: format!("±{}%", trimmed(options.spread * 100.0, 2)),
        seed: options.seed,
        threshold: share(HOLDS_THRESHOLD),
        unstable,
        chart: (!parks.is_empty()).then(|| interval_chart(r.year, parks, unstable, lang)),
        rows,
        years: site
            .years
            .iter()
            .enumerate()
            .filter(|(k, _)| site.study(*k).is_some())
            .map(|(_, x)| YearLink {
                year: x.year,
                url: urls::robustness(x.year),
                current: x.year == r.year,
            })
            .collect(),
        year_url: urls::year(r.year),
        methodology_title: lang.name(&m.title, m.title_en.as_deref()),
        methodology_url: urls::methodology(m.year),
    })
}

fn interval_chart(year: i32, parks: &[ParkSensitivity], unstable: usize, lang: Lang) -> ChartView {
    let n = parks.len();
    let widest = parks
        .iter()
        .map(|p| p.rank_p95 - p.rank_p5)
        .fold(0.0, f64::max);
    ChartView {
        id: "intervals".into(),
        title: fill(
            lang,
            "robustness_text.chart_title",
            &[("year", &year.to_string())],
        ),
        desc: fill(
            lang,
            "robustness_text.chart_desc",
            &[
                ("n", &n.to_string()),
                ("widest", &trimmed(widest, 1)),
                ("unstable", &unstable.to_string()),
                ("threshold", &share(HOLDS_THRESHOLD)),
            ],
        ),
        // The page prints its own table (with links to the scorecards) beside the chart.
        table: TableView {
            head: Vec::new(),
            rows: Vec::new(),
        },
        spec: ChartSpec::Intervals(Intervals {
            n,
            parks: parks
                .iter()
                .map(|p| RankInterval {
                    rank: p.rank,
                    low: p.rank_p5,
                    median: p.median_rank,
                    high: p.rank_p95,
                    tone: tone(p.tier),
                })
                .collect(),
            legend: TIERS
                .iter()
                .map(|&t| {
                    let label = fill(lang, "robustness_text.legend", &[("tier", t.as_str())]);
                    (label, tone(t))
                })
                .collect(),
            x_label: fill(lang, "robustness_text.x_label", &[]),
            y_label: fill(lang, "robustness_text.y_label", &[]),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_always_add_up_to_one_hundred_percent() {
        assert_eq!(shares_permille([200, 0, 0]), [1000, 0, 0]);
        assert_eq!(shares_permille([125, 75, 0]), [625, 375, 0]);
        // 1/3 each: 333.3… → 333 + 333 + 333 = 999; the tenth left goes to A (tie).
        assert_eq!(shares_permille([1, 1, 1]), [334, 333, 333]);
        // 7/123 = 56.91…‰, 100/123 = 813.00…‰, 16/123 = 130.08…‰: floors 56 + 813 + 130
        // = 999; the largest remainder (.91) is A's.
        assert_eq!(shares_permille([7, 100, 16]), [57, 813, 130]);
        assert_eq!(shares_permille([0, 0, 0]), [0, 0, 0]);
        for a in 0..40usize {
            for b in 0..40usize {
                let s = shares_permille([a, b, 41]);
                assert_eq!(s.iter().sum::<u64>(), 1000, "{a} {b}");
                for (k, c) in [a, b, 41].iter().enumerate() {
                    let exact = *c as f64 * 1000.0 / (a + b + 41) as f64;
                    assert!((s[k] as f64 - exact).abs() < 1.0, "{a} {b}: {s:?}");
                }
            }
        }
    }
}
