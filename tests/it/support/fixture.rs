//! The one fixture builder of the integration tests: a data folder described
//! fluently ([`Fixture`]) and built into a throwaway [`Workspace`]. The
//! generated city's private raw values are made distinctive (five digits and a
//! fixed fraction) so a leak is unmistakable.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use parkscore::load::SourceFiles;
use parkscore::model::Dataset;

/// The committed fixture folders.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

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

/// A data folder to test against, described fluently and built into a throwaway
/// workspace (mdBook's `BookTest` is the model): a base — the generated city
/// ([`Fixture::city`]), the committed `mini` fixture ([`Fixture::mini`]), any
/// committed fixture ([`Fixture::committed`]) or the embedded sample city
/// ([`Fixture::sample`]) — then edits applied in order when it is built:
///
/// ```ignore
/// let data = Fixture::mini()
///     .park("p00001", |p| p.metric(2023, "tax_wan", "-5"))
///     .edit("methodology/2022.yaml", "weight: 8}", "weight: 9}")
///     .build();
/// let (code, stderr) = data.check();
/// ```
///
/// A description is cheap to clone; [`Fixture::build`] makes the folder
/// (`data/` in a [`Workspace`]), [`Fixture::write`] writes it anywhere else.
#[derive(Clone)]
pub struct Fixture {
    base: Base,
    edits: Vec<Edit>,
}

#[derive(Clone)]
enum Base {
    Empty,
    City(City),
    Committed(String),
    Sample,
}

/// The generated city: nine parks in three districts (2021–2023, methodology
/// 2022), a vetoed, a non-reporting and an out-of-scope park, two pages.
#[derive(Clone)]
struct City {
    parks: usize,
    gongshi: bool,
    base_url: Option<String>,
    /// Adds a park (and page) whose every text field tries to inject markup.
    evil: bool,
}

/// One change to a file of the data folder.
#[derive(Clone)]
enum Edit {
    /// The first occurrence, which must exist.
    Replace {
        file: String,
        from: String,
        to: String,
    },
    Append {
        file: String,
        text: String,
    },
    Write {
        file: String,
        bytes: Vec<u8>,
    },
    Remove(String),
    /// A metric of a park's year record set to `value` (the record must have it).
    Metric {
        file: String,
        year: i32,
        metric: String,
        value: String,
    },
}

impl Fixture {
    /// The generated city (see [`City`]).
    pub fn city() -> Fixture {
        Fixture::on(Base::City(City {
            parks: 9,
            gongshi: false,
            base_url: Some("https://example.gov.cn/xwyq/".into()),
            evil: false,
        }))
    }

    /// `tests/fixtures/mini`: six parks, methodology 2022, records 2022–2023.
    pub fn mini() -> Fixture {
        Fixture::committed("mini")
    }

    /// A folder under `tests/fixtures` (`"rosters"`, `"diff/a"`), copied.
    pub fn committed(name: &str) -> Fixture {
        Fixture::on(Base::Committed(name.to_string()))
    }

    /// An empty folder, for data written file by file.
    pub fn empty() -> Fixture {
        Fixture::on(Base::Empty)
    }

    /// The sample city compiled into the binary, written out.
    pub fn sample() -> Fixture {
        Fixture::on(Base::Sample)
    }

    fn on(base: Base) -> Fixture {
        Fixture {
            base,
            edits: Vec::new(),
        }
    }

    fn city_mut(&mut self) -> &mut City {
        match &mut self.base {
            Base::City(c) => c,
            _ => panic!("only the generated city has this setting"),
        }
    }

    /// The generated city under publicity (`stage: gongshi`, with its period).
    pub fn gongshi(mut self) -> Fixture {
        self.city_mut().gongshi = true;
        self
    }

    /// The generated city with a park and a page whose every text tries to inject markup.
    pub fn evil(mut self) -> Fixture {
        self.city_mut().evil = true;
        self
    }

    /// The generated city without `base_url`.
    pub fn without_base_url(mut self) -> Fixture {
        self.city_mut().base_url = None;
        self
    }

    /// Replaces the first occurrence of `from` in `file` (which must contain it).
    pub fn edit(mut self, file: &str, from: &str, to: &str) -> Fixture {
        self.edits.push(Edit::Replace {
            file: file.into(),
            from: from.into(),
            to: to.into(),
        });
        self
    }

    /// Appends `text` to `file` (which must exist).
    pub fn append(mut self, file: &str, text: &str) -> Fixture {
        self.edits.push(Edit::Append {
            file: file.into(),
            text: text.into(),
        });
        self
    }

    /// Writes `file` whole (folders made as needed).
    pub fn file(mut self, file: &str, bytes: impl AsRef<[u8]>) -> Fixture {
        self.edits.push(Edit::Write {
            file: file.into(),
            bytes: bytes.as_ref().to_vec(),
        });
        self
    }

    /// Removes a file or a folder.
    pub fn remove(mut self, path: &str) -> Fixture {
        self.edits.push(Edit::Remove(path.into()));
        self
    }

    /// Edits `parks/<id>.yaml` through a [`ParkEdit`].
    pub fn park(mut self, id: &str, edit: impl FnOnce(ParkEdit) -> ParkEdit) -> Fixture {
        let file = format!("parks/{id}.yaml");
        let done = edit(ParkEdit {
            file,
            edits: Vec::new(),
        });
        self.edits.extend(done.edits);
        self
    }

