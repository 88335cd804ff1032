//! A park's own edits between two versions of the data that can bear on one year's
//! result: its records of the year and the year before (growth), the profile fields
//! that decide its status, its honors.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Park;

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
    for y in [year, year - 1] {
        let (ya, yb) = (a.years.get(&y), b.years.get(&y));
        match (ya, yb) {
            (None, None) => {}
            (Some(_), None) | (None, Some(_)) => out.push(OwnEdit::Record {
                year: y,
                field: "record",
                old: if ya.is_some() { "present" } else { "absent" }.into(),
                new: if yb.is_some() { "present" } else { "absent" }.into(),
            }),
            (Some(ya), Some(yb)) => {
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
                for (field, old, new) in flags {
                    if old != new {
                        out.push(OwnEdit::Record {
                            year: y,
                            field,
                            old,
                            new,
                        });
                    }
                }
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
            }
        }
    }
    // Honors as a multiset: a second identical honor counts too.
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
