//! serde's wording → the user's: `invalid type: integer `31`, expected f64` becomes
//! `not a plain decimal number (got `0x1F`; expected a number such as 20 or 0.5)`.
//! Analysts read these messages, not Rust programmers.

use crate::model::abbreviate;

/// The plain message for a serde `invalid type` / `invalid value` message; other
/// messages are returned unchanged. `written` is the scalar as the file spells it
/// at the error's position, when known.
pub fn plain(message: &str, written: Option<&str>) -> String {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "));
    let Some((got, expected)) = rest.and_then(|r| r.rsplit_once(", expected ")) else {
        return more_than_one_document(message);
    };
    let integer = got
        .strip_prefix("integer `")
        .and_then(|g| g.strip_suffix('`'));
    let whole = matches!(
        expected,
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize"
    );
    // The file's spelling (`0x1F`) when it is the integer serde read (31).
    let shown = match (integer, written) {
        (Some(n), Some(w)) if super::yaml::integer_text(w).as_deref() == Some(n) => {
            format!("`{w}`")
        }
        _ => got_text(got),
    };
    let what = match (integer, expected) {
        (Some(_), "f64" | "f32") => "not a plain decimal number",
        (Some(_), _) if whole => "number out of range",
        _ => "wrong kind of value",
    };
    format!("{what} (got {shown}; expected {})", expected_text(expected))
}

fn more_than_one_document(message: &str) -> String {
    if message.contains("more than one document") {
        "more than one YAML document in the file (got a second `---`; expected one document)"
            .to_string()
    } else {
        message.to_string()
    }
}

fn got_text(got: &str) -> String {
    let ticked = |prefix: &str| {
        got.strip_prefix(prefix)
            .and_then(|g| g.strip_prefix('`'))
            .and_then(|g| g.strip_suffix('`'))
            .map(str::to_string)
    };
    if let Some(s) = got.strip_prefix("string ") {
        return abbreviate(s, 60);
    }
    ticked("integer ")
        .or_else(|| ticked("floating point "))
        .or_else(|| ticked("boolean "))
        .unwrap_or_else(|| {
            match got {
                "unit value" => "nothing",
                "sequence" => "a list",
                "map" => "a mapping",
                other => other,
            }
            .to_string()
        })
}

fn expected_text(expected: &str) -> String {
    match expected {
        "f64" | "f32" => "a number such as 20 or 0.5".into(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
            "a whole number such as 2023".into()
        }
        "a string" => "text".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list such as [a, b]".into(),
        e if e.starts_with("struct ") || e.contains("map") => {
            "fields written as `key: value`".into()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_jargon_becomes_plain_words() {
        assert_eq!(
            plain("invalid type: integer `31`, expected f64", Some("0x1F")),
            "not a plain decimal number (got `0x1F`; expected a number such as 20 or 0.5)"
        );
        assert_eq!(
            plain("invalid type: integer `12345678901234567890`, expected i32", Some("12345678901234567890")),
            "number out of range (got `12345678901234567890`; expected a whole number such as 2023)"
        );
        assert_eq!(
            plain("invalid type: string \"abc\", expected f64", None),
            "wrong kind of value (got \"abc\"; expected a number such as 20 or 0.5)"
        );
        assert_eq!(
            plain("invalid type: sequence, expected a string", None),
            "wrong kind of value (got a list; expected text)"
        );
        assert_eq!(
            plain("invalid type: map, expected struct RawHonor", None),
            "wrong kind of value (got a mapping; expected fields written as `key: value`)"
        );
        // A spelling that is not the integer serde read is not shown as if it were.
        assert_eq!(
            plain("invalid type: integer `31`, expected f64", Some("{a: 1")),
            "not a plain decimal number (got 31; expected a number such as 20 or 0.5)"
        );
        assert_eq!(plain("missing field `name`", None), "missing field `name`");
    }
}
