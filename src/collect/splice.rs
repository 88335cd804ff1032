//! Writes one year record into a park file's text and leaves every other byte alone:
//! comments, key order, quoting and the other years stay exactly as the analyst wrote
//! them, so `git diff` after an import shows only the figures that changed.
//!
//! The YAML is edited by lines and indentation, not re-serialized: find the top-level
//! `years:` block, then the `<year>:` entry, then the record's fields (and, for a block
//! `metrics:` mapping, its keys). Unchanged fields keep their lines (and trailing
//! comments); a changed one-line value is replaced in place; a missing field or year is
//! inserted in canonical order. The import re-reads every edited file and compares it
//! with the intended record, so a layout this module misreads is caught, not written.

use std::collections::BTreeMap;

use crate::model::YearRecord;

use super::yaml_lines::{Block, Doc, Edits, Entry};

/// The record fields in the order they are written.
const FIELDS: [&str; 6] = [
    "metrics",
    "vetoes",
    "not_reported",
    "transition_opt_in",
    "note",
    "note_en",
];

/// One year record to write: `old` is the record the text holds now (as loaded),
/// `new` the record to write, `order` the methodology's metric order for newly
/// written metrics.
#[derive(Clone, Copy)]
pub struct RecordEdit<'a> {
    pub year: i32,
    pub old: Option<&'a YearRecord>,
    pub new: &'a YearRecord,
    pub order: &'a [String],
}

/// How a new `<year>:` entry is laid out: its indent, its fields' indent, the line end.
struct Layout<'a> {
    year_indent: usize,
    field_indent: usize,
    eol: &'a str,
}

/// `text` with `years.<year>` set to `edit.new`; `Err` says why the layout cannot be
/// edited in place.
pub fn splice_record(text: &str, edit: &RecordEdit) -> Result<String, String> {
    let doc = Doc::new(text);
    let mut edits = Edits::default();
    let top = doc.entries(0, doc.lines.len())?;
    let Some(years) = top.entries.iter().find(|e| e.key == "years") else {
        // No `years:` yet: append the block at the end of the file.
        let layout = Layout {
            year_indent: 2,
            field_indent: 4,
            eol: doc.eol,
        };
        let block = format!("years:{}{}", doc.eol, record_block(edit, &layout));
        edits.insert(doc.lines.len(), block);
        return Ok(edits.apply(&doc));
    };
    if let Some((a, b)) = years.value {
        if text[a..b].trim() != "{}" {
            return Err("`years:` is written in flow style on one line; rewrite it as a block (one year per line) so the import can edit it".into());
        }
        edits.replace(years.colon + 1, b, String::new());
    }
    let block = doc.entries(years.line + 1, years.end)?;
    let layout = layout_of(&doc, years, &block);
    match block
        .entries
        .iter()
        .find(|e| e.key == edit.year.to_string())
    {
        None => {
            let at = block
                .entries
                .iter()
                .filter(|e| e.key.parse::<i32>().is_ok_and(|y| y < edit.year))
                .map(|e| e.end)
                .max()
                .unwrap_or(years.line + 1);
            edits.insert(at, record_block(edit, &layout));
        }
        Some(entry) if entry.value.is_some() || entry.end == entry.line + 1 => {
            // `2023: {metrics: {...}}` or an empty record: rewrite the entry as a block,
            // keeping a trailing comment on its key line.
            let mut body = record_block(edit, &layout);
            if let Some(c) = doc.comment_of(entry.line) {
                let first_eol = body.find(doc.eol).unwrap_or(body.len());
                body.insert_str(first_eol, &format!("  {c}"));
            }
            edits.replace_lines(&doc, entry.line, entry.end, body);
        }
        Some(entry) => edit_fields(&doc, entry, layout.field_indent, edit, &mut edits)?,
    }
    Ok(edits.apply(&doc))
}

