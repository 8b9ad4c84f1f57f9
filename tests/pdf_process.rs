//! `guidebook pdf` around the browser's process, with stand-in browsers (shell scripts): a
//! browser that writes much on stderr, one that exits but leaves a process holding its stderr,
//! one that runs past the time limit (`GUIDEBOOK_PDF_TIMEOUT`, made short here), and a limit
//! that is no number. Each run must end in a few seconds; a run still going after
//! [`DEADLINE`] is killed and fails the test (before these were handled, each waited 120 or
//! 200 s).

mod common;

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::stand_in::{PRINTING_BROWSER, script};
use common::*;

/// The longest a run may take before the test gives up on it.
const DEADLINE: Duration = Duration::from_secs(40);

/// Runs `guidebook pdf` on `workspace` with `browser`, the time limit of one print set to
/// `limit` seconds; the run and how long it took.
fn run_pdf(workspace: &Workspace, browser: &Path, limit: &str) -> (Run, Duration) {
    let out = workspace.out();
    let args = [
        "pdf",
        workspace.guide.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--chrome",
        browser.to_str().unwrap(),
    ];
    let started = Instant::now();
    let mut child = guidebook_command(&args)
        .env("GUIDEBOOK_PDF_TIMEOUT", limit)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on threads, so that a full pipe never stalls the run.
    let stdout = read_on_a_thread(child.stdout.take().unwrap());
    let stderr = read_on_a_thread(child.stderr.take().unwrap());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("guidebook pdf still ran after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    (run, took)
}

fn read_on_a_thread(
    mut pipe: impl std::io::Read + Send + 'static,
) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}

/// Whether the process `pid` has ended (it may be a zombie until it is reaped by init).
fn has_ended(pid: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let ended = fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
            stat.rsplit_once(')')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
        });
        if ended || Instant::now() > deadline {
            return ended;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A browser that writes 300 KB on its stderr before it prints: more than a pipe holds, so it
/// would wait for a reader forever.
#[test]
fn a_browser_that_writes_much_on_stderr_prints_in_time() {
    let workspace = copy_fixture("basic");
    let browser = script(
        &workspace.path("browser"),
        &format!("head -c 300000 /dev/zero | tr '\\0' x >&2\n{PRINTING_BROWSER}"),
    );
    let (run, took) = run_pdf(&workspace, &browser, "20");
    run.assert_code(0);
    assert!(took < Duration::from_secs(20), "{took:?}");
    for pdf in ["guide.pdf", "handout.pdf"] {
        assert!(workspace.out().join(pdf).is_file(), "{pdf}");
    }
}

/// A browser that fails, or prints, and exits leaving a process of its own that holds its
/// stderr for 200 s: guidebook does not wait for that process, and stops it.
#[test]
fn a_browser_that_leaves_a_process_holding_stderr_is_not_waited_for() {
    let workspace = copy_fixture("basic");
    let left = workspace.path("left-behind");
    let leave = format!("sleep 200 &\necho $! > '{}'\n", left.display());
    let failing = script(
        &workspace.path("failing"),
        &format!("{leave}echo 'no GPU here' >&2\nexit 3"),
    );
    let (run, took) = run_pdf(&workspace, &failing, "20");
    run.assert_code(2);
    assert!(took < Duration::from_secs(15), "{took:?}");
    assert!(run.stderr.contains("the browser stopped"), "{}", run.stderr);
    assert!(run.stderr.contains("no GPU here"), "{}", run.stderr);
    let pid = fs::read_to_string(&left).unwrap();
    assert!(has_ended(pid.trim()), "the process it left still runs");

    let printing = script(
        &workspace.path("printing"),
        &format!("{leave}{PRINTING_BROWSER}"),
    );
    let (run, took) = run_pdf(&workspace, &printing, "20");
    run.assert_code(0);
    assert!(took < Duration::from_secs(15), "{took:?}");
    let pid = fs::read_to_string(&left).unwrap();
    assert!(has_ended(pid.trim()), "the process it left still runs");
}

/// A browser that runs past the limit is stopped at the limit, with the processes it started,
/// and the message names the limit and how to change it.
#[test]
fn the_time_limit_stops_the_browser_and_what_it_started() {
    let workspace = copy_fixture("basic");
    let started = workspace.path("started");
    let browser = script(
        &workspace.path("browser"),
        &format!("sleep 200 &\necho $! > '{}'\nsleep 200", started.display()),
    );
    let (run, took) = run_pdf(&workspace, &browser, "2");
    run.assert_code(2);
    assert!(took < Duration::from_secs(15), "{took:?}");
    assert!(
        run.stderr
            .contains("took longer than 2 s to print print.html"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("GUIDEBOOK_PDF_TIMEOUT"),
        "{}",
        run.stderr
    );
    let pid = fs::read_to_string(&started).unwrap();
    assert!(
        has_ended(pid.trim()),
        "the browser's own process still runs"
    );
    assert!(!workspace.out().join("guide.pdf").exists());
}

/// A limit that is no number of seconds is a usage error naming the variable, before anything
/// is built.
#[test]
fn a_limit_that_is_no_number_is_a_usage_error() {
    let workspace = copy_fixture("basic");
    let browser = script(&workspace.path("browser"), PRINTING_BROWSER);
    for limit in ["abc", "0", "-5", "1.5"] {
        let (run, _) = run_pdf(&workspace, &browser, limit);
        run.assert_code(2);
        assert!(
            run.stderr.contains("GUIDEBOOK_PDF_TIMEOUT"),
            "{}",
            run.stderr
        );
        assert!(!workspace.out().exists(), "{limit}: the site was built");
    }
}
