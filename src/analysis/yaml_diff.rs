//! A structural diff of two YAML documents (methodology files): which keys changed,
//! as dotted paths, so a reviewer sees `indicators.tax_per_mu.weight: 20 → 25`
//! instead of a line diff. Comments and formatting do not count; `20` and `20.0` are
//! the same number. Lists of mappings with an `id` are matched by id (the path names
//! the id); other lists are compared whole.

use serde_yaml::{Mapping, Value};

/// One changed key: `old` is None when the key was added, `new` None when removed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeyEdit {
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Every changed key between `a` and `b`, in path order of `a` then keys new in `b`.
pub fn diff_values(a: &Value, b: &Value) -> Vec<KeyEdit> {
    let mut out = Vec::new();
    walk("", a, b, &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(path: &str, a: &Value, b: &Value, out: &mut Vec<KeyEdit>) {
    if same(a, b) {
        return;
    }
    match (a, b) {
        (Value::Mapping(ma), Value::Mapping(mb)) => walk_maps(path, ma, mb, out),
        (Value::Sequence(sa), Value::Sequence(sb)) => match (by_id(sa), by_id(sb)) {
            (Some(ia), Some(ib)) => walk_lists(path, &ia, &ib, out),
            _ => out.push(whole(path, a, b)),
        },
        _ => out.push(whole(path, a, b)),
    }
}

/// Two mappings key by key: changed, removed, then added keys.
fn walk_maps(path: &str, ma: &Mapping, mb: &Mapping, out: &mut Vec<KeyEdit>) {
    for (k, va) in ma {
        let p = join(path, &key_text(k));
        match mb.get(k) {
            Some(vb) => walk(&p, va, vb, out),
            None => out.push(KeyEdit {
                path: p,
                old: Some(render(va)),
                new: None,
            }),
        }
    }
    for (k, vb) in mb {
        if !ma.contains_key(k) {
            out.push(KeyEdit {
                path: join(path, &key_text(k)),
                old: None,
                new: Some(render(vb)),
            });
        }
    }
}

/// Two lists of items with ids, item by id: changed, removed, added, and a
/// change of order among the items both keep.
fn walk_lists(
    path: &str,
    ia: &[(String, &Value)],
    ib: &[(String, &Value)],
    out: &mut Vec<KeyEdit>,
) {
    for (id, va) in ia {
        let p = join(path, id);
        match ib.iter().find(|(j, _)| j == id) {
            Some((_, vb)) => walk(&p, va, vb, out),
            None => out.push(KeyEdit {
                path: p,
                old: Some(render(va)),
                new: None,
            }),
        }
    }
    for (id, vb) in ib {
        if !ia.iter().any(|(j, _)| j == id) {
            out.push(KeyEdit {
                path: join(path, id),
                old: None,
                new: Some(render(vb)),
            });
        }
    }
    let order = |v: &[(String, &Value)]| v.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>();
    let (oa, ob) = (order(ia), order(ib));
    let common_a: Vec<&String> = oa.iter().filter(|i| ob.contains(i)).collect();
    let common_b: Vec<&String> = ob.iter().filter(|i| oa.contains(i)).collect();
    if common_a != common_b {
        out.push(KeyEdit {
            path: format!("{}(order)", if path.is_empty() { "" } else { path }),
            old: Some(format!("[{}]", oa.join(", "))),
            new: Some(format!("[{}]", ob.join(", "))),
        });
    }
}

fn whole(path: &str, a: &Value, b: &Value) -> KeyEdit {
    KeyEdit {
        path: if path.is_empty() {
            "(document)".into()
        } else {
            path.to_string()
        },
        old: Some(render(a)),
        new: Some(render(b)),
    }
}

/// The items of a list of mappings that all carry a distinct scalar `id`.
fn by_id(items: &[Value]) -> Option<Vec<(String, &Value)>> {
    let mut out: Vec<(String, &Value)> = Vec::with_capacity(items.len());
    for item in items {
        let id = match item.as_mapping()?.get("id")? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return None,
        };
        if out.iter().any(|(i, _)| *i == id) {
            return None;
        }
        out.push((id, item));
    }
    (!out.is_empty()).then_some(out)
}

/// Equality that ignores how a number was written (`20` vs `20.0`) and key order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Mapping(ma), Value::Mapping(mb)) => {
            ma.len() == mb.len()
                && ma
                    .iter()
                    .all(|(k, va)| mb.get(k).is_some_and(|vb| same(va, vb)))
        }
        (Value::Sequence(sa), Value::Sequence(sb)) => {
            sa.len() == sb.len() && sa.iter().zip(sb).all(|(x, y)| same(x, y))
        }
        (Value::Tagged(ta), Value::Tagged(tb)) => ta.tag == tb.tag && same(&ta.value, &tb.value),
        _ => a == b,
    }
}

fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        other => render(other),
    }
}

/// A value on one line: scalars as written, collections as flow YAML.
pub fn render(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Sequence(items) => {
            let parts: Vec<String> = items.iter().map(render).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Mapping(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", key_text(k), render(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Tagged(t) => format!("{} {}", t.tag, render(&t.value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    fn paths(a: &str, b: &str) -> Vec<(String, Option<String>, Option<String>)> {
        diff_values(&y(a), &y(b))
            .into_iter()
            .map(|e| (e.path, e.old, e.new))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn reports_nested_keys_by_dotted_path() {
        let a = "efficacy: {base: 60, span: 40}\ntiers: {a: {top_share: 0.2, min_total: 80}}\n";
        let b = "efficacy: {base: 60.0, span: 40}  # same numbers\ntiers: {a: {top_share: 0.25}}\n";
        assert_eq!(
            paths(a, b),
            vec![
                ("tiers.a.top_share".into(), s("0.2"), s("0.25")),
                ("tiers.a.min_total".into(), s("80"), None),
            ]
        );
    }

    #[test]
    fn matches_list_items_by_id() {
        let a = "indicators:\n  - {id: x, weight: 60}\n  - {id: y, weight: 40}\n";
        let b = "indicators:\n  - {id: x, weight: 50}\n  - {id: y, weight: 40}\n  - {id: z, weight: 10}\n";
        assert_eq!(
            paths(a, b),
            vec![
                ("indicators.x.weight".into(), s("60"), s("50")),
                ("indicators.z".into(), None, s("{id: z, weight: 10}")),
            ]
        );
        let reordered = "indicators:\n  - {id: y, weight: 40}\n  - {id: x, weight: 60}\n";
        assert_eq!(
            paths(a, reordered),
            vec![("indicators(order)".into(), s("[x, y]"), s("[y, x]"))]
        );
    }

    #[test]
    fn other_lists_compare_whole_and_equal_documents_give_nothing() {
        let a = "tie_break: [dimension:efficiency, indicator:tax_per_mu]\nawards: {ranked: [100, 80, 70]}\n";
        let b = "tie_break: [indicator:tax_per_mu, dimension:efficiency]\nawards: {ranked: [100, 80, 70.0]}\n";
        assert_eq!(
            paths(a, b),
            vec![(
                "tie_break".into(),
                s("[dimension:efficiency, indicator:tax_per_mu]"),
                s("[indicator:tax_per_mu, dimension:efficiency]")
            )]
        );
        assert!(paths(a, a).is_empty());
    }
}
