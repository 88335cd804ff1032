//! The one number formatter: every figure a reader sees passes through here, on the
//! site and in the collection workbooks alike. It sits below every stage (like
//! `error`) because both `present` and `collect` write numbers for people.

/// Up to `dp` decimals, trailing zeros trimmed (`12.5`, `320`, `0.15`).
pub fn trimmed(x: f64, dp: usize) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = format!("{x:.dp$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// Exactly `dp` decimals (`73.53`).
pub fn fixed(x: f64, dp: usize) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = format!("{x:.dp$}");
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// A growth rate as a signed percentage (`+15.0%`).
pub fn percent(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = fixed(x * 100.0, 1);
    if x > 0.0 && !s.starts_with('-') && s != "0.0" {
        format!("+{s}%")
    } else {
        format!("{s}%")
    }
}

/// A raw value with thousands separators for large numbers (`186,000`).
pub fn grouped(x: f64, dp: usize) -> String {
    let s = trimmed(x, dp);
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = rest
        .split_once('.')
        .map(|(i, f)| (i, Some(f)))
        .unwrap_or((rest, None));
    if int.len() <= 4 || !int.chars().all(|c| c.is_ascii_digit()) {
        return s;
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(trimmed(12.50, 2), "12.5");
        assert_eq!(trimmed(320.0, 2), "320");
        assert_eq!(trimmed(-0.001, 2), "0");
        assert_eq!(fixed(73.529, 2), "73.53");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(percent(0.15), "+15.0%");
        assert_eq!(percent(-0.1), "-10.0%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(grouped(186000.0, 2), "186,000");
        assert_eq!(grouped(1234567.891, 2), "1,234,567.89");
        assert_eq!(grouped(9800.0, 2), "9800");
        assert_eq!(grouped(f64::NAN, 2), "—");
    }
}
