//! The evaluation engine against hand-computed numbers, rule by rule (spec §1–§9),
//! and against properties that must hold for any data.

use parkscore::evaluate::{evaluate_all, Flag, Tier, YearResult};
use parkscore::model::{Dataset, Status};

use crate::support::fixture::Fixture;

const SITE: &str = "title: 测试市小微企业园绩效评价\npublisher: 测试市经济和信息化局\n";

/// One indicator `tax` (= metric t), weight 100, level only, peer min–max; tiers and
/// awards as the sample methodology. `extra` is appended verbatim.
fn one_indicator(extra: &str) -> String {
    format!(
        "metrics:
  t: {{label: 税收, unit: 万元}}
  e: {{label: 企业数, unit: 家, integer: true}}
  new_enterprises: {{label: 新入园, unit: 家, integer: true}}
  enterprises: {{label: 企业数, unit: 家, integer: true}}
dimensions:
  - {{id: efficiency, label: 亩均效益}}
indicators:
  - {{id: tax_per_mu, label: 亩均税收, unit: 万元/亩, dimension: efficiency, formula: t, weight: 100}}
tie_break: [dimension:efficiency]
{extra}"
    )
}

/// A data folder written from nothing with the fixture builder: site.yaml, one
/// methodology (2023) and the parks each test lists.
struct Data {
    fixture: Fixture,
}

impl Data {
    fn new(methodology: &str) -> Data {
        let fixture = Fixture::empty()
            .file("site.yaml", SITE)
            .file("methodology/2023.yaml", methodology);
        Data { fixture }
    }

    /// A file written whole.
    fn file(mut self, rel: &str, text: &str) -> Data {
        self.fixture = self.fixture.file(rel, text);
        self
    }

    /// A national-zone park opened in 2015 with the given yearly records (YAML text of `years:`).
    fn park(mut self, id: &str, years: &str) -> Data {
        self = self.park_with(id, "", years);
        self
    }

    fn park_with(self, id: &str, profile: &str, years: &str) -> Data {
        let zone_level = if profile.contains("zone_level") {
            ""
        } else {
            "zone_level: national\n"
        };
        let text = format!(
            "id: {id}\nname: 园区{id}\ndistrict: 甲区\nzone: 测试开发区\n{zone_level}kind: industrial\nopened: 2015\n{profile}years:\n{years}"
        );
        self.file(&format!("parks/{id}.yaml"), &text)
    }

    fn load(&self) -> Dataset {
        match self.fixture.build().load() {
            Ok(d) => d,
            Err(e) => panic!("fixture does not load:\n{e}"),
        }
    }

    fn year(&self, y: i32) -> YearResult {
        evaluate_all(&self.load(), &Default::default())
            .into_iter()
            .find(|r| r.year == y)
            .expect("year evaluated")
    }
}

fn t(v: f64) -> String {
    format!("  2023:\n    metrics: {{t: {v}}}\n")
}

fn h(x: Option<parkscore::model::Hundredths>) -> i64 {
    x.expect("a value").0
}

#[test]
fn worked_example_levels_ranks_tiers_awards() {
    let mut d = Data::new(&one_indicator(""));
    for (id, v) in [
        ("a", 12.0),
        ("b", 20.0),
        ("c", 35.0),
        ("d", 50.0),
        ("e", 80.0),
    ] {
        d = d.park(id, &t(v));
    }
    let r = d.year(2023);
    let order: Vec<&str> = r.parks.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(order, ["e", "d", "c", "b", "a"]);
    // 60 + 40 × (x − 12)/(80 − 12): 100, 82.35, 73.53, 64.71, 60
    let totals: Vec<i64> = r.parks.iter().map(|p| h(p.total)).collect();
    assert_eq!(totals, [10000, 8235, 7353, 6471, 6000]);
    let ranks: Vec<u32> = r.parks.iter().map(|p| p.rank.unwrap()).collect();
    assert_eq!(ranks, [1, 2, 3, 4, 5]);
    // n = 5: A quota floor(1.0) = 1 (and ≥ 80); C: rank > 5 − ceil(0.5) = 4, or total < 65.
    let tiers: Vec<Tier> = r.parks.iter().map(|p| p.tier.unwrap()).collect();
    assert_eq!(tiers, [Tier::A, Tier::B, Tier::B, Tier::C, Tier::C]);
    let awards: Vec<i64> = r.parks.iter().map(|p| h(p.award)).collect();
    assert_eq!(awards, [10000, 0, 0, 0, 0]);
    assert_eq!(r.summary.awards_total.0, 10000);
    assert_eq!(r.summary.tiers, [1, 2, 2]);
    let anchors = r.anchors[0].level.unwrap();
    assert_eq!((anchors.x_s, anchors.x_h), (12.0, 80.0));
}

