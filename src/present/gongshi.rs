//! The 公示 notice page: the period, whom to contact, and the results under notice.

use serde::Serialize;

use crate::model::Stage;

use super::lang::{Lang, Named};
use super::site::SiteData;
use super::year_page::{year_page, YearPage};

#[derive(Serialize)]
pub struct GongshiPage<'a> {
    pub start: &'a str,
    pub end: &'a str,
    pub contact: Named<'a>,
    pub year: YearPage<'a>,
}

/// The notice, when the site is in the 公示 stage and has a year to show.
pub fn gongshi_page<'a>(site: &SiteData<'a>, lang: Lang) -> Option<GongshiPage<'a>> {
    let s = &site.data.site;
    if s.stage != Stage::Gongshi {
        return None;
    }
    let g = s.gongshi.as_ref()?;
    let y = site.latest()?;
    Some(GongshiPage {
        start: &g.start,
        end: &g.end,
        contact: lang.name(&g.contact, g.contact_en.as_deref()),
        year: year_page(site, y, lang),
    })
}
