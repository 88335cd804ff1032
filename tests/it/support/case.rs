//! Hostile data folders described as small edit scripts on the `mini` fixture
//! (`tests/fixtures/hostile/*.case`), so that each case of issue 14 is a readable
//! file: what was done to the data, and exactly what `check` must answer.
//!
//! ```text
//! # a comment
//! in methodology/2022.yaml          select a file for the edits below
//! replace cap: 10 => cap: .nan      the first occurrence (it must exist)
//! prepend \xEF\xBB\xBF              / append TEXT
//! write pages/a.md TEXT             a whole file
//! remove parks                      a file or folder
//! symlink parks/a.yaml -> ../x      fifo PATH, mkdir PATH
//! expect FILE:LINE:COL: …           every problem, in order; or `expect ok`
//! ```
//! Values understand `\xNN`, `\t`, `\n`, `\\` and `⟦N×TEXT⟧` (TEXT repeated N times).

use std::fs;
use std::path::{Path, PathBuf};

use super::fixture::copy_dir;

/// The fixture every case edits.
pub fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

/// A parsed case: its name, what it expects, and the edits.
pub struct Case {
    pub name: String,
    /// Every problem line, in order; empty means `expect ok` (loads, same results).
    pub expect: Vec<String>,
    ops: Vec<Op>,
}

enum Op {
    Replace(String, Vec<u8>, Vec<u8>),
    Prepend(String, Vec<u8>),
    Append(String, Vec<u8>),
    Write(String, Vec<u8>),
    Remove(String),
    Symlink(String, String),
    Fifo(String),
    Mkdir(String),
}

/// Every `*.case` file of `tests/fixtures/hostile`, sorted by name.
pub fn corpus() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "case"))
        .collect();
    names.sort();
    names.iter().map(|p| parse(p)).collect()
}

fn parse(path: &Path) -> Case {
    let text = fs::read_to_string(path).unwrap();
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let (mut file, mut expect, mut ops) = (String::new(), Vec::new(), Vec::new());
    let mut ok = false;
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "in" => file = rest.to_string(),
            "replace" => {
                let (a, b) = rest.split_once(" => ").expect("replace OLD => NEW");
                ops.push(Op::Replace(file.clone(), value(a), value(b)));
            }
            "prepend" => ops.push(Op::Prepend(file.clone(), value(rest))),
            "append" => ops.push(Op::Append(file.clone(), value(rest))),
            "write" => {
                let (f, v) = rest.split_once(' ').unwrap_or((rest, ""));
                ops.push(Op::Write(f.to_string(), value(v)));
            }
            "remove" => ops.push(Op::Remove(rest.to_string())),
            "symlink" => {
                let (a, b) = rest.split_once(" -> ").expect("symlink PATH -> TARGET");
                ops.push(Op::Symlink(a.to_string(), b.to_string()));
            }
            "fifo" => ops.push(Op::Fifo(rest.to_string())),
            "mkdir" => ops.push(Op::Mkdir(rest.to_string())),
            "expect" if rest == "ok" => ok = true,
            "expect" => expect.push(String::from_utf8(value(rest)).unwrap()),
            other => panic!("{name}: unknown word `{other}`"),
        }
    }
    assert!(ok == expect.is_empty(), "{name}: expect ok, or problems");
    Case { name, expect, ops }
}

/// Decodes escapes and repetitions.
fn value(raw: &str) -> Vec<u8> {
    let mut expanded = String::new();
    let mut rest = raw;
    while let Some(start) = rest.find('⟦') {
        expanded.push_str(&rest[..start]);
        let inner_end = rest[start..].find('⟧').expect("⟦N×TEXT⟧") + start;
        let inner = &rest[start + '⟦'.len_utf8()..inner_end];
        let (n, text) = inner.split_once('×').expect("⟦N×TEXT⟧");
        expanded.push_str(&text.repeat(n.parse().unwrap()));
        rest = &rest[inner_end + '⟧'.len_utf8()..];
    }
    expanded.push_str(rest);
    let b = expanded.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let (byte, len) = match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'x')) => {
                let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                (u8::from_str_radix(hex, 16).unwrap(), 4)
            }
            (b'\\', Some(b't')) => (b'\t', 2),
            (b'\\', Some(b'n')) => (b'\n', 2),
            (b'\\', Some(b'\\')) => (b'\\', 2),
            (c, _) => (c, 1),
        };
        out.push(byte);
        i += len;
    }
    out
}

impl Case {
    /// The mini fixture with this case's edits, in `dir`.
    pub fn apply(&self, dir: &Path) {
        copy_dir(&mini(), dir);
        for op in &self.ops {
            self.apply_one(dir, op);
        }
    }

    fn apply_one(&self, dir: &Path, op: &Op) {
        let edit = |f: &str, change: &dyn Fn(Vec<u8>) -> Vec<u8>| {
            let p = dir.join(f);
            let bytes = fs::read(&p).unwrap_or_else(|e| panic!("{}: {f}: {e}", self.name));
            fs::write(&p, change(bytes)).unwrap();
        };
        match op {
            Op::Replace(f, a, b) => edit(f, &|bytes| {
                let at = bytes
                    .windows(a.len())
                    .position(|w| w == a.as_slice())
                    .unwrap_or_else(|| {
                        panic!("{}: `{}` not in {f}", self.name, String::from_utf8_lossy(a))
                    });
                [&bytes[..at], b.as_slice(), &bytes[at + a.len()..]].concat()
            }),
            Op::Prepend(f, v) => edit(f, &|bytes| [v.as_slice(), &bytes].concat()),
            Op::Append(f, v) => edit(f, &|bytes| [&bytes, v.as_slice()].concat()),
            Op::Write(f, v) => {
                fs::create_dir_all(dir.join(f).parent().unwrap()).unwrap();
                fs::write(dir.join(f), v).unwrap();
            }
            Op::Remove(f) => {
                let p = dir.join(f);
                if p.is_dir() {
                    fs::remove_dir_all(p).unwrap();
                } else {
                    fs::remove_file(p).unwrap();
                }
            }
            Op::Symlink(f, target) => symlink(target, &dir.join(f)),
            Op::Fifo(f) => fifo(&dir.join(f)),
            Op::Mkdir(f) => fs::create_dir_all(dir.join(f)).unwrap(),
        }
    }
}

#[cfg(unix)]
fn symlink(target: &str, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[cfg(unix)]
fn fifo(at: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(at)
        .status()
        .unwrap();
    assert!(ok.success());
}
