//! The 公示 marker a year's pages and downloads (CSV, XLSX, README) carry: only
//! the latest evaluated year, and only while the site is in the 公示 stage; every
//! earlier year is final and carries none.

use serde::Serialize;

use crate::model::{Dataset, Stage};

/// What a download or page of a year under publicity says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GongshiMarker<'a> {
    /// `公示稿`.
    pub label: &'static str,
    pub start: &'a str,
    pub end: &'a str,
    pub contact: &'a str,
}

impl GongshiMarker<'_> {
    /// The same in English (the English downloads page and README part).
    pub fn line_en(&self) -> String {
        format!(
            "Under public notice (公示稿) from {} to {}; objections to {}. The final results follow the notice period.",
            self.start, self.end, self.contact
        )
    }

    /// One line for a CSV comment, a workbook cell or the README.
    pub fn line(&self) -> String {
        format!(
            "{}：公示期 {} 至 {}，如有异议请联系 {}；结果以公示期满后发布的正式结果为准。",
            self.label, self.start, self.end, self.contact
        )
    }
}

/// The marker of `year`, given the latest evaluated year (`Dataset::latest_year`,
/// asked once per build); `None` when the year is final.
pub fn gongshi_marker(data: &Dataset, year: i32, latest: Option<i32>) -> Option<GongshiMarker<'_>> {
    if data.site.stage_at(year, latest) != Stage::Gongshi {
        return None;
    }
    let g = data.site.gongshi.as_ref()?;
    Some(GongshiMarker {
        label: Stage::Gongshi.label(),
        start: &g.start,
        end: &g.end,
        contact: &g.contact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, SourceFiles};

    #[test]
    fn only_the_latest_year_of_a_gongshi_site_is_marked() {
        let mut src = SourceFiles::embedded();
        let site = "title: 沐江市\npublisher: 沐江市经信局\nstage: gongshi\ngongshi: {start: 2024-03-01, end: 2024-03-07, contact: 企业服务科}\n";
        src.files
            .insert("site.yaml".into(), site.as_bytes().to_vec());
        let data = load(&src, &Default::default()).unwrap();
        let latest = data.latest_year();
        assert_eq!(latest, Some(2023));
        let m = gongshi_marker(&data, 2023, latest).expect("2023 is under publicity");
        assert_eq!(
            m.line(),
            "公示稿：公示期 2024-03-01 至 2024-03-07，如有异议请联系 企业服务科；结果以公示期满后发布的正式结果为准。"
        );
        assert_eq!(gongshi_marker(&data, 2022, latest), None);
        let final_site = load(&SourceFiles::embedded(), &Default::default()).unwrap();
        assert_eq!(gongshi_marker(&final_site, 2023, latest), None);
    }
}
