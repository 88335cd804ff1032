//! Building a site in memory for a test, with the studies the test chooses (none
//! skips the robustness study, which is slow in debug builds).

use parkscore::analysis::YearStudy;
use parkscore::present::Audience;
use parkscore::progress::Silent;
use parkscore::write::Output;
use parkscore::{publish, Evaluation, Published, RenderOptions};

/// Every file of the site of `eval` for `audience`, with `studies` (may be empty).
pub fn render_site(eval: &Evaluation, studies: &[YearStudy], audience: Audience) -> Output {
    let mut out = Output::new();
    let opts = RenderOptions {
        audience,
        templates: None,
        progress: &Silent,
    };
    let published = Published {
        studies,
        corrections: None,
    };
    publish(eval, &published, &opts, &mut out).unwrap_or_else(|e| panic!("render: {e}"));
    out
}