    /// The data folder `data/` in a new [`Workspace`].
    pub fn build(&self) -> Workspace {
        let workspace = Workspace::new();
        self.write(&workspace.data());
        workspace
    }

    /// Writes the data folder at `dir` (made as needed).
    pub fn write(&self, dir: &Path) {
        match &self.base {
            Base::Empty => fs::create_dir_all(dir).unwrap(),
            Base::City(city) => city.write(dir),
            Base::Committed(name) => copy_dir(&Path::new(FIXTURES).join(name), dir),
            Base::Sample => write_sample_city(dir),
        }
        for edit in &self.edits {
            edit.apply(dir);
        }
    }
}

/// The edits of one park file, for [`Fixture::park`].
pub struct ParkEdit {
    file: String,
    edits: Vec<Edit>,
}

impl ParkEdit {
    /// Sets `metric` of the `year` record to `value` (written as YAML, e.g. `"-5"`).
    pub fn metric(mut self, year: i32, metric: &str, value: impl ToString) -> ParkEdit {
        self.edits.push(Edit::Metric {
            file: self.file.clone(),
            year,
            metric: metric.into(),
            value: value.to_string(),
        });
        self
    }

    /// Replaces the first occurrence of `from` in the park's file.
    pub fn edit(mut self, from: &str, to: &str) -> ParkEdit {
        self.edits.push(Edit::Replace {
            file: self.file.clone(),
            from: from.into(),
            to: to.into(),
        });
        self
    }
}

impl Edit {
    fn apply(&self, dir: &Path) {
        match self {
            Edit::Replace { file, from, to } => edit_file(dir, file, from, to),
            Edit::Append { file, text } => {
                let old = read(dir, file);
                fs::write(dir.join(file), old + text).unwrap();
            }
            Edit::Write { file, bytes } => {
                let path = dir.join(file);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, bytes).unwrap();
            }
            Edit::Remove(path) => {
                let path = dir.join(path);
                if path.is_dir() {
                    fs::remove_dir_all(path).unwrap();
                } else {
                    fs::remove_file(path).unwrap();
                }
            }
            Edit::Metric {
                file,
                year,
                metric,
                value,
            } => set_metric(dir, file, *year, metric, value),
        }
    }
}

fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Replaces the first occurrence of `from` in `file` of the data folder `dir`
/// (which must contain it): the one text edit of every test.
pub fn edit_file(dir: &Path, file: &str, from: &str, to: &str) {
    let text = read(dir, file);
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(dir.join(file), text.replacen(from, to, 1)).unwrap();
}

/// `metric: old` → `metric: value` inside the `  <year>:` record of a park file.
fn set_metric(dir: &Path, file: &str, year: i32, metric: &str, value: &str) {
    let text = read(dir, file);
    let record = text
        .find(&format!("\n  {year}:"))
        .unwrap_or_else(|| panic!("{file} has no {year} record"));
    let key = format!("{metric}: ");
    let at = record
        + text[record..]
            .find(&key)
            .unwrap_or_else(|| panic!("{file} has no {metric} in {year}"))
        + key.len();
    let end = at + text[at..].find([',', '}', '\n']).unwrap_or(text.len() - at);
    let edited = format!("{}{value}{}", &text[..at], &text[end..]);
    fs::write(dir.join(file), edited).unwrap();
}

/// Copies the folder `from` to `to`, recursively (fixtures hold no links).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A throwaway folder where the binary runs, so paths in its messages are short
/// and relative (`data`, `site`): what [`Fixture::build`] gives (its data folder
/// is `data/`), or an empty one that fixtures are put into by name.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Adds a copy of `tests/fixtures/<fixture>` as the folder `name`.
    pub fn with(self, fixture: &str, name: &str) -> Workspace {
        Fixture::committed(fixture).write(&self.path(name));
        self
    }

    /// A path inside the workspace.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The workspace itself (the binary's working folder).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The data folder a built fixture is in.
    pub fn data(&self) -> PathBuf {
        self.path("data")
    }

    /// Where [`Workspace::build_site`] writes.
    pub fn site(&self) -> PathBuf {
        self.path("site")
    }

    /// The data files, as the library reads them.
    pub fn files(&self) -> SourceFiles {
        SourceFiles::read_dir(&self.data()).unwrap()
    }

    /// Loads `data/` through the library; `Err` lists every problem.
    pub fn load(&self) -> parkscore::Result<Dataset> {
        parkscore::load::load(&self.files(), &Default::default())
    }

    /// Edits `data/` (between two runs): see [`edit_file`].
    pub fn edit(&self, file: &str, from: &str, to: &str) -> &Workspace {
        edit_file(&self.data(), file, from, to);
        self
    }

    /// Runs `parkscore args…` in the workspace.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    /// `check --data data`: the exit code and stderr.
    pub fn check(&self) -> (i32, String) {
        let out = self.run(&["check", "--data", "data"]);
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// `build --data data --out site` with `extra` options.
    pub fn build_site(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build", "--data", "data", "--out", "site"];
        args.extend_from_slice(extra);
        self.run(&args)
    }
}

impl City {
    fn write(&self, dir: &Path) {
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
