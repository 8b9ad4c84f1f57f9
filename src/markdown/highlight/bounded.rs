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
use std::ops::ControlFlow;
use std::sync::{Arc, LazyLock, OnceLock};
use std::time::Duration;

use arborium::advanced::{Span, spans_to_html};
use arborium::tree_sitter::{
    Language, Node, ParseOptions, ParseState, Parser, Query, QueryCursor, QueryCursorOptions,
    QueryCursorState, StreamingIterator,
};
use arborium::{GrammarStore, HtmlFormat};

/// How many levels of injected languages are highlighted (arborium's default).
const INJECTION_DEPTH: u32 = 3;

/// The time this thread has run: what a block took is its own work, however busy the machine.
#[cfg(target_os = "linux")]
fn thread_time() -> Duration {
    use rustix::time::{ClockId, clock_gettime};
    let now = clock_gettime(ClockId::ThreadCPUTime);
    let seconds = u64::try_from(now.tv_sec).unwrap_or_default();
    let nanoseconds = u32::try_from(now.tv_nsec).unwrap_or_default();
    Duration::new(seconds, nanoseconds)
}

/// Elsewhere, the time since the first block was highlighted (a busy machine gives up sooner).
#[cfg(not(target_os = "linux"))]
fn thread_time() -> Duration {
    static START: LazyLock<std::time::Instant> = LazyLock::new(std::time::Instant::now);
    START.elapsed()
}

/// How much of its thread's time a block of `bytes` bytes may take: 50 ms and 4 µs a byte (180 ms for 32 KiB, the
/// largest block highlighted), where a program of that size takes a few milliseconds; four
/// times that in an unoptimised build, whose grammars are compiled without optimisation too.
pub fn time_limit(bytes: usize) -> Duration {
    let per_byte = u64::try_from(bytes).unwrap_or(u64::MAX).saturating_mul(4);
    let limit = Duration::from_millis(50) + Duration::from_micros(per_byte);
    if cfg!(debug_assertions) {
        limit * 4
    } else {
        limit
    }
}

/// A language's grammar with its queries compiled, as arborium's `CompiledGrammar` holds them.
struct Grammar {
    language: Language,
    highlights: Query,
    injections: Option<Query>,
    /// The injection query's `@injection.content` and `@injection.language` captures.
    content: Option<u32>,
    language_capture: Option<u32>,
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
    let slot = GRAMMARS.get(name)?;
    slot.get_or_init(|| compile(name)).as_ref()
}

