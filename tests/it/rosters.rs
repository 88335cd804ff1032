//! Enterprise rosters (spec: enterprises.md): derived metrics computed by hand on the
//! committed fixture `tests/fixtures/rosters`, every rejection with its exact located
//! message, entry review, monitoring views, the roster workbook round trip, diff, and
//! the public builds that must not contain a single firm.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use parkscore::load::{self, SourceFiles};
use parkscore::model::{AdmissionRule, Dataset};
use parkscore::present::monitoring::{city_year_view, park_year_view, roster_csv, roster_table};
use parkscore::present::Audience;
use parkscore::Error;

use crate::support::fixture::Fixture;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rosters")
}

fn fixture() -> SourceFiles {
    SourceFiles::read_dir(&fixture_dir())
        .unwrap()
        .with_rosters_read()
        .unwrap()
}

fn dataset(src: &SourceFiles) -> Dataset {
    load::load(src, &Default::default()).unwrap_or_else(|e| panic!("fixture loads: {e}"))
}

/// Every problem of `src`, as the command line prints them.
fn problems(src: &SourceFiles) -> Vec<String> {
    match load::load(src, &Default::default()) {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(ps)) => ps.iter().map(|p| p.to_string()).collect(),
        Err(e) => panic!("{e}"),
    }
}

fn metrics(data: &Dataset, park: &str, year: i32) -> BTreeMap<String, f64> {
    data.park(park).unwrap().years[&year].metrics.clone()
}

// ---------------------------------------------------------------- derived metrics

