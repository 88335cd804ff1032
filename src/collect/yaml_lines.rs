//! A YAML document as lines and indentation: just enough structure to find the keys
//! of a block mapping and the lines their values span, and to edit byte ranges
//! without re-serializing anything. The splicer (`splice.rs`) builds on this.

/// Byte-range replacements, applied back to front so offsets stay valid.
#[derive(Default)]
pub(super) struct Edits {
    /// (start, end, replacement, order of insertion for equal starts)
    list: Vec<(usize, usize, String, usize)>,
    /// Line-indexed insertions resolved at apply time.
    inserts: Vec<(usize, String)>,
}

impl Edits {
    pub(super) fn replace(&mut self, a: usize, b: usize, text: String) {
        let n = self.list.len();
        self.list.push((a, b, text, n));
    }

    pub(super) fn replace_lines(&mut self, doc: &Doc, from: usize, to: usize, text: String) {
        let (a, b) = doc.byte_range(from, to);
        self.replace(a, b, text);
    }

    pub(super) fn insert(&mut self, line: usize, text: String) {
        self.inserts.push((line, text));
    }

    pub(super) fn apply(mut self, doc: &Doc) -> String {
        for (line, text) in std::mem::take(&mut self.inserts) {
            let at = doc.line_start(line);
            let text = if at == doc.text.len() && !doc.text.is_empty() && !doc.text.ends_with('\n')
            {
                format!("{}{text}", doc.eol)
            } else {
                text
            };
            self.replace(at, at, text);
        }
        // Back to front so offsets stay valid. At one position, a replaced range goes
        // before insertions (which then land in front of it), and later-queued
        // insertions before earlier ones, so that queue order is text order.
        self.list
            .sort_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)).then(y.3.cmp(&x.3)));
        let mut out = doc.text.to_string();
        for (a, b, text, _) in self.list {
            out.replace_range(a..b, &text);
        }
        out
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    start: usize,
    /// End of the content, before `\r\n` or `\n`.
    pub(super) end: usize,
    /// Start of the next line.
    next: usize,
}

/// A YAML document split into lines.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) lines: Vec<Line>,
    pub(super) eol: &'static str,
}

/// A key of a block mapping and the lines its value spans.
#[derive(Debug)]
pub(super) struct Entry {
    pub(super) key: String,
    pub(super) line: usize,
    /// One past the last line of the value (trailing blank and outdented comment
    /// lines belong to what follows).
    pub(super) end: usize,
    pub(super) indent: usize,
    /// Byte offset of the `:` after the key.
    pub(super) colon: usize,
    /// Byte range of a value written on the key line, without its comment.
    pub(super) value: Option<(usize, usize)>,
}

pub(super) struct Block {
    /// First line of the block (where a key goes when the block is empty).
    pub(super) from: usize,
    pub(super) indent: Option<usize>,
    pub(super) entries: Vec<Entry>,
}

