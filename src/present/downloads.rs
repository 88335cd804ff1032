//! The downloads page and the README that explains every column of the result
//! files and names the data they came from.

use std::fmt::Write;

use serde::Serialize;

use crate::model::Methodology;

use super::lang::Lang;
use super::messages::word;
use super::plan::{Listed, Listing};
use super::site::SiteData;
use super::stage::gongshi_marker;
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
    /// The 公示 marker's line when the year is under publicity.
    pub gongshi: Option<String>,
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
        let size = listing.get(&path)?.size;
        Some(FileLink {
            name: path.rsplit('/').next().unwrap_or(&path).to_string(),
            kind: kind_of(&path, lang),
            size: size_text(size),
            url: path,
        })
    };
    let latest = site.data.latest_year();
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
                gongshi: gongshi_marker(site.data, r.year, latest).map(|m| match lang {
                    Lang::Zh => m.line(),
                    Lang::En => m.line_en(),
                }),
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
            size: size_text(listing.get(&urls::downloads_readme()).map_or(0, |l| l.size)),
        },
        data_hash: &site.data.hash,
        internal: site.audience.is_internal(),
    }
}

/// `downloads/README.txt`, in Chinese then English: which files there are (paths
/// relative to this README, sizes, SHA-256), what each column and field means,
/// the 公示 marker of the year under publicity, and the data hash. Made after the
/// files it lists (`listing`).
pub fn readme(site: &SiteData, listing: &Listing) -> String {
    let mut o = String::new();
    readme_head(site, &mut o);
    readme_files(listing, false, &mut o);
    readme_csv_columns(site, &mut o);
    readme_json_fields(&mut o);
    readme_english(site, listing, &mut o);
    o
}

/// The files the README lists: every data file made before it (JSON, CSV, XLSX).
fn listed_files(listing: &Listing) -> impl Iterator<Item = (&String, &Listed)> {
    listing.iter().filter(|(_, l)| l.sha256.is_some())
}

/// `2023/results.json` as seen from `downloads/README.txt`.
fn from_readme(path: &str) -> String {
    match path.strip_prefix("downloads/") {
        Some(rest) => rest.to_string(),
        None => format!("../{path}"),
    }
}

