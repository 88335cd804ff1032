//! The unit tests' harness: a methodology snippet in, one section's validator run
//! on it, the value it made and every problem line out
//! (`m.yaml:line:column: field: message`, as `check` prints them).

use crate::load::context::FileCheck;
use crate::load::raw::RawMethodology;
use crate::load::yaml::scan;

/// The sections serde requires, added after the snippet when it leaves them out
/// (so the snippet's own lines keep their numbers).
const REQUIRED: [(&str, &str); 3] = [
    ("metrics:", "metrics: {}"),
    ("dimensions:", "dimensions: []"),
    ("indicators:", "indicators: []"),
];

/// Runs `validate` on `yaml` and returns what it made and the problems it found.
pub fn run<T>(
    yaml: &str,
    validate: impl FnOnce(&RawMethodology, &mut FileCheck) -> T,
) -> (T, Vec<String>) {
    let mut text = yaml.to_string();
    for (key, empty) in REQUIRED {
        if !yaml.lines().any(|l| l.starts_with(key)) {
            text.push('\n');
            text.push_str(empty);
        }
    }
    let (positions, structural) = scan("m.yaml", &text);
    assert!(structural.is_empty(), "{structural:?}");
    let raw: RawMethodology = serde_yaml::from_str(&text).expect("the snippet deserializes");
    let mut problems = Vec::new();
    let mut ck = FileCheck {
        file: "m.yaml",
        positions: &positions,
        problems: &mut problems,
    };
    let made = validate(&raw, &mut ck);
    (made, problems.iter().map(ToString::to_string).collect())
}

/// Only the problem lines of [`run`].
pub fn problems<T>(
    yaml: &str,
    validate: impl FnOnce(&RawMethodology, &mut FileCheck) -> T,
) -> Vec<String> {
    run(yaml, validate).1
}
