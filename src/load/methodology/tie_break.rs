//! `tie_break`: what decides between parks with equal totals, in order —
//! `dimension:<id>` or `indicator:<id>` scores. Left out, it is the sample
//! methodology's (efficiency, then tax and revenue per mu).

use crate::error::did_you_mean;
use crate::load::context::FileCheck;
use crate::load::raw::RawIndicator;
use crate::model::{Dimension, TieBreak};

const DEFAULT: [&str; 3] = [
    "dimension:efficiency",
    "indicator:tax_per_mu",
    "indicator:revenue_per_mu",
];

/// Indicator keys index the indicators as written (`indicators`), like the ranking.
pub(super) fn validate_tie_break(
    raw: Option<&[String]>,
    dimensions: &[Dimension],
    indicators: &[RawIndicator],
    ck: &mut FileCheck,
) -> Vec<TieBreak> {
    let keys: Vec<&str> = match raw {
        Some(keys) => keys.iter().map(String::as_str).collect(),
        None => DEFAULT.to_vec(),
    };
    let mut tie_break = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let field = format!("tie_break[{i}]");
        match key.split_once(':') {
            Some(("dimension", d)) => {
                let ids = || dimensions.iter().map(|x| x.id.as_str());
                match ids().position(|x| x == d) {
                    Some(ix) => tie_break.push(TieBreak::Dimension(ix)),
                    None => ck.err(&field, unknown("dimension", d, ids())),
                }
            }
            Some(("indicator", d)) => {
                let ids = || indicators.iter().map(|x| x.id.as_str());
                match ids().position(|x| x == d) {
                    Some(ix) => tie_break.push(TieBreak::Indicator(ix)),
                    None => ck.err(&field, unknown("indicator", d, ids())),
                }
            }
            _ => ck.err(
                &field,
                format!("tie-break key not understood (got `{key}`; expected dimension:<id> or indicator:<id>)"),
            ),
        }
    }
    tie_break
}

fn unknown<'a>(what: &str, id: &str, ids: impl IntoIterator<Item = &'a str>) -> String {
    format!(
        "unknown {what} in tie_break (got `{id}`){}",
        did_you_mean(id, ids)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::run;

    const HEAD: &str = "dimensions: [{id: efficiency, label: 效益}, {id: cluster, label: 集聚}]\n\
        indicators:\n  - {id: tax_per_mu, label: l, dimension: efficiency, formula: x, weight: 50}\n  \
        - {id: revenue_per_mu, label: l, dimension: cluster, formula: x, weight: 50}";

    fn check(tie_break: &str) -> (Vec<TieBreak>, Vec<String>) {
        let yaml = format!("{HEAD}\n{tie_break}");
        run(&yaml, |raw, ck| {
            let dimensions: Vec<Dimension> = raw
                .dimensions
                .iter()
                .map(|d| Dimension {
                    id: d.id.clone(),
                    label: d.label.clone(),
                    label_en: None,
                })
                .collect();
            validate_tie_break(raw.tie_break.as_deref(), &dimensions, &raw.indicators, ck)
        })
    }

    #[test]
    fn keys_become_indexes() {
        use TieBreak::{Dimension as D, Indicator as I};
        assert_eq!(check("title: t"), (vec![D(0), I(0), I(1)], vec![]));
        assert_eq!(
            check("tie_break: [indicator:revenue_per_mu, dimension:cluster]"),
            (vec![I(1), D(1)], vec![])
        );
        assert_eq!(check("tie_break: []"), (vec![], vec![]));
    }

    #[test]
    fn each_problem_is_located() {
        let (found, problems) = check(
            "tie_break: [dimension:efficency, indicator:tax_per_m, foo, \"dimension:\", x:y]",
        );
        assert!(found.is_empty());
        assert_eq!(
            problems,
            [
                "m.yaml:5:13: tie_break[0]: unknown dimension in tie_break (got `efficency`); did you mean `efficiency`?",
                "m.yaml:5:34: tie_break[1]: unknown indicator in tie_break (got `tax_per_m`); did you mean `tax_per_mu`?",
                "m.yaml:5:55: tie_break[2]: tie-break key not understood (got `foo`; expected dimension:<id> or indicator:<id>)",
                "m.yaml:5:60: tie_break[3]: unknown dimension in tie_break (got ``)",
                "m.yaml:5:74: tie_break[4]: tie-break key not understood (got `x:y`; expected dimension:<id> or indicator:<id>)",
            ]
        );
    }

    #[test]
    fn the_default_names_what_is_missing() {
        let yaml = "dimensions: [{id: d, label: l}]\nindicators: []";
        let (_, problems) = run(yaml, |raw, ck| {
            validate_tie_break(None, &[], &raw.indicators, ck)
        });
        assert_eq!(
            problems,
            [
                "m.yaml: tie_break[0]: unknown dimension in tie_break (got `efficiency`)",
                "m.yaml: tie_break[1]: unknown indicator in tie_break (got `tax_per_mu`)",
                "m.yaml: tie_break[2]: unknown indicator in tie_break (got `revenue_per_mu`)",
            ]
        );
    }
}
