//! The one integration-test binary (`autotests = false` in Cargo.toml): one
//! module per area, shared helpers in `support`. One binary links once, so
//! `cargo test` stays quick as the suite grows.

mod analysis;
mod architecture;
mod cli;
mod commands;
mod cycle;
mod cyclesite;
mod english;
mod evaluation;
mod excel;
mod first_user;
mod fuzz;
mod hostile;
mod hostile_workbooks;
mod properties;
mod report;
mod rosters;
mod serve;
mod site;
mod support;
mod write;
