//! `parkscore sensitivity`: Monte Carlo on the weights — how robust each park's
//! rank and tier are.

use std::time::Instant;

use crate::analysis::{sensitivity, SensitivityOptions};
use crate::error::Result;
use crate::present::json::to_json;
use crate::present::sensitivity::{sensitivity_json, sensitivity_text};
use crate::present::summary::sensitivity_runs;
use crate::{evaluate, DataSource, EvaluateOptions};

use super::{Context, Outcome, TextOrJson};

#[derive(Debug, Clone)]
pub struct SensitivityRequest {
    pub data: DataSource,
    /// `None` for the latest evaluated year.
    pub year: Option<i32>,
    pub study: SensitivityOptions,
    pub format: TextOrJson,
}

pub fn run(req: &SensitivityRequest, _ctx: &Context) -> Result<Outcome> {
    let eval = evaluate(&req.data, &EvaluateOptions::default())?;
    let r = eval.pick_year(req.year)?;
    let m = &eval.data.methodologies[&r.methodology_year];
    // The summary times the runs alone, not the loading.
    let started = Instant::now();
    let s = sensitivity(&eval.data.parks, r.year, m, req.study)?;
    let took = started.elapsed();
    let output = match req.format {
        TextOrJson::Text => sensitivity_text(&eval.data, &s),
        TextOrJson::Json => to_json(&sensitivity_json(&eval.data, &s)),
    };
    let summary = sensitivity_runs(req.study.runs, s.parks.len(), took);
    Ok(Outcome::product(output, summary))
}
