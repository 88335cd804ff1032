//! 入园审核: the methodology's optional entry rules. Breaking one flags the firm for
//! review; it never changes a score.

use super::firm::Firm;

/// The `admission` section of a methodology.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Admission {
    /// Firms entering must have an industry code in one of these sections (`C` = 制造业).
    pub industry_sections: Option<Vec<char>>,
    /// Firms entering must be small or micro (工信部 2011 划型, 工业).
    pub small_micro_only: bool,
}

/// One entry rule, as `check` counts them and the monitoring views list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AdmissionRule {
    IndustrySections,
    SmallMicroOnly,
}

impl AdmissionRule {
    pub const ALL: [AdmissionRule; 2] = [
        AdmissionRule::IndustrySections,
        AdmissionRule::SmallMicroOnly,
    ];

    pub fn id(self) -> &'static str {
        match self {
            AdmissionRule::IndustrySections => "industry_sections",
            AdmissionRule::SmallMicroOnly => "small_micro_only",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AdmissionRule::IndustrySections => "行业不符合入园要求",
            AdmissionRule::SmallMicroOnly => "入园时非小微企业",
        }
    }
}

/// Medium or larger for industry (工信部联企业〔2011〕300号): 300 employees or more
/// AND revenue of 2,000 万元 or more.
pub const MEDIUM_EMPLOYEES: u32 = 300;
pub const MEDIUM_REVENUE_WAN: u64 = 2000;

impl Admission {
    /// The rules `firm` breaks, judged on the figures of the year it entered.
    pub fn breaches(&self, firm: &Firm) -> Vec<AdmissionRule> {
        let mut out = Vec::new();
        if let Some(sections) = &self.industry_sections {
            if !sections.contains(&firm.industry.section()) {
                out.push(AdmissionRule::IndustrySections);
            }
        }
        let medium =
            firm.employees >= MEDIUM_EMPLOYEES && firm.revenue_wan.at_least(MEDIUM_REVENUE_WAN);
        if self.small_micro_only && medium {
            out.push(AdmissionRule::SmallMicroOnly);
        }
        out
    }
}