/// The indents the `years:` block already uses (two more than its parent if none).
fn layout_of<'d>(doc: &'d Doc, years: &Entry, block: &Block) -> Layout<'d> {
    let year_indent = block.indent.unwrap_or(years.indent + 2);
    let field_indent = block
        .entries
        .iter()
        .filter(|e| e.value.is_none())
        .find_map(|e| doc.entries(e.line + 1, e.end).ok()?.indent)
        .unwrap_or(year_indent + 2);
    Layout {
        year_indent,
        field_indent,
        eol: doc.eol,
    }
}

/// The changed fields of an existing block record, each in place; a block
/// `metrics:` mapping is edited key by key.
fn edit_fields(
    doc: &Doc,
    entry: &Entry,
    field_indent: usize,
    edit: &RecordEdit,
    edits: &mut Edits,
) -> Result<(), String> {
    let empty = YearRecord::default();
    let old = edit.old.unwrap_or(&empty);
    let fields = doc.entries(entry.line + 1, entry.end)?;
    let mut items: Vec<Item> = Vec::new();
    for name in FIELDS {
        let (changed, value) = field_change(name, old, edit.new, edit.order);
        if !changed {
            continue;
        }
        let current = fields.entries.iter().find(|e| e.key == name);
        if let (Some(e), "metrics", Some(_)) = (current, name, &value) {
            if e.value.is_none() && e.end > e.line + 1 {
                edit_block_metrics(doc, e, edit, edits)?;
                continue;
            }
        }
        items.push(Item { key: name, value });
    }
    let target = Target {
        block: &fields,
        indent: fields.indent.unwrap_or(field_indent),
        canonical: &FIELDS,
    };
    edit_block(doc, &target, &items, edits);
    Ok(())
}

/// Whether field `name` differs between `old` and `new`, and its new YAML text
/// (`None`: the field is at its default and is left out).
fn field_change(
    name: &str,
    old: &YearRecord,
    new: &YearRecord,
    order: &[String],
) -> (bool, Option<String>) {
    match name {
        "metrics" => (
            old.metrics != new.metrics,
            (!new.metrics.is_empty()).then(|| flow_metrics(&new.metrics, order)),
        ),
        "vetoes" => (
            old.vetoes != new.vetoes,
            (!new.vetoes.is_empty()).then(|| flow_list(&new.vetoes)),
        ),
        "not_reported" => (
            old.not_reported != new.not_reported,
            new.not_reported.then(|| "true".to_string()),
        ),
        "transition_opt_in" => (
            old.transition_opt_in != new.transition_opt_in,
            new.transition_opt_in.then(|| "true".to_string()),
        ),
        "note" => (old.note != new.note, new.note.as_deref().map(quoted)),
        _ => (
            old.note_en != new.note_en,
            new.note_en.as_deref().map(quoted),
        ),
    }
}

/// Per-key edits of a block-style `metrics:` mapping (one metric per line).
fn edit_block_metrics(
    doc: &Doc,
    metrics: &Entry,
    edit: &RecordEdit,
    edits: &mut Edits,
) -> Result<(), String> {
    let empty = YearRecord::default();
    let (old, new) = (edit.old.unwrap_or(&empty), edit.new);
    let children = doc.entries(metrics.line + 1, metrics.end)?;
    let keys = ordered_keys(&old.metrics, &new.metrics, edit.order);
    let items: Vec<Item> = keys
        .iter()
        .filter(|k| old.metrics.get(k.as_str()) != new.metrics.get(k.as_str()))
        .map(|k| Item {
            key: k,
            value: new.metrics.get(k.as_str()).map(|v| num(*v)),
        })
        .collect();
    let canonical: Vec<&str> = keys.iter().map(String::as_str).collect();
    let target = Target {
        block: &children,
        indent: children.indent.unwrap_or(metrics.indent + 2),
        canonical: &canonical,
    };
    edit_block(doc, &target, &items, edits);
    Ok(())
}

