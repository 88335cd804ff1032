//! `parks/<id>.yaml`: raw → [`Park`], and the checks of its records against the
//! methodology in force each year.

use std::collections::BTreeMap;

use crate::error::did_you_mean;
use crate::model::{
    is_code_prefix, status_of, Honor, Methodology, Park, ParkId, ParkKind, Status, YearRecord,
    ZoneLevel,
};

use super::computed;
use super::context::FileCheck;
use super::english;
use super::numbers;
use super::raw::RawPark;
use super::rules;

/// The profile checks that need nothing but the file itself.
pub fn validate_park(stem: &str, raw: RawPark, ck: &mut FileCheck) -> Option<Park> {
    let before = ck.problems.len();
    let id = ParkId::parse(&raw.id);
    match &id {
        None => ck.err(
            "id",
            format!(
                "park id is not URL-safe (got `{}`; expected lower-case ASCII letters, digits and -, starting with a letter or digit)",
                raw.id
            ),
        ),
        Some(id) if id.as_str() != stem => ck.err(
            "id",
            format!("park id differs from the file name (got `{}`; expected `{stem}`)", raw.id),
        ),
        Some(_) => {}
    }
    if ParkId::parse(stem).is_none() {
        ck.err(
            "",
            format!("file name is not a valid park id (got `{stem}`; expected lower-case ASCII letters, digits and -)"),
        );
    }
    for (field, value) in [
        ("name", &raw.name),
        ("district", &raw.district),
        ("zone", &raw.zone),
    ] {
        if value.trim().is_empty() {
            ck.err(field, "must not be empty");
        }
    }
    english::check_park(&raw, ck);
    let zone_level = ZoneLevel::parse(&raw.zone_level);
    if zone_level.is_none() {
        ck.err(
            "zone_level",
            format!(
                "unknown zone level (got `{}`; expected national, provincial or other){}",
                raw.zone_level,
                did_you_mean(&raw.zone_level, ZoneLevel::ALL.iter().map(|(n, _)| *n))
            ),
        );
    }
    let kind = ParkKind::parse(&raw.kind);
    if kind.is_none() {
        ck.err(
            "kind",
            format!(
                "unknown park kind (got `{}`; expected industrial, startup or innovation){}",
                raw.kind,
                did_you_mean(&raw.kind, ParkKind::ALL.iter().map(|(n, _)| *n))
            ),
        );
    }
    if let Some(c) = raw.closed {
        if c < raw.opened {
            ck.err(
                "closed",
                format!(
                    "closed before it opened (got {c}; expected {} or later)",
                    raw.opened
                ),
            );
        }
        for y in raw.years.keys().filter(|y| **y > c) {
            ck.err(
                &format!("years.{y}"),
                format!("a record after the park closed (got {y}; expected {c} or earlier, as `closed: {c}` says: remove the record, or correct `closed`)"),
            );
        }
    }
    check_years(&raw, ck);
    let honors = raw
        .honors
        .into_iter()
        .map(|h| Honor {
            category: h.category,
            kind: h.kind,
            year: h.year,
            title: h.title,
        })
        .collect();
    let years: BTreeMap<i32, YearRecord> = raw
        .years
        .into_iter()
        .map(|(y, r)| {
            (
                y,
                YearRecord {
                    metrics: numbers(y, r.metrics, ck),
                    vetoes: r.vetoes,
                    not_reported: r.not_reported,
                    transition_opt_in: r.transition_opt_in,
                    note_en: r.note_en,
                    note: r.note,
                    roster: None,
                },
            )
        })
        .collect();
    check_codes(&raw.leading_industry_codes, ck);
    if ck.problems.len() > before {
        return None;
    }
    Some(Park {
        id: id?,
        name: raw.name,
        district: raw.district,
        zone: raw.zone,
        zone_level: zone_level?,
        kind: kind?,
        leading_industries: raw.leading_industries,
        leading_industry_codes: raw.leading_industry_codes,
        operator: raw.operator,
        opened: raw.opened,
        closed: raw.closed,
        honors,
        years,
        name_en: raw.name_en,
        district_en: raw.district_en,
        zone_en: raw.zone_en,
        operator_en: raw.operator_en,
        leading_industries_en: raw.leading_industries_en,
        source: ck.file.to_string(),
    })
}

/// `leading_industry_codes`: GB/T 4754 code prefixes (a section letter, up to 4 digits).
fn check_codes(codes: &[String], ck: &mut FileCheck) {
    for (i, code) in codes.iter().enumerate().filter(|(_, c)| !is_code_prefix(c)) {
        ck.err(
            &format!("leading_industry_codes[{i}]"),
            format!("not a GB/T 4754-2017 code prefix (got `{code}`; expected a section letter A–T and up to 4 digits, e.g. C39)"),
        );
    }
}

