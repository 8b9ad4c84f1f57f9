//! The tokens of one block of code, found with arborium's grammars and queries as its
//! `Highlighter` finds them (the block's language, then the languages injected into it: CSS and
//! scripts in HTML, the program in a Markdown fence, three levels deep) and written as its HTML,
//! but with a deadline for the whole block.
//!
//! tree-sitter is slower than linear on some malformed text, in nearly every grammar and in many
//! shapes, both when it parses (recovering from errors: 32 KiB of `"` in a JavaScript block took
//! 5 s, 8 KiB of `<!--` in Java 15 s) and when it runs the highlighting queries on the tree (32 KiB
//! of `` ` `` in Bash: 5 s). arborium cannot stop either, so this runs the same grammars and
//! queries itself, with tree-sitter's progress callbacks stopping the work at the deadline
//! ([`time_limit`] of the thread's own time, many times what a program of the size takes); a
//! block that does not finish in time is shown plain. Only such blocks depend on the machine's
//! speed (not on how busy it is).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::{Arc, LazyLock, OnceLock};

use arborium::GrammarStore;
use arborium::tree_sitter::{
    Language, Node, ParseOptions, ParseState, Parser, Query, QueryCursor, QueryCursorOptions,
    QueryCursorState, QueryMatch, StreamingIterator,
};
use arborium_theme::highlights::tag_for_capture;

use super::deadline::{Deadline, thread_time, time_limit};
use super::html::{self, Capture};

/// How many levels of injected languages are highlighted (arborium's default).
const INJECTION_DEPTH: u32 = 3;

/// A language's grammar with its highlighting and injection queries compiled as one query, so
/// that a block's tree is walked once for both: the highlighting patterns come first, so a
/// pattern's index is the same as in the highlighting query alone (later patterns win ties).
struct Grammar {
    /// The language's name in [`super::LANGUAGES`].
    name: &'static str,
    language: Language,
    query: Query,
    /// Patterns below this index are highlighting ones, the rest injection ones.
    injections_from: usize,
    /// Each capture's theme tag, by capture index; `Skip` for internal (`_x`) and injection
    /// captures.
    tags: Vec<Tag>,
    /// The injection patterns' `@injection.content` and `@injection.language` captures.
    content: Option<u32>,
    language_capture: Option<u32>,
}

/// What a capture of the query is to the HTML.
#[derive(Clone, Copy)]
enum Tag {
    Skip,
    Theme(Option<&'static str>),
}

/// The grammar, and its highlighting and injection queries, of each language highlighted.
fn grammar_source(name: &str) -> Option<(Language, &'static str, &'static str)> {
    macro_rules! languages {
        ($($name:literal => $module:ident),* $(,)?) => {
            match name {
                $($name => Some((
                    arborium::$module::language().into(),
                    &arborium::$module::HIGHLIGHTS_QUERY,
                    arborium::$module::INJECTIONS_QUERY,
                )),)*
                _ => None,
            }
        };
    }
    languages! {
        "bash" => lang_bash, "c" => lang_c, "cpp" => lang_cpp, "css" => lang_css,
        "diff" => lang_diff, "go" => lang_go, "html" => lang_html, "java" => lang_java,
        "javascript" => lang_javascript, "json" => lang_json, "markdown" => lang_markdown,
        "python" => lang_python, "r" => lang_r, "rust" => lang_rust, "sql" => lang_sql,
        "toml" => lang_toml, "typescript" => lang_typescript, "yaml" => lang_yaml,
    }
}

/// Every grammar, compiled when first used; `None` for a language not highlighted.
fn grammar(name: &str) -> Option<&'static Grammar> {
    static GRAMMARS: LazyLock<HashMap<&'static str, OnceLock<Option<Grammar>>>> =
        LazyLock::new(|| {
            (super::LANGUAGES.iter())
                .map(|name| (*name, OnceLock::new()))
                .collect()
        });
    let (name, slot) = GRAMMARS.get_key_value(name)?;
    slot.get_or_init(|| compile(name)).as_ref()
}

