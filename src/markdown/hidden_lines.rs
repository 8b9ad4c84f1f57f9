//! Hidden code lines, as mdBook has them: lines of a block that make the example whole (a
//! `fn main()` around it, the imports) but that the reader need not see. In a Rust block a line
//! whose first non-blank characters are `#` then a space (or a `#` alone) is hidden, shown
//! without them; `##` stands for a line starting with `#` (`#[derive]` and `#!` lines are
//! code). Another language hides the lines that start with the prefix `[code.hidelines]` in
//! guide.toml gives it (`python = "~"`), or a block's own `hidelines=<prefix>` in its info
//! string. Hidden lines are wrapped in `<span class="code-hidden">`, each with its line break:
//! the theme hides them (in print too) and its script adds a button that shows them.

use std::collections::BTreeMap;

/// How a block's hidden lines are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HideRule<'a> {
    /// `# ` lines, `##` escaping `#`.
    Rust,
    /// Lines starting with this prefix (after blanks).
    Prefix(&'a str),
}

impl HideRule<'_> {
    /// A short description of the rule, for the cache of highlighted blocks.
    pub fn key(&self) -> String {
        match self {
            HideRule::Rust => "rust#".to_string(),
            HideRule::Prefix(prefix) => format!("prefix:{prefix}"),
        }
    }
}

/// The rule for a block whose info string is `info`, of language `name` (as highlighted, e.g.
/// `rust`, or the word written), given guide.toml's prefixes.
pub fn hide_rule<'a>(
    info: &'a str,
    name: &str,
    hidelines: &'a BTreeMap<String, String>,
) -> Option<HideRule<'a>> {
    if name == "rust" {
        return Some(HideRule::Rust);
    }
    let words = info.split(|c: char| c.is_whitespace() || c == ',');
    if let Some(prefix) = words
        .filter_map(|word| word.strip_prefix("hidelines="))
        .find(|prefix| !prefix.is_empty())
    {
        return Some(HideRule::Prefix(prefix));
    }
    let written = info.split(|c: char| c.is_whitespace() || c == ',').next()?;
    (hidelines.iter())
        .find(|(language, _)| {
            language.eq_ignore_ascii_case(name) || language.eq_ignore_ascii_case(written)
        })
        .map(|(_, prefix)| HideRule::Prefix(prefix.as_str()))
        .filter(|rule| !matches!(rule, HideRule::Prefix(prefix) if prefix.is_empty()))
}

/// The code as shown (prefixes taken off, `##` made `#`) and which of its lines are hidden;
/// `None` when no line is.
pub fn hide_lines(code: &str, rule: HideRule<'_>) -> Option<(String, Vec<bool>)> {
    let mut shown = String::with_capacity(code.len());
    let mut hidden = Vec::new();
    for (index, line) in code.split('\n').enumerate() {
        if index > 0 {
            shown.push('\n');
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let rest = &line[indent.len()..];
        let (text, hide) = match rule {
            HideRule::Rust => match rest.strip_prefix('#') {
                Some(after) if after.starts_with('#') => (format!("{indent}{after}"), false),
                Some(after) if after.is_empty() || after.starts_with(' ') => {
                    let after = after.strip_prefix(' ').unwrap_or(after);
                    (format!("{indent}{after}"), true)
                }
                _ => (line.to_string(), false),
            },
            HideRule::Prefix(prefix) => match rest.strip_prefix(prefix) {
                Some(after) => (format!("{indent}{after}"), true),
                None => (line.to_string(), false),
            },
        };
        shown.push_str(&text);
        hidden.push(hide);
    }
    hidden.iter().any(|h| *h).then_some((shown, hidden))
}

/// `html` (highlighted code: text escaped, tokens in `<span class>` elements that may run over
/// line breaks) with each line marked in `hidden` wrapped in `<span class="code-hidden">`,
/// its line break included; token spans are closed at each line's end and opened again on the
/// next, so every line is whole on its own.
pub fn wrap_hidden(html: &str, hidden: &[bool]) -> String {
    let mut out = String::with_capacity(html.len() + hidden.len() * 40);
    let mut open: Vec<&str> = Vec::new();
    let mut line = 0;
    let start_line = |out: &mut String, line: usize, open: &[&str]| {
        if hidden.get(line).copied().unwrap_or(false) {
            out.push_str("<span class=\"code-hidden\">");
        }
        open.iter().for_each(|tag| out.push_str(tag));
    };
    start_line(&mut out, line, &open);
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with("</span>") {
            open.pop();
            out.push_str("</span>");
            rest = &rest["</span>".len()..];
        } else if rest.starts_with("<span") {
            let end = rest.find('>').map_or(rest.len(), |end| end + 1);
            open.push(&rest[..end]);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if let Some(after) = rest.strip_prefix('\n') {
            open.iter().for_each(|_| out.push_str("</span>"));
            out.push('\n');
            if hidden.get(line).copied().unwrap_or(false) {
                out.push_str("</span>");
            }
            line += 1;
            start_line(&mut out, line, &open);
            rest = after;
        } else {
            let end = rest.find(['<', '\n']).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    open.iter().for_each(|_| out.push_str("</span>"));
    if hidden.get(line).copied().unwrap_or(false) {
        out.push_str("</span>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_lines_follow_mdbook() {
        let code = "# fn main() {\n    let x = 5;\n    # let hidden = 1;\n#\n## not hidden\n#[derive(Debug)]\n#![allow(unused)]\n#x\n# }";
        let (shown, hidden) = hide_lines(code, HideRule::Rust).expect("hidden lines");
        assert_eq!(
            shown,
            "fn main() {\n    let x = 5;\n    let hidden = 1;\n\n# not hidden\n#[derive(Debug)]\n#![allow(unused)]\n#x\n}"
        );
        assert_eq!(
            hidden,
            [true, false, true, true, false, false, false, false, true]
        );
        assert_eq!(hide_lines("let x = 1;\n## y", HideRule::Rust), None);
    }

    #[test]
    fn a_prefix_hides_its_lines_after_blanks() {
        let code = "~hidden()\nnothidden():\n~    hidden()\n    ~hidden()\n    nothidden()";
        let (shown, hidden) = hide_lines(code, HideRule::Prefix("~")).expect("hidden lines");
        assert_eq!(
            shown,
            "hidden()\nnothidden():\n    hidden()\n    hidden()\n    nothidden()"
        );
        assert_eq!(hidden, [true, false, true, true, false]);
    }

    #[test]
    fn the_rule_comes_from_the_language_the_info_string_or_guide_toml() {
        let config: BTreeMap<String, String> = [("python".to_string(), "~".to_string())].into();
        assert_eq!(
            hide_rule("rust,ignore", "rust", &config),
            Some(HideRule::Rust)
        );
        assert_eq!(
            hide_rule("py", "python", &config),
            Some(HideRule::Prefix("~"))
        );
        assert_eq!(
            hide_rule("python,hidelines=!!!", "python", &config),
            Some(HideRule::Prefix("!!!"))
        );
        assert_eq!(hide_rule("bash", "bash", &config), None);
    }

    #[test]
    fn token_spans_are_whole_on_every_line() {
        let html = "<span class=\"hl-comment\">/* a\nb */</span> x\ny";
        assert_eq!(
            wrap_hidden(html, &[false, true, false]),
            "<span class=\"hl-comment\">/* a</span>\n<span class=\"code-hidden\"><span class=\"hl-comment\">b */</span> x\n</span>y"
        );
        assert_eq!(
            wrap_hidden("a\nb", &[true, true]),
            "<span class=\"code-hidden\">a\n</span><span class=\"code-hidden\">b</span>"
        );
    }
}
