//! Indicator formulas: `+ - * /`, unary minus, parentheses, decimal numbers and
//! metric ids. Parsed once at load, evaluated per park and year.
//!
//! Hostile input is bounded here: a formula longer than [`MAX_FORMULA_CHARS`] or
//! nested deeper than [`MAX_FORMULA_NESTING`] is refused before any recursion could
//! exhaust the stack, and the parsed formula is a flat postfix program evaluated
//! with a loop (no recursion, no deep `Box` chain to drop). Mistakes that do not
//! depend on the data (`1/0`, a 400-digit literal) are the methodology's and are
//! reported at parse time, so they are blamed once, not on every park.

use std::fmt;

use super::formula_parser;
use super::limits::{MAX_COMPUTED, MAX_FORMULA_CHARS, MAX_FORMULA_NESTING, MAX_INPUT};

/// A parsed formula; `source` is kept so messages and the methodology page can quote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub source: String,
    /// Postfix program: operands push, operators pop theirs and push the result.
    steps: Vec<Step>,
    /// Metric ids the formula reads, sorted and unique; `Step::Metric` indexes them.
    names: Vec<String>,
    /// The most values the program holds at once.
    depth: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Step {
    Number(f64),
    Metric(usize),
    Neg,
    Binary(Op),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// Why a formula did not parse, with the 0-based character offset in the formula.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaError {
    pub offset: usize,
    pub kind: FormulaErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormulaErrorKind {
    Unexpected {
        found: String,
        expected: &'static str,
    },
    UnknownMetric {
        name: String,
        suggestion: Option<String>,
    },
    /// Longer than [`MAX_FORMULA_CHARS`] characters.
    TooLong { chars: usize },
    /// Parentheses and unary minus nested deeper than [`MAX_FORMULA_NESTING`].
    TooDeep,
    /// A number written in the formula beyond [`MAX_INPUT`].
    NumberTooLarge { text: String },
    /// A divisor that is zero whatever the data (`1/0`, `x / (2 - 2)`).
    ConstantDivisionByZero,
    /// A part without metrics whose value is beyond [`MAX_COMPUTED`].
    ConstantTooLarge,
}

impl FormulaErrorKind {
    /// What is wrong with the formula as a whole, for the start of a message.
    pub fn summary(&self) -> &'static str {
        match self {
            FormulaErrorKind::UnknownMetric { .. } => "names an unknown metric",
            FormulaErrorKind::Unexpected { .. } => "does not parse",
            FormulaErrorKind::TooLong { .. } => "is too long",
            FormulaErrorKind::TooDeep => "is nested too deeply",
            FormulaErrorKind::NumberTooLarge { .. } | FormulaErrorKind::ConstantTooLarge => {
                "has a number out of range"
            }
            FormulaErrorKind::ConstantDivisionByZero => "divides by zero whatever the data",
        }
    }
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let col = self.offset + 1;
        match &self.kind {
            FormulaErrorKind::Unexpected { found, expected } => {
                write!(
                    f,
                    "at character {col}: unexpected {found} (expected {expected})"
                )
            }
            FormulaErrorKind::UnknownMetric { name, suggestion } => {
                write!(f, "at character {col}: unknown metric `{name}`")?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean `{s}`?")?;
                }
                Ok(())
            }
            FormulaErrorKind::TooLong { chars } => write!(
                f,
                "{chars} characters (expected at most {MAX_FORMULA_CHARS}; split the calculation into metrics)"
            ),
            FormulaErrorKind::TooDeep => write!(
                f,
                "at character {col}: more than {MAX_FORMULA_NESTING} levels of parentheses or unary minus"
            ),
            FormulaErrorKind::NumberTooLarge { text } => write!(
                f,
                "at character {col}: number too large (got {}; expected at most {MAX_INPUT:e})",
                abbreviate(text, 24)
            ),
            FormulaErrorKind::ConstantDivisionByZero => write!(
                f,
                "at character {col}: the divisor is 0 for every park (expected a divisor that depends on the data)"
            ),
            FormulaErrorKind::ConstantTooLarge => write!(
                f,
                "at character {col}: this part is beyond {MAX_COMPUTED:e} for every park (expected smaller numbers)"
            ),
        }
    }
}

/// `text`, cut to `max` characters with the full length noted when longer.
pub fn abbreviate(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}… ({n} characters)")
}

/// What can go wrong while evaluating a valid formula on a park's metrics.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    MissingMetric(String),
    DivisionByZero,
    /// A metric, an intermediate result or the value is not a finite number.
    NotFinite,
}

