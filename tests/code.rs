//! Fenced code on the built site: highlighted blocks, output/error/warning blocks, shell sessions
//! and unknown languages, in the HTML shape the theme relies on (the manual's "Templates" page);
//! the same blocks in the print edition; code kept out of the search index; and the theme's token
//! colours readable on the code background in both palettes.

mod common;

use std::fs;

use common::*;
use scraper::{ElementRef, Html};

const BODY: &str = r#"
## A first program

Words to find: harnessing.

```python
def greet(name):
    return f"hi {name}" if name else None  # say hello
```

```output
hi <cat> & co
```

```sh
echo "a" | grep a
```

```console
$ ls -l \
  /tmp
total 0
$ pwd
/home/cat
```

```error
Traceback: x < y
```

```Warning
careful
```

```cobol
DISPLAY 'A < B'.
```

```
plain fence
```

    indented code
"#;

fn built() -> (Workspace, std::path::PathBuf) {
    let workspace = write_guide(&[("content/01-code.md", &lesson("Code", 1, "", BODY))]);
    let out = workspace.build_ok();
    (workspace, out)
}

/// The code blocks of a page, by their position.
fn blocks(html: &Html) -> Vec<ElementRef<'_>> {
    select(html, "div.code-block")
}

/// The class attribute's words, in the order written.
fn classes(element: ElementRef<'_>) -> Vec<&str> {
    element
        .value()
        .attr("class")
        .unwrap_or("")
        .split_whitespace()
        .collect()
}

/// The text of an element exactly as written (no whitespace collapsed).
fn raw_text(element: ElementRef<'_>) -> String {
    element.text().collect()
}

#[test]
fn fenced_code_has_the_theme_s_structure_and_classes() {
    let (_workspace, out) = built();
    let html = page(&out, "code.html");
    let blocks = blocks(&html);
    assert_eq!(
        blocks.len(),
        7,
        "every fence with an info string is a code block"
    );

    // A language: wrapper with data-lang, <pre><code class="language-…"> and token spans.
    let python = blocks[0];
    assert_eq!(classes(python), ["code-block"]);
    assert_eq!(attr(python, "data-lang"), "python");
    let code = select_in(python, ":scope > pre > code.language-python");
    assert_eq!(code.len(), 1, "{}", python.html());
    let keyword = select_in(python, "span.hl-keyword");
    assert_eq!(text(keyword[0]), "def");
    assert!(
        select_in(python, "span.hl-comment")
            .iter()
            .any(|c| text(*c) == "# say hello")
    );
    assert!(!select_in(python, "span.hl-string").is_empty());
    assert_eq!(
        raw_text(code[0]),
        "def greet(name):\n    return f\"hi {name}\" if name else None  # say hello",
        "the code's text is kept exactly"
    );

    // Output: labelled, not code, text escaped.
    let output = blocks[1];
    assert_eq!(classes(output), ["code-block", "code-output"]);
    assert_eq!(
        text(select_one_in(output, ":scope > p.code-label")),
        "Output"
    );
    let printed = select_one_in(output, ":scope > pre > code");
    assert_eq!(raw_text(printed), "hi <cat> & co");
    assert!(printed.value().attr("class").is_none(), "{}", output.html());
    assert!(output.value().attr("data-lang").is_none());

    // An alias names its language.
    let shell = blocks[2];
    assert_eq!(attr(shell, "data-lang"), "bash");
    assert_eq!(select_in(shell, "code.language-bash").len(), 1);

    // A session: prompts and output lines marked, commands highlighted.
    let session = blocks[3];
    assert_eq!(attr(session, "data-lang"), "console");
    let prompts = select_in(session, "span.hl-prompt");
    assert_eq!(prompts.len(), 2);
    assert!(prompts.iter().all(|p| raw_text(*p) == "$ "));
    let outputs: Vec<String> = select_in(session, "span.hl-output")
        .into_iter()
        .map(raw_text)
        .collect();
    assert_eq!(outputs, ["total 0\n", "/home/cat"]);
    assert!(
        !select_in(session, "span.hl-function").is_empty(),
        "{}",
        session.html()
    );
    let code = select_one_in(session, "code");
    let mut commands = raw_text(code);
    for part in outputs.iter().map(String::as_str).chain(["$ ", "$ "]) {
        commands = commands.replacen(part, "", 1);
    }
    assert_eq!(
        commands, "ls -l \\\n  /tmp\npwd\n",
        "what the copy button copies"
    );

    // Error and warning: output blocks with a modifier class and their label.
    for (block, kind, label) in [
        (blocks[4], "code-error", "Error"),
        (blocks[5], "code-warning", "Warning"),
    ] {
        assert_eq!(classes(block), ["code-block", "code-output", kind]);
        assert_eq!(text(select_one_in(block, "p.code-label")), label);
        assert!(select_in(block, "span").is_empty(), "{}", block.html());
    }
    assert_eq!(
        raw_text(select_one_in(blocks[4], "code")),
        "Traceback: x < y"
    );

    // An unknown language: the wrapper, its name, the text plain.
    let cobol = blocks[6];
    assert_eq!(attr(cobol, "data-lang"), "cobol");
    let code = select_one_in(cobol, "code.language-cobol");
    assert!(select_in(cobol, "span").is_empty(), "{}", cobol.html());
    assert_eq!(raw_text(code), "DISPLAY 'A < B'.");

    // No language: as CommonMark renders it.
    let plain: Vec<String> = select(&html, "pre > code")
        .into_iter()
        .filter(|code| {
            code.ancestors()
                .filter_map(ElementRef::wrap)
                .all(|a| !classes(a).contains(&"code-block"))
        })
        .map(raw_text)
        .collect();
    assert_eq!(plain, ["plain fence\n", "indented code\n"]);

    // Colours come from the theme, never from the HTML; the copy button from the script.
    for block in &blocks {
        assert!(!block.html().contains("style="), "{}", block.html());
    }
    assert!(select(&html, ".code-copy").is_empty());
}