#[test]
fn every_derived_metric_is_computed_by_hand() {
    let data = dataset(&fixture());
    // enterprises/pa/2023.csv: 7 rows. At year end: 甲一, 丁四, 己五, 庚六, 戊八 (乙二 left
    // 2023-09-15, 辛七 entered and left in 2023). Leading codes C39, C40: 甲一 C3981,
    // 乙二 C4011, 丁四 C3971, 庚六 C4012, 戊八 C3990 (己五 F5179, 辛七 C3511 are not).
    let want: BTreeMap<String, f64> = [
        ("land_area_mu", 100.0),
        ("ops_score", 82.0),
        ("enterprises", 5.0),
        ("new_enterprises", 3.0), // 己五, 庚六, 辛七 entered in 2023 (辛七 also left)
        // 2100.10 + 150.05 + 2000 + 0.1 + 2000 + 1999.99 + 1500, every row (exits too)
        ("revenue_wan", 9750.24),
        ("tax_wan", 292.0),           // 60.25 + 5.5 + 80 + 0.2 + 100 + 0.3 + 45.75
        ("rd_wan", 49.75),            // 30 + (empty) + 12.5 + 0 + 7.25 + (empty) + (empty)
        ("leading_enterprises", 4.0), // 甲一, 丁四, 庚六, 戊八 (乙二 left)
        ("leading_revenue_wan", 7750.15), // 2100.10 + 150.05 + 2000 + 2000 + 1500
        // 规上 at year end: 甲一 (since 2020), 丁四 (2023), 庚六 (2021); 乙二 (2022) left
        ("above_scale", 3.0),
        ("new_above_scale", 1.0),    // 丁四
        ("innovative_sme_new", 1.0), // 乙二, counted though it left
        ("specialized_new", 1.0),    // 甲一
        ("little_giant_new", 0.0),
        ("hitech_new", 2.0),        // 甲一, 己五
        ("patents_invention", 3.0), // 2 + 1
        ("patents_utility", 2.0),   // 1 + 1
        ("patents_design", 3.0),    // 2 + 1
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(metrics(&data, "pa", 2023), want);

    // 2022: 甲一, 乙二, 丙三 (left 2022-06-30), 丁四 (entered 2022), 戊八.
    let pa22 = metrics(&data, "pa", 2022);
    assert_eq!(pa22["enterprises"], 4.0);
    assert_eq!(pa22["new_enterprises"], 1.0);
    assert_eq!(pa22["revenue_wan"], 3120.3); // 1000.10 + 300.2 + 120 + 500 + 1200
    assert_eq!(pa22["tax_wan"], 128.5);
    assert_eq!(pa22["leading_revenue_wan"], 3000.3); // all but 丙三 (C3511)
    assert_eq!(pa22["above_scale"], 1.0);
    assert_eq!(pa22["innovative_sme_new"], 1.0);

    // pb: the prefix C3981 covers C3981 but not C3982; optional columns are absent.
    let pb = metrics(&data, "pb", 2023);
    assert_eq!(pb["enterprises"], 3.0);
    assert_eq!(pb["leading_enterprises"], 1.0);
    assert_eq!(pb["leading_revenue_wan"], 800.25);
    assert_eq!(pb["revenue_wan"], 1130.75);
    assert_eq!(pb["rd_wan"], 3.5);
    assert_eq!(pb["little_giant_new"], 1.0);
    assert_eq!(pb["patents_invention"], 0.0);
    assert_eq!(pb["above_scale"], 0.0);
    // A year without a roster keeps its typed values.
    assert_eq!(metrics(&data, "pb", 2022)["revenue_wan"], 900.0);
    assert!(data.park("pc").unwrap().years[&2023].roster.is_none());
}

#[test]
fn sums_are_exact_decimals_not_binary_sums() {
    // 0.1 + 0.2 + 0.3 in f64 is 0.6000000000000001; the roster total is 0.6 exactly.
    let mut src = fixture();
    let rows = [
        "uscc,name,industry,entered,employees,revenue_wan,tax_wan",
        "91330200MA2GXB1C1C,壬九光学有限公司,C3981,2019-09-09,15,0.1,0.1",
        "91330200MA2GXB2C25,癸十电子有限公司,C3982,2021-01-01,6,0.2,0.2",
        "91330100MA2GXA3B3G,丙三机械有限公司,C3511,2023-02-01,9,0.3,0.3",
    ];
    src.files.insert(
        "enterprises/pb/2023.csv".into(),
        rows.join("\n").into_bytes(),
    );
    let data = dataset(&src);
    assert_eq!(metrics(&data, "pb", 2023)["revenue_wan"], 0.6);
    assert_ne!(0.1 + 0.2 + 0.3, 0.6);
}

#[test]
fn provenance_is_kept_and_explained() {
    let data = dataset(&fixture());
    let rec = &data.park("pa").unwrap().years[&2023];
    let src = rec.roster.as_ref().unwrap();
    assert_eq!(
        (src.file.as_str(), src.rows),
        ("enterprises/pa/2023.csv", 7)
    );
    assert!(rec.is_derived("revenue_wan") && !rec.is_derived("land_area_mu"));
    assert_eq!(
        parkscore::present::provenance::metric_source(rec, "enterprises").as_deref(),
        Some("from enterprises/pa/2023.csv, 7 rows")
    );

    let eval = parkscore::evaluate(
        &parkscore::DataSource::Dir(fixture_dir()),
        &Default::default(),
    )
    .unwrap();
    let r = eval.year(2023).unwrap();
    let m = &eval.data.methodologies[&r.methodology_year];
    let p = r.park("pa").unwrap();
    let text = parkscore::present::explain::explain(&eval.data, r, m, p, Audience::Public);
    assert!(
        text.contains("    source   tax_wan from enterprises/pa/2023.csv, 7 rows\n"),
        "{text}"
    );
    let json =
        parkscore::present::explain::explain_json(&eval.data, r, m, p, None, Audience::Public);
    let json = serde_json::to_value(&json).unwrap();
    assert_eq!(
        json["roster"]["text"],
        "from enterprises/pa/2023.csv, 7 rows"
    );
    assert_eq!(json["roster"]["rows"], 7);
    // A park without a roster says nothing of one.
    let pc = r.park("pc").unwrap();
    assert!(
        !parkscore::present::explain::explain(&eval.data, r, m, pc, Audience::Public)
            .contains("roster")
    );
}

// ---------------------------------------------------------------- rejections

const HEADER: &str = "uscc,name,industry,entered,exited,exit_reason,employees,revenue_wan,tax_wan,rd_wan,above_scale_since,patents_invention,patents_utility,patents_design,recognitions";
/// Line 2 of every case. Cells start at: uscc 1, name 20, industry 23, entered 29,
/// exited 40, exit_reason 41, employees 42, revenue_wan 45, tax_wan 53, rd_wan 59,
/// above_scale_since 62, patents 67/69/71, recognitions 73.
const GOOD: &str = "91330100MA2GXA1B1Y,甲乙,C3981,2018-03-01,,,45,2100.10,60.25,30,2020,2,1,0,";

/// `pa`'s 2023 roster as the header, the good row, and `bad` on line 3.
fn with_pa_2023(bad: &str) -> SourceFiles {
    let mut src = fixture();
    let text = format!("{HEADER}\r\n{GOOD}\r\n{bad}\r\n");
    src.files
        .insert("enterprises/pa/2023.csv".into(), text.into_bytes());
    src
}

const F: &str = "enterprises/pa/2023.csv";

#[test]
fn every_rejection_has_its_located_message() {
    // (what, line 3 of pa's 2023 roster, the one problem expected)
    let cases: Vec<(&str, &str, String)> = vec![
        ("length", "91330100MA2GXA2B2,丙丁,C3981,2018-03-01,,,45,1,1,,,,,,",
         format!("{F}:3:1: uscc: wrong length (got `91330100MA2GXA2B2`, 17 characters; expected 18)")),
        ("alphabet", "91330100MA2GXAOB2P,丙丁,C3981,2018-03-01,,,45,1,1,,,,,,",
         format!("{F}:3:1: uscc: character 15 is `O`, which a USCC never uses (got `91330100MA2GXAOB2P`; expected digits and capital letters except I, O, S, V, Z)")),
        ("area code", "9133A100MA2GXA2B2P,丙丁,C3981,2018-03-01,,,45,1,1,,,,,,",
         format!("{F}:3:1: uscc: character 5 is `A`, but characters 3–8 are the administrative division code (got `9133A100MA2GXA2B2P`; expected digits there)")),
        ("check character", "91330100MA2GXA2B2Q,丙丁,C3981,2018-03-01,,,45,1,1,,,,,,",
         format!("{F}:3:1: uscc: wrong check character (got `91330100MA2GXA2B2Q` ending in `Q`; expected `P` as the 18th character)")),
        ("lower case", "91330100ma2gxa2b2p,丙丁,C3981,2018-03-01,,,45,1,1,,,,,,",
         format!("{F}:3:1: uscc: lower-case letters (got `91330100ma2gxa2b2p`; expected `91330100MA2GXA2B2P`): use upper case")),
        ("twice in a file", "91330100MA2GXA1B1Y,丙丁,C3981,2018-03-01,,,45,1,1,,,,,,",
         format!("{F}:3:1: uscc: the same USCC twice in this file (got `91330100MA2GXA1B1Y`; also on line 2)")),
        ("entered after the year", "91330100MA2GXA2B2P,甲乙,C3981,2024-01-05,,,45,1,1,,,,,,",
         format!("{F}:3:29: entered: after the roster's year (got 2024-01-05; expected 2023-12-31 or earlier)")),
        ("exited before the year", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,2022-12-31,closed,45,1,1,,,,,,",
         format!("{F}:3:40: exited: before the roster's year (got 2022-12-31; expected a date in 2023: a firm that left in an earlier year is not listed)")),
        ("exited after the year", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,2024-01-01,closed,45,1,1,,,,,,",
         format!("{F}:3:40: exited: after the roster's year (got 2024-01-01; expected a date in 2023, or empty while the firm is in the park at year end)")),
        ("exited before entered", "91330100MA2GXA2B2P,甲乙,C3981,2023-05-01,2023-04-30,closed,45,1,1,,,,,,",
         format!("{F}:3:40: exited: before `entered` (got 2023-04-30; expected 2023-05-01 or later)")),
        ("reason without exit", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,,closed,45,1,1,,,,,,",
         format!("{F}:3:41: exit_reason: given without `exited` (got `closed`; expected empty, or the exit date in `exited`)")),
        ("exit without reason", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,2023-06-01,,45,1,1,,,,,,",
         format!("{F}:3:51: exit_reason: missing (the firm left on 2023-06-01; expected relocated, closed, graduated, evicted or other)")),
        ("unknown exit reason", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,2023-06-01,Closed,45,1,1,,,,,,",
         format!("{F}:3:51: exit_reason: unknown exit reason (got `Closed`; expected relocated, closed, graduated, evicted or other); did you mean `closed`?")),
        ("unknown recognition", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,,,45,2100.10,60.25,30,2020,2,1,0,hightech",
         format!("{F}:3:73: recognitions: unknown recognition (got `hightech`; expected innovative_sme, specialized, little_giant or hitech, separated by ;); did you mean `hitech`?")),
        ("industry code", "91330100MA2GXA2B2P,甲乙,39,2018-03-01,,,45,1,1,,,,,,",
         format!("{F}:3:23: industry: not a GB/T 4754-2017 code (got `39`; expected a section letter A–T and 2–4 digits, e.g. C39 or C3981)")),
        ("negative", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,,,45,-5,1,,,,,,",
         format!("{F}:3:45: revenue_wan: negative (got `-5`; expected a number ≥ 0)")),
        ("not a number", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,,,45,2100.10,12万,,,,,,",
         format!("{F}:3:53: tax_wan: not a number (got `12万`; expected a plain decimal such as 1234.5, without units or thousands separators)")),
        ("规上 after the year", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,,,45,2100.10,60.25,30,2024,,,,",
         format!("{F}:3:62: above_scale_since: after the roster's year (got 2024; expected 2023 or earlier, or empty)")),
        ("empty name", "91330100MA2GXA2B2P,,C3981,2018-03-01,,,45,1,1,,,,,,",
         format!("{F}:3:20: name: empty (expected the firm's name)")),
        ("a cell too many", "91330100MA2GXA2B2P,甲乙,C3981,2018-03-01,,,45,1,1,,,,,,,",
         format!("{F}:3:1: this row has 16 cells but the header has 15 (expected one cell per column; a comma is missing or extra)")),
    ];
    for (what, bad, want) in cases {
        assert_eq!(problems(&with_pa_2023(bad)), vec![want], "{what}");
    }
}

#[test]
fn header_problems_have_hints() {
    let mut src = fixture();
    let header = HEADER.replace("revenue_wan", "revnue_wan");
    src.files
        .insert(F.into(), format!("{header}\n{GOOD}\n").into_bytes());
    assert_eq!(
        problems(&src),
        vec![
            format!("{F}:1:1: revenue_wan: missing column (expected a `revenue_wan` column: 营业收入（万元）)"),
            format!("{F}:1:57: revnue_wan: unknown column (got `revnue_wan`; expected one of uscc, name, industry, entered, exited, exit_reason, employees, revenue_wan, tax_wan, rd_wan, above_scale_since, patents_invention, patents_utility, patents_design, recognitions); did you mean `revenue_wan`?"),
        ]
    );
}

#[test]
fn cross_file_rejections() {
    // The same USCC at the end of 2023 in pa (line 2) and pb.
    let mut src = fixture();
    let mut pb = String::from_utf8(src.files["enterprises/pb/2023.csv"].clone()).unwrap();
    pb.push_str("91330100MA2GXA1B1Y,甲一电子有限公司,C3981,2018-03-01,45,1,1,,\n");
    src.files
        .insert("enterprises/pb/2023.csv".into(), pb.into_bytes());
    assert_eq!(problems(&src), vec![
        "enterprises/pb/2023.csv:5:1: uscc: in two parks at the end of 2023 (got `91330100MA2GXA1B1Y`, `exited` empty in both; expected one park: also in enterprises/pa/2023.csv line 2; give the exit date where it left)".to_string(),
    ]);

    // Unknown park; a year without a record; a file name that is no year.
    let mut src = fixture();
    let pa = format!("{HEADER}\n{GOOD}\n").into_bytes();
    src.files
        .insert("enterprises/pax/2023.csv".into(), pa.clone());
    src.files
        .insert("enterprises/pa/2021.csv".into(), pa.clone());
    src.files.insert("enterprises/pa/roster.csv".into(), pa);
    assert_eq!(problems(&src), vec![
        "enterprises/pa/2021.csv: no record for 2021 in parks/pa.yaml (expected years.2021 in the park file: it carries the metrics a roster does not derive)".to_string(),
        "enterprises/pa/roster.csv: file name is not a year (got `roster.csv`; expected enterprises/pa/<year>.csv, e.g. 2023.csv)".to_string(),
        "enterprises/pax/2023.csv: roster of an unknown park (got `pax`; expected the id of a file in parks/); did you mean `pa`?".to_string(),
    ]);

    // A derived metric typed in the record too names both sources.
    let mut src = fixture();
    let yaml = String::from_utf8(src.files["parks/pa.yaml"].clone()).unwrap();
    let yaml = yaml.replace(
        "{land_area_mu: 100, ops_score: 82}",
        "{land_area_mu: 100, ops_score: 82, tax_wan: 5}",
    );
    src.files.insert("parks/pa.yaml".into(), yaml.into_bytes());
    assert_eq!(problems(&src), vec![
        "parks/pa.yaml:14:58: years.2023.metrics.tax_wan: also derived from enterprises/pa/2023.csv (got a value in the record and a roster; expected one source: remove it from the record, or remove the roster)".to_string(),
    ]);

    // Leading-industry metrics need the park's codes.
    let mut src = fixture();
    let yaml = String::from_utf8(src.files["parks/pa.yaml"].clone()).unwrap();
    let yaml = yaml.replace("leading_industry_codes: [C39, C40]\n", "");
    src.files.insert("parks/pa.yaml".into(), yaml.into_bytes());
    assert_eq!(problems(&src), vec![
        "parks/pa.yaml: leading_industry_codes: missing (got a roster, enterprises/pa/2022.csv, and the methodology derives leading_enterprises or leading_revenue_wan from it; expected the GB/T 4754 code prefixes of the park's leading industries, e.g. leading_industry_codes: [C39, C40])".to_string(),
    ]);

    // A derived value goes through the metric's rules: no firm at year end.
    let mut src = fixture();
    let text = format!("{HEADER}\n91330200MA2GXB1C1C,壬九光学有限公司,C3981,2019-09-09,2023-05-01,closed,15,800.25,20,3.5,,,,,\n");
    src.files
        .insert("enterprises/pb/2023.csv".into(), text.into_bytes());
    assert_eq!(problems(&src), vec![
        "enterprises/pb/2023.csv: enterprises: must be positive (got 0; expected a number > 0 家): the value derived from this roster's 1 row".to_string(),
        "parks/pb.yaml:14:14: years.2023.metrics: division by zero in indicator leading_concentration (formula `50 * leading_revenue_wan / revenue_wan + 50 * leading_enterprises / enterprises`) for 2023".to_string(),
    ]);
}

#[test]
fn files_that_are_not_utf8_or_too_large() {
    let mut src = fixture();
    let text = format!("{HEADER}\r\n{GOOD}\r\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    src.files.insert(F.into(), gbk.into_owned());
    assert_eq!(problems(&src), vec![format!(
        "{F}:2:20: not UTF-8: this looks like GBK/GB18030 text, as Excel and WPS save \"CSV\" on Chinese Windows (got byte 0xBC; expected UTF-8): open it in Excel or WPS and save it as \"CSV UTF-8\""
    )]);

    let mut src = fixture();
    src.files.remove(F);
    src.insert(F.into(), vec![b' '; 16 * 1024 * 1024 + 1]);
    assert_eq!(
        problems(&src),
        vec![format!(
            "{F}: file too large (got 16777217 bytes; expected at most 16777216)"
        )]
    );

    // On disk too: the file is refused before it is read.
    let dir = tempfile::tempdir().unwrap();
    Fixture::committed("rosters").write(dir.path());
    std::fs::write(dir.path().join(F), vec![b' '; 16 * 1024 * 1024 + 1]).unwrap();
    let src = SourceFiles::read_dir(dir.path()).unwrap();
    assert_eq!(
        problems(&src),
        vec![format!(
            "{F}: file too large (got 16777217 bytes; expected at most 16777216)"
        )]
    );
}

#[test]
fn quoting_mistakes_are_located() {
    let bad = "91330100MA2GXA2B2P,\"甲乙,C3981,2018-03-01,,,45,1,1,,,,,,";
    assert_eq!(problems(&with_pa_2023(bad)), vec![format!(
        "{F}:3:20: a quoted cell is never closed (expected a closing quote; the rest of the file cannot be read)"
    )]);
}

// ---------------------------------------------------------------- entry review

#[test]
fn entry_review_flags_entrants_that_break_a_rule() {
    let data = dataset(&fixture());
    let flags = parkscore::evaluate::admission::admission_flags(&data, 2023);
    let got: Vec<(&str, &str, AdmissionRule)> = flags
        .iter()
        .map(|f| (f.park.as_str(), &*f.firm.name, f.rule))
        .collect();
    // 己五 is a trade firm (F); 庚六 has 300 staff and 2,000 万元 (medium, at both
    // boundaries); 辛七 has 300 staff but 1,999.99 万元 (small); 甲一 is large but
    // did not enter in 2023; pb's entrant 丙三 is a small manufacturer.
    assert_eq!(
        got,
        vec![
            (
                "pa",
                "己五商贸有限公司,分公司",
                AdmissionRule::IndustrySections
            ),
            ("pa", "庚六仪器有限公司", AdmissionRule::SmallMicroOnly),
        ]
    );
    assert!(parkscore::evaluate::admission::admission_flags(&data, 2022).is_empty());
    assert_eq!(
        parkscore::present::monitoring::check_summary(&data, 2023),
        "  rosters 2 parks, 10 rows: 8 firms at year end, 4 entered, 2 left\n  entry review 2 flags in 1 park (industry_sections 1, small_micro_only 1)\n"
    );

    // Flags never change a score: the same data without the rules gives the same results.
    let mut src = fixture();
    let m = String::from_utf8(src.files["methodology/2022.yaml"].clone()).unwrap();
    let without = m.replace(
        "admission: {industry_sections: [C], small_micro_only: true}\n",
        "",
    );
    assert_ne!(m, without);
    src.files
        .insert("methodology/2022.yaml".into(), without.into_bytes());
    let plain = dataset(&src);
    assert!(parkscore::evaluate::admission::admission_flags(&plain, 2023).is_empty());
    let totals = |d: &Dataset| -> Vec<_> {
        parkscore::evaluate::evaluate_all(d, &Default::default())
            .iter()
            .flat_map(|r| {
                r.parks
                    .iter()
                    .map(|p| (p.id.clone(), p.total, p.rank, p.tier))
            })
            .collect()
    };
    assert_eq!(totals(&data), totals(&plain));
}

#[test]
fn admission_rules_are_validated() {
    let mut src = fixture();
    let m = String::from_utf8(src.files["methodology/2022.yaml"].clone()).unwrap();
    let bad = m.replace(
        "admission: {industry_sections: [C], small_micro_only: true}",
        "admission: {industry_sections: [C, CC], small_micro: true}",
    );
    src.files
        .insert("methodology/2022.yaml".into(), bad.into_bytes());
    // (Besides the note that the park records wait for a valid methodology.)
    let own = |src: &SourceFiles| -> Vec<String> {
        problems(src)
            .into_iter()
            .filter(|p| !p.contains("until this methodology is valid"))
            .collect()
    };
    let ps = own(&src);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].starts_with("methodology/2022.yaml:"), "{}", ps[0]);
    assert!(
        ps[0].contains("admission.small_micro: unknown field (got `small_micro`; expected one of industry_sections, small_micro_only); did you mean `small_micro_only`?"),
        "{}",
        ps[0]
    );

    let bad = m.replace("industry_sections: [C]", "industry_sections: [C, CC]");
    src.files
        .insert("methodology/2022.yaml".into(), bad.into_bytes());
    let ps = own(&src);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(
        ps[0].contains(
            "admission.industry_sections[1]: not a GB/T 4754-2017 section letter (got `CC`"
        ),
        "{}",
        ps[0]
    );
}

