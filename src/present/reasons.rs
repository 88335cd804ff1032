//! Why a park was not rated, in the words the site prints.

use crate::evaluate::ParkResult;
use crate::model::{Methodology, Park, Status};

/// The status label and the reason in full (e.g. the vetoes' labels).
pub fn reason(p: &ParkResult, park: &Park, m: &Methodology) -> String {
    match p.status {
        Status::Vetoed => {
            let labels: Vec<&str> = p
                .vetoes
                .iter()
                .map(|v| m.vetoes.get(v).map(|x| x.label.as_str()).unwrap_or(v))
                .collect();
            format!("一票否决，不得参评：{}", labels.join("；"))
        }
        Status::NotReported => "数据缺报：未按时完整报送年度数据，列入C档，不参与排名".into(),
        Status::OutOfScope => format!(
            "不纳入评价范围：所在开发区为{}（{}），评价范围为{}开发区",
            park.zone_level.label(),
            park.zone,
            m.scope
                .zone_levels
                .iter()
                .map(|z| z.label())
                .collect::<Vec<_>>()
                .join("、")
        ),
        Status::Transition => format!(
            "过渡期：{}年开园，开园未满{}年，暂不参评",
            park.opened, m.scope.transition_years
        ),
        Status::NotOperating => "当年未运营".into(),
        Status::Rated => "参评".into(),
    }
}