#[test]
fn worked_example_growth_split() {
    // tax_per_mu weight 20 split 70/30 with fixed growth anchors −10 %..30 %, and an
    // 80-weight indicator with fixed anchors so the total is easy to follow.
    let m = "metrics:
  t: {label: 税收}
  s: {label: 评分, max: 100}
dimensions:
  - {id: efficiency, label: 亩均效益}
  - {id: operation, label: 运营服务}
indicators:
  - {id: tax_per_mu, label: 亩均税收, dimension: efficiency, formula: t, weight: 20, split: {level: 70, growth: 30}}
  - {id: ops, label: 运营, dimension: operation, formula: s, weight: 80, anchor: {disallowed: 0, satisfactory: 100}}
tie_break: [dimension:efficiency]
";
    let rec = |y: i32, tv: f64, s: f64| format!("  {y}:\n    metrics: {{t: {tv}, s: {s}}}\n");
    let d = Data::new(m)
        .park("lo", &rec(2023, 12.0, 50.0))
        .park("hi", &rec(2023, 80.0, 50.0))
        .park("mid", &(rec(2022, 28.0, 50.0) + &rec(2023, 35.0, 50.0)))
        // the spec's example: +15 % growth (35 / 1.15 in the year before)
        .park(
            "spec",
            &(rec(2022, 35.0 / 1.15, 50.0) + &rec(2023, 35.0, 50.0)),
        );
    let r = d.year(2023);
    let mid = r.park("mid").unwrap();
    let s = &mid.indicators[0];
    assert!((s.level_score - 73.529_411_764_7).abs() < 1e-9);
    let g = s.growth.expect("growth available");
    assert!((g.value - 0.25).abs() < 1e-12, "35/28 − 1 = 25 %");
    assert!(
        (g.score - 95.0).abs() < 1e-9,
        "60 + 40 × (0.25 + 0.10)/0.40"
    );
    // 0.7 × 73.5294 + 0.3 × 95 = 79.97 → × 20 = 1599.41 → 15.99
    assert!((s.combined - 79.970_588_235).abs() < 1e-6);
    assert_eq!(s.contribution.0, 1599);
    // ops: 60 + 40 × 0.5 = 80 → × 80 = 6400
    assert_eq!(mid.indicators[1].contribution.0, 6400);
    assert_eq!(h(mid.base), 1599 + 6400);
    // Parks without a 2022 record: growth unavailable, level carries the weight.
    let lo = r.park("lo").unwrap();
    assert!(lo.indicators[0].growth.is_none());
    assert!(lo.indicators[0].flags.contains(&Flag::GrowthUnavailable));
    assert_eq!(lo.indicators[0].combined, 60.0);
    assert_eq!(lo.indicators[0].contribution.0, 1200);
    // Spec: level 73.5294…, growth +15 % → 85; 0.7 × 73.5294 + 0.3 × 85 = 76.97; × 20 → 15.39.
    let spec = &r.park("spec").unwrap().indicators[0];
    assert!((spec.growth.unwrap().score - 85.0).abs() < 1e-6);
    assert!((spec.combined - 76.970_588).abs() < 1e-5);
    assert_eq!(spec.contribution.0, 1539);
}

