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

/// `text` with `years.<year>` set to `new`. `old` is the record `text` holds now (as
/// loaded), `order` the methodology's metric order for newly written metrics.
pub fn splice_record(
    text: &str,
    year: i32,
    old: Option<&YearRecord>,
    new: &YearRecord,
    order: &[String],
) -> Result<String, String> {
    let doc = Doc::new(text);
    let mut edits = Edits::default();
    let top = doc.entries(0, doc.lines.len())?;
    let Some(years) = top.entries.iter().find(|e| e.key == "years") else {
        // No `years:` yet: append the block at the end of the file.
        let mut block = format!("years:{}", doc.eol);
        block.push_str(&record_block(year, new, 2, 4, order, doc.eol));
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
    let year_indent = block.indent.unwrap_or(years.indent + 2);
    let field_indent = block
        .entries
        .iter()
        .filter(|e| e.value.is_none())
        .find_map(|e| doc.entries(e.line + 1, e.end).ok()?.indent)
        .unwrap_or(year_indent + 2);

    let existing = block.entries.iter().find(|e| e.key == year.to_string());
    match existing {
        None => {
            let at = block
                .entries
                .iter()
                .filter(|e| e.key.parse::<i32>().is_ok_and(|y| y < year))
                .map(|e| e.end)
                .max()
                .unwrap_or(years.line + 1);
            let body = record_block(year, new, year_indent, field_indent, order, doc.eol);
            edits.insert(at, body);
        }
        Some(entry) if entry.value.is_some() || entry.end == entry.line + 1 => {
            // `2023: {metrics: {...}}` or an empty record: rewrite the entry as a block,
            // keeping a trailing comment on its key line.
            let comment = doc.comment_of(entry.line);
            let mut body = record_block(year, new, year_indent, field_indent, order, doc.eol);
            if let Some(c) = comment {
                let first_eol = body.find(doc.eol).unwrap_or(body.len());
                body.insert_str(first_eol, &format!("  {c}"));
            }
            edits.replace_lines(&doc, entry.line, entry.end, body);
        }
        Some(entry) => {
            let empty = YearRecord::default();
            let old = old.unwrap_or(&empty);
            let fields = doc.entries(entry.line + 1, entry.end)?;
            let indent = fields.indent.unwrap_or(field_indent);
            let mut items: Vec<Item> = Vec::new();
            for name in FIELDS {
                let (changed, value) = field_change(name, old, new, order);
                if !changed {
                    continue;
                }
                let current = fields.entries.iter().find(|e| e.key == name);
                if let (Some(e), "metrics", Some(_)) = (current, name, &value) {
                    if e.value.is_none() && e.end > e.line + 1 {
                        edit_block_metrics(&doc, e, old, new, order, &mut edits)?;
                        continue;
                    }
                }
                items.push(Item { key: name, value });
            }
            edit_block(&doc, &fields, indent, &items, &FIELDS, &mut edits);
        }
    }
    Ok(edits.apply(&doc))
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
    old: &YearRecord,
    new: &YearRecord,
    order: &[String],
    edits: &mut Edits,
) -> Result<(), String> {
    let children = doc.entries(metrics.line + 1, metrics.end)?;
    let indent = children.indent.unwrap_or(metrics.indent + 2);
    let keys = ordered_keys(&old.metrics, &new.metrics, order);
    let items: Vec<Item> = keys
        .iter()
        .filter(|k| old.metrics.get(k.as_str()) != new.metrics.get(k.as_str()))
        .map(|k| Item {
            key: k,
            value: new.metrics.get(k.as_str()).map(|v| num(*v)),
        })
        .collect();
    let canonical: Vec<&str> = keys.iter().map(String::as_str).collect();
    edit_block(doc, &children, indent, &items, &canonical, edits);
    Ok(())
}

/// A key whose value changes: `Some(text)` sets it, `None` removes it.
struct Item<'a> {
    key: &'a str,
    value: Option<String>,
}

