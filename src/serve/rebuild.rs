//! One in-memory build for the preview server: the same load → evaluate → render
//! as `build`, without writing, with failures turned into the overlay's lines.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::analysis::side::corrections_of;
use crate::present::Audience;
use crate::progress::Progress;
use crate::write::Output;
use crate::{evaluate, publish, study, DataSource, EvaluateOptions, Published, RenderOptions};

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
    let result = render_spec(spec, progress).map_err(|e| e.lines());
    progress.finish();
    Attempt {
        result,
        took: start.elapsed(),
    }
}

/// load → evaluate → the corrections notice and studies → the site in memory.
fn render_spec(spec: &SiteSpec, progress: &dyn Progress) -> crate::Result<Output> {
    let eval = evaluate(&spec.data, &EvaluateOptions { progress })?;
    let corrections = corrections_of(&spec.data, &eval)?;
    let studies = study(&eval, progress)?;
    let opts = RenderOptions {
        audience: spec.audience,
        templates: spec.templates.as_deref(),
        progress,
    };
    let published = Published {
        studies: &studies,
        corrections: corrections.as_ref(),
    };
    let mut out = Output::new();
    publish(&eval, &published, &opts, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

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
