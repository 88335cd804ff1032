//! `methodology/<year>.yaml`: raw → validated [`Methodology`], every problem collected.
//! One validator per section, each in its own file with its tests; this one puts
//! the sections together and says what the loader may do with the result.

mod anchor;
mod awards;
mod bonus;
mod dimensions;
mod efficacy;
mod goals;
mod indicators;
mod metrics;
mod scope;
#[cfg(test)]
pub(super) mod testing;
mod tie_break;
mod tiers;
mod vetoes;

use crate::model::Methodology;

use super::admission::validate_admission;
use super::context::FileCheck;
use super::english::{self, english_of_default};
use super::raw::RawMethodology;

use awards::validate_awards;
use bonus::validate_bonus;
use dimensions::validate_dimensions;
use efficacy::validate_efficacy;
use goals::validate_goals;
use indicators::validate_indicators;
use metrics::validate_metrics;
use scope::validate_scope;
use tie_break::validate_tie_break;
use tiers::validate_tiers;
use vetoes::validate_vetoes;

/// A methodology file after validation.
pub enum Checked {
    Valid(Box<Methodology>),
    /// Invalid, but its metrics and bonus sections are sound: park records can still
    /// be checked against them (never evaluated with).
    RecordsOnly(Box<Methodology>),
    Broken,
}

/// Every section validated in file order, every problem collected in `ck`.
pub fn validate_methodology(year: i32, raw: RawMethodology, ck: &mut FileCheck) -> Checked {
    let before = ck.problems.len();
    let efficacy = validate_efficacy(raw.efficacy.as_ref(), ck);
    let scope = validate_scope(raw.scope.as_ref(), ck);
    let (metrics, metric_problems) = counted(ck, |ck| validate_metrics(&raw.metrics, ck));
    let dimensions = validate_dimensions(&raw.dimensions, ck);
    let indicators = validate_indicators(&raw.indicators, &dimensions, &metrics, ck);
    let (bonus, bonus_problems) = counted(ck, |ck| validate_bonus(raw.bonus.as_ref(), ck));
    let vetoes = validate_vetoes(raw.vetoes.as_ref());
    // English text problems are errors, but they do not make the rules unusable.
    let ((), english_problems) = counted(ck, |ck| english::check_methodology(&raw, ck));
    let tie_break = validate_tie_break(raw.tie_break.as_deref(), &dimensions, &raw.indicators, ck);
    let tiers = validate_tiers(raw.tiers.as_ref(), ck);
    let awards = validate_awards(raw.awards.as_ref(), ck);
    let goals = validate_goals(raw.goals.as_ref(), ck);
    let admission = validate_admission(raw.admission.as_ref(), ck);
    let (title, title_en) = titles(year, &raw);
    let m = Box::new(Methodology {
        year,
        title,
        title_en,
        source: ck.file.to_string(),
        efficacy,
        scope,
        metrics,
        dimensions,
        indicators,
        bonus,
        vetoes,
        tie_break,
        tiers,
        awards,
        goals,
        admission,
    });
    if ck.problems.len() - english_problems == before {
        Checked::Valid(m)
    } else if metric_problems == 0 && bonus_problems == 0 {
        Checked::RecordsOnly(m)
    } else {
        Checked::Broken
    }
}

/// What `validate` returns, and how many problems it added.
fn counted<T>(ck: &mut FileCheck, validate: impl FnOnce(&mut FileCheck) -> T) -> (T, usize) {
    let before = ck.problems.len();
    let made = validate(ck);
    (made, ck.problems.len() - before)
}

/// The title and its English; left out, the title names the edition's year.
fn titles(year: i32, raw: &RawMethodology) -> (String, Option<String>) {
    let title = raw
        .title
        .clone()
        .unwrap_or_else(|| format!("小微企业园绩效评价办法（{year}年版）"));
    let title_en = english_of_default(raw.title.as_ref(), raw.title_en.as_ref(), || {
        format!(
            "Performance Evaluation Measures for Small and Micro Enterprise Parks ({year} edition)"
        )
    });
    (title, title_en)
}
