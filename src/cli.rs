//! The command line: clap types and their conversion into the library's options.
//! Nothing below this file sees a clap type; defaults that depend on the working
//! folder (`./data`) are resolved here.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use parkscore::analysis::SensitivityOptions;
use parkscore::commands::check::CheckOptions;
use parkscore::commands::diff::DiffOptions;
use parkscore::commands::explain::ExplainOptions;
use parkscore::commands::import::ImportRequest;
use parkscore::commands::sensitivity::SensitivityRequest;
use parkscore::commands::template::TemplateOptions;
use parkscore::commands::{DiffFormat, TextOrJson};
use parkscore::present::lang::Lang;
use parkscore::present::Audience;
use parkscore::report::ReportOptions;
use parkscore::serve::ServeOptions;
use parkscore::{BuildOptions, DataSource};

/// The exit codes, as README documents them.
const EXIT_CODES: &str = "Exit codes: 0 success; 1 the data or methodology has problems, \
or a file or folder could not be read or written (a --data folder that does not exist, too); \
2 usage error: an unknown option or value, or a park, year or git revision the data does not have.";

#[derive(Parser)]
#[command(
    name = "parkscore",
    version,
    about = "小微企业园绩效评价: evaluate parks and publish the results as a static site",
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Load, validate, evaluate every year and write the site (all or nothing).
    Build(BuildArgs),
    /// Validate and evaluate without writing; print each year's summary or every problem.
    Check(CheckArgs),
    /// Show how one park's result came about.
    Explain(ExplainArgs),
    /// Explain what changed between two versions of the data, and why.
    Diff(DiffArgs),
    /// Monte Carlo on the weights: how robust are each park's rank and tier?
    Sensitivity(SensitivityArgs),
    /// Preview the site on 127.0.0.1; rebuilds and reloads open pages when data or templates change.
    Serve(ServeArgs),
    /// One self-contained HTML file for a year (summary, ranking, every scorecard) to share by mail or chat.
    Report(ReportArgs),
    /// Write the data-collection workbook for one year (sheet 填报, explained in 说明).
    Template(TemplateArgs),
    /// Read a filled workbook (or CSV) into the year records of parks/*.yaml.
    Import(ImportArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AudienceArg {
    Public,
    Internal,
}

impl From<AudienceArg> for Audience {
    fn from(a: AudienceArg) -> Audience {
        match a {
            AudienceArg::Public => Audience::Public,
            AudienceArg::Internal => Audience::Internal,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TextOrJsonArg {
    Text,
    Json,
}

impl From<TextOrJsonArg> for TextOrJson {
    fn from(f: TextOrJsonArg) -> TextOrJson {
        match f {
            TextOrJsonArg::Text => TextOrJson::Text,
            TextOrJsonArg::Json => TextOrJson::Json,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DiffFormatArg {
    Text,
    Md,
    Json,
}

impl From<DiffFormatArg> for DiffFormat {
    fn from(f: DiffFormatArg) -> DiffFormat {
        match f {
            DiffFormatArg::Text => DiffFormat::Text,
            DiffFormatArg::Md => DiffFormat::Markdown,
            DiffFormatArg::Json => DiffFormat::Json,
        }
    }
}

/// `--data` if given; else `./data` if it exists; else the embedded sample city.
fn source(data: Option<PathBuf>) -> DataSource {
    DataSource::resolve(data.as_deref())
}

#[derive(Args)]
pub struct BuildArgs {
    /// Data folder (default: ./data, else the embedded sample city).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Output folder; only changed files are written, and a failed or killed build never leaves half a site (docs/output.md).
    #[arg(long, default_value = "site")]
    out: PathBuf,
    /// public: no private raw metrics, no notes; internal: everything, noindex.
    #[arg(long, value_enum, default_value = "public")]
    audience: AudienceArg,
}

impl Command {
    /// The output folder whose interrupted build this command recovers first:
    /// `build --out`, else the default `site` (docs/output.md).
    pub fn output_folder(&self) -> &Path {
        match self {
            Command::Build(a) => &a.out,
            _ => Path::new("site"),
        }
    }
}

impl From<BuildArgs> for BuildOptions {
    fn from(a: BuildArgs) -> BuildOptions {
        BuildOptions {
            data: source(a.data),
            out: a.out,
            audience: a.audience.into(),
        }
    }
}

#[derive(Args)]
pub struct CheckArgs {
    #[arg(long)]
    data: Option<PathBuf>,
}

impl From<CheckArgs> for CheckOptions {
    fn from(a: CheckArgs) -> CheckOptions {
        CheckOptions {
            data: source(a.data),
        }
    }
}

#[derive(Args)]
pub struct ExplainArgs {
    /// The park id (its file name without .yaml).
    park: String,
    /// Evaluation year (default: the latest).
    #[arg(long)]
    year: Option<i32>,
    #[arg(long)]
    data: Option<PathBuf>,
    /// Show private raw metrics and notes too.
    #[arg(long, value_enum, default_value = "internal")]
    audience: AudienceArg,
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJsonArg,
}

impl From<ExplainArgs> for ExplainOptions {
    fn from(a: ExplainArgs) -> ExplainOptions {
        ExplainOptions {
            park: a.park,
            year: a.year,
            data: source(a.data),
            audience: a.audience.into(),
            format: a.format.into(),
        }
    }
}

#[derive(Args)]
pub struct DiffArgs {
    /// Version A: a data folder, or a git revision of the data folder (HEAD~1, a tag).
    a: String,
    /// Version B: likewise (e.g. `data` for the working folder).
    b: String,
    /// Only this evaluation year (default: every year).
    #[arg(long)]
    year: Option<i32>,
    /// md is meant to be pasted into a pull request.
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormatArg,
    /// The data folder whose git revisions A and B name.
    #[arg(long, default_value = "data")]
    data: PathBuf,
}

impl From<DiffArgs> for DiffOptions {
    fn from(a: DiffArgs) -> DiffOptions {
        DiffOptions {
            a: a.a,
            b: a.b,
            year: a.year,
            format: a.format.into(),
            data: a.data,
        }
    }
}

fn parse_spread(s: &str) -> Result<f64, String> {
    let x: f64 = s.parse().map_err(|_| format!("not a number: `{s}`"))?;
    if (0.0..1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("must be in [0, 1) (got {x}; 0.10 means ±10 %)"))
    }
}

#[derive(Args)]
pub struct SensitivityArgs {
    #[arg(long)]
    data: Option<PathBuf>,
    /// Evaluation year (default: the latest).
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// Each weight is multiplied by a uniform factor in [1 − spread, 1 + spread].
    #[arg(long, default_value_t = 0.10, value_parser = parse_spread)]
    spread: f64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJsonArg,
}

impl From<SensitivityArgs> for SensitivityRequest {
    fn from(a: SensitivityArgs) -> SensitivityRequest {
        SensitivityRequest {
            data: source(a.data),
            year: a.year,
            study: SensitivityOptions {
                runs: a.runs as usize,
                spread: a.spread,
                seed: a.seed,
            },
            format: a.format.into(),
        }
    }
}

#[derive(Args)]
pub struct ServeArgs {
    /// Data folder to watch (default: ./data, else the embedded sample city, unwatched).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Templates folder to watch (default: ./templates when it exists).
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// internal: everything, as the bureau sees it; public: as `build --audience public`.
    #[arg(long, value_enum, default_value = "internal")]
    audience: AudienceArg,
}

impl ServeArgs {
    /// The server logs its rebuilds while it runs, so it needs `--quiet` too.
    pub fn options(self, quiet: bool) -> ServeOptions {
        ServeOptions {
            data: source(self.data),
            templates: self.templates,
            port: self.port,
            audience: self.audience.into(),
            quiet,
        }
    }
}

#[derive(Args)]
pub struct ReportArgs {
    #[arg(long)]
    data: Option<PathBuf>,
    /// Evaluation year (default: the latest).
    #[arg(long)]
    year: Option<i32>,
    /// internal: with private raw metrics and notes; public: as the public site shows.
    #[arg(long, value_enum, default_value = "internal")]
    audience: AudienceArg,
    /// The report's language: zh (Chinese) or en (English; names without English show in Chinese, marked).
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
    /// Output file (default: report-<year>.html); replaced whole, never left half-written.
    #[arg(long)]
    out: Option<PathBuf>,
}

impl From<ReportArgs> for ReportOptions {
    fn from(a: ReportArgs) -> ReportOptions {
        ReportOptions {
            data: source(a.data),
            year: a.year,
            audience: a.audience.into(),
            lang: a.lang.into(),
            out: a.out,
        }
    }
}

#[derive(Args)]
pub struct TemplateArgs {
    /// The year to collect.
    #[arg(long)]
    year: i32,
    #[arg(long)]
    data: Option<PathBuf>,
    /// Output file (default: 填报-<year>.xlsx).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
    /// The roster workbook (入园企业名录, one sheet per park; default name 名录-<year>.xlsx).
    #[arg(long)]
    rosters: bool,
}

impl From<TemplateArgs> for TemplateOptions {
    fn from(a: TemplateArgs) -> TemplateOptions {
        TemplateOptions {
            year: a.year,
            data: source(a.data),
            out: a.out,
            force: a.force,
            rosters: a.rosters,
        }
    }
}

#[derive(Args)]
pub struct ImportArgs {
    /// The filled .xlsx (or .csv with the same two header rows).
    file: PathBuf,
    /// The year (default: the one the workbook declares, or in its file name).
    #[arg(long)]
    year: Option<i32>,
    /// Data folder to write into (default: ./data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Print what would change; write nothing.
    #[arg(long)]
    dry_run: bool,
}

impl From<ImportArgs> for ImportRequest {
    fn from(a: ImportArgs) -> ImportRequest {
        ImportRequest {
            file: a.file,
            year: a.year,
            data: source(a.data),
            dry_run: a.dry_run,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn spread_is_a_share_below_one() {
        assert_eq!(parse_spread("0.25"), Ok(0.25));
        assert_eq!(parse_spread("0"), Ok(0.0));
        assert!(parse_spread("1").unwrap_err().contains("must be in [0, 1)"));
        assert!(parse_spread("ten").unwrap_err().contains("not a number"));
    }

    #[test]
    fn options_arrive_as_given() {
        let cli = Cli::try_parse_from([
            "parkscore",
            "sensitivity",
            "--data",
            "d",
            "--year",
            "2023",
            "--runs",
            "7",
            "--spread",
            "0.2",
            "--seed",
            "9",
            "--format",
            "json",
        ])
        .unwrap();
        let Command::Sensitivity(a) = cli.command else {
            panic!("not sensitivity")
        };
        let req = SensitivityRequest::from(a);
        assert_eq!(req.data, DataSource::Dir(PathBuf::from("d")));
        assert_eq!(req.year, Some(2023));
        assert_eq!(
            (req.study.runs, req.study.spread, req.study.seed),
            (7, 0.2, 9)
        );
        assert_eq!(req.format, TextOrJson::Json);
        assert!(Cli::try_parse_from(["parkscore", "sensitivity", "--runs", "0"]).is_err());
    }
}
