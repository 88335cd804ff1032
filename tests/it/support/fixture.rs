//! Builds small data folders for the site tests. Private raw values are made
//! distinctive (five digits and a fixed fraction) so a leak is unmistakable.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub const METHODOLOGY: &str = r#"title: 测试市小微企业园绩效评价办法（测试版）
metrics:
  land_area_mu:      {label: 园区用地面积, unit: 亩, positive: true}
  tax_wan:           {label: 入园企业实缴税收, unit: 万元}
  revenue_wan:       {label: 入园企业营业收入, unit: 万元, positive: true}
  enterprises:       {label: 入园企业数, unit: 家, integer: true, positive: true, public: true}
  new_enterprises:   {label: 当年新入园企业数, unit: 家, integer: true, public: true}
  patents_invention: {label: 发明专利授权, unit: 件, integer: true}
  rd_wan:            {label: 企业研发费用支出, unit: 万元}
  ops_score:         {label: 专业化运营服务评分, unit: 分, max: 100, public: true}
dimensions:
  - {id: efficiency, label: 亩均效益}
  - {id: innovation, label: 科技创新}
  - {id: operation,  label: 运营服务}
indicators:
  - {id: tax_per_mu, label: 亩均税收, unit: 万元/亩, dimension: efficiency,
     formula: tax_wan / land_area_mu, weight: 35, split: {level: 70, growth: 30}}
  - {id: revenue_per_mu, label: 亩均营收, unit: 万元/亩, dimension: efficiency,
     formula: revenue_wan / land_area_mu, weight: 15}
  - {id: patents_per_mu, label: 亩均发明专利, unit: 件/亩, dimension: innovation,
     formula: patents_invention / land_area_mu, weight: 10}
  - {id: rd_expenditure, label: 研发强度, unit: "%", dimension: innovation,
     formula: 100 * rd_wan / revenue_wan, growth_formula: rd_wan, weight: 20, split: {level: 70, growth: 30}}
  - {id: operation_service, label: 专业化运营服务, unit: 分, dimension: operation,
     formula: ops_score, anchor: {disallowed: 0, satisfactory: 100}, weight: 20}
bonus:
  cap: 10
  categories:
    - id: carrier
      label: 近三年获评国家级、省级创新创业载体
      window_years: 3
      rule: highest
      cap: 6
      kinds:
        national_incubator:   {label: 国家级科技企业孵化器, points: 6}
        provincial_incubator: {label: 省级科技企业孵化器, points: 3}
    - id: talent
      label: 当年引进经人社部门认定的高层次人才团队
      window_years: 1
      rule: sum
      cap: 4
      kinds:
        provincial_team: {label: 省级高层次人才团队, points: 2}
vetoes:
  major_safety_accident: {label: 发生重大生产安全事故}
tie_break: [dimension:efficiency, indicator:tax_per_mu]
tiers:
  a: {top_share: 0.25, min_total: 75}
  c: {bottom_share: 0.10, below_total: 65}
awards: {unit: 万元, ranked: [100, 80], others: 50}
goals: {parks: 10, new_enterprises: 40, enterprises: 300}
"#;

pub const EVIL: &str = "<script>alert(1)</script>";

/// The private metrics of the fixture methodology.
pub const PRIVATE: &[&str] = &[
    "land_area_mu",
    "tax_wan",
    "revenue_wan",
    "patents_invention",
    "rd_wan",
];

