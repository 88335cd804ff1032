//! What a careful first user found (issue 12), one test per item: 1 (park problems
//! behind a broken methodology), 2 (diff with the data folder at the repository
//! root), 4 (a record after `closed`), 9 (`check` in one language per line), 11
//! (`explain` shows the inputs of growth). Items 15 and 16 (Excel and CSV in the
//! analyst's terms) are in `excel.rs`, beside the helpers they need.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use parkscore::present::explain::explain;
use parkscore::present::Audience;

use crate::support::fixture::Fixture;
use crate::support::repo::git;

const P1: &str = "parks/p00001.yaml";
const M: &str = "methodology/2022.yaml";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parkscore"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// `line:column` (1-based) where `needle` starts in `file`.
fn position(data: &Path, file: &str, needle: &str) -> String {
    let text = fs::read_to_string(data.join(file)).unwrap();
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{file} lacks {needle:?}"));
    format!("{}:{}", i + 1, line.find(needle).unwrap() + 1)
}

/// Item 1: a weight typo in the methodology no longer hides a park's bad value;
/// what it does hide is said, with the count of park files.
#[test]
fn item_1_park_problems_show_through_a_broken_methodology() {
    let d = Fixture::mini()
        .edit(M, "weight: 8}", "weight: 9}")
        .park("p00001", |p| p.metric(2023, "tax_wan", -5))
        .build();
    let at = position(&d.data(), P1, "-5");
    let out = d.run(&["check", "--data", "data"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "parks/p00001.yaml:{at}: years.2023.metrics.tax_wan: below the minimum (got -5; expected ≥ 0 万元)"
        )),
        "{err}"
    );
    assert!(
        err.contains("methodology/2022.yaml: until this methodology is valid, 6 park file(s) are checked for their values only, not for what rating them in 2022–2023 needs (every metric, no division by zero, a record per operating year); fix this file and run again to see their problems"),
        "{err}"
    );
    assert!(err.contains("3 problems found"), "{err}");

    // With its metrics broken too, nothing of the records can be checked: say so.
    d.edit(M, "max: 100, public: true", "max: -1, public: true");
    let err = d.check().1;
    assert!(
        err.contains("methodology/2022.yaml: until this methodology is valid, the records for 2022–2023 in 6 park file(s) are not checked, nor any park's honors;"),
        "{err}"
    );
    assert!(!err.contains("tax_wan"), "{err}");
}

/// Item 2: `parkscore diff HEAD . --data .` with the data folder at the root of its
/// repository (the listing's empty last entry once became `git cat-file <sha>:`).
#[test]
fn item_2_diff_works_with_the_data_folder_at_the_repository_root() {
    let d = Fixture::mini().file("README.md", "not data\n").build();
    let data = d.data();
    git(&data, &["init", "-q"]);
    git(&data, &["add", "-A"]);
    git(&data, &["commit", "-q", "-m", "data"]);
    let out = run(&data, &["diff", "HEAD", ".", "--data", "."]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no change in data or results"));

    d.edit(P1, "tax_wan: 5126.9", "tax_wan: 5200");
    let out = run(
        &data,
        &["diff", "HEAD", ".", "--data", ".", "--format", "json"],
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changed = v["years"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|y| y["changed"].as_array().unwrap())
        .find(|c| c["id"] == "p00001")
        .expect("p00001 changed");
    assert_eq!(changed["causes"]["own"][0]["metric"], "tax_wan");
    assert_eq!(changed["causes"]["own"][0]["new"], 5200.0);
}

/// Item 4: a record after the park's `closed` year is an error at that record.
#[test]
fn item_4_a_record_after_closed_is_rejected_with_its_line() {
    let d = Fixture::mini()
        .edit(P1, "opened: 2021\n", "opened: 2021\nclosed: 2022\n")
        .build();
    // years.2023's value starts on the line after `  2023:`.
    let text = fs::read_to_string(d.data().join(P1)).unwrap();
    let line = text.lines().position(|l| l == "  2023:").unwrap() + 2;
    let out = d.run(&["check", "--data", "data"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "parks/p00001.yaml:{line}:5: years.2023: a record after the park closed (got 2023; expected 2022 or earlier"
        )),
        "{err}"
    );
    assert!(!d.run(&["build", "--data", "data"]).status.success());
    assert!(!d.root().join("site").exists(), "nothing written");
}

/// Item 9: every line `check` prints is in one language (the command line's
/// English); statuses by their results.json ids. The mini fixture's 2023 has one
/// vetoed park (p00005) and awards of 100 万元 (one A park).
#[test]
fn item_9_check_speaks_one_language_per_line() {
    let out = Fixture::mini().build().run(&["check", "--data", "data"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let cjk =
        |c: char| ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c);
    for line in text.lines() {
        assert!(!line.chars().any(cjk), "mixed: {line}");
    }
    assert!(
        text.contains(
            "2023: 5 rated (A 1 / B 3 / C 1), awards 1,000,000 yuan; not rated: vetoed 1\n"
        ),
        "{text}"
    );
}

/// Item 11: explain gives the inputs of the year before that growth compares, and
/// says when growth has a formula of its own (rd_expenditure grows on rd_wan).
/// p00001: tax 3825.22 → 5126.9 on 146.8 亩: 26.0574 → 34.9244 万元/亩, +34.0 %;
/// rd_wan 3038.15 → 5180.1: (5180.1 − 3038.15) / 3038.15 = +70.5 %.
#[test]
fn item_11_explain_shows_the_inputs_growth_compares() {
    let d = Fixture::mini().build();
    let eval =
        parkscore::evaluate(&parkscore::DataSource::Dir(d.data()), &Default::default()).unwrap();
    let r = eval.year(2023).unwrap();
    let m = &eval.data.methodologies[&r.methodology_year];
    let p = r.park("p00001").unwrap();
    let text = explain(&eval.data, r, m, p, Audience::Internal);
    for needle in [
        "    2022 inputs  land_area_mu = 146.8 亩, tax_wan = 3825.22 万元\n",
        "    growth   (34.9244 − 26.0574) ÷ 26.0574 = +34.0% (split 70/30)",
        "    growth formula  rd_wan  (differs from the level formula: growth compares rd_wan of 2022 and 2023, not the indicator value)\n",
        "    2022 inputs  rd_wan = 3038.15 万元\n",
        "    2023 inputs  rd_wan = 5180.1 万元\n",
        "    growth   (5180.1 − 3038.15) ÷ 3038.15 = +70.5% (split 70/30)",
    ] {
        assert!(text.contains(needle), "lacks {needle:?}:\n{text}");
    }

    // The public edition shows neither the private inputs nor a value computed
    // from rd_wan alone; the tax growth compares public indicator values.
    let public = explain(&eval.data, r, m, p, Audience::Public);
    assert!(
        !public.contains("3038.15") && !public.contains("5180.1"),
        "{public}"
    );
    assert!(!public.contains("3825.22"), "{public}");
    assert!(
        public.contains("    growth   +70.5% (split 70/30)"),
        "{public}"
    );
    assert!(public.contains("    growth   (34.9244 − 26.0574) ÷ 26.0574 = +34.0%"));
    assert!(public.contains("growth formula  rd_wan  (differs from the level formula"));
}
