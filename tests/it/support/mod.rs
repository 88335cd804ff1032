//! Helpers shared by the integration tests: fixture data folders, a strict HTML
//! reader, whole folder trees.

pub mod fixture;
pub mod html;
pub mod tree;
