//! Math: `$...$` (inline) and `$$...$$` (display) become MathML Core when the guide is built,
//! with math-core, so a formula needs no JavaScript on the page and prints as it shows. A
//! formula the converter cannot read is an error at its place in the file; the body keeps its
//! LaTeX source in a `<code class="math-error">` in its place, so the rendered body is whole
//! even though a build with errors publishes nothing.
//!
//! What counts as a formula is pulldown-cmark's decision (`Options::ENABLE_MATH`): no space
//! inside the delimiters, and a closing `$` not followed by a digit, so prices (`$5 and $10`)
//! stay text. A `$...$` whose braces do not balance (`$x^{$`) also stays text and never reaches
//! this pass; it is not reported, since a lone `$` is just as often money.
//!
//! Runs after the passes that need a formula as plain text (heading anchors, checklist labels,
//! image alt text keep its LaTeX source) and before callouts, which keep safety notes as HTML.
//! `math/depth.rs` gives every conversion the stack it needs; `math/names.rs` escapes operator
//! names, the one text math-core writes as it is, and `math/wellformed.rs` refuses MathML that
//! could be markup outside its formula.

use std::ops::Range;
use std::sync::LazyLock;

use math_core::{LatexError, LatexToMathML, MathCoreConfig, MathDisplay};
use pulldown_cmark::{CowStr, Event};
use pulldown_cmark_escape::{escape_html, escape_html_body_text};

use super::{Found, MarkdownInput, Spanned};
use crate::diagnostics::Diagnostic;
use depth::Refused;
use tex::commands;

mod depth;
mod names;
mod tex;
mod wellformed;

/// One converter for every page: it holds only its configuration (`Send + Sync`), and
/// conversions with local state share nothing.
static CONVERTER: LazyLock<LatexToMathML> = LazyLock::new(|| {
    LatexToMathML::new(MathCoreConfig::default())
        .expect("the default configuration defines no macros that could fail to parse")
});

const LABEL_HELP: &str = "each formula is converted on its own, so equation labels cannot be \
     linked: refer to the equation in words, or put it under a heading and link to that";

const HELP: &str = "formulas are LaTeX math between `$...$` (inline) or `$$...$$` (display), \
     turned into MathML when the guide is built; a dollar sign that is not math is written `\\$`";

/// Turns every formula into MathML, recording an error for each one that cannot be converted.
pub fn run<'a>(
    mut events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    for (event, range) in events.iter_mut() {
        let (tex, display) = match event {
            Event::InlineMath(tex) => (tex, false),
            Event::DisplayMath(tex) => (tex, true),
            _ => continue,
        };
        let html = match to_mathml(tex, display) {
            Ok(mathml) => mathml,
            Err(problem) => {
                found
                    .problems
                    .push(diagnostic(input, range, tex, display, &problem));
                error_html(tex, display, &problem.message)
            }
        };
        *event = Event::InlineHtml(CowStr::from(html));
    }
    events
}

/// Why a formula could not be converted, and where in its LaTeX.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MathProblem {
    /// Byte range in the formula's LaTeX (between the delimiters).
    pub range: Range<usize>,
    pub message: String,
    pub label: &'static str,
    pub help: &'static str,
}

/// The MathML of one formula: `<math>` inline, `<math display="block">` for display.
pub fn to_mathml(tex: &str, display: bool) -> Result<String, MathProblem> {
    if let Some(command) = commands(tex).find(|(_, name)| *name == "label" || *name == "eqref") {
        return Err(MathProblem {
            range: command.0,
            message: format!("`\\{}` is not supported", command.1),
            label: "would put an id or a link in the page",
            help: LABEL_HELP,
        });
    }
    if let Some(range) = names::first_mark(tex) {
        return Err(MathProblem {
            range,
            message: "a formula cannot hold the Unicode noncharacters U+FDD0 and U+FDD1"
                .to_string(),
            label: "this character",
            help: "take the character out of the formula",
        });
    }
    let marked = names::mark(tex);
    let source = marked.as_ref().map_or(tex, |marked| marked.tex.as_str());
    let mathml = convert(source, display).map_err(|mut problem| {
        if let Some(marked) = &marked {
            problem.range = marked.original_range(&problem.range);
        }
        problem
    })?;
    let mathml = match marked {
        Some(_) => names::unmark(&mathml).ok_or_else(|| failed(NOT_WELL_FORMED))?,
        None => mathml,
    };
    match wellformed::check(&mathml) {
        Ok(()) => Ok(mathml),
        Err(_) => Err(failed(NOT_WELL_FORMED)),
    }
}

