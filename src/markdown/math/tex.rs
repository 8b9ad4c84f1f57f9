//! A formula's LaTeX read as pieces (commands, escaped symbols, other bytes), comments left
//! out: enough to find the commands guidebook treats itself (`\label`, operator names) and
//! to measure how deeply a formula nests, without parsing it as the converter does.

use std::ops::Range;

/// One piece of a formula's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'t> {
    /// `\frac` is `Command("frac")`.
    Command(&'t str),
    /// `\\`, `\{`, `\%` ...: a backslash and one character.
    Symbol,
    /// Any other byte.
    Byte(u8),
}

/// The pieces of `tex`, with their spans, leaving out comments (`%` to the end of the line).
pub fn tokens(tex: &str) -> impl Iterator<Item = (Range<usize>, Token<'_>)> {
    let bytes = tex.as_bytes();
    let mut index = 0;
    std::iter::from_fn(move || {
        while index < bytes.len() {
            let start = index;
            index += 1;
            match bytes[start] {
                b'\\' => {
                    let name_len = bytes[index..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphabetic())
                        .count();
                    if name_len == 0 {
                        index += tex[index..].chars().next().map_or(0, char::len_utf8);
                        return Some((start..index, Token::Symbol));
                    }
                    index += name_len;
                    return Some((start..index, Token::Command(&tex[start + 1..index])));
                }
                b'%' => index = tex[index..].find('\n').map_or(bytes.len(), |at| index + at),
                byte => return Some((start..index, Token::Byte(byte))),
            }
        }
        None
    })
}

/// The commands in `tex` (`\frac` is `frac`), with their spans, leaving out comments.
pub fn commands(tex: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    tokens(tex).filter_map(|(span, token)| match token {
        Token::Command(name) => Some((span, name)),
        _ => None,
    })
}
