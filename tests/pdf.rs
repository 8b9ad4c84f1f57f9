//! `guidebook pdf` with stand-in browsers (shell scripts that behave like a browser that prints,
//! one that prints nothing, one that hangs until stopped, and one that records what it was asked
//! to print and hands back prepared PDFs with named destinations), so that what guidebook does
//! around the browser is tested without Chromium: messages, file permissions, Ctrl-C, and the
//! second print that numbers the contents list. The real browser is exercised by the browser
//! tests (tests/browser/print.test.mjs).

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use common::stand_in::{PRINTING_BROWSER, script};
use common::*;
use scraper::{Html, Selector};

/// A browser that records each call in `DIR`: `DIR/args-N` (its arguments, one a line) and
/// `DIR/page-N.html` (a copy of the page it was given), and prints `DIR/N.pdf`, or `DIR/any.pdf`
/// when there is none for call N.
fn recording_browser(dir: &Path) -> String {
    let dir = dir.display();
    format!(
        r#"n=$(( $(cat '{dir}/calls' 2>/dev/null || echo 0) + 1 ))
echo "$n" > '{dir}/calls'
: > "{dir}/args-$n"
for arg in "$@"; do
  printf '%s\n' "$arg" >> "{dir}/args-$n"
  case "$arg" in
    --print-to-pdf=*) out="${{arg#--print-to-pdf=}}";;
    file://*) cp "${{arg#file://}}" "{dir}/page-$n.html";;
  esac
done
if [ -f "{dir}/$n.pdf" ]; then cp "{dir}/$n.pdf" "$out"; else cp '{dir}/any.pdf' "$out"; fi"#
    )
}

/// A PDF of `pages` empty pages whose catalog names `destinations` (name and page, from 1).
fn pdf_with_destinations(pages: usize, destinations: &[(&str, usize)]) -> Vec<u8> {
    let dests: Vec<String> = destinations
        .iter()
        .map(|(name, page)| format!("/{name} [{} 0 R /XYZ 0 800 0]", page + 2))
        .collect();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 3)).collect();
    let mut objects = vec![
        format!(
            "<< /Type /Catalog /Pages 2 0 R /Dests << {} >> >>",
            dests.join(" ")
        ),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ),
    ];
    objects.extend(
        (0..pages).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string()),
    );
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

