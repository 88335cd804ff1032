//! YAML text → positions and structural problems, before serde sees it.
//!
//! serde gives a location only for the first error and none for values that are
//! well-typed but invalid (a negative tax). This pass walks the event stream once
//! and records where every node starts, under the same path syntax serde_yaml uses
//! in its messages (`years.2023.metrics.tax_wan`, `indicators[0].formula`). It also
//! catches what serde would let through: duplicate keys in map-typed fields, alias
//! bombs and absurd nesting.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::OnceLock;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

use crate::error::{Position, Problem};

/// Largest data file accepted. Real park files are a few KiB; a methodology a few more.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
const MAX_ALIASES: usize = 64;
const MAX_DEPTH: usize = 32;

/// Where each node of a YAML document starts.
#[derive(Debug, Default)]
pub struct Positions {
    nodes: HashMap<String, Position>,
    /// Paths of scalars written in quotes (their text starts one column later).
    quoted: HashSet<String>,
}

impl Positions {
    /// Position of `path`, or of its nearest ancestor that exists.
    pub fn find(&self, path: &str) -> Option<Position> {
        let mut p = path;
        loop {
            if let Some(pos) = self.nodes.get(p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
            if p.is_empty() {
                return None;
            }
        }
    }

    /// Whether the scalar at `path` was written in quotes (so its text starts one column later).
    pub fn is_quoted(&self, path: &str) -> bool {
        self.quoted.contains(path)
    }
}

/// What a problem needs to be located: where a node starts and whether it was quoted.
pub trait Locate: Sync {
    fn find(&self, path: &str) -> Option<Position>;
    fn is_quoted(&self, path: &str) -> bool;
}

impl Locate for Positions {
    fn find(&self, path: &str) -> Option<Position> {
        Positions::find(self, path)
    }
    fn is_quoted(&self, path: &str) -> bool {
        Positions::is_quoted(self, path)
    }
}

/// A file's positions, found only when a cross-file check first needs one: most files
/// of a large data folder have no such problem, and keeping every file's positions
/// took more memory than the data itself (100,000 parks: about 0.7 GB).
pub struct LazyPositions<'a> {
    file: &'a str,
    bytes: &'a [u8],
    scanned: OnceLock<Positions>,
}

impl<'a> LazyPositions<'a> {
    pub fn new(file: &'a str, bytes: &'a [u8]) -> LazyPositions<'a> {
        LazyPositions {
            file,
            bytes,
            scanned: OnceLock::new(),
        }
    }

    fn positions(&self) -> &Positions {
        self.scanned.get_or_init(|| {
            super::text::decode(self.file, self.bytes)
                .map(|text| scan(self.file, text).0)
                .unwrap_or_default()
        })
    }

    pub fn find(&self, path: &str) -> Option<Position> {
        self.positions().find(path)
    }
}

impl Locate for LazyPositions<'_> {
    fn find(&self, path: &str) -> Option<Position> {
        self.positions().find(path)
    }
    fn is_quoted(&self, path: &str) -> bool {
        self.positions().is_quoted(path)
    }
}

/// The positions of every data file, by path.
pub type PositionsByFile<'a> = HashMap<&'a str, LazyPositions<'a>>;

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        /// Keys seen so far: canonical form → as written, when different.
        seen: HashMap<String, Option<String>>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

fn child_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Scans `text`, returning positions and every structural problem found in `file`.
pub fn scan(file: &str, text: &str) -> (Positions, Vec<Problem>) {
    let mut scan = Scan {
        file,
        positions: Positions::default(),
        problems: Vec::new(),
        stack: Vec::new(),
        aliases: 0,
    };
    let scanned = super::text::for_scanner(text);
    let mut parser = Parser::new_from_str(&scanned);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(e) => e,
            Err(e) => {
                scan.problems.push(syntax_problem(file, &e));
                break;
            }
        };
        let pos = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        let node_path = scan.record(&event, pos);
        if scan.step(&event, node_path, pos).is_break() {
            break;
        }
    }
    (scan.positions, scan.problems)
}

/// One scan's state: what it recorded, and where in the tree it is.
struct Scan<'f> {
    file: &'f str,
    positions: Positions,
    problems: Vec<Problem>,
    stack: Vec<Frame>,
    aliases: usize,
}

