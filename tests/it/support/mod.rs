//! Helpers shared by the integration tests: fixture data folders and a strict HTML reader.

pub mod fixture;
pub mod html;
pub mod repo;