#[test]
fn statuses_in_spec_order() {
    let m = one_indicator("scope: {zone_levels: [national, provincial], transition_years: 2}\n");
    let d = Data::new(&m)
        .park("rated", &t(10.0))
        .park("other-zone", &t(10.0))
        .park_with("outside", "zone_level: other\n", &t(50.0))
        .park_with("closed", "closed: 2022\n", "  2022:\n    metrics: {t: 5}\n")
        .park_with("future", "opened: 2024\n", "  2024:\n    metrics: {t: 5}\n")
        .park_with("young", "", &t(20.0))
        .park("vetoed", "  2023:\n    metrics: {t: 99}\n    vetoes: [major_safety_accident]\n    not_reported: true\n")
        .park("missing", "  2023:\n    not_reported: true\n");
    // `future` has `opened` twice otherwise; give it its own file text.
    let d = d
        .file(
            "parks/future.yaml",
            "id: future\nname: f\ndistrict: x\nzone: z\nzone_level: national\nkind: industrial\nopened: 2024\nyears: {}\n",
        )
        .file(
            "parks/young.yaml",
            "id: young\nname: y\ndistrict: x\nzone: z\nzone_level: national\nkind: startup\nopened: 2022\nyears:\n  2023:\n    metrics: {t: 20}\n",
        )
        .file(
            "parks/young-opt.yaml",
            "id: young-opt\nname: y\ndistrict: x\nzone: z\nzone_level: national\nkind: startup\nopened: 2022\nyears:\n  2023:\n    metrics: {t: 30}\n    transition_opt_in: true\n",
        );
    let r = d.year(2023);
    let status = |id: &str| r.park(id).map(|p| p.status);
    assert_eq!(status("rated"), Some(Status::Rated));
    assert_eq!(status("outside"), Some(Status::OutOfScope));
    assert_eq!(status("closed"), None, "not operating parks are not listed");
    assert_eq!(status("future"), None);
    assert_eq!(status("young"), Some(Status::Transition), "2023 − 2022 < 2");
    assert_eq!(status("young-opt"), Some(Status::Rated), "opted in");
    assert_eq!(
        status("vetoed"),
        Some(Status::Vetoed),
        "veto comes before not_reported"
    );
    assert_eq!(status("missing"), Some(Status::NotReported));
    let missing = r.park("missing").unwrap();
    assert_eq!(
        (missing.tier, missing.rank, missing.total),
        (Some(Tier::C), None, None)
    );
    // Out-of-scope values never move the anchors: the peers are the rated parks only.
    let a = r.anchors[0].level.unwrap();
    assert_eq!((a.x_s, a.x_h), (10.0, 30.0));
    // Listing order: rated by rank, then by status id: not_reported, out_of_scope, transition, vetoed.
    let order: Vec<&str> = r.parks.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "young-opt",
            "other-zone",
            "rated",
            "missing",
            "outside",
            "young",
            "vetoed"
        ]
    );
    // Goals count operating in-scope parks: rated 3 + transition + vetoed + not_reported = 6.
    assert_eq!(r.summary.goals[0].value, 6.0);
}

