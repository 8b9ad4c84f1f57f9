//! Fenced code: a block whose info string names a language is highlighted at build time
//! ([`super::highlight`]) and wrapped for the theme; `output`, `error` and `warning` blocks (the
//! Carpentries' convention) are what a program printed, labelled and styled apart; `console`
//! sessions split `$ ` commands from their output. Fences without a language and indented code
//! are left as pulldown-cmark writes them.
//!
//! The HTML is the theme's contract (the manual's "Templates" page):
//! `<div class="code-block" data-lang="python"><pre><code class="language-python">…</code></pre></div>`
//! and `<div class="code-block code-output"><p class="code-label">Output</p><pre><code>…</code></pre></div>`.
//! It is the same on the web and in print; the copy button is added by the theme's script.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::hidden_lines::{hide_lines, hide_rule, wrap_hidden};
use super::highlight::highlight;
use super::{Found, MarkdownInput, Spanned};
use crate::fingerprint::Fingerprint;

/// Other names a fence may give a language, and the language they stand for.
const ALIASES: &[(&str, &str)] = &[
    ("sh", "bash"),
    ("shell", "bash"),
    ("zsh", "bash"),
    ("terminal", "bash"),
    ("console", SESSION),
    ("shell-session", SESSION),
    ("py", "python"),
    ("js", "javascript"),
    ("ts", "typescript"),
    ("yml", "yaml"),
    ("c++", "cpp"),
    ("patch", "diff"),
    ("md", "markdown"),
    ("rs", "rust"),
];

/// A shell session: `$ ` commands (highlighted as Bash) and what they printed.
const SESSION: &str = "console";

/// The blocks that hold what a program printed, with the key of their label.
const PRINTED: &[(&str, &str)] = &[
    ("output", "code_output"),
    ("error", "code_error"),
    ("warning", "code_warning"),
];

/// What a fence's info string asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fence<'i> {
    /// `output`, `error` or `warning` (the kind, and the key of its label).
    Printed(&'static str, &'static str),
    /// A shell session (`console`, `shell-session`).
    Session,
    /// A language that is highlighted, by its name.
    Language(&'static str),
    /// Any other word: the block is shown as written.
    Unknown(&'i str),
}

/// The names readers know the languages by, shown on each block.
const DISPLAY_NAMES: &[(&str, &str)] = &[
    ("bash", "Bash"),
    ("c", "C"),
    ("cpp", "C++"),
    ("css", "CSS"),
    ("diff", "Diff"),
    ("go", "Go"),
    ("html", "HTML"),
    ("java", "Java"),
    ("javascript", "JavaScript"),
    ("json", "JSON"),
    ("markdown", "Markdown"),
    ("python", "Python"),
    ("r", "R"),
    ("rust", "Rust"),
    ("sql", "SQL"),
    ("toml", "TOML"),
    ("typescript", "TypeScript"),
    ("yaml", "YAML"),
];

/// Words that say a block is plain text: it shows no language.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none", "nohighlight"];

/// Reads the first word of a fence's info string (up to a space or, as mdBook writes
/// `rust,ignore`, a comma); `None` when there is none.
fn read_fence(info: &str) -> Option<Fence<'_>> {
    let word = info
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|word| !word.is_empty())?;
    let lower = word.to_ascii_lowercase();
    if let Some(&(kind, label)) = PRINTED.iter().find(|(kind, _)| *kind == lower) {
        return Some(Fence::Printed(kind, label));
    }
    let name = (ALIASES.iter().find(|(alias, _)| *alias == lower))
        .map(|&(_, name)| name)
        .or_else(|| {
            (super::highlight::LANGUAGES.iter())
                .find(|name| **name == lower)
                .copied()
        });
    Some(match name {
        Some(SESSION) => Fence::Session,
        Some(name) => Fence::Language(name),
        None => Fence::Unknown(word),
    })
}

/// Replaces every fenced block with a language (or `output` ...) by its HTML.
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    _: &mut Found,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        let info = match &event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info.to_string(),
            _ => {
                out.push((event, range));
                continue;
            }
        };
        let Some(fence) = read_fence(&info) else {
            out.push((event, range));
            continue;
        };
        let mut code = String::new();
        for (inner, _) in iter.by_ref() {
            match inner {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let html = block_html(fence, &info, &code, input);
        out.push((Event::Html(CowStr::from(html)), range));
    }
    out
}

