//! Bonus points (加分项): windows, per-category rules and caps, then the overall cap.

use crate::model::{BonusCategory, BonusRule, BonusRules, Honor, Hundredths};

use super::result::{BonusItem, BonusReason};

/// Every honor of the park up to `year`, each marked counted or not, and the bonus.
/// `rated == false` lists the honors without counting any.
pub fn bonus(
    honors: &[Honor],
    year: i32,
    rules: &BonusRules,
    rated: bool,
) -> (Vec<BonusItem>, Hundredths) {
    let mut items = listed(honors, year, rules, rated);
    let mut total = Hundredths::ZERO;
    for c in &rules.categories {
        let room = Hundredths((rules.cap.0 - total.0).max(0));
        total += credit(&mut items, c, room);
    }
    (items, total)
}

/// The honors up to `year`, each with why it could count or not (window, kinds of
/// this methodology, the park rated), before the rules and caps.
fn listed(honors: &[Honor], year: i32, rules: &BonusRules, rated: bool) -> Vec<BonusItem> {
    let mut items = Vec::new();
    for (i, h) in honors.iter().enumerate().filter(|(_, h)| h.year <= year) {
        let category = rules.categories.iter().find(|c| c.id == h.category);
        let kind = category.and_then(|c| c.kinds.get(&h.kind));
        let reason = match (category, kind) {
            (None, _) => BonusReason::CategoryNotInMethodology,
            (Some(_), None) => BonusReason::KindNotInMethodology,
            (Some(c), Some(_)) if h.year < year - c.window_years + 1 => BonusReason::OutsideWindow,
            _ if !rated => BonusReason::NotRated,
            _ => BonusReason::Counted,
        };
        items.push(BonusItem {
            honor: i,
            category: h.category.clone(),
            kind: h.kind.clone(),
            year: h.year,
            points: kind.map(|k| k.points).unwrap_or(Hundredths::ZERO),
            counted: reason == BonusReason::Counted,
            reason,
        });
    }
    items
}