// ---------------------------------------------------------------- monitoring

#[test]
fn the_park_view_lists_firms_by_what_happened() {
    let data = dataset(&fixture());
    assert!(park_year_view(&data, "pa", 2023, Audience::Public).is_none());
    let v = park_year_view(&data, "pa", 2023, Audience::Internal).unwrap();
    let names = |l: &[parkscore::present::monitoring::FirmLine]| -> Vec<String> {
        l.iter().map(|f| f.name.to_string()).collect()
    };
    assert_eq!((v.rows, v.at_end), (7, 5));
    assert_eq!(
        names(&v.entries),
        [
            "己五商贸有限公司,分公司",
            "庚六仪器有限公司",
            "辛七机械有限公司"
        ]
    );
    assert_eq!(names(&v.exits), ["乙二仪器有限公司", "辛七机械有限公司"]);
    let reasons: Vec<(&str, usize)> = v.exits_by_reason.iter().map(|r| (r.id, r.firms)).collect();
    assert_eq!(
        reasons,
        [
            ("relocated", 0),
            ("closed", 1),
            ("graduated", 0),
            ("evicted", 0),
            ("other", 1)
        ]
    );
    assert_eq!(
        names(&v.above_scale),
        ["甲一电子有限公司", "丁四电子有限公司", "庚六仪器有限公司"]
    );
    assert_eq!(names(&v.new_above_scale), ["丁四电子有限公司"]);
    // 戊八: at year end, not 规上, exactly 1,500 万元.
    assert_eq!(names(&v.candidates), ["戊八光电有限公司"]);
    assert_eq!((v.leading.firms, v.leading.of), (4, 5));
    assert_eq!(v.leading.share, "80.0%");
    assert_eq!(v.leading.revenue_share, "79.5%"); // 7750.15 / 9750.24
    assert_eq!(v.leading.codes, ["C39", "C40"]);
    assert_eq!(v.flags.len(), 2);
    assert_eq!(v.source, "from enterprises/pa/2023.csv, 7 rows");
    // Against 2022: three newcomers, 乙二 left, nobody vanished.
    assert_eq!(v.change.previous, Some("enterprises/pa/2022.csv"));
    assert_eq!(
        names(&v.change.appeared),
        [
            "己五商贸有限公司,分公司",
            "庚六仪器有限公司",
            "辛七机械有限公司"
        ]
    );
    assert_eq!(names(&v.change.left), ["乙二仪器有限公司"]);
    assert!(v.change.unaccounted.is_empty() && v.change.moved_in.is_empty());

    // pb had no roster in 2022, but 丙三 was in pa's: it moved in.
    let v = park_year_view(&data, "pb", 2023, Audience::Internal).unwrap();
    assert_eq!(v.change.previous, None);
    assert!(v.change.appeared.is_empty());
    let moved: Vec<(&str, &str)> = v
        .change
        .moved_in
        .iter()
        .map(|m| (m.firm.name, m.from))
        .collect();
    assert_eq!(moved, [("丙三机械有限公司", "pa")]);
}