#[test]
fn code_blocks_show_their_language_but_output_blocks_do_not() {
    let (_workspace, out) = built();
    for file in ["code.html", "print.html"] {
        let html = page(&out, file);
        let labels: Vec<(String, String)> = blocks(&html)
            .into_iter()
            .map(|block| {
                let label = select_in(block, ":scope > p.code-lang")
                    .first()
                    .map(|l| text(*l))
                    .unwrap_or_default();
                let lang = block.value().attr("data-lang").unwrap_or_default();
                (lang.to_string(), label)
            })
            .collect();
        let expected = [
            ("python", "Python"),
            ("", ""),
            ("bash", "Bash"),
            ("console", "Shell session"),
            ("", ""),
            ("", ""),
            ("cobol", "cobol"),
        ];
        let expected: Vec<(String, String)> = (expected.iter())
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(labels, expected, "{file}");
    }
    // In another language, the shell session's label is translated.
    let workspace = write_guide(&[
        ("guide.toml", "title = \"Guía\"\nlanguage = \"es\"\n"),
        (
            "content/01-code.md",
            &lesson(
                "Código",
                1,
                "",
                "```console\n$ ls\n```\n\n```rust,ignore\nfn main() {}\n```\n",
            ),
        ),
    ]);
    let html = page(&workspace.build_ok(), "code.html");
    let labels: Vec<String> = select(&html, "p.code-lang").into_iter().map(text).collect();
    assert_eq!(labels, ["Sesión de terminal", "Rust"]);
}

#[test]
fn hidden_lines_are_marked_as_mdbook_marks_them() {
    let workspace = copy_fixture("mdbook");
    let out = workspace.build_ok();
    for file in ["mdbook.html", "print.html"] {
        let html = page(&out, file);
        // mdBook's example: `# fn main() {` ... `# }` around the shown lines.
        let block = select(&html, "main .code-block[data-lang=rust]")
            .into_iter()
            .find(|b| text(*b).contains("let y = 6;"))
            .expect("the hiding example");
        let hidden: Vec<String> = select_in(block, ".code-hidden")
            .into_iter()
            .map(raw_text)
            .collect();
        assert_eq!(hidden, ["fn main() {\n", "}"], "{file}");
        let code = raw_text(select_one_in(block, "code"));
        assert!(code.starts_with("fn main() {\n    let x = 5;"), "{code}");
        // A Python block hides `~` lines: guide.toml's [code.hidelines].
        let python = select(&html, "main .code-block[data-lang=python]")
            .into_iter()
            .find(|b| text(*b).contains("nothidden"))
            .expect("the prefix example");
        let hidden: Vec<String> = select_in(python, ".code-hidden")
            .into_iter()
            .map(raw_text)
            .collect();
        assert_eq!(
            hidden,
            ["hidden()\n", "    hidden()\n", "    hidden()\n"],
            "{file}"
        );
    }
    // rustdoc_include: the lines outside the selection are hidden, highlighted all the same.
    let html = page(&out, "listings.html");
    let block = select(&html, "main .code-block[data-lang=rust]")[1];
    assert!(raw_text(select_one_in(block, "code")).contains("greet(\"reader\")"));
    assert_eq!(
        select_in(block, ".code-hidden").len(),
        13,
        "the 16 lines but 13 to 15"
    );
    assert!(
        !select_in(block, ".code-hidden .hl-keyword").is_empty(),
        "hidden lines are highlighted too"
    );
}

