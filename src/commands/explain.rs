//! `parkscore explain`: how one park's result came about, and what it would take
//! to reach the next tier.

use crate::analysis::whatif::what_if_in;
use crate::error::{suggest, Error, Result};
use crate::evaluate::{ParkResult, YearResult};
use crate::present::explain::{explain, explain_json, explain_whatif};
use crate::present::json::to_json;
use crate::present::summary::explained;
use crate::present::Audience;
use crate::{evaluate, DataSource, EvaluateOptions, Evaluation};

use super::{Context, Outcome, TextOrJson};

#[derive(Debug, Clone)]
pub struct ExplainOptions {
    /// The park id (its file name without `.yaml`).
    pub park: String,
    /// `None` for the latest evaluated year.
    pub year: Option<i32>,
    pub data: DataSource,
    pub audience: Audience,
    pub format: TextOrJson,
}

pub fn run(opts: &ExplainOptions, ctx: &Context) -> Result<Outcome> {
    let eval = evaluate(&opts.data, &EvaluateOptions::default())?;
    let r = eval.pick_year(opts.year)?;
    let p = find_park(&eval, r, &opts.park)?;
    let m = &eval.data.methodologies[&r.methodology_year];
    let w = what_if_in(&eval.data.parks, r.year, m, r, &opts.park);
    let output = match opts.format {
        TextOrJson::Text => {
            let mut text = explain(&eval.data, r, m, p, opts.audience);
            if let Some(w) = &w {
                text.push_str(&explain_whatif(m, w, opts.audience));
            }
            text
        }
        TextOrJson::Json => to_json(&explain_json(
            &eval.data,
            r,
            m,
            p,
            w.as_ref(),
            opts.audience,
        )),
    };
    let from = opts.data.describe();
    let summary = explained(&opts.park, r.year, ctx.run(&from));
    Ok(Outcome::product(output, summary))
}

/// The park's result in `r`; a park that does not exist gets a "did you mean".
fn find_park<'a>(eval: &Evaluation, r: &'a YearResult, id: &str) -> Result<&'a ParkResult> {
    if let Some(p) = r.park(id) {
        return Ok(p);
    }
    if eval.data.park(id).is_some() {
        return Err(Error::ParkNotInYear {
            id: id.to_string(),
            year: r.year,
        });
    }
    Err(Error::UnknownPark {
        id: id.to_string(),
        suggestion: suggest(id, eval.data.parks.iter().map(|p| p.id.as_str())).map(str::to_string),
    })
}
