//! The last look at a formula's MathML before it goes into a page: every `<` opens or closes an
//! element math-core writes (with only the attributes it writes, values quoted), elements
//! close in order and the `<math>` closes last, and every `&` starts an escape. Whatever a
//! formula holds, its text can then only be text: a formula whose MathML fails this is refused
//! rather than written. math-core escapes its text itself, and [`super::names`] the one text it
//! does not; this is the guard for what neither foresaw.

/// The elements math-core writes: MathML Core, and the HTML its `\text` styles put in `<mtext>`.
const ELEMENTS: [&str; 38] = [
    "math",
    "semantics",
    "annotation",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mstyle",
    "merror",
    "mfrac",
    "msqrt",
    "mroot",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "mtable",
    "mtr",
    "mtd",
    "mpadded",
    "mphantom",
    "menclose",
    "b",
    "i",
    "em",
    "code",
    "span",
    "s",
    "u",
    "none",
    "maction",
];

/// The attributes math-core writes.
const ATTRIBUTES: [&str; 27] = [
    "display",
    "xmlns",
    "encoding",
    "class",
    "style",
    "mathvariant",
    "lspace",
    "rspace",
    "stretchy",
    "symmetric",
    "largeop",
    "movablelimits",
    "form",
    "fence",
    "separator",
    "accent",
    "accentunder",
    "minsize",
    "maxsize",
    "linethickness",
    "displaystyle",
    "scriptlevel",
    "notation",
    "width",
    "height",
    "depth",
    "voffset",
];

/// `Err` with the byte offset of the first fault of `mathml`.
pub fn check(mathml: &str) -> Result<(), usize> {
    if !mathml.starts_with("<math") {
        return Err(0);
    }
    let bytes = mathml.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'<' => {
                let tag = tag(mathml, at).ok_or(at)?;
                match tag.kind {
                    Kind::Close => {
                        if open.pop() != Some(tag.name) {
                            return Err(at);
                        }
                    }
                    Kind::Open => open.push(tag.name),
                    Kind::Empty => {}
                }
                if open.is_empty() && tag.end < bytes.len() {
                    // Nothing may follow the `</math>`.
                    return Err(tag.end);
                }
                at = tag.end;
            }
            b'&' => at = escape_end(bytes, at).ok_or(at)?,
            b'>' => return Err(at),
            _ => at += 1,
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(bytes.len())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    /// `<mspace/>`
    Empty,
}

struct Tag<'m> {
    name: &'m str,
    kind: Kind,
    /// The byte after its `>`.
    end: usize,
}

/// The tag that starts at byte `at` (a `<`), if it is one math-core writes.
fn tag(mathml: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = mathml.as_bytes();
    let mut index = at + 1;
    let closing = bytes.get(index) == Some(&b'/');
    if closing {
        index += 1;
    }
    let name = word(mathml, index);
    if !ELEMENTS.contains(&name) {
        return None;
    }
    index += name.len();
    if closing {
        return (bytes.get(index) == Some(&b'>')).then_some(Tag {
            name,
            kind: Kind::Close,
            end: index + 1,
        });
    }
    loop {
        match bytes.get(index)? {
            b'>' => {
                return Some(Tag {
                    name,
                    kind: Kind::Open,
                    end: index + 1,
                });
            }
            b'/' => {
                return (bytes.get(index + 1) == Some(&b'>')).then_some(Tag {
                    name,
                    kind: Kind::Empty,
                    end: index + 2,
                });
            }
            b' ' => index = attribute_end(mathml, index + 1)?,
            _ => return None,
        }
    }
}

/// The lower-case letters and `-` from byte `at` on.
fn word(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or_default();
    let length = rest
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || *b == b'-')
        .count();
    &rest[..length]
}

/// The byte after an attribute `name="value"` that starts at byte `at`, if math-core writes it.
fn attribute_end(mathml: &str, at: usize) -> Option<usize> {
    let bytes = mathml.as_bytes();
    let name = word(mathml, at);
    if !ATTRIBUTES.contains(&name) {
        return None;
    }
    let mut index = at + name.len();
    if bytes.get(index..index + 2)? != b"=\"" {
        return None;
    }
    index += 2;
    loop {
        match bytes.get(index)? {
            b'"' => return Some(index + 1),
            b'<' | b'>' => return None,
            b'&' => index = escape_end(bytes, index)?,
            _ => index += 1,
        }
    }
}

/// The byte after the escape (`&lt;`, `&#39;`, `&#x2061;` ...) that starts at byte `at`.
fn escape_end(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at + 1..)?;
    let length = rest.iter().take(10).position(|b| *b == b';')?;
    let body = &rest[..length];
    let known = match body {
        b"lt" | b"gt" | b"amp" | b"quot" | b"apos" | b"nbsp" => true,
        [b'#', b'x' | b'X', hex @ ..] => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        [b'#', decimal @ ..] => !decimal.is_empty() && decimal.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    known.then_some(at + length + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_converter_s_markup_passes() {
        for good in [
            "<math><mi>x</mi></math>",
            "<math display=\"block\"><mrow><mspace/><mo lspace=\"0\" rspace=\"0\">a&lt;b</mo></mrow></math>",
            "<math><mtext><b>&lt;x&gt; &amp; &#39;y&#x2061;</b></mtext></math>",
            "<math>\n  <mtd style=\"width: 50%\"></mtd>\n</math>",
        ] {
            assert_eq!(check(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn markup_that_leaves_the_formula_fails() {
        for (bad, at) in [
            ("<math><mo>a<b</mo></math>", 11),
            ("<math><mo></math><svg/onload=alert(1)></mo></math>", 10),
            ("<math><mo>a&b</mo></math>", 11),
            ("<math><mo>a&lt</mo></math>", 11),
            ("<math><mi onclick=\"x\">y</mi></math>", 6),
            ("<math><mi style=\"a\"b\">y</mi></math>", 6),
            ("<math><mi>x</mo></math>", 11),
            ("<math><mi>x</mi>", 16),
            ("<math></math><b>x</b>", 13),
            ("<mi>x</mi>", 0),
            ("<math><mo>></mo></math>", 10),
            ("<math><svg></svg></math>", 6),
        ] {
            assert_eq!(check(bad), Err(at), "{bad}");
        }
    }
}