/// A block mapping to edit: where its entries are, their indent, and the order
/// new keys go in.
struct Target<'a> {
    block: &'a Block,
    indent: usize,
    canonical: &'a [&'a str],
}

/// A key whose value changes: `Some(text)` sets it, `None` removes it.
struct Item<'a> {
    key: &'a str,
    value: Option<String>,
}

/// Applies `items` to a block mapping (at `indent`): replaces one-line values in
/// place (keeping comments), rewrites multi-line ones, removes, and inserts missing
/// keys after the last key that precedes them in `canonical` order.
fn edit_block(doc: &Doc, target: &Target, items: &[Item], edits: &mut Edits) {
    let Target {
        block,
        indent,
        canonical,
    } = target;
    let entries = &block.entries;
    let rank = |k: &str| canonical.iter().position(|c| *c == k).unwrap_or(usize::MAX);
    let pad = " ".repeat(*indent);
    for item in items {
        let line = |v: &str| format!("{pad}{}: {v}{}", item.key, doc.eol);
        match (entries.iter().find(|e| e.key == item.key), &item.value) {
            (Some(e), None) => edits.replace_lines(doc, e.line, e.end, String::new()),
            (Some(e), Some(v)) => match e.value {
                Some((a, b)) if e.end == e.line + 1 => edits.replace(a, b, v.clone()),
                _ => {
                    let comment = doc
                        .comment_of(e.line)
                        .map(|c| format!("  {c}"))
                        .unwrap_or_default();
                    let text = format!("{pad}{}: {v}{comment}{}", item.key, doc.eol);
                    edits.replace_lines(doc, e.line, e.end, text);
                }
            },
            (None, Some(v)) => {
                // After the previous key's value, so comments above the next key stay
                // with it.
                let r = rank(item.key);
                let at = match entries.iter().position(|e| rank(&e.key) > r) {
                    Some(0) => block.from,
                    Some(next) => entries[next - 1].end,
                    None => entries.last().map(|e| e.end).unwrap_or(block.from),
                };
                edits.insert(at, line(v));
            }
            (None, None) => {}
        }
    }
}

/// Every metric key of `a` and `b`: methodology order first, then the rest by id.
fn ordered_keys(
    a: &BTreeMap<String, f64>,
    b: &BTreeMap<String, f64>,
    order: &[String],
) -> Vec<String> {
    let mut keys: Vec<String> = order
        .iter()
        .filter(|k| a.contains_key(*k) || b.contains_key(*k))
        .cloned()
        .collect();
    for k in a.keys().chain(b.keys()) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    keys
}

/// A whole `<year>:` entry with the new record's non-default fields.
fn record_block(edit: &RecordEdit, layout: &Layout) -> String {
    let (year, eol) = (edit.year, layout.eol);
    let empty = YearRecord::default();
    let fields: Vec<(&str, String)> = FIELDS
        .iter()
        .filter_map(|f| {
            field_change(f, &empty, edit.new, edit.order)
                .1
                .map(|v| (*f, v))
        })
        .collect();
    let pad = " ".repeat(layout.year_indent);
    if fields.is_empty() {
        return format!("{pad}{year}: {{}}{eol}");
    }
    let mut out = format!("{pad}{year}:{eol}");
    let pad = " ".repeat(layout.field_indent);
    for (k, v) in fields {
        out.push_str(&format!("{pad}{k}: {v}{eol}"));
    }
    out
}