fn readme_head(site: &SiteData, o: &mut String) {
    let data = site.data;
    let _ = writeln!(o, "{} — 评价结果数据说明", data.site.title);
    let _ = writeln!(o, "发布单位：{}", data.site.publisher);
    let edition = if site.audience.is_internal() {
        "内部版（含原始填报数据和备注，请勿公开）"
    } else {
        "公开版（不含未公开的原始填报数据和内部备注）"
    };
    let _ = writeln!(o, "版本：{edition}");
    let latest = data.latest_year();
    for r in site.years.iter().rev() {
        if let Some(m) = gongshi_marker(data, r.year, latest) {
            let _ = writeln!(o, "{}年度：{}", r.year, m.line());
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "数据指纹（data hash）：{}", data.hash);
    let _ = writeln!(
        o,
        "  对数据文件夹中全部文件（站点设置、评价办法、园区数据、说明页面）的路径和内容按顺序计算的 BLAKE3 摘要。\n  \
         本站首页和数据下载页的页脚、每个 results.json 的 data_hash 字段都是这一个值；数据或评价办法有任何改动，它都会改变。"
    );
    let _ = writeln!(o);
}

/// The listed files, one entry each: path, what it is, size, SHA-256.
fn readme_files(listing: &Listing, english: bool, o: &mut String) {
    let (head, bytes) = if english {
        (
            "Files (paths relative to this README's downloads folder; check with sha256sum):",
            ", {} bytes",
        )
    } else {
        (
            "文件（路径相对于本说明所在的 downloads 文件夹；SHA-256 可用 sha256sum 或 certutil -hashfile 文件 SHA256 核对）",
            "，{} 字节",
        )
    };
    let _ = writeln!(o, "{head}");
    for (path, l) in listed_files(listing) {
        let _ = writeln!(
            o,
            "  {}  {}{}\n    SHA-256 {}",
            from_readme(path),
            what_file(path, english),
            bytes.replace("{}", &l.size.to_string()),
            l.sha256.as_deref().unwrap_or_default()
        );
    }
    let _ = writeln!(o);
}

/// What a listed file is, in Chinese or English.
fn what_file(path: &str, english: bool) -> String {
    let year: String = path.chars().filter(char::is_ascii_digit).take(4).collect();
    let (zh, en) = match path.rsplit('.').next() {
        Some("json") => (
            "结果，JSON 格式（字段见下）",
            "results as JSON (fields below)",
        ),
        Some("csv") => (
            "结果，CSV 格式（UTF-8 带 BOM，逗号分隔，每个园区一行）",
            "results as CSV (UTF-8 with BOM, comma-separated, one park per row)",
        ),
        Some("xlsx") => ("结果，Excel 工作簿", "results as an Excel workbook"),
        _ => ("数据文件", "data file"),
    };
    match (english, year.len() == 4) {
        (false, true) => format!("{year} 年度{zh}"),
        (true, true) => format!("{year} {en}"),
        (false, false) => zh.to_string(),
        (true, false) => en.to_string(),
    }
}

/// The fixed columns of results.csv: header, Chinese meaning, English meaning.
const CSV_COLUMNS: &[(&str, &str, &str)] = &[
    ("排名", "参评园区的名次（并列名次相同）；未参评园区为空", "rank among rated parks (ties share a rank); empty if not rated"),
    ("园区编号", "园区的唯一编号，也是网址中的名称", "park id, also its name in URLs"),
    ("园区名称", "园区全称", "park name"),
    ("县区", "所在县区或功能区管委会", "district"),
    ("评价状态", "参评、数据缺报、一票否决、过渡期、不纳入评价范围", "status: 参评 rated, 数据缺报 not reported, 一票否决 vetoed, 过渡期 transition, 不纳入评价范围 out of scope"),
    ("分档", "A、B、C；数据缺报的园区为C档；其余未参评园区为空", "tier A, B or C; not-reported parks are C; empty for other unrated parks"),
    ("奖励（万元）", "A档园区的奖励金额；参评但未获奖为0；未参评为空", "award in 10,000 yuan for tier A; 0.00 for other rated parks; empty if not rated"),
    ("基础得分", "各指标贡献之和（保留两位小数）", "base score: sum of indicator contributions (2 decimals)"),
    ("加分", "加分项合计（不超过加分上限）", "bonus points (capped)"),
    ("总分", "综合得分 = 基础得分 + 加分", "total = base + bonus"),
];

fn readme_csv_columns(site: &SiteData, o: &mut String) {
    for (m, years) in methodology_years(site) {
        let _ = writeln!(o, "results.csv 各列（{}年度，适用《{}》）", years, m.title);
        for (name, zh, _) in CSV_COLUMNS {
            let _ = writeln!(o, "  {name}：{zh}");
        }
        for d in &m.dimensions {
            let _ = writeln!(o, "  {}得分：该维度各指标贡献之和", d.label);
        }
        for i in &m.indicators {
            let _ = writeln!(
                o,
                "  {}（{}）：指标值，计算公式 {}",
                i.label, i.unit, i.formula.source
            );
            let _ = writeln!(
                o,
                "  {}得分：合成功效分（水平与增长按办法比例合成），保留两位小数",
                i.label
            );
        }
        let _ = writeln!(
            o,
            "  说明：一票否决事项和计分标记（如增长率不可用、参评园区数值无差异）"
        );
        let _ = writeln!(
            o,
            "  公示中的年度，文件最后一行以“注：公示稿”开头，说明公示期和异议联系方式。"
        );
        let _ = writeln!(o);
    }
}

/// Each methodology in force for some evaluated year, with those years (`2022、2023`).
fn methodology_years<'a>(site: &SiteData<'a>) -> Vec<(&'a Methodology, String)> {
    site.data
        .methodologies
        .values()
        .filter_map(|m| {
            let years: Vec<String> = site
                .years
                .iter()
                .filter(|r| r.methodology_year == m.year)
                .map(|r| r.year.to_string())
                .collect();
            (!years.is_empty()).then(|| (m, years.join("、")))
        })
        .collect()
}

