//! Math and definition lists in lessons, through `guidebook build`: formulas become MathML on
//! the lesson page and in the print edition, terms become `dl`/`dt`/`dd`, prices stay text, a
//! formula the converter rejects is an error at its line and column, and whatever a formula
//! holds, its MathML is only MathML (a property test of the converter's output).

mod common;

use std::path::Path;

use common::*;
use guidebook::markdown::math::to_mathml;
use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};

const A: &str = "content/01-a.md";

const BODY: &str = r#"
## The area $\pi r^2$

A circle of radius $r$ covers $\pi r^2$; half of it, $\frac{\pi r^2}{2}$.

$$
r = \sqrt{\frac{A}{\pi}}
$$

The lead costs $5 and the harness $10.

Harness
: A vest or H-shape, worn snug.

Lead
: The line between you and the cat.
"#;

fn math_guide() -> (Workspace, std::path::PathBuf) {
    let workspace = write_guide(&[(A, &lesson("A", 1, "", BODY))]);
    let out = workspace.build_ok();
    (workspace, out)
}

/// The lesson body of a lesson page (`.prose`) or of the print edition (`.lesson-body`).
fn body<'a>(html: &'a Html, css: &str) -> ElementRef<'a> {
    select(html, css).into_iter().next().expect("a lesson body")
}

