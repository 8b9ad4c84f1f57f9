//! Text from a guide as it may be printed on a terminal. A file name may hold any character but
//! `/` and NUL: an escape byte (`content/02-\e[31mred.md`) would recolour or rewrite the user's
//! terminal, a bidi override would show the name backwards. Every file name guidebook prints
//! (diagnostics, progress lines, the preview's messages) goes through [`printable`], which
//! writes such characters as escapes (`\x1b`, `\u{202e}`); whole messages, which may be several
//! lines, through [`printable_lines`].

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// `text` with every control character (line breaks included) and every invisible bidi control
/// written as an escape: `\n`, `\t`, `\r`, `\x1b`, `\u{202e}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !may_need_escapes(text) || !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) && u32::from(c) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`printable`] for a message of one or more lines: its line breaks are kept.
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    if !may_need_escapes(text) || !text.chars().any(|c| c != '\n' && needs_escape(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(printable).collect();
    Cow::Owned(lines.join("\n"))
}

/// A path as [`printable`] text.
pub fn printable_path(path: &Path) -> String {
    printable(&path.to_string_lossy()).into_owned()
}

/// Whether `text` has a byte that may begin a character to escape: a control byte, or any byte
/// outside ASCII (most text has none, and is passed over at the speed of a byte scan).
fn may_need_escapes(text: &str) -> bool {
    text.bytes().any(|b| !(0x20..0x7f).contains(&b))
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(printable("content/02-a.md"), "content/02-a.md");
        assert!(matches!(printable("café/ü.md"), Cow::Borrowed(_)));
        assert_eq!(
            printable("content/02-\u{1b}[31mred.md"),
            "content/02-\\x1b[31mred.md"
        );
        assert_eq!(printable("a\u{9b}b\u{7f}"), "a\\x9bb\\x7f");
        assert_eq!(printable("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(printable("x\u{202e}gpj.md"), "x\\u{202e}gpj.md");
    }

    #[test]
    fn messages_keep_their_lines() {
        assert_eq!(
            printable_lines("cannot read `a\u{7}.md`\n  help: check"),
            "cannot read `a\\x07.md`\n  help: check"
        );
    }
}
