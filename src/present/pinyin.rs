//! Chinese names in Latin letters, for readers who type pinyin and for URLs:
//! district slugs (`高新区` → `gaoxinqu`) and the park search's keys (`dianzi`,
//! `gxq`). Toneless pinyin from the `pinyin` crate (the first reading of a
//! character with several); ASCII letters and digits are kept, lower-cased.

use pinyin::ToPinyin;

/// Each character's toneless pinyin, or the character itself (lower-case ASCII
/// letters and digits); everything else is dropped.
fn syllables(name: &str) -> Vec<String> {
    name.chars()
        .zip(name.to_pinyin())
        .filter_map(|(c, p)| match p {
            Some(p) => Some(p.plain().to_string()),
            None if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase().to_string()),
            None => None,
        })
        .collect()
}

/// The full pinyin run together (`高新区` → `gaoxinqu`).
pub fn full(name: &str) -> String {
    syllables(name).concat()
}

/// The first letter of each syllable (`高新区` → `gxq`); ASCII runs stay whole.
pub fn initials(name: &str) -> String {
    let mut out = String::new();
    let mut in_ascii = false;
    for (c, p) in name.chars().zip(name.to_pinyin()) {
        match p {
            Some(p) => {
                out.push_str(p.first_letter());
                in_ascii = false;
            }
            None if c.is_ascii_alphanumeric() => {
                if !in_ascii {
                    out.push(c.to_ascii_lowercase());
                }
                in_ascii = true;
            }
            None => in_ascii = false,
        }
    }
    out
}

/// What the client-side park search matches typed pinyin against: the full
/// pinyin and the initials of each name, space-separated.
pub fn search_key(names: &[&str]) -> String {
    let mut keys: Vec<String> = Vec::new();
    for n in names {
        keys.push(full(n));
        keys.push(initials(n));
    }
    keys.retain(|k| !k.is_empty());
    keys.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_pinyin() {
        assert_eq!(full("高新区"), "gaoxinqu");
        assert_eq!(initials("高新区"), "gxq");
        assert_eq!(
            full("沐江高新区电子信息小微企业园"),
            "mujianggaoxinqudianzixinxixiaoweiqiyeyuan"
        );
        assert_eq!(full("A区-2号"), "aqu2hao");
        assert_eq!(initials("3D打印园"), "3dyy");
        assert_eq!(search_key(&["电子", "高新区"]), "dianzi dz gaoxinqu gxq");
        assert_eq!(full("（）"), "");
    }
}
