//! Workbooks from outside (issue 14, item 5): every hostile workbook is refused
//! with a message naming the workbook and the part, before calamine reads it, and
//! a sheet with thousands of bad rows prints the first 50 problems and a count.
//! The workbooks are the real collection template with parts replaced.

use std::fs;
use std::process::Command;

use parkscore::collect::read_bytes;
use parkscore::Error;

use crate::support::fixture::Fixture;
use crate::support::workbook::{bomb, parts, sheet_xml, template, with_part, zip, SHEET1};

const YEAR: i32 = 2023;

/// The message of a refused workbook: one line naming the file (and the part).
fn refused(name: &str, bytes: &[u8]) -> String {
    match read_bytes(name, bytes) {
        Err(e @ Error::Sheet { .. }) => {
            let text = e.report();
            assert!(text.starts_with(&format!("error: {name}: ")), "{text}");
            assert_eq!(e.exit_code(), 1);
            text.trim_start_matches("error: ").to_string()
        }
        Err(other) => panic!("{name}: expected a refused workbook, got {other}"),
        Ok(_) => panic!("{name}: a hostile workbook was read"),
    }
}

fn row(r: u32, cells: &str) -> String {
    format!("<row r=\"{r}\">{cells}</row>")
}

#[test]
fn the_template_itself_reads_back() {
    let filled = read_bytes("填报-2023.xlsx", &template(YEAR)).unwrap();
    assert_eq!(filled.year, Some(YEAR));
    assert!(filled.grid.rows > 40, "one row per park of the sample city");
}

#[test]
fn cell_references_beyond_excel_are_refused_before_calamine() {
    let t = template(YEAR);
    let cases = [
        (
            "ZZZZZZ99999999999",
            sheet_xml("A1", &row(1, "<c r=\"ZZZZZZ99999999999\"><v>1</v></c>")),
            "xl/worksheets/sheet1.xml: cell reference out of range (got `ZZZZZZ99999999999`; expected A1 to XFD1048576)",
        ),
        (
            "last cell",
            sheet_xml(
                "A1:XFD1048576",
                &(row(1, "<c r=\"A1\"><v>1</v></c>") + &row(1048576, "<c r=\"XFD1048576\"><v>1</v></c>")),
            ),
            "xl/worksheets/sheet1.xml: the sheet spans 1048576 rows or more (expected at most 120000: one row per park)",
        ),
        (
            "dimension",
            sheet_xml("A1:ZZZZZZ99999999999", ""),
            "cell reference out of range (got `ZZZZZZ99999999999`",
        ),
        (
            "row number",
            sheet_xml("A1", "<row r=\"99999999999\"><c><v>1</v></c></row>"),
            "row number out of range (got `99999999999`; expected 1 to 1048576)",
        ),
        (
            "wide",
            sheet_xml("A1", &row(1, "<c r=\"A1\"/><c r=\"XFD1\"><v>1</v></c>")),
            "the sheet spans 16384 columns or more (expected at most 500)",
        ),
        (
            "beyond the last column without references",
            sheet_xml("A1", &row(1, &format!("<c r=\"XFD1\"/>{}", "<c><v>1</v></c>".repeat(2)))),
            "a cell beyond Excel's last",
        ),
    ];
    for (what, sheet, want) in cases {
        let msg = refused("填报-2023.xlsx", &with_part(&t, SHEET1, sheet));
        assert!(msg.starts_with("填报-2023.xlsx: "), "{what}: {msg}");
        assert!(msg.contains(want), "{what}: {msg}");
    }
}

#[test]
fn a_million_row_sheet_is_refused_not_read() {
    let t = template(YEAR);
    let rows: String = (1..=130_000).map(|r| row(r, "<c><v>1</v></c>")).collect();
    let msg = refused("big.xlsx", &with_part(&t, SHEET1, sheet_xml("A1", &rows)));
    assert!(msg.contains("spans 120001 rows or more"), "{msg}");

    // The same as CSV.
    let csv: String = (0..130_000).map(|r| format!("p{r},1\n")).collect();
    let msg = refused("big.csv", csv.as_bytes());
    assert_eq!(
        msg,
        "big.csv: more than 120000 lines (expected one line per park)"
    );
}

