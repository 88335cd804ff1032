//! The columns of a roster (spec: enterprises.md, "Files"): names, whether they are
//! required, and what they mean in Chinese (for messages and workbooks).

/// One roster column; the header names it exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RosterColumn {
    Uscc,
    Name,
    Industry,
    Entered,
    Exited,
    ExitReason,
    Employees,
    RevenueWan,
    TaxWan,
    RdWan,
    AboveScaleSince,
    PatentsInvention,
    PatentsUtility,
    PatentsDesign,
    Recognitions,
}

impl RosterColumn {
    /// Every column, in the order the contract lists them (and files are written).
    pub const ALL: [RosterColumn; 15] = [
        RosterColumn::Uscc,
        RosterColumn::Name,
        RosterColumn::Industry,
        RosterColumn::Entered,
        RosterColumn::Exited,
        RosterColumn::ExitReason,
        RosterColumn::Employees,
        RosterColumn::RevenueWan,
        RosterColumn::TaxWan,
        RosterColumn::RdWan,
        RosterColumn::AboveScaleSince,
        RosterColumn::PatentsInvention,
        RosterColumn::PatentsUtility,
        RosterColumn::PatentsDesign,
        RosterColumn::Recognitions,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RosterColumn::Uscc => "uscc",
            RosterColumn::Name => "name",
            RosterColumn::Industry => "industry",
            RosterColumn::Entered => "entered",
            RosterColumn::Exited => "exited",
            RosterColumn::ExitReason => "exit_reason",
            RosterColumn::Employees => "employees",
            RosterColumn::RevenueWan => "revenue_wan",
            RosterColumn::TaxWan => "tax_wan",
            RosterColumn::RdWan => "rd_wan",
            RosterColumn::AboveScaleSince => "above_scale_since",
            RosterColumn::PatentsInvention => "patents_invention",
            RosterColumn::PatentsUtility => "patents_utility",
            RosterColumn::PatentsDesign => "patents_design",
            RosterColumn::Recognitions => "recognitions",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RosterColumn::Uscc => "统一社会信用代码",
            RosterColumn::Name => "企业名称",
            RosterColumn::Industry => "国民经济行业代码",
            RosterColumn::Entered => "入园日期",
            RosterColumn::Exited => "退出日期",
            RosterColumn::ExitReason => "退出原因",
            RosterColumn::Employees => "年末从业人员（人）",
            RosterColumn::RevenueWan => "营业收入（万元）",
            RosterColumn::TaxWan => "实缴税收（万元）",
            RosterColumn::RdWan => "研发费用（万元）",
            RosterColumn::AboveScaleSince => "规上起始年份",
            RosterColumn::PatentsInvention => "发明专利授权（件）",
            RosterColumn::PatentsUtility => "实用新型专利授权（件）",
            RosterColumn::PatentsDesign => "外观设计专利授权（件）",
            RosterColumn::Recognitions => "当年认定",
        }
    }

    /// Required columns must be in the header; the others may be left out.
    pub fn required(self) -> bool {
        matches!(
            self,
            RosterColumn::Uscc
                | RosterColumn::Name
                | RosterColumn::Industry
                | RosterColumn::Entered
                | RosterColumn::Employees
                | RosterColumn::RevenueWan
                | RosterColumn::TaxWan
        )
    }

    pub fn parse(name: &str) -> Option<RosterColumn> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.into_iter().map(RosterColumn::name)
    }
}

impl RosterColumn {
    /// A firm's cell as a roster file writes it (`2023-03-05`, `1234.5`, `closed`,
    /// `innovative_sme;hitech`; empty for an empty optional value).
    pub fn text(self, f: &super::firm::Firm) -> String {
        use RosterColumn as C;
        let or_empty = |x: Option<String>| x.unwrap_or_default();
        match self {
            C::Uscc => f.uscc.to_string(),
            C::Name => f.name.to_string(),
            C::Industry => f.industry.to_string(),
            C::Entered => f.entered.to_string(),
            C::Exited => or_empty(f.exited.map(|d| d.to_string())),
            C::ExitReason => or_empty(f.exit_reason.map(|r| r.id().to_string())),
            C::Employees => f.employees.to_string(),
            C::RevenueWan => f.revenue_wan.to_string(),
            C::TaxWan => f.tax_wan.to_string(),
            C::RdWan => f.rd_wan.to_string(),
            C::AboveScaleSince => or_empty(f.above_scale_since.map(|y| y.to_string())),
            C::PatentsInvention => f.patents.invention.to_string(),
            C::PatentsUtility => f.patents.utility.to_string(),
            C::PatentsDesign => f.patents.design.to_string(),
            C::Recognitions => f.recognitions.ids(),
        }
    }
}
