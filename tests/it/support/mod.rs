//! Helpers shared by the integration tests: fixture data folders, a strict HTML
//! reader, and workbooks built part by part.

pub mod fixture;
pub mod html;
pub mod workbook;
