//! Git repositories built inside a test: the diff and the corrections notice read
//! the data folder at earlier revisions (folders are copied with `workspace::copy_dir`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::workspace::copy_dir;

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

fn fixture_a() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/a")
}

/// Replaces `from` by `to` in `file`, which must contain it.
pub fn edit(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{}: no `{from}`", file.display());
    fs::write(file, text.replace(from, to)).unwrap();
}

/// A repository whose `data/` went through the cycle: the 公示 edition of 2023
/// (tagged gongshi-2023), a correction during the period, then the final edition
/// naming the tag.
pub fn repo_through_the_cycle() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&fixture_a(), &data);
    fs::write(
        data.join("site.yaml"),
        "title: 测试市\npublisher: 测试局\nstage: gongshi\ngongshi: {start: 2024-03-01, end: 2024-03-07, contact: 测试科}\n",
    )
    .unwrap();
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "-A"]);
    git(tmp.path(), &["commit", "-q", "-m", "2023 公示"]);
    git(tmp.path(), &["tag", "gongshi-2023"]);

    // Objections upheld: p3's tax (private), p4's operation score (public), and
    // p7's enterprises (out of scope: no result to change).
    let parks = data.join("parks");
    edit(&parks.join("p3.yaml"), "tax_wan: 3000", "tax_wan: 6000");
    edit(&parks.join("p4.yaml"), "ops_score: 60", "ops_score: 70");
    edit(&parks.join("p7.yaml"), "enterprises: 10", "enterprises: 12");
    git(tmp.path(), &["commit", "-q", "-am", "更正"]);

    fs::write(
        data.join("site.yaml"),
        "title: 测试市\npublisher: 测试局\nstage: final\ncorrections_since: gongshi-2023\n",
    )
    .unwrap();
    git(tmp.path(), &["commit", "-q", "-am", "2023 正式结果"]);
    tmp
}