/// results.json's fields: key, Chinese meaning, English meaning.
const JSON_FIELDS: &[(&str, &str, &str)] = &[
    ("year", "评价年度", "evaluation year"),
    ("methodology.year / methodology.title", "适用的评价办法版本", "the methodology version applied"),
    ("data_hash", "数据指纹（同上）", "data hash (above)"),
    ("audience", "public 公开版 / internal 内部版", "public or internal edition"),
    ("stage", "gongshi 公示稿（仅公示中的最新年度）/ final 正式结果", "gongshi: under public notice (latest year only) / final"),
    ("summary.rated", "参评园区数", "number of rated parks"),
    ("summary.tiers", "各档园区数（数据缺报计入C档）", "parks per tier (not-reported parks count as C)"),
    ("summary.awards_total", "奖励资金合计（万元）", "total awards (10,000 yuan)"),
    ("summary.goals", "发展目标 parks / new_enterprises / enterprises：value 实际值，target 目标值，met 是否完成，ratio 完成比例", "development goals: value, target, met, ratio"),
    ("summary.statuses", "各评价状态的园区数", "parks per status"),
    ("parks[]", "每个园区一项：参评园区按名次在前，其余按状态、编号排列；未运营园区不列出", "one entry per park: rated parks by rank first, then the rest by status and id; parks not operating are left out"),
    ("parks[].id / name / district", "园区编号、名称、县区", "park id, name, district"),
    ("parks[].status", "rated 参评，not_reported 数据缺报，vetoed 一票否决，transition 过渡期，out_of_scope 不纳入评价范围", "rated, not_reported, vetoed, transition, out_of_scope"),
    ("parks[].rank / tier / award", "名次、分档、奖励（万元）；不适用时为 null", "rank, tier, award (10,000 yuan); null where not applicable"),
    ("parks[].base / bonus / total", "基础得分、加分、综合得分（两位小数）", "base score, bonus, total (2 decimals)"),
    ("parks[].dimensions[]", "id 维度，score 维度得分，attainment 达成度（维度得分 × 100 ÷ 维度权重）", "per dimension: score, attainment = score × 100 ÷ dimension weight"),
    ("parks[].indicators[]", "id 指标，value 指标值，x_s 不允许值，x_h 满意值，level_score 水平功效分，growth 增长率，growth_score 增长功效分，growth_unavailable 增长率不可用的原因，combined 合成功效分，weight 权重，contribution 贡献（两位小数），flags 标记", "per indicator: value, x_s (unacceptable value), x_h (satisfactory value), level_score, growth, growth_score, growth_unavailable (why), combined, weight, contribution (2 decimals), flags"),
    ("parks[].bonus_items[]", "荣誉：category 类别，kind 项目，year 年份，title 名称，points 分值，counted 是否计分，reason 计分或不计分的原因", "honors: category, kind, year, title, points, counted, reason"),
    ("parks[].vetoes", "一票否决事项", "veto items"),
    ("parks[].flags", "growth_unavailable 增长率不可用，no_spread 参评园区数值无差异", "growth_unavailable, no_spread (all rated parks had the same value)"),
    ("parks[].metrics / note", "仅内部版：原始填报数据和内部备注", "internal edition only: raw reported data and notes"),
];

fn readme_json_fields(o: &mut String) {
    let _ = writeln!(o, "results.json 字段");
    for (k, zh, _) in JSON_FIELDS {
        let _ = writeln!(o, "  {k}：{zh}");
    }
    let _ = writeln!(o);
}

/// The English part: the same files, and the Chinese CSV headers explained.
fn readme_english(site: &SiteData, listing: &Listing, o: &mut String) {
    let data = site.data;
    let _ = writeln!(o, "==== English ====");
    let title = data.site.title_en.as_deref().unwrap_or(&data.site.title);
    let _ = writeln!(o, "{title} — about the result files");
    let edition = if site.audience.is_internal() {
        "internal (with raw reported data and notes; do not publish)"
    } else {
        "public (without private raw data and internal notes)"
    };
    let _ = writeln!(o, "Edition: {edition}");
    let latest = data.latest_year();
    for r in site.years.iter().rev() {
        if let Some(m) = gongshi_marker(data, r.year, latest) {
            let _ = writeln!(
                o,
                "{}: under public notice (公示稿) from {} to {}; objections to {}. The final results follow the notice period.",
                r.year, m.start, m.end, m.contact
            );
        }
    }
    let _ = writeln!(
        o,
        "Data hash (BLAKE3 of every data file, also in each page's footer and results.json): {}",
        data.hash
    );
    if site.monitoring_any() {
        let _ = writeln!(
            o,
            "  downloads/enterprises-<年度>.csv / .xlsx  仅内部版：该年度全部园区的入园企业名录（每家企业一行，CSV 为 UTF-8 带 BOM），请勿公开"
        );
    }
    let _ = writeln!(o);
    readme_files(listing, true, o);
    readme_english_columns(site, o);
    let _ = writeln!(o, "results.json fields");
    for (k, _, en) in JSON_FIELDS {
        let _ = writeln!(o, "  {k}: {en}");
    }
}

fn readme_english_columns(site: &SiteData, o: &mut String) {
    let _ = writeln!(
        o,
        "results.csv columns: the headers stay in Chinese; each means"
    );
    for (m, years) in methodology_years(site) {
        let title = m.title_en.as_deref().unwrap_or(&m.title);
        let _ = writeln!(o, "  ({} under {title})", years.replace('、', ", "));
        for (name, _, en) in CSV_COLUMNS {
            let _ = writeln!(o, "  {name}: {en}");
        }
        for d in &m.dimensions {
            let en = d.label_en.as_deref().unwrap_or(&d.label);
            let _ = writeln!(o, "  {}得分: score of the dimension {en}", d.label);
        }
        for i in &m.indicators {
            let en = i.label_en.as_deref().unwrap_or(&i.label);
            let unit = i.unit_en.as_deref().unwrap_or(&i.unit);
            let _ = writeln!(
                o,
                "  {}（{}）: {en}, value in {unit} (formula {})",
                i.label, i.unit, i.formula.source
            );
            let _ = writeln!(
                o,
                "  {}得分: {en}, combined efficacy score (level and growth), 2 decimals",
                i.label
            );
        }
        let _ = writeln!(o, "  说明: vetoes and scoring flags");
        let _ = writeln!(o, "  A year under public notice ends with a row starting 注：公示稿 (period and contact).");
        let _ = writeln!(o);
    }
}
