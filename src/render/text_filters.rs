//! The template filters that print interface text and names (present's `Named`):
//! `tx` (element content; Chinese on an English page inside `<span lang="zh-CN">`),
//! `plain` (the text alone, for attributes and elements that carry `lang_attr`),
//! `lang_attr` (` lang="zh-CN"` for a marked name, else nothing), and `fill`/
//! `fill_text` (a message with its `{name}` placeholders filled, as HTML or text).

use tera::{Kwargs, State, Tera, Value};

use crate::present::html::escape;

/// Registers the filters on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("tx", Safe(|v: &Value, _: Kwargs, _: &State| html_of(v)));
    tera.register_filter("plain", |v: &Value, _: Kwargs, _: &State| {
        Value::from(text_of(v).0)
    });
    tera.register_filter(
        "lang_attr",
        Safe(|v: &Value, _: Kwargs, _: &State| {
            if text_of(v).1 {
                " lang=\"zh-CN\"".to_string()
            } else {
                String::new()
            }
        }),
    );
    tera.register_filter(
        "fill",
        Safe(|v: &Value, kw: Kwargs, _: &State| fill(v, &kw, true)),
    );
    tera.register_filter("fill_text", |v: &Value, kw: Kwargs, _: &State| {
        Value::from(fill(v, &kw, false))
    });
}

/// A filter whose output is markup we escaped ourselves.
struct Safe<F>(F);

impl<F> tera::Filter<&Value, String> for Safe<F>
where
    F: Fn(&Value, Kwargs, &State) -> String + Send + Sync + 'static,
{
    fn call(&self, value: &Value, kwargs: Kwargs, state: &State) -> String {
        (self.0)(value, kwargs, state)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The text of a value and whether it is Chinese shown for want of English
/// (`{"zh": text}`); numbers and other values as tera prints them.
fn text_of(v: &Value) -> (String, bool) {
    if let Some(s) = v.as_str() {
        return (s.to_string(), false);
    }
    if let Some(zh) = v.as_map().and_then(|m| m.get(&"zh".into())) {
        return (
            zh.as_str().map_or_else(|| zh.to_string(), str::to_string),
            true,
        );
    }
    if v.is_none() || v.is_undefined() {
        return (String::new(), false);
    }
    (v.to_string(), false)
}

/// A value as escaped HTML, a marked name inside its `<span lang="zh-CN">`.
fn html_of(v: &Value) -> String {
    let (text, zh) = text_of(v);
    if zh {
        format!("<span lang=\"zh-CN\">{}</span>", escape(&text))
    } else {
        escape(&text)
    }
}

/// The message `v` with each `{name}` replaced by the keyword argument `name`:
/// as HTML (message and values escaped, marked names in their span) or as text.
fn fill(v: &Value, kw: &Kwargs, html: bool) -> String {
    let template = text_of(v).0;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template.as_str();
    let push = |out: &mut String, s: &str| {
        if html {
            out.push_str(&escape(s))
        } else {
            out.push_str(s)
        }
    };
    while let Some(open) = rest.find('{') {
        push(&mut out, &rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let name = &after[..close];
            kw.iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .map(|(_, v)| (v.clone(), close))
        });
        match arg {
            Some((value, close)) => {
                if html {
                    out.push_str(&html_of(&value));
                } else {
                    out.push_str(&text_of(&value).0);
                }
                rest = &after[close + 1..];
            }
            None => {
                push(&mut out, "{");
                rest = after;
            }
        }
    }
    push(&mut out, rest);
    out
}

#[cfg(test)]
mod tests {
    use tera::{Context, Tera};

    use super::*;

    fn render(template: &str, ctx: &Context) -> String {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        register(&mut tera);
        tera.add_raw_template("t.html", template).unwrap();
        tera.render("t.html", ctx).unwrap()
    }

    #[test]
    fn names_marked_chinese_get_their_lang() {
        let mut ctx = Context::new();
        ctx.insert("en", "Hi-tech <Zone>");
        ctx.insert("zh", &serde_json::json!({"zh": "高新区"}));
        ctx.insert("msg", "{name} results & more");
        assert_eq!(
            render(
                "{{ en | tx }}|{{ zh | tx }}|<a{{ zh | lang_attr }}>{{ zh | plain }}</a>",
                &ctx
            ),
            "Hi-tech &lt;Zone&gt;|<span lang=\"zh-CN\">高新区</span>|<a lang=\"zh-CN\">高新区</a>"
        );
        assert_eq!(
            render("{{ msg | fill(name=zh) }}|{{ msg | fill_text(name=en) }}|{{ msg | fill(name=3) }}", &ctx),
            "<span lang=\"zh-CN\">高新区</span> results &amp; more|Hi-tech &lt;Zone&gt; results &amp; more|3 results &amp; more"
        );
    }
}
