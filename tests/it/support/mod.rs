//! Helpers shared by the integration tests: fixture data folders, a strict HTML
//! reader, sites rendered in memory, whole folder trees.

pub mod fixture;
pub mod html;
pub mod site;
pub mod tree;
