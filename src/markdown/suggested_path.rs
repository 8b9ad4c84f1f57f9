//! How a "did you mean" names a file: as the author must type it in a Markdown link for it to
//! work. That is relative to the linking file's folder, with every character that Markdown or
//! the link's reading would take for something else percent-encoded (`#` starts an anchor, `?`
//! a query, `%` an escape, a space or a bracket ends the address), since links are
//! percent-decoded when they are resolved. A suggestion that is what was written helps nobody,
//! so it is given up.

use percent_encoding::percent_encode_byte;

use super::files::relative_to;

/// The ASCII characters a link's address must escape to name a file: what ends the address,
/// what starts its query or anchor, `%` itself, and what Markdown reads as an escape (controls
/// too). Letters of other scripts work as they are, and stay readable.
const TYPED: &[u8] = b" #%?<>()\\";

/// `path` with what [`TYPED`] lists, and control characters, percent-encoded.
fn typed(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_control() || (c.is_ascii() && TYPED.contains(&(c as u8))) {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(percent_encode_byte(byte));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// "did you mean `x`?" for a link written `written` in the file at `from` (both relative to
/// `content/`) when `target` is the file it is closest to; `None` when `x` would be what was
/// written.
pub fn did_you_mean(written: &str, from: &str, target: &str) -> Option<String> {
    let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
    let typed = typed(&relative_to(folder, target));
    (typed != written).then(|| format!("did you mean `{typed}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_as_an_author_writes_them() {
        assert_eq!(relative_to("", "img/a.png"), "img/a.png");
        assert_eq!(relative_to("basics", "basics/img/a.png"), "img/a.png");
        assert_eq!(relative_to("basics", "img/a.png"), "../img/a.png");
        assert_eq!(relative_to("a/b", "a/c/x.png"), "../c/x.png");
    }

    #[test]
    fn suggestions_are_written_as_they_must_be_typed() {
        let hint = |written, target| did_you_mean(written, "basics/a.md", target);
        assert_eq!(
            hint("img/h", "basics/img/h#sh.svg").as_deref(),
            Some("did you mean `img/h%23sh.svg`?")
        );
        assert_eq!(
            hint("x", "img/50% off (1).png").as_deref(),
            Some("did you mean `../img/50%25%20off%20%281%29.png`?")
        );
        assert_eq!(
            hint("fit.md", "basics/fït?.md").as_deref(),
            Some("did you mean `fït%3F.md`?")
        );
        assert_eq!(hint("../img/a.png", "img/a.png"), None);
        assert_eq!(typed("a\u{1b}[31m\\b.md"), "a%1B[31m%5Cb.md");
    }
}
