//! The downloads page and the README that explains every column of the result
//! files and names the data they came from.

use std::fmt::Write;

use serde::Serialize;

use super::lang::Lang;
use super::messages::word;
use super::plan::Listing;
use super::site::SiteData;
use super::urls;

#[derive(Serialize)]
pub struct DownloadsPage<'a> {
    pub years: Vec<DownloadYear>,
    /// Other files found under `downloads/` (e.g. Excel workbooks), with sizes.
    pub extra: Vec<FileLink>,
    pub readme: FileLink,
    pub data_hash: &'a str,
    pub internal: bool,
}

#[derive(Serialize)]
pub struct DownloadYear {
    pub year: i32,
    pub files: Vec<FileLink>,
}

#[derive(Serialize, Clone)]
pub struct FileLink {
    pub name: String,
    pub url: String,
    pub kind: &'static str,
    pub size: String,
}

fn size_text(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    }
}

fn kind_of(path: &str, lang: Lang) -> &'static str {
    let ext = path
        .rsplit('.')
        .next()
        .filter(|e| matches!(*e, "json" | "csv" | "xlsx" | "txt"))
        .unwrap_or("other");
    word(lang, "file_kind", ext)
}

/// `listing` holds every file made before the page, with its size.
pub fn downloads_page<'a>(site: &SiteData<'a>, listing: &Listing, lang: Lang) -> DownloadsPage<'a> {
    let link = |path: String| -> Option<FileLink> {
        let size = *listing.get(&path)?;
        Some(FileLink {
            name: path.rsplit('/').next().unwrap_or(&path).to_string(),
            kind: kind_of(&path, lang),
            size: size_text(size),
            url: path,
        })
    };
    let years = site
        .years
        .iter()
        .rev()
        .map(|r| {
            let mut files: Vec<FileLink> = [urls::results_json(r.year), urls::results_csv(r.year)]
                .into_iter()
                .filter_map(link)
                .collect();
            files.extend(link(urls::workbook(r.year)));
            // Internal builds with rosters only: the plan makes them nowhere else.
            files.extend(link(urls::roster_csv(r.year)));
            files.extend(link(urls::roster_xlsx(r.year)));
            DownloadYear {
                year: r.year,
                files,
            }
        })
        .collect();
    let per_year: Vec<String> = site
        .years
        .iter()
        .flat_map(|r| {
            [
                urls::workbook(r.year),
                urls::roster_csv(r.year),
                urls::roster_xlsx(r.year),
            ]
        })
        .collect();
    let extra = listing
        .keys()
        .filter(|p| p.starts_with("downloads/") && !per_year.contains(p))
        .filter(|p| **p != urls::downloads_readme() && **p != urls::downloads())
        .filter_map(|p| link(p.clone()))
        .collect();
    DownloadsPage {
        years,
        extra,
        readme: FileLink {
            name: "README.txt".into(),
            url: urls::downloads_readme(),
            kind: kind_of(".txt", lang),
            size: size_text(listing.get(&urls::downloads_readme()).copied().unwrap_or(0)),
        },
        data_hash: &site.data.hash,
        internal: site.audience.is_internal(),
    }
}

