//! One roster cell → a typed value, or the message for it. Worded once here: the
//! CSV loader and the roster workbook import both call these.

use crate::error::did_you_mean;
use crate::model::{
    Amount, AmountError, Date, ExitReason, IndustryCode, Recognition, Recognitions, Uscc,
    UsccError, AMOUNT_MAX_DIGITS,
};

const NUMBER_FORM: &str = "a plain decimal such as 1234.5, without units or thousands separators";

pub fn uscc(t: &str) -> Result<Uscc, String> {
    if t.is_empty() {
        return Err("missing (expected the firm's 18-character 统一社会信用代码)".into());
    }
    Uscc::parse(t).map_err(|e| match e {
        UsccError::Length(n) => format!("wrong length (got `{t}`, {n} characters; expected 18)"),
        UsccError::LowerCase(upper) => {
            format!("lower-case letters (got `{t}`; expected `{upper}`): use upper case")
        }
        UsccError::Character { position, found } => format!(
            "character {position} is `{found}`, which a USCC never uses (got `{t}`; expected digits and capital letters except I, O, S, V, Z)"
        ),
        UsccError::AreaCode { position, found } => format!(
            "character {position} is `{found}`, but characters 3–8 are the administrative division code (got `{t}`; expected digits there)"
        ),
        UsccError::Check { found, expected } => format!(
            "wrong check character (got `{t}` ending in `{found}`; expected `{expected}` as the 18th character)"
        ),
    })
}

pub fn name(t: &str) -> Result<Box<str>, String> {
    if t.is_empty() {
        Err("empty (expected the firm's name)".into())
    } else {
        Ok(t.into())
    }
}

pub fn industry(t: &str) -> Result<IndustryCode, String> {
    if t.is_empty() {
        return Err("missing (expected a GB/T 4754-2017 code such as C39 or C3981)".into());
    }
    IndustryCode::parse(t).ok_or_else(|| {
        let hint = if IndustryCode::parse(&t.to_ascii_uppercase()).is_some() {
            ": use upper case"
        } else {
            ""
        };
        format!("not a GB/T 4754-2017 code (got `{t}`; expected a section letter A–T and 2–4 digits, e.g. C39 or C3981){hint}")
    })
}

/// A date cell; empty is `Ok(None)`.
pub fn date(t: &str) -> Result<Option<Date>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    match Date::parse(t) {
        Some(d) => Ok(Some(d)),
        None => Err(match Date::parse_loose(t) {
            Some(d) => format!("not a date in the form YYYY-MM-DD (got `{t}`; expected {d})"),
            None => format!(
                "not a date in the form YYYY-MM-DD (got `{t}`; expected a real day such as 2023-03-05)"
            ),
        }),
    }
}

/// An exit reason cell; empty is `Ok(None)`.
pub fn exit_reason(t: &str) -> Result<Option<ExitReason>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    ExitReason::parse(t).map(Some).ok_or_else(|| {
        format!(
            "unknown exit reason (got `{t}`; expected relocated, closed, graduated, evicted or other){}",
            did_you_mean(t, ExitReason::ALL.iter().map(|r| r.id()))
        )
    })
}

/// A whole number ≥ 0; empty is `Ok(None)`.
pub fn whole(t: &str) -> Result<Option<u32>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    let a = amount_value(t, "a whole number ≥ 0")?;
    if a.scale() != 0 {
        return Err(format!(
            "not a whole number (got `{t}`; expected a whole number ≥ 0)"
        ));
    }
    u32::try_from(a.mantissa())
        .map(Some)
        .map_err(|_| format!("too large (got `{t}`; expected at most {})", u32::MAX))
}

/// A decimal ≥ 0 (万元); empty is `Ok(None)`.
pub fn amount(t: &str) -> Result<Option<Amount>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    amount_value(t, "a number ≥ 0").map(Some)
}

fn amount_value(t: &str, expected: &str) -> Result<Amount, String> {
    Amount::parse(t).map_err(|e| match e {
        AmountError::NotNumber => format!("not a number (got `{t}`; expected {NUMBER_FORM})"),
        AmountError::Negative => format!("negative (got `{t}`; expected {expected})"),
        AmountError::TooLong => format!(
            "too many digits (got `{t}`; expected at most {} significant digits)",
            AMOUNT_MAX_DIGITS
        ),
    })
}

/// A four-digit year; empty is `Ok(None)`.
pub fn year(t: &str) -> Result<Option<u16>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u16>() {
        Ok(y) if t.len() == 4 && y >= 1000 && t.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(y)),
        _ => Err(format!(
            "not a year (got `{t}`; expected a four-digit year such as 2021, or empty)"
        )),
    }
}

/// `innovative_sme;hitech`; empty is the empty set. Every unknown kind is one message.
pub fn recognitions(t: &str) -> Result<Recognitions, Vec<String>> {
    let mut set = Recognitions::default();
    let mut errors = Vec::new();
    for kind in t.split(';').map(str::trim).filter(|k| !k.is_empty()) {
        match Recognition::parse(kind) {
            Some(r) => set.insert(r),
            None => errors.push(format!(
                "unknown recognition (got `{kind}`; expected innovative_sme, specialized, little_giant or hitech, separated by ;){}",
                did_you_mean(kind, Recognition::ALL.iter().map(|r| r.id()))
            )),
        }
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_was_expected() {
        assert_eq!(
            uscc("91350100M000100Y44").unwrap_err(),
            "wrong check character (got `91350100M000100Y44` ending in `4`; expected `3` as the 18th character)"
        );
        assert_eq!(
            uscc("91350100m000100y43").unwrap_err(),
            "lower-case letters (got `91350100m000100y43`; expected `91350100M000100Y43`): use upper case"
        );
        assert_eq!(industry("c39").unwrap_err(), "not a GB/T 4754-2017 code (got `c39`; expected a section letter A–T and 2–4 digits, e.g. C39 or C3981): use upper case");
        assert_eq!(
            date("2023/3/5").unwrap_err(),
            "not a date in the form YYYY-MM-DD (got `2023/3/5`; expected 2023-03-05)"
        );
        assert_eq!(
            whole("2.5").unwrap_err(),
            "not a whole number (got `2.5`; expected a whole number ≥ 0)"
        );
        assert_eq!(whole("12.0"), Ok(Some(12)));
        assert_eq!(
            amount("-1").unwrap_err(),
            "negative (got `-1`; expected a number ≥ 0)"
        );
        assert_eq!(amount("1,200").unwrap_err(), "not a number (got `1,200`; expected a plain decimal such as 1234.5, without units or thousands separators)");
        assert_eq!(exit_reason("Closed").unwrap_err(), "unknown exit reason (got `Closed`; expected relocated, closed, graduated, evicted or other); did you mean `closed`?");
        assert_eq!(
            recognitions("hitech; innovative_sme").map(|r| r.ids()),
            Ok("innovative_sme;hitech".into())
        );
        assert_eq!(recognitions("hightech").unwrap_err().len(), 1);
        assert_eq!(
            year("21").unwrap_err(),
            "not a year (got `21`; expected a four-digit year such as 2021, or empty)"
        );
    }
}