/// Credits category `c` by its rule and cap, within `room` left under the overall
/// cap; unmarks what does not count and says why. Returns the points credited.
fn credit(items: &mut [BonusItem], c: &BonusCategory, room: Hundredths) -> Hundredths {
    // Candidates in the order they are credited: most points first, newest first.
    let mut order: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].counted && items[i].category == c.id)
        .collect();
    order.sort_by(|&a, &b| {
        items[b]
            .points
            .cmp(&items[a].points)
            .then(items[b].year.cmp(&items[a].year))
            .then(items[a].honor.cmp(&items[b].honor))
    });
    let mut category_points = Hundredths::ZERO;
    for (n, &i) in order.iter().enumerate() {
        let keep = match c.rule {
            BonusRule::Highest if n > 0 => Err(BonusReason::NotHighest),
            _ if category_points >= c.cap => Err(BonusReason::CategoryCapReached),
            _ => Ok(()),
        };
        match keep {
            Ok(()) => category_points += items[i].points,
            Err(reason) => {
                items[i].counted = false;
                items[i].reason = reason;
            }
        }
    }
    let category_points = category_points.min(c.cap);
    if room == Hundredths::ZERO && category_points > Hundredths::ZERO {
        for &i in &order {
            if items[i].counted {
                items[i].counted = false;
                items[i].reason = BonusReason::TotalCapReached;
            }
        }
    }
    category_points.min(room)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BonusCategory, BonusKind};

    fn rules() -> BonusRules {
        let kinds = |l: &[(&str, i64)]| {
            l.iter()
                .map(|(k, p)| {
                    (
                        k.to_string(),
                        BonusKind {
                            label: k.to_string(),
                            label_en: None,
                            points: Hundredths(p * 100),
                        },
                    )
                })
                .collect()
        };
        BonusRules {
            cap: Hundredths(1000),
            categories: vec![
                BonusCategory {
                    id: "carrier".into(),
                    label: String::new(),
                    label_en: None,
                    window_years: 3,
                    rule: BonusRule::Highest,
                    cap: Hundredths(600),
                    kinds: kinds(&[
                        ("national_demo_base", 6),
                        ("provincial_demo_base", 3),
                        ("provincial_maker_space", 2),
                    ]),
                },
                BonusCategory {
                    id: "talent".into(),
                    label: String::new(),
                    label_en: None,
                    window_years: 1,
                    rule: BonusRule::Sum,
                    cap: Hundredths(400),
                    kinds: kinds(&[
                        ("national_team", 3),
                        ("provincial_team", 2),
                        ("city_team", 1),
                    ]),
                },
            ],
        }
    }

    fn honor(category: &str, kind: &str, year: i32) -> Honor {
        Honor {
            category: category.into(),
            kind: kind.into(),
            year,
            title: String::new(),
        }
    }

    #[test]
    fn window_highest_sum_and_caps() {
        // (honors, year, expected bonus in hundredths, expected counted flags)
        let cases: Vec<(Vec<Honor>, i32, i64, Vec<bool>)> = vec![
            // carrier within 3 years counts; 2020 is outside the 2021–2023 window
            (
                vec![honor("carrier", "provincial_demo_base", 2021)],
                2023,
                300,
                vec![true],
            ),
            (
                vec![honor("carrier", "provincial_demo_base", 2020)],
                2023,
                0,
                vec![false],
            ),
            // highest: only the 3, not 3 + 2
            (
                vec![
                    honor("carrier", "provincial_maker_space", 2022),
                    honor("carrier", "provincial_demo_base", 2021),
                ],
                2023,
                300,
                vec![false, true],
            ),
            // talent window 1: only this year's teams; sum capped at 4
            (
                vec![
                    honor("talent", "national_team", 2023),
                    honor("talent", "provincial_team", 2023),
                    honor("talent", "city_team", 2022),
                ],
                2023,
                400,
                vec![true, true, false],
            ),
            // 6 + 4 = 10 reaches the overall cap exactly
            (
                vec![
                    honor("carrier", "national_demo_base", 2023),
                    honor("talent", "national_team", 2023),
                    honor("talent", "national_team", 2023),
                ],
                2023,
                1000,
                vec![true, true, true],
            ),
            // an honor of a later year is not listed at all
            (
                vec![honor("carrier", "national_demo_base", 2024)],
                2023,
                0,
                vec![],
            ),
            // unknown category in this methodology: listed, not counted
            (vec![honor("award", "x", 2023)], 2023, 0, vec![false]),
        ];
        for (honors, year, expected, counted) in cases {
            let (items, total) = bonus(&honors, year, &rules(), true);
            assert_eq!(total, Hundredths(expected), "{honors:?}");
            assert_eq!(
                items.iter().map(|i| i.counted).collect::<Vec<_>>(),
                counted,
                "{honors:?}"
            );
        }
    }

    #[test]
    fn the_overall_cap_applies_after_categories() {
        let mut r = rules();
        r.cap = Hundredths(700);
        let honors = vec![
            honor("carrier", "national_demo_base", 2023),
            honor("talent", "national_team", 2023),
        ];
        let (items, total) = bonus(&honors, 2023, &r, true);
        assert_eq!(total, Hundredths(700));
        assert!(
            items.iter().all(|i| i.counted),
            "the talent team still adds 1 point"
        );
        r.cap = Hundredths(600);
        let (items, total) = bonus(&honors, 2023, &r, true);
        assert_eq!(total, Hundredths(600));
        assert_eq!(items[1].reason, BonusReason::TotalCapReached);
    }

    #[test]
    fn unrated_parks_get_nothing() {
        let (items, total) = bonus(
            &[honor("carrier", "national_demo_base", 2023)],
            2023,
            &rules(),
            false,
        );
        assert_eq!(total, Hundredths::ZERO);
        assert_eq!(items[0].reason, BonusReason::NotRated);
    }
}
