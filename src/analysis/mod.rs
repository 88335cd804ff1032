//! Beyond the ranking: explain a change between two versions of the data ([`diff`]),
//! test how robust the tiers are to the weights ([`sensitivity`]), and show what it
//! takes to move up a tier ([`whatif`]). Every function returns plain structs that
//! `present` turns into text, markdown, JSON or a scorecard section.
//!
//! [`site_study`] bundles sensitivity and what-if with the settings a site build uses.
//! [`english_coverage`] counts the names the English edition still shows in Chinese.
//!
//! `diff`, `sensitivity`, `whatif` and `site_study` are pure; only [`side`] reads files (through `load`).

mod anchor_moves;
pub mod corrections;
mod crossings;
pub mod diff;
pub mod english_coverage;
mod own_edits;
mod rng;
pub mod roster_change;
pub mod roster_diff;
pub mod sensitivity;
pub mod side;
pub mod site_study;
pub mod whatif;
pub mod yaml_diff;

pub use corrections::{corrections, Corrections};
pub use diff::{diff, DataDiff};
pub use english_coverage::{english_coverage, EnglishCoverage};
pub use sensitivity::{sensitivity, Sensitivity, SensitivityOptions};
pub use site_study::{site_study, YearStudy};
pub use whatif::{what_if, what_if_all, WhatIf};