#[test]
fn the_city_view_totals_flows_moves_and_bands() {
    let data = dataset(&fixture());
    assert!(city_year_view(&data, 2023, Audience::Public).is_none());
    let v = city_year_view(&data, 2023, Audience::Internal).unwrap();
    assert_eq!((v.parks_with_roster, v.parks_with_record), (2, 3));
    assert_eq!(
        (v.firms_at_end, v.entries, v.exits, v.net.as_str()),
        (8, 4, 2, "+2")
    );
    // new_enterprises of every counted park: pa 3 + pb 1 (rosters) + pc 2 (typed).
    assert_eq!(
        (
            v.new_enterprises.as_str(),
            v.goal_new_enterprises.as_str(),
            v.goal_met
        ),
        ("6", "4", true)
    );
    assert_eq!((v.above_scale, v.new_above_scale, v.candidates), (3, 1, 1));
    let moves: Vec<(&str, &str, usize)> = v.moves.iter().map(|m| (m.from, m.to, m.firms)).collect();
    assert_eq!(moves, [("pa", "pb", 1)]);
    assert_eq!(v.flags, 2);
    // Firms at year end by revenue: 0.1, 130.5, 200 | 800.25 | – | 1500 | 2000, 2000, 2100.1 | –
    let bands: Vec<(u64, u64)> = v.revenue_bands.iter().map(|b| (b.from, b.firms)).collect();
    assert_eq!(
        bands,
        [(0, 3), (500, 1), (1000, 0), (1500, 1), (2000, 3), (5000, 0)]
    );
    assert!(v.revenue_bands[4].above_line && !v.revenue_bands[3].above_line);
    let flow: Vec<(i32, usize, u64, u64)> = v
        .flow
        .iter()
        .map(|f| (f.year, f.parks, f.entries, f.exits))
        .collect();
    assert_eq!(flow, [(2022, 1, 1, 1), (2023, 2, 4, 2)]);
    let rows: Vec<(&str, u64, &str)> = v
        .parks
        .iter()
        .map(|p| (p.park, p.at_end, p.net.as_str()))
        .collect();
    assert_eq!(rows, [("pa", 5, "+1"), ("pb", 3, "+1")]);
}

#[test]
fn the_consolidated_roster_download() {
    let data = dataset(&fixture());
    assert!(roster_table(&data, 2023, Audience::Public).is_none());
    let t = roster_table(&data, 2023, Audience::Internal).unwrap();
    assert_eq!(t.len(), 10);
    let csv = roster_csv(&t);
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(csv[3..].starts_with("园区编号,园区名称,统一社会信用代码,".as_bytes()));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert_eq!(text.lines().count(), 11);
    assert!(text.contains("\r\npa,名录测试甲园,91330100MA2GXA5B52,\"己五商贸有限公司,分公司\",F5179,2023-04-01,,,10,0.1,0.2,0,,0,0,0,国家高新技术企业\r\n"), "{text}");
    let xlsx = parkscore::render::roster_xlsx::roster_workbook(&t, "名录测试市").unwrap();
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    use calamine::Reader;
    let sheet = wb.worksheet_range("2023年名录").unwrap();
    assert_eq!(sheet.height(), 11);
    assert_eq!(
        sheet.get_value((1, 9)),
        Some(&calamine::Data::Float(2100.1))
    );
}

// ---------------------------------------------------------------- monitoring pages

fn site(data_dir: &Path, out: &Path, audience: Audience) {
    parkscore::build(&parkscore::BuildOptions {
        data: parkscore::DataSource::Dir(data_dir.to_path_buf()),
        out: out.to_path_buf(),
        audience,
        ..Default::default()
    })
    .unwrap();
}

fn report(data_dir: &Path, out: &Path, audience: Audience, year: i32) {
    parkscore::report::write_report(
        &parkscore::report::ReportOptions {
            data: parkscore::DataSource::Dir(data_dir.to_path_buf()),
            year: Some(year),
            audience,
            lang: parkscore::present::lang::Lang::Zh,
            out: Some(out.to_path_buf()),
            templates: None,
        },
        &parkscore::progress::Silent,
    )
    .unwrap();
}

