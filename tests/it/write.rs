//! The output folder (docs/output.md): an incremental rebuild equals a fresh
//! build; a build killed at any point leaves the old or the new site once the
//! next command ran; a second build into a locked folder fails clearly.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use parkscore::present::Audience;
use parkscore::{BuildOptions, DataSource};

use crate::support::fixture::{copy_dir, edit_file as edit, Fixture};
use crate::support::tree::{differences, read_all, read_site, Entry, STATE};

const MINI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");
/// The sample city the binary embeds (48 parks).
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

/// A build into `out`, returning what the writer did.
fn build_lib(data: &Path, out: &Path, audience: Audience) -> parkscore::write::WriteStats {
    parkscore::build(&BuildOptions {
        data: DataSource::Dir(data.to_path_buf()),
        out: out.to_path_buf(),
        audience,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("build into {}: {e}", out.display()))
    .write
}

/// A public build into `out`, returning what the writer did.
fn build_stats(data: &Path, out: &Path) -> parkscore::write::WriteStats {
    build_lib(data, out, Audience::Public)
}

fn assert_same(got: &BTreeMap<String, Entry>, want: &BTreeMap<String, Entry>, what: &str) {
    let diff = differences(got, want);
    assert!(
        diff.is_empty(),
        "{what}: {} paths differ: {diff:?}",
        diff.len()
    );
}

#[cfg(unix)]
fn inodes(root: &Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.file_name() != STATE)
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, (m.ino(), m.modified().unwrap()))
        })
        .collect()
}

/// A change to a data folder.
type Edit<'a> = &'a dyn Fn(&Path);

/// Issue 9: after each edit, an incremental rebuild into the existing folder is
/// byte for byte the tree a fresh build into an empty folder makes.
#[cfg(unix)]
#[test]
fn an_incremental_rebuild_equals_a_fresh_build_after_every_kind_of_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    Fixture::mini().write(&data);
    let inc = tmp.path().join("site");
    build_lib(&data, &inc, Audience::Public);
    let edits: [(&str, Edit); 5] = [
        ("the audience, public → internal", &|_| {}),
        ("a metric", &|d| {
            edit(d, "parks/p00001.yaml", "tax_wan: 5126.9", "tax_wan: 5326.9")
        }),
        ("a note (internal only)", &|d| {
            edit(
                d,
                "parks/p00005.yaml",
                "2023年发生重大生产安全事故",
                "2023年发生重大生产安全事故（已复核）",
            )
        }),
        ("a methodology weight", &|d| {
            edit(
                d,
                "methodology/2022.yaml",
                "weight: 20, split",
                "weight: 22, split",
            );
            edit(
                d,
                "methodology/2022.yaml",
                "weight: 10, split",
                "weight: 8, split",
            );
        }),
        ("deleting a park", &|d| {
            fs::remove_file(d.join("parks/p00006.yaml")).unwrap()
        }),
    ];
    for (i, (what, apply)) in edits.iter().enumerate() {
        apply(&data);
        let before = read_all(&inc);
        let identities = inodes(&inc);
        build_lib(&data, &inc, Audience::Internal);
        let fresh = tmp.path().join(format!("fresh-{i}"));
        build_lib(&data, &fresh, Audience::Internal);
        let after = read_all(&inc);
        assert_same(&after, &read_all(&fresh), what);
        assert_ne!(
            after, before,
            "{what}: the edit changed nothing, so the case tests nothing"
        );
        // Files whose bytes did not change kept their inode and mtime.
        let now = inodes(&inc);
        for (rel, id) in &identities {
            if before.get(rel) == after.get(rel) {
                assert_eq!(now.get(rel), Some(id), "{what}: {rel} was rewritten");
            }
        }
    }
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        7,
        "data, site, 5 fresh folders; nothing else: {names:?}"
    );
}

