//! `results.csv`: one row per park, Chinese headers, UTF-8 with BOM so Excel on a
//! bureau PC shows the Chinese instead of mojibake; written with [`SafeCsv`], so no
//! park name can become a spreadsheet formula.

use crate::evaluate::YearResult;
use crate::model::{Dataset, Methodology};

use super::csv_safe::SafeCsv;
use super::format::{fixed, trimmed};
use super::stage::gongshi_marker;

/// The CSV bytes of one year's results (public content: no raw metrics, no notes).
pub fn results_csv(data: &Dataset, r: &YearResult, m: &Methodology) -> Vec<u8> {
    let mut w = SafeCsv::new();
    let mut header: Vec<String> = [
        "排名",
        "园区编号",
        "园区名称",
        "县区",
        "评价状态",
        "分档",
        "奖励（万元）",
        "基础得分",
        "加分",
        "总分",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(m.dimensions.iter().map(|d| format!("{}得分", d.label)));
    for ind in &m.indicators {
        header.push(format!("{}（{}）", ind.label, ind.unit));
        header.push(format!("{}得分", ind.label));
    }
    header.push("说明".into());
    w.row(&header);

    let opt = |x: Option<String>| x.unwrap_or_default();
    for p in &r.parks {
        let park = &data.parks[p.park];
        let mut row = vec![
            opt(p.rank.map(|r| r.to_string())),
            park.id.to_string(),
            park.name.clone(),
            park.district.clone(),
            p.status.label().to_string(),
            opt(p.tier.map(|t| t.as_str().to_string())),
            opt(p.award.map(|a| a.to_string())),
            opt(p.base.map(|a| a.to_string())),
            opt(p.bonus.map(|a| a.to_string())),
            opt(p.total.map(|a| a.to_string())),
        ];
        if p.dimensions.is_empty() {
            row.extend(m.dimensions.iter().map(|_| String::new()));
        } else {
            row.extend(p.dimensions.iter().map(|d| d.to_string()));
        }
        if p.indicators.is_empty() {
            row.extend(
                m.indicators
                    .iter()
                    .flat_map(|_| [String::new(), String::new()]),
            );
        } else {
            for s in &p.indicators {
                row.push(trimmed(s.value, 4));
                row.push(fixed(s.combined, 2));
            }
        }
        row.push(remarks(p, m));
        w.row(&row);
    }
    // The year under publicity ends with its 公示 marker, a note row after the data
    // (the header stays the first row, so tools that read it are unaffected).
    if let Some(marker) = gongshi_marker(data, r.year, data.latest_year()) {
        let mut note = vec![String::new(); header.len()];
        note[0] = format!("注：{}", marker.line());
        w.row(&note);
    }
    w.finish()
}

/// Vetoes (by label) and flags of a park-year, as one line for tables.
pub fn remarks(p: &crate::evaluate::ParkResult, m: &Methodology) -> String {
    let mut notes: Vec<String> = p
        .vetoes
        .iter()
        .map(|v| {
            m.vetoes
                .get(v)
                .map(|x| x.label.clone())
                .unwrap_or_else(|| v.clone())
        })
        .collect();
    notes.extend(p.flags.iter().map(|f| f.label().to_string()));
    notes.join("；")
}