/// The site under `out/site` and the reports of `years` as `out/report-<Y>.html`.
fn outputs(data_dir: &Path, out: &Path, audience: Audience, years: &[i32]) {
    site(data_dir, &out.join("site"), audience);
    for &year in years {
        report(
            data_dir,
            &out.join(format!("report-{year}.html")),
            audience,
            year,
        );
    }
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of the first element after `marker` (`<li data-field="x">…<span
/// class="figure-value">5</span>` gives `5`; `<td data-col="x">5</td>` gives `5`).
fn after(html: &str, marker: &str, value_tag: &str) -> String {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in page"));
    let rest = &html[at..];
    let open = rest.find(value_tag).unwrap() + value_tag.len();
    rest[open..open + rest[open..].find('<').unwrap()].to_string()
}

fn figure(html: &str, field: &str) -> String {
    after(
        html,
        &format!("<li data-field=\"{field}\">"),
        "class=\"figure-value\">",
    )
}

/// The cell `col` of the table row marked `row` (`data-park="pa"`).
fn cell(html: &str, row: &str, col: &str) -> String {
    let at = html
        .find(row)
        .unwrap_or_else(|| panic!("{row} not in page"));
    after(&html[at..], &format!("data-col=\"{col}\""), ">")
}

/// A chart's data table rows, by the chart's figure id.
fn chart_rows(html: &str, id: &str) -> Vec<Vec<String>> {
    let at = html
        .find(&format!("id=\"fig-{id}\""))
        .unwrap_or_else(|| panic!("chart {id}"));
    let fig = &html[at..at + html[at..].find("</figure>").unwrap()];
    assert!(fig.contains("<title id=\"chart-") && fig.contains("<desc id=\"chart-"));
    let body = &fig[fig.find("<tbody>").unwrap()..];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("</t")
                .filter_map(|c| c.rfind('>').map(|i| c[i + 1..].to_string()))
                .filter(|c| !c.trim().is_empty())
                .collect()
        })
        .collect()
}

#[test]
fn the_city_monitoring_page_shows_the_hand_computed_figures() {
    let out = tempfile::tempdir().unwrap();
    site(&fixture_dir(), out.path(), Audience::Internal);
    let html = read(out.path(), "2023/monitoring/index.html");
    // 2023: pa 5 at year end (3 entered, 乙二 and 辛七 left), pb 3 (丙三 entered).
    let figures = [
        ("parks_with_roster", "2"),
        ("firms_at_end", "8"),
        ("entries", "4"),
        ("exits", "2"),
        ("net", "+2"),
        ("above_scale", "3"),     // 甲一, 丁四, 庚六
        ("new_above_scale", "1"), // 丁四
        ("candidates", "1"),      // 戊八 at exactly 1,500 万元
        ("flags", "2"),
    ];
    for (field, want) in figures {
        assert_eq!(figure(&html, field), want, "{field}");
    }
    // Goal: pa 3 + pb 1 (rosters) + pc 2 (typed) = 6 against 4.
    let goal = after(&html, "data-field=\"goal\"", "<strong>");
    assert_eq!(goal, "6");
    for (park, at_end, entries, exits, net) in
        [("pa", "5", "3", "2", "+1"), ("pb", "3", "1", "0", "+1")]
    {
        let row = format!("data-park=\"{park}\"");
        assert_eq!(cell(&html, &row, "at_end"), at_end, "{park}");
        assert_eq!(cell(&html, &row, "entries"), entries, "{park}");
        assert_eq!(cell(&html, &row, "exits"), exits, "{park}");
        assert_eq!(cell(&html, &row, "net"), net, "{park}");
        assert!(html.contains(&format!("href=\"../../2023/monitoring/{park}.html\"")));
    }
    assert!(!html.contains("data-park=\"pc\""), "pc has no roster");
    // 丙三 moved from pa (its 2022 roster) to pb.
    assert!(html.contains("<tr data-from=\"pa\" data-to=\"pb\"><td>名录测试甲园</td>"));
    // Exits by reason: 乙二 closed, 辛七 other.
    assert!(html.contains("<tr data-reason=\"closed\"><th scope=\"row\">注销关停</th><td>1</td>"));
    assert!(html.contains("<tr data-reason=\"other\"><th scope=\"row\">其他</th><td>1</td>"));
    // Entries vs exits: 2022 pa alone (丁四 in, 丙三 out); 2023 both parks.
    assert_eq!(
        chart_rows(&html, "flow"),
        [["2022", "1", "1", "0"], ["2023", "4", "2", "+2"]]
    );
    let bands = chart_rows(&html, "bands");
    let firms: Vec<&str> = bands.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(firms, ["3", "1", "0", "1", "3", "0"]);
    assert!(
        html.contains("规上标准 2000万元"),
        "the 2,000 万元 line is marked"
    );
    // The links to the consolidated roster downloads.
    assert!(html.contains("href=\"../../downloads/enterprises-2023.csv\""));
    assert!(html.contains("href=\"../../downloads/enterprises-2023.xlsx\""));
}

#[test]
fn the_park_monitoring_pages_list_the_firms_by_name() {
    let out = tempfile::tempdir().unwrap();
    site(&fixture_dir(), out.path(), Audience::Internal);
    let pa = read(out.path(), "2023/monitoring/pa.html");
    for (field, want) in [
        ("at_end", "5"),
        ("entries", "3"),
        ("exits", "2"),
        ("above_scale", "3"),
        ("new_above_scale", "1"),
        ("candidates", "1"),
        ("flags", "2"),
    ] {
        assert_eq!(figure(&pa, field), want, "{field}");
    }
    // Leading industry C39/C40: 4 of the 5 at year end; 7750.15 of 9750.24 万元.
    assert_eq!(after(&pa, "data-field=\"leading\"", ">"), "4/5");
    assert_eq!(after(&pa, "data-field=\"leading_share\"", ">"), "80.0%");
    assert_eq!(
        after(&pa, "data-field=\"leading_revenue_share\"", ">"),
        "79.5%"
    );
    let section = |id: &str| -> &str {
        let at = pa.find(&format!("id=\"{id}\"")).unwrap();
        &pa[at..at + pa[at..].find("</table>").unwrap()]
    };
    assert!(section("new-above-scale").contains("丁四电子有限公司"));
    assert!(section("candidates").contains("戊八光电有限公司"));
    assert!(!section("candidates").contains("丁四电子有限公司"));
    assert!(section("left").contains("乙二仪器有限公司"));
    assert_eq!(section("flags").matches("<tr data-rule=").count(), 2);
    assert_eq!(section("entries").matches("<tr data-uscc=").count(), 3);
    // The park's own chart: 2022 one in one out, 2023 three in two out.
    assert_eq!(
        chart_rows(&pa, "flow"),
        [["2022", "1", "1", "0"], ["2023", "3", "2", "+1"]]
    );
    // pb: 丙三 came from pa's roster of 2022.
    let pb = read(out.path(), "2023/monitoring/pb.html");
    let moved = &pb[pb.find("id=\"moved-in\"").unwrap()..];
    assert!(moved.contains("丙三机械有限公司") && moved.contains("<code>pa</code>"));
    // Only park-years with a roster get a page; 2022 is evaluated and pa had one.
    assert!(out.path().join("2022/monitoring/pa.html").exists());
    assert!(!out.path().join("2022/monitoring/pb.html").exists());
    assert!(!out.path().join("2023/monitoring/pc.html").exists());
}

#[test]
fn monitoring_pages_are_linked_and_downloads_listed_in_internal_builds_only() {
    let int = tempfile::tempdir().unwrap();
    site(&fixture_dir(), int.path(), Audience::Internal);
    let year = read(int.path(), "2023/index.html");
    assert!(year.contains("href=\"../2023/monitoring/index.html\""));
    let card = read(int.path(), "2023/parks/pa.html");
    assert!(card.contains("href=\"../../2023/monitoring/pa.html\""));
    let park = read(int.path(), "parks/pa.html");
    assert!(park.contains("href=\"../2023/monitoring/pa.html\""));
    assert!(park.contains("href=\"../2022/monitoring/pa.html\""));
    let downloads = read(int.path(), "downloads/index.html");
    for f in [
        "enterprises-2022.csv",
        "enterprises-2022.xlsx",
        "enterprises-2023.csv",
        "enterprises-2023.xlsx",
    ] {
        assert!(downloads.contains(&format!(">{f}</a>")), "{f} listed");
    }
    // The consolidated CSV: BOM, header, one row per firm of 2023 (7 + 3).
    let csv = std::fs::read(int.path().join("downloads/enterprises-2023.csv")).unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert_eq!(String::from_utf8_lossy(&csv).lines().count(), 11);

    let public = tempfile::tempdir().unwrap();
    outputs(&fixture_dir(), public.path(), Audience::Public, &[]);
    let site = public.path().join("site");
    assert!(!site.join("2023/monitoring").exists());
    assert!(!site.join("downloads/enterprises-2023.csv").exists());
    assert!(!site.join("downloads/enterprises-2023.xlsx").exists());
    for page in [
        "2023/index.html",
        "2023/parks/pa.html",
        "parks/pa.html",
        "downloads/index.html",
    ] {
        let html = read(&site, page);
        assert!(!html.contains("monitoring/"), "{page} links to monitoring");
        assert!(!html.contains("enterprises-20"), "{page} lists a roster");
    }
}

