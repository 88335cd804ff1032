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

/// Header and rows, ready for either encoder. The rows are made one at a time as
/// they are written: a national roll-up's year has a million firms, and a table of
/// them all as strings would take about a gigabyte.
#[derive(Debug, Clone)]
pub struct RosterTable<'a> {
    pub year: i32,
    pub header: Vec<String>,
    data: &'a Dataset,
}

impl RosterTable<'_> {
    /// `enterprises-2023`: the download's file stem.
    pub fn stem(&self) -> String {
        format!("enterprises-{}", self.year)
    }

    /// Every firm of the year, park by park (by id), each park's in file order.
    pub fn rows(&self) -> impl Iterator<Item = Vec<TableCell>> + '_ {
        self.data.rosters.of_year(self.year).flat_map(move |r| {
            let name = self
                .data
                .park(r.park.as_str())
                .map(|p| p.name.as_str())
                .unwrap_or("");
            r.firms.iter().map(move |f| {
                let mut row = vec![text(r.park.as_str()), text(name)];
                row.extend(RosterColumn::ALL.iter().map(|c| cell(f, *c)));
                row
            })
        })
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.data
            .rosters
            .of_year(self.year)
            .map(|r| r.firms.len())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
pub fn roster_table(data: &Dataset, year: i32, audience: Audience) -> Option<RosterTable<'_>> {
    if !audience.is_internal() || data.rosters.of_year(year).next().is_none() {
        return None;
    }
    let mut header = vec!["园区编号".to_string(), "园区名称".to_string()];
    header.extend(RosterColumn::ALL.iter().map(|c| c.label().to_string()));
    Some(RosterTable { year, header, data })
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
    for row in table.rows() {
        w.row(row.iter().map(|c| c.text.as_str()));
    }
    w.finish()
}