fn compile(name: &'static str) -> Option<Grammar> {
    let (language, highlights, injections) = grammar_source(name)?;
    let source = format!("{highlights}\n{injections}");
    // An injection query the grammar cannot compile leaves the block highlighted without it.
    let query = Query::new(&language, &source)
        .or_else(|_| Query::new(&language, highlights))
        .ok()?;
    let injections_from = (0..query.pattern_count())
        .find(|&pattern| query.start_byte_for_pattern(pattern) > highlights.len())
        .unwrap_or(query.pattern_count());
    let names = query.capture_names();
    let tags = (names.iter())
        .map(
            |name| match name.starts_with('_') || name.starts_with("injection.") {
                true => Tag::Skip,
                false => Tag::Theme(tag_for_capture(name)),
            },
        )
        .collect();
    let capture = |wanted: &str| {
        let index = names.iter().position(|name| *name == wanted)?;
        u32::try_from(index).ok()
    };
    let (content, language_capture) = (capture("injection.content"), capture("injection.language"));
    Some(Grammar {
        name,
        language,
        query,
        injections_from,
        tags,
        content,
        language_capture,
    })
}

/// What a language name in an injection (`js` in a Markdown fence) stands for: one of the
/// languages highlighted, by arborium's names and aliases.
fn resolve(name: &str, store: &GrammarStore) -> Option<&'static Grammar> {
    if let Some(grammar) = grammar(name) {
        return Some(grammar);
    }
    let known = store.get(name)?;
    let wanted = known.language().name()?;
    (super::LANGUAGES.iter())
        .filter_map(|name| grammar(name))
        .find(|grammar| grammar.language.name() == Some(wanted))
}

/// A piece of the code to be highlighted in another language.
struct Injection {
    start: usize,
    end: usize,
    language: String,
}

/// A highlighter's state for one thread: its parser and query cursor.
pub struct BoundedHighlighter {
    store: Arc<GrammarStore>,
    /// A parser per language: changing a parser's language starts its grammar's scanner anew.
    parsers: HashMap<&'static str, Parser>,
    cursor: QueryCursor,
}

impl BoundedHighlighter {
    pub fn new(store: Arc<GrammarStore>) -> Self {
        BoundedHighlighter {
            store,
            parsers: HashMap::new(),
            cursor: QueryCursor::new(),
        }
    }

    /// `code` as HTML with its tokens in `<span class="hl-…">` (see [`html`]); `None` when
    /// `language` is not highlighted or the work took longer than [`time_limit`].
    pub fn html(&mut self, language: &str, code: &str) -> Option<String> {
        let grammar = grammar(language)?;
        let mut deadline = Deadline::after(time_limit(code.len()));
        let captures = self.captures(grammar, code, INJECTION_DEPTH, &mut deadline)?;
        Some(html::write(code, captures))
    }

    /// The captures of `source` and, `depth` levels deep, of the pieces injected into it, with
    /// their offsets in `source`; `None` past the deadline.
    fn captures(
        &mut self,
        grammar: &Grammar,
        source: &str,
        depth: u32,
        deadline: &mut Deadline,
    ) -> Option<Vec<Capture>> {
        let parser = match self.parsers.entry(grammar.name) {
            Entry::Occupied(kept) => kept.into_mut(),
            Entry::Vacant(slot) => {
                let mut parser = Parser::new();
                parser.set_language(&grammar.language).ok()?;
                slot.insert(parser)
            }
        };
        let until = *deadline;
        let mut on_parse = |_: &ParseState| until.stop_if_passed();
        let options = ParseOptions::new().progress_callback(&mut on_parse);
        let bytes = source.as_bytes();
        let mut read = |at: usize, _| bytes.get(at..).unwrap_or_default();
        let tree = parser.parse_with_options(&mut read, None, Some(options));
        let Some(tree) = tree else {
            // A parse given up would otherwise be resumed by the next one.
            parser.reset();
            return None;
        };
        let (mut captures, injections) =
            self.matches(grammar, tree.root_node(), bytes, *deadline)?;
        if depth == 0 {
            return Some(captures);
        }
        for injection in injections {
            let piece = source.get(injection.start..injection.end);
            let Some(piece) = piece.filter(|piece| !piece.is_empty()) else {
                continue;
            };
            // A grammar compiled now takes none of the block's time.
            let compiling = thread_time();
            let inner = resolve(&injection.language, &self.store);
            deadline.extend(thread_time().saturating_sub(compiling));
            let Some(inner) = inner else {
                continue;
            };
            let offset = u32::try_from(injection.start).ok()?;
            let inner_captures = self.captures(inner, piece, depth - 1, deadline)?;
            captures.extend(inner_captures.into_iter().map(|mut capture| {
                capture.start += offset;
                capture.end += offset;
                capture
            }));
        }
        Some(captures)
    }