impl Scan<'_> {
    /// Where the node that starts here is (and whether it is quoted); `None` when
    /// the event starts no node or the node is a mapping key.
    fn record(&mut self, event: &Event, pos: Position) -> Option<String> {
        let node_path = match event {
            Event::Scalar(..)
            | Event::MappingStart(..)
            | Event::SequenceStart(..)
            | Event::Alias(..) => self.place(event, pos),
            _ => None,
        };
        if let Some(problem) = unknown_tag(self.file, event, node_path.as_deref(), pos) {
            self.problems.push(problem);
        }
        if let Some(p) = &node_path {
            self.positions.nodes.entry(p.clone()).or_insert(pos);
            if let Event::Scalar(_, style, ..) = event {
                if !matches!(style, ScalarStyle::Plain) {
                    self.positions.quoted.insert(p.clone());
                }
            }
        }
        node_path
    }

    /// Counts aliases and enters or leaves mappings and sequences; breaks (with
    /// the problem) past the alias or depth limit.
    fn step(&mut self, event: &Event, node_path: Option<String>, pos: Position) -> ControlFlow<()> {
        match event {
            Event::Alias(_) => {
                self.aliases += 1;
                if self.aliases > MAX_ALIASES {
                    return self.stop(pos, format!("too many YAML aliases (got more than {MAX_ALIASES}; expected plain data, this looks like an alias bomb)"));
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    return self.stop(
                        pos,
                        format!("nesting too deep (expected at most {MAX_DEPTH} levels)"),
                    );
                }
                let path = node_path.unwrap_or_default();
                self.stack
                    .push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map {
                            path,
                            key: None,
                            seen: HashMap::new(),
                        }
                    } else {
                        Frame::Seq { path, index: 0 }
                    });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }

    fn stop(&mut self, pos: Position, message: String) -> ControlFlow<()> {
        self.problems
            .push(Problem::new(self.file, "", message).at(Some(pos)));
        ControlFlow::Break(())
    }
}

/// The mapping a key is read in.
struct KeyContext<'a> {
    file: &'a str,
    /// The mapping's path.
    path: &'a str,
    /// Keys seen so far: canonical form → as written, when different.
    seen: &'a mut HashMap<String, Option<String>>,
}

impl Scan<'_> {
    /// The path of a node that starts now, or `None` when it is a mapping key (then
    /// recorded in its frame, and checked for duplicates).
    fn place(&mut self, event: &Event, pos: Position) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, seen }) => match key.take() {
                Some(k) => Some(child_path(path, &k)),
                None => {
                    let cx = KeyContext {
                        file: self.file,
                        path,
                        seen,
                    };
                    *key = Some(map_key(cx, event, pos, &mut self.problems));
                    None
                }
            },
        }
    }
}

/// A mapping key in canonical form; a repeated one (however written) is a problem.
fn map_key(cx: KeyContext, event: &Event, pos: Position, problems: &mut Vec<Problem>) -> String {
    let KeyContext { file, path, seen } = cx;
    let Event::Scalar(v, style, ..) = event else {
        let p = Problem::new(file, path, "complex mapping keys are not supported");
        problems.push(p.at(Some(pos)));
        return "?".to_string();
    };
    let k = canonical_key(v, *style);
    // As written, when that differs from the canonical key.
    let raw = (*v != k).then(|| v.to_string());
    match seen.get(&k) {
        Some(first) => {
            let written = match (&raw, first) {
                (None, None) => String::new(),
                (r, f) => format!(
                    "; `{}` here and `{}` before are the same number",
                    r.as_deref().unwrap_or(&k),
                    f.as_deref().unwrap_or(&k)
                ),
            };
            let message = format!("duplicate key `{k}` (each key may appear once{written})");
            problems.push(Problem::new(file, child_path(path, &k), message).at(Some(pos)));
        }
        None => {
            seen.insert(k.clone(), raw);
        }
    }
    k
}

