//! `parkscore serve`: the live preview, until Ctrl-C.

use crate::error::Result;
use crate::present::summary::stopped_serving;
use crate::serve::{self, ServeOptions};

use super::{Context, Outcome};

pub fn run(opts: &ServeOptions, ctx: &Context) -> Result<Outcome> {
    let session = serve::run(opts, ctx.progress)?;
    let summary = stopped_serving(
        &session.url,
        ctx.started.elapsed(),
        session.stats.rebuilds,
        session.stats.failed,
    );
    Ok(Outcome::summary(summary))
}
