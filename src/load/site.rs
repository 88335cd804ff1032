//! `site.yaml`: the publication's settings.

use crate::error::did_you_mean;
use crate::model::{CorrectionsSince, Gongshi, Site, Stage};

use super::context::FileCheck;
use super::english;
use super::look;
use super::raw::RawSite;

pub fn validate_site(raw: RawSite, ck: &mut FileCheck) -> Option<Site> {
    let before = ck.problems.len();
    english::check_site(&raw, ck);
    let stage = match raw.stage.as_deref() {
        None | Some("final") => Stage::Final,
        Some("gongshi") => Stage::Gongshi,
        Some(other) => {
            ck.err(
                "stage",
                format!(
                    "unknown stage (got `{other}`; expected gongshi or final){}",
                    did_you_mean(other, ["gongshi", "final"])
                ),
            );
            Stage::Final
        }
    };
    let gongshi = raw.gongshi.map(|g| {
        let mut date = |field: &str, v: &serde_yaml::Value| -> String {
            let text = match v {
                serde_yaml::Value::String(s) => s.clone(),
                other => format!("{other:?}"),
            };
            if !is_iso_date(&text) {
                ck.err(
                    field,
                    format!("not a date (got `{text}`; expected YYYY-MM-DD)"),
                );
            }
            text
        };
        let start = date("gongshi.start", &g.start);
        let end = date("gongshi.end", &g.end);
        if is_iso_date(&start) && is_iso_date(&end) && end < start {
            ck.err(
                "gongshi.end",
                format!("ends before it starts (got {end}; expected {start} or later)"),
            );
        }
        Gongshi {
            start,
            end,
            contact: g.contact,
            contact_en: g.contact_en,
        }
    });
    if stage == Stage::Gongshi && gongshi.is_none() {
        ck.err(
            "stage",
            "stage is gongshi but `gongshi: {start, end, contact}` is missing",
        );
    }
    if let Some(url) = &raw.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            ck.err(
                "base_url",
                format!("not an absolute URL (got `{url}`; expected https://…)"),
            );
        }
    }
    let corrections_since = raw
        .corrections_since
        .as_ref()
        .and_then(|v| corrections_since(v, stage, ck));
    let look = look::validate_look(raw.look, ck);
    if raw.title.trim().is_empty() {
        ck.err("title", "must not be empty");
    }
    if ck.problems.len() > before {
        return None;
    }
    Some(Site {
        title: raw.title,
        title_en: raw.title_en,
        publisher: raw.publisher,
        publisher_en: raw.publisher_en,
        base_url: raw
            .base_url
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") }),
        stage,
        gongshi,
        corrections_since,
        look,
    })
}

/// `corrections_since`: final stage only, and something git can only read as a
/// revision (never an option, a path or several words).
fn corrections_since(
    v: &serde_yaml::Value,
    stage: Stage,
    ck: &mut FileCheck,
) -> Option<CorrectionsSince> {
    const FIELD: &str = "corrections_since";
    let rev = match v {
        serde_yaml::Value::String(s) => s.trim().to_string(),
        serde_yaml::Value::Number(n) => {
            ck.err(
                FIELD,
                format!(
                    "write the revision in quotes (got {n}; expected a string such as \"{n}\")"
                ),
            );
            return None;
        }
        _ => {
            ck.err(
                FIELD,
                "not a git revision (expected a tag or commit of the 公示 edition, e.g. gongshi-2024)",
            );
            return None;
        }
    };
    if stage != Stage::Final {
        ck.err(
            FIELD,
            "only for the final stage (got stage gongshi; expected stage: final once the 公示 period is over, or no corrections_since)",
        );
        return None;
    }
    if !is_revision(&rev) {
        ck.err(
            FIELD,
            format!("not a git revision (got `{rev}`; expected a tag or commit of the 公示 edition, e.g. gongshi-2024)"),
        );
        return None;
    }
    Some(CorrectionsSince {
        rev,
        file: ck.file.to_string(),
        position: ck.positions.find(FIELD),
    })
}

/// A tag, branch, commit or `name~n`: no spaces, control characters or `:`, not
/// starting with `-` (git would take it for an option), at most 200 bytes.
fn is_revision(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && !s.starts_with('-')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ':')
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}
