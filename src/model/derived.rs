//! Which park metrics a roster derives, and how (spec: enterprises.md, "Derived
//! metrics"). One pass over the firms gives every total; a methodology takes the
//! ones it defines.

use super::amount::{Amount, AmountSum};
use super::firm::{Firm, Recognition};
use super::roster::Roster;

/// The derived metric ids, in the contract's order.
pub const DERIVED_METRICS: [&str; 16] = [
    "enterprises",
    "new_enterprises",
    "revenue_wan",
    "tax_wan",
    "rd_wan",
    "leading_enterprises",
    "leading_revenue_wan",
    "above_scale",
    "new_above_scale",
    "innovative_sme_new",
    "specialized_new",
    "little_giant_new",
    "hitech_new",
    "patents_invention",
    "patents_utility",
    "patents_design",
];

/// Whether a roster derives metric `id` (when the methodology defines it).
pub fn is_derived(id: &str) -> bool {
    DERIVED_METRICS.contains(&id)
}

/// Whether the metric needs the park's `leading_industry_codes`.
pub fn needs_leading_codes(id: &str) -> bool {
    id == "leading_enterprises" || id == "leading_revenue_wan"
}

/// Every derived total of one roster. `all` = every row, `end` = rows with `exited` empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RosterTotals {
    pub rows: usize,
    pub end: u64,
    pub entered: u64,
    pub revenue_wan: AmountSum,
    pub tax_wan: AmountSum,
    pub rd_wan: AmountSum,
    pub leading_end: u64,
    pub leading_revenue_wan: AmountSum,
    pub above_scale: u64,
    pub new_above_scale: u64,
    /// By [`Recognition::ALL`] order.
    pub recognised: [u64; 4],
    pub patents_invention: u64,
    pub patents_utility: u64,
    pub patents_design: u64,
    /// Metric ids whose exact sum overflowed (absurd data; reported, never wrapped).
    pub overflowed: Vec<&'static str>,
}

impl RosterTotals {
    /// The totals of `roster` for its year; `leading` are the park's code prefixes.
    pub fn of(roster: &Roster, leading: &[String]) -> RosterTotals {
        let year = roster.year;
        let mut t = RosterTotals {
            rows: roster.firms.len(),
            ..RosterTotals::default()
        };
        for f in &roster.firms {
            t.add(f, year, leading);
        }
        t.overflowed.sort_unstable();
        t.overflowed.dedup();
        t
    }

    fn add(&mut self, f: &Firm, year: i32, leading: &[String]) {
        let lead = f.in_leading(leading);
        let over = &mut self.overflowed;
        add_to(&mut self.revenue_wan, f.revenue_wan, "revenue_wan", over);
        add_to(&mut self.tax_wan, f.tax_wan, "tax_wan", over);
        add_to(&mut self.rd_wan, f.rd_wan, "rd_wan", over);
        if lead {
            add_to(
                &mut self.leading_revenue_wan,
                f.revenue_wan,
                "leading_revenue_wan",
                over,
            );
        }
        let end = f.at_year_end();
        self.end += u64::from(end);
        self.entered += u64::from(f.entered_in(year));
        self.leading_end += u64::from(end && lead);
        self.above_scale += u64::from(f.above_scale(year));
        self.new_above_scale += u64::from(f.new_above_scale(year));
        for (i, r) in Recognition::ALL.iter().enumerate() {
            self.recognised[i] += u64::from(f.recognitions.contains(*r));
        }
        self.patents_invention += u64::from(f.patents.invention);
        self.patents_utility += u64::from(f.patents.utility);
        self.patents_design += u64::from(f.patents.design);
    }

