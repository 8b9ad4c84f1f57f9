//! Operator names as text. math-core writes the name of `\operatorname{...}` (also
//! `\operatorname*` and `\operatornamewithlimits`) into its `<mo>` as it is, unescaped, so
//! `\operatorname{a<b}` would give `<mo>a<b</mo>` and `\operatorname{</math><svg ...>}` markup
//! outside the formula. Every other text of a formula it escapes.
//!
//! So before the conversion each such name is marked in the LaTeX: two [`START`] characters
//! after its opening brace and an [`END`] before its closing one (a name given without braces,
//! `\operatorname x`, is braced first). The marks are Unicode noncharacters, which math-core
//! copies into the name like any letter, and which a formula may not hold itself. After the
//! conversion each marked name is escaped and its marks taken out; an overlay such as `\not`,
//! which math-core puts after the name's first character (the first mark), goes back after the
//! first character of the name itself.

use std::ops::Range;

use pulldown_cmark_escape::escape_html_body_text;

use super::tex::{Token, tokens};

/// Opens a marked name (twice, so that an overlay after the first shows between the two).
pub const START: char = '\u{FDD0}';
/// Closes a marked name.
pub const END: char = '\u{FDD1}';

/// The commands whose argument math-core writes out unescaped.
const OPERATOR_NAMES: [&str; 2] = ["operatorname", "operatornamewithlimits"];

/// A formula with its operator names marked, and where the marks went.
#[derive(Debug)]
pub struct Marked {
    pub tex: String,
    /// Each insertion into the original LaTeX: its byte offset there and its text.
    insertions: Vec<(usize, String)>,
}

impl Marked {
    /// The byte offset in the original LaTeX of byte `at` of the marked LaTeX (an offset inside
    /// an insertion is the place where it was inserted).
    pub fn original_offset(&self, at: usize) -> usize {
        let mut shift = 0;
        for (place, text) in &self.insertions {
            let start = place + shift;
            if at < start {
                break;
            }
            if at < start + text.len() {
                return *place;
            }
            shift += text.len();
        }
        at.saturating_sub(shift)
    }

    /// A range of the marked LaTeX as a range of the original.
    pub fn original_range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.original_offset(range.start);
        start..self.original_offset(range.end).max(start)
    }
}

/// Where a formula holds a mark of its own (which would be taken for one of ours).
pub fn first_mark(tex: &str) -> Option<Range<usize>> {
    let (at, mark) = tex.char_indices().find(|(_, c)| *c == START || *c == END)?;
    Some(at..at + mark.len_utf8())
}

