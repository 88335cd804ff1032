//! The `parkscore` command: argv → options → the library. Exit codes: 0 success,
//! 1 data or methodology problems (and other failures), 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use parkscore::analysis::{self, side::load_side, SensitivityOptions};
use parkscore::collect;
use parkscore::present::json::to_json;
use parkscore::present::{diff as diff_view, diff_json, sensitivity as sensitivity_view};
use parkscore::present::{explain::explain, Audience};
use parkscore::progress::bar;
use parkscore::report::ReportOptions;
use parkscore::serve::ServeOptions;
use parkscore::{BuildOptions, DataSource, Error, Evaluation};

/// `print!` that ends the program quietly when stdout is closed (`parkscore check | head`).
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout(), $($t)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// `println!` with the same quiet ending as [`out!`].
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($t)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

#[derive(Parser)]
#[command(
    name = "parkscore",
    version,
    about = "小微企业园绩效评价: evaluate parks and publish the results as a static site"
)]
struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Text,
    Md,
    Json,
}

fn parse_spread(s: &str) -> Result<f64, String> {
    let x: f64 = s.parse().map_err(|_| format!("not a number: `{s}`"))?;
    if (0.0..1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("must be in [0, 1) (got {x}; 0.10 means ±10 %)"))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Load, validate, evaluate every year and write the site (all or nothing).
    Build {
        /// Data folder (default: ./data, else the embedded sample city).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Output folder; replaced whole only when the build succeeds.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// public: no private raw metrics, no notes; internal: everything, noindex.
        #[arg(long, value_enum, default_value = "public")]
        audience: AudienceArg,
    },
    /// Validate and evaluate without writing; print each year's summary or every problem.
    Check {
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Show how one park's result came about.
    Explain {
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
        format: TextOrJson,
    },
    /// Explain what changed between two versions of the data, and why.
    Diff {
        /// Version A: a data folder, or a git revision of the data folder (HEAD~1, a tag).
        a: String,
        /// Version B: likewise (e.g. `data` for the working folder).
        b: String,
        /// Only this evaluation year (default: every year).
        #[arg(long)]
        year: Option<i32>,
        /// md is meant to be pasted into a pull request.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// The data folder whose git revisions A and B name.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Monte Carlo on the weights: how robust are each park's rank and tier?
    Sensitivity {
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
        format: TextOrJson,
    },
    /// Preview the site on 127.0.0.1; rebuilds and reloads open pages when data or templates change.
    Serve {
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
    },
    /// One self-contained HTML file for a year (summary, ranking, every scorecard) to share by mail or chat.
    Report {
        #[arg(long)]
        data: Option<PathBuf>,
        /// Evaluation year (default: the latest).
        #[arg(long)]
        year: Option<i32>,
        /// internal: with private raw metrics and notes; public: as the public site shows.
        #[arg(long, value_enum, default_value = "internal")]
        audience: AudienceArg,
        /// Output file (default: report-<year>.html); replaced whole, never left half-written.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the data-collection workbook for one year (sheet 填报, explained in 说明).
    Template {
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
    },
    /// Read a filled workbook (or CSV) into the year records of parks/*.yaml.
    Import {
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let start = Instant::now();
    match run(cli.command, cli.quiet, start) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                eprintln!("  caused by: {s}");
                source = s.source();
            }
            ExitCode::from(match e {
                Error::NotFound(_) => 2,
                _ => 1,
            })
        }
    }
}

fn run(command: Command, quiet: bool, start: Instant) -> Result<(), Error> {
    match command {
        Command::Build {
            data,
            out,
            audience,
        } => {
            let source = DataSource::resolve(data.as_deref());
            let report = parkscore::build_with(
                &BuildOptions {
                    data: source.clone(),
                    out: out.clone(),
                    audience: audience.into(),
                },
                &*bar::for_stderr(quiet),
            )?;
            if !quiet {
                outln!(
                    "built {} files ({} KiB) for {} from {} into {} in {:.2} s",
                    report.files,
                    report.bytes / 1024,
                    years_text(&report.years),
                    source.describe(),
                    out.display(),
                    start.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Check { data } => {
            let source = DataSource::resolve(data.as_deref());
            let eval = {
                let progress = bar::for_stderr(quiet);
                let eval = parkscore::evaluate_with(&source, &*progress)?;
                progress.finish();
                eval
            };
            let corrections = analysis::side::corrections_of(&source, &eval)?;
            if !quiet {
                print_summary(&eval, corrections.as_ref());
                outln!(
                    "ok: {} parks, {} checked from {} in {:.2} s",
                    eval.data.parks.len(),
                    years_text(&eval.years.iter().map(|r| r.year).collect::<Vec<_>>()),
                    source.describe(),
                    start.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Explain {
            park,
            year,
            data,
            audience,
            format,
        } => {
            let source = DataSource::resolve(data.as_deref());
            let eval = parkscore::evaluate(&source)?;
            let r = match year {
                Some(y) => eval.year(y).ok_or_else(|| {
                    Error::NotFound(format!(
                        "{y} is not an evaluated year (evaluated: {})",
                        years_text(&eval.years.iter().map(|r| r.year).collect::<Vec<_>>())
                    ))
                })?,
                None => eval
                    .latest()
                    .ok_or_else(|| Error::NotFound("no evaluated year".into()))?,
            };
            let Some(p) = r.park(&park) else {
                let hint = parkscore::error::did_you_mean(
                    &park,
                    eval.data.parks.iter().map(|p| p.id.as_str()),
                );
                let why = if eval.data.park(&park).is_some() {
                    format!("park `{park}` does not operate in {}", r.year)
                } else {
                    format!("no park `{park}`{hint}")
                };
                return Err(Error::NotFound(why));
            };
            let m = &eval.data.methodologies[&r.methodology_year];
            let w = analysis::whatif::what_if_in(&eval.data.parks, r.year, m, r, &park);
            let audience: Audience = audience.into();
            match format {
                TextOrJson::Text => {
                    out!("{}", explain(&eval.data, r, m, p, audience));
                    if let Some(w) = &w {
                        out!(
                            "{}",
                            parkscore::present::explain::explain_whatif(m, w, audience)
                        );
                    }
                }
                TextOrJson::Json => out!(
                    "{}",
                    to_json(&parkscore::present::explain::explain_json(
                        &eval.data,
                        r,
                        m,
                        p,
                        w.as_ref(),
                        audience
                    ))
                ),
            }
            if !quiet {
                // On stderr, so the explanation itself can be redirected to a file.
                eprintln!(
                    "explained {park} for {} from {} in {:.2} s",
                    r.year,
                    source.describe(),
                    start.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Serve {
            data,
            templates,
            port,
            audience,
        } => parkscore::serve::run(&ServeOptions {
            data: DataSource::resolve(data.as_deref()),
            templates,
            port,
            audience: audience.into(),
            quiet,
        }),
        Command::Report {
            data,
            year,
            audience,
            out,
        } => {
            let source = DataSource::resolve(data.as_deref());
            let audience: Audience = audience.into();
            let summary = parkscore::report::write_report(
                &ReportOptions {
                    data: source.clone(),
                    year,
                    audience,
                    out,
                },
                &*bar::for_stderr(quiet),
            )?;
            if !quiet {
                println!(
                    "wrote {} ({} KiB, {} scorecards, {}) for {} from {} in {:.2} s",
                    summary.path.display(),
                    summary.bytes / 1024,
                    summary.cards,
                    audience.id(),
                    summary.year,
                    source.describe(),
                    start.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Template {
            year,
            data,
            out,
            force,
        } => run_template(year, data, out, force, quiet),
        Command::Import {
            file,
            year,
            data,
            dry_run,
        } => run_import(file, year, data, dry_run, quiet),
        Command::Diff {
            a,
            b,
            year,
            format,
            data,
        } => {
            let side_a = load_side(&a, &data)?;
            let side_b = load_side(&b, &data)?;
            let d = analysis::diff(&side_a.side(), &side_b.side(), year);
            if let (Some(y), true) = (year, d.years.is_empty()) {
                return Err(Error::NotFound(format!(
                    "{y} is evaluated by neither {} nor {}",
                    side_a.label, side_b.label
                )));
            }
            out!(
                "{}",
                match format {
                    DiffFormat::Text => diff_view::diff_text(&d),
                    DiffFormat::Md => diff_view::diff_markdown(&d),
                    DiffFormat::Json => to_json(&diff_json::diff_json(&d)),
                }
            );
            Ok(())
        }
        Command::Sensitivity {
            data,
            year,
            runs,
            spread,
            seed,
            format,
        } => {
            let eval = parkscore::evaluate(&DataSource::resolve(data.as_deref()))?;
            let r = pick_year(&eval, year)?;
            let m = &eval.data.methodologies[&r.methodology_year];
            let opts = SensitivityOptions {
                runs: runs as usize,
                spread,
                seed,
            };
            let started = Instant::now();
            let s = analysis::sensitivity(&eval.data.parks, r.year, m, opts)?;
            match format {
                TextOrJson::Text => {
                    out!("{}", sensitivity_view::sensitivity_text(&eval.data, &s))
                }
                TextOrJson::Json => out!(
                    "{}",
                    to_json(&sensitivity_view::sensitivity_json(&eval.data, &s))
                ),
            }
            if !quiet {
                eprintln!(
                    "{} runs over {} rated parks in {:.2} s",
                    runs,
                    s.parks.len(),
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
    }
}

/// `--year` if given (it must be evaluated), else the latest evaluated year.
fn pick_year(
    eval: &Evaluation,
    year: Option<i32>,
) -> Result<&parkscore::evaluate::YearResult, Error> {
    match year {
        Some(y) => eval.year(y).ok_or_else(|| {
            Error::NotFound(format!(
                "{y} is not an evaluated year (evaluated: {})",
                years_text(&eval.years.iter().map(|r| r.year).collect::<Vec<_>>())
            ))
        }),
        None => eval
            .latest()
            .ok_or_else(|| Error::NotFound("no evaluated year".into())),
    }
}

/// `template`: the workbook, written whole or not at all.
fn run_template(
    year: i32,
    data: Option<PathBuf>,
    out: Option<PathBuf>,
    force: bool,
    quiet: bool,
) -> Result<(), Error> {
    let source = DataSource::resolve(data.as_deref());
    let (dataset, problems) =
        parkscore::load::load_with_problems(&source.files()?, &parkscore::progress::Silent);
    let dataset = dataset.ok_or(Error::Invalid(problems.clone()))?;
    let out = out.unwrap_or_else(|| PathBuf::from(format!("{}-{year}.xlsx", collect::SHEET)));
    if out.exists() && !force {
        return Err(Error::Other(format!(
            "{}: exists (a filled workbook?); pass --force to replace it or --out for another name",
            out.display()
        )));
    }
    let bytes = collect::template(&dataset, year)?;
    let tmp = out.with_extension("xlsx.tmp");
    std::fs::write(&tmp, &bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &out).map_err(|e| Error::io(&out, e))?;
    if !quiet {
        outln!(
            "wrote {} for {year} from {} ({} KiB)",
            out.display(),
            source.describe(),
            bytes.len() / 1024
        );
        if !problems.is_empty() {
            outln!(
                "note: the data folder has {} problem(s); `parkscore check` lists them",
                problems.len()
            );
        }
    }
    Ok(())
}

/// `import`: plan, print, and (unless a dry run) write.
fn run_import(
    file: PathBuf,
    year: Option<i32>,
    data: Option<PathBuf>,
    dry_run: bool,
    quiet: bool,
) -> Result<(), Error> {
    let dir = match DataSource::resolve(data.as_deref()) {
        DataSource::Dir(d) => d,
        DataSource::Embedded => return Err(Error::Other(
            "import needs a data folder to write into (pass --data, or run where ./data exists)"
                .into(),
        )),
    };
    let plan = collect::import(&collect::ImportOptions {
        file,
        year,
        data: dir.clone(),
        dry_run,
    })?;
    if !quiet {
        out!("{}", collect::describe(&plan));
        let n = plan.files.len();
        if dry_run {
            outln!("dry run: {n} file(s) would change; nothing written");
        } else {
            outln!("wrote {n} file(s) in {}", dir.display());
        }
        if !plan.remaining.is_empty() {
            outln!(
                "{} problem(s) remain in the data folder (`parkscore check` lists them):",
                plan.remaining.len()
            );
            for p in plan.remaining.iter().take(20) {
                outln!("  {p}");
            }
            if plan.remaining.len() > 20 {
                outln!("  … and {} more", plan.remaining.len() - 20);
            }
        }
    }
    Ok(())
}

fn years_text(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => format!("{a}"),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "no years".into(),
    }
}

fn print_summary(eval: &Evaluation, corrections: Option<&analysis::Corrections>) {
    use parkscore::present::check::{check_summary, corrections_summary};
    out!("{}", check_summary(&eval.data, &eval.years));
    if let Some(c) = corrections {
        out!("{}", corrections_summary(c));
    }
}
