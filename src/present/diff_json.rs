//! `parkscore diff --format json`: the diff as data, for scripts.

use serde::Serialize;

use crate::analysis::diff::{AnchorMove, DataDiff, Outcome, OwnEdit, Presence};
use crate::model::Hundredths;

#[derive(Serialize)]
pub struct DiffJson<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub years: Vec<YearJson<'a>>,
}

#[derive(Serialize)]
pub struct YearJson<'a> {
    pub year: i32,
    pub rated: [usize; 2],
    pub methodology: Option<MethodologyJson<'a>>,
    pub anchor_moves: Vec<AnchorMoveJson<'a>>,
    pub changed: Vec<ChangeJson<'a>>,
    pub added: Vec<PresenceJson<'a>>,
    pub removed: Vec<PresenceJson<'a>>,
    pub edited_unchanged: Vec<EditedJson<'a>>,
    pub rosters: Vec<super::diff_rosters::RosterDiffJson<'a>>,
}

#[derive(Serialize)]
pub struct MethodologyJson<'a> {
    pub a_source: Option<&'a str>,
    pub b_source: Option<&'a str>,
    pub edits: Vec<KeyEditJson<'a>>,
}

#[derive(Serialize)]
pub struct KeyEditJson<'a> {
    pub path: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

#[derive(Serialize)]
pub struct AnchorMoveJson<'a> {
    pub indicator: &'a str,
    pub part: &'static str,
    pub old: Option<XsXh>,
    pub new: Option<XsXh>,
    pub moved_by: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct XsXh {
    pub x_s: f64,
    pub x_h: f64,
}

#[derive(Serialize)]
pub struct OutcomeJson {
    pub status: &'static str,
    pub total: Option<f64>,
    pub rank: Option<u32>,
    pub tier: Option<&'static str>,
    pub award: Option<f64>,
}

#[derive(Serialize)]
pub struct ChangeJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub before: OutcomeJson,
    pub after: OutcomeJson,
    pub causes: CausesJson<'a>,
}

#[derive(Serialize)]
pub struct CausesJson<'a> {
    pub own: Vec<OwnEditJson<'a>>,
    pub anchors: Vec<AnchorMoveJson<'a>>,
    pub methodology: Vec<&'a str>,
    pub overtaken_by: Vec<&'a str>,
    pub passed: Vec<&'a str>,
    pub joined_ahead: Vec<&'a str>,
    pub left_ahead: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OwnEditJson<'a> {
    Metric {
        year: i32,
        metric: &'a str,
        old: Option<f64>,
        new: Option<f64>,
    },
    Record {
        year: i32,
        field: &'static str,
        old: &'a str,
        new: &'a str,
    },
    Profile {
        field: &'static str,
        old: &'a str,
        new: &'a str,
    },
    Honor {
        change: &'static str,
        category: &'a str,
        honor_kind: &'a str,
        year: i32,
    },
}

#[derive(Serialize)]
pub struct PresenceJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub outcome: OutcomeJson,
    pub file_changed: bool,
}

#[derive(Serialize)]
pub struct EditedJson<'a> {
    pub id: &'a str,
    pub edits: Vec<OwnEditJson<'a>>,
}

fn outcome_json(o: &Outcome) -> OutcomeJson {
    OutcomeJson {
        status: o.status.id(),
        total: o.total.map(Hundredths::as_f64),
        rank: o.rank,
        tier: o.tier.map(|t| t.as_str()),
        award: o.award.map(Hundredths::as_f64),
    }
}

fn own_json(e: &OwnEdit) -> OwnEditJson<'_> {
    match e {
        OwnEdit::Metric {
            year,
            metric,
            old,
            new,
        } => OwnEditJson::Metric {
            year: *year,
            metric,
            old: *old,
            new: *new,
        },
        OwnEdit::Record {
            year,
            field,
            old,
            new,
        } => OwnEditJson::Record {
            year: *year,
            field,
            old,
            new,
        },
        OwnEdit::Profile { field, old, new } => OwnEditJson::Profile { field, old, new },
        OwnEdit::Honor {
            added,
            category,
            kind,
            year,
        } => OwnEditJson::Honor {
            change: if *added { "added" } else { "removed" },
            category,
            honor_kind: kind,
            year: *year,
        },
    }
}

fn move_json(m: &AnchorMove) -> AnchorMoveJson<'_> {
    let xs = |x: Option<(f64, f64)>| x.map(|(x_s, x_h)| XsXh { x_s, x_h });
    AnchorMoveJson {
        indicator: &m.indicator,
        part: m.part.id(),
        old: xs(m.old),
        new: xs(m.new),
        moved_by: m.moved_by.iter().map(|i| i.as_str()).collect(),
    }
}

pub fn diff_json(d: &DataDiff) -> DiffJson<'_> {
    DiffJson {
        a: &d.a,
        b: &d.b,
        years: d
            .years
            .iter()
            .map(|y| YearJson {
                year: y.year,
                rated: [y.rated.0, y.rated.1],
                methodology: y.methodology.as_ref().map(|m| MethodologyJson {
                    a_source: m.a_source.as_deref(),
                    b_source: m.b_source.as_deref(),
                    edits: m
                        .edits
                        .iter()
                        .map(|e| KeyEditJson {
                            path: &e.path,
                            old: e.old.as_deref(),
                            new: e.new.as_deref(),
                        })
                        .collect(),
                }),
                anchor_moves: y.anchor_moves.iter().map(move_json).collect(),
                changed: y
                    .changed
                    .iter()
                    .map(|c| ChangeJson {
                        id: c.id.as_str(),
                        name: &c.name,
                        before: outcome_json(&c.before),
                        after: outcome_json(&c.after),
                        causes: CausesJson {
                            own: c.causes.own.iter().map(own_json).collect(),
                            anchors: c.causes.anchors.iter().map(move_json).collect(),
                            methodology: c.causes.methodology.iter().map(String::as_str).collect(),
                            overtaken_by: c
                                .causes
                                .overtaken_by
                                .iter()
                                .map(|i| i.as_str())
                                .collect(),
                            passed: c.causes.passed.iter().map(|i| i.as_str()).collect(),
                            joined_ahead: c
                                .causes
                                .joined_ahead
                                .iter()
                                .map(|i| i.as_str())
                                .collect(),
                            left_ahead: c.causes.left_ahead.iter().map(|i| i.as_str()).collect(),
                        },
                    })
                    .collect(),
                added: y.added.iter().map(presence_json).collect(),
                removed: y.removed.iter().map(presence_json).collect(),
                edited_unchanged: y
                    .edited_unchanged
                    .iter()
                    .map(|(id, edits)| EditedJson {
                        id: id.as_str(),
                        edits: edits.iter().map(own_json).collect(),
                    })
                    .collect(),
                rosters: y
                    .rosters
                    .iter()
                    .map(super::diff_rosters::roster_json)
                    .collect(),
            })
            .collect(),
    }
}

fn presence_json(p: &Presence) -> PresenceJson<'_> {
    PresenceJson {
        id: p.id.as_str(),
        name: &p.name,
        outcome: outcome_json(&p.outcome),
        file_changed: p.file_changed,
    }
}