#[test]
fn the_scorecard_says_which_values_came_from_the_roster() {
    for audience in [Audience::Public, Audience::Internal] {
        let out = tempfile::tempdir().unwrap();
        site(&fixture_dir(), out.path(), audience);
        let card = read(out.path(), "2023/parks/pa.html");
        // The file and its row count; the title is `explain`'s sentence.
        assert!(card.contains("来自 <code>enterprises/pa/2023.csv</code>，7行"));
        // 亩均税收 = tax_wan / land_area_mu: tax_wan came from the roster, land did not.
        let row = &card[card.find("<tr data-indicator=\"tax_per_mu\">").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(
            row.contains(
                "<span data-col=\"source\" title=\"tax_wan from enterprises/pa/2023.csv, 7 rows\"> ※</span>"
            ),
            "{row}"
        );
        // ops_score is typed in the record: no source.
        let ops = &card[card
            .find("<tr data-indicator=\"operation_service\">")
            .unwrap()..];
        let ops = &ops[..ops.find("</tr>").unwrap()];
        assert!(!ops.contains("data-col=\"source\""), "{ops}");
        // pc has no roster: its scorecard names none.
        let pc = read(out.path(), "2023/parks/pc.html");
        assert!(!pc.contains("data-field=\"roster\"") && !pc.contains("data-col=\"source\""));
    }
}

#[test]
fn the_internal_report_shows_the_monitoring_views_and_the_public_one_never() {
    let dir = tempfile::tempdir().unwrap();
    let read_report = |audience| {
        let out = dir
            .path()
            .join(format!("report-{}.html", audience == Audience::Public));
        report(&fixture_dir(), &out, audience, 2023);
        std::fs::read_to_string(out).unwrap()
    };
    let html = read_report(Audience::Internal);
    let section = &html[html.find("<section id=\"monitoring\"").unwrap()..];
    let section = &section[..section.find("</main>").unwrap()];
    assert_eq!(
        section
            .matches("<details class=\"monitoring-park\"")
            .count(),
        2
    );
    assert_eq!(figure(section, "firms_at_end"), "8");
    assert_eq!(figure(section, "net"), "+2");
    assert_eq!(chart_rows(section, "monitoring-flow").len(), 2);
    // Park rows do not link out of the report.
    assert!(!section.contains("href=\"2023/monitoring"));
    assert!(!html.contains("monitoring/pa.html"));
    // pa's firms, in the monitoring section (the cards stay one printed page each),
    // and pa's card points at them.
    let pa = &section[section.find("id=\"park-pa-monitoring\"").unwrap()..];
    let pa = &pa[..pa.find("</details>").unwrap()];
    let new_above_scale = &pa[pa.find("id=\"park-pa-m-new-above-scale\"").unwrap()..];
    assert!(
        new_above_scale[..new_above_scale.find("</table>").unwrap()].contains("丁四电子有限公司")
    );
    assert_eq!(figure(pa, "at_end"), "5");
    assert!(
        !section.contains("id=\"park-pc-monitoring\""),
        "pc has no roster"
    );
    let card = &html[html.find("id=\"park-pa\"").unwrap()..];
    let card = &card[..card.find("</details>").unwrap()];
    assert!(card.contains("<a href=\"#park-pa-monitoring\">"));

    let public = read_report(Audience::Public);
    assert!(!public.contains("id=\"monitoring\""));
    assert!(!public.contains("-m-entries"));
}

// ---------------------------------------------------------------- public builds

/// Every firm name and USCC of a dataset's rosters.
fn needles(data: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = data
        .rosters
        .iter()
        .flat_map(|r| {
            r.firms
                .iter()
                .flat_map(|f| [f.name.to_string(), f.uscc.to_string()])
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every file under `dir` that contains one of `needles`, with the needle.
fn leaks(dir: &Path, needles: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let mut texts = vec![String::from_utf8_lossy(&bytes).into_owned()];
        // Workbooks are zip files: look inside them too.
        if let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(&bytes)) {
            for i in 0..zip.len() {
                let mut s = String::new();
                use std::io::Read;
                if zip.by_index(i).unwrap().read_to_string(&mut s).is_ok() {
                    texts.push(s);
                }
            }
        }
        for n in needles {
            if texts.iter().any(|t| t.contains(n.as_str())) {
                out.push(format!("{}: {n}", entry.path().display()));
            }
        }
    }
    out
}

#[test]
fn public_builds_contain_no_firm() {
    let data = dataset(&fixture());
    let needles = needles(&data);
    assert_eq!(needles.len(), 20, "10 firms: names and USCCs");
    let out = tempfile::tempdir().unwrap();
    outputs(&fixture_dir(), out.path(), Audience::Public, &[2022, 2023]);
    let found = leaks(out.path(), &needles);
    assert!(
        found.is_empty(),
        "firm data in public output:\n{}",
        found.join("\n")
    );
    // The scan itself works: the internal site (monitoring pages, downloads) and the
    // internal report of the same data hold every name and USCC.
    let internal = tempfile::tempdir().unwrap();
    outputs(
        &fixture_dir(),
        internal.path(),
        Audience::Internal,
        &[2022, 2023],
    );
    assert_eq!(found_needles(internal.path(), &needles), needles);
    let report = leaks(&internal.path().join("report-2023.html"), &needles);
    assert!(
        report.len() >= 16,
        "the 2023 report names the 2023 firms: {report:?}"
    );
}

/// The needles found anywhere under `dir`, sorted.
fn found_needles(dir: &Path, needles: &[String]) -> Vec<String> {
    let mut found: Vec<String> = leaks(dir, needles)
        .into_iter()
        .map(|l| l.rsplit(": ").next().unwrap().to_string())
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_sample_city_publishes_no_firm() {
    let src = SourceFiles::embedded();
    let data = dataset(&src);
    assert!(data.rosters.len() >= 20, "the sample city has rosters");
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in &src.files {
        let p = dir.path().join("data").join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    outputs(
        &dir.path().join("data"),
        &dir.path().join("out"),
        Audience::Public,
        &[2023],
    );
    // The sample has a base_url: the sitemap is among the files scanned.
    let sitemap = read(&dir.path().join("out/site"), "sitemap.xml");
    assert!(sitemap.contains("2023/parks/") && !sitemap.contains("monitoring"));
    let found = leaks(&dir.path().join("out"), &needles(&data));
    assert!(
        found.is_empty(),
        "firm data in public output:\n{}",
        found.join("\n")
    );
    // The internal outputs hold every firm of the evaluated years (2022, 2023).
    outputs(
        &dir.path().join("data"),
        &dir.path().join("int"),
        Audience::Internal,
        &[2023],
    );
    let mut evaluated: Vec<String> = data
        .rosters
        .iter()
        .filter(|r| r.year >= 2022)
        .flat_map(|r| {
            r.firms
                .iter()
                .flat_map(|f| [f.name.to_string(), f.uscc.to_string()])
        })
        .collect();
    evaluated.sort();
    evaluated.dedup();
    assert_eq!(
        found_needles(&dir.path().join("int"), &evaluated),
        evaluated
    );
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_names_the_firms_and_the_derived_metrics_they_moved() {
    let a = fixture_dir();
    let csv = "enterprises/pa/2023.csv";
    let edited = Fixture::committed("rosters")
        .edit(csv, ",45,2100.10,60.25,", ",45,2200.10,60.25,")
        .edit(csv, "辛七机械有限公司,91330100MA2GXA7B7K,C3511,2023-03-03,2023-11-30,other,300,1999.99,0.3,,,0,0,0,\r\n", "")
        .build();
    let side = |p: &Path| parkscore::analysis::side::load_side(p.to_str().unwrap(), p).unwrap();
    let (sa, sb) = (side(&a), side(&edited.data()));
    let d = parkscore::analysis::diff(&sa.side(), &sb.side(), Some(2023));
    let text = parkscore::present::diff::diff_text(&d);
    assert!(text.contains("  rosters:\n    pa enterprises/pa/2023.csv (rows 7 → 6): −1 (辛七机械有限公司), 1 edited (甲一电子有限公司: revenue_wan 2100.1 → 2200.1)\n"), "{text}");
    // 9750.24 − 1999.99 + 100 = 7850.25; new_enterprises 3 → 2; leading revenue + 100.
    assert!(text.contains("      derived: leading_revenue_wan 7750.15 → 7850.15, new_enterprises 3 → 2, revenue_wan 9750.24 → 7850.25, tax_wan 292 → 291.7\n"), "{text}");
    let json = serde_json::to_value(parkscore::present::diff_json::diff_json(&d)).unwrap();
    assert_eq!(
        json["years"][0]["rosters"][0]["removed"][0]["uscc"],
        "91330100MA2GXA7B7K"
    );
}

// ---------------------------------------------------------------- roster workbook

use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook};

type Sheets = Vec<(String, Vec<Vec<Data>>)>;

/// Every sheet of a workbook as rows of cells from A1.
fn read_sheets(bytes: &[u8]) -> Sheets {
    let mut wb =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let (h, w) = range.end().map(|(r, c)| (r + 1, c + 1)).unwrap_or((0, 0));
            let rows = (0..h)
                .map(|r| {
                    (0..w)
                        .map(|c| range.get_value((r, c)).cloned().unwrap_or(Data::Empty))
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// Writes sheets back as an analyst's Excel would save them (dates stay dates).
fn write_sheets(sheets: &Sheets) -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                    Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                    Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                    Data::DateTime(d) => ws
                        .write_number_with_format(r, c, d.as_f64(), &date)
                        .map(|_| ()),
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn sheet<'a>(sheets: &'a mut Sheets, name: &str) -> &'a mut Vec<Vec<Data>> {
    &mut sheets.iter_mut().find(|(n, _)| n == name).unwrap().1
}

fn col(rows: &[Vec<Data>], key: &str) -> usize {
    rows[1]
        .iter()
        .position(|d| *d == Data::String(key.into()))
        .unwrap()
}

fn row_of(rows: &[Vec<Data>], cells: &[(usize, Data)]) -> Vec<Data> {
    let mut row = vec![Data::Empty; rows[1].len()];
    for (c, v) in cells {
        row[*c] = v.clone();
    }
    row
}

fn s(x: &str) -> Data {
    Data::String(x.into())
}

#[test]
fn the_roster_template_is_prefilled_and_imports_unchanged() {
    let src = fixture();
    let data = dataset(&src);
    let bytes = parkscore::collect::roster_template(&data, 2023).unwrap();
    assert_eq!(
        bytes,
        parkscore::collect::roster_template(&data, 2023).unwrap(),
        "deterministic"
    );
    let sheets = read_sheets(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["说明", "pa", "pb", "pc"]);
    let pa = &sheets[1].1;
    assert_eq!(
        pa.len(),
        2 + 7,
        "2023's own roster: header rows and 7 firms"
    );
    let book = parkscore::collect::read_book("名录-2023.xlsx", &bytes).unwrap();
    let plan = parkscore::collect::plan_rosters(&src, &book, None, "名录-2023.xlsx").unwrap();
    assert!(
        plan.files.is_empty(),
        "{}",
        parkscore::collect::describe(&plan)
    );
    let r = plan.rosters.as_ref().unwrap();
    assert_eq!((r.unchanged, r.blank.clone()), (2, vec!["pc".to_string()]));

    // Next year: last year's firms at year end, identity only.
    let next = read_sheets(&parkscore::collect::roster_template(&data, 2024).unwrap());
    let pa = &next[1].1;
    let names: Vec<&Data> = pa[2..].iter().map(|r| &r[col(pa, "name")]).collect();
    assert_eq!(
        names,
        [
            &s("甲一电子有限公司"),
            &s("丁四电子有限公司"),
            &s("己五商贸有限公司,分公司"),
            &s("庚六仪器有限公司"),
            &s("戊八光电有限公司")
        ]
    );
    assert!(pa[2..]
        .iter()
        .all(|r| r[col(pa, "revenue_wan")] == Data::Empty));
    assert_eq!(pa[2][col(pa, "above_scale_since")], Data::Float(2020.0));
    assert!(matches!(pa[2][col(pa, "entered")], Data::DateTime(_)));
}

#[test]
fn a_filled_roster_workbook_round_trips_into_the_csvs() {
    let dir = tempfile::tempdir().unwrap();
    Fixture::committed("rosters").write(dir.path());
    let src = SourceFiles::read_dir(dir.path()).unwrap();
    let data = dataset(&src.clone().with_rosters_read().unwrap());
    let mut sheets = read_sheets(&parkscore::collect::roster_template(&data, 2023).unwrap());
    // pa: 甲一's revenue +100, and one more firm (its date typed as text).
    let pa = sheet(&mut sheets, "pa");
    let (rev, name) = (col(pa, "revenue_wan"), col(pa, "name"));
    let r = pa
        .iter()
        .position(|r| r[name] == s("甲一电子有限公司"))
        .unwrap();
    pa[r][rev] = Data::Float(2200.1);
    let new = row_of(
        pa,
        &[
            (col(pa, "uscc"), s("91330200MA2GXB2C25")),
            (name, s("癸十电子有限公司")),
            (col(pa, "industry"), s("C3982")),
            (col(pa, "entered"), s("2023-08-08")),
            (col(pa, "employees"), Data::Float(5.0)),
            (rev, Data::Float(99.9)),
            (col(pa, "tax_wan"), Data::Float(1.0)),
            (col(pa, "hitech"), s("是")),
        ],
    );
    pa.push(new);
    // pc: a roster for the first time; its typed metrics that a roster derives leave
    // the record. The exit reason is picked from the list by its 中文 label.
    let pc = sheet(&mut sheets, "pc");
    for (i, (u, n, exited, reason)) in [
        (
            "91330300MA2GXC1D1R",
            "子一新材料有限公司",
            Data::Empty,
            Data::Empty,
        ),
        (
            "91330300MA2GXC2D2J",
            "丑二新材料有限公司",
            s("2023-10-10"),
            s("注销关停"),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let row = row_of(
            pc,
            &[
                (col(pc, "uscc"), s(u)),
                (col(pc, "name"), s(n)),
                (col(pc, "industry"), s("C2651")),
                (col(pc, "entered"), s("2020-01-01")),
                (col(pc, "exited"), exited),
                (col(pc, "exit_reason"), reason),
                (col(pc, "employees"), Data::Float(10.0 + i as f64)),
                (col(pc, "revenue_wan"), Data::Float(1000.5)),
                (col(pc, "tax_wan"), Data::Float(20.0)),
            ],
        );
        pc.push(row);
    }
    let bytes = write_sheets(&sheets);
    let file = dir.path().join("名录-2023.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    let opts = parkscore::collect::ImportOptions {
        file: file.clone(),
        year: None,
        data: dir.path().to_path_buf(),
        dry_run: false,
    };
    // The newcomer's USCC is pb's 癸十 (at year end there too), and pc has no
    // leading_industry_codes: the check of the new folder refuses it whole.
    let e = parkscore::collect::import(&opts).unwrap_err().to_string();
    assert!(
        e.contains("parks/pc.yaml: leading_industry_codes: missing"),
        "{e}"
    );
    assert!(
        e.contains("enterprises/pb/2023.csv:4:1: uscc: in two parks at the end of 2023"),
        "{e}"
    );
    assert!(e.contains("nothing was written"), "{e}");
    assert!(!dir.path().join("enterprises/pc").exists());
    let pa = sheet(&mut sheets, "pa");
    let last = pa.len() - 1;
    let u = col(pa, "uscc");
    pa[last][u] = s("91330300MA2GXC3D3B");
    std::fs::write(&file, write_sheets(&sheets)).unwrap();

    let pc_yaml = dir.path().join("parks/pc.yaml");
    let text = std::fs::read_to_string(&pc_yaml).unwrap();
    std::fs::write(
        &pc_yaml,
        text.replace(
            "leading_industries: [新材料]\n",
            "leading_industries: [新材料]\nleading_industry_codes: [C26]\n",
        ),
    )
    .unwrap();
    let plan = parkscore::collect::import(&opts).unwrap();
    let written: Vec<&str> = plan.files.keys().map(String::as_str).collect();
    assert_eq!(
        written,
        [
            "enterprises/pa/2023.csv",
            "enterprises/pc/2023.csv",
            "parks/pc.yaml"
        ]
    );
    let d = parkscore::collect::describe(&plan);
    assert!(
        d.contains("enterprises/pa/2023.csv: 7 → 8 rows: 1 added, 0 removed, 1 edited\n"),
        "{d}"
    );
    assert!(d.contains("enterprises/pc/2023.csv: new, 2 rows\n"), "{d}");
    assert!(
        d.contains("2023 rosters: 1 new, 1 changed, 1 unchanged, 0 blank sheets skipped\n"),
        "{d}"
    );

    let after = dataset(&SourceFiles::read_dir(dir.path()).unwrap());
    let pa = metrics(&after, "pa", 2023);
    assert_eq!(pa["revenue_wan"], 9950.14); // 9750.24 + 100 + 99.9
    assert_eq!(pa["hitech_new"], 3.0);
    assert_eq!(pa["new_enterprises"], 4.0);
    let pc = metrics(&after, "pc", 2023);
    assert_eq!(
        (
            pc["enterprises"],
            pc["revenue_wan"],
            pc["leading_enterprises"]
        ),
        (1.0, 2001.0, 1.0)
    );
    assert_eq!(pc["land_area_mu"], 80.0, "typed metrics stay");
    let pc_text = std::fs::read_to_string(&pc_yaml).unwrap();
    assert!(
        pc_text.contains("  2023:\n    metrics: {land_area_mu: 80, ops_score: 88}\n"),
        "{pc_text}"
    );
    let csv = std::fs::read_to_string(dir.path().join("enterprises/pc/2023.csv")).unwrap();
    assert!(csv.contains("\r\n91330300MA2GXC2D2J,丑二新材料有限公司,C2651,2020-01-01,2023-10-10,closed,11,1000.5,20,0,,0,0,0,\r\n"), "{csv}");
    // pb was not touched (same firms), so its file keeps its own layout.
    assert_eq!(
        std::fs::read(dir.path().join("enterprises/pb/2023.csv")).unwrap(),
        std::fs::read(fixture_dir().join("enterprises/pb/2023.csv")).unwrap()
    );
}

#[test]
fn bad_roster_cells_are_named_like_excel_names_them() {
    let src = fixture();
    let data = dataset(&src);
    let mut sheets = read_sheets(&parkscore::collect::roster_template(&data, 2023).unwrap());
    let pa = sheet(&mut sheets, "pa");
    let (u, e, h) = (col(pa, "uscc"), col(pa, "entered"), col(pa, "hitech"));
    pa[2][u] = s("91330100MA2GXA1B1W"); // row 3
    pa[3][e] = s("2023/3/5"); // row 4
    pa[4][h] = s("maybe"); // row 5
    pa[5][u] = Data::Float(9.133e17); // a USCC typed into a number cell
    let bytes = write_sheets(&sheets);
    let book = parkscore::collect::read_book("名录.xlsx", &bytes).unwrap();
    let Err(Error::Invalid(ps)) =
        parkscore::collect::plan_rosters(&src, &book, Some(2023), "名录.xlsx")
    else {
        panic!("bad cells must be refused");
    };
    let got: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
    let col_name = |c: usize| parkscore::collect::column_name(c as u32);
    assert_eq!(got, vec![
        format!("pa!{}3: uscc: wrong check character (got `91330100MA2GXA1B1W` ending in `W`; expected `Y` as the 18th character)", col_name(u)),
        format!("pa!{}4: entered: not a date in the form YYYY-MM-DD (got `2023/3/5`; expected 2023-03-05)", col_name(e)),
        format!("pa!{}5: hitech: not yes or no (got \"maybe\"; expected 是 or an empty cell)", col_name(h)),
        format!("pa!{}6: uscc: a number, not text (got 913300000000000000; expected the code as text: Excel keeps only 15 digits of a number, so format the column as text and type the code again)", col_name(u)),
    ]);
}

#[test]
fn the_data_workbook_shows_derived_values_and_refuses_edits_to_them() {
    let src = fixture();
    let data = dataset(&src);
    let mut sheets = read_sheets(&parkscore::collect::template(&data, 2023).unwrap());
    let rows = sheet(&mut sheets, "填报");
    let (id, tax, land) = (
        col(rows, "id"),
        col(rows, "tax_wan"),
        col(rows, "land_area_mu"),
    );
    let pa = rows.iter().position(|r| r[id] == s("pa")).unwrap();
    assert_eq!(
        rows[pa][tax],
        Data::Float(292.0),
        "the roster's total, shown"
    );
    // Importing it unchanged changes nothing; a typed metric can still be edited.
    rows[pa][land] = Data::Float(101.0);
    let bytes = write_sheets(&sheets);
    let plan = parkscore::collect::plan(
        &src,
        &parkscore::collect::read_bytes("填报.xlsx", &bytes).unwrap(),
        Some(2023),
        "填报.xlsx",
    )
    .unwrap();
    let yaml = String::from_utf8(plan.files["parks/pa.yaml"].clone()).unwrap();
    assert!(
        yaml.contains("  2023:\n    metrics: {land_area_mu: 101, ops_score: 82}\n"),
        "{yaml}"
    );
    // A derived value is changed in the roster, not here.
    let rows = sheet(&mut sheets, "填报");
    rows[pa][tax] = Data::Float(300.0);
    let bytes = write_sheets(&sheets);
    let Err(Error::Invalid(ps)) = parkscore::collect::plan(
        &src,
        &parkscore::collect::read_bytes("填报.xlsx", &bytes).unwrap(),
        Some(2023),
        "填报.xlsx",
    ) else {
        panic!("an edited derived value must be refused");
    };
    let cell = format!(
        "填报!{}{}",
        parkscore::collect::column_name(tax as u32),
        pa + 1
    );
    assert_eq!(
        ps.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        vec![format!("{cell}: 入园企业实缴税收: comes from the roster enterprises/pa/2023.csv (got 300; expected 292 or an empty cell): change the roster instead")]
    );
}

#[test]
fn a_firm_name_cannot_become_a_formula_in_the_download() {
    let mut src = fixture();
    let pb = String::from_utf8(src.files["enterprises/pb/2023.csv"].clone()).unwrap();
    src.files.insert(
        "enterprises/pb/2023.csv".into(),
        pb.replace("壬九光学有限公司", "=1+2光学有限公司")
            .into_bytes(),
    );
    let data = dataset(&src);
    let csv = roster_csv(&roster_table(&data, 2023, Audience::Internal).unwrap());
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains(",'=1+2光学有限公司,"), "{text}");
    assert!(!text.contains(",=1+2"), "{text}");
}