/// Every year the file names is a plausible one (opened, closed, honors, records).
fn check_years(raw: &RawPark, ck: &mut FileCheck) {
    numbers::year(ck, "opened", raw.opened);
    if let Some(c) = raw.closed {
        numbers::year(ck, "closed", c);
    }
    for (i, h) in raw.honors.iter().enumerate() {
        numbers::year(ck, &format!("honors[{i}].year"), h.year);
    }
    for y in raw.years.keys() {
        numbers::year(ck, &format!("years.{y}"), *y);
    }
}

/// Metric values as numbers; anything else is a problem at its own position.
fn numbers(
    year: i32,
    raw: BTreeMap<String, serde_yaml::Value>,
    ck: &mut FileCheck,
) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for (metric, value) in raw {
        match value.as_f64() {
            Some(v) => {
                out.insert(metric, v);
            }
            None => {
                let got = match &value {
                    serde_yaml::Value::String(s) => format!("\"{s}\""),
                    serde_yaml::Value::Null => "nothing".to_string(),
                    serde_yaml::Value::Bool(b) => b.to_string(),
                    _ => "a list or mapping".to_string(),
                };
                ck.err(
                    &format!("years.{year}.metrics.{metric}"),
                    format!("not a number (got {got}; expected a number, without units)"),
                );
            }
        }
    }
    out
}

/// Metrics and vetoes of every record against the methodology of its year (years
/// without a valid one are skipped), and honors against the categories of `all`
/// versions (skipped when `None`: some version is broken).
pub fn check_records<'m>(
    park: &Park,
    methodology_for: &dyn Fn(i32) -> Option<&'m Methodology>,
    all: Option<&[&'m Methodology]>,
    ck: &mut FileCheck,
) {
    for (year, record) in &park.years {
        let Some(m) = methodology_for(*year) else {
            continue;
        };
        for (metric, value) in &record.metrics {
            if record.is_derived(metric) {
                continue; // checked where the roster is merged, and located there
            }
            let field = format!("years.{year}.metrics.{metric}");
            if let Err(msg) = rules::check_metric_known(m, metric) {
                ck.err(&field, msg);
                continue;
            }
            if let Err(msg) = rules::check_metric(&m.metrics[metric], *value) {
                ck.err(&field, msg);
            }
        }
        for (i, veto) in record.vetoes.iter().enumerate() {
            if let Err(msg) = rules::check_veto(m, veto) {
                ck.err(&format!("years.{year}.vetoes[{i}]"), msg);
            }
        }
    }
    let Some(all) = all else {
        return;
    };
    for (i, h) in park.honors.iter().enumerate() {
        let categories: Vec<_> = all.iter().flat_map(|m| m.bonus.categories.iter()).collect();
        let matching: Vec<_> = categories.iter().filter(|c| c.id == h.category).collect();
        if matching.is_empty() {
            let mut ids: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            ck.err(
                &format!("honors[{i}].category"),
                format!(
                    "unknown honor category (got `{}`; expected one of {}){}",
                    h.category,
                    ids.join(", "),
                    did_you_mean(&h.category, ids.iter().copied())
                ),
            );
        } else if !matching.iter().any(|c| c.kinds.contains_key(&h.kind)) {
            let mut kinds: Vec<&str> = matching
                .iter()
                .flat_map(|c| c.kinds.keys().map(String::as_str))
                .collect();
            kinds.sort_unstable();
            kinds.dedup();
            ck.err(
                &format!("honors[{i}].kind"),
                format!(
                    "unknown kind for category {} (got `{}`; expected one of {}){}",
                    h.category,
                    h.kind,
                    kinds.join(", "),
                    did_you_mean(&h.kind, kinds.iter().copied())
                ),
            );
        }
    }
}

/// What evaluation year `year` needs of this park: a record when it operates in
/// scope, and every metric (without division by zero) when it is rated.
pub fn check_year(park: &Park, year: i32, m: &Methodology, ck: &mut FileCheck) {
    let Some(status) = status_of(park, year, m) else {
        ck.err_near(
            "years",
            "opened",
            format!(
                "no record for {year}, but the park operates in scope that year (expected years.{year}; add it, mark it `not_reported: true`, or set `closed`)"
            ),
        );
        return;
    };
    if status != Status::Rated {
        return;
    }
    let record = &park.years[&year];
    let field = format!("years.{year}.metrics");
    for metric in rules::missing_metrics(m, record) {
        ck.err(&field, rules::missing_metric_message(m, metric, year));
    }
    for msg in rules::divisions_by_zero(m, record, year) {
        ck.err(&field, msg);
    }
    computed::check_computed(park, year, m, ck);
}
