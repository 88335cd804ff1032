//! The yearly publishing cycle: 公示 scoped to the latest year, `results.json`
//! naming its stage, `corrections_since` validated, and the corrections notice
//! (更正说明) computed on a repository built here (公示 commit, a correction, final).

use std::fs;
use std::path::Path;

use parkscore::analysis::corrections::{Correction, Edit, OwnEdit};
use parkscore::analysis::side::{load_corrections, load_side};
use parkscore::load::{self, SourceFiles};
use parkscore::model::{Hundredths, ParkId, Stage};
use parkscore::present::Audience;
use parkscore::Evaluation;

use crate::support::fixture::{copy_dir, edit_file, Fixture};
use crate::support::repo::{git, repo_through_the_cycle};
use crate::support::site::render_site;

fn h(x: i64) -> Option<Hundredths> {
    Some(Hundredths(x))
}

fn ids(v: &[ParkId]) -> Vec<&str> {
    v.iter().map(|i| i.as_str()).collect()
}

fn problems_of(dir: &Path) -> String {
    match load::load(&SourceFiles::read_dir(dir).unwrap(), &Default::default()) {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}

// ---------------------------------------------------------------- the stage

/// The fixture evaluates 2022 and 2023 with `stage: gongshi`: only 2023 is under
/// publicity; 2022 is final in every results.json.
#[test]
fn the_gongshi_stage_applies_to_the_latest_year_only() {
    let data = Fixture::city().gongshi().build().load().unwrap();
    assert_eq!(data.latest_year(), Some(2023));
    assert_eq!(data.stage_of(2023), Stage::Gongshi);
    assert_eq!(data.stage_of(2022), Stage::Final);
    let years = parkscore::evaluate::evaluate_all(&data, &Default::default());
    let out = render_site(&Evaluation { data, years }, &[], Audience::Public);
    let stage = |y: i32| {
        let v: serde_json::Value =
            serde_json::from_slice(&out.files()[&format!("{y}/results.json")]).unwrap();
        v["stage"].as_str().unwrap().to_string()
    };
    assert_eq!(stage(2023), "gongshi");
    assert_eq!(stage(2022), "final");

    // Without the setting, every year is final.
    let data = Fixture::city().build().load().unwrap();
    assert_eq!(data.stage_of(2023), Stage::Final);
}

// ---------------------------------------------------------------- the setting

#[test]
fn corrections_since_is_for_the_final_stage_only_and_located() {
    let d = Fixture::city()
        .gongshi()
        .append("site.yaml", "corrections_since: gongshi-2023\n")
        .build();
    let (tmp, site) = (d.data(), d.data().join("site.yaml"));
    // Line 6 of the fixture's site.yaml, after title, publisher, base_url, stage, gongshi.
    let e = problems_of(&tmp);
    let text = fs::read_to_string(&site)
        .unwrap()
        .replace("corrections_since: gongshi-2023\n", "");
    assert!(
        e.contains(
            "site.yaml:6:20: corrections_since: only for the final stage (got stage gongshi;"
        ),
        "{e}"
    );

    let final_site = text
        .replace("stage: gongshi\n", "stage: final\n")
        .replace("gongshi: {", "# gongshi: {");
    for (value, want) in [
        ("\"--output=x\"", "not a git revision (got `--output=x`;"),
        ("\"HEAD 1\"", "not a git revision (got `HEAD 1`;"),
        (
            "\"HEAD:site.yaml\"",
            "not a git revision (got `HEAD:site.yaml`;",
        ),
        ("1234567", "write the revision in quotes (got 1234567;"),
        ("[a, b]", "not a git revision (expected a tag or commit"),
    ] {
        fs::write(&site, format!("{final_site}corrections_since: {value}\n")).unwrap();
        let e = problems_of(&tmp);
        assert!(
            e.contains(&format!("site.yaml:6:20: corrections_since: {want}")),
            "{value}: {e}"
        );
    }
    for ok in ["gongshi-2023", "\"0123abc\"", "v1.2^", "HEAD~2"] {
        fs::write(&site, format!("{final_site}corrections_since: {ok}\n")).unwrap();
        assert_eq!(problems_of(&tmp), "", "{ok}");
    }
}

// ---------------------------------------------------------------- the notice

/// 公示 (fixture a): tax values 50/40/30/20/10 on anchors 10..50 → tax scores
/// 100/90/80/70/60, ops 96/92/88/84/80; totals p1 98.40, p2 90.80, p3 83.20,
/// p4 75.60, p5 68.00; A = p1 (100 万元), p2 (80); C = p5.
///
/// Final: p3's value 30 → 60 moves x_h to 60: tax scores p1 92, p2 84, p3 100,
/// p4 68, p5 60; p4's ops 60 → 70 scores 88. Totals p1 0.6×92 + 0.4×96 = 93.60,
/// p2 50.40 + 36.80 = 87.20, p3 60 + 35.20 = 95.20, p4 40.80 + 35.20 = 76.00,
/// p5 36 + 32 = 68.00 (unchanged). Ranks p3 1, p1 2, p2 3, p4 4, p5 5; A = p3
/// (100), p1 (80); p2 B.
#[test]
fn the_corrections_notice_names_what_changed_and_why_in_public_values() {
    let repo = repo_through_the_cycle();
    let data = repo.path().join("data");
    let now = load_side(data.to_str().unwrap(), &data).unwrap();
    let c = load_corrections(&data, &now.side())
        .unwrap()
        .expect("corrections_since is set");
    assert_eq!(c.year, 2023);
    assert!(c.since.starts_with("gongshi-2023 ("), "{}", c.since);
    assert!(c.since.ends_with(") data/"), "{}", c.since);
    assert!(c.methodology.is_none(), "the methodology did not change");
    assert!(c.crossers_named);

    let order: Vec<&str> = c.parks.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        order,
        vec!["p3", "p1", "p2", "p4"],
        "final order; p5 unchanged"
    );
    assert_eq!(ids(&c.unchanged), vec!["p7"]);
    assert_eq!(c.anchor_moves.len(), 1);
    let mv = &c.anchor_moves[0];
    assert_eq!(mv.indicator, "tax_per_mu");
    assert_eq!((mv.old, mv.new), (Some((10.0, 50.0)), Some((10.0, 60.0))));
    assert_eq!(ids(&mv.moved_by), vec!["p3"]);

    let park = |id: &str| -> &Correction { c.parks.iter().find(|p| p.id.as_str() == id).unwrap() };
    // p3: its own correction; a private metric is named, never valued.
    let p3 = park("p3");
    let (before, after) = (p3.before.unwrap(), p3.after.unwrap());
    assert_eq!((before.total, after.total), (h(8320), h(9520)));
    assert_eq!((before.rank, after.rank), (Some(3), Some(1)));
    assert_eq!((before.award, after.award), (h(0), h(10000)));
    assert_eq!(
        p3.edits,
        vec![Edit::PrivateMetric {
            year: 2023,
            metric: "tax_wan".into()
        }]
    );
    assert!(p3.anchors.is_empty(), "it moved the anchor itself");
    let r = p3.ranks.as_ref().unwrap();
    assert_eq!((r.overtaken_by.count, r.passed.count), (0, 2));
    assert!(
        r.passed.corrected.is_empty(),
        "p1 and p2 were not corrected"
    );
    let changed = p3.changed();
    assert!(changed.total && changed.rank && changed.tier && changed.award && !changed.status);

    // p1 and p2: overtaken by the corrected p3, scored against the anchor it moved.
    for (id, total, rank, award) in [
        ("p1", (9840, 9360), (1, 2), (10000, 8000)),
        ("p2", (9080, 8720), (2, 3), (8000, 0)),
    ] {
        let p = park(id);
        let (before, after) = (p.before.unwrap(), p.after.unwrap());
        assert_eq!(
            (before.total, after.total),
            (h(total.0), h(total.1)),
            "{id}"
        );
        assert_eq!(
            (before.rank, after.rank),
            (Some(rank.0), Some(rank.1)),
            "{id}"
        );
        assert_eq!(
            (before.award, after.award),
            (h(award.0), h(award.1)),
            "{id}"
        );
        assert!(p.edits.is_empty(), "{id}");
        assert_eq!(p.anchors, vec![0], "{id}");
        let r = p.ranks.as_ref().unwrap();
        assert_eq!(r.overtaken_by.count, 1, "{id}");
        assert_eq!(ids(&r.overtaken_by.corrected), vec!["p3"], "{id}");
        assert_eq!(r.passed.count, 0, "{id}");
    }
    assert!(park("p2").changed().tier, "A → B");
    assert!(!park("p1").changed().tier, "A stays A");

    // p4: a public metric shows its values; rank unchanged, so no crossers.
    let p4 = park("p4");
    assert_eq!(
        (p4.before.unwrap().total, p4.after.unwrap().total),
        (h(7560), h(7600))
    );
    assert_eq!(
        p4.edits,
        vec![Edit::Metric {
            year: 2023,
            metric: "ops_score".into(),
            old: Some(60.0),
            new: Some(70.0)
        }]
    );
    assert_eq!(p4.anchors, vec![0]);
    assert!(p4.ranks.is_none());
    assert!(!p4
        .edits
        .iter()
        .any(|e| matches!(e, Edit::Other(OwnEdit::Metric { .. }))));
}

