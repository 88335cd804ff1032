//! JSON for the command line's `--format json`: pretty, stable, newline-terminated.

use serde::Serialize;

/// Pretty JSON with a trailing newline: stable bytes, readable diffs.
pub fn to_json<T: Serialize>(view: &T) -> String {
    let mut s = serde_json::to_string_pretty(view).expect("views serialize");
    s.push('\n');
    s
}
