//! Hostile content: huge, deeply nested, self-referencing and strangely named input. Each case
//! runs the real binary and asserts a bounded time, a clear outcome (exit code 0, or 1 with a
//! diagnostic) and never a crash: no panic, no stack overflow, no signal.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Generous bound for one build of a hostile guide (debug build, two cores, other tests running).
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// What one run of the binary did, signal included.
struct Outcome {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Outcome {
    #[track_caller]
    fn assert_clean(&self, what: &str) {
        assert!(
            self.elapsed < TIME_LIMIT,
            "{what}: took {:?} (limit {TIME_LIMIT:?}; killed if over)",
            self.elapsed
        );
        assert!(
            self.signal.is_none(),
            "{what}: killed by signal {:?} (crash or stack overflow)\nstderr:\n{}",
            self.signal,
            tail(&self.stderr)
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("overflowed its stack"),
            "{what}: panicked\nstderr:\n{}",
            tail(&self.stderr)
        );
    }

    #[track_caller]
    fn assert_code(&self, code: i32, what: &str) {
        self.assert_clean(what);
        assert_eq!(
            self.code,
            Some(code),
            "{what}: exit code\nstdout:\n{}\nstderr:\n{}",
            tail(&self.stdout),
            tail(&self.stderr)
        );
    }

