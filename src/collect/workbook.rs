//! An `.xlsx` workbook → the fill-in [`Grid`] and the year it declares. The bytes
//! pass [`workbook_guard::check`] first; calamine then streams the cells (no dense
//! copy of the sheet), and anything it throws — an error or a panic — becomes a
//! [`SheetError`] naming the workbook, never a crash.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Reader, Xlsx};

use crate::error::SheetError;

use super::grid::{cell, Cell, Filled, Grid};
use super::layout::{GUIDE, SHEET, YEAR_LABEL};
use super::workbook_guard;

/// Reads the fill-in sheet of a workbook and the year in its guide sheet.
pub fn read_workbook(bytes: &[u8]) -> Result<Filled, SheetError> {
    workbook_guard::check(bytes)?;
    caught(|| read_checked(bytes))
}

/// `read()`, with a panic inside it (a dependency's last resort) turned into an
/// error like any other.
fn caught<T>(read: impl FnOnce() -> Result<T, SheetError>) -> Result<T, SheetError> {
    match catch_unwind(AssertUnwindSafe(read)) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown failure");
            Err(SheetError::ReaderFailed(what.to_string()))
        }
    }
}

fn read_checked(bytes: &[u8]) -> Result<Filled, SheetError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| SheetError::NotAWorkbook(calamine::Error::Xlsx(e)))?;
    let names = wb.sheet_names();
    let sheet = if names.iter().any(|n| n == SHEET) {
        SHEET.to_string()
    } else if names.len() == 1 {
        names[0].clone()
    } else {
        return Err(SheetError::NoSheet {
            want: SHEET,
            found: names,
        });
    };
    let mut grid = read_grid(&mut wb, &sheet)?;
    for d in wb.merge_cells_by_sheet_name(&sheet).unwrap_or_default() {
        grid.merge(d.start, d.end);
    }
    let year = if names.iter().any(|n| n == GUIDE) {
        read_grid(&mut wb, GUIDE)
            .ok()
            .and_then(|g| declared_year(&g))
    } else {
        None
    };
    Ok(Filled {
        grid,
        year,
        encoding: None,
    })
}

/// The cells of `sheet`, streamed one by one into a sparse grid.
fn read_grid(wb: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<Grid, SheetError> {
    let failed = |e| SheetError::Sheet {
        sheet: sheet.to_string(),
        source: calamine::Error::Xlsx(e),
    };
    let mut grid = Grid::new(sheet);
    let mut cells = wb.worksheet_cells_reader(sheet).map_err(failed)?;
    while let Some(c) = cells.next_cell().map_err(failed)? {
        let (r, col) = c.get_position();
        grid.set(r, col, cell(&Data::from(c.get_value().clone())));
    }
    Ok(grid)
}

/// The value right of the `评价年度` label in the guide sheet.
fn declared_year(guide: &Grid) -> Option<i32> {
    (0..guide.rows).find_map(|r| {
        let c = (0..guide.cols).find(|c| guide.get(r, *c).text().as_deref() == Some(YEAR_LABEL))?;
        match guide.get(r, c + 1) {
            Cell::Number(n) if n.fract() == 0.0 => Some(*n as i32),
            Cell::Text(t) => t.trim().parse().ok(),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_reader_is_an_error() {
        let r: Result<(), SheetError> = caught(|| panic!("attempt to multiply with overflow"));
        assert_eq!(
            r.unwrap_err().to_string(),
            "the workbook reader failed (attempt to multiply with overflow; expected a workbook saved by Excel or WPS: open it there and save it again)"
        );
        assert_eq!(caught(|| Ok::<_, SheetError>(7)).ok(), Some(7));
    }
}