fn compile(name: &str) -> Option<Grammar> {
    let (language, highlights, injections) = grammar_source(name)?;
    let highlights = Query::new(&language, highlights).ok()?;
    let injections = (!injections.is_empty())
        .then(|| Query::new(&language, injections).ok())
        .flatten();
    let capture = |wanted: &str| {
        let names = injections.as_ref()?.capture_names();
        let index = names.iter().position(|name| *name == wanted)?;
        u32::try_from(index).ok()
    };
    let (content, language_capture) = (capture("injection.content"), capture("injection.language"));
    Some(Grammar {
        language,
        highlights,
        injections,
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
    parser: Parser,
    cursor: QueryCursor,
    format: HtmlFormat,
}

impl BoundedHighlighter {
    pub fn new(store: Arc<GrammarStore>) -> Self {
        BoundedHighlighter {
            store,
            parser: Parser::new(),
            cursor: QueryCursor::new(),
            format: HtmlFormat::ClassNamesWithPrefix("hl".into()),
        }
    }

    /// `code` as HTML with its tokens in `<span class="hl-…">`; `None` when `language` is not
    /// highlighted or the work took longer than [`time_limit`].
    pub fn html(&mut self, language: &str, code: &str) -> Option<String> {
        let grammar = grammar(language)?;
        let mut deadline = thread_time() + time_limit(code.len());
        let spans = self.spans(grammar, code, INJECTION_DEPTH, &mut deadline)?;
        Some(spans_to_html(code, spans, &self.format))
    }

    /// The spans of `source` and, `depth` levels deep, of the pieces injected into it, with
    /// their offsets in `source`; `None` past the deadline.
    fn spans(
        &mut self,
        grammar: &Grammar,
        source: &str,
        depth: u32,
        deadline: &mut Duration,
    ) -> Option<Vec<Span>> {
        self.parser.set_language(&grammar.language).ok()?;
        let until = *deadline;
        let mut on_parse = |_: &ParseState| stop_at(until);
        let options = ParseOptions::new().progress_callback(&mut on_parse);
        let bytes = source.as_bytes();
        let mut read = |at: usize, _| bytes.get(at..).unwrap_or_default();
        let tree = self
            .parser
            .parse_with_options(&mut read, None, Some(options));
        let Some(tree) = tree else {
            // A parse given up would otherwise be resumed by the next one.
            self.parser.reset();
            return None;
        };
        let root = tree.root_node();
        let mut spans = self.highlights(grammar, root, bytes, *deadline)?;
        if depth == 0 {
            return Some(spans);
        }
        for injection in self.injections(grammar, root, bytes, *deadline)? {
            let piece = source.get(injection.start..injection.end);
            let Some(piece) = piece.filter(|piece| !piece.is_empty()) else {
                continue;
            };
            // A grammar compiled now takes none of the block's time.
            let compiling = thread_time();
            let inner = resolve(&injection.language, &self.store);
            *deadline += thread_time().saturating_sub(compiling);
            let Some(inner) = inner else {
                continue;
            };
            let offset = u32::try_from(injection.start).ok()?;
            let inner_spans = self.spans(inner, piece, depth - 1, deadline)?;
            spans.extend(inner_spans.into_iter().map(|mut span| {
                span.start += offset;
                span.end += offset;
                span
            }));
        }
        Some(spans)
    }

    /// A span for each capture of the highlighting query, but internal (`_x`) and injection
    /// ones.
    fn highlights(
        &mut self,
        grammar: &Grammar,
        root: Node<'_>,
        source: &[u8],
        deadline: Duration,
    ) -> Option<Vec<Span>> {
        let names = grammar.highlights.capture_names();
        let mut on_progress = |_: &QueryCursorState| stop_at(deadline);
        let options = QueryCursorOptions::new().progress_callback(&mut on_progress);
        let mut matches =
            (self.cursor).matches_with_options(&grammar.highlights, root, source, options);
        let mut spans = Vec::new();
        while let Some(found) = matches.next() {
            for capture in found.captures {
                let name = names[capture.index as usize];
                if name.starts_with('_') || name.starts_with("injection.") {
                    continue;
                }
                spans.push(Span {
                    start: u32::try_from(capture.node.start_byte()).ok()?,
                    end: u32::try_from(capture.node.end_byte()).ok()?,
                    capture: name.to_string(),
                    pattern_index: u32::try_from(found.pattern_index).ok()?,
                });
            }
        }
        // A query stopped at the deadline ends as if it were done.
        (thread_time() < deadline).then_some(spans)
    }

    /// The pieces the injection query marks, each with its language: from the pattern's
    /// `injection.language` setting or the text of its `@injection.language` capture.
    fn injections(
        &mut self,
        grammar: &Grammar,
        root: Node<'_>,
        source: &[u8],
        deadline: Duration,
    ) -> Option<Vec<Injection>> {
        let Some(query) = &grammar.injections else {
            return Some(Vec::new());
        };
        let mut on_progress = |_: &QueryCursorState| stop_at(deadline);
        let options = QueryCursorOptions::new().progress_callback(&mut on_progress);
        let mut matches = (self.cursor).matches_with_options(query, root, source, options);
        let mut injections = Vec::new();
        while let Some(found) = matches.next() {
            let mut language = (query.property_settings(found.pattern_index).iter())
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
            if let (Some(node), Some(language)) = (content, language) {
                injections.push(Injection {
                    start: node.start_byte(),
                    end: node.end_byte(),
                    language,
                });
            }
        }
        (thread_time() < deadline).then_some(injections)
    }
}

/// Tells tree-sitter to stop once this thread's time has reached `deadline`.
fn stop_at(deadline: Duration) -> ControlFlow<()> {
    if thread_time() >= deadline {
        ControlFlow::Break(())
    } else {
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use arborium::{Config, Highlighter};

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