/// `{land_area_mu: 320, tax_wan: 9800}` in methodology order.
pub fn flow_metrics(metrics: &BTreeMap<String, f64>, order: &[String]) -> String {
    let empty = BTreeMap::new();
    let parts: Vec<String> = ordered_keys(metrics, &empty, order)
        .iter()
        .map(|k| format!("{}: {}", scalar(k), num(metrics[k])))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn flow_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| scalar(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// The shortest text that reads back as the same number (`55`, `839.18`).
pub fn num(v: f64) -> String {
    format!("{v}")
}

/// A plain scalar when it is an identifier, else a double-quoted one.
fn scalar(s: &str) -> String {
    let plain = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `splice_record` with the test methodology's metric order.
    fn splice(
        text: &str,
        year: i32,
        old: Option<&YearRecord>,
        new: &YearRecord,
    ) -> Result<String, String> {
        let order = order();
        splice_record(
            text,
            &RecordEdit {
                year,
                old,
                new,
                order: &order,
            },
        )
    }

    fn order() -> Vec<String> {
        ["land_area_mu", "tax_wan", "enterprises"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn rec(metrics: &[(&str, f64)]) -> YearRecord {
        YearRecord {
            metrics: metrics.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            ..YearRecord::default()
        }
    }

    const FILE: &str = "\
# 数据来源：园区年报
id: a
name: \"甲园\"
honors:
- {category: talent, kind: city_team, year: 2021}
years:
  2021:
    metrics: {land_area_mu: 10, tax_wan: 5}  # 半年度
  # 2023年数据经园区复核
  2023:
    metrics: {land_area_mu: 10, tax_wan: 7}
    not_reported: true  # 未报送
";

    #[test]
    fn inserts_a_year_between_keeping_the_next_years_comment() {
        let out = splice(
            FILE,
            2022,
            None,
            &rec(&[("tax_wan", 6.0), ("land_area_mu", 10.0)]),
        )
        .unwrap();
        let want = FILE.replace(
            "  # 2023年",
            "  2022:\n    metrics: {land_area_mu: 10, tax_wan: 6}\n  # 2023年",
        );
        assert_eq!(out, want);
    }

    #[test]
    fn inserts_first_and_last_years() {
        let r = rec(&[("land_area_mu", 1.5)]);
        let out = splice(FILE, 2020, None, &r).unwrap();
        assert_eq!(
            out,
            FILE.replace(
                "years:\n",
                "years:\n  2020:\n    metrics: {land_area_mu: 1.5}\n"
            )
        );
        let out = splice(FILE, 2024, None, &r).unwrap();
        assert_eq!(
            out,
            format!("{FILE}  2024:\n    metrics: {{land_area_mu: 1.5}}\n")
        );
    }

    #[test]
    fn changes_only_the_changed_field_and_keeps_its_comment() {
        let old = rec(&[("land_area_mu", 10.0), ("tax_wan", 5.0)]);
        let new = YearRecord {
            not_reported: true,
            ..rec(&[
                ("land_area_mu", 10.0),
                ("tax_wan", 5.5),
                ("enterprises", 3.0),
            ])
        };
        let out = splice(FILE, 2021, Some(&old), &new).unwrap();
        assert_eq!(
            out,
            FILE.replace(
                "{land_area_mu: 10, tax_wan: 5}  # 半年度",
                "{land_area_mu: 10, tax_wan: 5.5, enterprises: 3}  # 半年度\n    not_reported: true"
            )
        );
    }

    #[test]
    fn removes_fields_that_return_to_their_default() {
        let old = YearRecord {
            not_reported: true,
            ..rec(&[("land_area_mu", 10.0), ("tax_wan", 7.0)])
        };
        let new = YearRecord {
            vetoes: vec!["data_fraud".into()],
            note: Some("核查发现\"虚报\"".into()),
            ..rec(&[("land_area_mu", 10.0), ("tax_wan", 7.0)])
        };
        let out = splice(FILE, 2023, Some(&old), &new).unwrap();
        assert_eq!(
            out,
            FILE.replace(
                "    not_reported: true  # 未报送\n",
                "    vetoes: [data_fraud]\n    note: \"核查发现\\\"虚报\\\"\"\n"
            )
        );
    }

    #[test]
    fn an_unchanged_record_changes_nothing() {
        let old = YearRecord {
            not_reported: true,
            ..rec(&[("land_area_mu", 10.0), ("tax_wan", 7.0)])
        };
        assert_eq!(splice(FILE, 2023, Some(&old), &old).unwrap(), FILE);
    }

    #[test]
    fn edits_block_metrics_key_by_key() {
        let text = "id: a\nyears:\n    2023:\n        metrics:\n            land_area_mu: 10   # 亩\n            # 税收按入库口径\n            tax_wan: 7\n        note: x\n";
        let old = YearRecord {
            note: Some("x".into()),
            ..rec(&[("land_area_mu", 10.0), ("tax_wan", 7.0)])
        };
        let new = YearRecord {
            note: Some("x".into()),
            ..rec(&[("land_area_mu", 12.0), ("enterprises", 4.0)])
        };
        let out = splice(text, 2023, Some(&old), &new).unwrap();
        assert_eq!(
            out,
            "id: a\nyears:\n    2023:\n        metrics:\n            land_area_mu: 12   # 亩\n            # 税收按入库口径\n            enterprises: 4\n        note: x\n"
        );
    }

    #[test]
    fn rewrites_a_flow_record_as_a_block() {
        let text = "id: a\nyears:\n  2023: {metrics: {tax_wan: 7}}  # 旧\n  2024: {}\n";
        let out = splice(
            text,
            2023,
            Some(&rec(&[("tax_wan", 7.0)])),
            &rec(&[("tax_wan", 8.0)]),
        )
        .unwrap();
        assert_eq!(
            out,
            "id: a\nyears:\n  2023:  # 旧\n    metrics: {tax_wan: 8}\n  2024: {}\n"
        );
    }

    #[test]
    fn a_rewritten_flow_record_keeps_its_english_note() {
        let text = "id: a\nyears:\n  2023: {metrics: {tax_wan: 7}, note: 甲, note_en: A}\n";
        let with_notes = |tax: f64| YearRecord {
            note: Some("甲".into()),
            note_en: Some("A".into()),
            ..rec(&[("tax_wan", tax)])
        };
        let out = splice(text, 2023, Some(&with_notes(7.0)), &with_notes(8.0)).unwrap();
        assert_eq!(
            out,
            "id: a\nyears:\n  2023:\n    metrics: {tax_wan: 8}\n    note: \"甲\"\n    note_en: \"A\"\n"
        );
    }

    #[test]
    fn creates_the_years_block_when_missing_or_empty() {
        let r = rec(&[("tax_wan", 1.0)]);
        assert_eq!(
            splice("id: a\nopened: 2020", 2023, None, &r).unwrap(),
            "id: a\nopened: 2020\nyears:\n  2023:\n    metrics: {tax_wan: 1}\n"
        );
        assert_eq!(
            splice("id: a\nyears: {}  # 待填\nopened: 2020\n", 2023, None, &r).unwrap(),
            "id: a\nyears:  # 待填\n  2023:\n    metrics: {tax_wan: 1}\nopened: 2020\n"
        );
        assert!(splice("years: {2023: {}}\n", 2023, None, &r)
            .unwrap_err()
            .contains("flow style"));
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let text = "id: a\r\nyears:\r\n  2022:\r\n    metrics: {tax_wan: 1}\r\n";
        let out = splice(text, 2023, None, &rec(&[("tax_wan", 2.0)])).unwrap();
        assert_eq!(
            out,
            format!("{text}  2023:\r\n    metrics: {{tax_wan: 2}}\r\n")
        );
    }

    #[test]
    fn scalars_are_quoted_only_when_needed() {
        assert_eq!(scalar("major_safety_accident"), "major_safety_accident");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("发生事故"), "\"发生事故\"");
        assert_eq!(num(55.0), "55");
        assert_eq!(num(839.18), "839.18");
        assert_eq!(num(-0.5), "-0.5");
    }
}
