//! Formula text → the postfix steps of a [`Formula`]: tokens, then recursive descent
//! bounded by [`MAX_FORMULA_NESTING`] (the caller has bounded the length), folding
//! the parts without metrics so that mistakes independent of the data are found here.

use super::formula::{abbreviate, FormulaError, FormulaErrorKind, Op, Step};
use super::limits::{within, MAX_COMPUTED, MAX_FORMULA_NESTING, MAX_INPUT};

/// Parses `source` (`chars` characters long) into steps and the metric names they
/// index, in first-seen order.
pub(super) fn parse(
    source: &str,
    chars: usize,
    is_metric: &dyn Fn(&str) -> bool,
    suggest: &dyn Fn(&str) -> Option<String>,
) -> Result<(Vec<Step>, Vec<String>), FormulaError> {
    let tokens = tokenize(source)?;
    let mut p = Parser {
        tokens: &tokens,
        pos: 0,
        end: chars,
        nesting: 0,
        steps: Vec::new(),
        names: Vec::new(),
    };
    p.expr()?;
    if let Some(t) = p.peek() {
        return Err(unexpected(t, "an operator or the end of the formula"));
    }
    check_metrics(&tokens, is_metric, suggest)?;
    Ok((p.steps, p.names))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64, String),
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
        Tok::Num(_, text) => format!("number {}", abbreviate(text, 24)),
        Tok::Ident(s) => format!("name `{}`", abbreviate(s, 40)),
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
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = if c.is_ascii_digit() || c == '.' {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            number(chars[start..i].iter().collect(), start)?
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            Tok::Ident(chars[start..i].iter().collect())
        } else if "+-*/()".contains(c) {
            i += 1;
            Tok::Sym(c)
        } else {
            return Err(FormulaError {
                offset: i,
                kind: FormulaErrorKind::Unexpected {
                    found: format!("`{c}`"),
                    expected: "a metric id, a number, an operator + - * / or a parenthesis",
                },
            });
        };
        out.push(Token { tok, offset: start });
    }
    Ok(out)
}

/// A decimal literal, within [`MAX_INPUT`].
fn number(text: String, offset: usize) -> Result<Tok, FormulaError> {
    let Ok(n) = text.parse::<f64>() else {
        return Err(FormulaError {
            offset,
            kind: FormulaErrorKind::Unexpected {
                found: format!("`{}`", abbreviate(&text, 24)),
                expected: "a decimal number",
            },
        });
    };
    if !within(n, MAX_INPUT) {
        return Err(FormulaError {
            offset,
            kind: FormulaErrorKind::NumberTooLarge { text },
        });
    }
    Ok(Tok::Num(n, text))
}

/// Recursive descent, bounded by `nesting`; emits postfix steps as it goes. Each
/// rule returns the value of what it parsed when that is a constant (no metric).
struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    end: usize,
    nesting: usize,
    steps: Vec<Step>,
    names: Vec<String>,
}

type Constant = Option<f64>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    /// Eats symbol `c` and returns its offset.
    fn eat(&mut self, c: char) -> Option<usize> {
        match self.peek() {
            Some(Token {
                tok: Tok::Sym(s),
                offset,
            }) if *s == c => {
                let at = *offset;
                self.pos += 1;
                Some(at)
            }
            _ => None,
        }
    }

    fn enter(&mut self, offset: usize) -> Result<(), FormulaError> {
        self.nesting += 1;
        if self.nesting > MAX_FORMULA_NESTING {
            return Err(FormulaError {
                offset,
                kind: FormulaErrorKind::TooDeep,
            });
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<Constant, FormulaError> {
        self.chain(&[('+', Op::Add), ('-', Op::Sub)], Self::term)
    }

    fn term(&mut self) -> Result<Constant, FormulaError> {
        self.chain(&[('*', Op::Mul), ('/', Op::Div)], Self::unary)
    }

    /// `operand (op operand)*`, left-associative, for one precedence level.
    fn chain(
        &mut self,
        ops: &[(char, Op)],
        operand: fn(&mut Self) -> Result<Constant, FormulaError>,
    ) -> Result<Constant, FormulaError> {
        let mut left = operand(self)?;
        loop {
            let Some((op, at)) = ops
                .iter()
                .find_map(|(c, op)| self.eat(*c).map(|at| (*op, at)))
            else {
                return Ok(left);
            };
            let right = operand(self)?;
            left = self.binary(op, at, left, right)?;
        }
    }

    /// Emits `op` and folds constants; a constant zero divisor is an error here.
    fn binary(
        &mut self,
        op: Op,
        at: usize,
        a: Constant,
        b: Constant,
    ) -> Result<Constant, FormulaError> {
        self.steps.push(Step::Binary(op));
        let folded = match (op, a, b) {
            (Op::Div, _, Some(0.0)) => {
                return Err(FormulaError {
                    offset: at,
                    kind: FormulaErrorKind::ConstantDivisionByZero,
                })
            }
            // Metrics are finite, so anything times a constant 0 is 0.
            (Op::Mul, Some(z), _) | (Op::Mul, _, Some(z)) if z == 0.0 => Some(0.0),
            (_, Some(a), Some(b)) => Some(match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div => a / b,
            }),
            _ => None,
        };
        if folded.is_some_and(|v| !within(v, MAX_COMPUTED)) {
            return Err(FormulaError {
                offset: at,
                kind: FormulaErrorKind::ConstantTooLarge,
            });
        }
        Ok(folded)
    }

    fn unary(&mut self) -> Result<Constant, FormulaError> {
        if let Some(at) = self.eat('-') {
            self.enter(at)?;
            let inner = self.unary()?;
            self.nesting -= 1;
            self.steps.push(Step::Neg);
            return Ok(inner.map(|x| -x));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Constant, FormulaError> {
        let Some(t) = self.peek().cloned() else {
            return Err(self.at_end("a metric id, a number or `(`"));
        };
        self.pos += 1;
        match t.tok {
            Tok::Num(n, _) => {
                self.steps.push(Step::Number(n));
                Ok(Some(n))
            }
            Tok::Ident(s) => {
                let i = match self.names.iter().position(|n| *n == s) {
                    Some(i) => i,
                    None => {
                        self.names.push(s);
                        self.names.len() - 1
                    }
                };
                self.steps.push(Step::Metric(i));
                Ok(None)
            }
            Tok::Sym('(') => {
                self.enter(t.offset)?;
                let inner = self.expr()?;
                self.nesting -= 1;
                if self.eat(')').is_some() {
                    return Ok(inner);
                }
                match self.peek() {
                    Some(t) => Err(unexpected(t, "`)`")),
                    None => Err(self.at_end("`)`")),
                }
            }
            _ => Err(unexpected(&t, "a metric id, a number or `(`")),
        }
    }

    fn at_end(&self, expected: &'static str) -> FormulaError {
        FormulaError {
            offset: self.end,
            kind: FormulaErrorKind::Unexpected {
                found: "end of formula".into(),
                expected,
            },
        }
    }
}

fn check_metrics(
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