    /// In one walk of the tree: a capture for each of the highlighting patterns' captures (but
    /// internal and injection ones), and the pieces the injection patterns mark, each with its
    /// language (from the pattern's `injection.language` setting or the text of its
    /// `@injection.language` capture).
    fn matches(
        &mut self,
        grammar: &Grammar,
        root: Node<'_>,
        source: &[u8],
        deadline: Deadline,
    ) -> Option<(Vec<Capture>, Vec<Injection>)> {
        let query = &grammar.query;
        let mut on_progress = |_: &QueryCursorState| deadline.stop_if_passed();
        let options = QueryCursorOptions::new().progress_callback(&mut on_progress);
        let mut matches = (self.cursor).matches_with_options(query, root, source, options);
        let mut captures = Vec::new();
        let mut injections = Vec::new();
        while let Some(found) = matches.next() {
            if found.pattern_index >= grammar.injections_from {
                injections.extend(injection(grammar, found, source));
                continue;
            }
            let pattern = u32::try_from(found.pattern_index).ok()?;
            for capture in found.captures {
                let Some(Tag::Theme(tag)) = grammar.tags.get(capture.index as usize) else {
                    continue;
                };
                captures.push(Capture {
                    start: u32::try_from(capture.node.start_byte()).ok()?,
                    end: u32::try_from(capture.node.end_byte()).ok()?,
                    tag: *tag,
                    pattern,
                });
            }
        }
        // A query stopped at the deadline ends as if it were done.
        (!deadline.passed()).then_some((captures, injections))
    }
}

/// The piece an injection pattern's match marks, with its language; `None` when it names none.
fn injection(grammar: &Grammar, found: &QueryMatch<'_, '_>, source: &[u8]) -> Option<Injection> {
    let settings = grammar.query.property_settings(found.pattern_index);
    let mut language = (settings.iter())
        .filter(|property| property.key.as_ref() == "injection.language")
        .find_map(|property| property.value.as_deref().map(str::to_string));
    let mut content = None;
    for capture in found.captures {
        if Some(capture.index) == grammar.content {
            content = Some(capture.node);
        } else if Some(capture.index) == grammar.language_capture && language.is_none() {
            language = capture.node.utf8_text(source).ok().map(str::to_string);
        }
    }
    let node = content?;
    Some(Injection {
        start: node.start_byte(),
        end: node.end_byte(),
        language: language?,
    })
}

#[cfg(test)]
mod tests {
    use arborium::{Config, Highlighter, HtmlFormat};

    use super::*;

    /// The first `bytes` bytes of `text`, cut at a line end.
    fn head(text: &str, bytes: usize) -> &str {
        if text.len() <= bytes {
            return text;
        }
        let cut = text.floor_char_boundary(bytes);
        text[..cut]
            .rsplit_once('\n')
            .map_or(&text[..cut], |(head, _)| head)
    }

