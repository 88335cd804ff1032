//! `parkscore diff` as text (terminal), markdown (to paste into a pull request) and
//! JSON (for scripts). All wording and number formatting of a diff lives here.

use std::fmt::Write;

use serde::Serialize;

use crate::analysis::diff::{AnchorMove, Causes, DataDiff, Outcome, OwnEdit, ParkChange, YearDiff};
use crate::model::Hundredths;

use super::format::trimmed;

/// At most this many park ids are listed for "overtaken by" / "passed" in text and md.
const MAX_IDS: usize = 6;

fn h(x: Option<Hundredths>) -> String {
    x.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

fn award(x: Option<Hundredths>) -> String {
    x.map(|v| trimmed(v.as_f64(), 2))
        .unwrap_or_else(|| "—".into())
}

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

fn num(x: Option<f64>) -> String {
    x.map(|v| trimmed(v, 4)).unwrap_or_else(|| "—".into())
}

/// The outcome fields as (name, before, after), every one of them.
fn fields(a: &Outcome, b: &Outcome) -> [(&'static str, String, String); 5] {
    [
        (
            "status",
            a.status.id().to_string(),
            b.status.id().to_string(),
        ),
        ("total", h(a.total), h(b.total)),
        ("rank", opt(a.rank), opt(b.rank)),
        (
            "tier",
            opt(a.tier.map(|t| t.as_str())),
            opt(b.tier.map(|t| t.as_str())),
        ),
        ("award", award(a.award), award(b.award)),
    ]
}

fn arrow(old: &str, new: &str) -> String {
    if old == new {
        old.to_string()
    } else {
        format!("{old} → {new}")
    }
}

/// `total 86.07 → 88.10, rank 3 → 2` — only what changed.
fn outcome_change(c: &ParkChange) -> String {
    fields(&c.before, &c.after)
        .iter()
        .filter(|(_, a, b)| a != b)
        .map(|(name, a, b)| format!("{name} {a} → {b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn own_edit(e: &OwnEdit, code: bool) -> String {
    let q = |s: &str| {
        if code {
            format!("`{s}`")
        } else {
            s.to_string()
        }
    };
    match e {
        OwnEdit::Metric {
            year,
            metric,
            old,
            new,
        } => format!("{year} {} {} → {}", q(metric), num(*old), num(*new)),
        OwnEdit::Record {
            year,
            field,
            old,
            new,
        } => format!("{year} {} {} → {}", q(field), or_dash(old), or_dash(new)),
        OwnEdit::Profile { field, old, new } => format!("{} {old} → {new}", q(field)),
        OwnEdit::Honor {
            added,
            category,
            kind,
            year,
        } => format!(
            "{} honor {} {year}",
            if *added { "+" } else { "−" },
            q(&format!("{category}/{kind}"))
        ),
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

pub fn anchor_move(m: &AnchorMove, code: bool) -> String {
    let q = |s: &str| {
        if code {
            format!("`{s}`")
        } else {
            s.to_string()
        }
    };
    let mut parts = Vec::new();
    match (m.old, m.new) {
        (Some((s0, h0)), Some((s1, h1))) => {
            if s0 != s1 {
                parts.push(format!("x_s {} → {}", trimmed(s0, 4), trimmed(s1, 4)));
            }
            if h0 != h1 {
                parts.push(format!("x_h {} → {}", trimmed(h0, 4), trimmed(h1, 4)));
            }
        }
        (old, new) => parts.push(format!("x_s/x_h {} → {}", pair(old), pair(new))),
    }
    let mut s = format!("{} {}: {}", q(&m.indicator), m.part.id(), parts.join(", "));
    if !m.moved_by.is_empty() {
        let ids: Vec<String> = m.moved_by.iter().map(|i| q(i.as_str())).collect();
        let _ = write!(s, " (moved by {})", ids_text(&ids));
    }
    s
}

fn pair(x: Option<(f64, f64)>) -> String {
    x.map(|(s, h)| format!("{}/{}", trimmed(s, 4), trimmed(h, 4)))
        .unwrap_or_else(|| "none".into())
}

fn ids_text(ids: &[String]) -> String {
    if ids.len() <= MAX_IDS {
        ids.join(", ")
    } else {
        format!(
            "{} and {} more",
            ids[..MAX_IDS].join(", "),
            ids.len() - MAX_IDS
        )
    }
}

/// The causes as labelled lines (`own: …`, `anchors: …`), without indentation.
fn cause_lines(c: &Causes, code: bool) -> Vec<String> {
    let q = |s: &str| {
        if code {
            format!("`{s}`")
        } else {
            s.to_string()
        }
    };
    let mut out = Vec::new();
    if !c.own.is_empty() {
        let v: Vec<String> = c.own.iter().map(|e| own_edit(e, code)).collect();
        out.push(format!("own data: {}", v.join("; ")));
    }
    if !c.anchors.is_empty() {
        let v: Vec<String> = c.anchors.iter().map(|m| anchor_move(m, code)).collect();
        out.push(format!("anchors: {}", v.join("; ")));
    }
    if !c.methodology.is_empty() {
        let v: Vec<String> = c.methodology.iter().map(|p| q(p)).collect();
        out.push(format!("methodology: {}", ids_text(&v)));
    }
    if !c.overtaken_by.is_empty() {
        let v: Vec<String> = c.overtaken_by.iter().map(|i| q(i.as_str())).collect();
        out.push(format!("overtaken by {}", ids_text(&v)));
    }
    if !c.passed.is_empty() {
        let v: Vec<String> = c.passed.iter().map(|i| q(i.as_str())).collect();
        out.push(format!("passed {}", ids_text(&v)));
    }
    if !c.joined_ahead.is_empty() {
        let v: Vec<String> = c.joined_ahead.iter().map(|i| q(i.as_str())).collect();
        out.push(format!("newly rated ahead: {}", ids_text(&v)));
    }
    if !c.left_ahead.is_empty() {
        let v: Vec<String> = c.left_ahead.iter().map(|i| q(i.as_str())).collect();
        out.push(format!("no longer rated, was ahead: {}", ids_text(&v)));
    }
    if out.is_empty() {
        out.push("other parks' results changed".into());
    }
    out
}

fn methodology_lines(y: &YearDiff, code: bool) -> Vec<String> {
    let q = |s: &str| {
        if code {
            format!("`{s}`")
        } else {
            s.to_string()
        }
    };
    let Some(m) = &y.methodology else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if m.a_source != m.b_source {
        out.push(format!(
            "in force: {} → {}",
            q(m.a_source.as_deref().unwrap_or("none")),
            q(m.b_source.as_deref().unwrap_or("none"))
        ));
    }
    for e in &m.edits {
        out.push(format!(
            "{}: {} → {}",
            q(&e.path),
            e.old.as_deref().unwrap_or("(absent)"),
            e.new.as_deref().unwrap_or("(absent)")
        ));
    }
    out
}

/// Plain text for a terminal.
pub fn diff_text(d: &DataDiff) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "diff {} → {}", d.a, d.b);
    if d.is_empty() {
        let _ = writeln!(o, "no change in data or results");
        return o;
    }
    for y in &d.years {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{} · rated {}",
            y.year,
            arrow(&y.rated.0.to_string(), &y.rated.1.to_string())
        );
        if y.is_empty() {
            let _ = writeln!(o, "  no change");
            continue;
        }
        let ml = methodology_lines(y, false);
        if !ml.is_empty() {
            let _ = writeln!(o, "  methodology:");
            for l in ml {
                let _ = writeln!(o, "    {l}");
            }
        }
        if !y.anchor_moves.is_empty() {
            let _ = writeln!(o, "  anchor moves:");
            for m in &y.anchor_moves {
                let _ = writeln!(o, "    {}", anchor_move(m, false));
            }
        }
        if !y.changed.is_empty() {
            let _ = writeln!(o, "  changed ({}):", y.changed.len());
            for c in &y.changed {
                let _ = writeln!(o, "    {} {}: {}", c.id, c.name, outcome_change(c));
                for l in cause_lines(&c.causes, false) {
                    let _ = writeln!(o, "      {l}");
                }
            }
        }
        for (title, list) in [("added", &y.added), ("removed", &y.removed)] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(o, "  {title} ({}):", list.len());
            for p in list {
                let _ = writeln!(
                    o,
                    "    {} {}: {}{}{}{}",
                    p.id,
                    p.name,
                    p.outcome.status.id(),
                    p.outcome
                        .rank
                        .map(|r| format!(", rank {r}"))
                        .unwrap_or_default(),
                    p.outcome
                        .tier
                        .map(|t| format!(", tier {}", t.as_str()))
                        .unwrap_or_default(),
                    if p.file_changed {
                        if title == "added" {
                            " (new park file)"
                        } else {
                            " (park file removed)"
                        }
                    } else {
                        ""
                    }
                );
            }
        }
        if !y.edited_unchanged.is_empty() {
            let _ = writeln!(o, "  data edited, result unchanged:");
            for (id, edits) in &y.edited_unchanged {
                let v: Vec<String> = edits.iter().map(|e| own_edit(e, false)).collect();
                let _ = writeln!(o, "    {id}: {}", v.join("; "));
            }
        }
    }
    o
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown to paste into a pull request.
pub fn diff_markdown(d: &DataDiff) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "### parkscore diff: `{}` → `{}`", d.a, d.b);
    let _ = writeln!(o);
    if d.is_empty() {
        let _ = writeln!(o, "No change in data or results.");
        return o;
    }
    for y in &d.years {
        let _ = writeln!(
            o,
            "#### {} · 参评 rated {}",
            y.year,
            arrow(&y.rated.0.to_string(), &y.rated.1.to_string())
        );
        let _ = writeln!(o);
        if y.is_empty() {
            let _ = writeln!(o, "No change.");
            let _ = writeln!(o);
            continue;
        }
        let ml = methodology_lines(y, true);
        if !ml.is_empty() {
            let _ = writeln!(o, "**评价办法 Methodology**");
            let _ = writeln!(o);
            for l in ml {
                let _ = writeln!(o, "- {l}");
            }
            let _ = writeln!(o);
        }
        if !y.anchor_moves.is_empty() {
            let _ = writeln!(o, "**基准值变动 Anchor moves**");
            let _ = writeln!(o);
            for m in &y.anchor_moves {
                let _ = writeln!(o, "- {}", anchor_move(m, true));
            }
            let _ = writeln!(o);
        }
        if !y.changed.is_empty() {
            let _ = writeln!(o, "**结果变化 Changed results** ({})", y.changed.len());
            let _ = writeln!(o);
            let _ = writeln!(
                o,
                "| 园区 park | 状态 status | 总分 total | 排名 rank | 分档 tier | 奖励 award | 原因 causes |"
            );
            let _ = writeln!(o, "|---|---|---|---|---|---|---|");
            for c in &y.changed {
                let f = fields(&c.before, &c.after);
                let cells: Vec<String> = f.iter().map(|(_, a, b)| md_cell(&arrow(a, b))).collect();
                let causes: Vec<String> = cause_lines(&c.causes, true)
                    .iter()
                    .map(|l| md_cell(l))
                    .collect();
                let _ = writeln!(
                    o,
                    "| `{}` {} | {} | {} |",
                    c.id,
                    md_cell(&c.name),
                    cells.join(" | "),
                    causes.join("<br>")
                );
            }
            let _ = writeln!(o);
        }
        for (title, list) in [
            ("**新增 Added**", &y.added),
            ("**移除 Removed**", &y.removed),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(o, "{title}");
            let _ = writeln!(o);
            for p in list {
                let _ = writeln!(
                    o,
                    "- `{}` {}: {}{}{}",
                    p.id,
                    md_cell(&p.name),
                    p.outcome.status.id(),
                    p.outcome
                        .rank
                        .map(|r| format!(", rank {r}"))
                        .unwrap_or_default(),
                    p.outcome
                        .tier
                        .map(|t| format!(", tier {}", t.as_str()))
                        .unwrap_or_default()
                );
            }
            let _ = writeln!(o);
        }
        if !y.edited_unchanged.is_empty() {
            let _ = writeln!(o, "**数据修改但结果未变 Data edited, result unchanged**");
            let _ = writeln!(o);
            for (id, edits) in &y.edited_unchanged {
                let v: Vec<String> = edits.iter().map(|e| own_edit(e, true)).collect();
                let _ = writeln!(o, "- `{id}`: {}", md_cell(&v.join("; ")));
            }
            let _ = writeln!(o);
        }
    }
    o
}

// ---- JSON ----

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
            })
            .collect(),
    }
}

fn presence_json(p: &crate::analysis::diff::Presence) -> PresenceJson<'_> {
    PresenceJson {
        id: p.id.as_str(),
        name: &p.name,
        outcome: outcome_json(&p.outcome),
        file_changed: p.file_changed,
    }
}