/// Issue 9: editing one park rewrites only the pages that show it. The sample
/// city (48 parks); the metric has fixed anchors, so no other park's scores move.
/// Pages about the whole data set (home, downloads) carry the data fingerprint
/// and change too; every other page leaves it out.
#[test]
fn a_one_park_edit_rewrites_only_the_pages_that_show_that_park() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(Path::new(SAMPLE), &data);
    let inc = tmp.path().join("site");
    build_lib(&data, &inc, Audience::Public);
    let before = read_site(&inc);
    edit(
        &data,
        "parks/ap-jiaju-cy.yaml",
        "ops_score: 76.39",
        "ops_score: 77.39",
    );
    let stats = build_stats(&data, &inc);
    let after = read_site(&inc);
    let fresh = tmp.path().join("fresh");
    build_lib(&data, &fresh, Audience::Public);
    assert_same(&after, &read_site(&fresh), "one park's metric");
    let changed: Vec<&String> = after
        .iter()
        .filter(|(rel, e)| matches!(e, Entry::File(_)) && before.get(*rel) != Some(*e))
        .map(|(rel, _)| rel)
        .collect();
    assert_eq!(
        stats.written,
        changed.len(),
        "written = changed: {changed:?}"
    );
    assert_eq!(stats.removed, 0);
    assert_eq!(stats.unchanged + stats.written, stats.files);
    for own in ["parks/ap-jiaju-cy.html", "2023/parks/ap-jiaju-cy.html"] {
        assert!(changed.iter().any(|c| *c == own), "{own} not rewritten");
    }
    for whole in ["index.html", "downloads/index.html"] {
        assert!(changed.iter().any(|c| *c == whole), "{whole} not rewritten");
    }
    // Other parks' pages change only where a rank or a robustness figure moved.
    let others = changed
        .iter()
        .filter(|c| c.contains("parks/") && !c.ends_with("parks/index.html"))
        .filter(|c| !c.contains("ap-jiaju-cy"))
        .count();
    assert!(others <= 6, "other parks' pages rewritten: {changed:?}");
    // A tenth of the site at most (17 of 168 files per edition when this was written).
    assert!(
        stats.written * 10 <= stats.files && stats.files > 150,
        "{} of {} files rewritten: {changed:?}",
        stats.written,
        stats.files
    );
    // The fingerprint is on the home page, not on a scorecard.
    let text = |rel: &str| match &after[rel] {
        Entry::File(b) => String::from_utf8_lossy(b).into_owned(),
        _ => panic!("{rel} is not a file"),
    };
    assert!(text("index.html").contains("class=\"data-hash\""));
    assert!(!text("2023/parks/ap-xinneng.html").contains("class=\"data-hash\""));
}

/// Issue 9: a rebuild with the same inputs into the folder the last build left
/// stops early (the record of that build is not even rewritten) and touches no
/// file; a changed input or a hand edit of the output's bytes makes it run whole.
#[cfg(unix)]
#[test]
fn a_rebuild_with_nothing_changed_stops_early_and_anything_else_runs_whole() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(Path::new(MINI), &data);
    let site = tmp.path().join("site");
    let first = build_stats(&data, &site);
    let record = site.join(STATE);
    // The record is replaced by a new file when the build runs whole (its inode may be reused).
    let id = |p: &Path| {
        let m = fs::metadata(p).unwrap();
        (m.ino(), m.modified().unwrap())
    };
    let (record_id, files) = (id(&record), inodes(&site));
    let again = build_stats(&data, &site);
    assert_eq!((again.files, again.bytes), (first.files, first.bytes));
    assert_eq!((again.written, again.unchanged), (0, first.files));
    assert_eq!(id(&record), record_id, "the build ran whole");
    assert_eq!(inodes(&site), files);

    // Hand edits of the output: same size, a removed file, an extra file.
    let fresh = tmp.path().join("fresh");
    build_lib(&data, &fresh, Audience::Public);
    let page = site.join("parks/p00001.html");
    let mut bytes = fs::read(&page).unwrap();
    bytes[0] ^= 1;
    fs::write(&page, &bytes).unwrap();
    fs::remove_file(site.join("2023/results.csv")).unwrap();
    fs::write(site.join("extra.html"), "x").unwrap();
    let repaired = build_stats(&data, &site);
    assert_eq!((repaired.written, repaired.removed), (2, 1));
    assert_same(&read_all(&site), &read_all(&fresh), "after hand edits");

    // The record names contents only: a fresh build leaves the same bytes.
    assert_eq!(
        fs::read(&record).unwrap(),
        fs::read(fresh.join(STATE)).unwrap()
    );

    // A changed input: the data, or a file load does not know (yet).
    fs::write(data.join("notes.txt"), "x").unwrap();
    let record_id = id(&record);
    build_stats(&data, &site);
    assert_ne!(
        id(&record),
        record_id,
        "a new data file must make the build run whole"
    );
    edit(
        &data,
        "parks/p00001.yaml",
        "tax_wan: 5126.9",
        "tax_wan: 5326.9",
    );
    let edited = build_stats(&data, &site);
    assert!(edited.written > 0);
    let fresh = tmp.path().join("fresh-edited");
    build_lib(&data, &fresh, Audience::Public);
    assert_same(&read_all(&site), &read_all(&fresh), "after the edit");
    assert_eq!(
        fs::read(&record).unwrap(),
        fs::read(fresh.join(STATE)).unwrap()
    );
}