fn texts(element: ElementRef<'_>, css: &str) -> Vec<String> {
    select_in(element, css)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Checks a rendered lesson body: its formulas and its definition list.
fn assert_math_and_terms(body: ElementRef<'_>) {
    let inline = select_in(body, "p > math:not([display])");
    assert_eq!(inline.len(), 3, "{}", body.html());
    assert_eq!(select_in(body, "h2 > math").len(), 1, "{}", body.html());
    let display = select_in(body, "math[display=block]");
    assert_eq!(display.len(), 1, "{}", body.html());
    assert_eq!(select_in(display[0], "msqrt > mfrac").len(), 1);
    assert_eq!(select_in(body, "p > math > mfrac").len(), 1);
    assert!(select_in(body, ".math-error, .math").is_empty());
    // Prices are not formulas.
    let prices = texts(body, "p")
        .into_iter()
        .find(|p| p.starts_with("The lead"))
        .expect("the prices paragraph");
    assert_eq!(prices, "The lead costs $5 and the harness $10.");
    assert_eq!(texts(body, "dl > dt"), ["Harness", "Lead"]);
    assert_eq!(
        texts(body, "dl > dd"),
        [
            "A vest or H-shape, worn snug.",
            "The line between you and the cat."
        ]
    );
}

#[test]
fn formulas_become_mathml_and_terms_a_definition_list() {
    let (_workspace, out) = math_guide();
    let html = page(&out, "a.html");
    assert_math_and_terms(body(&html, ".prose"));
    // The heading's anchor and its table-of-contents entry read the formula as LaTeX.
    assert_eq!(
        select_one(&html, "h2 > math")
            .parent()
            .and_then(ElementRef::wrap)
            .and_then(|h| h.value().id()),
        Some("the-area-pi-r2")
    );
}

#[test]
fn the_print_edition_has_the_same_mathml() {
    let (_workspace, out) = math_guide();
    let print = page(&out, "print.html");
    assert_math_and_terms(body(&print, ".lesson-body"));
    let web = page(&out, "a.html");
    let mathml = |html: &Html, css: &str| -> Vec<String> {
        select(html, &format!("{css} math"))
            .iter()
            .map(|m| m.html())
            .collect()
    };
    assert_eq!(mathml(&print, ".lesson-body"), mathml(&web, ".prose"));
}

#[test]
fn the_search_index_has_no_mathml() {
    let (_workspace, out) = math_guide();
    let texts = search_texts(&out);
    let text = &texts[0];
    assert!(!text.contains('<') && !text.contains("\\frac"), "{text}");
    assert!(text.contains("A circle of radius covers"), "{text}");
    assert!(text.contains("Harness A vest or H-shape"), "{text}");
}

/// Builds a lesson with `body` that must fail, returning its only error.
fn math_error(body: &str) -> Diag {
    let workspace = write_guide(&[(A, &lesson("A", 1, "", body))]);
    let diagnostics = workspace.build_errors();
    single_error(&diagnostics).clone()
}

#[test]
fn an_unknown_command_is_an_error_at_its_line_and_column() {
    // Front matter is lines 1-5; line 6 empty, line 7 the formula.
    let error = math_error("\nArea: $\\pi \\unknowncommand r^2$.\n");
    assert_diag(&error, A, 7, 12, "unknown command \"\\unknowncommand\"");
    assert_help(&error, "`\\$`");
}

#[test]
fn a_missing_superscript_is_an_error_where_it_is_missing() {
    let error = math_error("\nText.\n\n$$\nx^\n$$\n");
    // `x^` is line 10: the formula ends before its argument, at the closing `$$` of line 11.
    assert_diag(&error, A, 11, 1, "expected argument");
}

#[test]
fn a_formula_nested_a_thousand_deep_is_an_error_not_a_crash() {
    let deep = format!("{}x{}", "\\frac{".repeat(2_000), "}{1}".repeat(2_000));
    let error = math_error(&format!("\n${deep}$\n"));
    assert_eq!((error.file.as_str(), error.line), (A, 7), "{error:#?}");
    assert!(error.message.contains("nests too deeply"), "{error:#?}");
}

#[test]
fn check_reports_a_bad_formula_too() {
    let workspace = write_guide(&[(A, &lesson("A", 1, "", "\nSee $\\nope$.\n"))]);
    let run = workspace.check(&[]);
    run.assert_code(1);
    let diagnostics = parse_diagnostics(&run.stderr);
    assert_diag(single_error(&diagnostics), A, 7, 6, "unknown command");
    assert!(!Path::new(&workspace.out()).exists());
}

/// `\operatorname` writes its text into the page as it is in math-core; a formula that closes
/// its `<math>` there must stay a formula, on the lesson page and in the print edition.
#[test]
fn a_formula_cannot_carry_markup_out_of_its_math() {
    let markdown = "\nAttack $\\operatorname{</math><svg/onload=alert(1)>}$ and $\\operatorname{a<b}$ and\n\n$$\\operatorname*{</mo><mi>x\\&y}_x$$\n";
    let workspace = write_guide(&[(A, &lesson("A", 1, "", markdown))]);
    let out = workspace.build_ok();
    for (name, css) in [("a.html", ".prose"), ("print.html", ".lesson-body")] {
        let html = page(&out, name);
        let lesson = body(&html, css);
        for element in lesson.descendants().filter_map(ElementRef::wrap) {
            let tag = element.value().name();
            assert!(!["svg", "script"].contains(&tag), "{name}: <{tag}>");
        }
        let everything = Selector::parse("*").unwrap();
        for element in html.select(&everything) {
            for (attribute, _) in element.value().attrs() {
                assert!(!attribute.starts_with("on"), "{name}: {attribute}");
            }
        }
        assert_eq!(
            texts(lesson, "math > mo"),
            ["</math><svg/onload=alert(1)>", "a<b"],
            "{name}"
        );
        assert_eq!(
            texts(lesson, "math munder > mo"),
            ["</mo><mi>x&y"],
            "{name}"
        );
        assert_eq!(select_in(lesson, "math mi").len(), 1, "{name}: only the x");
    }
}

/// Pieces of formulas: commands whose arguments are text, markup and escapes that would be
/// markup if they reached the page as they are, and ordinary LaTeX.
const PIECES: &[&str] = &[
    "\\operatorname",
    "\\operatorname*",
    "\\operatornamewithlimits",
    "\\text",
    "\\textbf",
    "\\texttt",
    "\\textit",
    "\\mathrm",
    "\\mathbf",
    "\\mathit",
    "\\mathsf",
    "\\mathop",
    "\\mathbin",
    "\\mathrel",
    "\\not",
    "\\slashed",
    "\\tag",
    "\\frac",
    "\\sqrt",
    "\\color",
    "\\begin{align}",
    "\\end{align}",
    "\\begin{array}{c}",
    "\\end{array}",
    "{",
    "}",
    "{",
    "}",
    "<",
    ">",
    "&",
    "\\&",
    "\\lt",
    "\\gt",
    "\"",
    "'",
    "`",
    "</math>",
    "<svg/onload=alert(1)>",
    "<mi>",
    "</mo>",
    "&lt;",
    "&amp",
    ";",
    "a",
    "x",
    "1",
    " ",
    "^",
    "_",
    "\\\\",
    "\\,",
    "\\alpha",
    "é",
    "%",
    "\n",
    "#",
    "\\{",
    "\\}",
    "\u{FDD0}",
    "\u{FDD1}",
    "\u{338}",
    "\u{FE0E}",
    "red",
];

/// Elements whose tags may be in a formula's MathML: MathML, and the HTML `\text` styles put in
/// `<mtext>` (its own list, not the library's).
const MATHML_TAGS: &[&str] = &[
    "math",
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
    "semantics",
    "annotation",
    "b",
    "i",
    "em",
    "code",
    "span",
    "s",
    "u",
];

fn formula() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(PIECES), 0..14)
            .prop_map(|pieces| pieces.concat()),
        1 => any::<String>(),
    ]
}

