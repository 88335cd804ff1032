//! The architecture guard: the stages import one way. Every `crate::…` path in
//! `src/**` (outside test modules) is resolved to the top-level module it names,
//! and a module may only import the modules its row of [`ALLOWED`] lists. The
//! same table is in docs/architecture.md ("Who may import whom").

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Who may import whom: each top-level module of `src/` (`lib` is `src/lib.rs`,
/// the crate root) and the modules it may import. A module may always use itself.
/// The data flows load → evaluate → analysis → present → render → write; each
/// stage imports the stages before it and the shared vocabulary (`error`,
/// `format`, `model`, `progress`). `write` is the door to disk and knows nothing
/// above it: render hands it files through `write::Sink`. `collect` (Excel in
/// and out) and `serve` (the preview) sit at the edges and call the stages;
/// `report`, `commands` and `lib` are on top.
const ALLOWED: &[(&str, &[&str])] = &[
    ("error", &[]),
    ("format", &[]),
    ("model", &["error", "format"]),
    ("progress", &[]),
    ("write", &["error"]),
    ("load", &["error", "format", "model", "progress"]),
    (
        "evaluate",
        &["error", "format", "model", "progress", "load"],
    ),
    (
        "analysis",
        &["error", "format", "model", "progress", "load", "evaluate"],
    ),
    (
        "present",
        &[
            "error", "format", "model", "progress", "load", "evaluate", "analysis",
        ],
    ),
    (
        "render",
        &["error", "format", "model", "progress", "present", "write"],
    ),
    (
        "collect",
        &[
            "error", "format", "model", "progress", "load", "evaluate", "analysis", "write",
        ],
    ),
    (
        "serve",
        &[
            "error", "format", "model", "progress", "load", "evaluate", "analysis", "present",
            "render", "write", "lib",
        ],
    ),
    (
        "report",
        &[
            "error", "format", "model", "progress", "load", "evaluate", "analysis", "present",
            "render", "write", "lib",
        ],
    ),
    (
        "commands",
        &[
            "error", "format", "model", "progress", "load", "evaluate", "analysis", "present",
            "render", "write", "collect", "serve", "report", "lib",
        ],
    ),
    (
        "lib",
        &[
            "error", "format", "model", "progress", "load", "evaluate", "analysis", "present",
            "render", "write", "collect", "serve", "report", "commands",
        ],
    ),
];

/// Stages that compute or describe and never touch the disk, a template engine or
/// a workbook writer (the design guide's cheap guard).
const PURE: &[&str] = &["model", "evaluate", "analysis", "present"];
const IMPURE_CRATES: &[&str] = &["std::fs", "tera::", "plotters", "rust_xlsxwriter"];

/// What the crate root re-exports, resolved to the module that defines it; any
/// other name at the root (`build`, `RenderOptions`, …) is `lib`'s own.
const ROOT_REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Problem", "error"),
    ("Result", "error"),
    ("Evaluation", "evaluate"),
    ("EvaluateOptions", "evaluate"),
    ("DataSource", "load"),
    ("LoadOptions", "load"),
];

/// One import against the table.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Violation {
    file: String,
    from: String,
    to: String,
}