impl Formula {
    /// Parses `source`; `is_metric` says which names exist, `suggest` proposes a near one.
    pub fn parse(
        source: &str,
        is_metric: &dyn Fn(&str) -> bool,
        suggest: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Formula, FormulaError> {
        let chars = source.chars().count();
        if chars > MAX_FORMULA_CHARS {
            return Err(FormulaError {
                offset: MAX_FORMULA_CHARS,
                kind: FormulaErrorKind::TooLong { chars },
            });
        }
        let (steps, names) = formula_parser::parse(source, chars, is_metric, suggest)?;
        let (steps, names) = sorted_names(steps, names);
        Ok(Formula {
            source: source.to_string(),
            depth: stack_depth(&steps),
            steps,
            names,
        })
    }

    /// Metric ids the formula reads, sorted and unique.
    pub fn metrics(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }

    /// [`Formula::metrics`] without allocating, for per-park checks.
    pub fn metric_ids(&self) -> &[String] {
        &self.names
    }

    /// Evaluates in f64; `metric` looks a value up (None when the record lacks it).
    /// Any non-finite metric or intermediate result is [`EvalError::NotFinite`]: an
    /// infinity must not vanish in a later division.
    pub fn eval(&self, metric: &dyn Fn(&str) -> Option<f64>) -> Result<f64, EvalError> {
        // Real formulas hold a handful of values at once: no allocation for them.
        const SMALL: usize = 16;
        if self.depth <= SMALL {
            self.run(&mut [0.0; SMALL], metric)
        } else {
            self.run(&mut vec![0.0; self.depth], metric)
        }
    }

    /// The postfix program on `stack` (at least `self.depth` long).
    fn run(
        &self,
        stack: &mut [f64],
        metric: &dyn Fn(&str) -> Option<f64>,
    ) -> Result<f64, EvalError> {
        let mut top = 0;
        for step in &self.steps {
            let v = match *step {
                Step::Number(n) => n,
                Step::Metric(i) => {
                    let name = &self.names[i];
                    metric(name).ok_or_else(|| EvalError::MissingMetric(name.clone()))?
                }
                Step::Neg if top >= 1 => {
                    top -= 1;
                    -stack[top]
                }
                Step::Binary(op) if top >= 2 => {
                    top -= 2;
                    let (a, b) = (stack[top], stack[top + 1]);
                    match op {
                        Op::Add => a + b,
                        Op::Sub => a - b,
                        Op::Mul => a * b,
                        Op::Div if b == 0.0 => return Err(EvalError::DivisionByZero),
                        Op::Div => a / b,
                    }
                }
                // Unreachable for a parsed formula: its program is well formed.
                Step::Neg | Step::Binary(_) => return Err(EvalError::NotFinite),
            };
            if !v.is_finite() {
                return Err(EvalError::NotFinite);
            }
            *stack.get_mut(top).ok_or(EvalError::NotFinite)? = v;
            top += 1;
        }
        match top {
            1 => Ok(stack[0]),
            _ => Err(EvalError::NotFinite),
        }
    }
}

/// Renumbers `Step::Metric` so that `names` is sorted (first-seen order → id order).
fn sorted_names(mut steps: Vec<Step>, names: Vec<String>) -> (Vec<Step>, Vec<String>) {
    let mut sorted = names.clone();
    sorted.sort_unstable();
    for step in &mut steps {
        if let Step::Metric(i) = step {
            *i = sorted.binary_search(&names[*i]).unwrap_or(*i);
        }
    }
    (steps, sorted)
}

/// The most values a postfix program holds at once.
fn stack_depth(steps: &[Step]) -> usize {
    let (mut now, mut most) = (0usize, 0usize);
    for s in steps {
        match s {
            Step::Number(_) | Step::Metric(_) => now += 1,
            Step::Neg => {}
            Step::Binary(_) => now = now.saturating_sub(1),
        }
        most = most.max(now);
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Formula, FormulaError> {
        let known = ["tax_wan", "land_area_mu", "revenue_wan"];
        Formula::parse(s, &|m| known.contains(&m), &|m| {
            crate::error::suggest(m, known).map(str::to_string)
        })
    }

    fn eval(s: &str) -> Result<f64, EvalError> {
        parse(s).unwrap().eval(&|m| match m {
            "tax_wan" => Some(9800.0),
            "land_area_mu" => Some(320.0),
            "revenue_wan" => Some(0.0),
            _ => None,
        })
    }

    #[test]
    fn precedence_and_unary_minus() {
        assert_eq!(eval("1 + 2 * 3").unwrap(), 7.0);
        assert_eq!(eval("(1 + 2) * 3").unwrap(), 9.0);
        assert_eq!(eval("-2 * -3").unwrap(), 6.0);
        assert_eq!(eval("10 - 4 - 3").unwrap(), 3.0);
        assert_eq!(eval("12 / 3 / 2").unwrap(), 2.0);
        assert_eq!(eval("tax_wan / land_area_mu").unwrap(), 9800.0 / 320.0);
        assert_eq!(eval("0.5 * tax_wan").unwrap(), 4900.0);
    }

    #[test]
    fn division_by_zero_is_reported() {
        assert_eq!(
            eval("tax_wan / revenue_wan"),
            Err(EvalError::DivisionByZero)
        );
    }

    #[test]
    fn errors_point_at_the_position() {
        let e = parse("tax_wan / land_aera_mu").unwrap_err();
        assert_eq!(e.offset, 10);
        assert_eq!(
            e.to_string(),
            "at character 11: unknown metric `land_aera_mu`; did you mean `land_area_mu`?"
        );
        let e = parse("tax_wan / (land_area_mu").unwrap_err();
        assert_eq!(
            e.to_string(),
            "at character 24: unexpected end of formula (expected `)`)"
        );
        let e = parse("tax_wan ** 2").unwrap_err();
        assert_eq!(e.offset, 9);
        let e = parse("tax_wan % 2").unwrap_err();
        assert_eq!(e.offset, 8);
        assert!(parse("").is_err());
        assert!(parse("1.2.3").is_err());
        assert!(parse("tax_wan land_area_mu").is_err());
    }

    #[test]
    fn deep_long_and_constant_mistakes_are_refused_with_their_place() {
        let deep = format!("{}tax_wan{}", "(".repeat(3000), ")".repeat(3000));
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.kind, FormulaErrorKind::TooLong { chars: 6007 });
        let deep = format!("{}tax_wan{}", "(".repeat(40), ")".repeat(40));
        let e = parse(&deep).unwrap_err();
        assert_eq!((e.offset, e.kind), (32, FormulaErrorKind::TooDeep));
        let e = parse(&format!("{}tax_wan", "-".repeat(33))).unwrap_err();
        assert_eq!((e.offset, e.kind), (32, FormulaErrorKind::TooDeep));
        assert!(parse(&format!("{}tax_wan{}", "(".repeat(32), ")".repeat(32))).is_ok());

        let e = parse(&format!("tax_wan + {}", "9".repeat(400))).unwrap_err();
        assert_eq!(e.offset, 10);
        assert!(matches!(e.kind, FormulaErrorKind::NumberTooLarge { .. }));
        assert!(e.to_string().contains("(400 characters)"), "{e}");
        assert!(parse("tax_wan * 1000000000000000").is_ok());

        for (f, at) in [
            ("tax_wan / land_area_mu + 1/0", 26),
            ("tax_wan / (2 - 2)", 8),
            ("tax_wan / (0 * land_area_mu)", 8),
            ("tax_wan / -(0)", 8),
        ] {
            let e = parse(f).unwrap_err();
            assert_eq!(
                (e.offset, e.kind),
                (at, FormulaErrorKind::ConstantDivisionByZero),
                "{f}"
            );
        }
        let huge = ["1000000000000000"; 8].join(" * ");
        let e = parse(&format!("tax_wan + {huge}")).unwrap_err();
        assert_eq!(e.kind, FormulaErrorKind::ConstantTooLarge);
        assert_eq!(e.offset, 122, "at the multiplication that crosses 1e100");
    }

    #[test]
    fn long_formulas_evaluate_without_recursion() {
        let sum = ["tax_wan"; 100].join(" + ");
        assert_eq!(eval(&sum).unwrap(), 100.0 * 9800.0);
        let nested = format!("{}tax_wan{}", "(tax_wan - ".repeat(31), ")".repeat(31));
        assert_eq!(eval(&nested).unwrap(), 0.0, "32 alternating terms cancel");
    }

    #[test]
    fn a_non_finite_intermediate_is_an_error_not_a_number() {
        let f = parse("1 / (tax_wan * tax_wan)").unwrap();
        let huge = |_: &str| Some(1e200);
        assert_eq!(f.eval(&huge), Err(EvalError::NotFinite));
        let nan = |_: &str| Some(f64::NAN);
        assert_eq!(f.eval(&nan), Err(EvalError::NotFinite));
        assert_eq!(f.eval(&|_| Some(2.0)).unwrap(), 0.25);
    }

    #[test]
    fn lists_metrics_once() {
        let f = parse("tax_wan / land_area_mu + tax_wan").unwrap();
        assert_eq!(f.metrics(), vec!["land_area_mu", "tax_wan"]);
        // Sorting the names keeps each step reading its own metric.
        let g = parse("tax_wan - land_area_mu").unwrap();
        assert_eq!(
            g.eval(&|m| Some(if m == "tax_wan" { 5.0 } else { 2.0 })),
            Ok(3.0)
        );
    }
}
