//! `guidebook pdf` with stand-in browsers (shell scripts that behave like a browser that prints,
//! one that prints nothing, and one that hangs until stopped), so that what guidebook does around
//! the browser is tested without Chromium: messages, file permissions, Ctrl-C. The real browser
//! is exercised by the browser tests (tests/browser/print.test.mjs).

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;

/// Writes an executable shell script at `path`.
fn script(path: &Path, body: &str) -> PathBuf {
    fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    path.to_path_buf()
}

/// A browser that writes a tiny PDF wherever `--print-to-pdf=` says.
const PRINTING_BROWSER: &str = r#"for arg in "$@"; do
  case "$arg" in --print-to-pdf=*) printf '%%PDF-1.4 stand-in\n' > "${arg#--print-to-pdf=}";; esac
done"#;

/// The arguments of `guidebook pdf` on `workspace`'s guide into its `out/`, printing with
/// `browser`.
fn pdf_args(workspace: &Workspace, browser: &Path) -> Vec<String> {
    let out = workspace.out();
    [
        "pdf",
        workspace.guide.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--chrome",
        browser.to_str().unwrap(),
    ]
    .map(str::to_string)
    .to_vec()
}

/// Runs `guidebook pdf` on `workspace` with `browser`.
fn run_pdf(workspace: &Workspace, browser: &Path) -> Run {
    let args = pdf_args(workspace, browser);
    run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(prefix))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn pdfs_are_written_with_the_permissions_of_every_other_file() {
    let workspace = copy_fixture("basic");
    let browser = script(&workspace.path("browser"), PRINTING_BROWSER);
    let out = workspace.out();
    run_pdf(&workspace, &browser).assert_code(0);
    let mode = |name: &str| fs::metadata(out.join(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("guide.pdf"), mode("print.html"));
    assert_eq!(mode("handout.pdf"), mode("print.html"));
    assert_ne!(mode("guide.pdf") & 0o044, 0, "readable by others");
}

#[test]
fn a_browser_that_exits_without_a_pdf_is_explained() {
    let workspace = copy_fixture("basic");
    let browser = script(&workspace.path("browser"), "exit 0");
    let out = workspace.out();
    let run = run_pdf(&workspace, &browser);
    run.assert_code(2);
    assert!(
        run.stderr.contains("exited without writing a PDF"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("exit status exit status"),
        "{}",
        run.stderr
    );
    assert!(names_starting(&out, ".guidebook-pdf-").is_empty());
}

#[test]
fn ctrl_c_while_printing_leaves_nothing_behind() {
    let workspace = copy_fixture("basic");
    let started = workspace.path("browser-started");
    let browser = script(
        &workspace.path("browser"),
        &format!("touch '{}'\nexec sleep 30", started.display()),
    );
    let temp = workspace.path("tmp");
    fs::create_dir_all(&temp).unwrap();
    let out = workspace.out();
    let args = pdf_args(&workspace, &browser);
    let mut child = guidebook_command(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .env("TMPDIR", &temp)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !started.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(started.exists(), "the stand-in browser started");
    assert_eq!(names_starting(&out, ".guidebook-pdf-").len(), 1, "printing");
    let pid = rustix::process::Pid::from_child(&child);
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    let stopped = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < stopped,
            "guidebook pdf did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success());
    assert!(!out.join("guide.pdf").exists());
    assert_eq!(
        names_starting(&out, ".guidebook-pdf-"),
        Vec::<String>::new()
    );
    assert_eq!(
        names_starting(&temp, "guidebook-chromium-"),
        Vec::<String>::new()
    );
}
