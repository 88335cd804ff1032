//! The roster part of `parkscore diff`: per park, the firms added, removed and edited,
//! and what that did to the derived metrics. Text and markdown share these lines;
//! the JSON view is [`roster_json`].

use serde::Serialize;

use crate::analysis::roster_diff::{FirmRef, ParkRosterDiff};

use super::diff::ids_text;
use super::format::grouped;

fn names(list: &[FirmRef]) -> String {
    let names: Vec<String> = list.iter().map(|f| f.name.clone()).collect();
    ids_text(&names)
}

fn rows(r: Option<usize>) -> String {
    r.map(|n| n.to_string()).unwrap_or_else(|| "none".into())
}

fn value(v: Option<f64>) -> String {
    v.map(|x| grouped(x, 4))
        .unwrap_or_else(|| "(typed in the record)".into())
}

/// Two lines per park: the firms, then the derived metrics (when any moved).
pub fn roster_lines(d: &ParkRosterDiff, code: bool) -> Vec<String> {
    let q = |s: &str| {
        if code {
            format!("`{s}`")
        } else {
            s.to_string()
        }
    };
    let mut parts = Vec::new();
    if !d.added.is_empty() {
        parts.push(format!("+{} ({})", d.added.len(), names(&d.added)));
    }
    if !d.removed.is_empty() {
        parts.push(format!("−{} ({})", d.removed.len(), names(&d.removed)));
    }
    if !d.edited.is_empty() {
        let shown: Vec<String> = d
            .edited
            .iter()
            .map(|(f, fields)| {
                let cols: Vec<String> = fields
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {} → {}",
                            q(c.column.name()),
                            or_dash(&c.old),
                            or_dash(&c.new)
                        )
                    })
                    .collect();
                format!("{}: {}", f.name, cols.join(" / "))
            })
            .collect();
        parts.push(format!("{} edited ({})", d.edited.len(), ids_text(&shown)));
    }
    if parts.is_empty() {
        parts.push("no firm changed".into());
    }
    let mut out = vec![format!(
        "{} {} (rows {} → {}): {}",
        q(d.park.as_str()),
        q(&d.file),
        rows(d.rows.0),
        rows(d.rows.1),
        parts.join(", ")
    )];
    if !d.metrics.is_empty() {
        let m: Vec<String> = d
            .metrics
            .iter()
            .map(|(id, a, b)| format!("{} {} → {}", q(id), value(*a), value(*b)))
            .collect();
        out.push(format!("derived: {}", m.join(", ")));
    }
    out
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

#[derive(Serialize)]
pub struct RosterDiffJson<'a> {
    pub park: &'a str,
    pub file: &'a str,
    pub rows: [Option<usize>; 2],
    pub added: Vec<FirmJson<'a>>,
    pub removed: Vec<FirmJson<'a>>,
    pub edited: Vec<EditedFirmJson<'a>>,
    pub metrics: Vec<MetricChangeJson<'a>>,
}

#[derive(Serialize)]
pub struct FirmJson<'a> {
    pub uscc: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct EditedFirmJson<'a> {
    pub uscc: &'a str,
    pub name: &'a str,
    pub fields: Vec<[&'a str; 3]>,
}

#[derive(Serialize)]
pub struct MetricChangeJson<'a> {
    pub metric: &'a str,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

fn firm_json(f: &FirmRef) -> FirmJson<'_> {
    FirmJson {
        uscc: &f.uscc,
        name: &f.name,
    }
}

pub fn roster_json(d: &ParkRosterDiff) -> RosterDiffJson<'_> {
    RosterDiffJson {
        park: d.park.as_str(),
        file: &d.file,
        rows: [d.rows.0, d.rows.1],
        added: d.added.iter().map(firm_json).collect(),
        removed: d.removed.iter().map(firm_json).collect(),
        edited: d
            .edited
            .iter()
            .map(|(f, fields)| EditedFirmJson {
                uscc: &f.uscc,
                name: &f.name,
                fields: fields
                    .iter()
                    .map(|c| [c.column.name(), c.old.as_str(), c.new.as_str()])
                    .collect(),
            })
            .collect(),
        metrics: d
            .metrics
            .iter()
            .map(|(m, old, new)| MetricChangeJson {
                metric: m,
                old: *old,
                new: *new,
            })
            .collect(),
    }
}
