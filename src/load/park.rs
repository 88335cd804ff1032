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
use super::raw::{RawHonor, RawPark, RawYear};
use super::rules;

/// The profile checks that need nothing but the file itself.
pub fn validate_park(stem: &str, raw: RawPark, ck: &mut FileCheck) -> Option<Park> {
    let before = ck.problems.len();
    let id = check_id(&raw.id, stem, ck);
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
    let zone_level = zone_level(&raw.zone_level, ck);
    let kind = kind(&raw.kind, ck);
    check_closed(&raw, ck);
    check_years(&raw, ck);
    let honors = raw.honors.into_iter().map(honor).collect();
    let years = records(raw.years, ck);
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

/// The `id` as a park id; it must be URL-safe and the file's name, and so must the
/// file's name itself.
fn check_id(id: &str, stem: &str, ck: &mut FileCheck) -> Option<ParkId> {
    let parsed = ParkId::parse(id);
    match &parsed {
        None => ck.err(
            "id",
            format!(
                "park id is not URL-safe (got `{id}`; expected lower-case ASCII letters, digits and -, starting with a letter or digit)"
            ),
        ),
        Some(p) if p.as_str() != stem => ck.err(
            "id",
            format!("park id differs from the file name (got `{id}`; expected `{stem}`)"),
        ),
        Some(_) => {}
    }
    if ParkId::parse(stem).is_none() {
        ck.err(
            "",
            format!("file name is not a valid park id (got `{stem}`; expected lower-case ASCII letters, digits and -)"),
        );
    }
    parsed
}

fn zone_level(raw: &str, ck: &mut FileCheck) -> Option<ZoneLevel> {
    let level = ZoneLevel::parse(raw);
    if level.is_none() {
        ck.err(
            "zone_level",
            format!(
                "unknown zone level (got `{raw}`; expected national, provincial or other){}",
                did_you_mean(raw, ZoneLevel::ALL.iter().map(|(n, _)| *n))
            ),
        );
    }
    level
}

fn kind(raw: &str, ck: &mut FileCheck) -> Option<ParkKind> {
    let kind = ParkKind::parse(raw);
    if kind.is_none() {
        ck.err(
            "kind",
            format!(
                "unknown park kind (got `{raw}`; expected industrial, startup or innovation){}",
                did_you_mean(raw, ParkKind::ALL.iter().map(|(n, _)| *n))
            ),
        );
    }
    kind
}

/// `closed` is not before `opened`, and no record comes after it.
fn check_closed(raw: &RawPark, ck: &mut FileCheck) {
    let Some(c) = raw.closed else {
        return;
    };
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

fn honor(h: RawHonor) -> Honor {
    Honor {
        category: h.category,
        kind: h.kind,
        year: h.year,
        title: h.title,
    }
}

/// The yearly records, their metric values read as numbers.
fn records(raw: BTreeMap<i32, RawYear>, ck: &mut FileCheck) -> BTreeMap<i32, YearRecord> {
    raw.into_iter()
        .map(|(y, r)| {
            let record = YearRecord {
                metrics: numbers(y, r.metrics, ck),
                vetoes: r.vetoes,
                not_reported: r.not_reported,
                transition_opt_in: r.transition_opt_in,
                note_en: r.note_en,
                note: r.note,
                roster: None,
            };
            (y, record)
        })
        .collect()
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
    if let Some(all) = all {
        check_honors(park, all, ck);
    }
}

/// Each honor's category and kind exist in some methodology version.
fn check_honors(park: &Park, all: &[&Methodology], ck: &mut FileCheck) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::scan;

    const PARK: &str = "id: p1\nname: 园\ndistrict: 区\nzone: 开发区\nzone_level: national\nkind: industrial\nopened: 2020\n";

    /// `PARK` with the edits (`old => new`) and the lines added, as file `stem`.
    fn check(stem: &str, edits: &[(&str, &str)], added: &str) -> (Option<Park>, Vec<String>) {
        let mut text = PARK.to_string();
        for (old, new) in edits {
            assert!(text.contains(old), "{old}");
            text = text.replacen(old, new, 1);
        }
        text.push_str(added);
        let (positions, structural) = scan("p.yaml", &text);
        assert!(structural.is_empty(), "{structural:?}");
        let raw: RawPark = serde_yaml::from_str(&text).unwrap();
        let mut problems = Vec::new();
        let mut ck = FileCheck {
            file: "p.yaml",
            positions: &positions,
            problems: &mut problems,
        };
        let park = validate_park(stem, raw, &mut ck);
        (park, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_sound_file_is_a_park() {
        let added = "honors: [{category: c, kind: k, year: 2021, title: t}]\nyears:\n  2021: {metrics: {a: 1.5}, vetoes: [v]}\n";
        let (park, problems) = check("p1", &[], added);
        assert!(problems.is_empty(), "{problems:?}");
        let park = park.unwrap();
        assert_eq!(park.id.as_str(), "p1");
        assert_eq!(
            (park.zone_level, park.kind),
            (ZoneLevel::National, ParkKind::Industrial)
        );
        assert_eq!(park.honors[0].year, 2021);
        assert_eq!(park.years[&2021].metrics["a"], 1.5);
        assert_eq!(park.years[&2021].vetoes, ["v"]);
        assert_eq!(park.source, "p.yaml");
    }

    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, &'a [&'a str]);

    #[test]
    fn each_problem_is_located() {
        // (file stem, edits of PARK, lines added, the problems)
        let cases: [Case; 6] = [
            (
                "p1",
                &[("id: p1", "id: P_1")],
                "",
                &["p.yaml:1:5: id: park id is not URL-safe (got `P_1`; expected lower-case ASCII letters, digits and -, starting with a letter or digit)"],
            ),
            (
                "P2",
                &[("id: p1", "id: p2")],
                "",
                &[
                    "p.yaml:1:5: id: park id differs from the file name (got `p2`; expected `P2`)",
                    "p.yaml:1:1: file name is not a valid park id (got `P2`; expected lower-case ASCII letters, digits and -)",
                ],
            ),
            (
                "p1",
                &[("name: 园", "name: \" \""), ("zone_level: national", "zone_level: nationl"), ("kind: industrial", "kind: industrail")],
                "",
                &[
                    "p.yaml:2:7: name: must not be empty",
                    "p.yaml:5:13: zone_level: unknown zone level (got `nationl`; expected national, provincial or other); did you mean `national`?",
                    "p.yaml:6:7: kind: unknown park kind (got `industrail`; expected industrial, startup or innovation); did you mean `industrial`?",
                ],
            ),
            (
                "p1",
                &[],
                "closed: 2019\nyears:\n  2021: {}\n",
                &[
                    "p.yaml:8:9: closed: closed before it opened (got 2019; expected 2020 or later)",
                    "p.yaml:10:9: years.2021: a record after the park closed (got 2021; expected 2019 or earlier, as `closed: 2019` says: remove the record, or correct `closed`)",
                ],
            ),
            (
                "p1",
                &[("opened: 2020", "opened: 1800")],
                "years:\n  2021: {metrics: {a: \"约5\", b: ~}}\n",
                &[
                    "p.yaml:7:9: opened: not a plausible year (got 1800; expected 1900 to 2200)",
                    "p.yaml:9:23: years.2021.metrics.a: not a number (got \"约5\"; expected a number, without units)",
                    "p.yaml:9:32: years.2021.metrics.b: not a number (got nothing; expected a number, without units)",
                ],
            ),
            (
                "p1",
                &[],
                "leading_industry_codes: [C39, x]\n",
                &["p.yaml:8:31: leading_industry_codes[1]: not a GB/T 4754-2017 code prefix (got `x`; expected a section letter A–T and up to 4 digits, e.g. C39)"],
            ),
        ];
        for (stem, edits, added, want) in cases {
            let (park, problems) = check(stem, edits, added);
            assert_eq!(problems, want, "{edits:?} {added}");
            assert!(park.is_none());
        }
    }
}