/// The error for MathML that could be markup outside the formula (never seen: it would be a
/// text that the converter and [`names`] both leave unescaped).
const NOT_WELL_FORMED: &str = "the formula's MathML is not well-formed, so it is not written";

/// The converter's MathML for `tex`, on a stack large enough for it.
fn convert(tex: &str, display: bool) -> Result<String, MathProblem> {
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    // The converter is another crate's code: a panic on some input is an error, not a crash.
    let convert = || {
        std::panic::catch_unwind(|| CONVERTER.convert_with_local_state(tex, mode))
            .map_err(|_| failed("the converter failed on this formula"))?
            .map(|result| result.mathml)
            .map_err(|error| problem(tex, &error))
    };
    match depth::with_stack_for(tex, convert) {
        Ok(converted) => converted,
        Err(Refused::TooDeep { at }) => Err(MathProblem {
            range: at..at,
            message: "the formula is too long or nests too deeply to convert".to_string(),
            label: "more than 1,000 levels from here",
            help: "split it into smaller formulas",
        }),
        Err(Refused::NoThread) => Err(failed("no memory to convert this formula")),
    }
}

fn failed(message: &str) -> MathProblem {
    MathProblem {
        range: 0..0,
        message: message.to_string(),
        label: "here",
        help: HELP,
    }
}

fn problem(tex: &str, error: &LatexError) -> MathProblem {
    let message = error.error_message();
    let message = message.trim_end_matches('.');
    let mut chars = message.chars();
    let message = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "the formula cannot be read".to_string(),
    };
    let start = tex.floor_char_boundary(error.0.start);
    let end = tex.floor_char_boundary(error.0.end.max(error.0.start));
    MathProblem {
        range: start..end,
        message,
        label: error.label(),
        help: HELP,
    }
}

/// The error for a formula, at the spot in the file that the converter names.
fn diagnostic(
    input: &MarkdownInput<'_>,
    range: &Range<usize>,
    tex: &str,
    display: bool,
    problem: &MathProblem,
) -> Diagnostic {
    let span = source_range(input.markdown, range, tex, display, &problem.range)
        .unwrap_or_else(|| range.clone());
    Diagnostic::error(
        input.file,
        input.span(&span),
        format!("math: {}", problem.message),
    )
    .with_label(problem.label)
    .with_help(problem.help)
}

/// Where a range of a formula's LaTeX is in the Markdown. The LaTeX is the text between the
/// delimiters, except that a formula running over several lines of a block quote or list item
/// loses each line's `>` or indent: so its lines are found in the source one after the other.
fn source_range(
    markdown: &str,
    event: &Range<usize>,
    tex: &str,
    display: bool,
    within: &Range<usize>,
) -> Option<Range<usize>> {
    let delimiter = if display { 2 } else { 1 };
    let inner = event.start + delimiter..event.end.checked_sub(delimiter)?;
    let source = markdown.get(inner.clone())?;
    let start = source_offset(source, tex, within.start)?;
    let end = source_offset(source, tex, within.end)?.max(start);
    Some(inner.start + start..inner.start + end)
}

/// The offset in `source` of byte `at` of `tex` (which is `source` minus line prefixes).
fn source_offset(source: &str, tex: &str, at: usize) -> Option<usize> {
    let mut from = 0;
    let mut line_start = 0;
    for line in tex.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let found = from + source.get(from..)?.find(line)?;
        if at < line_end || line_end == tex.len() {
            return Some(found + at.checked_sub(line_start)?);
        }
        from = found + line.len();
        line_start = line_end;
    }
    (at == 0).then_some(0)
}