/// Writes `site` as data/site.yaml and asks for the notice; the error as text.
fn notice_error(data: &Path, site: &str) -> String {
    fs::write(data.join("site.yaml"), site).unwrap();
    let now = load_side(data.to_str().unwrap(), data).unwrap();
    match load_corrections(data, &now.side()) {
        Ok(c) => panic!("a notice: {c:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn without_the_setting_there_is_no_notice_and_a_bad_revision_is_located() {
    let repo = repo_through_the_cycle();
    let data = repo.path().join("data");
    let site = |rev: &str| format!("title: 测试市\npublisher: 测试局\ncorrections_since: {rev}\n");

    fs::write(data.join("site.yaml"), "title: 测试市\npublisher: 测试局\n").unwrap();
    let now = load_side(data.to_str().unwrap(), &data).unwrap();
    assert!(load_corrections(&data, &now.side()).unwrap().is_none());

    let e = notice_error(&data, &site("gongshi-2099"));
    assert!(
        e.contains("site.yaml:3:20: corrections_since: not a git revision of the data folder's repository (got `gongshi-2099`; expected the tag or commit of the 公示 edition, e.g. gongshi-2024)"),
        "{e}"
    );

    // A data folder outside any repository.
    let loose = tempfile::tempdir().unwrap();
    copy_dir(&data, loose.path());
    let e = notice_error(loose.path(), &site("gongshi-2023"));
    assert!(
        e.contains("site.yaml:3:20: corrections_since: needs the data folder in a git repository to read the 公示 edition (got "),
        "{e}"
    );

    // A 公示 edition of another year: the tag of an edition with no 2023 record.
    for p in ["p1", "p2", "p3", "p4", "p5", "p7", "p8"] {
        edit_file(&data, &format!("parks/{p}.yaml"), "  2023:", "  2022:");
    }
    let m = data.join("methodology");
    fs::copy(m.join("2023.yaml"), m.join("2022.yaml")).unwrap();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "2022 公示"]);
    git(repo.path(), &["tag", "gongshi-2022"]);
    git(
        repo.path(),
        &["checkout", "-q", "gongshi-2023", "--", "data/parks"],
    );
    fs::remove_file(m.join("2022.yaml")).unwrap();
    let e = notice_error(&data, &site("gongshi-2022"));
    assert!(
        e.contains("site.yaml:3:20: corrections_since: the 公示 edition gongshi-2022 (")
            && e.contains(
                ") data/ is not of 2023 (got an edition whose latest evaluated year is 2022;"
            ),
        "{e}"
    );
}

/// `check` reads the notice too, so a wrong revision is caught before a build:
/// p3, p1, p2, p4 changed (totals 4; ranks p3, p1, p2; tiers p3, p2; awards p3,
/// p1, p2), p7 was corrected without effect.
#[test]
fn check_summarises_the_notice_and_rejects_a_bad_revision() {
    let repo = repo_through_the_cycle();
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args(["check", "--data", "data"])
            .current_dir(repo.path())
            .output()
            .unwrap()
    };
    let out = run();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("2023 corrections since gongshi-2023 (")
            && stdout.contains(") data/: 4 park(s) changed (status 0, total 4, rank 3, tier 2, award 3); 1 corrected without a change of result\n"),
        "{stdout}"
    );

    edit_file(
        &repo.path().join("data"),
        "site.yaml",
        "gongshi-2023",
        "gongshi-2032",
    );
    let out = run();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("site.yaml:4:20: corrections_since: not a git revision of the data folder's repository (got `gongshi-2032`;"),
        "{stderr}"
    );
}
