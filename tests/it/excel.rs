//! Excel in and out: the collection template, the import back into YAML, and the
//! results workbooks. Fixtures are the embedded sample city (沐江市).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader};
use rust_xlsxwriter::Workbook;

use parkscore::collect::{self, Filled, ImportPlan, GUIDE, SHEET, YEAR_LABEL};
use parkscore::load::{self, SourceFiles};
use parkscore::model::{Dataset, ZoneLevel};
use parkscore::present::Audience;
use parkscore::{Error, Evaluation};

use crate::support::site::render_site;

// ---------------------------------------------------------------- helpers

fn sample() -> SourceFiles {
    SourceFiles::embedded()
}

/// Every data file of a folder, rosters included (the loader reads those lazily).
fn on_disk(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    SourceFiles::read_dir(dir)
        .unwrap()
        .with_rosters_read()
        .unwrap()
        .files
}

fn dataset(src: &SourceFiles) -> Dataset {
    load::load(src, &Default::default()).unwrap_or_else(|e| panic!("sample loads: {e}"))
}

fn text(src: &SourceFiles, rel: &str) -> String {
    String::from_utf8(src.files[rel].clone()).unwrap()
}

/// Every results.json of a build, parsed, without `data_hash` (which names the bytes).
fn results(src: &SourceFiles) -> BTreeMap<String, serde_json::Value> {
    let data = dataset(src);
    let years = parkscore::evaluate::evaluate_all(&data, &Default::default());
    // Without the robustness study (no results file depends on it; it is slow in debug).
    let out = render_site(&Evaluation { data, years }, &[], Audience::Public);
    out.files()
        .iter()
        .filter(|(k, _)| k.ends_with("results.json"))
        .map(|(k, v)| {
            let mut json: serde_json::Value = serde_json::from_slice(v).unwrap();
            json.as_object_mut().unwrap().remove("data_hash");
            (k.clone(), json)
        })
        .collect()
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn sheet_names(bytes: &[u8]) -> Vec<String> {
    open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .unwrap()
        .sheet_names()
}

/// A cell as the tests write it.
#[derive(Debug, Clone, PartialEq)]
enum V {
    N(f64),
    S(String),
    Blank,
}

fn s(x: &str) -> V {
    V::S(x.to_string())
}

/// The 填报 sheet of a workbook as rows of cells (absolute positions from A1).
fn rows_of(bytes: &[u8]) -> Vec<Vec<V>> {
    let range = sheet(bytes, SHEET);
    let (h, w) = range.end().map(|(r, c)| (r + 1, c + 1)).unwrap();
    (0..h)
        .map(|r| {
            (0..w)
                .map(|c| match range.get_value((r, c)) {
                    Some(Data::Float(f)) => V::N(*f),
                    Some(Data::Int(i)) => V::N(*i as f64),
                    Some(Data::String(t)) => V::S(t.clone()),
                    _ => V::Blank,
                })
                .collect()
        })
        .collect()
}

/// Writes rows in the template's layout with rust_xlsxwriter — what an analyst's
/// Excel saves after filling the sheet — plus the 说明 year cell.
fn xlsx_from_rows(rows: &[Vec<V>], year: Option<i32>) -> Vec<u8> {
    xlsx_from_rows_then(rows, year, |_| {})
}

/// [`xlsx_from_rows`], then `then` on the 填报 sheet (merges, dates).
fn xlsx_from_rows_then(
    rows: &[Vec<V>],
    year: Option<i32>,
    then: impl FnOnce(&mut rust_xlsxwriter::Worksheet),
) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name(SHEET).unwrap();
    then(ws);
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v {
                V::N(n) => ws.write_number(r as u32, c as u16, *n).map(|_| ()),
                V::S(t) => ws.write_string(r as u32, c as u16, t).map(|_| ()),
                V::Blank => Ok(()),
            }
            .unwrap();
        }
    }
    if let Some(y) = year {
        let g = wb.add_worksheet().set_name(GUIDE).unwrap();
        g.write_string(1, 0, YEAR_LABEL).unwrap();
        g.write_number(1, 1, y).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn csv_from_rows(rows: &[Vec<V>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|v| match v {
                V::N(n) => format!("{n}"),
                V::S(t) => t.clone(),
                V::Blank => String::new(),
            })
            .collect();
        w.write_record(&cells).unwrap();
    }
    w.into_inner().unwrap()
}

fn plan_xlsx(src: &SourceFiles, bytes: &[u8], year: Option<i32>) -> Result<ImportPlan, Error> {
    let filled: Filled = collect::read_bytes("填报.xlsx", bytes)?;
    collect::plan(src, &filled, year, "填报.xlsx")
}

fn plan_csv(src: &SourceFiles, rows: &[Vec<V>], year: i32) -> Result<ImportPlan, Error> {
    let filled = collect::read_bytes("填报.csv", &csv_from_rows(rows))?;
    collect::plan(src, &filled, Some(year), "填报.csv")
}

