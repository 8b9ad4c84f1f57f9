//! Property tests: whatever an author (or a corrupted disk) puts in a guide, the library never
//! panics, and it either builds a site or says why not, at a real place in a real file.
//!
//! Each property runs a bounded number of cases (the whole file stays within a few seconds) on
//! the library's `build_site`, which is the whole pipeline except the write.

use std::fs;
use std::path::Path;

use guidebook::diagnostics::{Severity, render_to_string, to_json};
use guidebook::model::duration::Duration;
use guidebook::{Build, BuildOptions, build_site};
use proptest::prelude::*;
use tempfile::TempDir;

/// A small gear catalogue for the lessons that place comparison tables.
const GEAR: &str = "categories:
  - id: harness
    title: Harnesses
    attributes:
      - key: escape
        label: Escape resistance
      - key: comfort
        label: Comfort
    items:
      - id: vest
        name: Vest harness
        values: { escape: High, comfort: Good }
        verdict: recommended
        reason: Hard to slip out of.
      - id: collar
        name: Collar
        values: { escape: Low, comfort: Poor }
        verdict: avoid
        reason: Can choke the cat.
";

/// A valid second lesson, so links and prerequisites have something to point at.
const OTHER_LESSON: &str =
    "---\ntitle: Other\nstep: 7\nduration: 5 min\n---\n# Other\n\n## Part two\n\n- [ ] tick\n";

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        // Shrinking re-runs whole builds; keep a failure's report quick.
        max_shrink_iters: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Writes a guide whose lesson `content/01-x.md` holds `lesson`, builds it and checks every
/// invariant of the result.
fn build_and_check(lesson: &[u8], gear: Option<&str>) -> Result<(), TestCaseError> {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(root.join("guide.toml"), "title = \"Property guide\"\n").unwrap();
    fs::write(root.join("content/01-x.md"), lesson).unwrap();
    fs::write(root.join("content/07-other.md"), OTHER_LESSON).unwrap();
    if let Some(gear) = gear {
        fs::write(root.join("content/gear.yaml"), gear).unwrap();
    }
    let build = build_site(root, &BuildOptions::default())
        .map_err(|e| TestCaseError::fail(format!("the guide folder was refused: {e}")))?;
    check_build(root, &build)
}

