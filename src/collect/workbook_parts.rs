//! What the two collection workbooks (data and rosters) share: the document date,
//! the header row's look, the numbered steps of 填写说明.

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError,
};

/// The document date: 1 January after the year (when collection happens), never "now".
pub fn fixed_date(year: i32) -> Result<ExcelDateTime, XlsxError> {
    let y = u16::try_from(year + 1).unwrap_or(2000);
    ExcelDateTime::from_ymd(y, 1, 1)
}

/// 填写说明 in bold at row `top`, then the steps numbered below it (both workbooks).
pub fn write_steps(
    ws: &mut Worksheet,
    top: u32,
    steps: &[String],
    bold: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(top, 0, "填写说明", bold)?;
    for (i, s) in steps.iter().enumerate() {
        let r = top + 1 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, s)?;
    }
    Ok(())
}

/// The label row's look, shared by the data and roster workbooks.
pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
}