/// An integer key as serde reads it (`0x7E7`, `+2023` and `2023` are all 2023), so
/// that a year written two ways is a duplicate and positions use serde's path.
fn canonical_key(raw: &str, style: ScalarStyle) -> String {
    if style != ScalarStyle::Plain {
        return raw.to_string();
    }
    let (negative, digits) = match raw.as_bytes().first() {
        Some(b'-') => (true, &raw[1..]),
        Some(b'+') => (false, &raw[1..]),
        _ => (false, raw),
    };
    let parsed = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()
    } else if let Some(oct) = digits.strip_prefix("0o") {
        i64::from_str_radix(oct, 8).ok()
    } else if digits.len() > 1 && digits.starts_with('0') {
        None // serde reads `02023` as text, not a number
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    };
    match parsed {
        Some(n) if negative => (-n).to_string(),
        Some(n) => n.to_string(),
        None => raw.to_string(),
    }
}

/// The core-schema tags serde understands; anything else (`!foo`,
/// `!!python/object`) would be ignored silently, so it is refused.
const CORE_TAGS: [&str; 7] = ["str", "int", "float", "bool", "null", "map", "seq"];

fn unknown_tag(file: &str, event: &Event, path: Option<&str>, pos: Position) -> Option<Problem> {
    let tag = match event {
        Event::Scalar(_, _, _, tag)
        | Event::SequenceStart(_, tag)
        | Event::MappingStart(_, tag) => tag.as_ref()?,
        _ => return None,
    };
    if tag.is_yaml_core_schema() && CORE_TAGS.contains(&tag.suffix.as_str()) {
        return None;
    }
    let shown = if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    };
    Some(
        Problem::new(
            file,
            path.unwrap_or_default(),
            format!(
                "unknown YAML tag (got `{}`; expected plain data without tags)",
                crate::model::abbreviate(&shown, 40)
            ),
        )
        .at(Some(pos)),
    )
}

fn syntax_problem(file: &str, e: &ScanError) -> Problem {
    let m = e.marker();
    // The scanner reads ahead, so 256 flow brackets stop it before the event that
    // would cross our own limit.
    let message = if e.info() == "recursion limit exceeded" {
        format!("nesting too deep (expected at most {MAX_DEPTH} levels)")
    } else {
        format!("YAML syntax error: {}", e.info())
    };
    Problem::new(file, "", message).at(Some(Position {
        line: m.line(),
        column: m.col() + 1,
    }))
}

/// Turns a serde_yaml error into a problem, moving its path into `field` and adding a
/// "did you mean" hint to unknown fields and variants.
pub fn serde_problem(
    file: &str,
    text: &str,
    err: &serde_yaml::Error,
    positions: &dyn Locate,
) -> Problem {
    let mut message = err.to_string();
    // serde_yaml appends " at line L column C"; the position goes elsewhere.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    // and prefixes "path: " when the error is inside a nested value.
    let mut field = String::new();
    if let Some((head, rest)) = message.split_once(": ") {
        if !head.contains(' ') && !head.is_empty() {
            field = head.to_string();
            message = rest.to_string();
        }
    }
    let position = err
        .location()
        .map(|l| Position {
            line: l.line(),
            column: l.column(),
        })
        .or_else(|| positions.find(&field));
    if let Some(word) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(w, _)| w)
    {
        field = child_path(&field, word);
    }
    let written = position.and_then(|p| scalar_at(text, p));
    let message = super::serde_message::plain(&improve_unknown(&message), written);
    Problem::new(file, field, message).at(position)
}

/// The plain scalar starting at `p` (1-based line and character column), as written.
fn scalar_at(text: &str, p: Position) -> Option<&str> {
    let line = text.lines().nth(p.line.checked_sub(1)?)?;
    let start = line.char_indices().nth(p.column.checked_sub(1)?)?.0;
    let rest = &line[start..];
    let end = rest.find([',', ']', '}', '#']).unwrap_or(rest.len());
    Some(rest[..end].trim()).filter(|s| !s.is_empty())
}

/// The decimal value of an integer as YAML writes it (`0x7E7`, `+2023`), or None.
pub fn integer_text(raw: &str) -> Option<String> {
    let k = canonical_key(raw, ScalarStyle::Plain);
    (k != raw || raw.parse::<i128>().is_ok()).then_some(k)
}