/// Applies `items` to a block mapping (at `indent`): replaces one-line values in
/// place (keeping comments), rewrites multi-line ones, removes, and inserts missing
/// keys after the last key that precedes them in `canonical` order.
fn edit_block(
    doc: &Doc,
    block: &Block,
    indent: usize,
    items: &[Item],
    canonical: &[&str],
    edits: &mut Edits,
) {
    let entries = &block.entries;
    let rank = |k: &str| canonical.iter().position(|c| *c == k).unwrap_or(usize::MAX);
    let pad = " ".repeat(indent);
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

/// A whole `<year>:` entry with the record's non-default fields.
fn record_block(
    year: i32,
    r: &YearRecord,
    year_indent: usize,
    field_indent: usize,
    order: &[String],
    eol: &str,
) -> String {
    let empty = YearRecord::default();
    let fields: Vec<(&str, String)> = FIELDS
        .iter()
        .filter_map(|f| field_change(f, &empty, r, order).1.map(|v| (*f, v)))
        .collect();
    let pad = " ".repeat(year_indent);
    if fields.is_empty() {
        return format!("{pad}{year}: {{}}{eol}");
    }
    let mut out = format!("{pad}{year}:{eol}");
    let pad = " ".repeat(field_indent);
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
        let out = splice_record(
            FILE,
            2022,
            None,
            &rec(&[("tax_wan", 6.0), ("land_area_mu", 10.0)]),
            &order(),
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
        let out = splice_record(FILE, 2020, None, &r, &order()).unwrap();
        assert_eq!(
            out,
            FILE.replace(
                "years:\n",
                "years:\n  2020:\n    metrics: {land_area_mu: 1.5}\n"
            )
        );
        let out = splice_record(FILE, 2024, None, &r, &order()).unwrap();
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
        let out = splice_record(FILE, 2021, Some(&old), &new, &order()).unwrap();
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
        let out = splice_record(FILE, 2023, Some(&old), &new, &order()).unwrap();
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
        assert_eq!(
            splice_record(FILE, 2023, Some(&old), &old, &order()).unwrap(),
            FILE
        );
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
        let out = splice_record(text, 2023, Some(&old), &new, &order()).unwrap();
        assert_eq!(
            out,
            "id: a\nyears:\n    2023:\n        metrics:\n            land_area_mu: 12   # 亩\n            # 税收按入库口径\n            enterprises: 4\n        note: x\n"
        );
    }

    #[test]
    fn rewrites_a_flow_record_as_a_block() {
        let text = "id: a\nyears:\n  2023: {metrics: {tax_wan: 7}}  # 旧\n  2024: {}\n";
        let out = splice_record(
            text,
            2023,
            Some(&rec(&[("tax_wan", 7.0)])),
            &rec(&[("tax_wan", 8.0)]),
            &order(),
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
        let out = splice_record(
            text,
            2023,
            Some(&with_notes(7.0)),
            &with_notes(8.0),
            &order(),
        )
        .unwrap();
        assert_eq!(
            out,
            "id: a\nyears:\n  2023:\n    metrics: {tax_wan: 8}\n    note: \"甲\"\n    note_en: \"A\"\n"
        );
    }

    #[test]
    fn creates_the_years_block_when_missing_or_empty() {
        let r = rec(&[("tax_wan", 1.0)]);
        assert_eq!(
            splice_record("id: a\nopened: 2020", 2023, None, &r, &order()).unwrap(),
            "id: a\nopened: 2020\nyears:\n  2023:\n    metrics: {tax_wan: 1}\n"
        );
        assert_eq!(
            splice_record(
                "id: a\nyears: {}  # 待填\nopened: 2020\n",
                2023,
                None,
                &r,
                &order()
            )
            .unwrap(),
            "id: a\nyears:  # 待填\n  2023:\n    metrics: {tax_wan: 1}\nopened: 2020\n"
        );
        assert!(
            splice_record("years: {2023: {}}\n", 2023, None, &r, &order())
                .unwrap_err()
                .contains("flow style")
        );
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let text = "id: a\r\nyears:\r\n  2022:\r\n    metrics: {tax_wan: 1}\r\n";
        let out = splice_record(text, 2023, None, &rec(&[("tax_wan", 2.0)]), &order()).unwrap();
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
