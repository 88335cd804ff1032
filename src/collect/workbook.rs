//! An `.xlsx` workbook → the fill-in [`Grid`] and the year it declares. The bytes
//! pass [`workbook_guard::check`] first; calamine then streams the cells (no dense
//! copy of the sheet), and anything it throws — an error or a panic — becomes a
//! problem naming the workbook, never a crash.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Reader, Xlsx};

use crate::error::{Error, Problem, Result};

use super::grid::{cell, Cell, Filled, Grid};
use super::layout::{GUIDE, SHEET, YEAR_LABEL};
use super::workbook_guard;

/// Reads the fill-in sheet of workbook `name` and the year in its guide sheet.
pub fn read_workbook(name: &str, bytes: &[u8]) -> Result<Filled> {
    workbook_guard::check(name, bytes).map_err(|p| Error::Invalid(vec![p]))?;
    caught(|| read_checked(bytes))
        .map_err(|message| Error::Invalid(vec![Problem::new(name, "", message)]))
}

/// `read()`, with a panic inside it (a dependency's last resort) turned into a
/// message like any other error.
fn caught<T>(
    read: impl FnOnce() -> std::result::Result<T, String>,
) -> std::result::Result<T, String> {
    match catch_unwind(AssertUnwindSafe(read)) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown failure");
            Err(format!(
                "the workbook reader failed ({what}; expected a workbook saved by Excel or WPS: open it there and save it again)"
            ))
        }
    }
}

fn read_checked(bytes: &[u8]) -> std::result::Result<Filled, String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable workbook ({e}; expected an .xlsx file)"))?;
    let names = wb.sheet_names();
    let sheet = if names.iter().any(|n| n == SHEET) {
        SHEET.to_string()
    } else if names.len() == 1 {
        names[0].clone()
    } else {
        return Err(format!(
            "no sheet named {SHEET} (found: {})",
            names.join(", ")
        ));
    };
    let grid = read_grid(&mut wb, &sheet)?;
    let year = if names.iter().any(|n| n == GUIDE) {
        read_grid(&mut wb, GUIDE)
            .ok()
            .and_then(|g| declared_year(&g))
    } else {
        None
    };
    Ok(Filled { grid, year })
}

/// The cells of `sheet`, streamed one by one into a sparse grid.
fn read_grid(wb: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> std::result::Result<Grid, String> {
    let mut grid = Grid::new(sheet);
    let mut cells = wb
        .worksheet_cells_reader(sheet)
        .map_err(|e| format!("sheet {sheet}: {e}"))?;
    while let Some(c) = cells
        .next_cell()
        .map_err(|e| format!("sheet {sheet}: {e}"))?
    {
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
    fn a_panic_in_the_reader_is_a_message() {
        let r: std::result::Result<(), String> =
            caught(|| panic!("attempt to multiply with overflow"));
        assert_eq!(
            r.unwrap_err(),
            "the workbook reader failed (attempt to multiply with overflow; expected a workbook saved by Excel or WPS: open it there and save it again)"
        );
        assert_eq!(caught(|| Ok::<_, String>(7)), Ok(7));
    }
}
