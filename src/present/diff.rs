//! `parkscore diff` as text (terminal) and markdown (to paste into a pull request).
//! The wording of a diff lives here; the JSON view is in `diff_json`.

use std::fmt::Write;

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

/// Up to six names, then `and N more` (also for the firms of a roster diff).
pub(super) fn ids_text(ids: &[String]) -> String {
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
        if !y.rosters.is_empty() {
            let _ = writeln!(o, "  rosters:");
            for d in &y.rosters {
                for (i, l) in super::diff_rosters::roster_lines(d, false)
                    .iter()
                    .enumerate()
                {
                    let _ = writeln!(o, "{}{l}", if i == 0 { "    " } else { "      " });
                }
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
        if !y.rosters.is_empty() {
            let _ = writeln!(o, "**入园企业名录 Rosters**");
            let _ = writeln!(o);
            for d in &y.rosters {
                let lines = super::diff_rosters::roster_lines(d, true);
                let _ = writeln!(o, "- {}", md_cell(&lines.join("; ")));
            }
            let _ = writeln!(o);
        }
    }
    o
}
