//! Helpers shared by the integration tests: fixture data folders, a strict HTML
//! reader, and sites rendered in memory.

pub mod fixture;
pub mod html;
pub mod site;