#[test]
fn growth_is_unavailable_for_the_spec_reasons() {
    let m = "metrics:
  t: {label: 税收}
  l: {label: 面积, positive: true}
dimensions:
  - {id: efficiency, label: 亩均效益}
indicators:
  - {id: tax_per_mu, label: 亩均税收, dimension: efficiency, formula: t / l, growth_formula: t, weight: 100, split: {level: 50, growth: 50}}
tie_break: [dimension:efficiency]
";
    let y23 = "  2023:\n    metrics: {t: 110, l: 10}\n";
    let d = Data::new(m)
        .park(
            "ok",
            &format!("  2022:\n    metrics: {{t: 100, l: 1}}\n{y23}"),
        )
        .park("none", y23)
        .park("nr", &format!("  2022:\n    not_reported: true\n{y23}"))
        .park("lacks", &format!("  2022:\n    metrics: {{l: 5}}\n{y23}"))
        .park(
            "zero",
            &format!("  2022:\n    metrics: {{t: 0, l: 5}}\n{y23}"),
        )
        .park(
            "vet",
            &format!("  2022:\n    metrics: {{t: 55, l: 5}}\n    vetoes: [data_fraud]\n{y23}"),
        );
    let r = d.year(2023);
    let growth = |id: &str| r.park(id).unwrap().indicators[0].growth.map(|g| g.value);
    // growth_formula is t alone, so the area change does not matter: 110/100 − 1.
    assert!((growth("ok").unwrap() - 0.1).abs() < 1e-12);
    assert_eq!(growth("none"), None);
    assert_eq!(growth("nr"), None);
    assert_eq!(growth("lacks"), None);
    assert_eq!(growth("zero"), None, "gf(Y−1) <= 0");
    assert!(
        (growth("vet").unwrap() - 1.0).abs() < 1e-12,
        "growth does not need Y−1 to be rated"
    );
    // No spread in level (all 11): every level score is 80.
    let p = r.park("none").unwrap();
    assert_eq!(p.indicators[0].level_score, 80.0);
    assert!(p.indicators[0].flags.contains(&Flag::NoSpread));
    assert!(p.indicators[0].flags.contains(&Flag::GrowthUnavailable));
    // ok: growth 10 % → 60 + 40 × 0.2/0.4 = 80; combined (50×80 + 50×80)/100 = 80.
    assert_eq!(r.park("ok").unwrap().indicators[0].contribution.0, 8000);
}

#[test]
fn no_peer_growth_makes_growth_unavailable_for_everyone() {
    let m = one_indicator("").replace(
        "formula: t, weight: 100}",
        "formula: t, weight: 100, split: {level: 60, growth: 40}, growth_anchor: peer_minmax}",
    );
    let d = Data::new(&m).park("a", &t(10.0)).park("b", &t(20.0));
    let r = d.year(2023);
    assert!(r.anchors[0].growth.is_none());
    for p in r.rated() {
        assert!(p.indicators[0].growth.is_none());
        assert_eq!(p.indicators[0].combined, p.indicators[0].level_score);
    }
}

#[test]
fn percentile_fixed_and_lower_better_anchors() {
    let m = one_indicator("").replace(
        "formula: t, weight: 100}",
        "formula: t, weight: 50, anchor: {percentile: [10, 90]}}\n  - {id: cost, label: 成本, dimension: efficiency, formula: e, weight: 50, direction: lower_better}",
    );
    let mut d = Data::new(&m);
    for (id, v, e) in [
        ("a", 1.0, 5),
        ("b", 2.0, 4),
        ("c", 3.0, 3),
        ("d", 4.0, 2),
        ("e", 5.0, 1),
    ] {
        d = d.park(id, &format!("  2023:\n    metrics: {{t: {v}, e: {e}}}\n"));
    }
    let r = d.year(2023);
    let a = r.anchors[0].level.unwrap();
    // h = 4 × 0.1 = 0.4 → 1.4; h = 4 × 0.9 = 3.6 → 4.6
    assert!((a.x_s - 1.4).abs() < 1e-12 && (a.x_h - 4.6).abs() < 1e-12);
    let c = r.park("c").unwrap();
    // 60 + 40 × (3 − 1.4)/3.2 = 80; lower_better cost 3 of 1..5 → 80
    assert_eq!(c.indicators[0].level_score, 80.0);
    assert_eq!(c.indicators[1].level_score, 80.0);
    let e = r.park("e").unwrap();
    assert_eq!(
        e.indicators[0].level_score, 100.0,
        "above the 90th percentile clamps"
    );
    assert_eq!(e.indicators[1].level_score, 100.0, "lowest cost is best");
    let b = r.cost_anchor();
    assert_eq!(b, (5.0, 1.0));
}

trait CostAnchor {
    fn cost_anchor(&self) -> (f64, f64);
}

