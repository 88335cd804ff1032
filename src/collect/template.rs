//! The collection workbook for one year: sheet 填报 (one row per park to report,
//! one column per metric, bounds enforced by Excel's data validation) and sheet 说明
//! (what each column means). Figures already in the YAML are filled in, so the same
//! workbook serves corrections.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, Format, FormatAlign, FormatBorder,
    Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::model::{Dataset, MetricDef, Park, YearRecord};

use super::layout::{
    bounds_text, cell_name, methodology_for_records, parks_in_template, template_columns,
    Collection, Column, GUIDE, HEADER_ROWS, SHEET, YES,
};
use super::template_guide::guide_sheet;
use super::workbook_parts::{fixed_date, header_format};

/// The workbook bytes. Deterministic: fixed document dates, stable order.
pub fn template(data: &Dataset, year: i32) -> Result<Vec<u8>> {
    let m = methodology_for_records(data, year).ok_or(Error::NoMethodology)?;
    let parks = parks_in_template(data, year, m);
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let props = DocProperties::new()
            .set_title(format!("{}：{year}年度数据填报表", data.site.title))
            .set_author(&data.site.publisher)
            .set_company(&data.site.publisher)
            .set_creation_datetime(&fixed_date(year)?);
        wb.set_properties(&props);
        let c = Collection {
            data,
            year,
            m,
            parks: &parks,
        };
        fill_sheet(wb.add_worksheet().set_name(SHEET)?, &c)?;
        guide_sheet(wb.add_worksheet().set_name(GUIDE)?, &c)?;
        wb.save_to_buffer()
    };
    build().map_err(|source| Error::Xlsx {
        what: format!("{SHEET}-{year}.xlsx"),
        source: Box::new(source),
    })
}

/// Sheet 填报: the two header rows, Excel's checks per column, one row per park.
fn fill_sheet(ws: &mut Worksheet, c: &Collection) -> Result<(), XlsxError> {
    let sheet = FillSheet {
        c,
        cols: template_columns(c.m),
        f: Formats::new(),
    };
    ws.set_row_height(0, 48)?;
    for (i, col) in sheet.cols.iter().enumerate() {
        sheet.column(ws, i as u16, col)?;
    }
    for (i, park) in c.parks.iter().enumerate() {
        sheet.row(ws, HEADER_ROWS + i as u32, park)?;
    }
    ws.set_freeze_panes(HEADER_ROWS, 2)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    });
    Ok(())
}

/// The cell looks of sheet 填报.
struct Formats {
    header: Format,
    /// Row 2, the column keys: small and grey.
    key: Format,
    /// Id and name: shown, not to be edited.
    locked: Format,
    input: Format,
    input_int: Format,
    /// From the park's roster (入园企业名录): shown, locked, changed in the roster only.
    derived: Format,
}

impl Formats {
    fn new() -> Formats {
        let locked = Format::new()
            .set_background_color(Color::RGB(0xF2F2F2))
            .set_border(FormatBorder::Thin);
        let input = Format::new().set_unlocked().set_border(FormatBorder::Thin);
        Formats {
            header: header_format(),
            key: Format::new()
                .set_font_size(9)
                .set_font_color(Color::RGB(0x808080))
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_align(FormatAlign::Center)
                .set_border(FormatBorder::Thin),
            derived: locked
                .clone()
                .set_font_color(Color::RGB(0x596273))
                .set_italic(),
            locked,
            input_int: input.clone().set_num_format("0"),
            input,
        }
    }
}

struct FillSheet<'a> {
    c: &'a Collection<'a>,
    cols: Vec<Column>,
    f: Formats,
}