/// `unknown field `nmae`, expected one of `id`, `name`` → adds `; did you mean `name`?`.
fn improve_unknown(message: &str) -> String {
    let Some(rest) = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))
    else {
        return message.to_string();
    };
    let Some((word, tail)) = rest.split_once('`') else {
        return message.to_string();
    };
    let candidates: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
    let kind = if message.starts_with("unknown field") {
        "field"
    } else {
        "value"
    };
    let expected = if candidates.is_empty() {
        "no fields here".to_string()
    } else {
        format!("one of {}", candidates.join(", "))
    };
    format!(
        "unknown {kind} (got `{word}`; expected {expected}){}",
        crate::error::did_you_mean(word, candidates.iter().copied())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_positions_of_nested_and_flow_values() {
        let text = "id: a\nyears:\n  2023:\n    metrics: {tax_wan: 5, land_area_mu: 7}\nlist:\n  - x\n  - {k: v}\n";
        let (pos, problems) = scan("f.yaml", text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(pos.find("id"), Some(Position { line: 1, column: 5 }));
        assert_eq!(
            pos.find("years.2023.metrics.land_area_mu"),
            Some(Position {
                line: 4,
                column: 41
            })
        );
        assert_eq!(pos.find("list[1].k"), Some(Position { line: 7, column: 9 }));
        // Missing paths fall back to the nearest ancestor.
        assert_eq!(
            pos.find("years.2023.metrics.rd_wan"),
            Some(Position {
                line: 4,
                column: 14
            })
        );
    }

    #[test]
    fn duplicate_keys_are_errors_everywhere() {
        let (_, problems) = scan("f.yaml", "metrics: {a: 1, a: 2}\nname: x\nname: y\n");
        let msgs: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "f.yaml:1:17: metrics.a: duplicate key `a` (each key may appear once)",
                "f.yaml:3:1: name: duplicate key `name` (each key may appear once)",
            ]
        );
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a: &a [x, x]\n");
        for i in 0..70 {
            text.push_str(&format!("b{i}: *a\n"));
        }
        let (_, problems) = scan("f.yaml", &text);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("alias bomb"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let (_, problems) = scan("f.yaml", "a: [1, 2\nb: 3\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].position.is_some());
        assert!(problems[0].message.starts_with("YAML syntax error"));
    }

    #[test]
    fn a_year_written_two_ways_is_a_duplicate() {
        let text = "years:\n  0x7E7:\n    note: a\n  2023:\n    note: b\n";
        let (pos, problems) = scan("f.yaml", text);
        let msgs: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            ["f.yaml:4:3: years.2023: duplicate key `2023` (each key may appear once; `2023` here and `0x7E7` before are the same number)"]
        );
        // Positions use serde's spelling of the key.
        assert_eq!(
            pos.find("years.2023.note"),
            Some(Position {
                line: 3,
                column: 11
            })
        );
        assert_eq!(canonical_key("+2023", ScalarStyle::Plain), "2023");
        assert_eq!(canonical_key("0o3747", ScalarStyle::Plain), "2023");
        assert_eq!(canonical_key("02023", ScalarStyle::Plain), "02023");
        assert_eq!(canonical_key("0x7E7", ScalarStyle::DoubleQuoted), "0x7E7");
    }

    #[test]
    fn unknown_tags_are_refused_where_they_are() {
        let text =
            "name: !foo x\nlist: !!python/object:os.system [1]\nok: !!str 5\nm: !!map {a: 1}\n";
        let (_, problems) = scan("f.yaml", text);
        let msgs: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "f.yaml:1:7: name: unknown YAML tag (got `!foo`; expected plain data without tags)",
                "f.yaml:2:7: list: unknown YAML tag (got `!!python/object:os.system`; expected plain data without tags)",
            ]
        );
    }

    #[test]
    fn a_tab_after_a_colon_is_valid_yaml() {
        let (pos, problems) = scan("f.yaml", "opened:\t2014\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(pos.find("opened"), Some(Position { line: 1, column: 9 }));
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        assert_eq!(
            improve_unknown("unknown field `nmae`, expected one of `id`, `name`"),
            "unknown field (got `nmae`; expected one of id, name); did you mean `name`?"
        );
    }
}
