//! Output-writer benchmark (not a timed test): the write stage alone, on a site
//! rendered once in memory. Fresh writes with 1–8 writer threads, a rewrite with
//! nothing changed, one changed file, and the two ways to find unchanged files
//! (the file on disk vs a manifest of hashes), one thread each, warm cache.
//!
//! PARKSCORE_BENCH_DATA=<data dir> [PARKSCORE_BENCH_OUT=<dir>] cargo bench --bench write

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use parkscore::present::Audience;
use parkscore::write::{Output, Sink, SiteWriter, WriteStats};
use parkscore::DataSource;

fn main() {
    let Ok(data) = std::env::var("PARKSCORE_BENCH_DATA") else {
        eprintln!("set PARKSCORE_BENCH_DATA to a data folder");
        return;
    };
    let dir = std::env::var("PARKSCORE_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target/bench/write"));
    let eval = parkscore::evaluate(&DataSource::Dir(PathBuf::from(&data)), &Default::default())
        .expect("data loads");
    let output = parkscore::render(&eval, &parkscore::RenderOptions::of(Audience::Public))
        .expect("site renders");
    println!(
        "site: {} files, {} MiB",
        output.len(),
        output.total_bytes() >> 20
    );
    let _ = fs::remove_dir_all(&dir);
    // Rounds of 1, 2, 4, 8 threads in turn, so a drift of the machine's speed
    // shows in every thread count alike; ratios are taken within a round.
    let counts = [1, 2, 4, 8];
    let mut times = vec![Vec::new(); counts.len()];
    for round in 0..5 {
        for (i, threads) in counts.iter().enumerate() {
            let out = dir.join(format!("fresh-{threads}-{round}"));
            times[i].push(timed(|| write(&out, &output, *threads)).0);
            fs::remove_dir_all(&out).expect("remove a timed folder");
        }
    }
    for (i, threads) in counts.iter().enumerate() {
        let ratios: Vec<f64> = times[i]
            .iter()
            .zip(&times[0])
            .map(|(t, one)| t / one)
            .collect();
        println!(
            "fresh write, {threads} threads: {} s; ratio to 1 thread {}",
            medians(times[i].clone()),
            medians(ratios)
        );
    }
    let out = dir.join("site");
    write(&out, &output, 4);
    let (t, s) = timed(|| write(&out, &output, 4));
    println!(
        "rewrite, nothing changed: {t:.3} s ({} unchanged)",
        s.unchanged
    );
    let mut one = Output::new();
    for (i, (rel, bytes)) in output.files().iter().enumerate() {
        let mut b = bytes.clone();
        if i == output.len() / 2 {
            b.extend_from_slice(b"<!-- changed -->");
        }
        one.emit(rel.clone(), b).unwrap();
    }
    let (t, s) = timed(|| write(&out, &one, 4));
    println!(
        "rewrite, one file changed: {t:.3} s ({} written)",
        s.written
    );
    compare_strategies(&out, &one);
}

fn write(out: &Path, output: &Output, threads: usize) -> WriteStats {
    let mut w = SiteWriter::open_with_threads(out, threads).expect("opens");
    for (rel, bytes) in output.files() {
        w.put(rel, bytes.clone()).expect("put");
    }
    w.commit().expect("commits")
}

/// Deciding "unchanged" for every file: read and compare the file on disk, or
/// look up (size, mtime, inode, BLAKE3) in a manifest the last build wrote.
fn compare_strategies(out: &Path, output: &Output) {
    let (t_make, manifest) = timed(|| make_manifest(out, output));
    let text: String = manifest
        .iter()
        .map(|(rel, (size, mtime, ino, hash))| format!("{rel}\t{size}\t{mtime}\t{ino}\t{hash}\n"))
        .collect();
    let mpath = out.with_extension("manifest");
    let (mut disk, mut by_manifest, mut io) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let (t, same) = timed(|| {
            let mut buf = vec![0u8; 64 * 1024];
            output
                .files()
                .iter()
                .filter(|(rel, bytes)| same_on_disk(&out.join(rel), bytes, &mut buf))
                .count()
        });
        assert_eq!(same, output.len());
        disk.push(t);
        let (t, manifest) = timed(|| {
            fs::write(&mpath, &text).unwrap();
            parse_manifest(&fs::read_to_string(&mpath).unwrap())
        });
        io.push(t);
        let (t, same) = timed(|| {
            output
                .files()
                .iter()
                .filter(|(rel, bytes)| unchanged_by_manifest(&manifest, out, rel, bytes))
                .count()
        });
        assert_eq!(same, output.len());
        by_manifest.push(t);
    }
    println!("compare with the file on disk: {} s", medians(disk));
    println!(
        "manifest: lstat + look-up + BLAKE3 {} s; write + read it ({} KiB) {} s; hashing the site to make it {t_make:.3} s",
        medians(by_manifest),
        text.len() >> 10,
        medians(io)
    );
}

fn unchanged_by_manifest(manifest: &Manifest, out: &Path, rel: &str, bytes: &[u8]) -> bool {
    let Ok(m) = fs::symlink_metadata(out.join(rel)) else {
        return false;
    };
    manifest.get(rel).is_some_and(|(size, mtime, ino, hash)| {
        *size == m.len()
            && *mtime == m.mtime_nsec() + m.mtime() * 1_000_000_000
            && *ino == m.ino()
            && *hash == blake3::hash(bytes).to_hex().to_string()
    })
}

type Manifest = HashMap<String, (u64, i64, u64, String)>;

fn make_manifest(out: &Path, output: &Output) -> Manifest {
    output
        .files()
        .iter()
        .map(|(rel, bytes)| {
            let m = fs::symlink_metadata(out.join(rel)).unwrap();
            let mtime = m.mtime_nsec() + m.mtime() * 1_000_000_000;
            let hash = blake3::hash(bytes).to_hex().to_string();
            (rel.clone(), (m.len(), mtime, m.ino(), hash))
        })
        .collect()
}

fn parse_manifest(text: &str) -> Manifest {
    text.lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = |i: usize| f[i].parse::<i64>().unwrap();
            (
                f[0].to_string(),
                (n(1) as u64, n(2), n(3) as u64, f[4].to_string()),
            )
        })
        .collect()
}

fn same_on_disk(path: &Path, bytes: &[u8], buf: &mut [u8]) -> bool {
    let Ok(mut f) = fs::File::open(path) else {
        return false;
    };
    if f.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    let mut rest = bytes;
    loop {
        match f.read(buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buf[..n] == rest[..n] => rest = &rest[n..],
            _ => return false,
        }
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let v = f();
    (t.elapsed().as_secs_f64(), v)
}

fn medians(mut t: Vec<f64>) -> String {
    t.sort_by(f64::total_cmp);
    format!(
        "median {:.3} (min {:.3}, max {:.3})",
        t[t.len() / 2],
        t[0],
        t[t.len() - 1]
    )
}