#[test]
fn a_code_table_with_a_misspelt_key_or_an_empty_prefix_is_an_error() {
    let workspace = write_guide(&[
        ("guide.toml", "title = \"T\"\n[code]\nhidelinez = {}\n"),
        ("content/01-a.md", &lesson("A", 1, "", "Text.\n")),
    ]);
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_diag(
        error,
        "guide.toml",
        3,
        1,
        "unknown key `hidelinez` in [code]",
    );
    assert_help(error, "did you mean `hidelines`?");
    workspace.write(
        "guide.toml",
        "title = \"T\"\n[code.hidelines]\npython = \"\"\n",
    );
    let run = workspace.check(&[]);
    run.assert_code(1);
    let diagnostics = parse_diagnostics(&run.stderr);
    assert_diag(
        single_error(&diagnostics),
        "guide.toml",
        3,
        1,
        "the prefix that hides lines of `python` blocks is empty",
    );
}

#[track_caller]
fn select_one_in<'a>(element: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    let found = select_in(element, css);
    assert_eq!(found.len(), 1, "one `{css}` in {}", element.html());
    found[0]
}

#[test]
fn the_print_edition_has_the_same_blocks() {
    let (_workspace, out) = built();
    let web = page(&out, "code.html");
    let print = page(&out, "print.html");
    let web: Vec<String> = blocks(&web).into_iter().map(|b| b.html()).collect();
    let print: Vec<String> = blocks(&print).into_iter().map(|b| b.html()).collect();
    assert_eq!(web, print);
}

#[test]
fn code_stays_out_of_the_search_index() {
    let (_workspace, out) = built();
    let index = fs::read_to_string(out.join("assets/search-index.js")).unwrap();
    let texts = search_texts(&out).join("\n");
    assert!(texts.contains("harnessing"), "the prose is searchable");
    for code in ["greet", "Traceback", "DISPLAY", "/home/cat", "careful"] {
        assert!(
            !index.contains(code) && !texts.contains(code),
            "`{code}` from a code block is in the search index"
        );
    }
}

/// `--name: light-dark(#light, #dark)` declarations of the stylesheet.
fn light_dark_colours(css: &str) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for line in css.lines() {
        let line = line.trim();
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let Some(pair) = value
            .trim()
            .strip_prefix("light-dark(")
            .and_then(|v| v.strip_suffix(");"))
        else {
            continue;
        };
        if let Some((light, dark)) = pair.split_once(',') {
            found.push((
                name.to_string(),
                light.trim().to_string(),
                dark.trim().to_string(),
            ));
        }
    }
    found
}

fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let c =
            f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("a #rrggbb colour")) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn every_token_colour_is_readable_on_the_code_background_in_both_palettes() {
    let (_workspace, out) = built();
    let css = fs::read_to_string(out.join("assets/guidebook.css")).unwrap();
    let colours = light_dark_colours(&css);
    let (_, light_bg, dark_bg) = colours
        .iter()
        .find(|(name, ..)| name == "--code-bg")
        .expect("--code-bg is a light-dark() pair");
    let tokens: Vec<_> = (colours.iter())
        .filter(|(name, ..)| name.starts_with("--hl-"))
        .cloned()
        .collect();
    assert!(tokens.len() >= 8, "the token palette is found: {tokens:?}");
    for (name, light, dark) in tokens {
        for (colour, background, palette) in [(&light, light_bg, "light"), (&dark, dark_bg, "dark")]
        {
            let ratio = contrast(colour, background);
            assert!(
                ratio >= 4.5,
                "{name} {colour} on {background} ({palette}) is {ratio:.2}:1, below WCAG AA's 4.5:1"
            );
        }
    }
}