/// The templates folder beside the data is an input too: editing it after a build
/// must not let the next build stop early with the old look.
#[test]
fn an_edited_templates_folder_makes_the_rebuild_run_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(Path::new(MINI), &data);
    let css = tmp.path().join("templates/assets/site.css");
    fs::create_dir_all(css.parent().unwrap()).unwrap();
    fs::write(&css, "body { color: #111111; }\n").unwrap();
    let site = tmp.path().join("site");
    build_stats(&data, &site);
    assert_eq!(
        fs::read_to_string(site.join("assets/site.css")).unwrap(),
        "body { color: #111111; }\n"
    );
    fs::write(&css, "body { color: #222222; }\n").unwrap();
    let again = build_stats(&data, &site);
    assert_eq!(again.written, 1, "only the stylesheet changed");
    assert_eq!(
        fs::read_to_string(site.join("assets/site.css")).unwrap(),
        "body { color: #222222; }\n"
    );
}

/// The mini city, then a new city: one metric, one methodology weight, a park
/// gone and a park added (a new folder), so the switch renames, replaces and removes.
fn old_and_new(base: &Path) -> (PathBuf, PathBuf) {
    let old = base.join("data-old");
    Fixture::mini().write(&old);
    let p7 = fs::read_to_string(old.join("parks/p00006.yaml"))
        .unwrap()
        .replace("id: p00006", "id: p00007")
        .replace("溪湾", "新港");
    let new = base.join("data-new");
    Fixture::mini()
        .park("p00001", |p| p.metric(2023, "tax_wan", "5326.9"))
        .edit(
            "methodology/2022.yaml",
            "weight: 20, split",
            "weight: 22, split",
        )
        .edit(
            "methodology/2022.yaml",
            "weight: 10, split",
            "weight: 8, split",
        )
        .file("parks/p00007.yaml", p7)
        .remove("parks/p00005.yaml")
        .write(&new);
    (old, new)
}

fn parkscore(cwd: &Path, args: &[&str], kill: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_parkscore"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("PARKSCORE_TEST_KILL");
    if let Some(point) = kill {
        cmd.env("PARKSCORE_TEST_KILL", point);
    }
    cmd.output().unwrap()
}

fn build_bin(cwd: &Path, data: &Path, kill: Option<&str>) -> Output {
    let data = data.to_str().unwrap();
    parkscore(cwd, &["build", "--data", data, "--out", "site"], kill)
}

#[cfg(unix)]
fn killed(out: &Output) -> bool {
    use std::os::unix::process::ExitStatusExt;
    out.status.signal() == Some(9)
}

/// Issue 9 and issue 14 item 6: SIGKILL a build over an existing site at points
/// of every phase; a reader sees the old site until the switch; the next command
/// (here `check`, which does not write) leaves exactly the old or the new site
/// and no temporary inside the folder or next to it.
#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_old_or_the_new_site_once_the_next_command_ran() {
    let base = tempfile::tempdir().unwrap();
    let (old, new) = old_and_new(base.path());
    let refs = base.path().join("refs");
    fs::create_dir(&refs).unwrap();
    for (name, data) in [("old", &old), ("new", &new)] {
        fs::create_dir(refs.join(name)).unwrap();
        assert!(build_bin(&refs.join(name), data, None).status.success());
    }
    let (ref_old, ref_new) = (
        read_all(&refs.join("old/site")),
        read_all(&refs.join("new/site")),
    );
    assert_ne!(ref_old, ref_new);
    // (kill point, whether the switch had begun)
    let points = [
        ("temp:1", false),
        ("temp:7", false),
        ("journal", false),
        ("rename:1", true),
        ("rename:6", true),
        ("delete:1", true),
        ("delete:3", true),
        ("switched", true),
    ];
    for (point, switching) in points {
        let work = base
            .path()
            .join(format!("work-{}", point.replace(':', "-")));
        copy_dir(&refs.join("old/site"), &work.join("site"));
        let run = build_bin(&work, &new, Some(point));
        assert!(
            killed(&run),
            "{point}: not killed: {:?} {}",
            run.status,
            String::from_utf8_lossy(&run.stderr)
        );
        if !switching {
            assert_same(
                &read_site(&work.join("site")),
                &read_site(&refs.join("old/site")),
                point,
            );
        }
        let check = parkscore(&work, &["check", "--data", new.to_str().unwrap()], None);
        assert!(
            check.status.success(),
            "{point}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert!(
            stderr.contains("recovered"),
            "{point}: check says what it recovered: {stderr}"
        );
        let want = if switching || point == "journal" {
            &ref_new
        } else {
            &ref_old
        };
        assert_same(&read_all(&work.join("site")), want, point);
        let names: Vec<_> = fs::read_dir(&work)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["site"], "{point}: nothing next to the site");
    }
}