/// The invariants of any build: a site or an error; every diagnostic at a real place.
fn check_build(root: &Path, build: &Build) -> Result<(), TestCaseError> {
    let errors = build.diagnostics.iter().filter(|d| d.is_error()).count();
    prop_assert!(
        build.site.is_some() || errors > 0,
        "no site and no error: {:?}",
        build.diagnostics
    );
    prop_assert!(
        build.site.is_none() || errors == 0,
        "a site despite errors: {:?}",
        build.diagnostics
    );
    for d in &build.diagnostics {
        match build.sources.get(&d.file) {
            Some(text) => {
                prop_assert!(
                    d.span.start <= d.span.end && d.span.end <= text.len(),
                    "span {:?} outside `{}` ({} bytes): {d:?}",
                    d.span,
                    d.file,
                    text.len()
                );
                prop_assert!(
                    text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
                    "span {:?} not on char boundaries in `{}`: {d:?}\ntext: {text:?}",
                    d.span,
                    d.file
                );
                let (line, column) = build.sources.line_column(&d.file, d.span.start);
                let lines: Vec<&str> = text.split('\n').collect();
                prop_assert!(
                    line >= 1 && line <= lines.len(),
                    "line {line} of {}: {d:?}",
                    lines.len()
                );
                let line_chars = lines[line - 1].chars().count();
                prop_assert!(
                    column >= 1 && column <= line_chars + 1,
                    "column {column} on a line of {line_chars} characters: {d:?}"
                );
            }
            None => {
                prop_assert!(
                    root.join(&d.file).is_dir(),
                    "diagnostic names `{}`, which is neither a loaded file nor a folder: {d:?}",
                    d.file
                );
                prop_assert!(d.span.is_empty(), "a span in a folder: {d:?}");
            }
        }
        prop_assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
    }
    // The edge's renderings never panic and name every diagnostic.
    let text = render_to_string(&build.diagnostics, &build.sources);
    for d in &build.diagnostics {
        let word = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        prop_assert!(
            text.contains(word),
            "rendering lost a diagnostic: {d:?}\n{text}"
        );
    }
    let json = to_json(&build.diagnostics, &build.sources);
    prop_assert_eq!(json.len(), build.diagnostics.len());
    for j in &json {
        prop_assert!(j.line >= 1 && j.column >= 1);
        prop_assert!((j.end_line, j.end_column) >= (j.line, j.column));
    }
    if let Some(site) = &build.site {
        prop_assert!(site.files.contains_key("index.html"));
        prop_assert!(site.files.contains_key("other.html"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Pieces of YAML that tend to break parsers and locators.
fn yaml_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("~".to_string()),
        Just("null".to_string()),
        Just("yes".to_string()),
        Just("true".to_string()),
        Just("0".to_string()),
        Just("-1".to_string()),
        Just("4294967296".to_string()),
        Just("1e400".to_string()),
        Just(".nan".to_string()),
        Just("10 min".to_string()),
        Just("5-10 min".to_string()),
        Just("5–10 min".to_string()),
        Just("other".to_string()),
        Just("x".to_string()),
        Just("[other]".to_string()),
        Just("[other, x, ]".to_string()),
        Just("{a: 1}".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just("'unterminated".to_string()),
        Just("\"unterminated".to_string()),
        Just("\"esc \\u00e9 \\x41 \\q\"".to_string()),
        Just("'it''s'".to_string()),
        Just("|".to_string()),
        Just(">-".to_string()),
        Just("&anchor value".to_string()),
        Just("*anchor".to_string()),
        Just("*missing".to_string()),
        Just("!!str 5".to_string()),
        Just("!!binary aGk=".to_string()),
        Just("!custom x".to_string()),
        Just("<<: *anchor".to_string()),
        Just("? complex".to_string()),
        Just("# comment".to_string()),
        Just("a: b: c".to_string()),
        Just("é ü 中文 🐈".to_string()),
        Just("\t".to_string()),
        "[a-z0-9 :#&*!|>'\"\\[\\]{},-]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(16).collect()),
    ]
}

fn yaml_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("title".to_string()),
        4 => Just("step".to_string()),
        4 => Just("duration".to_string()),
        2 => Just("prerequisites".to_string()),
        1 => Just("summary".to_string()),
        1 => Just("gear".to_string()),
        2 => Just("slug".to_string()),
        1 => Just("draft".to_string()),
        1 => Just("titel".to_string()),
        1 => Just("\"title\"".to_string()),
        1 => Just("? title".to_string()),
        1 => Just("- item".to_string()),
        1 => Just("<<".to_string()),
        1 => "[a-z_]{1,8}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn indentation() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(String::new()),
        1 => Just("  ".to_string()),
        1 => Just("    ".to_string()),
        1 => Just("\t".to_string()),
        1 => Just(" ".to_string()),
    ]
}

/// One front matter line from the grammar: indentation, a key, a separator and a value.
fn yaml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (indentation(), yaml_key(), prop_oneof![Just(": "), Just(":"), Just(" : "), Just(":\t")], yaml_scalar())
            .prop_map(|(i, k, s, v)| format!("{i}{k}{s}{v}")),
        2 => (indentation(), yaml_scalar()).prop_map(|(i, v)| format!("{i}- {v}")),
        1 => (indentation(), yaml_scalar()).prop_map(|(i, v)| format!("{i}{v}")),
        1 => Just("---".to_string()),
        1 => Just("...".to_string()),
        1 => Just("%YAML 1.2".to_string()),
        1 => Just(String::new()),
    ]
}

/// A quoted YAML string holding any text (single quotes, `''` for a quote, one line).
fn quoted(text: String) -> String {
    let line: String = text.chars().filter(|c| !c.is_control()).collect();
    format!("'{}'", line.replace('\'', "''"))
}

/// A duration as authors write them (valid, or nearly).
fn written_duration() -> impl Strategy<Value = String> {
    "[0-9]{1,3}(\\.5)?( ?(-|–| to ) ?[0-9]{1,3})? ?(min|minutes|h|hours|day|days|week|weeks)"
}