/// `downloads/README.txt`: what each file and column means, and the data hash.
pub fn readme(site: &SiteData) -> String {
    let data = site.data;
    let mut o = String::new();
    let _ = writeln!(o, "{} — 评价结果数据说明", data.site.title);
    let _ = writeln!(o, "发布单位：{}", data.site.publisher);
    let _ = writeln!(
        o,
        "版本：{}",
        if site.audience.is_internal() {
            "内部版（含原始填报数据和备注，请勿公开）"
        } else {
            "公开版（不含未公开的原始填报数据和内部备注）"
        }
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "数据指纹（data hash）：{}", data.hash);
    let _ = writeln!(
        o,
        "  对数据文件夹中全部文件（站点设置、评价办法、园区数据、说明页面）的路径和内容按顺序计算的 BLAKE3 摘要。\n  \
         本站每个页面的页脚和每个 results.json 的 data_hash 字段都是这一个值；数据或评价办法有任何改动，它都会改变。"
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "文件");
    for r in site.years.iter().rev() {
        let _ = writeln!(
            o,
            "  {}  {} 年度结果，JSON 格式（字段见下）",
            urls::results_json(r.year),
            r.year
        );
        let _ = writeln!(
            o,
            "  {}  {} 年度结果，CSV 格式（UTF-8 带 BOM，逗号分隔，每个园区一行）",
            urls::results_csv(r.year),
            r.year
        );
    }
    let _ = writeln!(
        o,
        "  downloads/results-<年度>.xlsx  若提供，为同一年度结果的 Excel 工作簿"
    );
    if site.monitoring_any() {
        let _ = writeln!(
            o,
            "  downloads/enterprises-<年度>.csv / .xlsx  仅内部版：该年度全部园区的入园企业名录（每家企业一行，CSV 为 UTF-8 带 BOM），请勿公开"
        );
    }
    let _ = writeln!(o);
    for m in data.methodologies.values() {
        let years: Vec<String> = site
            .years
            .iter()
            .filter(|r| r.methodology_year == m.year)
            .map(|r| r.year.to_string())
            .collect();
        if years.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "results.csv 各列（{}年度，适用《{}》）",
            years.join("、"),
            m.title
        );
        let cols: Vec<(String, String)> = [
            ("排名", "参评园区的名次（并列名次相同）；未参评园区为空"),
            ("园区编号", "园区的唯一编号，也是网址中的名称"),
            ("园区名称", "园区全称"),
            ("县区", "所在县区或功能区管委会"),
            (
                "评价状态",
                "参评、数据缺报、一票否决、过渡期、不纳入评价范围",
            ),
            ("分档", "A、B、C；数据缺报的园区为C档；其余未参评园区为空"),
            (
                "奖励（万元）",
                "A档园区的奖励金额；参评但未获奖为0；未参评为空",
            ),
            ("基础得分", "各指标贡献之和（保留两位小数）"),
            ("加分", "加分项合计（不超过加分上限）"),
            ("总分", "综合得分 = 基础得分 + 加分"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .chain(m.dimensions.iter().map(|d| {
            (
                format!("{}得分", d.label),
                "该维度各指标贡献之和".to_string(),
            )
        }))
        .chain(m.indicators.iter().flat_map(|i| {
            [
                (
                    format!("{}（{}）", i.label, i.unit),
                    format!("指标值，计算公式 {}", i.formula.source),
                ),
                (
                    format!("{}得分", i.label),
                    "合成功效分（水平与增长按办法比例合成），保留两位小数".to_string(),
                ),
            ]
        }))
        .chain([(
            "说明".to_string(),
            "一票否决事项和计分标记（如增长率不可用、参评园区数值无差异）".to_string(),
        )])
        .collect();
        for (name, what) in cols {
            let _ = writeln!(o, "  {name}：{what}");
        }
        let _ = writeln!(o);
    }
    let json_fields = [
        ("year", "评价年度"),
        ("methodology.year / methodology.title", "适用的评价办法版本"),
        ("data_hash", "数据指纹（同上）"),
        ("audience", "public 公开版 / internal 内部版"),
        (
            "stage",
            "gongshi 公示稿（仅公示中的最新年度）/ final 正式结果",
        ),
        ("summary.rated", "参评园区数"),
        ("summary.tiers", "各档园区数（数据缺报计入C档）"),
        ("summary.awards_total", "奖励资金合计（万元）"),
        (
            "summary.goals",
            "发展目标 parks / new_enterprises / enterprises：value 实际值，target 目标值，met 是否完成，ratio 完成比例",
        ),
        ("summary.statuses", "各评价状态的园区数"),
        (
            "parks[]",
            "每个园区一项：参评园区按名次在前，其余按状态、编号排列；未运营园区不列出",
        ),
        ("parks[].id / name / district", "园区编号、名称、县区"),
        (
            "parks[].status",
            "rated 参评，not_reported 数据缺报，vetoed 一票否决，transition 过渡期，out_of_scope 不纳入评价范围",
        ),
        ("parks[].rank / tier / award", "名次、分档、奖励（万元）；不适用时为 null"),
        ("parks[].base / bonus / total", "基础得分、加分、综合得分（两位小数）"),
        (
            "parks[].dimensions[]",
            "id 维度，score 维度得分，attainment 达成度（维度得分 × 100 ÷ 维度权重）",
        ),
        (
            "parks[].indicators[]",
            "id 指标，value 指标值，x_s 不允许值，x_h 满意值，level_score 水平功效分，growth 增长率，growth_score 增长功效分，growth_unavailable 增长率不可用的原因，combined 合成功效分，weight 权重，contribution 贡献（两位小数），flags 标记",
        ),
        (
            "parks[].bonus_items[]",
            "荣誉：category 类别，kind 项目，year 年份，title 名称，points 分值，counted 是否计分，reason 计分或不计分的原因",
        ),
        ("parks[].vetoes", "一票否决事项"),
        (
            "parks[].flags",
            "growth_unavailable 增长率不可用，no_spread 参评园区数值无差异",
        ),
        (
            "parks[].metrics / note",
            "仅内部版：原始填报数据和内部备注",
        ),
    ];
    let _ = writeln!(o, "results.json 字段");
    for (k, v) in json_fields {
        let _ = writeln!(o, "  {k}：{v}");
    }
    o
}