fn apply(src: &SourceFiles, plan: &ImportPlan) -> SourceFiles {
    let mut out = src.clone();
    for (k, v) in &plan.files {
        out.files.insert(k.clone(), v.clone());
    }
    out
}

/// Removes `years.<year>` from a park file written like the sample (two-space years).
fn strip_year(text: &str, year: i32) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if line.trim_end() == format!("  {year}:") {
            skipping = true;
            continue;
        }
        if skipping && (line.trim().is_empty() || indent > 2) {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

/// Fills every park row of `rows` with the `year` record of `data`.
fn fill_from(rows: &mut [Vec<V>], data: &Dataset, year: i32) {
    let keys: Vec<String> = rows[1]
        .iter()
        .map(|v| match v {
            V::S(t) => t.clone(),
            _ => String::new(),
        })
        .collect();
    for row in rows.iter_mut().skip(2) {
        let V::S(id) = &row[0] else { panic!("id cell") };
        let Some(rec) = data.park(id).and_then(|p| p.years.get(&year)) else {
            continue;
        };
        for (c, key) in keys.iter().enumerate() {
            row[c] = match key.as_str() {
                "id" | "name" => continue,
                "not_reported" if rec.not_reported => s("是"),
                "vetoes" if !rec.vetoes.is_empty() => s(&rec.vetoes.join("、")),
                k => rec.metrics.get(k).map(|v| V::N(*v)).unwrap_or(V::Blank),
            };
        }
    }
}

fn key_col(rows: &[Vec<V>], key: &str) -> usize {
    rows[1].iter().position(|v| *v == s(key)).unwrap()
}

fn messages(e: Error) -> Vec<String> {
    match e {
        Error::Invalid(ps) => ps.iter().map(|p| p.to_string()).collect(),
        other => vec![other.to_string()],
    }
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    z.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

// ---------------------------------------------------------------- template

#[test]
fn the_template_lists_every_park_to_report_with_its_figures() {
    let src = sample();
    let data = dataset(&src);
    let bytes = collect::template(&data, 2023).unwrap();
    assert_eq!(sheet_names(&bytes), vec![SHEET, GUIDE]);
    let rows = rows_of(&bytes);

    // Parks operating in 2023 in a national or provincial zone, by id — counted from
    // the profiles, not by the code under test.
    let expected: Vec<&str> = data
        .parks
        .iter()
        .filter(|p| p.opened <= 2023 && p.closed.is_none_or(|c| c >= 2023))
        .filter(|p| p.zone_level != ZoneLevel::Other)
        .map(|p| p.id.as_str())
        .collect();
    let ids: Vec<V> = rows.iter().skip(2).map(|r| r[0].clone()).collect();
    assert_eq!(ids, expected.iter().map(|i| s(i)).collect::<Vec<_>>());
    assert!(
        expected.len() < data.parks.len(),
        "some sample park is out of scope"
    );

    let m = &data.methodologies[&2022];
    let mut keys = vec!["id".to_string(), "name".to_string()];
    keys.extend(m.metrics.keys().cloned());
    keys.extend(["not_reported".to_string(), "vetoes".to_string()]);
    assert_eq!(rows[1], keys.iter().map(|k| s(k)).collect::<Vec<_>>());
    assert_eq!(rows[0][3], s("入园企业实缴税收（万元）"));

    // Pre-filled from the YAML (values read off data/parks/gx-dianzi.yaml).
    let row = rows.iter().find(|r| r[0] == s("gx-dianzi")).unwrap();
    assert_eq!(row[1], s("沐江高新区电子信息小微企业园"));
    assert_eq!(row[key_col(&rows, "tax_wan")], V::N(6081.69));
    assert_eq!(row[key_col(&rows, "enterprises")], V::N(82.0));
    let row = rows.iter().find(|r| r[0] == s("ap-qinggong")).unwrap();
    assert_eq!(row[key_col(&rows, "not_reported")], s("是"));
    let row = rows.iter().find(|r| r[0] == s("ap-yiyao-cy")).unwrap();
    assert_eq!(row[key_col(&rows, "vetoes")], s("major_safety_accident"));

    let guide = sheet(&bytes, GUIDE);
    assert_eq!(
        guide.get_value((1, 0)),
        Some(&Data::String(YEAR_LABEL.into()))
    );
    assert_eq!(guide.get_value((1, 1)), Some(&Data::Float(2023.0)));

    let xml = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<sheetProtection"), "id and name are locked");
    assert!(xml.contains(r#"state="frozen""#));
    // enterprises (F): whole number ≥ 1; ops_score: decimal between 0 and 100.
    let n = expected.len() + 2;
    assert!(
        xml.contains(r#"<dataValidation type="whole" operator="greaterThanOrEqual""#)
            && xml.contains(&format!(r#"sqref="F3:F{n}"><formula1>1</formula1>"#)),
        "{xml}"
    );
    assert!(xml.contains(&format!(
        r#"sqref="T3:T{n}"><formula1>0</formula1><formula2>100</formula2>"#
    )));
}

#[test]
fn the_template_is_the_same_bytes_every_time() {
    let data = dataset(&sample());
    let a = collect::template(&data, 2024).unwrap();
    let b = collect::template(&data, 2024).unwrap();
    assert_eq!(a, b);
    assert!(zip_entry(&a, "docProps/core.xml").contains("2025-01-01T00:00:00Z"));
}

// ---------------------------------------------------------------- import: round trips

#[test]
fn template_fill_import_build_gives_the_same_results() {
    let original = sample();
    let data = dataset(&original);
    let want = results(&original);
    assert_eq!(want.len(), 2, "2022 and 2023 are evaluated");

    // The data folder before 2023 was collected.
    let mut stripped = original.clone();
    stripped
        .files
        .retain(|rel, _| !(rel.starts_with("enterprises/") && rel.ends_with("/2023.csv")));
    for (rel, bytes) in stripped.files.iter_mut() {
        if rel.starts_with("parks/") {
            *bytes = strip_year(std::str::from_utf8(bytes).unwrap(), 2023).into_bytes();
        }
    }
    let before = dataset(&stripped);
    assert!(before.parks.iter().all(|p| !p.years.contains_key(&2023)));

    let template = collect::template(&before, 2023).unwrap();
    let mut rows = rows_of(&template);
    assert!(
        rows.iter().skip(2).all(|r| r[2] == V::Blank),
        "nothing to pre-fill"
    );
    fill_from(&mut rows, &data, 2023);
    let filled = xlsx_from_rows(&rows, Some(2023));

    let plan = plan_xlsx(&stripped, &filled, None).unwrap();
    assert_eq!(plan.year, 2023);
    // Every park with a 2023 record gets it back, except the one outside the scope
    // (a zone below provincial level), which the template does not list.
    let with_2023: Vec<&str> = data
        .parks
        .iter()
        .filter(|p| p.years.contains_key(&2023))
        .map(|p| p.id.as_str())
        .collect();
    let outside: Vec<&str> = data
        .parks
        .iter()
        .filter(|p| p.years.contains_key(&2023) && p.zone_level == ZoneLevel::Other)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(outside.len(), 1);
    assert_eq!(plan.changes.len(), with_2023.len() - 1);
    assert!(plan.changes.iter().all(|c| c.old.is_none()));
    assert!(plan.remaining.is_empty(), "{:?}", plan.remaining);
    let imported = apply(&stripped, &plan);
    assert_eq!(results(&imported), want);

    // The same sheet as CSV writes the same files.
    let via_csv = plan_csv(&stripped, &rows, 2023).unwrap();
    assert_eq!(via_csv.files, plan.files);
}

#[test]
fn importing_the_prefilled_template_changes_no_file() {
    let src = sample();
    let data = dataset(&src);
    for year in 2021..=2024 {
        let bytes = collect::template(&data, year).unwrap();
        let plan = plan_xlsx(&src, &bytes, None).unwrap();
        assert!(
            plan.files.is_empty(),
            "{year}: {}",
            collect::describe(&plan)
        );
        let listed: Vec<V> = rows_of(&bytes).into_iter().map(|r| r[0].clone()).collect();
        let with_record = data
            .parks
            .iter()
            .filter(|p| p.years.contains_key(&year) && listed.contains(&s(p.id.as_str())))
            .count();
        assert_eq!(plan.unchanged, with_record, "{year}");
        assert_eq!(plan.blank.len(), listed.len() - 2 - with_record, "{year}");
    }
}

#[test]
fn import_changes_only_the_edited_value_and_keeps_comments() {
    let src = sample();
    let data = dataset(&src);
    let mut rows = rows_of(&collect::template(&data, 2022).unwrap());
    // Keep the header and one park; change one figure.
    rows.retain(|r| [s("园区编号"), s("id"), s("gx-dianzi")].contains(&r[0]));
    assert_eq!(rows.len(), 3);
    let c = key_col(&rows, "tax_wan");
    assert_eq!(rows[2][c], V::N(5412.01));
    rows[2][c] = V::N(5500.5);
    let plan = plan_xlsx(&src, &xlsx_from_rows(&rows, Some(2022)), None).unwrap();
    assert_eq!(plan.files.len(), 1);

    let old = text(&src, "parks/gx-dianzi.yaml");
    let new = String::from_utf8(plan.files["parks/gx-dianzi.yaml"].clone()).unwrap();
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    assert_eq!(a.len(), b.len());
    let differing: Vec<usize> = (0..a.len()).filter(|i| a[*i] != b[*i]).collect();
    assert_eq!(differing.len(), 1, "only the 2022 metrics line changes");
    let i = differing[0];
    assert_eq!(a[i - 1], "  2022:");
    assert_eq!(b[i], a[i].replace("tax_wan: 5412.01,", "tax_wan: 5500.5,"));
    assert!(new.starts_with("# 数据来源：园区2021—2023年度统计报表，经高新区经发局初审\n"));
    assert!(new.contains("  # 2023年数据经园区复核\n  2023:\n"));
    assert!(new.contains("title: \"半导体封装创新团队\"}  # 人社局2023年12月认定\n"));
    assert!(new.ends_with('\n') == old.ends_with('\n'));

    let d = collect::describe(&plan);
    assert!(
        d.contains(
            "parks/gx-dianzi.yaml: 2022 changed\n    tax_wan 入园企业实缴税收: 5412.01 → 5500.5\n"
        ),
        "{d}"
    );
}

#[test]
fn import_keeps_note_and_transition_opt_in_without_columns() {
    let src = sample();
    let data = dataset(&src);
    let (id, rec) = data
        .parks
        .iter()
        .find_map(|p| {
            p.years
                .get(&2023)
                .filter(|r| r.note.is_some())
                .map(|r| (p.id.to_string(), r.clone()))
        })
        .expect("a sample park with a note");
    let mut rows = rows_of(&collect::template(&data, 2023).unwrap());
    rows.retain(|r| r[0] == s("园区编号") || r[0] == s("id") || r[0] == s(&id));
    let c = key_col(&rows, "land_area_mu");
    let V::N(area) = rows[2][c] else {
        panic!("pre-filled")
    };
    rows[2][c] = V::N(area + 1.0);
    let plan = plan_xlsx(&src, &xlsx_from_rows(&rows, Some(2023)), None).unwrap();
    let after = dataset(&apply(&src, &plan));
    let new = &after.park(&id).unwrap().years[&2023];
    assert_eq!(new.note, rec.note);
    assert_eq!(new.vetoes, rec.vetoes);
    assert_eq!(new.metrics["land_area_mu"], area + 1.0);
}

#[test]
fn the_splicer_rewrites_any_sample_record_and_nothing_else() {
    // Property over every sample file and year: replacing a record with a variant
    // reads back as exactly that variant, and the lines that differ lie inside it.
    let src = sample();
    let data = dataset(&src);
    let order: Vec<String> = data.methodologies[&2022].metrics.keys().cloned().collect();
    let mut checked = 0;
    // The YAML alone: parks with rosters (whose records the loader completes from
    // them) are left out, and so are the roster files.
    for park in data
        .parks
        .iter()
        .filter(|p| p.years.values().all(|r| r.roster.is_none()))
    {
        let old_text = text(&src, &park.source);
        // A record after the park closed is an error of its own.
        for year in (2021..=2024).filter(|y| park.closed.is_none_or(|c| *y <= c)) {
            let old = park.years.get(&year);
            let base = old.cloned().unwrap_or_default();
            let mut variants = Vec::new();
            let mut v = base.clone();
            v.metrics.insert("tax_wan".into(), 1234.5);
            v.metrics.remove("rd_wan");
            variants.push(v);
            let mut v = base.clone();
            v.not_reported = !v.not_reported;
            v.note = Some("核查: \"虚报\" # 非注释\n第二行".into());
            v.vetoes = if v.vetoes.is_empty() {
                vec!["data_fraud".into()]
            } else {
                Vec::new()
            };
            variants.push(v);
            let mut v = base.clone();
            v.transition_opt_in = true;
            v.metrics.clear();
            variants.push(v);
            for new in variants {
                let edit = collect::RecordEdit {
                    year,
                    old,
                    new: &new,
                    order: &order,
                };
                let spliced = collect::splice_record(&old_text, &edit).unwrap();
                // The park alone with site and methodology: enough to read it back.
                let mut files = SourceFiles::default();
                for (k, v) in &src.files {
                    if !k.starts_with("parks/") && !k.starts_with("enterprises/") {
                        files.files.insert(k.clone(), v.clone());
                    }
                }
                files
                    .files
                    .insert(park.source.clone(), spliced.clone().into_bytes());
                let (after, _) = load::load_with_problems(&files, &load::LoadOptions::default());
                let mut expected = park.clone();
                expected.years.insert(year, new.clone());
                assert_eq!(
                    after.unwrap().park(park.id.as_str()),
                    Some(&expected),
                    "{} {year}",
                    park.id
                );

                let (a, b): (Vec<&str>, Vec<&str>) =
                    (old_text.lines().collect(), spliced.lines().collect());
                let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
                let suffix = a
                    .iter()
                    .rev()
                    .zip(b.iter().rev())
                    .take_while(|(x, y)| x == y)
                    .count();
                let start = a.iter().position(|l| *l == format!("  {year}:"));
                match start {
                    None => assert!(
                        prefix + suffix >= a.len(),
                        "{} {year}: insertion only",
                        park.id
                    ),
                    Some(start) => {
                        let end = (start + 1..a.len())
                            .find(|i| {
                                let l = a[*i];
                                !l.trim().is_empty() && l.len() - l.trim_start().len() <= 2
                            })
                            .unwrap_or(a.len());
                        assert!(
                            prefix >= start && a.len() - suffix.min(a.len() - prefix) <= end,
                            "{} {year}: edits outside the record",
                            park.id
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "{checked}");
}

// ---------------------------------------------------------------- import: errors

/// The 2023 template of the sample with every park filled from the YAML.
fn filled_2023() -> (SourceFiles, Vec<Vec<V>>) {
    let src = sample();
    let data = dataset(&src);
    let mut rows = rows_of(&collect::template(&data, 2023).unwrap());
    fill_from(&mut rows, &data, 2023);
    (src, rows)
}

#[test]
fn a_bad_cell_is_named_like_excel_names_it() {
    let (src, mut rows) = filled_2023();
    let c = key_col(&rows, "tax_wan");
    assert_eq!(c, 3, "column D");
    rows[6][c] = s("约1200");
    let e = plan_xlsx(&src, &xlsx_from_rows(&rows, Some(2023)), None).unwrap_err();
    assert_eq!(
        messages(e),
        vec!["填报!D7: 入园企业实缴税收: not a number (got \"约1200\")"]
    );
}

#[test]
fn every_error_case_names_its_cell() {
    type Edit = fn(&mut Vec<Vec<V>>);
    let cases: Vec<(&str, Edit, Vec<&str>)> = vec![
        ("negative", |r| { let c = key_col(r, "tax_wan"); r[4][c] = V::N(-5.0) },
         vec!["填报.csv!D5: 入园企业实缴税收: below the minimum (got -5; expected ≥ 0 万元)"]),
        ("zero where positive", |r| { let c = key_col(r, "enterprises"); r[4][c] = V::N(0.0) },
         vec!["填报.csv!F5: 入园企业数: must be positive (got 0; expected a number > 0 家)"]),
        ("fraction where integer", |r| { let c = key_col(r, "enterprises"); r[4][c] = V::N(2.5) },
         vec!["填报.csv!F5: 入园企业数: must be a whole number (got 2.5; expected an integer 家)"]),
        ("over max", |r| { let c = key_col(r, "ops_score"); r[4][c] = V::N(100.5) },
         vec!["填报.csv!T5: 专业化运营服务评分: above the maximum (got 100.5; expected ≤ 100 分)"]),
        ("text", |r| { r[4][3] = s("1200万") },
         vec!["填报.csv!D5: 入园企业实缴税收: not a number (got \"1200万\")"]),
        ("unknown park", |r| { r[4][0] = s("gx-dianzl") },
         vec!["填报.csv!A5: 园区编号: unknown park (got `gx-dianzl`; expected an id of a file in parks/); did you mean `gx-dianzi`?"]),
        ("listed twice", |r| { let row = r[3].clone(); r.push(row) },
         vec!["填报.csv!A49: 园区编号: park `ap-fangzhi-sc` listed twice (also in row 4)"]),
        ("missing column", |r| { let c = key_col(r, "rd_wan"); r.iter_mut().for_each(|row| { row.remove(c); }) },
         vec!["填报.csv: missing column `rd_wan` (企业研发费用支出) in header row 2"]),
        ("duplicate column", |r| { let c = key_col(r, "tax_wan"); r.iter_mut().for_each(|row| { let v = row[c].clone(); row.push(v) }) },
         vec!["填报.csv!X2: duplicate column `tax_wan` (also in column D)"]),
        ("unknown column", |r| { r.iter_mut().for_each(|row| row.push(V::Blank)); r[1][23] = s("taxwan") },
         vec!["填报.csv!X2: unknown column `taxwan` (expected id, name, a metric id of methodology/2022.yaml, not_reported, vetoes, transition_opt_in or note); did you mean `tax_wan`?"]),
        ("unknown veto", |r| { let c = key_col(r, "vetoes"); r[4][c] = s("data_fraud, fire") },
         vec!["填报.csv!W5: 一票否决: unknown veto (got `fire`; expected one of major_safety_accident, data_fraud)"]),
        ("bad flag", |r| { let c = key_col(r, "not_reported"); r[4][c] = s("缺报") },
         vec!["填报.csv!V5: 数据缺报: not yes or no (got \"缺报\"; expected 是 or an empty cell)"]),
        ("rated park missing a metric", |r| { let c = key_col(r, "revenue_wan"); r[4][c] = V::Blank },
         vec!["填报.csv!E5: 入园企业营业收入: empty, but a rated park must report it (fill it in, or write 是 in 数据缺报 (column V) if the park did not report)"]),
        ("values without an id", |r| { r[4][0] = V::Blank },
         vec!["填报.csv!A5: 园区编号: missing (this row has values; expected a park id)"]),
        ("no header", |r| { r[1][0] = s("编号") },
         vec!["填报.csv: no header row of column keys (expected row 2 to hold the keys id, name, the metric ids, not_reported, vetoes — as in the template)"]),
    ];
    let (src, rows) = filled_2023();
    assert!(
        plan_csv(&src, &rows, 2023).unwrap().files.is_empty(),
        "the base sheet is clean"
    );
    for (name, edit, want) in cases {
        let mut r = rows.clone();
        edit(&mut r);
        let got = messages(plan_csv(&src, &r, 2023).unwrap_err());
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn a_rated_park_missing_a_metric_is_fine_when_not_reported() {
    let (src, mut rows) = filled_2023();
    let c = key_col(&rows, "revenue_wan");
    rows[4][c] = V::Blank;
    let nr = key_col(&rows, "not_reported");
    rows[4][nr] = s("是");
    let plan = plan_csv(&src, &rows, 2023).unwrap();
    assert_eq!(plan.changes.len(), 1);
    assert!(plan.changes[0].new.not_reported);
}

#[test]
fn the_year_must_agree_with_the_workbook() {
    let (src, rows) = filled_2023();
    let e = plan_xlsx(&src, &xlsx_from_rows(&rows, Some(2023)), Some(2022)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the workbook is for 2023 (说明: 评价年度) but --year says 2022"
    );
}

#[test]
fn on_any_error_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let src = sample();
    for (rel, bytes) in &src.files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let (_, mut rows) = filled_2023();
    // Many real changes, and one bad cell at the very end. (Parks whose tax comes
    // from a roster are left alone: that cell is changed in the roster.)
    let data = dataset(&src);
    let derived = |id: &V| match id {
        V::S(id) => data
            .park(id)
            .is_some_and(|p| p.years[&2023].is_derived("tax_wan")),
        _ => false,
    };
    let c = key_col(&rows, "tax_wan");
    for row in rows.iter_mut().skip(2).filter(|r| !derived(&r[0])) {
        if let V::N(v) = row[c] {
            row[c] = V::N(v + 1.0);
        }
    }
    let last = rows.len() - 1;
    let ops = key_col(&rows, "ops_score");
    rows[last][ops] = V::N(-1.0);
    let file = dir.path().join("填报-2023.xlsx");
    std::fs::write(&file, xlsx_from_rows(&rows, Some(2023))).unwrap();
    let opts = collect::ImportOptions {
        file: file.clone(),
        year: None,
        data: dir.path().to_path_buf(),
        dry_run: false,
    };
    assert!(collect::import(&opts).is_err());
    assert_eq!(on_disk(dir.path()), src.files);

    // Fixed, it writes every change, and leaves no temporary file behind.
    rows[last][ops] = V::N(1.0);
    std::fs::write(&file, xlsx_from_rows(&rows, Some(2023))).unwrap();
    let dry = collect::import(&collect::ImportOptions {
        dry_run: true,
        ..opts.clone()
    })
    .unwrap();
    assert_eq!(on_disk(dir.path()), src.files, "dry run");
    let plan = collect::import(&opts).unwrap();
    assert_eq!(plan.files, dry.files);
    let after = SourceFiles::read_dir(dir.path()).unwrap();
    let changed = after
        .files
        .iter()
        .filter(|(k, v)| src.files[*k] != **v)
        .count();
    assert_eq!(changed, plan.files.len());
    assert!(changed > 30, "{changed}");
    let stray: Vec<_> = std::fs::read_dir(dir.path().join("parks"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(stray.is_empty());
    dataset(&after);
}

// ---------------------------------------------------------------- import: the analyst's terms

/// Row 5 of the sample's 2023 sheet is a rated park; D is tax_wan, E revenue_wan.
fn row5_park(rows: &[Vec<V>]) -> String {
    match &rows[4][0] {
        V::S(id) => id.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_merge_is_called_a_merge() {
    let (src, mut rows) = filled_2023();
    assert_eq!(
        (key_col(&rows, "tax_wan"), key_col(&rows, "revenue_wan")),
        (3, 4)
    );
    // A value the merge hides (LibreOffice keeps it when asked to).
    rows[4][4] = V::N(12345.0);
    let bytes = xlsx_from_rows_then(&rows, Some(2023), |ws| {
        ws.merge_range(4, 3, 4, 4, "", &rust_xlsxwriter::Format::new())
            .unwrap();
    });
    assert_eq!(
        messages(plan_xlsx(&src, &bytes, None).unwrap_err()),
        vec!["填报!E5: 入园企业营业收入: a value hidden under merged cells D5:E5 (got 12345; expected every column of a row in its own cell: unmerge D5:E5 and check each value)"]
    );
    // Nothing under the merge: the required cell is empty because of it.
    rows[4][4] = V::Blank;
    let bytes = xlsx_from_rows_then(&rows, Some(2023), |ws| {
        ws.merge_range(4, 3, 4, 4, "", &rust_xlsxwriter::Format::new())
            .unwrap();
    });
    assert_eq!(
        messages(plan_xlsx(&src, &bytes, None).unwrap_err()),
        vec!["填报!E5: 入园企业营业收入: hidden under merged cells D5:E5, so empty, but a rated park must report it (unmerge D5:E5 and fill in E5, or write 是 in 数据缺报 (column V) if the park did not report)"]
    );
}

#[test]
fn a_date_cell_shows_the_date_not_its_serial_number() {
    let (src, mut rows) = filled_2023();
    rows[4][3] = V::Blank;
    let bytes = xlsx_from_rows_then(&rows, Some(2023), |ws| {
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 2).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(4, 3, &date, &format).unwrap();
    });
    assert_eq!(
        messages(plan_xlsx(&src, &bytes, None).unwrap_err()),
        vec!["填报!D5: 入园企业实缴税收: a date, not a number (got 2024-01-02; expected a number: set the cell's format to 常规 or 数值 and type the figure again)"]
    );
}

#[test]
fn an_empty_required_cell_names_the_not_reported_column_or_its_absence() {
    let (src, mut rows) = filled_2023();
    rows[4][4] = V::Blank;
    let nr = key_col(&rows, "not_reported");
    assert_eq!(nr, 21, "column V");
    for row in rows.iter_mut() {
        row.remove(nr);
    }
    assert_eq!(
        messages(plan_csv(&src, &rows, 2023).unwrap_err()),
        vec!["填报.csv!E5: 入园企业营业收入: empty, but a rated park must report it (fill it in, or add a 数据缺报 column (key not_reported) and write 是 there if the park did not report)"]
    );
}

#[test]
fn a_tab_separated_file_is_told_it_is_not_comma_separated() {
    let (_, rows) = filled_2023();
    let text: String = String::from_utf8(csv_from_rows(&rows))
        .unwrap()
        .replace(',', "\t");
    let e = collect::read_bytes("填报-2023.csv", text.as_bytes()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("填报-2023.csv: tab-separated, not comma-separated (got a “文本文件（制表符分隔）” or “Unicode 文本” file;"),
        "{e}"
    );
}

#[test]
fn a_deleted_row_is_named_in_the_dry_run() {
    let (src, mut rows) = filled_2023();
    let id = row5_park(&rows);
    rows.remove(4);
    let plan = plan_csv(&src, &rows, 2023).unwrap();
    let name = dataset(&src).park(&id).unwrap().name.clone();
    assert_eq!(plan.not_in_sheet, vec![(id.clone(), name.clone())]);
    assert!(plan.files.is_empty(), "the park is left as it is");
    let d = collect::describe(&plan);
    assert!(
        d.contains(&format!(
            "not in the sheet (was the row deleted?), left as they are: 1 park(s)\n    {id} {name}\n"
        )),
        "{d}"
    );
}

/// What Excel and WPS on Chinese Windows save as "CSV (逗号分隔)": GB18030/GBK.
#[test]
fn a_gbk_csv_imports_like_its_utf8_twin_and_says_which_it_read() {
    let (src, mut rows) = filled_2023();
    rows[4][3] = V::N(4321.5);
    let utf8 = csv_from_rows(&rows);
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(std::str::from_utf8(&utf8).unwrap());
    assert!(!lossy);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the labels make it non-UTF-8"
    );
    let from_gbk = collect::read_bytes("填报.csv", &gbk).unwrap();
    assert_eq!(from_gbk.encoding, Some(collect::TextEncoding::Gb18030));
    let plan = collect::plan(&src, &from_gbk, Some(2023), "填报.csv").unwrap();
    let twin = plan_csv(&src, &rows, 2023).unwrap();
    assert_eq!(plan.files, twin.files);
    assert_eq!(plan.files.len(), 1);
    let d = collect::describe(&plan);
    assert!(
        d.starts_with("read the CSV file as GB18030/GBK (Excel or WPS “CSV (逗号分隔)” on Chinese Windows) text\n"),
        "{d}"
    );
    assert!(collect::describe(&twin).starts_with("read the CSV file as UTF-8 text\n"));
}

// ---------------------------------------------------------------- results workbooks

fn built(audience: Audience) -> (Dataset, parkscore::write::Output) {
    let data = dataset(&sample());
    let years = parkscore::evaluate::evaluate_all(&data, &Default::default());
    // Without the robustness study (the workbooks do not depend on it; it is slow in debug).
    let eval = Evaluation { data, years };
    let out = render_site(&eval, &[], audience);
    (eval.data, out)
}

fn all_cells(bytes: &[u8]) -> Vec<Data> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        out.extend(
            wb.worksheet_range(&name)
                .unwrap()
                .used_cells()
                .map(|(_, _, d)| d.clone()),
        );
    }
    out
}

#[test]
fn results_workbooks_are_byte_identical_across_builds() {
    let (_, a) = built(Audience::Public);
    let (_, b) = built(Audience::Public);
    for year in [2022, 2023] {
        let path = format!("downloads/results-{year}.xlsx");
        let x = a.get(&path).unwrap();
        assert_eq!(Some(x), b.get(&path));
        assert!(zip_entry(x, "docProps/core.xml").contains(&format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{}-01-01T00:00:00Z",
            year + 1
        )));
        let mut z = zip::ZipArchive::new(Cursor::new(x)).unwrap();
        for i in 0..z.len() {
            let f = z.by_index(i).unwrap();
            let t = f.last_modified().unwrap();
            assert_eq!(
                (t.year(), t.month(), t.day()),
                (1980, 1, 1),
                "{:?}",
                f.name()
            );
        }
    }
}

#[test]
fn the_public_results_workbook_holds_no_private_value() {
    let (data, public) = built(Audience::Public);
    let (_, internal) = built(Audience::Internal);
    let m = &data.methodologies[&2022];
    // Private figures with decimals (small counts could equal a rank by chance).
    let private: Vec<f64> = data
        .parks
        .iter()
        .filter_map(|p| p.years.get(&2023))
        .flat_map(|r| r.metrics.iter())
        .filter(|(k, v)| !m.metrics[*k].public && v.fract() != 0.0)
        .map(|(_, v)| *v)
        .collect();
    assert!(private.len() > 100);
    let leaks = |bytes: &[u8]| {
        all_cells(bytes)
            .iter()
            .filter(|d| match d {
                Data::Float(f) => private.contains(f),
                Data::String(t) => {
                    private.iter().any(|v| t.contains(&format!("{v}")))
                        || m.metrics.iter().any(|(k, d)| {
                            !d.public && (t == k || t.starts_with(&format!("{}（", d.label)))
                        })
                }
                _ => false,
            })
            .count()
    };
    let path = "downloads/results-2023.xlsx";
    assert_eq!(leaks(public.get(path).unwrap()), 0);
    assert!(
        leaks(internal.get(path).unwrap()) > 100,
        "the check can see them when present"
    );
    // Public metrics are still there, and notes only internally.
    let names = sheet_names(public.get(path).unwrap());
    assert_eq!(names, vec!["排名", "指标明细", "原始数据"]);
    let note = data
        .parks
        .iter()
        .find_map(|p| p.years.get(&2023)?.note.clone())
        .unwrap();
    let has_note = |b: &[u8]| all_cells(b).contains(&Data::String(note.clone()));
    assert!(!has_note(public.get(path).unwrap()));
    assert!(has_note(internal.get(path).unwrap()));
}

#[test]
fn the_ranking_sheet_agrees_with_results_json() {
    let (data, out) = built(Audience::Public);
    let json: serde_json::Value =
        serde_json::from_slice(out.get("2023/results.json").unwrap()).unwrap();
    let parks = json["parks"].as_array().unwrap();
    let bytes = out.get("downloads/results-2023.xlsx").unwrap();
    let rank = sheet(bytes, "排名");
    assert_eq!(rank.height(), parks.len() + 1);
    let head: Vec<String> = (0..rank.width() as u32)
        .map(|c| rank.get_value((0, c)).unwrap().to_string())
        .collect();
    let col = |h: &str| head.iter().position(|x| x == h).unwrap() as u32;
    let dims = data.methodologies[&2022].dimensions.len() as u32;
    let mut base_by_id = BTreeMap::new();
    for (i, p) in parks.iter().enumerate() {
        let r = i as u32 + 1;
        assert_eq!(
            rank.get_value((r, col("园区编号"))).unwrap().to_string(),
            p["id"].as_str().unwrap()
        );
        let num = |c: u32| match rank.get_value((r, c)) {
            Some(Data::Float(f)) => Some(*f),
            _ => None,
        };
        assert_eq!(num(col("总分")), p["total"].as_f64());
        assert_eq!(num(col("排名")), p["rank"].as_f64());
        if let Some(base) = num(col("基础得分")) {
            // Base = sum of the dimension scores (spec), to the cent.
            let sum: f64 = (0..dims)
                .map(|d| num(col("评价状态") + 1 + d).unwrap())
                .sum();
            assert!((sum - base).abs() < 0.005, "{}", p["id"]);
            base_by_id.insert(p["id"].as_str().unwrap().to_string(), base);
        }
    }
    assert_eq!(
        base_by_id.len(),
        json["summary"]["rated"].as_u64().unwrap() as usize
    );

    // 指标明细: one row per rated park and indicator; contributions add up to the base.
    let detail = sheet(bytes, "指标明细");
    let n_ind = data.methodologies[&2022].indicators.len();
    assert_eq!(detail.height(), base_by_id.len() * n_ind + 1);
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for r in 1..detail.height() as u32 {
        let id = detail.get_value((r, 0)).unwrap().to_string();
        let Some(Data::Float(c)) = detail.get_value((r, 14)) else {
            panic!("contribution")
        };
        *sums.entry(id).or_default() += c;
    }
    for (id, base) in &base_by_id {
        assert!((sums[id] - base).abs() < 0.005, "{id}");
    }
    let xml = zip_entry(bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<autoFilter ref=\"A1:"), "autofilter");
    assert!(xml.contains(r#"state="frozen""#));
    assert!(zip_entry(bytes, "xl/styles.xml").contains(r#"formatCode="0.00""#));
}