/// Valid front matter with optional keys, odd but legal values and any order.
fn valid_front_matter() -> impl Strategy<Value = String> {
    (
        any::<String>().prop_filter("a title", |t| !t.trim().is_empty()),
        8..40u32,
        written_duration(),
        proptest::option::of(any::<String>()),
        proptest::option::of("[a-z][a-z0-9_-]{0,12}"),
        proptest::option::of(any::<bool>()),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(title, step, duration, summary, slug, draft, prerequisite, gear, reverse)| {
                let mut lines = vec![
                    format!("title: {}", quoted(title)),
                    format!("step: {step}"),
                    format!("duration: {duration}"),
                ];
                if let Some(summary) = summary {
                    lines.push(format!("summary: {}", quoted(summary)));
                }
                if let Some(slug) = slug {
                    lines.push(format!("slug: {slug}"));
                }
                if let Some(draft) = draft {
                    lines.push(format!("draft: {draft}"));
                }
                if prerequisite {
                    lines.push("prerequisites:\n  - other".to_string());
                }
                if gear {
                    lines.push("gear: [vest]".to_string());
                }
                if reverse {
                    lines.reverse();
                }
                lines.join("\n")
            },
        )
}

/// Front matter text: from the grammar, a valid one with one line changed, or anything.
fn front_matter() -> impl Strategy<Value = String> {
    let valid = vec![
        "title: X".to_string(),
        "step: 1".to_string(),
        "duration: 10 min".to_string(),
    ];
    prop_oneof![
        4 => valid_front_matter(),
        4 => proptest::collection::vec(yaml_line(), 0..10).prop_map(|lines| lines.join("\n")),
        4 => (proptest::collection::vec(yaml_line(), 0..4), 0..4usize).prop_map(move |(extra, at)| {
            let mut lines = valid.clone();
            let at = at.min(lines.len());
            for line in extra.into_iter().rev() {
                lines.insert(at, line);
            }
            lines.join("\n")
        }),
        1 => any::<String>(),
        1 => "[ -~\n\t]{0,200}",
    ]
}

/// Markdown-ish lesson bodies: constructs that exercise the extensions and the link checker.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Heading\n".to_string()),
        Just("## Heading {#custom}\n".to_string()),
        Just("## Heading {#}\n".to_string()),
        Just("- [ ] task\n".to_string()),
        Just("- [x] done\n  - [ ] nested\n".to_string()),
        Just("* [ ]\n".to_string()),
        Just("[link](07-other.md)\n".to_string()),
        Just("[link](07-other.md#part-two)\n".to_string()),
        Just("[link](07-other.md#nope)\n".to_string()),
        Just("[link](missing.md)\n".to_string()),
        Just("[link](../../etc/passwd.md)\n".to_string()),
        Just("[link](<07 other.md>)\n".to_string()),
        Just("[link](%ZZ.md)\n".to_string()),
        Just("[link](#heading)\n".to_string()),
        Just("![img](pic.png)\n".to_string()),
        Just("<https://example.com>\n".to_string()),
        Just("<script>alert(1)</script>\n".to_string()),
        Just("<div>\n".to_string()),
        Just("```compare\ncategory: harness\n```\n".to_string()),
        Just("```compare\ncategory: nope\n```\n".to_string()),
        Just("```compare\n".to_string()),
        Just("```rust\nfn main() {}\n```\n".to_string()),
        Just("> [!WARNING]\n> Careful.\n".to_string()),
        Just("> [!BOGUS]\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("Text[^1].\n\n[^1]: Note.\n".to_string()),
        Just("[^missing]\n".to_string()),
        Just("~~strike~~ *em* **strong** `code`\n".to_string()),
        Just("---\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\u{0}\u{feff}\u{202e}".to_string()),
        "[ -~\n]{0,40}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ]
}

fn markdown_body() -> impl Strategy<Value = String> {
    proptest::collection::vec(markdown_piece(), 0..12).prop_map(|pieces| pieces.concat())
}

