//! The roster workbook's layout, shared by the template that writes it and the
//! import that reads it: a guide sheet first (its year and which sheet is which
//! park), then one sheet per park with two header rows (labels, column keys) and a
//! row per firm. The four recognitions get a yes/no column each, so Excel can offer
//! a list for them; everything else is a roster column of the contract.

use crate::model::{Dataset, Park, Recognition, RosterColumn};

/// The first sheet: what to do, the year, and the sheet → park table.
pub const ROSTER_GUIDE: &str = "说明";
/// Label of the guide cell whose right neighbour holds the year; marks a roster workbook.
pub const ROSTER_YEAR_LABEL: &str = "名录年度";
/// Header of the guide table's sheet-name column (the park id is to its right).
pub const SHEET_LABEL: &str = "工作表";
/// Labels (row 1) and column keys (row 2); firms from row 3.
pub const ROSTER_HEADER_ROWS: u32 = 2;
/// Rows below the pre-filled firms that carry the column validations.
pub const SPARE_ROWS: u32 = 300;

/// One column of a park sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetColumn {
    Roster(RosterColumn),
    /// A yes/no column for one recognition (key: the recognition id).
    Recognised(Recognition),
}

impl SheetColumn {
    /// Every column of a fresh sheet: the contract's, recognitions split in four.
    pub fn all() -> Vec<SheetColumn> {
        let mut cols: Vec<SheetColumn> = RosterColumn::ALL
            .iter()
            .filter(|c| **c != RosterColumn::Recognitions)
            .map(|c| SheetColumn::Roster(*c))
            .collect();
        cols.extend(Recognition::ALL.iter().map(|r| SheetColumn::Recognised(*r)));
        cols
    }

    pub fn key(self) -> &'static str {
        match self {
            SheetColumn::Roster(c) => c.name(),
            SheetColumn::Recognised(r) => r.id(),
        }
    }

    /// Header row 1.
    pub fn label(self) -> String {
        match self {
            SheetColumn::Roster(c) => c.label().to_string(),
            SheetColumn::Recognised(r) => format!("当年认定：{}", r.label()),
        }
    }

    /// The column a row-2 key names (the contract's `recognitions` column works too).
    pub fn from_key(key: &str) -> Option<SheetColumn> {
        RosterColumn::parse(key)
            .map(SheetColumn::Roster)
            .or_else(|| Recognition::parse(key).map(SheetColumn::Recognised))
    }

    /// Every key a sheet may use (for "did you mean" hints).
    pub fn keys() -> Vec<&'static str> {
        let mut keys: Vec<&str> = RosterColumn::ALL.iter().map(|c| c.name()).collect();
        keys.extend(Recognition::ALL.iter().map(|r| r.id()));
        keys
    }
}

/// Parks that get a sheet: every park operating in `year`, in or out of the
/// evaluation's scope (monitoring covers them all).
pub fn roster_parks(data: &Dataset, year: i32) -> Vec<&Park> {
    data.parks.iter().filter(|p| p.operates_in(year)).collect()
}

/// A sheet name per park: its id when that fits Excel's 31 characters, else a
/// shortened id with a number; the guide's table says which park each sheet is.
pub fn sheet_names(parks: &[&Park]) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    for (i, p) in parks.iter().enumerate() {
        let id = p.id.as_str();
        let name = if id.chars().count() <= 31 && !used.iter().any(|u| u == id) {
            id.to_string()
        } else {
            let suffix = format!("~{}", i + 1);
            let head: String = id.chars().take(31 - suffix.len()).collect();
            format!("{head}{suffix}")
        };
        used.push(name);
    }
    used
}
