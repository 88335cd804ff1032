//! Beyond the ranking: explain a change between two versions of the data ([`diff`]),
//! test how robust the tiers are to the weights ([`sensitivity`]), and show what it
//! takes to move up a tier ([`whatif`]). Every function returns plain structs that
//! `present` turns into text, markdown, JSON or a scorecard section.
//!
//! `diff`, `sensitivity` and `whatif` are pure; only [`side`] reads files (through `load`).

mod anchor_moves;
pub mod diff;
mod own_edits;
mod rng;
pub mod sensitivity;
pub mod side;
pub mod whatif;
pub mod yaml_diff;

pub use diff::{diff, DataDiff};
pub use sensitivity::{sensitivity, Sensitivity, SensitivityOptions};
pub use whatif::{what_if, what_if_all, WhatIf};