    /// The derived value of metric `id` (`None` for a metric rosters do not derive).
    pub fn value(&self, id: &str) -> Option<AmountSum> {
        let count = |n: u64| {
            let mut s = AmountSum::default();
            s.add(Amount::units(n)).expect("a count fits");
            s
        };
        Some(match id {
            "enterprises" => count(self.end),
            "new_enterprises" => count(self.entered),
            "revenue_wan" => self.revenue_wan,
            "tax_wan" => self.tax_wan,
            "rd_wan" => self.rd_wan,
            "leading_enterprises" => count(self.leading_end),
            "leading_revenue_wan" => self.leading_revenue_wan,
            "above_scale" => count(self.above_scale),
            "new_above_scale" => count(self.new_above_scale),
            "innovative_sme_new" => count(self.recognised[0]),
            "specialized_new" => count(self.recognised[1]),
            "little_giant_new" => count(self.recognised[2]),
            "hitech_new" => count(self.recognised[3]),
            "patents_invention" => count(self.patents_invention),
            "patents_utility" => count(self.patents_utility),
            "patents_design" => count(self.patents_design),
            _ => return None,
        })
    }
}

fn add_to(s: &mut AmountSum, a: Amount, id: &'static str, overflowed: &mut Vec<&'static str>) {
    if s.add(a).is_none() {
        overflowed.push(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, ExitReason, IndustryCode, ParkId, Patents, Recognitions, Uscc};

    fn firm(code: &str, exited: bool, since: Option<u16>, revenue: &str, entered: i32) -> Firm {
        let mut recognitions = Recognitions::default();
        if revenue == "0.2" {
            recognitions.insert(Recognition::Hitech);
        }
        Firm {
            uscc: Uscc::parse("91111111111111111W").unwrap(),
            name: "x".into(),
            industry: IndustryCode::parse(code).unwrap(),
            entered: Date::new(entered, 6, 1).unwrap(),
            exited: exited.then(|| Date::new(2023, 9, 1).unwrap()),
            exit_reason: exited.then_some(ExitReason::Closed),
            employees: 1,
            revenue_wan: Amount::parse(revenue).unwrap(),
            tax_wan: Amount::parse("0.1").unwrap(),
            rd_wan: Amount::ZERO,
            above_scale_since: since,
            patents: Patents {
                invention: 1,
                utility: 0,
                design: 2,
            },
            recognitions,
            line: 2,
            column: 1,
        }
    }

    #[test]
    fn totals_by_hand() {
        let roster = Roster {
            park: ParkId::parse("p").unwrap(),
            year: 2023,
            file: "enterprises/p/2023.csv".into(),
            firms: vec![
                firm("C3981", false, Some(2020), "0.1", 2019), // end, 规上, leading
                firm("C4011", true, Some(2023), "0.2", 2023),  // left: not end, not 规上
                firm("C4120", false, Some(2023), "0.7", 2023), // end, 小升规, not leading (C41)
                firm("C39", false, None, "1.5", 2010),         // end, leading (prefix = code)
            ],
        };
        let codes = vec!["C39".to_string(), "C40".to_string()];
        let t = RosterTotals::of(&roster, &codes);
        let v = |id: &str| t.value(id).unwrap().to_string();
        assert_eq!(v("enterprises"), "3");
        assert_eq!(v("new_enterprises"), "2");
        assert_eq!(v("revenue_wan"), "2.5"); // 0.1 + 0.2 + 0.7 + 1.5, exact
        assert_eq!(v("tax_wan"), "0.4");
        assert_eq!(v("rd_wan"), "0");
        assert_eq!(v("leading_enterprises"), "2");
        assert_eq!(v("leading_revenue_wan"), "1.8"); // 0.1 + 0.2 (left, counted) + 1.5
        assert_eq!(v("above_scale"), "2");
        assert_eq!(v("new_above_scale"), "1");
        assert_eq!(v("hitech_new"), "1");
        assert_eq!(v("innovative_sme_new"), "0");
        assert_eq!(v("patents_invention"), "4");
        assert_eq!(v("patents_design"), "8");
        assert_eq!(t.value("land_area_mu"), None);
        assert!(t.overflowed.is_empty());
        assert!(DERIVED_METRICS
            .iter()
            .all(|m| is_derived(m) && t.value(m).is_some()));
    }
}
