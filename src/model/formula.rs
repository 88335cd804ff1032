//! Indicator formulas: `+ - * /`, unary minus, parentheses, decimal numbers and
//! metric ids. Parsed once at load, evaluated per park and year.

use std::fmt;

/// A parsed formula; `source` is kept so messages and the methodology page can quote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub source: String,
    expr: Expr,
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Number(f64),
    Metric(String),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
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
        }
    }
}

/// What can go wrong while evaluating a valid formula on a park's metrics.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    MissingMetric(String),
    DivisionByZero,
}

impl Formula {
    /// Parses `source`; `is_metric` says which names exist, `suggest` proposes a near one.
    pub fn parse(
        source: &str,
        is_metric: &dyn Fn(&str) -> bool,
        suggest: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Formula, FormulaError> {
        let tokens = tokenize(source)?;
        let mut p = Parser {
            tokens,
            pos: 0,
            end: source.chars().count(),
        };
        let expr = p.expr()?;
        if let Some(t) = p.peek() {
            return Err(unexpected(t, "an operator or the end of the formula"));
        }
        check_metrics(&expr, &p.tokens, is_metric, suggest)?;
        Ok(Formula {
            source: source.to_string(),
            expr,
        })
    }

    /// Metric ids the formula reads, sorted and unique.
    pub fn metrics(&self) -> Vec<&str> {
        let mut out = Vec::new();
        collect(&self.expr, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Evaluates in f64; `metric` looks a value up (None when the record lacks it).
    pub fn eval(&self, metric: &dyn Fn(&str) -> Option<f64>) -> Result<f64, EvalError> {
        eval(&self.expr, metric)
    }
}

fn collect<'a>(e: &'a Expr, out: &mut Vec<&'a str>) {
    match e {
        Expr::Number(_) => {}
        Expr::Metric(m) => out.push(m),
        Expr::Neg(x) => collect(x, out),
        Expr::Binary(_, a, b) => {
            collect(a, out);
            collect(b, out);
        }
    }
}

fn eval(e: &Expr, metric: &dyn Fn(&str) -> Option<f64>) -> Result<f64, EvalError> {
    Ok(match e {
        Expr::Number(n) => *n,
        Expr::Metric(m) => metric(m).ok_or_else(|| EvalError::MissingMetric(m.clone()))?,
        Expr::Neg(x) => -eval(x, metric)?,
        Expr::Binary(op, a, b) => {
            let (a, b) = (eval(a, metric)?, eval(b, metric)?);
            match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div if b == 0.0 => return Err(EvalError::DivisionByZero),
                Op::Div => a / b,
            }
        }
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Sym(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    offset: usize,
}

fn unexpected(t: &Token, expected: &'static str) -> FormulaError {
    let found = match &t.tok {
        Tok::Num(n) => format!("number {n}"),
        Tok::Ident(s) => format!("name `{s}`"),
        Tok::Sym(c) => format!("`{c}`"),
    };
    FormulaError {
        offset: t.offset,
        kind: FormulaErrorKind::Unexpected { found, expected },
    }
}

fn tokenize(src: &str) -> Result<Vec<Token>, FormulaError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let n: f64 = text.parse().map_err(|_| FormulaError {
                offset: start,
                kind: FormulaErrorKind::Unexpected {
                    found: format!("`{text}`"),
                    expected: "a decimal number",
                },
            })?;
            out.push(Token {
                tok: Tok::Num(n),
                offset: start,
            });
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token {
                tok: Tok::Ident(chars[start..i].iter().collect()),
                offset: start,
            });
        } else if "+-*/()".contains(c) {
            out.push(Token {
                tok: Tok::Sym(c),
                offset: i,
            });
            i += 1;
        } else {
            return Err(FormulaError {
                offset: i,
                kind: FormulaErrorKind::Unexpected {
                    found: format!("`{c}`"),
                    expected: "a metric id, a number, an operator + - * / or a parenthesis",
                },
            });
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, c: char) -> bool {
        if matches!(self.peek(), Some(Token { tok: Tok::Sym(s), .. }) if *s == c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.term()?;
        loop {
            if self.eat('+') {
                left = Expr::Binary(Op::Add, Box::new(left), Box::new(self.term()?));
            } else if self.eat('-') {
                left = Expr::Binary(Op::Sub, Box::new(left), Box::new(self.term()?));
            } else {
                return Ok(left);
            }
        }
    }

    fn term(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        loop {
            if self.eat('*') {
                left = Expr::Binary(Op::Mul, Box::new(left), Box::new(self.unary()?));
            } else if self.eat('/') {
                left = Expr::Binary(Op::Div, Box::new(left), Box::new(self.unary()?));
            } else {
                return Ok(left);
            }
        }
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        if self.eat('-') {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, FormulaError> {
        let Some(t) = self.peek().cloned() else {
            return Err(FormulaError {
                offset: self.end,
                kind: FormulaErrorKind::Unexpected {
                    found: "end of formula".into(),
                    expected: "a metric id, a number or `(`",
                },
            });
        };
        self.pos += 1;
        match t.tok {
            Tok::Num(n) => Ok(Expr::Number(n)),
            Tok::Ident(s) => Ok(Expr::Metric(s)),
            Tok::Sym('(') => {
                let e = self.expr()?;
                if self.eat(')') {
                    Ok(e)
                } else {
                    match self.peek() {
                        Some(t) => Err(unexpected(t, "`)`")),
                        None => Err(FormulaError {
                            offset: self.end,
                            kind: FormulaErrorKind::Unexpected {
                                found: "end of formula".into(),
                                expected: "`)`",
                            },
                        }),
                    }
                }
            }
            _ => Err(unexpected(&t, "a metric id, a number or `(`")),
        }
    }
}

fn check_metrics(
    _expr: &Expr,
    tokens: &[Token],
    is_metric: &dyn Fn(&str) -> bool,
    suggest: &dyn Fn(&str) -> Option<String>,
) -> Result<(), FormulaError> {
    for t in tokens {
        if let Tok::Ident(name) = &t.tok {
            if !is_metric(name) {
                return Err(FormulaError {
                    offset: t.offset,
                    kind: FormulaErrorKind::UnknownMetric {
                        name: name.clone(),
                        suggestion: suggest(name),
                    },
                });
            }
        }
    }
    Ok(())
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
    fn lists_metrics_once() {
        let f = parse("tax_wan / land_area_mu + tax_wan").unwrap();
        assert_eq!(f.metrics(), vec!["land_area_mu", "tax_wan"]);
    }
}