/// The lines of `DIR/args-N`.
fn call_args(dir: &Path, n: usize) -> Vec<String> {
    fs::read_to_string(dir.join(format!("args-{n}")))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn call_count(dir: &Path) -> usize {
    fs::read_to_string(dir.join("calls")).map_or(0, |n| n.trim().parse().unwrap())
}

/// The file name of the page that call `n` printed.
fn printed_page(dir: &Path, n: usize) -> String {
    let url = call_args(dir, n).into_iter().last().unwrap();
    url.rsplit('/').next().unwrap().to_string()
}

/// The page numbers that a numbered copy of print.html writes into its contents list, by link
/// target, read from its `<style>` rules.
fn numbers_in(copy: &str) -> Vec<(String, String)> {
    let html = Html::parse_document(copy);
    let style = Selector::parse(r#"style[data-guidebook="page-numbers"]"#).unwrap();
    let css: String = html.select(&style).flat_map(|s| s.text()).collect();
    css.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let target = line
                .split("href=\"#")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let page = line
                .split("content: \"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (target.to_string(), page.to_string())
        })
        .collect()
}

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

/// Runs `guidebook pdf` with `browser`, sends Ctrl-C once the browser has made `started`, and
/// checks that nothing is left behind: no PDF, no temporary file, no browser profile. `printing`
/// are name prefixes of the temporary files expected in the output folder while it prints.
fn assert_ctrl_c_leaves_nothing(
    workspace: &Workspace,
    browser: &Path,
    started: &Path,
    printing: &[&str],
) {
    let temp = workspace.path("tmp");
    fs::create_dir_all(&temp).unwrap();
    let out = workspace.out();
    let args = pdf_args(workspace, browser);
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
    for prefix in printing {
        assert!(
            !names_starting(&out, prefix).is_empty(),
            "{prefix}* while printing"
        );
    }
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
    assert_eq!(names_starting(&out, ".guidebook-"), vec![".guidebook-site"]);
    assert_eq!(
        names_starting(&temp, "guidebook-chromium-"),
        Vec::<String>::new()
    );
}

#[test]
fn ctrl_c_while_printing_leaves_nothing_behind() {
    let workspace = copy_fixture("basic");
    let started = workspace.path("browser-started");
    let browser = script(
        &workspace.path("browser"),
        &format!("touch '{}'\nexec sleep 30", started.display()),
    );
    assert_ctrl_c_leaves_nothing(&workspace, &browser, &started, &[".guidebook-pdf-"]);
}

#[test]
fn ctrl_c_while_printing_the_numbered_copy_leaves_nothing_behind() {
    let workspace = copy_fixture("basic");
    let calls = workspace.path("calls");
    fs::create_dir_all(&calls).unwrap();
    let pdf = pdf_with_destinations(3, &[("lesson-start", 2)]);
    fs::write(calls.join("any.pdf"), pdf).unwrap();
    let started = workspace.path("browser-started");
    // The first call prints; the second, the numbered copy, hangs.
    let hang_on_the_second_call = format!(
        "if [ \"$(cat '{}/calls' 2>/dev/null)\" = 1 ]; then touch '{}'; exec sleep 30; fi\n",
        calls.display(),
        started.display()
    );
    let browser = script(
        &workspace.path("browser"),
        &(hang_on_the_second_call + &recording_browser(&calls)),
    );
    assert_ctrl_c_leaves_nothing(
        &workspace,
        &browser,
        &started,
        &[".guidebook-pdf-", ".guidebook-print-"],
    );
}

#[test]
fn the_guide_is_printed_again_with_the_contents_numbered_from_the_first_print() {
    let workspace = copy_fixture("basic");
    let calls = workspace.path("calls");
    fs::create_dir_all(&calls).unwrap();
    let destinations = [
        ("lesson-start", 3),
        ("lesson-fit", 5),
        ("lesson-walk", 6),
        ("lesson-home", 8),
        ("gear-compared", 10),
        ("start-a-heading", 4),
    ];
    fs::write(
        calls.join("any.pdf"),
        pdf_with_destinations(11, &destinations),
    )
    .unwrap();
    let browser = script(&workspace.path("browser"), &recording_browser(&calls));
    let out = workspace.out();
    let run = run_pdf(&workspace, &browser);
    run.assert_code(0);
    assert!(!run.stderr.contains("warn"), "{}", run.stderr);

    assert_eq!(call_count(&calls), 3, "guide twice, handout once");
    assert_eq!(printed_page(&calls, 1), "print.html");
    let copy = printed_page(&calls, 2);
    assert!(
        copy.starts_with(".guidebook-print-") && copy.ends_with(".html"),
        "{copy}"
    );
    assert_eq!(printed_page(&calls, 3), "handout.html");
    let outline = "--generate-pdf-document-outline".to_string();
    assert!(call_args(&calls, 1).contains(&outline));
    assert!(call_args(&calls, 2).contains(&outline));
    assert!(
        !call_args(&calls, 3).contains(&outline),
        "the handout has no bookmarks"
    );

    // The copy is print.html with the numbers added, and the site's print.html has none.
    let print = fs::read_to_string(out.join("print.html")).unwrap();
    let numbered = fs::read_to_string(calls.join("page-2.html")).unwrap();
    let mut expected: Vec<(String, String)> = destinations
        .iter()
        .map(|(id, page)| (id.to_string(), page.to_string()))
        .collect();
    expected.sort();
    assert_eq!(numbers_in(&numbered), expected);
    assert_eq!(numbers_in(&print), Vec::new());
    let style_start = numbered.find("<style data-guidebook").unwrap();
    let style_end = style_start + numbered[style_start..].find("</style>\n").unwrap() + 9;
    assert_eq!(
        format!("{}{}", &numbered[..style_start], &numbered[style_end..]),
        print
    );
    let empty_boxes = Html::parse_document(&print)
        .select(&Selector::parse("nav.print-toc a .toc-page").unwrap())
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>();
    assert_eq!(
        empty_boxes,
        vec![String::new(); 5],
        "one empty box per entry"
    );

    assert_eq!(
        fs::read(out.join("guide.pdf")).unwrap(),
        fs::read(calls.join("any.pdf")).unwrap()
    );
    assert_eq!(names_starting(&out, ".guidebook-"), vec![".guidebook-site"]);
}

#[test]
fn page_numbers_that_keep_moving_are_printed_four_times_then_warned_about() {
    let workspace = copy_fixture("basic");
    let calls = workspace.path("calls");
    fs::create_dir_all(&calls).unwrap();
    for n in 1..=5 {
        let pdf = pdf_with_destinations(6, &[("lesson-start", n)]);
        fs::write(calls.join(format!("{n}.pdf")), pdf).unwrap();
    }
    fs::write(calls.join("any.pdf"), pdf_with_destinations(1, &[])).unwrap();
    let browser = script(&workspace.path("browser"), &recording_browser(&calls));
    let out = workspace.out();
    let run = run_pdf(&workspace, &browser);
    run.assert_code(0);
    assert_eq!(call_count(&calls), 5, "guide 1 + 3 times, handout once");
    assert_eq!(printed_page(&calls, 5), "handout.html");
    for n in 2..=4 {
        let copy = fs::read_to_string(calls.join(format!("page-{n}.html"))).unwrap();
        let numbers = numbers_in(&copy);
        let expected = vec![("lesson-start".to_string(), (n - 1).to_string())];
        assert_eq!(
            numbers,
            expected,
            "print {n} has the numbers of print {}",
            n - 1
        );
    }
    assert!(
        run.stderr.contains("still moved after 4 prints"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read(out.join("guide.pdf")).unwrap(),
        fs::read(calls.join("4.pdf")).unwrap(),
        "the last print is kept"
    );
    assert_eq!(names_starting(&out, ".guidebook-"), vec![".guidebook-site"]);
}

#[test]
fn a_pdf_that_cannot_be_read_is_kept_without_numbers_and_said() {
    let workspace = copy_fixture("basic");
    let browser = script(&workspace.path("browser"), PRINTING_BROWSER);
    let run = run_pdf(&workspace, &browser);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("guide.pdf has no page numbers in its contents"),
        "{}",
        run.stderr
    );
    assert!(workspace.out().join("guide.pdf").exists());
}

#[test]
fn every_language_is_printed_into_its_own_folder() {
    let workspace = copy_fixture("languages");
    let browser = script(&workspace.path("browser"), PRINTING_BROWSER);
    let out = workspace.out();
    let run = run_pdf(&workspace, &browser);
    run.assert_code(0);
    for folder in ["", "es/", "fr/"] {
        for pdf in ["guide.pdf", "handout.pdf"] {
            let path = out.join(format!("{folder}{pdf}"));
            assert!(path.is_file(), "no {folder}{pdf}: {}", run.stderr);
            assert!(
                fs::read(&path).unwrap().starts_with(b"%PDF"),
                "{folder}{pdf}"
            );
            assert!(
                run.stdout.contains(&format!("{folder}{pdf}")),
                "{}",
                run.stdout
            );
        }
    }
}

/// `guidebook pdf`'s warnings are written as guidebook's own (`warning: ...`, saying what to
/// do), not as log records (`[WARN guidebook] ...`).
#[test]
fn pdf_warnings_are_guidebook_s_own_lines() {
    let workspace = copy_fixture("basic");
    let browser = script(&workspace.path("browser"), PRINTING_BROWSER);
    let run = run_pdf(&workspace, &browser);
    run.assert_code(0);
    let warning = (run.stderr.lines())
        .find(|line| line.contains("no page numbers"))
        .unwrap_or_else(|| panic!("no warning: {}", run.stderr));
    assert!(
        warning.starts_with("warning: guide.pdf has no page numbers in its contents"),
        "{warning}"
    );
    assert!(
        warning.contains("try another browser with --chrome"),
        "{warning}"
    );
    assert!(!run.stderr.contains("[WARN"), "{}", run.stderr);
}