impl CostAnchor for YearResult {
    fn cost_anchor(&self) -> (f64, f64) {
        let a = self.anchors[1].level.unwrap();
        (a.x_s, a.x_h)
    }
}

#[test]
fn rounding_is_half_away_on_hundredths() {
    // weight 12.5, combined 80.2 → 1002.5 hundredths → 1003 (half away from zero).
    let m = "metrics:
  s: {label: 评分, max: 100}
dimensions:
  - {id: efficiency, label: 亩均效益}
indicators:
  - {id: a, label: A, dimension: efficiency, formula: s, weight: 12.5, anchor: {disallowed: 0, satisfactory: 100}}
  - {id: b, label: B, dimension: efficiency, formula: s, weight: 87.5, anchor: {disallowed: 0, satisfactory: 100}}
tie_break: [dimension:efficiency]
";
    let r = Data::new(m)
        .park("x", "  2023:\n    metrics: {s: 50.5}\n")
        .year(2023);
    let p = r.park("x").unwrap();
    // 60 + 40 × 0.505 = 80.2
    assert!((p.indicators[0].combined - 80.2).abs() < 1e-9);
    assert_eq!(p.indicators[0].contribution.0, 1003);
    // 87.5 × 80.2 = 7017.5 → 7018
    assert_eq!(p.indicators[1].contribution.0, 7018);
    assert_eq!(p.base.unwrap().0, 1003 + 7018);
    assert_eq!(p.dimensions[0].0, 1003 + 7018);
}

#[test]
fn ties_share_ranks_and_pool_awards() {
    // Six parks: two tie at the top on every key, two tie further down.
    let m = one_indicator("tiers: {a: {top_share: 0.5}, c: {bottom_share: 0.10}}\n");
    let mut d = Data::new(&m);
    for (id, v) in [
        ("p1", 100.0),
        ("p2", 100.0),
        ("p3", 80.0),
        ("p4", 50.0),
        ("p5", 50.0),
        ("p6", 0.0),
    ] {
        d = d.park(id, &t(v));
    }
    let r = d.year(2023);
    let rows: Vec<(&str, u32, &str, i64)> = r
        .rated()
        .map(|p| {
            (
                p.id.as_str(),
                p.rank.unwrap(),
                p.tier.unwrap().as_str(),
                h(p.award),
            )
        })
        .collect();
    // A quota floor(0.5 × 6) = 3: ranks 1, 1, 3. Positions 1+2 pooled: (100+80)/2 = 90; p3 gets 70.
    // C: rank > 6 − ceil(0.6) = 5 → p6.
    assert_eq!(
        rows,
        [
            ("p1", 1, "A", 9000),
            ("p2", 1, "A", 9000),
            ("p3", 3, "A", 7000),
            ("p4", 4, "B", 0),
            ("p5", 4, "B", 0),
            ("p6", 6, "C", 0)
        ]
    );
    assert_eq!(r.summary.awards_total.0, 25000);
}

#[test]
fn tie_break_chain_decides_before_sharing() {
    // Equal totals and base; the tie-break indicator (raw level value) decides.
    let m = "metrics:
  s: {label: 评分, max: 100}
  t: {label: 税收}
dimensions:
  - {id: efficiency, label: 亩均效益}
  - {id: operation, label: 运营}
indicators:
  - {id: tax_per_mu, label: 亩均税收, dimension: efficiency, formula: t, weight: 50, anchor: {disallowed: 0, satisfactory: 10}}
  - {id: ops, label: 运营, dimension: operation, formula: s, weight: 50, anchor: {disallowed: 0, satisfactory: 100}}
tie_break: [dimension:efficiency, indicator:tax_per_mu]
";
    // x: t = 20 (clamped at 100) and s = 50; y: t = 10 (100) and s = 50 → same scores, x has more tax.
    let d = Data::new(m)
        .park("y", "  2023:\n    metrics: {s: 50, t: 10}\n")
        .park("x", "  2023:\n    metrics: {s: 50, t: 20}\n")
        .park("z", "  2023:\n    metrics: {s: 50, t: 10}\n");
    let r = d.year(2023);
    let rows: Vec<(&str, u32)> = r
        .rated()
        .map(|p| (p.id.as_str(), p.rank.unwrap()))
        .collect();
    assert_eq!(rows, [("x", 1), ("y", 2), ("z", 2)]);
}

