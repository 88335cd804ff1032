//! The number formatter as `present` names it; it lives in [`crate::format`], below
//! every stage, because the collection workbooks write the same numbers.

pub use crate::format::{fixed, grouped, percent, trimmed};
