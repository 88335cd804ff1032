//! The command line as a user meets it: what `check` says about a broken data
//! folder, the summary every command ends with (snapshots; durations, sizes and
//! ports masked), where each part goes (stdout, stderr, nothing with `--quiet`),
//! and the exit codes README documents (0 success, 1 data problems and failures,
//! 2 usage errors).

use std::fs;
use std::process::Output;

use parkscore::commands::check::CheckOptions;
use parkscore::commands::explain::ExplainOptions;
use parkscore::commands::{Context, Stream, TextOrJson};
use parkscore::present::Audience;
use parkscore::progress::Silent;
use parkscore::{DataSource, Error};

use crate::support::fixture::Workspace;

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// `0.33 s` → `[t] s`, `(4145 KiB` → `([n] KiB`, `127.0.0.1:8000` → `127.0.0.1:[port]`:
/// what changes from run to run, or with every template edit.
fn mask(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(mask_line).collect();
    lines.join("\n")
}

fn mask_line(line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        let number = w.trim_start_matches('(');
        let prefix = &w[..w.len() - number.len()];
        let numeric = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.');
        out.push(
            if numeric && next.trim_end_matches([':', ',', ')']) == "s" {
                format!("{prefix}[t]")
            } else if numeric && next.trim_end_matches([',', ')']) == "KiB" {
                format!("{prefix}[n]")
            } else if let Some((host, rest)) = w.split_once("127.0.0.1:") {
                let tail = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                format!("{host}127.0.0.1:[port]{tail}")
            } else {
                w.to_string()
            },
        );
    }
    out.join(" ")
}

#[test]
fn masking_hides_only_durations_sizes_and_ports() {
    assert_eq!(
        mask("built 12 files (345 KiB) for 2022–2023 in 0.33 s\nafter 63 s: 2 rebuilds"),
        "built 12 files ([n] KiB) for 2022–2023 in [t] s\nafter [t] s: 2 rebuilds"
    );
    assert_eq!(
        mask("wrote r.html (1380 KiB, 47 scorecards) at http://127.0.0.1:8000/ in 2 parks"),
        "wrote r.html ([n] KiB, 47 scorecards) at http://127.0.0.1:[port]/ in 2 parks"
    );
}