#[test]
fn the_stages_import_one_way() {
    let violations = violations(&library_sources());
    assert!(
        violations.is_empty(),
        "imports against the stage order (see ALLOWED):\n{}",
        violations
            .iter()
            .map(|v| format!("  {}: {} imports {}", v.file, v.from, v.to))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The guard catches a stage reaching up, in a `use` and in a group, and not in a
/// test module.
#[test]
fn an_import_against_the_order_is_caught() {
    let files = [
        (
            "evaluate/x.rs".to_string(),
            "use crate::render::Engine;\n#[cfg(test)]\nmod tests { use crate::serve::x; }\n"
                .to_string(),
        ),
        (
            "render/y.rs".to_string(),
            "use crate::{present::page, analysis::Study};\n".to_string(),
        ),
    ];
    let found: Vec<(String, String)> = violations(&files)
        .into_iter()
        .map(|v| (v.from, v.to))
        .collect();
    assert_eq!(
        found,
        [
            ("evaluate".to_string(), "render".to_string()),
            ("render".to_string(), "analysis".to_string())
        ]
    );
}

/// Every import of `files` (path under src/, text) that its module's row forbids.
fn violations(files: &[(String, String)]) -> Vec<Violation> {
    let mut violations = Vec::new();
    for (rel, text) in files {
        let from = top_module(rel);
        let allowed = allowed_for(&from).unwrap_or_else(|| {
            panic!("{rel}: module `{from}` has no row in ALLOWED (add it, and to docs/architecture.md)")
        });
        for to in imported_modules(&code_only(text), &module_path(rel)) {
            if to != from && !allowed.contains(&to.as_str()) {
                violations.push(Violation {
                    file: rel.clone(),
                    from: from.clone(),
                    to,
                });
            }
        }
    }
    violations.sort();
    violations.dedup();
    violations
}

#[test]
fn pure_stages_touch_no_disk_template_engine_or_workbook_writer() {
    let mut found = Vec::new();
    for (rel, text) in library_sources() {
        if !PURE.contains(&top_module(&rel).as_str()) {
            continue;
        }
        let code = code_only(&text);
        for name in IMPURE_CRATES {
            if code.contains(name) {
                found.push(format!("{rel}: {name}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The table names every module of `src/` and nothing else, so a new module
/// cannot slip past the guard (`main` and `cli` form the binary, not the library).
#[test]
fn the_table_names_every_module() {
    let mut in_src: BTreeSet<String> = library_sources()
        .iter()
        .map(|(rel, _)| top_module(rel))
        .collect();
    in_src.insert("lib".into());
    let in_table: BTreeSet<String> = ALLOWED.iter().map(|(m, _)| m.to_string()).collect();
    assert_eq!(in_src, in_table);
    for (module, allowed) in ALLOWED {
        for to in *allowed {
            assert!(in_table.contains(*to), "{module} allows unknown `{to}`");
        }
    }
}

/// The parser finds what a guard must see: groups, nested groups, paths in
/// expressions, the root's re-exports and `super` paths out of a top-level file;
/// and it skips comments, strings and test modules.
#[test]
fn the_import_parser_reads_groups_roots_and_supers() {
    let code = code_only(
        "use crate::{evaluate::{Tier, YearResult}, model::Park as P, Error};\n\
         // use crate::render::x;\n\
         /// [`crate::serve`] in a doc comment\n\
         let s = \"crate::collect\";\n\
         fn f() { crate::write::Output::new(); crate::build(&o); }\n\
         use super::analysis::Study;\n\
         #[cfg(test)]\nmod testing;\n\
         #[cfg(test)]\nmod tests { use crate::commands::x; fn f() { let s = r#\"}\"#; '}'; } }\n\
         use crate::progress::Progress; fn g<'a>(x: &'a str) {}\n",
    );
    let found = imported_modules(&code, &["report".to_string()]);
    let want: BTreeSet<String> = [
        "evaluate", "model", "error", "write", "lib", "analysis", "progress",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(found, want);
    let inner = imported_modules(
        "use super::super::format::x;",
        &path(&["load", "roster", "rows"]),
    );
    assert!(inner.is_empty(), "super::super stays inside load");
    let out = imported_modules("use super::super::format::x;", &path(&["load", "rules"]));
    assert_eq!(out, ["format".to_string()].into_iter().collect());
}

fn path(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

fn allowed_for(module: &str) -> Option<&'static [&'static str]> {
    ALLOWED.iter().find(|(m, _)| *m == module).map(|(_, a)| *a)
}

/// Every `.rs` file of the library (`src/` without the binary's `main.rs` and
/// `cli.rs`), as `(path under src/, text)`, in path order.
fn library_sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            (rel, text)
        })
        .filter(|(rel, _)| rel != "main.rs" && rel != "cli.rs")
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `load/roster/rows.rs` → `load`; `lib.rs` → `lib`; `report.rs` → `report`.
fn top_module(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.trim_end_matches(".rs").to_string()
}

/// The module path of a file: `load/roster/rows.rs` → `[load, roster, rows]`,
/// `load/mod.rs` → `[load]`, `lib.rs` → `[]`.
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The code a guard judges: comments, strings and char literals blanked, and every
/// `#[cfg(test)]` module left out (tests may reach anywhere to build their data).
fn code_only(text: &str) -> String {
    without_test_modules(&blanked(text))
}

/// `text` with comments, string literals (raw ones too) and char literals replaced
/// by blanks, so no brace, quote or path inside them is read as code.
fn blanked(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let skip = match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => line_end(&chars, i),
            '/' if chars.get(i + 1) == Some(&'*') => block_comment_end(&chars, i),
            '"' => string_end(&chars, i + 1),
            'r' if !ident_before => raw_string_end(&chars, i),
            '\'' => char_literal_end(&chars, i),
            _ => None,
        };
        match skip {
            Some(end) => {
                out.push(' ');
                i = end;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

fn line_end(chars: &[char], i: usize) -> Option<usize> {
    Some(
        (i..chars.len())
            .find(|&k| chars[k] == '\n')
            .unwrap_or(chars.len()),
    )
}

fn block_comment_end(chars: &[char], i: usize) -> Option<usize> {
    (i + 2..chars.len())
        .find(|&k| chars[k - 1] == '*' && chars[k] == '/')
        .map(|k| k + 1)
        .or(Some(chars.len()))
}

/// After the opening quote at `i - 1`: the index after the closing quote.
fn string_end(chars: &[char], mut i: usize) -> Option<usize> {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    Some(chars.len())
}

/// `r"…"`, `r#"…"#`, …: the index after the end, or `None` if `r` starts no raw string.
fn raw_string_end(chars: &[char], i: usize) -> Option<usize> {
    let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
    if chars.get(i + 1 + hashes) != Some(&'"') {
        return None;
    }
    let mut k = i + 2 + hashes;
    while k < chars.len() {
        if chars[k] == '"'
            && chars[k + 1..]
                .iter()
                .take(hashes)
                .filter(|c| **c == '#')
                .count()
                == hashes
        {
            return Some(k + 1 + hashes);
        }
        k += 1;
    }
    Some(chars.len())
}

/// `'x'` or `'\n'`; `None` for a lifetime (`'a`).
fn char_literal_end(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i + 1) == Some(&'\\') {
        return (i + 2..chars.len().min(i + 12))
            .find(|&k| chars[k] == '\'')
            .map(|k| k + 1);
    }
    (chars.get(i + 2) == Some(&'\'')).then_some(i + 3)
}

/// Every `#[cfg(test)]` module (`mod x;` or `mod x { … }`) removed.
fn without_test_modules(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let item = after.trim_start();
        let item = item.strip_prefix("pub(crate) ").unwrap_or(item);
        let item = item.strip_prefix("pub(super) ").unwrap_or(item);
        let item = item.strip_prefix("pub ").unwrap_or(item);
        if !item.starts_with("mod ") {
            rest = after;
            continue;
        }
        let offset = after.len() - item.len();
        let end = match (item.find(';'), item.find('{')) {
            (Some(semi), Some(open)) if semi < open => semi + 1,
            (Some(semi), None) => semi + 1,
            (_, Some(open)) => matching_brace(item, open),
            (None, None) => item.len(),
        };
        rest = &after[offset + end..];
    }
    out.push_str(rest);
    out
}

/// The index after the `}` that closes the `{` at `open`.
fn matching_brace(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (k, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + k + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// The top-level modules that `code` imports from, for a file at `module`.
fn imported_modules(code: &str, module: &[String]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        for first in first_segments(&code[i + "crate::".len()..]) {
            found.insert(resolve_root(&first));
        }
    }
    for (i, _) in code.match_indices("super::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut rest = &code[i..];
        let mut depth = module.len();
        while let Some(r) = rest.strip_prefix("super::") {
            rest = r;
            depth = depth.saturating_sub(1);
        }
        // Only a path that climbs to the root leaves the top-level module.
        if depth == 0 {
            for first in first_segments(rest) {
                found.insert(resolve_root(&first));
            }
        }
    }
    found
}

/// The first segment of each path after `crate::`: `a::b` → `[a]`,
/// `{a::b, c, d::{e, f}}` → `[a, c, d]`.
fn first_segments(rest: &str) -> Vec<String> {
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        let mut out = Vec::new();
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    out.extend(leading_ident(&group[start..i]));
                    return out;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.extend(leading_ident(&group[start..i]));
                    start = i + 1;
                }
                _ => {}
            }
        }
        out
    } else {
        leading_ident(rest).into_iter().collect()
    }
}

fn leading_ident(s: &str) -> Option<String> {
    let s = s.trim_start();
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    (end > 0).then(|| s[..end].to_string())
}

/// A name at the crate root → the module that owns it.
fn resolve_root(name: &str) -> String {
    if let Some((_, module)) = ROOT_REEXPORTS.iter().find(|(n, _)| *n == name) {
        return module.to_string();
    }
    let is_module = ALLOWED.iter().any(|(m, _)| *m == name && *m != "lib");
    if is_module {
        name.to_string()
    } else {
        "lib".to_string()
    }
}
