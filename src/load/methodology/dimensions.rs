//! `dimensions`: the groups indicators add up in (亩均效益, 产业集聚, …), at least
//! one, each id once. Whether each has an indicator is checked with the indicators.

use crate::load::context::FileCheck;
use crate::load::raw::RawDimension;
use crate::model::Dimension;

/// A duplicate id is a problem but kept, so indicator indexes stay as written.
pub(super) fn validate_dimensions(raw: &[RawDimension], ck: &mut FileCheck) -> Vec<Dimension> {
    let mut dimensions: Vec<Dimension> = Vec::new();
    for (i, d) in raw.iter().enumerate() {
        if dimensions.iter().any(|x| x.id == d.id) {
            ck.err(
                &format!("dimensions[{i}].id"),
                format!("duplicate dimension id (got `{}`)", d.id),
            );
        }
        dimensions.push(Dimension {
            id: d.id.clone(),
            label: d.label.clone(),
            label_en: d.label_en.clone(),
        });
    }
    if dimensions.is_empty() {
        ck.err("dimensions", "no dimensions (expected at least one)");
    }
    dimensions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::{problems, run};

    #[test]
    fn every_dimension_is_kept_in_order() {
        let yaml = "dimensions:\n  - {id: a, label: 甲, label_en: A}\n  - {id: b, label: 乙}";
        let (d, found) = run(yaml, |raw, ck| validate_dimensions(&raw.dimensions, ck));
        assert!(found.is_empty());
        let ids: Vec<&str> = d.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(d[0].label_en.as_deref(), Some("A"));
    }

    #[test]
    fn each_problem_is_located() {
        let cases: [(&str, &[&str]); 2] = [
            (
                "dimensions:\n  - {id: a, label: 甲}\n  - {id: b, label: 乙}\n  - {id: a, label: 丙}",
                &["m.yaml:4:10: dimensions[2].id: duplicate dimension id (got `a`)"],
            ),
            (
                "dimensions: []",
                &["m.yaml:1:13: dimensions: no dimensions (expected at least one)"],
            ),
        ];
        for (yaml, want) in cases {
            let found = problems(yaml, |raw, ck| validate_dimensions(&raw.dimensions, ck));
            assert_eq!(found, want, "{yaml}");
        }
    }
}
