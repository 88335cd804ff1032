//! The `parkscore` command: argv ([`cli`]) → one library command
//! ([`parkscore::commands`]) → what it returned, printed.
//!
//! Exit codes (as README and `--help` say): 0 success; 1 the data or methodology
//! has problems, or a file or folder could not be read or written (a `--data`
//! folder that does not exist, too); 2 usage error: an unknown option or value, or
//! a park, year or git revision the data does not have.

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use parkscore::commands::{self, Context, Outcome, Stream};
use parkscore::progress::bar;
use parkscore::Result;

use cli::{Cli, Command};

/// mimalloc instead of the system allocator: a build allocates and frees millions of
/// small strings across rayon's threads, and glibc's per-thread arenas kept freed memory
/// (a national roll-up's peak RSS went past 2 GB with a heap well under it).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let progress = bar::for_stderr(cli.quiet);
    let ctx = Context {
        started: Instant::now(),
        progress: &*progress,
    };
    let result =
        recover_first(&cli.command, cli.quiet).and_then(|()| run(cli.command, cli.quiet, &ctx));
    progress.finish();
    match result {
        Ok(outcome) => {
            print(&outcome, cli.quiet);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.report());
            ExitCode::from(e.exit_code())
        }
    }
}

/// Every command first finishes or discards what an interrupted build left in
/// its output folder, so a reader gets one whole site. Only `build` fails on it;
/// the other commands do not write there and warn.
fn recover_first(command: &Command, quiet: bool) -> Result<()> {
    let out = command.output_folder();
    match parkscore::write::recover(out) {
        Ok(r) if !quiet && !r.is_nothing() => eprintln!("{}: {r}", out.display()),
        Ok(_) => {}
        Err(e) if matches!(command, Command::Build(_)) => return Err(e),
        Err(e) => eprintln!(
            "warning: could not recover {}: {}",
            out.display(),
            e.report()
        ),
    }
    Ok(())
}

fn run(command: Command, quiet: bool, ctx: &Context) -> Result<Outcome> {
    match command {
        Command::Build(a) => commands::build::run(&a.into(), ctx),
        Command::Check(a) => commands::check::run(&a.into(), ctx),
        Command::Explain(a) => commands::explain::run(&a.into(), ctx),
        Command::Diff(a) => commands::diff::run(&a.into(), ctx),
        Command::Sensitivity(a) => commands::sensitivity::run(&a.into(), ctx),
        Command::Serve(a) => commands::serve::run(&a.options(quiet), ctx),
        Command::Report(a) => commands::report::run(&a.into(), ctx),
        Command::Template(a) => commands::template::run(&a.into(), ctx),
        Command::Import(a) => commands::import::run(&a.into(), ctx),
    }
}

/// The product on stdout; the summary (unless `--quiet`) where the command says.
fn print(outcome: &Outcome, quiet: bool) {
    emit(&mut io::stdout(), &outcome.output);
    if quiet || outcome.summary.is_empty() {
        return;
    }
    let line = format!("{}\n", outcome.summary);
    match outcome.summary_to {
        Stream::Stdout => emit(&mut io::stdout(), &line),
        Stream::Stderr => emit(&mut io::stderr(), &line),
    }
}

/// Writes `text`; a closed pipe (`parkscore check | head`) ends the program quietly.
fn emit(to: &mut dyn Write, text: &str) {
    if let Err(e) = to.write_all(text.as_bytes()).and_then(|()| to.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}
