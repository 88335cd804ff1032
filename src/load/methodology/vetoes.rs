//! `vetoes`: the events that disqualify a park for the year (一票否决), by id.
//! Left out, they are the sample methodology's two (data.md). Nothing here can be
//! wrong that serde has not refused already; the English labels are checked with
//! the other English text.

use indexmap::IndexMap;

use crate::load::raw::RawVeto;
use crate::model::Veto;

pub(super) fn validate_vetoes(raw: Option<&IndexMap<String, RawVeto>>) -> IndexMap<String, Veto> {
    let Some(raw) = raw else {
        return default_vetoes();
    };
    raw.iter()
        .map(|(id, v)| {
            let veto = Veto {
                label: v.label.clone(),
                label_en: v.label_en.clone(),
            };
            (id.clone(), veto)
        })
        .collect()
}

fn default_vetoes() -> IndexMap<String, Veto> {
    [
        (
            "major_safety_accident",
            "发生重大生产安全事故",
            "Major work safety accident",
        ),
        (
            "data_fraud",
            "申报材料或数据弄虚作假",
            "Falsified application materials or data",
        ),
    ]
    .into_iter()
    .map(|(k, l, en)| {
        (
            k.to_string(),
            Veto {
                label: l.to_string(),
                label_en: Some(en.to_string()),
            },
        )
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::methodology::testing::run;

    fn vetoes(yaml: &str) -> IndexMap<String, Veto> {
        let (v, problems) = run(yaml, |raw, _| validate_vetoes(raw.vetoes.as_ref()));
        assert!(problems.is_empty());
        v
    }

    #[test]
    fn left_out_they_are_the_sample_methodologys() {
        let v = vetoes("title: t");
        assert_eq!(
            v.keys().collect::<Vec<_>>(),
            ["major_safety_accident", "data_fraud"]
        );
        assert_eq!(
            v["data_fraud"].label_en.as_deref(),
            Some("Falsified application materials or data")
        );
    }

    #[test]
    fn written_they_are_taken_in_order_and_an_empty_list_is_none() {
        let v = vetoes("vetoes:\n  b: {label: 乙}\n  a: {label: 甲, label_en: A}");
        assert_eq!(v.keys().collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(v["b"].label_en, None);
        assert_eq!(v["a"].label_en.as_deref(), Some("A"));
        assert!(vetoes("vetoes: {}").is_empty());
    }
}
