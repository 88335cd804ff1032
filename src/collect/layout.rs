//! The collection sheet's layout, shared by the template that writes it and the import
//! that reads it back: which columns exist, what their two header rows say, and how
//! a methodology's metric bounds read in words.

use crate::format::trimmed;
use crate::model::{Dataset, Methodology, MetricDef, Park};

/// The sheet analysts fill in.
pub const SHEET: &str = "填报";
/// The sheet that explains the columns.
pub const GUIDE: &str = "说明";
/// Label of the cell in column A of the guide whose neighbour holds the year.
pub const YEAR_LABEL: &str = "评价年度";
/// Header rows: labels (row 1) and column keys (row 2); data starts on row 3.
pub const HEADER_ROWS: u32 = 2;
/// What a "yes" cell holds in the template (`not_reported`, `transition_opt_in`).
pub const YES: &str = "是";

/// What the workbook collects: the records of `year` under `m` for `parks` (those
/// operating in scope that year).
pub struct Collection<'a> {
    pub data: &'a Dataset,
    pub year: i32,
    pub m: &'a Methodology,
    pub parks: &'a [&'a Park],
}

/// One column of the sheet; the key in header row 2 says which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Id,
    Name,
    Metric(String),
    NotReported,
    Vetoes,
    /// Optional on import (kept from the YAML when absent).
    TransitionOptIn,
    /// Optional on import (kept from the YAML when absent).
    Note,
}

impl Column {
    /// The key in header row 2.
    pub fn key(&self) -> &str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Metric(m) => m,
            Column::NotReported => "not_reported",
            Column::Vetoes => "vetoes",
            Column::TransitionOptIn => "transition_opt_in",
            Column::Note => "note",
        }
    }

    /// The column a row-2 key names under methodology `m`.
    pub fn from_key(key: &str, m: &Methodology) -> Option<Column> {
        Some(match key {
            "id" => Column::Id,
            "name" => Column::Name,
            "not_reported" => Column::NotReported,
            "vetoes" => Column::Vetoes,
            "transition_opt_in" => Column::TransitionOptIn,
            "note" => Column::Note,
            k if m.metrics.contains_key(k) => Column::Metric(k.to_string()),
            _ => return None,
        })
    }

    /// Every key a sheet for `m` may use (for "did you mean" hints).
    pub fn all_keys(m: &Methodology) -> Vec<&str> {
        let mut keys = vec![
            "id",
            "name",
            "not_reported",
            "vetoes",
            "transition_opt_in",
            "note",
        ];
        keys.extend(m.metrics.keys().map(String::as_str));
        keys
    }

    /// The label in header row 1 (and in messages about the column's cells).
    pub fn label(&self, m: &Methodology) -> String {
        match self {
            Column::Id => "园区编号".into(),
            Column::Name => "园区名称".into(),
            Column::Metric(k) => m
                .metrics
                .get(k)
                .map(|d| d.label.clone())
                .unwrap_or_else(|| k.clone()),
            Column::NotReported => "数据缺报".into(),
            Column::Vetoes => "一票否决".into(),
            Column::TransitionOptIn => "过渡期自愿参评".into(),
            Column::Note => "备注".into(),
        }
    }

    /// Header row 1: the label with its unit (`入园企业实缴税收（万元）`).
    pub fn header(&self, m: &Methodology) -> String {
        match self {
            Column::Metric(k) => match m.metrics.get(k) {
                Some(d) if !d.unit.is_empty() => format!("{}（{}）", d.label, d.unit),
                _ => self.label(m),
            },
            Column::NotReported | Column::TransitionOptIn => {
                format!("{}（填“{YES}”）", self.label(m))
            }
            _ => self.label(m),
        }
    }
}

/// The columns of a fresh template: id, name, every metric in methodology order,
/// then not_reported and vetoes.
pub fn template_columns(m: &Methodology) -> Vec<Column> {
    let mut cols = vec![Column::Id, Column::Name];
    cols.extend(m.metrics.keys().map(|k| Column::Metric(k.clone())));
    cols.push(Column::NotReported);
    cols.push(Column::Vetoes);
    cols
}

/// The methodology that governs records of `year`: the one in force, or for years
/// before the first version (kept for growth), the first version — as `load` does.
pub fn methodology_for_records(data: &Dataset, year: i32) -> Option<&Methodology> {
    data.methodology_for(year)
        .or_else(|| data.methodologies.values().next())
}

/// Parks that get a row: operating in `year` and in the methodology's scope.
pub fn parks_in_template<'a>(data: &'a Dataset, year: i32, m: &Methodology) -> Vec<&'a Park> {
    data.parks
        .iter()
        .filter(|p| p.operates_in(year) && m.scope.zone_levels.contains(&p.zone_level))
        .collect()
}

/// A metric's constraints in words: `≥ 0，整数`, `> 0`, `0 ~ 100`.
pub fn bounds_text(def: &MetricDef) -> String {
    let lower = if def.positive && def.min <= 0.0 {
        "> 0".to_string()
    } else {
        format!("≥ {}", trimmed(def.min, 6))
    };
    let mut s = match def.max {
        Some(max) => format!("{lower}，≤ {}", trimmed(max, 6)),
        None => lower,
    };
    if def.integer {
        s.push_str("，整数");
    }
    s
}

/// Reads a yes/no cell: `是`/`否`, `yes`/`no`, `true`/`false`, `1`/`0`, `√`; empty is no.
pub fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "否" | "no" | "n" | "false" | "0" | "×" => Some(false),
        "是" | "yes" | "y" | "true" | "1" | "√" | "✓" => Some(true),
        _ => None,
    }
}

/// `A`, `B`, …, `Z`, `AA` for a 0-based column index.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// `D7` for 0-based row 6, column 3.
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_are_excel_names() {
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn bounds_read_as_words() {
        let d = |min, max, positive, integer| MetricDef {
            label: String::new(),
            label_en: None,
            unit: String::new(),
            unit_en: None,
            public: false,
            min,
            max,
            positive,
            integer,
        };
        assert_eq!(bounds_text(&d(0.0, None, false, false)), "≥ 0");
        assert_eq!(bounds_text(&d(0.0, None, true, true)), "> 0，整数");
        assert_eq!(
            bounds_text(&d(0.0, Some(100.0), false, false)),
            "≥ 0，≤ 100"
        );
        assert_eq!(bounds_text(&d(5.0, None, true, false)), "≥ 5");
        assert_eq!(bounds_text(&d(-10.5, None, false, false)), "≥ -10.5");
    }

    #[test]
    fn flags_accept_the_usual_spellings() {
        for yes in ["是", " yes ", "TRUE", "1", "√"] {
            assert_eq!(parse_flag(yes), Some(true), "{yes}");
        }
        for no in ["", "否", "No", "false", "0"] {
            assert_eq!(parse_flag(no), Some(false), "{no}");
        }
        assert_eq!(parse_flag("缺报"), None);
    }
}