#[test]
fn exact_quotas_and_pure_thresholds() {
    // 30 parks with distinct totals: ceil(0.1 × 30) = 3 in C by rank (binary floats say 4).
    let m = one_indicator("tiers: {a: {top_share: 0.2}, c: {bottom_share: 0.1}}\n");
    let mut d = Data::new(&m);
    for i in 0..30 {
        d = d.park(&format!("p{i:02}"), &t(i as f64));
    }
    let r = d.year(2023);
    assert_eq!(r.summary.tiers, [6, 21, 3]);
    // Pure thresholds: A ≥ 85, C < 70, no quotas.
    let m = one_indicator("tiers: {a: {min_total: 85}, c: {below_total: 70}}\n");
    let mut d = Data::new(&m);
    for (i, v) in [0.0, 20.0, 25.0, 62.5, 100.0].iter().enumerate() {
        d = d.park(&format!("q{i}"), &t(*v));
    }
    // scores: 60, 68, 70, 85, 100
    let r = d.year(2023);
    let tiers: Vec<&str> = r.rated().map(|p| p.tier.unwrap().as_str()).collect();
    assert_eq!(tiers, ["A", "A", "B", "C", "C"]);
}

#[test]
fn bonus_counts_within_windows_and_caps() {
    let d = Data::new(&one_indicator(""))
        .park_with(
            "b",
            "honors:\n  - {category: carrier, kind: national_demo_base, year: 2021, title: 示范基地}\n  - {category: carrier, kind: provincial_incubator, year: 2023, title: 孵化器}\n  - {category: carrier, kind: national_incubator, year: 2020, title: 过期}\n  - {category: talent, kind: national_team, year: 2023, title: 团队甲}\n  - {category: talent, kind: provincial_team, year: 2023, title: 团队乙}\n  - {category: talent, kind: city_team, year: 2022, title: 去年}\n",
            &t(10.0),
        )
        .park("c", &t(20.0));
    let r = d.year(2023);
    let b = r.park("b").unwrap();
    // carrier: highest of 6 (2021) and 3 (2023) = 6; talent: 3 + 2 = 5 → cap 4; 6 + 4 = 10 ≤ 10.
    assert_eq!(h(b.bonus), 1000);
    assert_eq!(h(b.total), h(b.base) + 1000);
    let counted: Vec<(i32, bool)> = b.bonus_items.iter().map(|i| (i.year, i.counted)).collect();
    assert_eq!(
        counted,
        [
            (2021, true),
            (2023, false),
            (2020, false),
            (2023, true),
            (2023, true),
            (2022, false)
        ]
    );
}

#[test]
fn goals_sum_the_records_that_have_them() {
    let m = one_indicator("goals: {parks: 3, new_enterprises: 10, enterprises: 100}\n");
    let d = Data::new(&m)
        .park(
            "a",
            "  2023:\n    metrics: {t: 1, new_enterprises: 4, enterprises: 60}\n",
        )
        .park("b", "  2023:\n    metrics: {t: 2, new_enterprises: 6}\n")
        .park(
            "c",
            "  2023:\n    not_reported: true\n    metrics: {enterprises: 40}\n",
        )
        .park_with(
            "d",
            "zone_level: other\n",
            "  2023:\n    metrics: {t: 3, new_enterprises: 100}\n",
        );
    let g = d.year(2023).summary.goals;
    let v: Vec<(&str, f64, bool)> = g.iter().map(|g| (g.key, g.value, g.met)).collect();
    assert_eq!(
        v,
        [
            ("parks", 3.0, true),
            ("new_enterprises", 10.0, true),
            ("enterprises", 100.0, true)
        ]
    );
}