impl FillSheet<'_> {
    /// Column `c`'s two header cells, its width, and Excel's check of its cells.
    fn column(&self, ws: &mut Worksheet, c: u16, col: &Column) -> Result<(), XlsxError> {
        let m = self.c.m;
        ws.write_string_with_format(0, c, col.header(m), &self.f.header)?;
        ws.write_string_with_format(1, c, col.key(), &self.f.key)?;
        let width = match col {
            Column::Id => 16.0,
            Column::Name => 36.0,
            Column::Vetoes => 24.0,
            _ => 13.0,
        };
        ws.set_column_width(c, width)?;
        if self.c.parks.is_empty() {
            return Ok(());
        }
        let (first, last) = (HEADER_ROWS, HEADER_ROWS + self.c.parks.len() as u32 - 1);
        if let Some(dv) = self.check(col, first, c)? {
            ws.add_data_validation(first, c, last, c, &dv)?;
        }
        Ok(())
    }

    /// Excel's check of column `c` from row `first` on, for the columns that have one.
    fn check(&self, col: &Column, first: u32, c: u16) -> Result<Option<DataValidation>, XlsxError> {
        let m = self.c.m;
        let dv = match col {
            Column::Metric(k) => {
                let top_left = cell_name(first, u32::from(c));
                validation(&m.metrics[k], &top_left)?
            }
            Column::NotReported | Column::TransitionOptIn => DataValidation::new()
                .allow_list_strings(&[YES, "否"])?
                .set_input_title(col.label(m))?
                .set_input_message("园区未按时报送数据的填“是”，否则留空")?,
            Column::Vetoes if !m.vetoes.is_empty() => {
                let options: Vec<String> = m
                    .vetoes
                    .iter()
                    .map(|(id, v)| format!("{id}（{}）", v.label))
                    .collect();
                let mut msg = format!("填写事项编号，多项用逗号分隔：{}", options.join("；"));
                if msg.chars().count() > 250 {
                    msg = "填写事项编号（见“说明”表），多项用逗号分隔".into();
                }
                DataValidation::new()
                    .allow_any_value()
                    .set_input_title(col.label(m))?
                    .set_input_message(msg)?
            }
            _ => return Ok(None),
        };
        Ok(Some(dv))
    }

    /// Row `r`: the park, and what its record for the year already holds.
    fn row(&self, ws: &mut Worksheet, r: u32, park: &Park) -> Result<(), XlsxError> {
        let f = &self.f;
        let record = park.years.get(&self.c.year);
        for (c, col) in self.cols.iter().enumerate() {
            let c = c as u16;
            match col {
                Column::Id => ws.write_string_with_format(r, c, park.id.as_str(), &f.locked)?,
                Column::Name => ws.write_string_with_format(r, c, &park.name, &f.locked)?,
                Column::Metric(k) => {
                    let format = self.metric_format(k, record);
                    match record.and_then(|rec| rec.metrics.get(k)) {
                        Some(v) => ws.write_number_with_format(r, c, *v, format)?,
                        None => ws.write_blank(r, c, format)?,
                    }
                }
                Column::NotReported => match record.is_some_and(|rec| rec.not_reported) {
                    true => ws.write_string_with_format(r, c, YES, &f.input)?,
                    false => ws.write_blank(r, c, &f.input)?,
                },
                Column::Vetoes => match record.filter(|rec| !rec.vetoes.is_empty()) {
                    Some(rec) => {
                        ws.write_string_with_format(r, c, rec.vetoes.join(", "), &f.input)?
                    }
                    None => ws.write_blank(r, c, &f.input)?,
                },
                Column::TransitionOptIn | Column::Note => ws.write_blank(r, c, &f.input)?,
            };
        }
        Ok(())
    }

    /// Roster-derived values are locked; integer metrics show no decimals.
    fn metric_format(&self, k: &str, record: Option<&YearRecord>) -> &Format {
        if record.is_some_and(|rec| rec.is_derived(k)) {
            &self.f.derived
        } else if self.c.m.metrics[k].integer {
            &self.f.input_int
        } else {
            &self.f.input
        }
    }
}

/// Excel's own check of a metric's bounds, mirroring `rules::check_metric`.
/// `top_left` is the first cell of the range (for the one rule Excel cannot say
/// natively: a number > 0 and ≤ max).
fn validation(def: &MetricDef, top_left: &str) -> Result<DataValidation, XlsxError> {
    let positive_strict = def.positive && def.min <= 0.0;
    let lower = if def.positive {
        def.min.max(0.0)
    } else {
        def.min
    };
    let dv = DataValidation::new();
    let dv = if def.integer {
        let lo = if positive_strict {
            1
        } else {
            lower.ceil().clamp(i32::MIN as f64, i32::MAX as f64) as i32
        };
        match def.max {
            Some(max) => dv.allow_whole_number(DataValidationRule::Between(
                lo,
                max.floor().clamp(i32::MIN as f64, i32::MAX as f64) as i32,
            )),
            None => dv.allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(lo)),
        }
    } else {
        match (def.max, positive_strict) {
            (Some(max), false) => dv.allow_decimal_number(DataValidationRule::Between(lower, max)),
            (Some(max), true) => dv.allow_custom(Formula::new(format!(
                "=AND(ISNUMBER({top_left}),{top_left}>0,{top_left}<={max})"
            ))),
            (None, true) => dv.allow_decimal_number(DataValidationRule::GreaterThan(0.0)),
            (None, false) => {
                dv.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(lower))
            }
        }
    };
    let unit = if def.unit.is_empty() {
        String::new()
    } else {
        format!("，单位：{}", def.unit)
    };
    let label: String = def.label.chars().take(30).collect();
    dv.set_input_title(label.clone())?
        .set_input_message(format!("取值要求：{}{unit}", bounds_text(def)))?
        .set_error_title(label)?
        .set_error_message(format!(
            "请输入数字，取值要求：{}{unit}。不要填写文字或单位。",
            bounds_text(def)
        ))
}