/// The HTML of one block. Highlighted blocks come from the build's cache when the same code was
/// highlighted before (the print edition renders every lesson again).
fn block_html(fence: Fence<'_>, info: &str, code: &str, input: &MarkdownInput<'_>) -> String {
    let code = code.trim_end_matches(['\n', '\r']);
    match fence {
        Fence::Printed(kind, label) => printed_html(kind, input.strings.get(label), code),
        Fence::Unknown(word) => {
            let mut name = String::new();
            let _ = escape_html(&mut name, word);
            let label = (!PLAIN.contains(&word.to_ascii_lowercase().as_str())).then_some(word);
            let rule = hide_rule(info, &word.to_ascii_lowercase(), input.hidelines);
            let tokens = match rule.and_then(|rule| hide_lines(code, rule)) {
                Some((shown, hidden)) => wrap_hidden(&escaped(&shown), &hidden),
                None => escaped(code),
            };
            wrap(&name, label, &tokens)
        }
        Fence::Session | Fence::Language(_) => {
            let (name, label) = match fence {
                Fence::Language(name) => (name, display_name(name)),
                _ => (SESSION, input.strings.get("code_session")),
            };
            let rule = (fence != Fence::Session)
                .then(|| hide_rule(info, name, input.hidelines))
                .flatten();
            let rule_key = rule.map(|rule| rule.key()).unwrap_or_default();
            let key = (Fingerprint::default().add(name).add(label).add(code))
                .add(&rule_key)
                .finish();
            input.highlights.get_or_make(key, input.target, || {
                let hidden = rule.and_then(|rule| hide_lines(code, rule));
                let shown = hidden.as_ref().map_or(code, |(shown, _)| shown.as_str());
                let tokens = match fence {
                    Fence::Language(name) => {
                        highlight(name, shown).unwrap_or_else(|| escaped(shown))
                    }
                    _ => session_html(shown),
                };
                let tokens = match &hidden {
                    Some((_, lines)) => wrap_hidden(&tokens, lines),
                    None => tokens,
                };
                wrap(name, Some(label), &tokens)
            })
        }
    }
}

/// The name readers know a language by (`Python`), or its own.
fn display_name(name: &'static str) -> &'static str {
    (DISPLAY_NAMES.iter().find(|(known, _)| *known == name)).map_or(name, |(_, shown)| shown)
}

/// A block of code in the theme's wrapper, with the language's name shown over it when it has
/// one; `name` is HTML-safe, `label` is escaped here.
fn wrap(name: &str, label: Option<&str>, tokens: &str) -> String {
    let mut shown = String::new();
    if let Some(label) = label {
        shown.push_str("<p class=\"code-label code-lang\">");
        let _ = escape_html(&mut shown, label);
        shown.push_str("</p>");
    }
    format!(
        "<div class=\"code-block\" data-lang=\"{name}\">{shown}<pre><code class=\"language-{name}\">{tokens}</code></pre></div>\n"
    )
}

/// An `output`, `error` or `warning` block.
fn printed_html(kind: &str, label: &str, text: &str) -> String {
    let modifier = match kind {
        "output" => String::new(),
        _ => format!(" code-{kind}"),
    };
    format!(
        "<div class=\"code-block code-output{modifier}\"><p class=\"code-label\">{label}</p><pre><code>{}</code></pre></div>\n",
        escaped(text)
    )
}

/// A shell session: lines starting with `$ ` are commands (a line ending in `\` carries its
/// command on), each highlighted as Bash after a `hl-prompt` span; every other line is output,
/// in a `hl-output` span that holds its line break, so a script can copy the commands alone.
fn session_html(code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 2);
    let mut lines = code.split('\n').peekable();
    while let Some(line) = lines.next() {
        let command = line
            .strip_prefix("$ ")
            .or_else(|| (line.trim_end() == "$").then_some(""));
        let Some(command) = command else {
            html.push_str("<span class=\"hl-output\">");
            let _ = escape_html(&mut html, line);
            if lines.peek().is_some() {
                html.push('\n');
            }
            html.push_str("</span>");
            continue;
        };
        let mut command = command.to_string();
        while command.trim_end_matches('\r').ends_with('\\')
            && let Some(next) = lines.next()
        {
            command.push('\n');
            command.push_str(next);
        }
        html.push_str("<span class=\"hl-prompt\">$ </span>");
        html.push_str(&highlight("bash", &command).unwrap_or_else(|| escaped(&command)));
        if lines.peek().is_some() {
            html.push('\n');
        }
    }
    html
}

