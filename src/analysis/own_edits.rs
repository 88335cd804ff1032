//! A park's own edits between two versions of the data that can bear on one year's
//! result: its records of the year and the year before (growth), the profile fields
//! that decide its status, its honors.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Park, YearRecord};

/// One edit of a park's own data that can bear on the year's result.
#[derive(Debug, Clone, PartialEq)]
pub enum OwnEdit {
    /// A metric of the year's record, or of the previous year's (growth).
    Metric {
        year: i32,
        metric: String,
        old: Option<f64>,
        new: Option<f64>,
    },
    /// `vetoes`, `not_reported`, `transition_opt_in`, or the record itself (`record`).
    Record {
        year: i32,
        field: &'static str,
        old: String,
        new: String,
    },
    /// `zone_level`, `opened`, `closed`.
    Profile {
        field: &'static str,
        old: String,
        new: String,
    },
    /// An honor added or removed.
    Honor {
        added: bool,
        category: String,
        kind: String,
        year: i32,
    },
}

/// Edits of `a` → `b` (one park) that can bear on `year`: the records of the year and
/// the year before (growth), the profile fields that decide the status, the honors.
pub fn own_edits(a: &Park, b: &Park, year: i32) -> Vec<OwnEdit> {
    let mut out = profile_edits(a, b);
    for y in [year, year - 1] {
        out.extend(record_edits(y, a.years.get(&y), b.years.get(&y)));
    }
    out.extend(honor_edits(a, b, year));
    out
}

/// `zone_level`, `opened`, `closed`.
fn profile_edits(a: &Park, b: &Park) -> Vec<OwnEdit> {
    let mut out = Vec::new();
    let text = |x: Option<i32>| x.map(|v| v.to_string()).unwrap_or_else(|| "—".into());
    if a.zone_level != b.zone_level {
        out.push(OwnEdit::Profile {
            field: "zone_level",
            old: a.zone_level.id().into(),
            new: b.zone_level.id().into(),
        });
    }
    if a.opened != b.opened {
        out.push(OwnEdit::Profile {
            field: "opened",
            old: a.opened.to_string(),
            new: b.opened.to_string(),
        });
    }
    if a.closed != b.closed {
        out.push(OwnEdit::Profile {
            field: "closed",
            old: text(a.closed),
            new: text(b.closed),
        });
    }
    out
}

/// The record of year `y` added, removed, or its flags and metrics edited.
fn record_edits(y: i32, ya: Option<&YearRecord>, yb: Option<&YearRecord>) -> Vec<OwnEdit> {
    let presence = |r: Option<&YearRecord>| if r.is_some() { "present" } else { "absent" };
    match (ya, yb) {
        (None, None) => Vec::new(),
        (Some(_), None) | (None, Some(_)) => vec![OwnEdit::Record {
            year: y,
            field: "record",
            old: presence(ya).into(),
            new: presence(yb).into(),
        }],
        (Some(ya), Some(yb)) => {
            let mut out = flag_edits(y, ya, yb);
            let keys: BTreeSet<&String> = ya.metrics.keys().chain(yb.metrics.keys()).collect();
            for k in keys {
                let (old, new) = (ya.metrics.get(k).copied(), yb.metrics.get(k).copied());
                if old != new {
                    out.push(OwnEdit::Metric {
                        year: y,
                        metric: k.clone(),
                        old,
                        new,
                    });
                }
            }
            out
        }
    }
}

/// `vetoes`, `not_reported`, `transition_opt_in` of two versions of a record.
fn flag_edits(y: i32, ya: &YearRecord, yb: &YearRecord) -> Vec<OwnEdit> {
    let flags = [
        ("vetoes", ya.vetoes.join(", "), yb.vetoes.join(", ")),
        (
            "not_reported",
            ya.not_reported.to_string(),
            yb.not_reported.to_string(),
        ),
        (
            "transition_opt_in",
            ya.transition_opt_in.to_string(),
            yb.transition_opt_in.to_string(),
        ),
    ];
    flags
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| OwnEdit::Record {
            year: y,
            field,
            old,
            new,
        })
        .collect()
}

/// Honors up to `year` added or removed, as a multiset: a second identical honor
/// counts too.
fn honor_edits(a: &Park, b: &Park, year: i32) -> Vec<OwnEdit> {
    let honors = |p: &Park| -> BTreeMap<(String, String, i32), i64> {
        let mut m = BTreeMap::new();
        for h in p.honors.iter().filter(|h| h.year <= year) {
            *m.entry((h.category.clone(), h.kind.clone(), h.year))
                .or_insert(0) += 1;
        }
        m
    };
    let (ha, hb) = (honors(a), honors(b));
    let keys: BTreeSet<&(String, String, i32)> = ha.keys().chain(hb.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let d = hb.get(key).copied().unwrap_or(0) - ha.get(key).copied().unwrap_or(0);
        for _ in 0..d.abs() {
            out.push(OwnEdit::Honor {
                added: d > 0,
                category: key.0.clone(),
                kind: key.1.clone(),
                year: key.2,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, SourceFiles};
    use crate::model::{Honor, ZoneLevel};

    #[test]
    fn each_kind_of_edit_is_listed_profile_records_honors() {
        let data = load(&SourceFiles::embedded(), &Default::default()).unwrap();
        let a = data
            .parks
            .iter()
            .find(|p| p.years.contains_key(&2022) && p.years.contains_key(&2023))
            .unwrap()
            .clone();
        let mut b = a.clone();
        b.zone_level = ZoneLevel::Other;
        b.closed = Some(2030);
        let metric = a.years[&2023].metrics.keys().next().unwrap().clone();
        *b.years
            .get_mut(&2023)
            .unwrap()
            .metrics
            .get_mut(&metric)
            .unwrap() += 1.0;
        b.years.get_mut(&2022).unwrap().not_reported = true;
        let honor = Honor {
            category: "talent".into(),
            kind: "city_team".into(),
            year: 2023,
            title: "t".into(),
        };
        b.honors.extend([honor.clone(), honor.clone()]);
        b.honors.push(Honor {
            year: 2024,
            ..honor
        });
        let edits = own_edits(&a, &b, 2023);
        let old = a.years[&2023].metrics[&metric];
        assert_eq!(
            edits,
            [
                OwnEdit::Profile {
                    field: "zone_level",
                    old: a.zone_level.id().into(),
                    new: "other".into(),
                },
                OwnEdit::Profile {
                    field: "closed",
                    old: "—".into(),
                    new: "2030".into(),
                },
                OwnEdit::Metric {
                    year: 2023,
                    metric,
                    old: Some(old),
                    new: Some(old + 1.0),
                },
                OwnEdit::Record {
                    year: 2022,
                    field: "not_reported",
                    old: "false".into(),
                    new: "true".into(),
                },
                OwnEdit::Honor {
                    added: true,
                    category: "talent".into(),
                    kind: "city_team".into(),
                    year: 2023,
                },
                OwnEdit::Honor {
                    added: true,
                    category: "talent".into(),
                    kind: "city_team".into(),
                    year: 2023,
                },
            ]
        );
        assert!(own_edits(&a, &a, 2023).is_empty());
    }
}
