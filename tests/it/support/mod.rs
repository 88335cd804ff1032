//! Helpers shared by the integration tests: the one fixture builder (data folders
//! described fluently, built into a workspace to run the binary in), hostile cases
//! edited from the mini fixture, a strict HTML reader,
//! sites rendered in memory, workbooks built part by part, and whole folder trees.

pub mod case;
pub mod fixture;
pub mod html;
pub mod repo;
pub mod site;
pub mod tree;
pub mod workbook;
