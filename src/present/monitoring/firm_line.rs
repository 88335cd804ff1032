//! One firm as a monitoring table row, and the small counted rows around it.

use serde::Serialize;

use crate::model::{AdmissionRule, ExitReason, Firm};

/// A firm in a monitoring list: identity and the year's figures as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirmLine<'a> {
    pub uscc: &'a str,
    pub name: &'a str,
    pub industry: &'a str,
    pub entered: String,
    pub exited: Option<String>,
    /// The exit reason's id (`relocated` …): pages show its word in their language.
    pub exit_reason: Option<&'static str>,
    pub employees: u32,
    /// 万元, exactly as the roster wrote it.
    pub revenue_wan: String,
    pub above_scale_since: Option<u16>,
}

impl<'a> FirmLine<'a> {
    pub fn of(f: &'a Firm) -> FirmLine<'a> {
        FirmLine {
            uscc: f.uscc.as_str(),
            name: &f.name,
            industry: f.industry.as_str(),
            entered: f.entered.to_string(),
            exited: f.exited.map(|d| d.to_string()),
            exit_reason: f.exit_reason.map(ExitReason::id),
            employees: f.employees,
            revenue_wan: f.revenue_wan.to_string(),
            above_scale_since: f.above_scale_since,
        }
    }
}

/// How many firms left for one reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonCount {
    pub id: &'static str,
    pub label: &'static str,
    pub firms: usize,
}

/// Counts per exit reason, every reason in the contract's order (zeros included).
pub fn by_reason<'f>(exits: impl Iterator<Item = &'f Firm>) -> Vec<ReasonCount> {
    let mut counts = [0usize; 5];
    for f in exits {
        if let Some(r) = f.exit_reason {
            counts[ExitReason::ALL
                .iter()
                .position(|x| *x == r)
                .expect("listed")] += 1;
        }
    }
    ExitReason::ALL
        .iter()
        .zip(counts)
        .map(|(r, firms)| ReasonCount {
            id: r.id(),
            label: r.label(),
            firms,
        })
        .collect()
}

/// An entry-review flag: the firm and the rule it breaks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagLine<'a> {
    pub firm: FirmLine<'a>,
    pub rule: &'static str,
    pub label: &'static str,
}

impl<'a> FlagLine<'a> {
    pub fn of(f: &'a Firm, rule: AdmissionRule) -> FlagLine<'a> {
        FlagLine {
            firm: FirmLine::of(f),
            rule: rule.id(),
            label: rule.label(),
        }
    }
}
