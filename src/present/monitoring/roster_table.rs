//! The consolidated roster of one year (all parks, one row per firm): the internal
//! download, as CSV here and as XLSX in `render::roster_xlsx`.

use crate::model::{Dataset, Firm, Recognition, RosterColumn};
use crate::present::csv_safe::SafeCsv;
use crate::present::Audience;

/// One cell: its text, and whether a spreadsheet should hold it as a number.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    pub text: String,
    pub number: bool,
}

/// Header and rows, ready for either encoder.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterTable {
    pub year: i32,
    pub header: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
}

impl RosterTable {
    /// `enterprises-2023`: the download's file stem.
    pub fn stem(&self) -> String {
        format!("enterprises-{}", self.year)
    }
}

fn text(s: impl Into<String>) -> TableCell {
    TableCell {
        text: s.into(),
        number: false,
    }
}

fn number(s: impl ToString) -> TableCell {
    TableCell {
        text: s.to_string(),
        number: true,
    }
}

/// Every roster of `year` (internal audience only; `None` without rosters).
pub fn roster_table(data: &Dataset, year: i32, audience: Audience) -> Option<RosterTable> {
    if !audience.is_internal() || data.rosters.of_year(year).next().is_none() {
        return None;
    }
    let mut header = vec!["园区编号".to_string(), "园区名称".to_string()];
    header.extend(RosterColumn::ALL.iter().map(|c| c.label().to_string()));
    let mut rows = Vec::new();
    for r in data.rosters.of_year(year) {
        let name = data
            .park(r.park.as_str())
            .map(|p| p.name.as_str())
            .unwrap_or("");
        for f in &r.firms {
            let mut row = vec![text(r.park.as_str()), text(name)];
            row.extend(RosterColumn::ALL.iter().map(|c| cell(f, *c)));
            rows.push(row);
        }
    }
    Some(RosterTable { year, header, rows })
}

fn cell(f: &Firm, c: RosterColumn) -> TableCell {
    use RosterColumn as C;
    let opt = |x: Option<String>| text(x.unwrap_or_default());
    match c {
        C::Uscc => text(f.uscc.as_str()),
        C::Name => text(&*f.name),
        C::Industry => text(f.industry.as_str()),
        C::Entered => text(f.entered.to_string()),
        C::Exited => opt(f.exited.map(|d| d.to_string())),
        C::ExitReason => opt(f.exit_reason.map(|r| r.label().to_string())),
        C::Employees => number(f.employees),
        C::RevenueWan => number(f.revenue_wan),
        C::TaxWan => number(f.tax_wan),
        C::RdWan => number(f.rd_wan),
        C::AboveScaleSince => match f.above_scale_since {
            Some(y) => number(y),
            None => text(""),
        },
        C::PatentsInvention => number(f.patents.invention),
        C::PatentsUtility => number(f.patents.utility),
        C::PatentsDesign => number(f.patents.design),
        C::Recognitions => text(
            f.recognitions
                .iter()
                .map(Recognition::label)
                .collect::<Vec<_>>()
                .join("；"),
        ),
    }
}

/// The table as CSV: UTF-8 with BOM (Excel on a bureau PC then shows the Chinese),
/// CRLF, written with [`SafeCsv`] so no firm name can become a spreadsheet formula.
pub fn roster_csv(table: &RosterTable) -> Vec<u8> {
    let mut w = SafeCsv::new();
    w.row(&table.header);
    for row in &table.rows {
        w.row(row.iter().map(|c| c.text.as_str()));
    }
    w.finish()
}