/// A kill during the recovery itself is recovered by the command after it.
#[cfg(unix)]
#[test]
fn a_recovery_killed_halfway_is_finished_by_the_next_command() {
    let base = tempfile::tempdir().unwrap();
    let (old, new) = old_and_new(base.path());
    let work = base.path().join("work");
    fs::create_dir(&work).unwrap();
    assert!(build_bin(&work, &new, None).status.success());
    let want = read_all(&work.join("site"));
    assert!(build_bin(&work, &old, None).status.success());
    assert!(killed(&build_bin(&work, &new, Some("rename:2"))));
    let check = |kill| parkscore(&work, &["check", "--data", new.to_str().unwrap()], kill);
    assert!(
        killed(&check(Some("rename:1"))),
        "killed again, inside recovery"
    );
    assert!(check(None).status.success());
    assert_same(&read_all(&work.join("site")), &want, "after two kills");
    // A build after a kill recovers first as well, then writes incrementally.
    assert!(killed(&build_bin(&work, &old, Some("delete:1"))));
    assert!(build_bin(&work, &new, None).status.success());
    assert_same(&read_all(&work.join("site")), &want, "build after a kill");
}

/// The swap scheme before the journal could leave no `site/` at all (a kill
/// between its two renames); the next command restores it and cleans up.
#[cfg(unix)]
#[test]
fn the_next_command_repairs_what_the_old_swap_scheme_left() {
    let base = tempfile::tempdir().unwrap();
    let work = base.path().join("work");
    fs::create_dir(&work).unwrap();
    assert!(build_bin(&work, Path::new(MINI), None).status.success());
    let want = read_all(&work.join("site"));
    fs::rename(work.join("site"), work.join(".site.old-999999998")).unwrap();
    fs::create_dir_all(work.join(".site.tmp-999999998/2023")).unwrap();
    fs::write(work.join(".site.tmp-999999998/2023/index.html"), "half").unwrap();
    fs::create_dir_all(work.join(".site.tmp-999999997")).unwrap();
    let check = parkscore(&work, &["check", "--data", MINI], None);
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr).contains("restored"));
    assert_same(&read_all(&work.join("site")), &want, "restored");
    let names: Vec<_> = fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["site"]);
}

/// Two builds into one folder at once: the second fails at once, naming the folder and the first.
#[test]
fn a_second_build_into_a_locked_folder_fails_naming_the_holder() {
    let base = tempfile::tempdir().unwrap();
    let work = base.path();
    assert!(build_bin(work, Path::new(MINI), None).status.success());
    let before = read_all(&work.join("site"));
    let holder = parkscore::write::SiteWriter::open(&work.join("site")).unwrap();
    let run = build_bin(work, Path::new(MINI), None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("site: another parkscore process"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("pid {}", std::process::id())),
        "{stderr}"
    );
    drop(holder);
    assert_same(
        &read_all(&work.join("site")),
        &before,
        "untouched by either",
    );
    assert!(build_bin(work, Path::new(MINI), None).status.success());
}

/// A folder that is not parkscore output is never replaced.
#[test]
fn a_foreign_folder_is_refused_and_left_as_it_was() {
    let base = tempfile::tempdir().unwrap();
    let site = base.path().join("site");
    fs::create_dir(&site).unwrap();
    fs::write(site.join("notes.txt"), "mine").unwrap();
    let run = build_bin(base.path(), Path::new(MINI), None);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("not a parkscore output folder"), "{stderr}");
    assert_eq!(read_all(&site).len(), 1);
}

/// Kills from outside, at moments spread over a whole build (not at chosen
/// points): whatever the moment, the next command leaves the old or the new site.
#[cfg(unix)]
#[test]
fn a_build_killed_from_outside_at_any_moment_leaves_one_whole_site() {
    let base = tempfile::tempdir().unwrap();
    let (old, new) = old_and_new(base.path());
    let refs = base.path().join("refs");
    fs::create_dir(&refs).unwrap();
    let t = std::time::Instant::now();
    assert!(build_bin(&refs, &new, None).status.success());
    let full = t.elapsed();
    let ref_new = read_all(&refs.join("site"));
    fs::remove_dir_all(refs.join("site")).unwrap();
    assert!(build_bin(&refs, &old, None).status.success());
    let ref_old = read_all(&refs.join("site"));
    // Most moments fall before the switch (load and render take most of a build):
    // those give the old site; the last ones, past the whole build, the new one.
    for i in 0..12u32 {
        let work = base.path().join(format!("work-{i}"));
        copy_dir(&refs.join("site"), &work.join("site"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args([
                "build",
                "--quiet",
                "--data",
                new.to_str().unwrap(),
                "--out",
                "site",
            ])
            .current_dir(&work)
            .env_remove("PARKSCORE_TEST_KILL")
            .spawn()
            .unwrap();
        std::thread::sleep(full * i / 10);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let check = parkscore(&work, &["check", "--quiet", "--data", MINI], None);
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
        let got = read_all(&work.join("site"));
        if got != ref_old {
            assert_same(&got, &ref_new, &format!("killed after {:?}", full * i / 10));
        }
        let names: Vec<_> = fs::read_dir(&work)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["site"]);
    }
}