/// Compare block bodies: from a grammar of the block's keys, or anything.
fn compare_body() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("category"),
        Just("items"),
        Just("columns"),
        Just("categry"),
        Just("extra"),
    ];
    let value = prop_oneof![
        Just("harness".to_string()),
        Just("nope".to_string()),
        Just("[vest, collar]".to_string()),
        Just("[collar]".to_string()),
        Just("[vest, vest]".to_string()),
        Just("[escape, comfort]".to_string()),
        Just("[nope]".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("~".to_string()),
        Just("&a harness".to_string()),
        Just("*a".to_string()),
        Just("\"é\"".to_string()),
        yaml_scalar(),
    ];
    let line = (indentation(), key, value).prop_map(|(i, k, v)| format!("{i}{k}: {v}"));
    let subset = |all: &'static [&'static str]| {
        proptest::option::of(proptest::sample::subsequence(all, 0..=all.len()).prop_shuffle())
    };
    let valid = (
        subset(&["vest", "collar"]),
        subset(&["escape", "comfort"]),
        any::<bool>(),
    )
        .prop_map(|(items, columns, flow)| {
            let mut body = "category: harness".to_string();
            for (key, list) in [("items", items), ("columns", columns)] {
                if let Some(list) = list {
                    if flow {
                        body.push_str(&format!("\n{key}: [{}]", list.join(", ")));
                    } else {
                        body.push_str(&format!("\n{key}:"));
                        for value in list {
                            body.push_str(&format!("\n  - {value}"));
                        }
                    }
                }
            }
            body
        });
    prop_oneof![
        4 => valid,
        4 => proptest::collection::vec(line, 0..5).prop_map(|lines| lines.join("\n")),
        1 => any::<String>(),
        1 => "[ -~\n\t`]{0,120}",
    ]
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config())]

    /// Any bytes at all as a lesson file.
    #[test]
    fn any_bytes_as_a_lesson_file(bytes in prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        // Valid front matter, then any bytes (invalid UTF-8 somewhere in the body).
        proptest::collection::vec(any::<u8>(), 0..600).prop_map(|body| {
            let mut bytes = b"---\ntitle: A\nstep: 1\nduration: 10 min\n---\n".to_vec();
            bytes.extend(body);
            bytes
        }),
        // Valid front matter, then any text.
        any::<String>().prop_map(|body| {
            format!("---\ntitle: A\nstep: 1\nduration: 10 min\n---\n{body}").into_bytes()
        }),
        // A byte order mark, CRLF fences and any bytes.
        proptest::collection::vec(any::<u8>(), 0..200).prop_map(|body| {
            let mut bytes = b"\xEF\xBB\xBF---\r\ntitle: A\r\nstep: 1\r\nduration: 1 h\r\n---\r\n".to_vec();
            bytes.extend(body);
            bytes
        }),
        // Valid UTF-8 with multi-byte characters before a broken sequence.
        ("[éü中🐈a-z\n ]{0,40}", proptest::collection::vec(any::<u8>(), 1..8)).prop_map(|(text, tail)| {
            let mut bytes = format!("---\ntitle: {text}\nstep: 1\nduration: 10 min\n---\n{text}").into_bytes();
            bytes.push(0xff);
            bytes.extend(tail);
            bytes
        }),
    ]) {
        build_and_check(&bytes, Some(GEAR))?;
    }

    /// Any text as a lesson: front matter from the YAML grammar, body from the Markdown grammar.
    #[test]
    fn any_front_matter_and_markdown(yaml in front_matter(), body in markdown_body(), crlf in any::<bool>()) {
        let mut text = format!("---\n{yaml}\n---\n{body}");
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        build_and_check(text.as_bytes(), Some(GEAR))?;
    }

    /// A valid lesson with any Markdown body (so the body is rendered and its links checked).
    #[test]
    fn any_markdown_body(body in markdown_body()) {
        let text = format!("---\ntitle: Body\nstep: 1\nduration: 10 min\nprerequisites: []\n---\n{body}");
        build_and_check(text.as_bytes(), Some(GEAR))?;
    }

    /// Any text as a duration: never a panic; a parsed duration is a real, positive range, and
    /// a lesson with that duration builds or fails at the `duration` line.
    #[test]
    fn any_text_as_a_duration(text in prop_oneof![
        any::<String>(),
        written_duration(),
        "[0-9 .,+eE–—-]{0,8}(to )?[0-9.]{0,4} ?(min|mins|minute|minutes|h|hr|hrs|hour|hours|day|days|week|weeks|wk|wks|MIN|Hours|parsecs|)",
        "[0-9]{1,25}(\\.[0-9]{0,5})? ?(min|h|days|weeks)",
        "(1e[0-9]{1,3}|NaN|inf|-0|0x10|1_000) ?(min|weeks)",
    ]) {
        if let Ok(duration) = Duration::parse(&text) {
            prop_assert!(duration.range.min_minutes <= duration.range.max_minutes, "{text:?}: {duration:?}");
            prop_assert!(duration.range.max_minutes > 0, "{text:?}: {duration:?}");
            let shown = duration.to_string();
            prop_assert!(!shown.is_empty());
            let _ = duration.range.humanize();
            let _ = duration.range.plus(duration.range).humanize();
        }
        if !text.contains(['\n', '\r', '\'', '"', '\\']) {
            let lesson = format!("---\ntitle: A\nstep: 1\nduration: '{text}'\n---\n");
            build_and_check(lesson.as_bytes(), None)?;
        }
    }

    /// Any body in a compare block, with a small gear catalogue.
    #[test]
    fn any_compare_block(body in compare_body(), fence in prop_oneof![Just("```"), Just("~~~"), Just("````")]) {
        let close = fence;
        let lesson = format!(
            "---\ntitle: Compare\nstep: 1\nduration: 10 min\ngear: [vest]\n---\n# Gear\n\n{fence}compare\n{body}\n{close}\n\nAfter.\n"
        );
        build_and_check(lesson.as_bytes(), Some(GEAR))?;
    }

    /// Any YAML-ish text as the gear catalogue.
    #[test]
    fn any_gear_catalogue(mutation in proptest::collection::vec((0..40usize, yaml_line()), 0..3), raw in prop_oneof![Just(None), any::<String>().prop_map(Some)]) {
        let gear = match raw {
            Some(raw) => raw,
            None => {
                let mut lines: Vec<String> = GEAR.lines().map(String::from).collect();
                for (at, line) in mutation {
                    let at = at % (lines.len() + 1);
                    if at < lines.len() && at.is_multiple_of(2) {
                        lines[at] = line;
                    } else {
                        lines.insert(at, line);
                    }
                }
                lines.join("\n")
            }
        };
        let lesson = "---\ntitle: Gear\nstep: 1\nduration: 10 min\ngear: [vest]\n---\n```compare\ncategory: harness\n```\n";
        build_and_check(lesson.as_bytes(), Some(&gear))?;
    }
}

