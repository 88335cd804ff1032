//! Where a published number came from, in the words every explanation uses
//! (`explain`, and the scorecard's calculation table): "from
//! enterprises/<id>/<Y>.csv, 87 rows".

use crate::model::{Formula, RosterSource, YearRecord};

/// `from enterprises/gx-dianzi/2023.csv, 87 rows`.
pub fn roster_text(src: &RosterSource) -> String {
    file_text(&src.file, src.rows)
}

/// [`roster_text`] for a roster file and its row count.
pub fn file_text(file: &str, rows: usize) -> String {
    format!(
        "from {file}, {rows} row{}",
        if rows == 1 { "" } else { "s" }
    )
}

/// Where metric `id` of `record` came from, when a roster supplied it.
pub fn metric_source(record: &YearRecord, id: &str) -> Option<String> {
    let src = record.roster.as_ref().filter(|s| s.derives(id))?;
    Some(roster_text(src))
}

/// The formula's inputs that came from the roster, and where from:
/// `enterprises, revenue_wan from enterprises/x/2023.csv, 87 rows`.
pub fn formula_sources(record: &YearRecord, formula: &Formula) -> Option<String> {
    let src = record.roster.as_ref()?;
    let derived: Vec<&str> = formula
        .metrics()
        .into_iter()
        .filter(|m| src.derives(m))
        .collect();
    if derived.is_empty() {
        return None;
    }
    Some(format!("{} {}", derived.join(", "), roster_text(src)))
}

/// Where some of a page's numbers came from, for the scorecard to word: the roster
/// file, its row count and the metrics (ids) it supplied.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RosterNote<'a> {
    pub file: &'a str,
    pub rows: usize,
    pub metrics: Vec<&'a str>,
    /// The sentence `explain` prints ("from enterprises/…/2023.csv, 87 rows").
    pub text: String,
}

/// The roster behind `record`, with every metric it supplied.
pub fn record_note(record: &YearRecord) -> Option<RosterNote<'_>> {
    let src = record.roster.as_ref()?;
    Some(RosterNote {
        file: &src.file,
        rows: src.rows,
        metrics: src.metrics.iter().map(String::as_str).collect(),
        text: roster_text(src),
    })
}

/// The roster behind the inputs of `formula` that came from it, if any did.
pub fn formula_note<'a>(record: &'a YearRecord, formula: &Formula) -> Option<RosterNote<'a>> {
    let src = record.roster.as_ref()?;
    let metrics: Vec<&str> = src
        .metrics
        .iter()
        .map(String::as_str)
        .filter(|m| formula.metric_ids().iter().any(|x| x == m))
        .collect();
    if metrics.is_empty() {
        return None;
    }
    Some(RosterNote {
        file: &src.file,
        rows: src.rows,
        metrics,
        text: roster_text(src),
    })
}

/// The provenance block of `explain --format json`.
#[derive(Debug, serde::Serialize)]
pub struct RosterSourceJson<'a> {
    pub file: &'a str,
    pub rows: usize,
    pub metrics: &'a [String],
    /// The same sentence the text output and the scorecard show.
    pub text: String,
}

pub fn roster_json(record: Option<&YearRecord>) -> Option<RosterSourceJson<'_>> {
    let src = record?.roster.as_ref()?;
    Some(RosterSourceJson {
        file: &src.file,
        rows: src.rows,
        metrics: &src.metrics,
        text: roster_text(src),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_file_and_rows() {
        let src = RosterSource {
            file: "enterprises/gx-dianzi/2023.csv".into(),
            rows: 87,
            metrics: vec!["enterprises".into(), "revenue_wan".into()],
        };
        assert_eq!(
            roster_text(&src),
            "from enterprises/gx-dianzi/2023.csv, 87 rows"
        );
        let record = YearRecord {
            roster: Some(src),
            ..YearRecord::default()
        };
        assert_eq!(
            metric_source(&record, "revenue_wan").as_deref(),
            Some("from enterprises/gx-dianzi/2023.csv, 87 rows")
        );
        assert_eq!(metric_source(&record, "land_area_mu"), None);
        let f = Formula::parse("revenue_wan / land_area_mu", &|_| true, &|_| None).unwrap();
        assert_eq!(
            formula_sources(&record, &f).as_deref(),
            Some("revenue_wan from enterprises/gx-dianzi/2023.csv, 87 rows")
        );
    }
}
