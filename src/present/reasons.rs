//! Why a park was not rated, in the words the site prints.

use crate::evaluate::ParkResult;
use crate::model::{Methodology, Park, Status};

use super::lang::{Lang, Named};
use super::messages::{fill, msg, word};

/// The status label and the reason in full (e.g. the vetoes' labels), in `lang`;
/// a Chinese zone name on an English page marks the whole reason Chinese-bearing.
pub fn reason<'a>(p: &ParkResult, park: &'a Park, m: &Methodology, lang: Lang) -> Named<'a> {
    let key = p.status.id();
    let text = match p.status {
        Status::Vetoed => {
            let labels: Vec<&str> = p
                .vetoes
                .iter()
                .map(|v| {
                    m.vetoes.get(v).map_or(v.as_str(), |x| {
                        lang.plain_name(&x.label, x.label_en.as_deref(), v)
                    })
                })
                .collect();
            let sep = msg(lang, "common.semicolon");
            fill(lang, "reason.vetoed", &[("labels", &labels.join(sep))])
        }
        Status::OutOfScope => {
            let levels: Vec<&str> = m
                .scope
                .zone_levels
                .iter()
                .map(|z| word(lang, "zone_level", z.id()))
                .collect();
            let zone = lang.plain_name(&park.zone, park.zone_en.as_deref(), "");
            fill(
                lang,
                "reason.out_of_scope",
                &[
                    ("level", word(lang, "zone_level", park.zone_level.id())),
                    ("zone", zone),
                    ("levels", &levels.join(msg(lang, "common.list_sep"))),
                ],
            )
        }
        Status::Transition => fill(
            lang,
            "reason.transition",
            &[
                ("opened", &park.opened.to_string()),
                ("years", &m.scope.transition_years.to_string()),
            ],
        ),
        _ => msg(lang, &format!("reason.{key}")).to_string(),
    };
    Named::plain(text)
}
