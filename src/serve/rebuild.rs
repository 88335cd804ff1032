//! One in-memory build for the preview server: the same load → evaluate → render
//! as `build`, without writing, with failures turned into the overlay's lines.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::present::Audience;
use crate::progress::Progress;
use crate::write::Output;
use crate::{evaluate_with, render_with, DataSource, RenderOptions};

/// What every rebuild of one server needs.
#[derive(Debug, Clone)]
pub struct SiteSpec {
    pub data: DataSource,
    pub templates: Option<PathBuf>,
    pub audience: Audience,
}

/// A finished build attempt and how long it took.
pub struct Attempt {
    pub result: Result<Output, Vec<String>>,
    pub took: Duration,
}

/// Builds the site in memory.
pub fn build_site(spec: &SiteSpec, progress: &dyn Progress) -> Attempt {
    let start = Instant::now();
    let result = evaluate_with(&spec.data, progress)
        .and_then(|eval| {
            render_with(
                &eval,
                &RenderOptions {
                    audience: spec.audience,
                    templates: spec.templates.as_deref(),
                    progress,
                },
            )
        })
        .map_err(|e| problem_lines(&e));
    progress.finish();
    Attempt {
        result,
        took: start.elapsed(),
    }
}

/// `file:line:col: field: problem` for data problems; the error and its causes otherwise.
pub fn problem_lines(e: &Error) -> Vec<String> {
    match e {
        Error::Invalid(problems) => problems.iter().map(ToString::to_string).collect(),
        other => {
            let mut line = other.to_string();
            let mut source = std::error::Error::source(other);
            while let Some(s) = source {
                line.push_str(&format!(": {s}"));
                source = s.source();
            }
            vec![line]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Position, Problem};
    use crate::progress::Silent;

    #[test]
    fn data_problems_become_one_line_each() {
        let e = Error::Invalid(vec![
            Problem::new("parks/a.yaml", "name", "missing")
                .at(Some(Position { line: 2, column: 1 })),
            Problem::new("site.yaml", "", "missing"),
        ]);
        assert_eq!(
            problem_lines(&e),
            vec![
                "parks/a.yaml:2:1: name: missing".to_string(),
                "site.yaml: missing".to_string()
            ]
        );
    }

    #[test]
    fn the_embedded_sample_builds() {
        let spec = SiteSpec {
            data: DataSource::Embedded,
            templates: None,
            audience: Audience::Internal,
        };
        let out = build_site(&spec, &Silent).result.unwrap();
        assert!(out.get("index.html").is_some());
    }
}