#[derive(Clone)]
pub struct Fixture {
    pub parks: usize,
    pub gongshi: bool,
    pub base_url: Option<String>,
    /// Adds a park (and page) whose every text field tries to inject markup.
    pub evil: bool,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            parks: 9,
            gongshi: false,
            base_url: Some("https://example.gov.cn/xwyq/".into()),
            evil: false,
        }
    }

    pub fn gongshi(mut self) -> Fixture {
        self.gongshi = true;
        self
    }

    pub fn evil(mut self) -> Fixture {
        self.evil = true;
        self
    }

    pub fn without_base_url(mut self) -> Fixture {
        self.base_url = None;
        self
    }

    pub fn write(&self, dir: &Path) {
        fs::create_dir_all(dir.join("methodology")).unwrap();
        fs::create_dir_all(dir.join("parks")).unwrap();
        fs::create_dir_all(dir.join("pages")).unwrap();
        let mut site =
            String::from("title: 测试市小微企业园绩效评价\npublisher: 测试市经济和信息化局\n");
        if let Some(b) = &self.base_url {
            let _ = writeln!(site, "base_url: {b}");
        }
        if self.gongshi {
            site.push_str("stage: gongshi\ngongshi: {start: 2024-03-01, end: 2024-03-07, contact: 企业服务科 0000-7654321}\n");
        }
        fs::write(dir.join("site.yaml"), site).unwrap();
        fs::write(dir.join("methodology/2022.yaml"), METHODOLOGY).unwrap();
        for i in 0..self.parks {
            let id = format!("p{:02}", i + 1);
            let district = ["甲区", "乙县", "丙区"][i % 3];
            let mut honors = String::new();
            if i % 4 == 0 {
                honors.push_str("  - {category: carrier, kind: provincial_incubator, year: 2021, title: 省级科技企业孵化器}\n");
            }
            if i % 4 == 1 {
                honors.push_str("  - {category: carrier, kind: national_incubator, year: 2018, title: 国家级科技企业孵化器（过期）}\n");
                honors.push_str("  - {category: talent, kind: provincial_team, year: 2023, title: 新材料创新团队}\n");
            }
            let years: String = (2021..=2023).map(|y| record(i, y)).collect();
            write_park(
                dir,
                &id,
                &format!("测试{district}第{}小微企业园", i + 1),
                district,
                "national",
                &honors,
                &years,
            );
        }
        // Vetoed in 2023, with an internal note.
        let mut years: String = (2021..=2022).map(|y| record(90, y)).collect();
        years.push_str(&record(90, 2023).replace(
            "    metrics:",
            "    vetoes: [major_safety_accident]\n    note: 机密备注甲乙丙7731\n    metrics:",
        ));
        write_park(
            dir,
            "px-veto",
            "测试否决小微企业园",
            "甲区",
            "provincial",
            "",
            &years,
        );
        // Did not report 2023.
        let mut years: String = (2021..=2022).map(|y| record(91, y)).collect();
        years.push_str("  2023:\n    not_reported: true\n    note: 机密备注丁戊己8842\n");
        write_park(
            dir,
            "px-missing",
            "测试缺报小微企业园",
            "乙县",
            "national",
            "",
            &years,
        );
        // Outside provincial-or-higher zones.
        let years: String = (2021..=2023).map(|y| record(92, y)).collect();
        write_park(
            dir,
            "px-other",
            "测试乡镇小微企业园",
            "丙区",
            "other",
            "",
            &years,
        );
        if self.evil {
            let years: String = (2021..=2023).map(|y| record(93, y)).collect();
            let yaml = format!(
                "id: px-evil\nname: \"{EVIL}\"\ndistrict: \"<b>恶意区</b>\"\nzone: \"<img src=x onerror=alert(2)>\"\nzone_level: national\nkind: startup\nleading_industries: [\"<i>x</i>\", \"a & b\"]\noperator: \"\\\"quoted\\\" & 'single' </td>\"\nopened: 2015\nhonors:\n  - {{category: talent, kind: provincial_team, year: 2023, title: \"<iframe src=javascript:alert(3)>\"}}\nyears:\n{}",
                years.replace("    metrics:", "    note: \"<script>alert(4)</script>\"\n    metrics:")
            );
            fs::write(dir.join("parks/px-evil.yaml"), yaml).unwrap();
            fs::write(
                dir.join("pages/about.md"),
                format!("# 关于<em>本站</em>\n\n{EVIL}\n\n<img src=\"http://evil.example/x.png\">\n\n[坏链接](javascript:alert(6)) [好链接](https://example.gov.cn/)\n\n|事项|联系|\n|---|---|\n|咨询|<b>电话</b>|\n"),
            )
            .unwrap();
        } else {
            fs::write(
                dir.join("pages/about.md"),
                "# 关于本站\n\n本站公开测试市小微企业园年度绩效评价结果。\n\n|事项|联系方式|\n|---|---|\n|咨询|0000-7654321|\n",
            )
            .unwrap();
        }
        fs::write(
            dir.join("pages/methodology.md"),
            "# 评价办法说明\n\n采用功效系数法，满分权重合计100。\n",
        )
        .unwrap();
    }
}

fn write_park(
    dir: &Path,
    id: &str,
    name: &str,
    district: &str,
    level: &str,
    honors: &str,
    years: &str,
) {
    let yaml = format!(
        "id: {id}\nname: {name}\ndistrict: {district}\nzone: 测试国家级经济技术开发区\nzone_level: {level}\nkind: industrial\nleading_industries: [智能装备, 新材料]\noperator: 测试园区运营有限公司\nopened: 2015\nhonors:\n{}years:\n{years}",
        if honors.is_empty() { "  []\n".to_string() } else { honors.to_string() }
    );
    let yaml = yaml.replace("honors:\n  []\n", "honors: []\n");
    fs::write(dir.join(format!("parks/{id}.yaml")), yaml).unwrap();
}

/// The private value of metric `m` for park `i` in year `y`: five digits and the
/// fraction .4173, unlike anything the site computes.
pub fn private_value(i: usize, y: i32, m: &str) -> f64 {
    let k = (i % 89) as f64;
    let t = (y - 2021) as f64;
    match m {
        "land_area_mu" => 10000.0 + 137.0 * k + 0.4173,
        "tax_wan" => 20000.0 + 523.0 * k + 911.0 * t + 0.4173,
        "revenue_wan" => 60000.0 + 719.0 * ((k * 7.0) % 13.0) + 1301.0 * t + 0.4173,
        "rd_wan" => 30000.0 + 311.0 * ((k * 5.0) % 11.0) + 733.0 * t * (1.0 + k % 3.0) + 0.4173,
        // An integer metric: distinctive by size.
        "patents_invention" => 70001.0 + 97.0 * ((k * 3.0) % 7.0) + 53.0 * t,
        _ => unreachable!("{m}"),
    }
}

fn record(i: usize, y: i32) -> String {
    let mut s = format!("  {y}:\n    metrics: {{");
    for m in PRIVATE {
        let v = private_value(i, y, m);
        let _ = write!(s, "{m}: {v}, ");
    }
    let k = (i % 89) as f64;
    let _ = writeln!(
        s,
        "enterprises: {}, new_enterprises: {}, ops_score: {}}}",
        40 + i % 17,
        3 + (i + y as usize) % 5,
        60.0 + (k * 3.7) % 35.0
    );
    s
}

/// The sample city compiled into the binary, written out as a data folder at `dir`.
pub fn write_sample_city(dir: &Path) {
    for (rel, bytes) in parkscore::load::SourceFiles::embedded().files {
        let path = dir.join(&rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}