fn escaped(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + text.len() / 8);
    let _ = escape_html(&mut html, text);
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::highlight::HighlightCache;
    use crate::markdown::{Edition, PageMap, Target, render_test_lesson};

    fn render_with(markdown: &str, target: Target, highlights: &HighlightCache) -> String {
        let pages = PageMap::default();
        render_test_lesson(markdown, 0, target, Edition::Learner, &pages, highlights).html
    }

    fn render(markdown: &str) -> String {
        render_with(markdown, Target::Web, &HighlightCache::for_one_build())
    }

    #[test]
    fn aliases_name_their_language() {
        for (alias, name) in [
            ("sh", "bash"),
            ("shell", "bash"),
            ("zsh", "bash"),
            ("terminal", "bash"),
            ("py", "python"),
            ("Python", "python"),
            ("js", "javascript"),
            ("ts", "typescript"),
            ("yml", "yaml"),
            ("c++", "cpp"),
            ("patch", "diff"),
            ("md", "markdown"),
            ("rs", "rust"),
        ] {
            assert_eq!(read_fence(alias), Some(Fence::Language(name)), "{alias}");
        }
        assert_eq!(read_fence("console"), Some(Fence::Session));
        assert_eq!(read_fence("shell-session"), Some(Fence::Session));
        assert_eq!(
            read_fence("python title=x"),
            Some(Fence::Language("python"))
        );
        assert_eq!(
            read_fence("Error"),
            Some(Fence::Printed("error", "code_error"))
        );
        assert_eq!(read_fence("  "), None);
        assert_eq!(
            read_fence("rust,ignore,noplayground"),
            Some(Fence::Language("rust"))
        );
    }

    #[test]
    fn a_language_is_highlighted_in_the_wrapper() {
        let html = render("```py\ndef f():\n    return 1\n```\n");
        assert!(
            html.starts_with("<div class=\"code-block\" data-lang=\"python\"><p class=\"code-label code-lang\">Python</p><pre><code class=\"language-python\"><span class=\"hl-keyword\">def</span>"),
            "{html}"
        );
        assert!(html.ends_with("</code></pre></div>\n"), "{html}");
    }

    #[test]
    fn an_unknown_language_is_plain_and_escaped() {
        let html = render("```cobol x\nIF A < B & C\n```\n");
        assert_eq!(
            html,
            "<div class=\"code-block\" data-lang=\"cobol\"><p class=\"code-label code-lang\">cobol</p><pre><code class=\"language-cobol\">IF A &lt; B &amp; C</code></pre></div>\n"
        );
        let odd = render("```a\"b\nx\n```\n");
        assert!(odd.contains("data-lang=\"a&quot;b\""), "{odd}");
    }

    #[test]
    fn code_is_escaped_when_highlighted() {
        let html = render("```rust\nlet s = \"<b>&amp;\";\n```\n");
        assert!(html.contains("&lt;b&gt;&amp;amp;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn plain_text_blocks_show_no_language() {
        let html = render("```text\nplain\n```\n");
        assert!(!html.contains("code-lang"), "{html}");
        assert!(html.contains("data-lang=\"text\""), "{html}");
    }

    #[test]
    fn fences_without_a_language_and_indented_code_stay_plain() {
        assert_eq!(
            render("```\na < b\n```\n"),
            "<pre><code>a &lt; b\n</code></pre>\n"
        );
        assert_eq!(
            render("    a < b\n"),
            "<pre><code>a &lt; b\n</code></pre>\n"
        );
    }

    #[test]
    fn output_error_and_warning_blocks_are_labelled() {
        assert_eq!(
            render("```output\n3 < 4\n```\n"),
            "<div class=\"code-block code-output\"><p class=\"code-label\">Output</p><pre><code>3 &lt; 4</code></pre></div>\n"
        );
        let error = render("```error\nTraceback\n```\n");
        assert!(
            error.starts_with(
                "<div class=\"code-block code-output code-error\"><p class=\"code-label\">Error</p>"
            ),
            "{error}"
        );
        let warning = render("```warning\nslow\n```\n");
        assert!(
            warning.contains("code-output code-warning\"><p class=\"code-label\">Warning</p>"),
            "{warning}"
        );
        assert!(!warning.contains("hl-"), "{warning}");
    }

    #[test]
    fn a_session_splits_prompts_commands_and_output() {
        let html = session_html("$ ls -l \\\n  /tmp\ntotal 0\n$ echo \"a<b\"\na<b");
        assert_eq!(
            html.matches("<span class=\"hl-prompt\">$ </span>").count(),
            2,
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-output\">total 0\n</span>"),
            "{html}"
        );
        assert!(
            html.ends_with("<span class=\"hl-output\">a&lt;b</span>"),
            "{html}"
        );
        assert!(
            html.contains("/tmp"),
            "the continued line is part of the command: {html}"
        );
        assert!(!html.contains("hl-output\">  /tmp"), "{html}");
        assert!(
            html.contains("hl-string"),
            "commands are highlighted: {html}"
        );
        let block = render("```console\n$ pwd\n/home\n```\n");
        assert!(block.starts_with("<div class=\"code-block\" data-lang=\"console\"><p class=\"code-label code-lang\">Shell session</p><pre><code class=\"language-console\"><span class=\"hl-prompt\">$ </span>"), "{block}");
    }

    #[test]
    fn print_takes_the_web_render_s_blocks() {
        let highlights = HighlightCache::for_one_build();
        let markdown = "```python\nx = 1\n```\n\n```text\nplain\n```\n";
        let web = render_with(markdown, Target::Web, &highlights);
        assert_eq!(highlights.len(), 1, "plain blocks are not kept");
        let print = render_with(markdown, Target::Print, &highlights);
        assert_eq!(web, print);
        assert!(highlights.is_empty());
    }
}
