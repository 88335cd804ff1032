//! The one way to write a CSV download. Spreadsheets run a cell that starts with
//! `=`, `+`, `-` or `@` (and some treat a leading tab or CR the same) as a formula:
//! a park named `=HYPERLINK("http://evil.example","x")` would become a live link in
//! the analyst's Excel. Every cell goes through [`neutralise`]; every CSV download
//! is written with [`SafeCsv`], so no writer can forget.
//!
//! Numbers stay numbers: a cell that is a plain decimal number (`-0.05`, `12`) is
//! data, not a formula, and is left as it is so that Excel still sums it.

use std::borrow::Cow;

/// A CSV file as Excel on a bureau PC reads it: UTF-8 with a byte-order mark (else
/// the Chinese is mojibake), CRLF line ends, every cell neutralised.
pub struct SafeCsv {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for SafeCsv {
    fn default() -> Self {
        Self::new()
    }
}

impl SafeCsv {
    pub fn new() -> SafeCsv {
        SafeCsv {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        }
    }

    /// Appends one row; each cell is [`neutralise`]d.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let safe: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.writer
            .write_record(&safe)
            .expect("writing to memory cannot fail");
    }

    /// The file's bytes, byte-order mark first.
    pub fn finish(self) -> Vec<u8> {
        let mut out = vec![0xEF, 0xBB, 0xBF];
        out.extend(
            self.writer
                .into_inner()
                .expect("flushing to memory cannot fail"),
        );
        out
    }
}

/// `cell` with a leading `'` when a spreadsheet would run it as a formula; plain
/// decimal numbers (`-12.5`) are left alone.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-?digits(.digits)?`: what our number formatter writes, and nothing a spreadsheet runs.
fn plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        for (cell, want) in [
            (
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "'=HYPERLINK(\"http://evil.example\",\"x\")",
            ),
            ("+1+1", "'+1+1"),
            ("-1+2", "'-1+2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-.5", "'-.5"),
            ("-2E5", "'-2E5"),
            ("-0.05", "-0.05"),
            ("-12", "-12"),
            ("86.07", "86.07"),
            ("沐江园 =1", "沐江园 =1"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn the_file_has_a_bom_crlf_and_safe_cells() {
        let mut csv = SafeCsv::new();
        csv.row(["名称", "分数"]);
        csv.row(["=1+1", "-3.5"]);
        let bytes = csv.finish();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}名称,分数\r\n'=1+1,-3.5\r\n"
        );
    }
}
