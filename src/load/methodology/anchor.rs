//! An indicator's `anchor` or `growth_anchor`: where its efficacy scale starts
//! (x_s, 不允许值) and ends (x_h, 满意值). Three forms: `peer_minmax` (the peers'
//! extremes), `{percentile: [lo, hi]}` of the peers, `{disallowed: a, satisfactory: c}`.

use serde_yaml::{Mapping, Value};

use crate::error::did_you_mean;
use crate::load::context::{num, FileCheck};
use crate::load::numbers::bounded;
use crate::model::limits::MAX_INPUT;
use crate::model::Anchor;

const EXPECTED: &str =
    "expected peer_minmax, {percentile: [lo, hi]} or {disallowed: a, satisfactory: c}";

/// The anchor at `field`; `default` when it is left out, or wrong (then a problem:
/// the methodology is refused, so the default is never used to evaluate).
pub(super) fn parse_anchor(
    v: Option<&Value>,
    field: &str,
    default: Anchor,
    ck: &mut FileCheck,
) -> Anchor {
    let Some(v) = v else { return default };
    let parsed = match v {
        Value::String(s) if s == "peer_minmax" => Some(Anchor::PeerMinMax),
        Value::Mapping(m) => mapping(m, field, ck),
        other => {
            not_understood(other, field, ck);
            None
        }
    };
    parsed.unwrap_or(default)
}

/// `{percentile: …}` or `{disallowed: …, satisfactory: …}`, nothing else.
fn mapping(m: &Mapping, field: &str, ck: &mut FileCheck) -> Option<Anchor> {
    let keys: Vec<&str> = m.keys().filter_map(Value::as_str).collect();
    if keys == ["percentile"] {
        percentile(m.get("percentile"), field, ck)
    } else if keys.len() == 2 && keys.contains(&"disallowed") && keys.contains(&"satisfactory") {
        fixed(m, field, ck)
    } else {
        ck.err(
            field,
            format!(
                "anchor not understood (got keys {}; {EXPECTED})",
                keys.join(", ")
            ),
        );
        None
    }
}

fn percentile(pair: Option<&Value>, field: &str, ck: &mut FileCheck) -> Option<Anchor> {
    let pair = pair.and_then(Value::as_sequence);
    match pair.map(|p| (p.len(), number(p.first()), number(p.get(1)))) {
        Some((2, Some(lo), Some(hi)))
            if (0.0..=100.0).contains(&lo) && (0.0..=100.0).contains(&hi) && lo < hi =>
        {
            Some(Anchor::Percentile { lo, hi })
        }
        _ => {
            ck.err(
                &format!("{field}.percentile"),
                "percentiles must be [lo, hi] with 0 ≤ lo < hi ≤ 100",
            );
            None
        }
    }
}

/// Two different finite numbers (equal ones would divide by zero in every score).
fn fixed(m: &Mapping, field: &str, ck: &mut FileCheck) -> Option<Anchor> {
    match (number(m.get("disallowed")), number(m.get("satisfactory"))) {
        (Some(a), Some(c))
            if !bounded(ck, &format!("{field}.disallowed"), a, MAX_INPUT)
                | !bounded(ck, &format!("{field}.satisfactory"), c, MAX_INPUT) =>
        {
            None
        }
        (Some(a), Some(c)) if a == c => {
            ck.err(
                field,
                format!("fixed anchors are equal (got disallowed {} = satisfactory {}; expected two different values)", num(a), num(c)),
            );
            None
        }
        (Some(a), Some(c)) => Some(Anchor::Fixed {
            disallowed: a,
            satisfactory: c,
        }),
        _ => {
            ck.err(field, "disallowed and satisfactory must be numbers");
            None
        }
    }
}

/// A text other than `peer_minmax` (with a hint), a number, a list.
fn not_understood(v: &Value, field: &str, ck: &mut FileCheck) {
    let (got, hint) = match v {
        Value::String(s) => (format!("`{s}`"), did_you_mean(s, ["peer_minmax"])),
        _ => ("a non-text value".into(), String::new()),
    };
    ck.err(
        field,
        format!("anchor not understood (got {got}; {EXPECTED}){hint}"),
    );
}

fn number(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::run;

    const DEFAULT: Anchor = Anchor::Fixed {
        disallowed: -1.0,
        satisfactory: 1.0,
    };

    /// The anchor written as `text`, and its problems.
    fn anchor(text: &str) -> (Anchor, Vec<String>) {
        let yaml = format!(
            "indicators:\n  - {{id: i, label: l, dimension: d, formula: x, weight: 1, anchor: {text}}}"
        );
        run(&yaml, |raw, ck| {
            let v = raw.indicators[0].anchor.as_ref();
            parse_anchor(v, "indicators[0].anchor", DEFAULT, ck)
        })
    }

    #[test]
    fn the_three_forms_are_read() {
        let cases = [
            ("peer_minmax", Anchor::PeerMinMax),
            (
                "{percentile: [5, 95]}",
                Anchor::Percentile { lo: 5.0, hi: 95.0 },
            ),
            (
                "{satisfactory: 100, disallowed: 0}",
                Anchor::Fixed {
                    disallowed: 0.0,
                    satisfactory: 100.0,
                },
            ),
            (
                "{disallowed: 3, satisfactory: -2.5}",
                Anchor::Fixed {
                    disallowed: 3.0,
                    satisfactory: -2.5,
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(anchor(text), (want, vec![]), "{text}");
        }
        let left_out = run("title: t", |_, ck| parse_anchor(None, "a", DEFAULT, ck));
        assert_eq!(left_out, (DEFAULT, vec![]));
    }

    #[test]
    fn each_problem_is_located_and_leaves_the_default() {
        let at = "m.yaml:2:68: indicators[0].anchor";
        let cases: [(&str, String); 10] = [
            ("peer_minmx", format!("{at}: anchor not understood (got `peer_minmx`; {EXPECTED}); did you mean `peer_minmax`?")),
            ("5", format!("{at}: anchor not understood (got a non-text value; {EXPECTED})")),
            ("[1, 2]", format!("{at}: anchor not understood (got a non-text value; {EXPECTED})")),
            ("{foo: 1}", format!("{at}: anchor not understood (got keys foo; {EXPECTED})")),
            ("{percentile: [1, 2], disallowed: 3}", format!("{at}: anchor not understood (got keys percentile, disallowed; {EXPECTED})")),
            ("{percentile: [90, 10]}", "m.yaml:2:81: indicators[0].anchor.percentile: percentiles must be [lo, hi] with 0 ≤ lo < hi ≤ 100".into()),
            ("{percentile: [1, 2, 3]}", "m.yaml:2:81: indicators[0].anchor.percentile: percentiles must be [lo, hi] with 0 ≤ lo < hi ≤ 100".into()),
            ("{disallowed: 1, satisfactory: 1}", format!("{at}: fixed anchors are equal (got disallowed 1 = satisfactory 1; expected two different values)")),
            ("{disallowed: 1, satisfactory: a}", format!("{at}: disallowed and satisfactory must be numbers")),
            ("{disallowed: .inf, satisfactory: 1e16}", "m.yaml:2:81: indicators[0].anchor.disallowed: not a finite number (got .inf; expected a number between -1e15 and 1e15)\nm.yaml:2:101: indicators[0].anchor.satisfactory: too large (got 1e16; expected a number between -1e15 and 1e15)".into()),
        ];
        for (text, want) in cases {
            let (got, found) = anchor(text);
            assert_eq!(got, DEFAULT, "{text}");
            assert_eq!(found.join("\n"), want, "{text}");
        }
    }
}