/// What stands in for a formula that could not be converted: its source, as code.
fn error_html(tex: &str, display: bool, message: &str) -> String {
    let delimiter = if display { "$$" } else { "$" };
    let mut html = String::from("<code class=\"math-error\" title=\"");
    escape_html(&mut html, message).expect("writing to a String cannot fail");
    html.push_str("\">");
    html.push_str(delimiter);
    escape_html_body_text(&mut html, tex).expect("writing to a String cannot fail");
    html.push_str(delimiter);
    html.push_str("</code>");
    html
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Selector};

    use super::*;
    use crate::markdown::{
        Edition, HighlightCache, PageMap, RenderedMarkdown, Target, render_test_lesson,
    };

    fn render_for(markdown: &str, offset: usize, target: Target) -> RenderedMarkdown {
        let (pages, highlights) = (PageMap::default(), HighlightCache::for_one_build());
        render_test_lesson(
            markdown,
            offset,
            target,
            Edition::Learner,
            &pages,
            &highlights,
        )
    }

    fn render(markdown: &str) -> RenderedMarkdown {
        render_for(markdown, 0, Target::Web)
    }

    fn count(html: &str, css: &str) -> usize {
        let selector = Selector::parse(css).expect("a valid selector");
        Html::parse_fragment(html).select(&selector).count()
    }

    /// The one problem of `markdown`, and the text its span covers.
    fn only_problem(markdown: &str) -> (Diagnostic, &str) {
        let out = render(markdown);
        assert_eq!(out.problems.len(), 1, "{:#?}", out.problems);
        let problem = out.problems[0].clone();
        let covered = &markdown[problem.span.clone()];
        (problem, covered)
    }

    #[test]
    fn inline_and_display_formulas_become_mathml() {
        let out = render("The ratio $\\frac{a}{b}$ and\n\n$$\\sqrt{x^2 + 1}$$\n");
        assert!(out.problems.is_empty(), "{:#?}", out.problems);
        assert_eq!(
            count(&out.html, "p > math:not([display])"),
            1,
            "{}",
            out.html
        );
        assert_eq!(count(&out.html, "math > mfrac"), 1, "{}", out.html);
        assert_eq!(
            count(&out.html, "p > math[display=block]"),
            1,
            "{}",
            out.html
        );
        assert_eq!(count(&out.html, "math msqrt msup"), 1, "{}", out.html);
        assert!(!out.html.contains("class=\"math"), "{}", out.html);
    }

    #[test]
    fn special_characters_in_formulas_are_escaped() {
        let out = render("$a < b$ and $\\text{<b>x</b>}$\n");
        assert!(out.problems.is_empty(), "{:#?}", out.problems);
        assert_eq!(count(&out.html, "b"), 0, "{}", out.html);
        assert!(out.html.contains("<mo>&lt;</mo>"), "{}", out.html);
    }

    #[test]
    fn prices_and_spaced_dollars_stay_text() {
        for text in [
            "It costs $5 and $10 at most.\n",
            "US$5, or $5.50 each.\n",
            "A $ sign and $ x $.\n",
            "Unbalanced $x^{$ stays as it is.\n",
            "Escaped \\$x\\$ and `$code$`.\n",
        ] {
            let out = render(text);
            assert!(out.problems.is_empty(), "{text}: {:#?}", out.problems);
            assert_eq!(count(&out.html, "math"), 0, "{text}: {}", out.html);
        }
    }

    #[test]
    fn an_unknown_command_is_an_error_at_the_command() {
        let text = "# Title\n\nThen $x + \\unknowncommand$ follows.\n";
        let (problem, covered) = only_problem(text);
        assert_eq!(covered, "\\unknowncommand");
        assert_eq!(
            problem.message,
            "math: unknown command \"\\unknowncommand\""
        );
        assert_eq!(problem.label.as_deref(), Some("unknown command"));
        assert!(problem.help.as_deref().is_some_and(|h| h.contains("`\\$`")));
    }

    #[test]
    fn a_missing_argument_is_an_error_where_it_is_missing() {
        let text = "Squares: $x^$.\n";
        let (problem, _) = only_problem(text);
        assert_eq!(problem.span, 12..12, "{problem:#?}");
        assert!(problem.message.contains("argument"), "{problem:#?}");
    }

    #[test]
    fn equation_labels_and_references_are_errors_at_the_command() {
        let text = "$$\\begin{align} a &= b \\label{main} \\end{align}$$\n";
        let (problem, covered) = only_problem(text);
        assert_eq!(covered, "\\label");
        assert_eq!(problem.message, "math: `\\label` is not supported");
        let (_, covered) = only_problem("See $\\eqref{main}$.\n");
        assert_eq!(covered, "\\eqref");
        // A line break before the word, or a comment, is no command.
        let out = render("$$\\begin{matrix} a \\\\label \\end{matrix} % \\label{x}\n$$\n");
        assert!(out.problems.is_empty(), "{:#?}", out.problems);
    }

    #[test]
    fn display_errors_count_the_two_dollar_delimiter() {
        let text = "Para.\n\n$$\\begin{pmatrix} a \\end{bmatrix}$$\n";
        let (problem, covered) = only_problem(text);
        assert_eq!(covered, "\\end{bmatrix}");
        assert!(problem.message.contains("\\end{pmatrix}"), "{problem:#?}");
    }

    #[test]
    fn errors_in_formulas_over_quoted_lines_point_into_the_right_line() {
        let text = "> Look:\n> $$\n> \\frac{1}{2}\n> \\cdot \\nope\n> $$\n";
        let (_, covered) = only_problem(text);
        assert_eq!(covered, "\\nope");
        let text = "- item $a +\n  \\nope$\n";
        let (_, covered) = only_problem(text);
        assert_eq!(covered, "\\nope");
        let text = "Windows $a +\r\n\\nope$\r\n";
        let (_, covered) = only_problem(text);
        assert_eq!(covered, "\\nope");
    }

    #[test]
    fn error_spans_are_in_the_file_not_the_body() {
        let front_matter = "---\ntitle: A\n---\n";
        let body = "Then $\\nope$.\n";
        let out = render_for(body, front_matter.len(), Target::Web);
        let file = format!("{front_matter}{body}");
        assert_eq!(&file[out.problems[0].span.clone()], "\\nope");
    }

    #[test]
    fn each_bad_formula_is_one_error_and_the_body_keeps_its_source() {
        let text = "One $\\nope$, two $$x^2^3$$, fine $y$.\n";
        let out = render(text);
        assert_eq!(out.problems.len(), 2, "{:#?}", out.problems);
        let covered: Vec<&str> = out.problems.iter().map(|p| &text[p.span.clone()]).collect();
        assert_eq!(covered, ["\\nope", "^"]);
        let selector = Selector::parse("code.math-error").expect("a valid selector");
        let fragment = Html::parse_fragment(&out.html);
        let shown: Vec<String> = fragment
            .select(&selector)
            .map(|code| code.text().collect())
            .collect();
        assert_eq!(shown, ["$\\nope$", "$$x^2^3$$"]);
        assert_eq!(count(&out.html, "math"), 1, "{}", out.html);
    }

    #[test]
    fn formulas_print_as_they_show() {
        let text = "## Area $\\pi r^2$\n\nIt is $$\\pi r^2$$\n";
        let web = render_for(text, 0, Target::Web);
        let print = render_for(text, 0, Target::Print);
        assert_eq!(count(&print.html, "math"), 2, "{}", print.html);
        let formulas = |html: &str| -> Vec<String> {
            (html.split("<math").skip(1))
                .map(|tail| tail.split("</math>").next().unwrap_or("").to_string())
                .collect()
        };
        let (web_math, print_math) = (formulas(&web.html), formulas(&print.html));
        assert_eq!(web_math, print_math);
    }

    #[test]
    fn plain_text_keeps_the_latex_and_search_leaves_formulas_out() {
        let out =
            render("## The $x^2$ rule\n\n- [ ] Square $x$ twice\n\nSo $\\frac{a}{b}$ holds.\n");
        assert_eq!(out.headings[0].text, "The x^2 rule");
        assert_eq!(out.headings[0].id, "the-x2-rule");
        assert_eq!(out.tasks[0].text, "Square x twice");
        assert_eq!(out.text, "The rule Square twice So holds.");
    }
}
