//! The corpus of issue 14 (`tests/fixtures/hostile/*.case`): each hostile data
//! folder gets exactly the located problems it expects, through the library and
//! through the binary (exit 1, nothing else on stderr), or — where the edit is
//! harmless (a BOM, a tab after a colon) — loads to results identical to the
//! unedited fixture. And CSV downloads cannot carry a formula.

use std::fs;
use std::process::Command;

use parkscore::evaluate::{evaluate_all, YearResult};
use parkscore::load::load_dir;
use parkscore::Error;

use crate::support::case::{corpus, mini};
use crate::support::fixture::Fixture;

fn results(dir: &std::path::Path) -> Vec<YearResult> {
    evaluate_all(
        &load_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())),
        &Default::default(),
    )
}

#[test]
fn every_case_of_the_corpus_is_answered_as_expected() {
    let baseline = results(&mini());
    let cases = corpus();
    assert!(cases.len() >= 35, "{} cases", cases.len());
    for case in cases {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        case.apply(&data);
        let loaded = load_dir(&data);
        let out = Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args(["check", "--quiet", "--data"])
            .arg(&data)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if case.expect.is_empty() {
            let data = loaded.unwrap_or_else(|e| panic!("{}: {e}", case.name));
            assert_eq!(
                evaluate_all(&data, &Default::default()),
                baseline,
                "{}: a harmless edit changed results",
                case.name
            );
            assert_eq!(out.status.code(), Some(0), "{}: {stderr}", case.name);
            continue;
        }
        let got: Vec<String> = match loaded {
            Err(Error::Invalid(problems)) => problems.iter().map(|p| p.to_string()).collect(),
            Err(other) => panic!("{}: not a data problem: {other}", case.name),
            Ok(_) => panic!("{}: hostile data loaded", case.name),
        };
        assert_eq!(got, case.expect, "{}", case.name);
        let n = got.len();
        let summary = format!(
            "{n} problem{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        );
        let want = format!("{}\n{summary}\n", got.join("\n"));
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", case.name);
        assert_eq!(stderr, want, "{}", case.name);
    }
}

/// A park named like a spreadsheet formula, in every text column of results.csv.
#[test]
fn csv_downloads_carry_no_formula() {
    let built = Fixture::mini()
        .park("p00001", |p| {
            p.edit(
                "name: \"临江区南东新能源小微企业园\"",
                "name: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"",
            )
            .edit("district: \"临江区\"", "district: \"@SUM(1+1)\"")
        })
        .build();
    let data = built.data();
    let out = built.site();
    let run = Command::new(env!("CARGO_BIN_EXE_parkscore"))
        .args(["build", "--quiet", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = fs::read(out.join("2023/results.csv")).unwrap();
    let mut rdr = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let mut seen = 0;
    for row in rdr.records() {
        let row = row.unwrap();
        for cell in row.iter() {
            let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(
                !risky || cell.parse::<f64>().is_ok(),
                "a live formula: {cell:?}"
            );
        }
        if row.get(1) == Some("p00001") {
            assert_eq!(
                row.get(2),
                Some("'=HYPERLINK(\"http://evil.example\",\"x\")")
            );
            assert_eq!(row.get(3), Some("'@SUM(1+1)"));
            // Scores stay numbers.
            assert!(row.get(9).unwrap().parse::<f64>().unwrap() > 60.0);
            seen += 1;
        }
    }
    assert_eq!(seen, 1);
}
