//! Helpers shared by the integration tests: fixture data folders, hostile cases
//! edited from them, a workspace to run the binary in, a strict HTML reader,
//! sites rendered in memory, workbooks built part by part, and whole folder trees.

pub mod case;
pub mod fixture;
pub mod html;
pub mod repo;
pub mod site;
pub mod tree;
pub mod workbook;
pub mod workspace;