impl<'a> Doc<'a> {
    pub(super) fn new(text: &'a str) -> Doc<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let nl = text[start..].find('\n').map(|i| start + i);
            let next = nl.map(|i| i + 1).unwrap_or(text.len());
            let mut end = nl.unwrap_or(text.len());
            if end > start && text.as_bytes()[end - 1] == b'\r' {
                end -= 1;
            }
            lines.push(Line { start, end, next });
            start = next;
        }
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Doc { text, lines, eol }
    }

    pub(super) fn content(&self, i: usize) -> &'a str {
        &self.text[self.lines[i].start..self.lines[i].end]
    }

    /// Indentation of a line with content; `None` for blank, comment-only and
    /// document-marker lines.
    pub(super) fn indent(&self, i: usize) -> Option<usize> {
        let s = self.content(i);
        let t = s.trim_start_matches(' ');
        if t.trim().is_empty() || t.starts_with('#') || s.starts_with("---") || s == "..." {
            return None;
        }
        Some(s.len() - t.len())
    }

    /// Column of the `#` of a comment-only line.
    pub(super) fn comment_indent(&self, i: usize) -> Option<usize> {
        let s = self.content(i);
        let t = s.trim_start();
        t.starts_with('#').then(|| s.len() - t.len())
    }

    pub(super) fn line_start(&self, i: usize) -> usize {
        self.lines
            .get(i)
            .map(|l| l.start)
            .unwrap_or(self.text.len())
    }

    pub(super) fn byte_range(&self, from: usize, to: usize) -> (usize, usize) {
        let a = self.line_start(from);
        let b = if to == 0 { a } else { self.lines[to - 1].next };
        (a, b)
    }

    /// The trailing `# comment` of a key line, if any.
    pub(super) fn comment_of(&self, i: usize) -> Option<&'a str> {
        let s = self.content(i);
        split_comment(s).map(|c| &s[c..])
    }

    /// The block mapping on lines `from..to`: its indentation and keys.
    pub(super) fn entries(&self, from: usize, to: usize) -> Result<Block, String> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut indent: Option<usize> = None;
        for i in from..to {
            let Some(ind) = self.indent(i) else { continue };
            let block = *indent.get_or_insert(ind);
            if ind > block {
                continue;
            }
            if ind < block {
                return Err(format!(
                    "line {}: indentation is less than the block it is in",
                    i + 1
                ));
            }
            let s = self.content(i);
            let rest = &s[ind..];
            if rest == "-" || rest.starts_with("- ") {
                // An indentless sequence item continues the previous key's value.
                if entries.is_empty() {
                    return Err(format!("line {}: expected a key, found a list item", i + 1));
                }
                continue;
            }
            let (key, colon) =
                parse_key(rest).ok_or_else(|| format!("line {}: expected `key: value`", i + 1))?;
            let start = self.lines[i].start;
            let colon = start + ind + colon;
            let after = colon + 1;
            let tail = &self.text[after..self.lines[i].end];
            let body_end = split_comment(tail).unwrap_or(tail.len());
            let trimmed = tail[..body_end].trim();
            let value = (!trimmed.is_empty()).then(|| {
                let a = after + tail[..body_end].find(trimmed).unwrap_or(0);
                (a, a + trimmed.len())
            });
            if let Some(prev) = entries.last_mut() {
                prev.end = self.trim_end(prev.line + 1, i, block);
            }
            entries.push(Entry {
                key,
                line: i,
                end: to,
                indent: ind,
                colon,
                value,
            });
        }
        if let Some(last) = entries.last_mut() {
            last.end = self.trim_end(last.line + 1, to, last.indent);
        }
        Ok(Block {
            from,
            indent,
            entries,
        })
    }

    /// Moves `end` back over blank lines and comments not indented past `indent`.
    pub(super) fn trim_end(&self, min: usize, mut end: usize, indent: usize) -> usize {
        while end > min {
            let i = end - 1;
            let outdented_comment = self.comment_indent(i).is_some_and(|c| c <= indent);
            let blank = self.content(i).trim().is_empty();
            if blank || outdented_comment {
                end -= 1;
            } else {
                break;
            }
        }
        end
    }
}

/// `key: ...` → (key, offset of the colon). Plain or quoted keys; `? ` complex keys
/// and flow collections are not keys.
pub(super) fn parse_key(s: &str) -> Option<(String, usize)> {
    let first = s.chars().next()?;
    if first == '"' || first == '\'' {
        let close = s[1..].find(first)? + 1;
        let after = &s[close + 1..];
        let gap = after.len() - after.trim_start().len();
        return after
            .trim_start()
            .starts_with(':')
            .then(|| (s[1..close].to_string(), close + 1 + gap));
    }
    if matches!(
        first,
        '?' | '{' | '[' | '-' | '#' | '&' | '*' | '!' | '|' | '>'
    ) {
        return None;
    }
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\t') {
            return Some((s[..i].trim_end().to_string(), i));
        }
    }
    None
}

/// Offset of a `#` that starts a comment (outside quotes, after whitespace).
pub(super) fn split_comment(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => {
                if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None if (c == '"' || c == '\'')
                && matches!(prev, ' ' | '\t' | '[' | '{' | ',' | ':') =>
            {
                quote = Some(c);
            }
            None if c == '#' && (prev == ' ' || prev == '\t') => return Some(i),
            None => {}
        }
        prev = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_quotes_only() {
        assert_eq!(split_comment("{a: 1}  # c"), Some(8));
        assert_eq!(split_comment("\"a # b\""), None);
        assert_eq!(split_comment("it's # c"), Some(5));
        assert_eq!(split_comment("'it''s # x' # c"), Some(12));
        assert_eq!(split_comment("a#b"), None);
        assert_eq!(parse_key("\"a b\" : 1"), Some(("a b".into(), 6)));
        assert_eq!(parse_key("2023:"), Some(("2023".into(), 4)));
        assert_eq!(parse_key("url: http://x"), Some(("url".into(), 3)));
        assert_eq!(parse_key("- a"), None);
    }

    #[test]
    fn entries_span_their_values_and_leave_outdented_comments() {
        let doc = Doc::new("a: 1\nb:\n  - x\n  # inner\n# before c\n\nc: {k: v}  # c\n");
        let block = doc.entries(0, doc.lines.len()).unwrap();
        let spans: Vec<(&str, usize, usize)> = block
            .entries
            .iter()
            .map(|e| (e.key.as_str(), e.line, e.end))
            .collect();
        assert_eq!(spans, vec![("a", 0, 1), ("b", 1, 4), ("c", 6, 7)]);
        let (x, y) = block.entries[2].value.unwrap();
        assert_eq!(&doc.text[x..y], "{k: v}");
        assert_eq!(doc.comment_of(6), Some("# c"));
    }
}
