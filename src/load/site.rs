//! `site.yaml`: the publication's settings.

use crate::error::did_you_mean;
use crate::model::{Gongshi, Site, Stage};

use super::context::FileCheck;
use super::english;
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
    })
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
