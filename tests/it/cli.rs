//! The `parkscore` binary end to end: every bad input of data.md is rejected with a
//! located message and nothing written; builds are atomic and byte-identical.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::fixture::Fixture;

const MINI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");

fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, fs::read(e.path()).unwrap());
        }
    }
    out
}

const P1: &str = "parks/p00001.yaml";
const M: &str = "methodology/2022.yaml";

/// (case, fixture edits, lines stderr must contain)
fn bad_inputs() -> Vec<(&'static str, Fixture, Vec<&'static str>)> {
    vec![
        (
            "yaml syntax error",
            Fixture::mini().edit(P1, "kind: industrial", "kind: [industrial"),
            vec!["parks/p00001.yaml:7:19: YAML syntax error"],
        ),
        (
            "unknown field with suggestion",
            Fixture::mini().edit(P1, "district:", "distrcit:"),
            vec!["parks/p00001.yaml:3:1: distrcit: unknown field (got `distrcit`; expected one of id, name, district,", "did you mean `district`?"],
        ),
        (
            "wrong type",
            Fixture::mini().edit(P1, "tax_wan: 5126.9", "tax_wan: 约5126"),
            vec!["parks/p00001.yaml:14:", "years.2023.metrics.tax_wan: not a number (got \"约5126\"; expected a number, without units)"],
        ),
        (
            "id differs from file name",
            Fixture::mini().edit(P1, "id: p00001", "id: p00009"),
            vec!["parks/p00001.yaml:1:5: id: park id differs from the file name (got `p00009`; expected `p00001`)"],
        ),
        (
            "id not URL-safe",
            Fixture::mini().file("parks/Bad_Id.yaml", fs::read_to_string(Path::new(MINI).join(P1)).unwrap().replace("id: p00001", "id: Bad_Id")),
            vec!["parks/Bad_Id.yaml:1:5: id: park id is not URL-safe (got `Bad_Id`;"],
        ),
        (
            "id repeats",
            Fixture::mini().file("parks/p00001.yml", fs::read_to_string(Path::new(MINI).join(P1)).unwrap()),
            vec!["parks/p00001.yml:1:5: id: duplicate park id (got `p00001`; also in parks/p00001.yaml)"],
        ),
        (
            "unknown zone level",
            Fixture::mini().edit(P1, "zone_level: provincial", "zone_level: provinical"),
            vec!["parks/p00001.yaml:5:13: zone_level: unknown zone level (got `provinical`; expected national, provincial or other); did you mean `provincial`?"],
        ),
        (
            "unknown kind",
            Fixture::mini().edit(P1, "kind: industrial", "kind: industry"),
            vec!["parks/p00001.yaml:6:7: kind: unknown park kind (got `industry`; expected industrial, startup or innovation); did you mean `industrial`?"],
        ),
        (
            "unknown metric",
            Fixture::mini().edit(P1, "tax_wan: 5126.9", "tax_wan: 5126.9, tax_wna: 3"),
            vec!["parks/p00001.yaml:14:", "years.2023.metrics.tax_wna: unknown metric (got `tax_wna`; expected a metric of methodology/2022.yaml); did you mean `tax_wan`?"],
        ),
        (
            "unknown veto",
            Fixture::mini().edit("parks/p00005.yaml", "[major_safety_accident]", "[major_safety_acident]"),
            vec!["parks/p00005.yaml:19:14: years.2023.vetoes[0]: unknown veto (got `major_safety_acident`;", "did you mean `major_safety_accident`?"],
        ),
        (
            "unknown honor category and kind",
            Fixture::mini().edit(P1, "years:", "honors:\n  - {category: carier, kind: national_incubator, year: 2022, title: x}\n  - {category: talent, kind: national_teem, year: 2023, title: y}\nyears:"),
            vec![
                "parks/p00001.yaml:11:16: honors[0].category: unknown honor category (got `carier`; expected one of carrier, talent); did you mean `carrier`?",
                "parks/p00001.yaml:12:30: honors[1].kind: unknown kind for category talent (got `national_teem`;",
            ],
        ),
        (
            "unknown dimension",
            Fixture::mini().edit(M, "dimension: cluster", "dimension: clustre"),
            vec!["methodology/2022.yaml:", "indicators[2].dimension: unknown dimension (got `clustre`;", "did you mean `cluster`?"],
        ),
        (
            "unknown indicator in tie_break",
            Fixture::mini().edit(M, "indicator:revenue_per_mu]", "indicator:revenue_per_m]"),
            vec!["tie_break[2]: unknown indicator in tie_break (got `revenue_per_m`); did you mean `revenue_per_mu`?"],
        ),
        (
            "negative metric",
            Fixture::mini().edit(P1, "tax_wan: 5126.9", "tax_wan: -5"),
            vec!["years.2023.metrics.tax_wan: below the minimum (got -5; expected ≥ 0 万元)"],
        ),
        (
            "zero where positive",
            Fixture::mini().edit(P1, "land_area_mu: 146.8, tax_wan: 5126.9", "land_area_mu: 0, tax_wan: 5126.9"),
            vec!["years.2023.metrics.land_area_mu: must be positive (got 0; expected a number > 0 亩)"],
        ),
        (
            "over max",
            Fixture::mini().edit(P1, "ops_score: 81.78", "ops_score: 181.78"),
            vec!["years.2023.metrics.ops_score: above the maximum (got 181.78; expected ≤ 100 分)"],
        ),
        (
            "fraction where integer",
            Fixture::mini().edit(P1, "enterprises: 97", "enterprises: 97.5"),
            vec!["years.2023.metrics.enterprises: must be a whole number (got 97.5; expected an integer 家)"],
        ),
        (
            "missing metric of a rated park",
            Fixture::mini().edit(P1, "tax_wan: 5126.9, ", ""),
            vec!["parks/p00001.yaml:14:14: years.2023.metrics: missing metric `tax_wan` (入园企业实缴税收) for a rated park in 2023"],
        ),
        (
            "missing year record",
            Fixture::mini().edit(P1, "  2023:\n", "  2021:\n"),
            vec!["parks/p00001.yaml:11:3: years: no record for 2023, but the park operates in scope that year"],
        ),
        (
            "weights do not sum to 100",
            Fixture::mini().edit(M, "weight: 8}", "weight: 9}"),
            vec!["methodology/2022.yaml:", "indicators: indicator weights must sum to 100 (got 101; expected 100)"],
        ),
        (
            "split does not sum to 100",
            Fixture::mini().edit(M, "split: {level: 70, growth: 30}}", "split: {level: 70, growth: 20}}"),
            vec!["indicators[0].split: level and growth must be ≥ 0 and sum to 100 (got 70 + 20 = 90; expected 100)"],
        ),
        (
            "formula does not parse",
            Fixture::mini().edit(M, "formula: tax_wan / land_area_mu", "formula: tax_wan / (land_area_mu"),
            vec!["methodology/2022.yaml:37:", "methodology/2022.yaml:37:38: indicators[0].formula: formula does not parse (got `tax_wan / (land_area_mu`): at character 24: unexpected end of formula (expected `)`)"],
        ),
        (
            "formula names an unknown metric",
            Fixture::mini().edit(M, "formula: tax_wan / land_area_mu", "formula: tax_wan / land_aera_mu"),
            vec!["methodology/2022.yaml:37:25: indicators[0].formula: formula names an unknown metric (got `tax_wan / land_aera_mu`): at character 11: unknown metric `land_aera_mu`; did you mean `land_area_mu`?"],
        ),
        (
            "division by zero",
            Fixture::mini().edit(P1, "leading_enterprises: 59", "leading_enterprises: 59").edit(M, "enterprises:         {label: 入园企业数, unit: 家, integer: true, positive: true}", "enterprises:         {label: 入园企业数, unit: 家, integer: true}").edit(P1, "enterprises: 97", "enterprises: 0"),
            vec!["parks/p00001.yaml:14:", "years.2023.metrics: division by zero in indicator leading_concentration"],
        ),
        (
            "fixed anchors with equal values",
            Fixture::mini().edit(M, "anchor: {disallowed: 0, satisfactory: 100}, weight: 12", "anchor: {disallowed: 50, satisfactory: 50}, weight: 12"),
            vec!["indicators[6].anchor: fixed anchors are equal (got disallowed 50 = satisfactory 50; expected two different values)"],
        ),
        (
            "duplicate key in a map field",
            Fixture::mini().edit(P1, "tax_wan: 5126.9", "tax_wan: 5126.9, tax_wan: 1"),
            vec!["years.2023.metrics.tax_wan: duplicate key `tax_wan` (each key may appear once)"],
        ),
        (
            "alias bomb",
            Fixture::mini().file("parks/bomb.yaml", alias_bomb()),
            vec!["parks/bomb.yaml:", "too many YAML aliases"],
        ),
        (
            "file over the size limit",
            Fixture::mini().file("parks/huge.yaml", format!("id: huge\nname: \"{}\"\n", "x".repeat(3 * 1024 * 1024))),
            vec!["parks/huge.yaml: file too large (got 3145746 bytes; expected at most 2097152)"],
        ),
    ]
}