#[test]
fn zip_bombs_are_refused_by_size_declared_or_unpacked() {
    let t = template(YEAR);
    // 300 MiB of XML whitespace, about 300 KiB zipped.
    let honest = bomb(&t, 300 << 20, false);
    assert!(honest.len() < 1 << 20, "{} bytes", honest.len());
    let msg = refused("bomb.xlsx", &honest);
    assert!(msg.contains("xl/worksheets/sheet1.xml: unpacks to 300 MiB or more (expected at most 256 MiB; this looks like a zip bomb)"), "{msg}");

    let liar = bomb(&t, 300 << 20, true);
    let msg = refused("bomb.xlsx", &liar);
    assert!(msg.contains("xl/worksheets/sheet1.xml: "), "{msg}");
    // Caught by the zip reader's own check or by ours, before 64 MiB are unpacked.
    assert!(msg.contains("declare"), "{msg}");

    // Parts other than sheets have a lower limit; and the total counts.
    let media = with_part(&t, "xl/media/x.bin", vec![0u8; 65 << 20]);
    let msg = refused("media.xlsx", &media);
    assert!(
        msg.contains("xl/media/x.bin: unpacks to 65 MiB or more (expected at most 64 MiB"),
        "{msg}"
    );
    let mut all = parts(&t);
    for i in 0..6 {
        all.push((format!("xl/media/filler{i}.bin"), vec![0u8; 60 << 20]));
    }
    let msg = refused("many.xlsx", &zip(&all));
    assert!(
        msg.contains("unpacks to 360 MiB or more (expected at most 320 MiB"),
        "{msg}"
    );

    let mut all = parts(&t);
    all.extend((0..1001).map(|i| (format!("x/{i}"), Vec::new())));
    let msg = refused("parts.xlsx", &zip(&all));
    assert!(msg.contains("too many parts in the workbook (got"), "{msg}");

    let strings = format!("<sst>{}</sst>", "<si><t/></si>".repeat(2_500_001));
    let msg = refused(
        "sst.xlsx",
        &with_part(&t, "xl/sharedStrings.xml", strings.into_bytes()),
    );
    assert!(
        msg.contains("xl/sharedStrings.xml: more than 2500000 shared strings"),
        "{msg}"
    );
}

#[test]
fn other_and_damaged_files_are_named_not_crashed_on() {
    let t = template(YEAR);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "old.xls",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            "(.xls) cannot be checked",
        ),
        (
            "a.xlsb",
            zip(&[("xl/workbook.bin".into(), vec![1, 2, 3])]),
            "(.xlsb) cannot be checked",
        ),
        (
            "a.ods",
            zip(&[("content.xml".into(), b"<x/>".to_vec())]),
            "(.ods) cannot be checked",
        ),
        (
            "a.zip",
            zip(&[("readme.txt".into(), b"hi".to_vec())]),
            "not an Excel workbook",
        ),
        ("half.xlsx", t[..t.len() / 2].to_vec(), "damaged workbook"),
        (
            "text.xlsx",
            b"id,name\n".to_vec(),
            "not a readable workbook",
        ),
        ("empty.xlsx", Vec::new(), "not a readable workbook"),
        (
            "xml.xlsx",
            with_part(
                &t,
                SHEET1,
                b"<worksheet><sheetData><row><c r=\"A1\"".to_vec(),
            ),
            "xl/worksheets/sheet1.xml",
        ),
        (
            "nosheet.xlsx",
            with_part(&t, "xl/workbook.xml", b"<workbook/>".to_vec()),
            "no sheet named",
        ),
    ];
    for (name, bytes, want) in cases {
        let msg = refused(name, &bytes);
        assert!(msg.contains(want), "{name}: {msg}");
    }
    // Every truncation and a byte flip at every 97th byte: an answer, never a panic.
    let mut answered = 0;
    for cut in (0..t.len()).step_by(211) {
        let _ = read_bytes("cut.xlsx", &t[..cut]);
        answered += 1;
    }
    for at in (0..t.len()).step_by(97) {
        let mut b = t.clone();
        b[at] ^= 0x5A;
        let _ = read_bytes("flip.xlsx", &b);
        answered += 1;
    }
    assert!(answered > 100);
}

/// 5,000 rows naming parks that do not exist: the command prints the first 50
/// problems and the count, and exits 1 without writing.
#[test]
fn thousands_of_bad_rows_print_fifty_problems_and_a_count() {
    let built = Fixture::sample().build();
    let data = built.data();
    // The template's own sheet, with 5,000 rows of unknown ids after its park rows.
    let t = template(YEAR);
    let sheet =
        String::from_utf8(parts(&t).into_iter().find(|(n, _)| n == SHEET1).unwrap().1).unwrap();
    let mut rows = String::new();
    for r in 1001..6001 {
        rows.push_str(&row(
            r,
            &format!("<c r=\"A{r}\" t=\"inlineStr\"><is><t>nope-{r}</t></is></c>"),
        ));
    }
    let sheet = sheet.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1);
    let file = built.root().join("填报-2023.xlsx");
    fs::write(&file, with_part(&t, SHEET1, sheet.into_bytes())).unwrap();
    let parks = || -> Vec<Vec<u8>> {
        let mut files: Vec<_> = fs::read_dir(data.join("parks"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files.iter().map(|p| fs::read(p).unwrap()).collect()
    };
    let before = parks();
    let out = Command::new(env!("CARGO_BIN_EXE_parkscore"))
        .args(["import"])
        .arg(&file)
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let problems = stderr
        .lines()
        .filter(|l| l.contains("unknown park"))
        .count();
    assert_eq!(problems, 50, "{stderr}");
    assert!(stderr.contains("… and 4950 more not shown"), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("5000 problems found; nothing was written"),
        "{stderr}"
    );
    assert_eq!(parks(), before, "nothing was written");
}
