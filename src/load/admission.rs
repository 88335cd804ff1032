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