    /// arborium's HTML without the spans `html.rs` leaves out (variables, punctuation and
    /// classless ones), their text kept. Its spans never nest, so a span ends at the next
    /// `</span>`.
    fn unwrap_unstyled(html: &str) -> String {
        const UNSTYLED: &[&str] = &[
            "<span class=\"hl-variable\">",
            "<span class=\"hl-punctuation\">",
            "<span>",
        ];
        const CLOSE: &str = "</span>";
        let mut out = String::new();
        let mut rest = html;
        while let Some(start) = rest.find("<span") {
            out.push_str(&rest[..start]);
            let span = &rest[start..];
            let end = span.find(CLOSE).map_or(span.len(), |at| at + CLOSE.len());
            match UNSTYLED.iter().find(|open| span.starts_with(**open)) {
                Some(open) => out.push_str(&span[open.len()..end - CLOSE.len()]),
                None => out.push_str(&span[..end]),
            }
            rest = &span[end..];
        }
        out + rest
    }

    #[test]
    fn unstyled_spans_are_left_out_of_the_reference() {
        assert_eq!(
            unwrap_unstyled(
                "<span class=\"hl-keyword\">fn</span> <span class=\"hl-variable\">x</span><span class=\"hl-punctuation\">(</span><span>&amp;</span>"
            ),
            "<span class=\"hl-keyword\">fn</span> x(&amp;"
        );
    }

    /// The same HTML as arborium's own highlighter writes, but the spans left out.
    #[test]
    fn the_same_html_as_arborium_s_highlighter() {
        let store = Arc::new(GrammarStore::new());
        let config = Config {
            html_format: HtmlFormat::ClassNamesWithPrefix("hl".into()),
            ..Config::default()
        };
        let mut arborium = Highlighter::with_store_and_config(Arc::clone(&store), config);
        let mut bounded = BoundedHighlighter::new(store);
        let samples = [
            (
                "javascript",
                include_str!("../../../themes/default/static/guidebook.js"),
            ),
            (
                "css",
                include_str!("../../../themes/default/static/print.css"),
            ),
            // Fenced TOML, Rust and more: injections.
            ("markdown", include_str!("../../../README.md")),
            // A script and a style element: injections.
            (
                "html",
                include_str!("../../../themes/default/templates/paper.html"),
            ),
            (
                "html",
                "<p>a</p><script>/** @param {number} x */ let y = \"z\";</script><style>p { color: red }</style>",
            ),
            ("rust", include_str!("../../lib.rs")),
            ("toml", include_str!("../../../Cargo.toml")),
            ("json", include_str!("../../../tests/browser/package.json")),
            (
                "python",
                "def f(x):\n    \"\"\"Doc.\"\"\"\n    return f'{x!r}'\n",
            ),
        ];
        for (language, text) in samples {
            for bytes in [300, 2000, 12_000] {
                let code = head(text, bytes);
                let expected = arborium.highlight(language, code).ok();
                let expected = expected.map(|html| unwrap_unstyled(&html));
                assert_eq!(
                    bounded.html(language, code),
                    expected,
                    "{language}, {bytes} bytes"
                );
            }
        }
    }

    #[test]
    fn a_block_past_its_time_limit_is_given_up_and_the_next_one_starts_afresh() {
        let mut bounded = BoundedHighlighter::new(Arc::new(GrammarStore::new()));
        // A parse that takes too long (minutes), then a query (seconds; its parse is quick).
        for (language, code) in [
            ("java", "<!--".repeat(8 * 1024)),
            ("bash", "`".repeat(32 * 1024 - 1)),
        ] {
            let started = thread_time();
            assert_eq!(bounded.html(language, &code), None, "{language}");
            let took = thread_time().saturating_sub(started);
            assert!(took < time_limit(code.len()) * 2, "{language}: {took:?}");
        }
        let program = format!(
            "class A {{ int x = 1; }}\n{}",
            "// a comment line\n".repeat(80)
        );
        let html = (bounded.html("java", &program)).expect("a program is highlighted");
        assert!(
            html.contains("<span class=\"hl-keyword\">class</span>"),
            "{html}"
        );
    }
}