/// Every `<` of `mathml` opens or closes a MathML tag, every `&` starts an escape, and read
/// as HTML it is one `<math>` holding MathML (HTML only inside `<mtext>`), no handlers.
fn assert_only_mathml(tex: &str, mathml: &str) -> Result<(), TestCaseError> {
    for (at, _) in mathml.match_indices('<') {
        let tag = mathml[at + 1..].trim_start_matches('/');
        let name: String = tag.chars().take_while(char::is_ascii_lowercase).collect();
        let after = tag[name.len()..].chars().next();
        prop_assert!(
            MATHML_TAGS.contains(&name.as_str()) && matches!(after, Some(' ' | '>' | '/')),
            "{tex:?}: a `<` that opens no MathML tag at {at}: {mathml}"
        );
    }
    for (at, _) in mathml.match_indices('&') {
        let escape: String = mathml[at + 1..].chars().take_while(|c| *c != ';').collect();
        let known = ["lt", "gt", "amp", "quot", "apos", "nbsp"].contains(&escape.as_str())
            || escape
                .strip_prefix("#x")
                .is_some_and(|hex| !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()))
            || escape.strip_prefix('#').is_some_and(|digits| {
                !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
            });
        prop_assert!(
            known && mathml[at..].contains(';'),
            "{tex:?}: a broken escape at {at}: {mathml}"
        );
    }
    let page = Html::parse_fragment(&format!("<p>{mathml}</p><hr>"));
    let paragraph = Selector::parse("p").unwrap();
    let paragraphs: Vec<_> = page.select(&paragraph).collect();
    prop_assert_eq!(paragraphs.len(), 1, "{:?}: {}", tex, mathml);
    let children: Vec<_> = paragraphs[0]
        .children()
        .filter_map(ElementRef::wrap)
        .collect();
    prop_assert!(
        children.len() == 1 && children[0].value().name() == "math",
        "{tex:?}: the paragraph holds more than the formula: {mathml}"
    );
    for element in children[0].descendants().filter_map(ElementRef::wrap) {
        let name = element.value().name();
        prop_assert!(MATHML_TAGS.contains(&name), "{tex:?}: <{name}> in {mathml}");
        for (attribute, _) in element.value().attrs() {
            prop_assert!(
                !attribute.starts_with("on"),
                "{tex:?}: {attribute} in {mathml}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any formula: MathML that is only MathML, or an error.
    #[test]
    fn any_formula_gives_only_mathml(tex in formula(), display in any::<bool>()) {
        match to_mathml(&tex, display) {
            Ok(mathml) => assert_only_mathml(&tex, &mathml)?,
            // The last check never has to refuse what the converter wrote.
            Err(problem) => prop_assert!(!problem.message.contains("well-formed"), "{:?}: {:?}", tex, problem),
        }
    }
}