    /// Exit 0, or exit 1 with at least one diagnostic naming a file: a clean failure.
    #[track_caller]
    fn assert_built_or_failed_cleanly(&self, what: &str) {
        self.assert_clean(what);
        match self.code {
            Some(0) => {}
            Some(1) => {
                let diagnostics = parse_diagnostics(&self.stderr);
                assert!(
                    diagnostics
                        .iter()
                        .any(|d| d.severity == "error" && !d.file.is_empty()),
                    "{what}: exit 1 without a located error\nstderr:\n{}",
                    tail(&self.stderr)
                );
            }
            other => panic!(
                "{what}: exit code {other:?}\nstderr:\n{}",
                tail(&self.stderr)
            ),
        }
    }
}

/// The end of a long output, for failure messages.
fn tail(text: &str) -> &str {
    let mut start = text.len().saturating_sub(4000);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// Runs the binary; a run that outlives `TIME_LIMIT` is killed (and reported as timed out), so a
/// hang or a quadratic blow-up fails the test instead of stalling the suite.
fn run_outcome(args: &[&str]) -> Outcome {
    run_outcome_within(args, TIME_LIMIT)
}

fn run_outcome_within(args: &[&str], limit: Duration) -> Outcome {
    let started = Instant::now();
    let stdout = tempfile::tempfile().unwrap();
    let stderr = tempfile::tempfile().unwrap();
    let mut child = guidebook_command(args)
        .stdout(stdout.try_clone().unwrap())
        .stderr(stderr.try_clone().unwrap())
        .spawn()
        .expect("the guidebook binary runs");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Outcome {
        code: status.code(),
        signal: status.signal(),
        stdout: read_all(stdout),
        stderr: read_all(stderr),
        elapsed: started.elapsed(),
    }
}

fn read_all(mut file: fs::File) -> String {
    use std::io::{Read, Seek};
    let mut bytes = Vec::new();
    file.rewind().unwrap();
    file.read_to_end(&mut bytes).unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn build_outcome(workspace: &Workspace) -> Outcome {
    let out = workspace.out();
    run_outcome(&[
        "build",
        workspace.guide.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
}

/// A guide with one lesson whose body is `body`.
fn one_lesson_guide(body: &str) -> Workspace {
    write_guide(&[("content/01-x.md", &lesson("Hostile", 1, "", body))])
}

/// Runs the binary and measures its peak resident memory in KiB: with `/usr/bin/time -v` when
/// it is installed (exact), else by sampling `VmHWM` in `/proc` (may miss a very short peak).
fn run_measuring_memory(args: &[&str]) -> (Outcome, u64) {
    let started = Instant::now();
    if Path::new("/usr/bin/time").exists() {
        let report = tempfile::NamedTempFile::new().unwrap();
        let output = Command::new("/usr/bin/time")
            .arg("-v")
            .arg("-o")
            .arg(report.path())
            .arg(bin())
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("/usr/bin/time runs");
        let report = fs::read_to_string(report.path()).unwrap();
        let peak = report
            .lines()
            .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no peak memory in /usr/bin/time's report:\n{report}"));
        let signal = report
            .lines()
            .find_map(|l| l.trim().strip_prefix("Command terminated by signal "))
            .and_then(|s| s.trim().parse().ok());
        let code = if signal.is_some() {
            None
        } else {
            output.status.code()
        };
        let outcome = Outcome {
            code,
            signal: signal.or(output.status.signal()),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            elapsed: started.elapsed(),
        };
        return (outcome, peak);
    }
    let mut child = Command::new(bin())
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak = 0;
    let status = loop {
        if let Ok(status) = fs::read_to_string(&status_file)
            && let Some(kb) = status_value_kb(&status, "VmHWM:")
        {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT * 2 {
            let _ = child.kill();
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let output = child.wait_with_output().unwrap();
    let outcome = Outcome {
        code: status.code(),
        signal: status.signal(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: started.elapsed(),
    };
    (outcome, peak)
}

/// A `kB` value of `/proc/<pid>/status`.
fn status_value_kb(status: &str, key: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

// ---------------------------------------------------------------------------------------------
// Size and depth

#[test]
fn a_five_megabyte_lesson_builds() {
    let mut body = String::with_capacity(5_300_000);
    let mut section = 0;
    while body.len() < 5 * 1024 * 1024 {
        section += 1;
        let _ = write!(
            body,
            "## Section {section}\n\nThe cat *walks* a little further on the **leash** today, \
             with `treats` and [a link](#section-1). Paragraph {section} keeps going so the \
             lesson is long.\n\n- [ ] Step {section} done\n- point one\n- point two\n\n> A quote \
             in section {section}.\n\n"
        );
    }
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_code(0, "5 MB lesson");
    let page = fs::read_to_string(workspace.out().join("x.html")).unwrap();
    assert!(
        page.contains(&format!("Paragraph {section} keeps going")),
        "the end of the lesson is missing from its page"
    );
    eprintln!(
        "5 MB lesson ({section} sections) built in {:?}",
        outcome.elapsed
    );
}

#[test]
fn five_thousand_nested_block_quotes() {
    let body = format!("{} deep\n\nAfter.\n", ">".repeat(5_000));
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("5,000 nested block quotes");
    eprintln!(
        "5,000 nested block quotes: exit {:?} in {:?}",
        outcome.code, outcome.elapsed
    );
}

#[test]
fn two_thousand_lines_of_deepening_block_quotes() {
    let mut body = String::new();
    for depth in 1..=2_000 {
        body.push_str(&">".repeat(depth));
        body.push_str("q\n");
    }
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("2,000 lines of deepening block quotes");
}

#[test]
fn five_thousand_levels_of_nested_lists() {
    let mut body = String::new();
    for depth in 0..5_000 {
        body.push_str(&"  ".repeat(depth));
        body.push_str("- item\n");
    }
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("5,000 levels of nested lists");
    eprintln!(
        "5,000 nested lists ({} bytes): exit {:?} in {:?}",
        body.len(),
        outcome.code,
        outcome.elapsed
    );
}

#[test]
fn five_thousand_nested_list_markers_on_one_line() {
    let body = format!("{}item\n", "- ".repeat(5_000));
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("5,000 list markers on one line");
}

#[test]
fn a_thousand_nested_task_lists() {
    // Checklists are collected into the handout and the checklists page: deep nesting there.
    let mut body = String::new();
    for depth in 0..1_000 {
        body.push_str(&"  ".repeat(depth));
        body.push_str("- [ ] task\n");
    }
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("1,000 levels of nested task lists");
}

/// `guidebook build` of `workspace`, killed after `seconds`; it must finish within them.
fn build_outcome_within(workspace: &Workspace, seconds: u64, what: &str) -> Outcome {
    let out = workspace.out();
    let args = [
        "build",
        workspace.guide.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    let outcome = run_outcome_within(&args, Duration::from_secs(seconds));
    assert!(
        outcome.elapsed < Duration::from_secs(seconds),
        "{what}: not built within {seconds} s (killed at {:?})",
        outcome.elapsed
    );
    outcome
}

/// [`build_outcome_within`] for a guide that must build.
fn build_within(workspace: &Workspace, seconds: u64, what: &str) {
    build_outcome_within(workspace, seconds, what).assert_code(0, what);
}

/// A long checklist is ordinary content (a packing list, a daily log); it must build in time
/// linear in its length. With links in the items the same lesson builds in well under a second.
#[test]
fn a_lesson_with_six_thousand_checklist_items_builds_in_bounded_time() {
    let mut body = String::from("# Daily log\n\n");
    for item in 0..6_000 {
        let _ = writeln!(body, "- [ ] Day {item}: ten minutes on the leash");
    }
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome_within(&workspace, 6, "6,000 checklist items");
    outcome.assert_code(0, "6,000 checklist items");
    let html = page(&workspace.out(), "checklists.html");
    assert_eq!(select(&html, "input.task-box").len(), 6_000);
    eprintln!("6,000 checklist items built in {:?}", outcome.elapsed);
}

#[test]
fn a_hundred_thousand_open_brackets() {
    let body = format!("{}\n", "[".repeat(100_000));
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("100,000 `[`");
    eprintln!(
        "100,000 brackets: exit {:?} in {:?}",
        outcome.code, outcome.elapsed
    );
}

/// Code that crashed or stalled a grammar when it was first fuzzed: the Markdown, YAML and
/// Python grammars abort the process (a C assertion) past about 250 levels of nesting, and
/// error recovery on deep brackets or unclosed comments is slower than linear. Each block must
/// come out plain, the build whole and quick.
#[test]
fn code_that_breaks_grammars_is_shown_plain() {
    let deep_indent: String = (0..300).map(|i| " ".repeat(i) + "if x:\n").collect();
    let blocks = [
        ("markdown", "> ".repeat(300) + "x"),
        ("markdown", "- ".repeat(600) + "x"),
        ("yaml", (0..300).map(|i| " ".repeat(i) + "a:\n").collect()),
        ("yaml", "? ".repeat(600) + "x"),
        (
            "python",
            deep_indent.clone() + &" ".repeat(300) + "y = f\"{z\n",
        ),
        (
            "markdown",
            format!("```python\n{deep_indent}{}y = \"a\n```", " ".repeat(300)),
        ),
        ("json", "[".repeat(100_000)),
        ("html", "<!--".repeat(16_000)),
    ];
    let body: String = blocks
        .iter()
        .map(|(language, code)| format!("~~~~~~{language}\n{code}\n~~~~~~\n\n"))
        .collect();
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_code(0, "code that breaks grammars");
    let page = fs::read_to_string(workspace.out().join("x.html")).unwrap();
    assert_eq!(
        page.matches("<div class=\"code-block\"").count(),
        blocks.len()
    );
    assert!(!page.contains("hl-"), "every one of these blocks is plain");
    eprintln!("grammar-breaking code built in {:?}", outcome.elapsed);
}

#[test]
fn a_hundred_thousand_unclosed_links_and_emphasis() {
    let body = format!(
        "{}\n\n{}\n\n{}\n",
        "[a](".repeat(30_000),
        "*_".repeat(50_000),
        "![".repeat(30_000)
    );
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("unclosed links, images and emphasis");
}

#[test]
fn nested_links_to_other_lessons() {
    // Link rewriting and checking with deep nesting of link text.
    let body = format!("{}x{}\n", "[".repeat(10_000), "](02-y.md)".repeat(10_000));
    let workspace = write_guide(&[
        ("content/01-x.md", &lesson("X", 1, "", &body)),
        ("content/02-y.md", &lesson("Y", 2, "", "# Y\n")),
    ]);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("10,000 nested links");
}

#[test]
fn a_table_with_twenty_thousand_rows_builds_whole() {
    let mut body = String::from("| Day | Minutes | Note |\n|---|---:|---|\n");
    for row in 0..20_000 {
        let _ = writeln!(body, "| {row} | {} | row *{row}* |", row % 60);
    }
    let workspace = one_lesson_guide(&body);
    let outcome = build_outcome(&workspace);
    outcome.assert_code(0, "20,000-row table");
    let html = page(&workspace.out(), "x.html");
    let tables = select(&html, "table");
    assert_eq!(tables.len(), 1, "one table on the page");
    assert_eq!(select_in(tables[0], "tbody tr").len(), 20_000);
    assert_eq!(select_in(tables[0], "thead tr").len(), 1);
    let last = select_in(tables[0], "tbody tr:last-child td");
    assert_eq!(text(last[0]), "19999");
    eprintln!("20,000-row table built in {:?}", outcome.elapsed);
}

// ---------------------------------------------------------------------------------------------
// YAML

/// `a` has 9 items, `b` nine `a`s, ... `i` 9^9 (387 million) strings when expanded.
fn billion_laughs() -> String {
    let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    let names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    for pair in names.windows(2) {
        let (previous, name) = (pair[0], pair[1]);
        let aliases = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(yaml, "{name}: &{name} [{aliases}]");
    }
    yaml
}

#[track_caller]
fn assert_laughs_contained(
    workspace: &Workspace,
    file: &str,
    lines: std::ops::RangeInclusive<usize>,
) {
    let out = workspace.out();
    let args = [
        "build",
        workspace.guide.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    let (outcome, peak_kb) = run_measuring_memory(&args);
    outcome.assert_code(1, "billion laughs");
    assert!(
        outcome.elapsed < Duration::from_secs(5),
        "billion laughs took {:?}",
        outcome.elapsed
    );
    assert!(
        peak_kb < 200 * 1024,
        "billion laughs: peak memory {} MB",
        peak_kb / 1024
    );
    // The anchors' keys may each be reported as unknown: every error is in the YAML.
    let diagnostics = parse_diagnostics(&outcome.stderr);
    assert!(!diagnostics.is_empty(), "{}", outcome.stderr);
    for error in &diagnostics {
        assert_eq!(error.file, file, "{error:#?}");
        assert!(
            lines.contains(&error.line),
            "the error is not in the YAML (lines {lines:?}): {error:#?}"
        );
    }
    assert!(!out.exists(), "a failed build wrote its output");
    eprintln!(
        "billion laughs in {file}: exit 1 in {:?}, peak {} MB: {} error(s), first: {}",
        outcome.elapsed,
        peak_kb / 1024,
        diagnostics.len(),
        diagnostics[0].message
    );
}

#[test]
fn billion_laughs_in_front_matter_fails_fast_in_bounded_memory() {
    let text = format!(
        "---\ntitle: Laughs\nstep: 1\nduration: 10 min\n{}prerequisites: *i\n---\n# Body\n",
        billion_laughs()
    );
    let workspace = write_guide(&[("content/01-x.md", &text)]);
    // Front matter: lines 2 to 15 (the fences are lines 1 and 16).
    assert_laughs_contained(&workspace, "content/01-x.md", 2..=15);
}

#[test]
fn billion_laughs_under_a_known_key_fails_fast_in_bounded_memory() {
    // The anchors live inside `prerequisites` itself, so no unknown key stops the parser before
    // the aliases are expanded.
    let mut nested = String::from("&a [x, x, x, x, x, x, x, x, x]");
    for (previous, name) in ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
        .iter()
        .zip("bcdefghi".chars())
    {
        let aliases = vec![format!("*{previous}"); 8].join(", ");
        nested = format!("&{name} [{nested}, {aliases}]");
    }
    let text = format!(
        "---\ntitle: Laughs\nstep: 1\nduration: 10 min\nprerequisites: [{nested}, *i]\n---\n"
    );
    let workspace = write_guide(&[("content/01-x.md", &text)]);
    assert_laughs_contained(&workspace, "content/01-x.md", 2..=5);
}

#[test]
fn billion_laughs_in_the_gear_catalogue_fails_fast_in_bounded_memory() {
    let gear = format!("{}categories: *i\n", billion_laughs());
    let workspace = write_guide(&[
        ("content/01-x.md", &lesson("X", 1, "", "# X\n")),
        ("content/gear.yaml", &gear),
    ]);
    assert_laughs_contained(&workspace, "content/gear.yaml", 1..=10);
}

#[test]
fn an_empty_lesson_file_has_no_front_matter() {
    let workspace = write_guide(&[
        ("content/01-empty.md", ""),
        ("content/02-ok.md", &lesson("Ok", 2, "", "# Ok\n")),
    ]);
    let diagnostics = workspace.build_errors();
    let error = single_error(&diagnostics);
    assert_diag(error, "content/01-empty.md", 1, 1, "has no front matter");
}

#[test]
fn front_matter_alone_builds() {
    let workspace = write_guide(&[(
        "content/01-only.md",
        "---\ntitle: Only front matter\nstep: 1\nduration: 10 min\n---",
    )]);
    let out = workspace.build_ok();
    let html = page(&out, "only.html");
    assert!(text(select_one(&html, "h1")).contains("Only front matter"));
}

// ---------------------------------------------------------------------------------------------
// Names and links on disk

/// Percent-decodes an href (UTF-8).
fn percent_decode(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = href
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn file_names_with_spaces_and_accents() {
    let workspace = write_guide(&[
        (
            "content/01-start.md",
            &lesson(
                "Start",
                1,
                "",
                "# Start\n\n[escaped](03%20my%20lésson.md)\n\n[angle](<03 my lésson.md#a-heading>)\n\n[encoded](03%20my%20l%C3%A9sson.md)\n",
            ),
        ),
        (
            "content/03 my lésson.md",
            &lesson("My lésson", 3, "", "# My lésson\n\n## A heading\n"),
        ),
    ]);
    let out = workspace.build_ok();
    assert!(
        out.join("03-my-lésson.html").is_file(),
        "the page is named by its slug; got {:?}",
        names_in(&out)
    );
    let html = page(&out, "start.html");
    let links = hrefs(&html, ".lesson-body a[href]");
    let to_lesson: Vec<&String> = links
        .iter()
        .filter(|h| percent_decode(h).starts_with("03-my-lésson.html"))
        .collect();
    assert_eq!(
        to_lesson.len(),
        3,
        "every link to the lesson is rewritten to its page: {links:?}"
    );
    for href in to_lesson {
        let decoded = percent_decode(href);
        let file = decoded.split('#').next().unwrap();
        assert!(out.join(file).is_file(), "{href} leads nowhere");
        if let Some(anchor) = decoded.split_once('#').map(|(_, a)| a) {
            let target = page(&out, file);
            assert!(
                ids(&target).contains(anchor),
                "{href}: no #{anchor} on the page"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Links (symbolic) inside content/

#[test]
fn symbolic_links_never_lead_out_of_the_guide() {
    const SECRET: &str = "OUTSIDE-SECRET-7f3a9c";
    let outside = tempfile::TempDir::new().unwrap();
    fs::write(
        outside.path().join("01-outside.md"),
        lesson(SECRET, 9, "", &format!("# {SECRET}\n\n{SECRET}\n")),
    )
    .unwrap();
    fs::write(outside.path().join("notes.txt"), SECRET).unwrap();
    let secret_file = outside.path().join("02-secret.md");
    fs::write(
        &secret_file,
        lesson("Secret", 8, "", &format!("{SECRET}\n")),
    )
    .unwrap();

    let workspace = write_guide(&[("content/01-ok.md", &lesson("Ok", 1, "", "# Ok\n"))]);
    let content = workspace.guide_path("content");
    symlink(".", content.join("loop")).unwrap();
    symlink("b", content.join("a")).unwrap();
    symlink("a", content.join("b")).unwrap();
    symlink("a.md", content.join("b.md")).unwrap();
    symlink("b.md", content.join("a.md")).unwrap();
    symlink("/etc/passwd", content.join("evil.md")).unwrap();
    symlink(&secret_file, content.join("secret.md")).unwrap();
    symlink(outside.path(), content.join("outside")).unwrap();
    symlink("../../", content.join("up")).unwrap();

    let outcome = build_outcome(&workspace);
    outcome.assert_code(0, "links out of the guide");
    assert!(
        outcome.elapsed < Duration::from_secs(10),
        "{:?}",
        outcome.elapsed
    );
    let diagnostics = parse_diagnostics(&outcome.stderr);
    assert!(
        diagnostics.iter().all(|d| d.severity == "warning"),
        "links are warnings, not errors: {diagnostics:#?}"
    );
    for link in [
        "loop",
        "a",
        "b",
        "a.md",
        "b.md",
        "evil.md",
        "secret.md",
        "outside",
        "up",
    ] {
        let file = format!("content/{link}");
        assert!(
            diagnostics.iter().any(|d| d.file == file),
            "no warning for {file}: {diagnostics:#?}"
        );
    }
    let site = snapshot(&workspace.out());
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    let passwd_line = passwd.lines().next().unwrap_or("root:x:0:0");
    for (name, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(SECRET), "{name} holds the outside file");
        assert!(!text.contains(passwd_line), "{name} holds /etc/passwd");
    }
    let pages = html_files(&workspace.out());
    assert!(pages.contains(&"ok.html".to_string()));
    for page in [
        "evil.html",
        "secret.html",
        "outside.html",
        "a.html",
        "b.html",
    ] {
        assert!(!pages.contains(&page.to_string()), "{page} was built");
    }
    // The links themselves are not touched.
    assert_eq!(
        fs::read_link(content.join("evil.md")).unwrap(),
        Path::new("/etc/passwd")
    );
}

#[test]
fn a_link_to_a_lesson_inside_the_guide_is_followed() {
    let workspace = write_guide(&[("notes/01-linked.md", &lesson("Linked", 1, "", "# L\n"))]);
    symlink(
        workspace.guide_path("notes/01-linked.md"),
        workspace.guide_path("content/01-linked.md"),
    )
    .unwrap();
    let out = workspace.build_ok();
    assert!(out.join("linked.html").is_file());
}

#[test]
fn a_lesson_named_like_a_file_that_is_a_folder() {
    let workspace = write_guide(&[
        ("content/01-ok.md", &lesson("Ok", 1, "", "# Ok\n")),
        ("content/04-dir.md/inside.txt", "not a lesson"),
    ]);
    let outcome = build_outcome(&workspace);
    outcome.assert_built_or_failed_cleanly("a folder named 04-dir.md");
    if outcome.code == Some(0) {
        assert!(!workspace.out().join("dir.html").exists());
        // The folder is not a lesson; the file in it is copied like any file beside the lessons.
        let copied = workspace.out().join("04-dir.md/inside.txt");
        assert_eq!(fs::read_to_string(copied).unwrap(), "not a lesson");
    } else {
        assert!(
            outcome.stderr.contains("content/04-dir.md"),
            "{}",
            outcome.stderr
        );
    }
    // A lesson inside that folder is an ordinary lesson in a subfolder.
    workspace.write(
        "content/04-dir.md/05-inner.md",
        &lesson("Inner", 5, "", "# In\n"),
    );
    let outcome = build_outcome(&workspace);
    outcome.assert_code(0, "a lesson inside a folder named 04-dir.md");
    assert!(workspace.out().join("inner.html").is_file());
}

#[test]
fn an_unreadable_lesson_is_an_error_naming_it() {
    let Some(prefix) = unprivileged_prefix() else {
        eprintln!("skipped: running as root without setpriv, so permission bits do not apply");
        return;
    };
    let workspace = write_guide(&[
        ("content/01-ok.md", &lesson("Ok", 1, "", "# Ok\n")),
        ("content/02-secret.md", &lesson("Secret", 2, "", "# S\n")),
    ]);
    make_world_readable(workspace.tmp.path());
    let secret = workspace.guide_path("content/02-secret.md");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    let out = workspace.out();
    let run = run_unprivileged(
        &prefix,
        &[
            "build",
            workspace.guide.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    );
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();
    run.assert_code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let diagnostics = parse_diagnostics(&run.stderr);
    let error = single_error(&diagnostics);
    assert_eq!(error.file, "content/02-secret.md", "{error:#?}");
    assert!(error.message.contains("cannot read"), "{error:#?}");
    assert!(!out.exists());
}

#[test]
fn an_unreadable_folder_in_content_is_an_error_naming_it() {
    let Some(prefix) = unprivileged_prefix() else {
        eprintln!("skipped: running as root without setpriv, so permission bits do not apply");
        return;
    };
    let workspace = write_guide(&[
        ("content/01-ok.md", &lesson("Ok", 1, "", "# Ok\n")),
        ("content/private/02-p.md", &lesson("P", 2, "", "# P\n")),
    ]);
    make_world_readable(workspace.tmp.path());
    let private = workspace.guide_path("content/private");
    fs::set_permissions(&private, fs::Permissions::from_mode(0o000)).unwrap();
    let run = run_unprivileged(&prefix, &["check", workspace.guide.to_str().unwrap()]);
    fs::set_permissions(&private, fs::Permissions::from_mode(0o755)).unwrap();
    run.assert_code(1);
    let diagnostics = parse_diagnostics(&run.stderr);
    let error = single_error(&diagnostics);
    assert!(error.file.starts_with("content/private"), "{error:#?}");
    assert!(error.message.contains("cannot read"), "{error:#?}");
}

#[test]
fn an_unreadable_guide_folder_says_it_cannot_be_read() {
    let Some(prefix) = unprivileged_prefix() else {
        eprintln!("skipped: running as root without setpriv, so permission bits do not apply");
        return;
    };
    let workspace = write_guide(&[("content/01-ok.md", &lesson("Ok", 1, "", "# Ok\n"))]);
    make_world_readable(workspace.tmp.path());
    fs::set_permissions(&workspace.guide, fs::Permissions::from_mode(0o000)).unwrap();
    let run = run_unprivileged(&prefix, &["check", workspace.guide.to_str().unwrap()]);
    fs::set_permissions(&workspace.guide, fs::Permissions::from_mode(0o755)).unwrap();
    run.assert_code(2);
    assert!(
        run.stderr.contains("cannot read the guide folder"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("guidebook init"), "{}", run.stderr);
}

/// 20,000 identical headings or checklist items: each duplicate's id counts on from the last
/// one instead of from 1 (this took 26 s and 33 s when it started over).
#[test]
fn twenty_thousand_identical_headings_and_tasks_build_in_bounded_time() {
    for (what, line) in [("headings", "## Same\n\n"), ("tasks", "- [ ] Same\n")] {
        let workspace = one_lesson_guide(&line.repeat(20_000));
        build_within(&workspace, 6, &format!("20,000 identical {what}"));
    }
}

/// 100,000 nested `[` in front matter took 23 s inside the YAML scanner; the nesting is refused
/// before parsing, with an error at the line.
#[test]
fn deeply_nested_front_matter_is_refused_quickly() {
    let text = format!(
        "---\ntitle: {}\nstep: 1\nduration: 5 min\n---\nBody.\n",
        "[".repeat(100_000)
    );
    let workspace = write_guide(&[("content/01-deep.md", &text)]);
    let outcome = run_outcome_within(
        &[
            "build",
            workspace.guide.to_str().unwrap(),
            "--output",
            workspace.out().to_str().unwrap(),
        ],
        Duration::from_secs(6),
    );
    outcome.assert_code(1, "100,000 nested `[` in front matter");
    assert!(
        outcome.elapsed < Duration::from_secs(6),
        "{:?}",
        outcome.elapsed
    );
    let diagnostics = parse_diagnostics(&outcome.stderr);
    let error = single_error(&diagnostics);
    assert_eq!(
        (error.file.as_str(), error.line),
        ("content/01-deep.md", 2),
        "{error:#?}"
    );
    assert!(error.message.contains("nested more than"), "{error:#?}");
}

/// Confinement: `content/` linked to a folder outside the guide, `themes/<name>` linked outside,
/// and `theme` set to a path: each is an error, and nothing from outside reaches the site.
#[test]
fn nothing_outside_the_guide_is_read_through_links_or_the_theme_setting() {
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(outside.path().join("lessons")).unwrap();
    fs::write(
        outside.path().join("lessons/01-secret.md"),
        lesson("Secret lesson", 1, "", "Outside text.\n"),
    )
    .unwrap();
    fs::create_dir_all(outside.path().join("theme/static")).unwrap();
    fs::write(
        outside.path().join("theme/static/secret.css"),
        "/* outside */",
    )
    .unwrap();

    let linked_content = write_guide(&[]);
    fs::remove_dir_all(linked_content.guide_path("content")).unwrap();
    symlink(
        outside.path().join("lessons"),
        linked_content.guide_path("content"),
    )
    .unwrap();
    let diagnostics = linked_content.build_errors();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.file == "content" && d.message.contains("outside the guide")),
        "{diagnostics:#?}"
    );

    let linked_theme = write_guide(&[
        ("guide.toml", "title = \"T\"\ntheme = \"default\"\n"),
        ("content/01-a.md", &lesson("A", 1, "", "Text.\n")),
    ]);
    fs::create_dir_all(linked_theme.guide_path("themes")).unwrap();
    symlink(
        outside.path().join("theme"),
        linked_theme.guide_path("themes/default"),
    )
    .unwrap();
    let diagnostics = linked_theme.build_errors();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.file == "themes/default" && d.message.contains("outside the guide")),
        "{diagnostics:#?}"
    );

    for theme in ["/", "../../elsewhere", "/etc"] {
        let workspace = write_guide(&[
            (
                "guide.toml",
                &format!("title = \"T\"\ntheme = \"{theme}\"\n"),
            ),
            ("content/01-a.md", &lesson("A", 1, "", "Text.\n")),
        ]);
        let diagnostics = workspace.build_errors();
        let error = single_error(&diagnostics);
        assert_diag(
            error,
            "guide.toml",
            2,
            1,
            "`theme` must be the name of a folder",
        );
    }
}

/// Problems on one line share one excerpt, and a long line is cut to a window: 18 broken links
/// on one 440-character line printed that line 18 times, and a 10 MB one-line lesson printed
/// 20 MB of diagnostics.
#[test]
fn diagnostics_on_one_long_line_print_it_once_and_cut() {
    let links: String = (0..18)
        .map(|i| format!("[l{i}](missing-{i}.md) "))
        .collect();
    let workspace = one_lesson_guide(&format!("{links}\n"));
    let run = workspace.check(&[]);
    run.assert_code(1);
    let diagnostics = parse_diagnostics(&run.stderr);
    assert_eq!(
        diagnostics.len(),
        1,
        "one report for the line:\n{}",
        run.stderr
    );
    assert_eq!(diagnostics[0].count, 18);
    assert_eq!(
        run.stderr.matches("[l0](missing-0.md)").count(),
        1,
        "{}",
        run.stderr
    );

    let huge = format!(
        "{}[bad](nowhere.md){}\n",
        "word ".repeat(1_000_000),
        " more".repeat(1_000_000)
    );
    let workspace = one_lesson_guide(&huge);
    let run = workspace.check(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.len() < 4_000,
        "{} bytes of diagnostics for one error",
        run.stderr.len()
    );
    let diagnostics = parse_diagnostics(&run.stderr);
    let error = single_error(&diagnostics);
    assert_eq!(error.column, 5_000_001, "{error:#?}");
    assert!(run.stderr.contains("[bad](nowhere.md)"), "{}", run.stderr);
}