fn alias_bomb() -> String {
    let mut s = String::from(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        s.push_str(&format!("{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        prev = n;
    }
    s
}

#[test]
fn every_bad_input_is_rejected_with_a_located_message_and_nothing_written() {
    let mut failures = Vec::new();
    for (case, fixture, expected) in bad_inputs() {
        let fixture = fixture.build();
        let (code, stderr) = fixture.check();
        if code != 1 {
            failures.push(format!(
                "{case}: check exit code {code}, expected 1\n{stderr}"
            ));
        }
        for e in &expected {
            if !stderr.contains(e) {
                failures.push(format!(
                    "{case}: stderr lacks {e:?}\n--- stderr ---\n{stderr}"
                ));
            }
        }
        let out = fixture.build_site(&[]);
        if out.status.code() != Some(1) || fixture.site().exists() {
            failures.push(format!(
                "{case}: build wrote output or exited {:?}",
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_problems_of_the_folder_are_reported_in_one_run() {
    let f = Fixture::mini()
        .edit(P1, "kind: industrial", "kind: industry")
        .edit(
            "parks/p00002.yaml",
            "zone_level: provincial",
            "zone_level: nowhere",
        )
        .edit(M, "weight: 8}", "weight: 9}")
        .edit("parks/p00004.yaml", "tax_wan: 2077.84", "tax_wan: 约1200")
        .edit("parks/p00004.yaml", "tax_wan: 2665.75", "tax_wan: n/a")
        .build();
    let (code, stderr) = f.check();
    assert_eq!(code, 1);
    assert!(stderr.contains("parks/p00001.yaml:6:7: kind:"), "{stderr}");
    assert!(
        stderr.contains("parks/p00002.yaml:5:13: zone_level:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("indicator weights must sum to 100"),
        "{stderr}"
    );
    // Every non-number in every record, not just the first one in the file.
    assert!(
        stderr.contains(
            "parks/p00004.yaml:14:45: years.2022.metrics.tax_wan: not a number (got \"约1200\";"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "parks/p00004.yaml:16:45: years.2023.metrics.tax_wan: not a number (got \"n/a\";"
        ),
        "{stderr}"
    );
    // The broken methodology's note: the 3 park files valid on their own were
    // checked for their values, not for what rating them needs.
    assert!(
        stderr.contains("methodology/2022.yaml: until this methodology is valid, 3 park file(s) are checked for their values only"),
        "{stderr}"
    );
    assert!(
        stderr.contains("6 problems found; nothing was written"),
        "{stderr}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let f = Fixture::mini().build();
    assert!(f.build_site(&[]).status.success());
    let before = read_tree(&f.site());
    assert!(before.contains_key("2023/results.json"));
    f.edit(P1, "tax_wan: 5126.9", "tax_wan: -1");
    let out = f.build_site(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(read_tree(&f.site()), before, "old site intact");
    let names: Vec<String> = fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["data", "site"], "no temporary folder left behind");
}

#[test]
fn builds_are_byte_identical_across_runs_and_thread_counts() {
    let f = Fixture::mini().build();
    let mut trees = Vec::new();
    for threads in ["1", "4", "2"] {
        let out = Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args([
                "build",
                "--data",
                "data",
                "--out",
                "site",
                "--audience",
                "internal",
            ])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(f.root())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        trees.push(read_tree(&f.site()));
    }
    assert!(trees[0].len() > 3);
    assert_eq!(trees[0], trees[1]);
    assert_eq!(trees[1], trees[2]);
}

#[test]
fn results_json_follows_the_contract() {
    let f = Fixture::mini().build();
    assert!(f.build_site(&[]).status.success());
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(f.site().join("2023/results.json")).unwrap()).unwrap();
    assert_eq!(json["year"], 2023);
    let s = &json["summary"];
    assert_eq!(s["rated"], 5);
    let tiers = s["tiers"]["A"].as_u64().unwrap()
        + s["tiers"]["B"].as_u64().unwrap()
        + s["tiers"]["C"].as_u64().unwrap();
    assert_eq!(tiers, 5);
    for key in ["parks", "new_enterprises", "enterprises"] {
        let g = &s["goals"][key];
        assert!(
            g["value"].is_number() && g["target"].is_number() && g["met"].is_boolean(),
            "{key}: {g}"
        );
    }
    let parks = json["parks"].as_array().unwrap();
    assert_eq!(parks.len(), 6);
    // Rated by rank, then the vetoed park.
    let ranks: Vec<u64> = parks.iter().filter_map(|p| p["rank"].as_u64()).collect();
    assert_eq!(ranks, [1, 2, 3, 4, 5]);
    let vetoed = &parks[5];
    assert_eq!(vetoed["status"], "vetoed");
    for key in ["rank", "tier", "award", "base", "bonus", "total"] {
        assert!(vetoed[key].is_null(), "{key} of a vetoed park is null");
    }
    let total_awards: f64 = parks.iter().filter_map(|p| p["award"].as_f64()).sum();
    assert_eq!(total_awards, s["awards_total"].as_f64().unwrap());
    for p in parks.iter().filter(|p| p["status"] == "rated") {
        let contributions: f64 = p["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["contribution"].as_f64().unwrap())
            .sum();
        assert!((contributions - p["base"].as_f64().unwrap()).abs() < 1e-6);
        assert!(
            (p["base"].as_f64().unwrap() + p["bonus"].as_f64().unwrap()
                - p["total"].as_f64().unwrap())
            .abs()
                < 1e-6
        );
        assert!(
            p.get("metrics").is_none(),
            "public results have no raw metrics"
        );
    }
    assert!(
        !String::from_utf8(fs::read(f.site().join("2023/results.json")).unwrap())
            .unwrap()
            .contains("生产安全事故\""),
        "no notes in public results"
    );
    // CSV: BOM, Chinese header.
    let csv = fs::read(f.site().join("2023/results.csv")).unwrap();
    assert_eq!(&csv[..3], &[0xEF, 0xBB, 0xBF]);
    assert!(String::from_utf8_lossy(&csv[3..]).starts_with("排名,园区编号,园区名称,县区"));
}

#[test]
fn internal_results_carry_metrics_and_notes() {
    let f = Fixture::mini().build();
    assert!(f.build_site(&["--audience", "internal"]).status.success());
    let text = fs::read_to_string(f.site().join("2023/results.json")).unwrap();
    assert!(text.contains("\"note\": \"2023年发生重大生产安全事故\""));
    assert!(text.contains("\"metrics\": {"));
}

#[test]
fn check_prints_summaries_and_explain_traces_a_park() {
    let f = Fixture::mini().build();
    let out = f.run(&["check", "--data", "data"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("2023: 5 rated (A "), "{stdout}");
    assert!(stdout.contains("goal parks"), "{stdout}");

    let out = f.run(&["explain", "p00001", "--data", "data", "--year", "2023"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "tax_per_mu",
        "x_s =",
        "level score",
        "growth",
        "contribution",
        "base",
        "rank",
        "of 5",
    ] {
        assert!(text.contains(needle), "explain lacks {needle}:\n{text}");
    }
    let out = f.run(&["explain", "p00005", "--data", "data"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("vetoed") && text.contains("发生重大生产安全事故"),
        "{text}"
    );

    let out = f.run(&["explain", "p0001", "--data", "data"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown park is a usage error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `p00001`?"));
    let out = f.run(&["build", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
}