/// Five mistakes in four park files (see `tests/fixtures/broken` against `mini`):
/// every one located, with a hint where a name is misspelt, then the count.
#[test]
fn check_locates_every_problem_of_a_broken_folder() {
    let ws = Workspace::new().with("broken", "data");
    let out = ws.run(&["check", "--data", "data"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "", "nothing on stdout");
    let err = stderr(&out);
    assert_eq!(
        err.lines().count(),
        6,
        "five problems and the count:\n{err}"
    );
    insta::assert_snapshot!("check_broken", err);
    // The same with --quiet, and build writes nothing.
    assert_eq!(stderr(&ws.run(&["check", "-q", "--data", "data"])), err);
    let out = ws.run(&["build", "--data", "data", "--out", "site"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!ws.path("site").exists());
}

#[test]
fn check_build_report_and_template_summarise_on_stdout() {
    let ws = Workspace::new().with("mini", "data");
    let out = ws.run(&["check", "--data", "data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    // The mini city has 6 parks: p00005 is vetoed in 2023, the other five rated.
    assert!(
        stdout(&out).contains("2023: 5 rated (A "),
        "{}",
        stdout(&out)
    );
    insta::assert_snapshot!("check_summary", mask(&stdout(&out)));

    let out = ws.run(&["build", "--data", "data", "--out", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = walkdir::WalkDir::new(ws.path("site"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count();
    // Every file written is counted, except the marker of an output folder and
    // the record of the build (`.parkscore-state`).
    assert!(
        stdout(&out).starts_with(&format!("built {} files (", files - 2)),
        "{} files on disk: {}",
        files,
        stdout(&out)
    );
    insta::assert_snapshot!("build_summary", mask(&stdout(&out)));

    let out = ws.run(&["report", "--data", "data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = fs::metadata(ws.path("report-2023.html")).unwrap().len();
    assert!(stdout(&out).contains(&format!("({} KiB,", bytes / 1024)));
    insta::assert_snapshot!("report_summary", mask(&stdout(&out)));

    let out = ws.run(&["template", "--year", "2024", "--data", "data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(ws.path("填报-2024.xlsx").is_file());
    insta::assert_snapshot!("template_summary", mask(&stdout(&out)));

    for cmd in [
        &["check", "--data", "data"][..],
        &["build", "--data", "data", "--out", "site"],
        &["template", "--year", "2024", "--data", "data", "--force"],
    ] {
        let mut args = vec!["--quiet"];
        args.extend_from_slice(cmd);
        let out = ws.run(&args);
        assert!(out.status.success(), "{cmd:?}: {}", stderr(&out));
        assert_eq!(
            (stdout(&out), stderr(&out)),
            (String::new(), String::new()),
            "{cmd:?} --quiet"
        );
    }
}

/// Commands whose product is text print it on stdout and their summary on stderr,
/// so `parkscore explain p > file` keeps the file clean.
#[test]
fn explain_sensitivity_and_diff_summarise_on_stderr() {
    let ws = Workspace::new()
        .with("mini", "data")
        .with("diff/a", "a")
        .with("diff/b", "b");
    let out = ws.run(&["explain", "p00001", "--data", "data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("p00001"));
    insta::assert_snapshot!("explain_summary", mask(&stderr(&out)));

    let out = ws.run(&["sensitivity", "--data", "data", "--runs", "20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("sensitivity_summary", mask(&stderr(&out)));

    let out = ws.run(&["diff", "a", "b", "--format", "json", "--data", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changed: usize = json["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["changed"].as_array().unwrap().len())
        .sum();
    assert!(
        stderr(&out).contains(&format!(": {changed} changed results in ")),
        "{}",
        stderr(&out)
    );
    insta::assert_snapshot!("diff_summary", mask(&stderr(&out)));

    let out = ws.run(&["-q", "explain", "p00001", "--data", "data"]);
    assert!(out.status.success());
    assert!(!stdout(&out).is_empty(), "the product stays with --quiet");
    assert_eq!(stderr(&out), "");
}

/// A CSV in the template's layout (row 1 labels, row 2 keys) that changes one figure.
fn one_change_csv(data: &std::path::Path) -> String {
    let park: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(data.join("parks/p00001.yaml")).unwrap()).unwrap();
    let metrics = park["years"][2023]["metrics"].as_mapping().unwrap();
    let mut keys = vec!["id".to_string(), "name".to_string()];
    let mut values = vec!["p00001".to_string(), String::new()];
    for (k, v) in metrics {
        let k = k.as_str().unwrap();
        keys.push(k.to_string());
        values.push(if k == "tax_wan" {
            "5200".to_string()
        } else {
            serde_json::to_string(&serde_json::to_value(v).unwrap()).unwrap()
        });
    }
    let labels = vec!["标签"; keys.len()];
    format!(
        "{}\n{}\n{}\n",
        labels.join(","),
        keys.join(","),
        values.join(",")
    )
}

#[test]
fn import_lists_each_change_then_what_it_wrote() {
    let ws = Workspace::new().with("mini", "data");
    fs::write(ws.path("填报-2023.csv"), one_change_csv(&ws.path("data"))).unwrap();
    let before = fs::read_to_string(ws.path("data/parks/p00001.yaml")).unwrap();

    let out = ws.run(&["import", "填报-2023.csv", "--data", "data", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("import_dry_run", stdout(&out));
    let now = fs::read_to_string(ws.path("data/parks/p00001.yaml")).unwrap();
    assert_eq!(now, before, "a dry run writes nothing");

    let out = ws.run(&["import", "填报-2023.csv", "--data", "data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("wrote 1 file(s) in data\n"));
    let after = fs::read_to_string(ws.path("data/parks/p00001.yaml")).unwrap();
    assert_eq!(
        after,
        before.replacen("tax_wan: 5126.9,", "tax_wan: 5200,", 1)
    );
}

#[cfg(unix)]
#[test]
fn serve_ends_with_a_summary_after_ctrl_c() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let ws = Workspace::new().with("mini", "data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parkscore"))
        .args(["serve", "--data", "data", "--port", "0"])
        .current_dir(ws.path(""))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let serving = lines.next().unwrap().unwrap();
    let serving = if serving.starts_with("built") {
        lines.next().unwrap().unwrap()
    } else {
        serving
    };
    assert!(serving.starts_with("serving data (internal) at http://127.0.0.1:"));
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(child.wait().unwrap().success());
    insta::assert_snapshot!("serve_summary", mask(&rest.join("\n")));
}

/// (arguments, the exit code README promises, what stderr must say)
fn exit_cases() -> Vec<(Vec<&'static str>, i32, &'static str)> {
    vec![
        (vec!["explain", "p0001", "--data", "data"], 2, "error: no park `p0001`; did you mean `p00001`?"),
        (vec!["explain", "p00001", "--year", "2019", "--data", "data"], 2, "error: 2019 is not an evaluated year (evaluated: 2022, 2023)"),
        (vec!["sensitivity", "--year", "2019", "--data", "data"], 2, "error: 2019 is not an evaluated year (evaluated: 2022, 2023)"),
        (vec!["report", "--year", "2019", "--data", "data"], 2, "error: 2019 is not an evaluated year (evaluated: 2022, 2023)"),
        (vec!["diff", "data", "data", "--year", "2019", "--data", "data"], 2, "error: 2019 is evaluated by neither data nor data"),
        (vec!["serve", "--data", "nope", "--port", "0"], 1, "error: nope: data folder not found"),
        (vec!["serve", "--data", "data", "--templates", "nope", "--port", "0"], 1, "error: nope: templates folder not found"),
        (vec!["check", "--data", "nope"], 1, "error: nope: data folder not found"),
        (vec!["import", "x.csv", "--data", "data"], 2, "error: x.csv: which year is this? (pass --year; the file declares none)"),
        (vec!["build", "--bogus"], 2, "unexpected argument '--bogus'"),
        (vec!["sensitivity", "--spread", "1.5"], 2, "must be in [0, 1)"),
        (vec!["import", "nope.xlsx", "--data", "data"], 1, "error: nope.xlsx: No such file or directory (os error 2)\n"),
        (vec!["template", "--year", "2024", "--data", "data", "--out", "x.csv"], 1, "error: x.csv: exists (a filled workbook?); pass --force to replace it or --out for another name"),
        (vec!["import", "x.xlsx", "--data", "data", "--year", "2023"], 1, "error: x.xlsx: not a readable workbook ("),
    ]
}

#[test]
fn exit_codes_follow_the_documented_table() {
    let ws = Workspace::new().with("mini", "data");
    fs::write(ws.path("x.csv"), "id\nid\np00001\n").unwrap();
    fs::write(ws.path("x.xlsx"), "not a workbook").unwrap();
    let mut failures = Vec::new();
    for (args, code, says) in exit_cases() {
        let out = ws.run(&args);
        if out.status.code() != Some(code) || !stderr(&out).contains(says) {
            failures.push(format!(
                "{args:?}: exit {:?} (expected {code}), stderr:\n{}",
                out.status.code(),
                stderr(&out)
            ));
        }
        if !out.stdout.is_empty() {
            failures.push(format!("{args:?}: stdout not empty: {}", stdout(&out)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Import needs a folder to write into: without ./data, as without --data's folder.
    let empty = Workspace::new();
    let out = empty.run(&["import", "x.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("import needs a data folder to write into"));
    // --help tells the same table.
    let help = stdout(&empty.run(&["--help"]));
    assert!(help.contains("Exit codes: 0 success; 1 the data or methodology has problems"));
    assert!(
        help.contains("2 usage error: an unknown option or value, or a park, year or git revision")
    );
}

#[test]
fn the_year_is_the_one_asked_for_or_the_latest() {
    // The sample city's data runs 2021–2023; growth needs a year before, so 2022 and 2023 are evaluated.
    let eval = parkscore::evaluate(&DataSource::Embedded, &Default::default()).unwrap();
    assert_eq!(eval.pick_year(None).unwrap().year, 2023);
    assert_eq!(eval.pick_year(Some(2022)).unwrap().year, 2022);
    match eval.pick_year(Some(2019)) {
        Err(Error::UnknownYear { year, evaluated }) => {
            assert_eq!((year, evaluated), (2019, vec![2022, 2023]));
        }
        other => panic!("expected UnknownYear, got {:?}", other.map(|r| r.year)),
    }
}

/// The library runs a command without a process: the value says what to print where.
#[test]
fn commands_return_what_to_print() {
    let ctx = Context {
        started: std::time::Instant::now(),
        progress: &Silent,
    };
    let checked = parkscore::commands::check::run(
        &CheckOptions {
            data: DataSource::Embedded,
        },
        &ctx,
    )
    .unwrap();
    assert_eq!(checked.output, "");
    assert_eq!(checked.summary_to, Stream::Stdout);
    assert!(checked.summary.starts_with("2022: "));
    // The embedded sample city is the repository's data folder.
    let parks = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/parks"))
        .unwrap()
        .count();
    let last = checked.summary.lines().last().unwrap();
    assert!(
        last.starts_with(&format!(
            "ok: {parks} parks, 2022–2023 checked from the embedded sample city in "
        )),
        "{last}"
    );

    let mut opts = ExplainOptions {
        park: "gx-dianzi".into(),
        year: Some(2023),
        data: DataSource::Embedded,
        audience: Audience::Internal,
        format: TextOrJson::Json,
    };
    let explained = parkscore::commands::explain::run(&opts, &ctx).unwrap();
    let json: serde_json::Value = serde_json::from_str(&explained.output).unwrap();
    assert_eq!(json["park"]["id"], "gx-dianzi");
    assert_eq!(explained.summary_to, Stream::Stderr);
    assert!(explained
        .summary
        .starts_with("explained gx-dianzi for 2023 from the embedded sample city in "));
    opts.park = "gx-dianz".into();
    match parkscore::commands::explain::run(&opts, &ctx) {
        Err(e @ Error::UnknownPark { .. }) => {
            assert_eq!(
                e.to_string(),
                "no park `gx-dianz`; did you mean `gx-dianzi`?"
            );
            assert_eq!(e.exit_code(), 2);
        }
        other => panic!("expected UnknownPark, got {:?}", other.map(|o| o.summary)),
    }
}
