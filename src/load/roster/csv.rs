//! RFC 4180 records with the position of every field, because a roster problem is
//! reported at `line:column` and the `csv` crate gives positions per record only.
//! Columns count characters (1-based), as the YAML positions do.

use std::borrow::Cow;

/// Where a field starts: 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

/// One field: its text (quotes removed, `""` unescaped) and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<'a> {
    pub text: Cow<'a, str>,
    pub loc: Loc,
}

/// A quoting mistake: where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Syntax {
    pub loc: Loc,
    pub message: String,
    /// The rest of the file cannot be read reliably after this one.
    pub fatal: bool,
}

/// Reads records one at a time from UTF-8 text (comma-separated, CRLF or LF).
pub struct Records<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    column: u32,
}

impl<'a> Records<'a> {
    pub fn new(text: &'a str) -> Records<'a> {
        Records {
            text,
            pos: 0,
            line: 1,
            column: 1,
        }
    }

    fn here(&self) -> Loc {
        Loc {
            line: self.line,
            column: self.column,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Advances over one byte, keeping line and character column.
    fn bump(&mut self) {
        let b = self.text.as_bytes()[self.pos];
        self.pos += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    /// Consumes a line break (`\r\n`, `\n`, or a lone `\r`) if one is next.
    fn line_break(&mut self) -> bool {
        match self.peek() {
            Some(b'\n') => {
                self.bump();
                true
            }
            Some(b'\r') => {
                self.pos += 1;
                if self.peek() == Some(b'\n') {
                    self.bump();
                } else {
                    self.line += 1;
                    self.column = 1;
                }
                true
            }
            _ => false,
        }
    }

    /// The next record into `fields` (cleared first); `false` at the end of the text.
    /// Quoting mistakes go to `syntax`; after a fatal one the reader stops.
    pub fn next_record(&mut self, fields: &mut Vec<Field<'a>>, syntax: &mut Vec<Syntax>) -> bool {
        fields.clear();
        if self.pos >= self.text.len() {
            return false;
        }
        loop {
            let loc = self.here();
            let field = if self.peek() == Some(b'"') {
                match self.quoted(loc, syntax) {
                    Some(f) => f,
                    None => {
                        self.pos = self.text.len();
                        return true;
                    }
                }
            } else {
                self.unquoted(syntax)
            };
            fields.push(Field { text: field, loc });
            match self.peek() {
                Some(b',') => self.bump(),
                _ => {
                    self.line_break();
                    return true;
                }
            }
        }
    }

    fn unquoted(&mut self, syntax: &mut Vec<Syntax>) -> Cow<'a, str> {
        let start = self.pos;
        let mut warned = false;
        while let Some(b) = self.peek() {
            match b {
                b',' | b'\n' | b'\r' => break,
                b'"' if !warned => {
                    warned = true;
                    syntax.push(Syntax {
                        loc: self.here(),
                        message: "a quote inside an unquoted cell (expected the whole cell in quotes, with inner quotes doubled: \"a \"\"b\"\"\")".into(),
                        fatal: false,
                    });
                    self.bump();
                }
                _ => self.bump(),
            }
        }
        Cow::Borrowed(&self.text[start..self.pos])
    }

    fn quoted(&mut self, loc: Loc, syntax: &mut Vec<Syntax>) -> Option<Cow<'a, str>> {
        self.bump();
        let start = self.pos;
        let mut owned: Option<String> = None;
        loop {
            match self.peek() {
                None => {
                    syntax.push(Syntax {
                        loc,
                        message: "a quoted cell is never closed (expected a closing quote; the rest of the file cannot be read)".into(),
                        fatal: true,
                    });
                    return None;
                }
                Some(b'"') => {
                    let end = self.pos;
                    self.bump();
                    if self.peek() == Some(b'"') {
                        let s = owned.get_or_insert_with(String::new);
                        s.push_str(&self.text[start..end]);
                        s.push('"');
                        self.bump();
                        return self.quoted_rest(loc, owned, syntax);
                    }
                    self.after_closing_quote(syntax);
                    return Some(match owned {
                        Some(mut s) => {
                            s.push_str(&self.text[start..end]);
                            Cow::Owned(s)
                        }
                        None => Cow::Borrowed(&self.text[start..end]),
                    });
                }
                Some(_) => self.bump(),
            }
        }
    }

    /// The rest of a quoted cell after its first `""`: collected into an owned string.
    fn quoted_rest(
        &mut self,
        loc: Loc,
        owned: Option<String>,
        syntax: &mut Vec<Syntax>,
    ) -> Option<Cow<'a, str>> {
        let mut s = owned.unwrap_or_default();
        loop {
            let start = self.pos;
            while !matches!(self.peek(), None | Some(b'"')) {
                self.bump();
            }
            s.push_str(&self.text[start..self.pos]);
            if self.peek().is_none() {
                syntax.push(Syntax {
                    loc,
                    message: "a quoted cell is never closed (expected a closing quote; the rest of the file cannot be read)".into(),
                    fatal: true,
                });
                return None;
            }
            self.bump();
            if self.peek() == Some(b'"') {
                s.push('"');
                self.bump();
            } else {
                self.after_closing_quote(syntax);
                return Some(Cow::Owned(s));
            }
        }
    }

    /// After a closing quote only a comma or a line break may follow.
    fn after_closing_quote(&mut self, syntax: &mut Vec<Syntax>) {
        if matches!(self.peek(), None | Some(b',' | b'\n' | b'\r')) {
            return;
        }
        syntax.push(Syntax {
            loc: self.here(),
            message:
                "text after the closing quote of a cell (expected a comma or the end of the line)"
                    .into(),
            fatal: false,
        });
        while !matches!(self.peek(), None | Some(b',' | b'\n' | b'\r')) {
            self.bump();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Rows = Vec<Vec<(String, u32, u32)>>;

    fn read(text: &str) -> (Rows, Vec<Syntax>) {
        let mut r = Records::new(text);
        let mut fields = Vec::new();
        let mut syntax = Vec::new();
        let mut out = Vec::new();
        while r.next_record(&mut fields, &mut syntax) {
            out.push(
                fields
                    .iter()
                    .map(|f| (f.text.to_string(), f.loc.line, f.loc.column))
                    .collect(),
            );
        }
        (out, syntax)
    }

    #[test]
    fn fields_know_where_they_start() {
        let (rows, syntax) = read("a,bb,\r\n园区,\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z");
        assert!(syntax.is_empty());
        let s = |t: &str, l, c| (t.to_string(), l, c);
        assert_eq!(rows[0], vec![s("a", 1, 1), s("bb", 1, 3), s("", 1, 6)]);
        assert_eq!(
            rows[1],
            vec![s("园区", 2, 1), s("x,y", 2, 4), s("say \"hi\"", 2, 10)]
        );
        assert_eq!(rows[2], vec![s("two\nlines", 3, 1), s("z", 4, 8)]);
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn a_trailing_line_break_ends_the_last_record() {
        let (rows, _) = read("a,b\n1,2\n");
        assert_eq!(rows.len(), 2);
        let (rows, _) = read("a\r\r\nb");
        assert_eq!(rows.len(), 3, "a lone CR is a line break too");
    }

    #[test]
    fn quoting_mistakes_are_located() {
        let (_, syntax) = read("a,b\"c\n");
        assert_eq!(
            (syntax[0].loc.line, syntax[0].loc.column, syntax[0].fatal),
            (1, 4, false)
        );
        let (_, syntax) = read("a,\"b\"c,d\n");
        assert_eq!((syntax[0].loc.line, syntax[0].loc.column), (1, 6));
        let (rows, syntax) = read("a\n\"open,\nb\n");
        assert!(syntax[0].fatal);
        assert_eq!((syntax[0].loc.line, syntax[0].loc.column), (2, 1));
        assert_eq!(rows.len(), 2);
    }
}