/// `tex` with every operator name marked, or `None` when it has none.
pub fn mark(tex: &str) -> Option<Marked> {
    let pieces: Vec<(Range<usize>, Token<'_>)> = tokens(tex).collect();
    let mut insertions: Vec<(usize, String)> = Vec::new();
    for (index, (span, token)) in pieces.iter().enumerate() {
        let Token::Command(name) = token else {
            continue;
        };
        if !OPERATOR_NAMES.contains(name) {
            continue;
        }
        let mut next = index + 1;
        if *name == "operatorname"
            && matches!(pieces.get(next), Some((star, Token::Byte(b'*'))) if star.start == span.end)
        {
            next += 1;
        }
        while matches!(
            pieces.get(next),
            Some((_, Token::Byte(b' ' | b'\t' | b'\n' | b'\r')))
        ) {
            next += 1;
        }
        match pieces.get(next) {
            None | Some((_, Token::Byte(b'}'))) => {}
            Some((open, Token::Byte(b'{'))) => {
                if let Some(close) = closing_brace(&pieces[next + 1..]) {
                    insertions.push((open.end, format!("{START}{START}")));
                    insertions.push((close, END.to_string()));
                }
            }
            Some((argument, token)) => {
                let end = match token {
                    Token::Byte(_) => {
                        argument.start
                            + tex[argument.start..]
                                .chars()
                                .next()
                                .map_or(1, char::len_utf8)
                    }
                    _ => argument.end,
                };
                insertions.push((argument.start, format!("{{{START}{START}")));
                insertions.push((end, format!("{END}}}")));
            }
        }
    }
    if insertions.is_empty() {
        return None;
    }
    insertions.sort_by_key(|(place, _)| *place);
    let mut marked = String::with_capacity(tex.len() + insertions.len() * 8);
    let mut copied = 0;
    for (place, text) in &insertions {
        marked.push_str(&tex[copied..*place]);
        marked.push_str(text);
        copied = *place;
    }
    marked.push_str(&tex[copied..]);
    Some(Marked {
        tex: marked,
        insertions,
    })
}

/// The byte offset of the `}` that closes a group, given the pieces after its `{`.
fn closing_brace(pieces: &[(Range<usize>, Token<'_>)]) -> Option<usize> {
    let mut depth = 1usize;
    for (span, token) in pieces {
        match token {
            Token::Byte(b'{') => depth += 1,
            Token::Byte(b'}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(span.start);
                }
            }
            _ => {}
        }
    }
    None
}

/// The MathML of a marked formula with every marked name escaped and its marks taken out;
/// `None` if the marks do not pair up (the caller then refuses the formula).
pub fn unmark(mathml: &str) -> Option<String> {
    let mut out = String::with_capacity(mathml.len());
    let mut rest = mathml;
    while let Some(at) = rest.find([START, END]) {
        out.push_str(&rest[..at]);
        let mut chars = rest[at..].chars();
        if chars.next() != Some(START) {
            return None;
        }
        // An overlay math-core put after the name's first character, our first mark.
        let mut overlay = String::new();
        loop {
            match chars.next()? {
                START => break,
                END => return None,
                c => overlay.push(c),
            }
        }
        let mut name = String::new();
        let mut depth = 1usize;
        loop {
            match chars.next()? {
                START => depth += 1,
                END => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                c => name.push(c),
            }
        }
        let name = with_overlay(&name, &overlay);
        escape_html_body_text(&mut out, &name).expect("writing to a String cannot fail");
        rest = chars.as_str();
    }
    out.push_str(rest);
    Some(out)
}

/// `name` with `overlay` after its first character (and the variation selector that follows it,
/// if any), where math-core puts it.
fn with_overlay(name: &str, overlay: &str) -> String {
    if overlay.is_empty() {
        return name.to_string();
    }
    let mut indices = name.char_indices().skip(1);
    let split = match indices.next() {
        None => name.len(),
        Some((at, c)) if ('\u{FE00}'..'\u{FE0F}').contains(&c) => at + c.len_utf8(),
        Some((at, _)) => at,
    };
    format!("{}{overlay}{}", &name[..split], &name[split..])
}

#[cfg(test)]
mod tests {
    use super::super::to_mathml;
    use super::*;

    /// The text of the formula's one `<mo>`.
    fn operator(tex: &str) -> String {
        let mathml = to_mathml(tex, false).unwrap_or_else(|problem| panic!("{tex}: {problem:?}"));
        let start = mathml.find("<mo").expect("an operator");
        let text = &mathml[start..];
        let text = &text[text.find('>').expect("a tag") + 1..];
        text[..text.find("</mo>").expect("a closing tag")].to_string()
    }

    #[test]
    fn operator_names_are_escaped() {
        assert_eq!(operator("\\operatorname{a<b}"), "a&lt;b");
        assert_eq!(operator("\\operatorname*{a>b}_x"), "a&gt;b");
        assert_eq!(operator("\\operatornamewithlimits{a\\&b}"), "a&amp;b");
        assert_eq!(operator("\\operatorname{x\\lt y}"), "x&lt;y");
        assert_eq!(operator("\\operatorname{\\text{<}}"), "&lt;");
        assert_eq!(operator("\\operatorname<"), "&lt;");
        assert_eq!(operator("\\operatorname %c\n {<}"), "&lt;");
        assert_eq!(
            operator("\\operatorname{</math><svg/onload=alert(1)>}"),
            "&lt;/math&gt;&lt;svg/onload=alert(1)&gt;"
        );
    }

    #[test]
    fn marks_change_nothing_else() {
        // The same MathML as the converter gives for names it writes safely on its own.
        for tex in [
            "\\operatorname{sgn} x",
            "\\operatorname*{arg\\,max}_{x} f",
            "\\operatornamewithlimits{ess\\,sup}_x",
            "\\operatorname{}",
            "\\operatorname x",
            "\\operatorname é",
            "\\operatorname\\alpha",
            "a_{\\operatorname{rank}}",
        ] {
            let plain = super::super::CONVERTER
                .convert_with_local_state(tex, math_core::MathDisplay::Inline)
                .expect("converts")
                .mathml;
            assert_eq!(to_mathml(tex, false).as_ref(), Ok(&plain), "{tex}");
        }
    }

    #[test]
    fn an_overlay_stays_on_the_first_character() {
        assert_eq!(operator("\\not\\operatorname{<b>}"), "&lt;\u{338}b&gt;");
        assert_eq!(operator("\\not\\operatorname{x}"), "x\u{338}");
    }

    #[test]
    fn errors_point_into_the_formula_as_written() {
        let problem = to_mathml("\\operatorname{a} + \\nope", false).unwrap_err();
        assert_eq!(problem.range, 19..24);
        let problem = to_mathml("\\operatorname{a\u{FDD0}}", false).unwrap_err();
        assert_eq!(problem.range, 15..18);
    }

    #[test]
    fn offsets_map_back_around_insertions() {
        let marked = mark("\\operatorname x").expect("a name");
        assert_eq!(marked.tex, "\\operatorname {\u{FDD0}\u{FDD0}x\u{FDD1}}");
        for (marked_at, original) in [(0, 0), (14, 14), (16, 14), (21, 14), (22, 15), (26, 15)] {
            assert_eq!(marked.original_offset(marked_at), original, "{marked_at}");
        }
        assert!(mark("\\frac{a}{b}").is_none());
    }
}
