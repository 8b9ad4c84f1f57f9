//! Slow inputs: generated adversarial shapes of lessons up to 1 MB (thousands of identical
//! headings or tasks, deep nesting of quotes, lists, brackets and fences, runs of emphasis
//! markers, links and images to nowhere, wide tables ...), each checked by the real binary with
//! a time bound. The target is 2 s per input for the release build; this test runs the debug
//! binary `cargo test` builds, which is several times slower, so its bound is
//! [`DEBUG_BOUND`]. `cargo test --release --test adversarial` checks the 2 s target itself.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;
use guidebook::markdown::highlight::LANGUAGES;
use proptest::prelude::*;

/// The target for one input of up to 1 MB, in a release build.
const RELEASE_BOUND: Duration = Duration::from_secs(2);
/// The same target for the debug build.
const DEBUG_BOUND: Duration = Duration::from_secs(20);

fn bound() -> Duration {
    if cfg!(debug_assertions) {
        DEBUG_BOUND
    } else {
        RELEASE_BOUND
    }
}

/// One adversarial shape: a unit repeated (or nested) until the body is about `bytes` long.
fn shaped_body(shape: usize, bytes: usize) -> String {
    let repeat = |unit: &str| unit.repeat(bytes / unit.len().max(1));
    match shape {
        0 => repeat("## Same\n\n"),
        1 => repeat("- [ ] Same\n"),
        2 => format!("{}deep\n", ">".repeat(bytes.min(100_000))),
        3 => {
            let mut nested = String::new();
            for depth in (0..).map(|i| i % 400) {
                if nested.len() >= bytes {
                    break;
                }
                nested.push_str(&format!("{}- item\n", "  ".repeat(depth)));
            }
            nested
        }
        4 => repeat("*a "),
        5 => repeat("**_"),
        6 => repeat("[a](nowhere.md) "),
        7 => repeat("![](missing.png) "),
        8 => "[".repeat(bytes),
        9 => repeat("::: note\n"),
        10 => {
            let half = bytes / 2;
            format!("{}\n{}\n", "|a".repeat(half / 2), "|-".repeat(half / 2))
        }
        11 => (0..bytes / 30)
            .map(|i| format!("Note[^{i}] and [^{i}]: x\n\n"))
            .collect(),
        12 => "`".repeat(bytes),
        13 => repeat("<div>"),
        14 => repeat("$x^2$ "),
        15 => repeat("## Same {#same}\n\n"),
        16 => "word ".repeat(bytes / 5),
        17 => repeat("[x]: <y>\n"),
        _ => repeat("> - [ ] *a* `b` [c](#d)\n"),
    }
}

/// Runs `guidebook check` on a guide whose one lesson has `body`, and returns how long it took
/// and how it ended (killed after twice the bound).
fn check_within(body: &str) -> (Duration, Option<i32>, String) {
    let workspace = write_guide(&[("content/01-x.md", &lesson("X", 1, "", body))]);
    let started = Instant::now();
    let mut child = guidebook_command(&["check", workspace.guide.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = stderr {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
        }
        text
    });
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > bound() * 2 {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (started.elapsed(), code, reader.join().unwrap_or_default())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 8,
        max_shrink_iters: 4,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_adversarial_input_up_to_a_megabyte_is_checked_in_bounded_time(
        shape in 0usize..19,
        kilobytes in prop_oneof![Just(1024usize), 200usize..1024],
    ) {
        let body = shaped_body(shape, kilobytes * 1024);
        prop_assert!(body.len() <= 1024 * 1024 + 4096, "shape {shape}: {} bytes", body.len());
        let (elapsed, code, stderr) = check_within(&body);
        prop_assert!(
            !stderr.contains("panicked") && !stderr.contains("overflowed"),
            "shape {shape}, {kilobytes} KB: {}", stderr.lines().take(5).collect::<Vec<_>>().join("\n")
        );
        prop_assert!(matches!(code, Some(0 | 1)), "shape {shape}, {kilobytes} KB: exit {code:?} after {elapsed:?}");
        prop_assert!(elapsed < bound(), "shape {shape}, {kilobytes} KB: {elapsed:?} (bound {:?})", bound());
    }
}

/// Every shape once at the full megabyte, so none is left to chance.
#[test]
fn every_shape_at_a_megabyte() {
    let mut slowest = (Duration::ZERO, 0);
    for shape in 0..19 {
        let (elapsed, code, stderr) = check_within(&shaped_body(shape, 1024 * 1024));
        assert!(!stderr.contains("panicked"), "shape {shape}: {stderr}");
        assert!(
            matches!(code, Some(0 | 1)),
            "shape {shape}: exit {code:?} after {elapsed:?}"
        );
        assert!(
            elapsed < bound(),
            "shape {shape}: {elapsed:?} (bound {:?})",
            bound()
        );
        slowest = slowest.max((elapsed, shape));
    }
    eprintln!("slowest shape: {} in {:?}", slowest.1, slowest.0);
}

/// A 32 KiB block (the most that is highlighted) of each quote character in each highlighted
/// language, one lesson per language: tree-sitter's error recovery is slower than linear on such
/// text (a JavaScript block of `"` took 5 s, of `'\'\'\'` 7 s, a CSS one 6.5 s), so a parse that
/// takes too long is given up and its block shown plain.
#[test]
fn a_block_of_quotes_in_each_language() {
    let mut slowest = (Duration::ZERO, "");
    for language in LANGUAGES {
        let body: String = ["\"", "'", "`", "'''", "\"\"\""]
            .iter()
            .map(|quote| {
                let code = quote.repeat((32 * 1024 - 1) / quote.len());
                format!("~~~~{language}\n{code}\n~~~~\n\n")
            })
            .collect();
        let (elapsed, code, stderr) = check_within(&body);
        assert!(!stderr.contains("panicked"), "{language}: {stderr}");
        assert_eq!(
            code,
            Some(0),
            "{language}: exit {code:?} after {elapsed:?}: {stderr}"
        );
        assert!(
            elapsed < bound(),
            "{language}: {elapsed:?} (bound {:?})",
            bound()
        );
        slowest = slowest.max((elapsed, language));
    }
    eprintln!("slowest language: {} in {:?}", slowest.1, slowest.0);
}
