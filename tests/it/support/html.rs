//! A small, strict HTML reader for tests: builds a tree and fails on any tag that
//! is not closed, closed twice or closed out of order (our pages close every
//! element explicitly, so this is a fair well-formedness check).

#[derive(Debug, Clone)]
pub struct Node {
    pub tag: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub enum Child {
    El(Node),
    Text(String),
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
const RAW: &[&str] = &["script", "style"];

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        let mut s = String::new();
        collect_text(self, &mut s);
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub fn walk<'a>(&'a self, out: &mut Vec<&'a Node>) {
        out.push(self);
        for c in &self.children {
            if let Child::El(n) = c {
                n.walk(out);
            }
        }
    }

    pub fn all(&self) -> Vec<&Node> {
        let mut v = Vec::new();
        self.walk(&mut v);
        v
    }

    pub fn find_all(&self, pred: impl Fn(&Node) -> bool) -> Vec<&Node> {
        self.all().into_iter().filter(|n| pred(n)).collect()
    }

    pub fn by_id(&self, id: &str) -> Option<&Node> {
        self.all().into_iter().find(|n| n.attr("id") == Some(id))
    }

    /// Descendants with `attr` equal to `value`.
    pub fn with_attr(&self, attr: &str, value: &str) -> Vec<&Node> {
        self.find_all(|n| n.attr(attr) == Some(value))
    }
}

fn collect_text(n: &Node, s: &mut String) {
    for c in &n.children {
        match c {
            Child::Text(t) => s.push_str(t),
            Child::El(e) if !RAW.contains(&e.tag.as_str()) => collect_text(e, s),
            _ => {}
        }
    }
}

pub fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';').filter(|e| *e < 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let ent = &tail[1..end];
        let ch = match ent {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16)
                .ok()
                .and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

fn line_of(src: &str, pos: usize) -> usize {
    src[..pos].matches('\n').count() + 1
}

/// Parses a whole document; `Err` names the first structural problem and its line.
pub fn parse(src: &str) -> Result<Node, String> {
    let mut stack: Vec<Node> = vec![Node {
        tag: "#document".into(),
        attrs: vec![],
        children: vec![],
        line: 1,
    }];
    let b = src.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let flush = |stack: &mut Vec<Node>, from: usize, to: usize| {
        if to > from {
            let t = decode(&src[from..to]);
            stack.last_mut().unwrap().children.push(Child::Text(t));
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &src[i..];
        if rest.starts_with("<!--") {
            flush(&mut stack, text_start, i);
            let end = rest
                .find("-->")
                .ok_or(format!("line {}: unclosed comment", line_of(src, i)))?;
            i += end + 3;
            text_start = i;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            flush(&mut stack, text_start, i);
            let end = rest
                .find('>')
                .ok_or(format!("line {}: unclosed declaration", line_of(src, i)))?;
            i += end + 1;
            text_start = i;
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len() - name_start);
        if name_len == 0 || !rest.as_bytes()[name_start].is_ascii_alphabetic() {
            return Err(format!(
                "line {}: a bare '<' in text (should be &lt;)",
                line_of(src, i)
            ));
        }
        flush(&mut stack, text_start, i);
        let tag = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let line = line_of(src, i);
        // Find the end of the tag, honouring quotes.
        let mut j = name_start + name_len;
        let mut quote: Option<u8> = None;
        let rb = rest.as_bytes();
        while j < rb.len() {
            match (quote, rb[j]) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, b'"') | (None, b'\'') => quote = Some(rb[j]),
                (None, b'>') => break,
                (None, b'<') => return Err(format!("line {line}: '<' inside the <{tag}> tag")),
                _ => {}
            }
            j += 1;
        }
        if j >= rb.len() {
            return Err(format!("line {line}: unterminated <{tag}> tag"));
        }
        let inner = &rest[name_start + name_len..j];
        i += j + 1;
        text_start = i;
        if closing {
            let top = stack.pop().unwrap();
            if top.tag != tag {
                return Err(format!(
                    "line {line}: </{tag}> closes <{}> opened on line {}",
                    top.tag, top.line
                ));
            }
            stack.last_mut().unwrap().children.push(Child::El(top));
            continue;
        }
        let self_closing = inner.trim_end().ends_with('/');
        let attrs = parse_attrs(inner.trim_end().trim_end_matches('/'))
            .map_err(|e| format!("line {line}: <{tag}>: {e}"))?;
        let mut seen = std::collections::BTreeSet::new();
        for (k, _) in &attrs {
            if !seen.insert(k.clone()) {
                return Err(format!("line {line}: <{tag}> repeats the attribute {k}"));
            }
        }
        let node = Node {
            tag: tag.clone(),
            attrs,
            children: vec![],
            line,
        };
        if self_closing || VOID.contains(&tag.as_str()) {
            stack.last_mut().unwrap().children.push(Child::El(node));
        } else if RAW.contains(&tag.as_str()) {
            let close = format!("</{tag}>");
            let end = src[i..]
                .find(&close)
                .ok_or(format!("line {line}: <{tag}> never closed"))?;
            let mut n = node;
            n.children.push(Child::Text(src[i..i + end].to_string()));
            stack.last_mut().unwrap().children.push(Child::El(n));
            i += end + close.len();
            text_start = i;
        } else {
            stack.push(node);
        }
    }
    flush(&mut stack, text_start, b.len());
    if stack.len() != 1 {
        let open: Vec<String> = stack[1..]
            .iter()
            .map(|n| format!("<{}> (line {})", n.tag, n.line))
            .collect();
        return Err(format!("unclosed at end of document: {}", open.join(", ")));
    }
    Ok(stack.pop().unwrap())
}

fn parse_attrs(s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        if name.is_empty() || name.contains(['"', '\'']) {
            return Err(format!("malformed attribute near `{}`", &s[start..]));
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            let q = b.get(i).copied();
            if q == Some(b'"') || q == Some(b'\'') {
                let end = s[i + 1..]
                    .find(q.unwrap() as char)
                    .ok_or(format!("unterminated value of {name}"))?;
                out.push((name, decode(&s[i + 1..i + 1 + end])));
                i += end + 2;
            } else {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                out.push((name, decode(&s[start..i])));
            }
        } else {
            out.push((name, String::new()));
        }
    }
    Ok(out)
}

#[test]
fn the_checker_catches_what_it_should() {
    assert!(parse("<p><b>x</p></b>").is_err());
    assert!(parse("<div><span>x</span>").is_err());
    assert!(parse("<p>a < b</p>").is_err());
    assert!(parse("<p class=\"a\" class=\"b\">x</p>").is_err());
    let ok = parse("<!doctype html><html><body><p id=\"x\">a &amp; <b>b</b><br></p><svg><rect/></svg><script>if (a<b) {}</script></body></html>").unwrap();
    assert_eq!(ok.by_id("x").unwrap().text(), "a & b");
}
