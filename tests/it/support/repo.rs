//! Git repositories built inside a test: the diff and the corrections notice read
//! the data folder at earlier revisions (folders are copied with `fixture::copy_dir`).

use std::fs;
use std::path::Path;
use std::process::Command;

use super::fixture::{edit_file, Fixture};

/// Runs git in `dir` with a fixed identity and no signing; panics on failure.
pub fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

/// A repository whose `data/` went through the cycle: the 公示 edition of 2023
/// (tagged gongshi-2023), a correction during the period, then the final edition
/// naming the tag.
pub fn repo_through_the_cycle() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    Fixture::committed("diff/a")
        .file(
            "site.yaml",
            "title: 测试市\npublisher: 测试局\nstage: gongshi\ngongshi: {start: 2024-03-01, end: 2024-03-07, contact: 测试科}\n",
        )
        .write(&data);
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "-A"]);
    git(tmp.path(), &["commit", "-q", "-m", "2023 公示"]);
    git(tmp.path(), &["tag", "gongshi-2023"]);

    // Objections upheld: p3's tax (private), p4's operation score (public), and
    // p7's enterprises (out of scope: no result to change).
    edit_file(&data, "parks/p3.yaml", "tax_wan: 3000", "tax_wan: 6000");
    edit_file(&data, "parks/p4.yaml", "ops_score: 60", "ops_score: 70");
    edit_file(&data, "parks/p7.yaml", "enterprises: 10", "enterprises: 12");
    git(tmp.path(), &["commit", "-q", "-am", "更正"]);

    fs::write(
        data.join("site.yaml"),
        "title: 测试市\npublisher: 测试局\nstage: final\ncorrections_since: gongshi-2023\n",
    )
    .unwrap();
    git(tmp.path(), &["commit", "-q", "-am", "2023 正式结果"]);
    tmp
}