/// Cases that once looked risky, kept as plain tests so they always run.
#[test]
fn known_edge_cases_hold_the_invariants() {
    let cases: [&[u8]; 7] = [
        b"",
        b"---",
        b"---\n",
        b"\xEF\xBB\xBF",
        b"---\r\n---\r\n",
        "---\ntitle: \u{e9}\nstep: 1\nduration: 1 min\n---\n\u{1f408}\u{0}".as_bytes(),
        b"---\ntitle: A\nstep: 1\nduration: 10 min\n---\n```compare\n",
    ];
    for bytes in cases {
        if let Err(error) = build_and_check(bytes, Some(GEAR)) {
            panic!("{:?}: {error}", String::from_utf8_lossy(bytes));
        }
    }
}

/// A file that is not UTF-8 is shown (lossily) with a caret at the first bad byte: the span
/// must cover whole characters of the text that is shown, where the bad byte became U+FFFD
/// (three bytes), so `end_column` in `--format json` is past the start.
#[test]
fn a_non_utf8_file_is_reported_on_whole_characters() {
    let cases: [&[u8]; 4] = [
        b"\x80",
        b"---\ntitle: \xff\n---\n",
        b"---\ntitle: \xe9t\xe9\nstep: 1\nduration: 1 min\n---\n",
        b"---\ntitle: A\nstep: 1\nduration: 10 min\n---\nok \xe2\x82",
    ];
    for bytes in cases {
        if let Err(error) = build_and_check(bytes, Some(GEAR)) {
            panic!("{:?}: {error}", String::from_utf8_lossy(bytes));
        }
    }
}
