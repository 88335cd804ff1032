//! The methodology's optional `admission` section (入园审核) → [`Admission`].

use crate::model::{is_section, Admission};

use super::context::FileCheck;
use super::raw::RawAdmission;

/// Section letters must be A–T, one each; an empty list would flag every entrant,
/// so it is refused rather than taken literally.
pub fn validate_admission(raw: Option<&RawAdmission>, ck: &mut FileCheck) -> Option<Admission> {
    let raw = raw?;
    let industry_sections = raw.industry_sections.as_ref().map(|list| {
        if list.is_empty() {
            ck.err(
                "admission.industry_sections",
                "empty (expected GB/T 4754-2017 section letters such as [C], or leave the key out)",
            );
        }
        let mut out = Vec::new();
        for (i, s) in list.iter().enumerate() {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if is_section(c) => out.push(c),
                _ => ck.err(
                    &format!("admission.industry_sections[{i}]"),
                    format!("not a GB/T 4754-2017 section letter (got `{s}`; expected one capital letter A–T, e.g. C for 制造业)"),
                ),
            }
        }
        out
    });
    Some(Admission {
        industry_sections,
        small_micro_only: raw.small_micro_only.unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::run;

    fn check(yaml: &str) -> (Option<Admission>, Vec<String>) {
        run(yaml, |raw, ck| {
            validate_admission(raw.admission.as_ref(), ck)
        })
    }

    #[test]
    fn left_out_there_is_no_entry_review() {
        assert_eq!(check("title: t"), (None, vec![]));
        let (a, problems) = check("admission: {industry_sections: [C, M], small_micro_only: true}");
        assert!(problems.is_empty());
        let a = a.unwrap();
        assert_eq!(a.industry_sections, Some(vec!['C', 'M']));
        assert!(a.small_micro_only);
        let (a, _) = check("admission: {small_micro_only: false}");
        assert_eq!(a.unwrap().industry_sections, None);
    }

    #[test]
    fn each_problem_is_located() {
        let cases: [(&str, &[&str]); 2] = [
            (
                "admission: {industry_sections: []}",
                &["m.yaml:1:32: admission.industry_sections: empty (expected GB/T 4754-2017 section letters such as [C], or leave the key out)"],
            ),
            (
                "admission:\n  industry_sections: [c, CC, U, C]",
                &[
                    "m.yaml:2:23: admission.industry_sections[0]: not a GB/T 4754-2017 section letter (got `c`; expected one capital letter A–T, e.g. C for 制造业)",
                    "m.yaml:2:26: admission.industry_sections[1]: not a GB/T 4754-2017 section letter (got `CC`; expected one capital letter A–T, e.g. C for 制造业)",
                    "m.yaml:2:30: admission.industry_sections[2]: not a GB/T 4754-2017 section letter (got `U`; expected one capital letter A–T, e.g. C for 制造业)",
                ],
            ),
        ];
        for (yaml, want) in cases {
            assert_eq!(check(yaml).1, want, "{yaml}");
        }
    }
}
