//! 统一社会信用代码 (GB 32100-2015): 18 characters whose last one is a check
//! character. Kept as 18 ASCII bytes: a million firms cost 18 MB, not a million strings.

use std::fmt;

/// The 31 characters a USCC may use (no I, O, S, V, Z), in value order 0–30.
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid USCC: right length, alphabet, area code digits and check character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uscc([u8; 18]);

/// Why a text is not a valid USCC; `load` words each for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsccError {
    /// Not 18 characters (the count found).
    Length(usize),
    /// Lower-case letters; the upper-case text (which may still be invalid).
    LowerCase(String),
    /// A character outside the alphabet, at 1-based position.
    Character { position: usize, found: char },
    /// Positions 3–8 (the administrative area code) must be digits.
    AreaCode { position: usize, found: char },
    /// The 18th character is not the check character.
    Check { found: char, expected: char },
}

fn value(c: u8) -> Option<u32> {
    USCC_ALPHABET.bytes().position(|a| a == c).map(|v| v as u32)
}

/// The check character of the first 17 characters (all in the alphabet):
/// (31 − Σ vᵢ·3^(i−1) mod 31) mod 31, as GB 32100-2015 defines it.
pub fn check_character(body: &[u8; 17]) -> Option<char> {
    let mut sum = 0u32;
    let mut weight = 1u32;
    for c in body {
        sum += value(*c)? * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    Some(USCC_ALPHABET.as_bytes()[check as usize] as char)
}

impl Uscc {
    /// Parses and checks `text` exactly as written (no trimming, no case folding).
    pub fn parse(text: &str) -> Result<Uscc, UsccError> {
        let n = text.chars().count();
        if n != 18 {
            return Err(UsccError::Length(n));
        }
        if text.chars().any(|c| c.is_ascii_lowercase()) {
            return Err(UsccError::LowerCase(text.to_ascii_uppercase()));
        }
        for (i, c) in text.chars().enumerate() {
            let ok = c.is_ascii() && value(c as u8).is_some();
            if !ok {
                return Err(UsccError::Character {
                    position: i + 1,
                    found: c,
                });
            }
            if (2..8).contains(&i) && !c.is_ascii_digit() {
                return Err(UsccError::AreaCode {
                    position: i + 1,
                    found: c,
                });
            }
        }
        let bytes: [u8; 18] = text.as_bytes().try_into().expect("18 ASCII characters");
        let body: [u8; 17] = bytes[..17].try_into().expect("17 bytes");
        let expected = check_character(&body).expect("alphabet checked");
        let found = bytes[17] as char;
        if found != expected {
            return Err(UsccError::Check { found, expected });
        }
        Ok(Uscc(bytes))
    }

    /// The code as two integers that order like the text: sorting a million of these
    /// compares integers, not 18-byte strings.
    pub fn key(&self) -> (u128, u16) {
        let (head, tail) = self.0.split_at(16);
        (
            u128::from_be_bytes(head.try_into().expect("16 bytes")),
            u16::from_be_bytes(tail.try_into().expect("2 bytes")),
        )
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("USCCs are ASCII")
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_code_checks() {
        // 91350100M000100Y43: a USCC as printed on business licences (check 3).
        assert_eq!(
            Uscc::parse("91350100M000100Y43").map(|u| u.to_string()),
            Ok("91350100M000100Y43".into())
        );
        let body: [u8; 17] = *b"91350100M000100Y4";
        assert_eq!(check_character(&body), Some('3'));
    }

    #[test]
    fn the_check_is_computed_by_hand() {
        // 9 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 with weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
        // = 9 + (3+9+27+19+26+16+17+20+29+25+13+8+24+10+30+28) = 9 + 304 = 313; 313 mod 31 = 3;
        // (31 − 3) mod 31 = 28 → 'W' (index 28 of the alphabet).
        assert_eq!(check_character(b"91111111111111111"), Some('W'));
        assert!(Uscc::parse("91111111111111111W").is_ok());
    }

    #[test]
    fn keys_order_like_the_codes() {
        let a = Uscc::parse("91330100MA2GXA1B1Y").unwrap();
        let b = Uscc::parse("91330100MA2GXA2B2P").unwrap();
        let c = Uscc::parse("91111111111111111W").unwrap();
        assert_eq!(a.cmp(&b), a.key().cmp(&b.key()));
        assert_eq!(c.cmp(&a), c.key().cmp(&a.key()));
        assert_eq!(a.key(), a.key());
    }

    #[test]
    fn each_fault_is_named() {
        assert_eq!(Uscc::parse("9135010"), Err(UsccError::Length(7)));
        assert_eq!(
            Uscc::parse("91350100m000100y43"),
            Err(UsccError::LowerCase("91350100M000100Y43".into()))
        );
        assert_eq!(
            Uscc::parse("91350100M0001O0Y43"),
            Err(UsccError::Character {
                position: 14,
                found: 'O'
            })
        );
        assert_eq!(
            Uscc::parse("9135A100M000100Y43"),
            Err(UsccError::AreaCode {
                position: 5,
                found: 'A'
            })
        );
        assert_eq!(
            Uscc::parse("91350100M000100Y44"),
            Err(UsccError::Check {
                found: '4',
                expected: '3'
            })
        );
        assert_eq!(
            Uscc::parse("９1350100M000100Y43"),
            Err(UsccError::Character {
                position: 1,
                found: '９'
            })
        );
    }
}
