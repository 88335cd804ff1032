//! Helpers shared by the integration tests: fixture data folders, a workspace to
//! run the binary in, and a strict HTML reader.

pub mod fixture;
pub mod html;
pub mod repo;
pub mod workspace;
