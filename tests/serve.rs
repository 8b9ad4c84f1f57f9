//! `guidebook serve` end to end: the real binary on a copy of the sample guide, spoken to over
//! HTTP/1.1 and its server-sent-events stream through the shared client (`common::http`, on
//! `ureq`). Every test starts its own server on `--port 0` in its own temporary folder, so they
//! run in parallel; waits are polling loops with deadlines, never fixed sleeps.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::http::{Client, EventStream, Response, SseEvent, SseEvents};
use common::*;
use proptest::prelude::*;
use serde_json::Value;
use ureq::http::HeaderMap;

/// A lesson that others link to (so breaking it breaks the build) and its page.
const LESSON_FILE: &str = "content/05-first-wear-indoors.md";
const LESSON_PAGE: &str = "first-wear-indoors.html";
/// A sentence of that lesson's original text.
const LESSON_TEXT: &str = "This is the moment the earlier lessons have been building towards.";
/// The last lesson, which nothing links to or depends on (so it can go without errors).
const LAST_FILE: &str = "content/12-cats-who-stay-in.md";
const LAST_PAGE: &str = "cats-who-stay-in.html";
const LAST_TITLE: &str = "When your cat would rather stay in";

/// How long a rebuild may take to show.
const WAIT: Duration = Duration::from_secs(5);
/// How long the server may take to start (it builds the guide first; tests run in parallel).
const START: Duration = Duration::from_secs(20);
const SCRIPT_TAG: &str = "<script src=\"/__guidebook/live.js\" data-version=\"";

/// The 404 page as served for a missing address: `<base href="/">` first in its head.
fn rooted(page: &str) -> String {
    page.replacen("<head>", "<head><base href=\"/\">", 1)
}

// ---------------------------------------------------------------------------------------------
// The process

/// A running `guidebook` process whose output is collected in the background; killed when
/// dropped, so a failing test never leaves a server behind.
struct Process {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Process {
    fn spawn(args: &[&str]) -> Process {
        let mut child = guidebook_command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the guidebook binary starts");
        let stdout = collect_lines(child.stdout.take().unwrap());
        let stderr = collect_lines(child.stderr.take().unwrap());
        Process {
            child,
            stdout,
            stderr,
        }
    }

    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until `output()` satisfies `done`; false at the deadline or if the process ended
    /// without it.
    fn wait_for(&mut self, timeout: Duration, done: impl Fn(&Process) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if done(self) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            if self.child.try_wait().unwrap().is_some() {
                // Let the reader threads take the last output.
                thread::sleep(Duration::from_millis(50));
                return done(self);
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The exit status, or `None` if the process is still running at the deadline.
    fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader threads take the last output.
                thread::sleep(Duration::from_millis(50));
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    fn describe(&self) -> String {
        format!("stdout:\n{}\nstderr:\n{}", self.stdout(), self.stderr())
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect_lines(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}

/// `guidebook serve GUIDE --port 0` on a guide of its own, up and listening.
struct Server {
    // Dropped first: the process is killed before its folder is removed.
    process: Process,
    port: u16,
    client: Client,
    workspace: Workspace,
}

impl Server {
    /// On a copy of the repository's sample guide.
    fn start(extra: &[&str]) -> Server {
        Server::start_in(copy_sample_guide(), extra)
    }

    fn start_in(workspace: Workspace, extra: &[&str]) -> Server {
        let guide = workspace.guide.to_str().unwrap().to_string();
        let mut args = vec!["serve", guide.as_str(), "--port", "0"];
        args.extend_from_slice(extra);
        let mut process = Process::spawn(&args);
        let started = process.wait_for(START, |p| serving_line(&p.stdout()).is_some());
        assert!(
            started,
            "the server did not start within {START:?}\n{}",
            process.describe()
        );
        let line = serving_line(&process.stdout()).unwrap();
        let port: u16 = line
            .rsplit_once("http://127.0.0.1:")
            .and_then(|(_, rest)| rest.strip_suffix('/'))
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        let root = workspace.guide.canonicalize().unwrap();
        assert_eq!(
            line,
            format!("Serving {} at http://127.0.0.1:{port}/", root.display())
        );
        assert_ne!(port, 0);
        Server {
            process,
            port,
            client: Client::new(port),
            workspace,
        }
    }

    #[track_caller]
    fn get(&self, path: &str) -> Response {
        self.client.get(path)
    }

    #[track_caller]
    fn request(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        self.client.get_with(path, headers)
    }

    /// Connects to the event stream and checks its first message: the current state.
    fn events(&self) -> Events {
        let mut events = Events::connect(self, &[]);
        assert_eq!(events.status(), 200, "event stream: {:?}", events.headers());
        let first = events.expect_next("the current state on connect");
        assert_eq!(first["type"], "reload", "first message: {first}");
        assert_eq!(first["everything"], true, "first message: {first}");
        events
    }

    /// GETs `path` until `done` holds, for at most [`WAIT`].
    #[track_caller]
    fn poll(&self, path: &str, what: &str, done: impl Fn(&Response) -> bool) -> Response {
        let deadline = Instant::now() + WAIT;
        loop {
            let response = self.get(path);
            if done(&response) {
                return response;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: GET {path} did not get there within {WAIT:?}; last response {} with:\n{}\n{}",
                response.status,
                response.text(),
                self.process.describe()
            );
            thread::sleep(Duration::from_millis(25));
        }
    }

    fn path(&self, relative: &str) -> std::path::PathBuf {
        self.workspace.guide_path(relative)
    }

    fn read(&self, relative: &str) -> String {
        self.workspace.read(relative)
    }

    #[track_caller]
    fn assert_running(&mut self) {
        assert!(
            self.process.is_running(),
            "the server stopped\n{}",
            self.process.describe()
        );
    }
}

fn serving_line(stdout: &str) -> Option<String> {
    stdout
        .lines()
        .find(|line| line.starts_with("Serving "))
        .map(str::to_string)
}

// ---------------------------------------------------------------------------------------------
// The event stream

/// A browser's view of `/__guidebook/events`: the data of each event, parsed as JSON.
struct Events {
    stream: EventStream,
}

impl Events {
    fn connect(server: &Server, headers: &[(&str, &str)]) -> Events {
        Events {
            stream: server.client.events(headers),
        }
    }

    fn status(&self) -> u16 {
        self.stream.status
    }

    fn headers(&self) -> &HeaderMap {
        &self.stream.headers
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.stream.header(name)
    }

    fn is_closed(&self) -> bool {
        self.stream.is_closed()
    }

    /// The next message, or `None` if none comes within `timeout` (or the stream ends).
    fn next(&mut self, timeout: Duration) -> Option<Value> {
        let event = self.stream.next(timeout)?;
        let message = serde_json::from_str(&event.data)
            .unwrap_or_else(|e| panic!("an event's data is not JSON ({e}): {}", event.data));
        Some(message)
    }

    #[track_caller]
    fn expect_next(&mut self, what: &str) -> Value {
        self.next(WAIT)
            .unwrap_or_else(|| panic!("no message ({what}) within {WAIT:?}"))
    }

    /// The next message, which must be a reload.
    #[track_caller]
    fn expect_reload(&mut self, what: &str) -> Value {
        let message = self.expect_next(what);
        assert_eq!(message["type"], "reload", "{what}: {message}");
        message
    }

    /// Messages until one satisfies `done` (all of them, that one last), for at most [`WAIT`].
    #[track_caller]
    fn until(&mut self, what: &str, done: impl Fn(&Value) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left) {
                Some(message) => {
                    let found = done(&message);
                    seen.push(message);
                    if found {
                        return seen;
                    }
                }
                None => panic!("no message ({what}) within {WAIT:?}; got {seen:#?}"),
            }
        }
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("not a string: {v}"))
                .to_string()
        })
        .collect()
}

fn changed(message: &Value) -> Vec<String> {
    strings(&message["changed"])
}

/// `moved` as (old page, new page) pairs.
fn moved(message: &Value) -> Vec<(String, String)> {
    message["moved"]
        .as_array()
        .unwrap_or_else(|| panic!("no moved list: {message}"))
        .iter()
        .map(|pair| {
            let pair = strings(pair);
            assert_eq!(pair.len(), 2, "a moved entry is [old, new]: {message}");
            (pair[0].clone(), pair[1].clone())
        })
        .collect()
}

/// The version in a served page's live-reload tag; asserts the tag is there once, right before
/// `</body>`.
#[track_caller]
fn injected_version(html: &str) -> String {
    assert_eq!(
        html.matches(SCRIPT_TAG).count(),
        1,
        "expected one live-reload script tag in:\n{html}"
    );
    let at = html.find(SCRIPT_TAG).unwrap();
    let rest = &html[at + SCRIPT_TAG.len()..];
    let version = &rest[..rest.find('"').expect("the version attribute ends")];
    assert!(!version.is_empty(), "empty data-version");
    let tag_end = at + rest.find("</script>").expect("the script tag closes") + SCRIPT_TAG.len();
    let body_end = html.rfind("</body>").expect("a </body>");
    assert!(tag_end < body_end, "the script is not before </body>");
    assert!(
        html[tag_end + "</script>".len()..body_end]
            .trim()
            .is_empty(),
        "the script is not right before </body>: {:?}",
        &html[tag_end..body_end]
    );
    version.to_string()
}

// ---------------------------------------------------------------------------------------------
// Editing the guide

fn append(path: &Path, text: &str) {
    let mut file = fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

/// Replaces a file's text the way careful editors save: a temporary file renamed over it.
fn replace_atomically(path: &Path, text: &str) {
    let temporary = path.with_extension("md.tmp");
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, path).unwrap();
}

/// The body of a lesson, without its front matter.
fn body_of(lesson: &str) -> &str {
    lesson
        .split_once("\n---\n")
        .map(|(_, body)| body)
        .expect("a lesson with front matter")
}

// ---------------------------------------------------------------------------------------------
// Serving

#[test]
fn serves_the_site_from_memory_with_the_live_reload_script() {
    let server = Server::start(&[]);

    let index = server.get("/");
    assert_eq!(index.status, 200, "{}", index.text());
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let index_html = index.text();
    assert!(index_html.contains("<html lang=\"en\""), "{index_html}");
    assert!(index_html.contains(&format!("href=\"{LESSON_PAGE}\"")));
    let version = injected_version(&index_html);

    let lesson = server.get(&format!("/{LESSON_PAGE}"));
    assert_eq!(lesson.status, 200);
    assert_eq!(
        lesson.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let lesson_html = lesson.text();
    assert!(lesson_html.contains("<h1>Put the harness on for the first time</h1>"));
    assert!(lesson_html.contains(LESSON_TEXT));
    assert_eq!(injected_version(&lesson_html), version);

    let css = server.get("/assets/guidebook.css");
    assert_eq!(css.status, 200);
    let css_type = css.header("content-type").unwrap_or_default();
    assert!(css_type.starts_with("text/css"), "CSS served as {css_type}");
    let theme_css =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/guidebook.css");
    assert_eq!(css.body, fs::read(theme_css).unwrap());

    let script = server.get("/__guidebook/live.js");
    assert_eq!(script.status, 200);
    let script_type = script.header("content-type").unwrap_or_default();
    assert!(
        script_type.contains("javascript"),
        "live.js served as {script_type}"
    );
    assert!(script.text().contains("/__guidebook/events"));

    let missing = server.get("/no-such-lesson.html");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let not_found = server.get("/404.html");
    assert_eq!(not_found.status, 200);
    assert_eq!(
        missing.text(),
        rooted(&not_found.text()),
        "a missing page gets the site's 404 page, with its links rooted"
    );
    injected_version(&missing.text());
    // At any depth, the 404 page's relative links (its stylesheet first) lead to the root.
    let deep = server.get("/some/deep/missing.html");
    assert_eq!(deep.status, 404);
    let html = scraper::Html::parse_document(&deep.text());
    assert_eq!(attr(select_one(&html, "head > base"), "href"), "/");

    for response in [&index, &lesson, &css, &script, &missing] {
        assert_eq!(
            response.header("cache-control"),
            Some("no-store"),
            "{response:?}"
        );
        assert_eq!(
            response.header("access-control-allow-origin"),
            None,
            "{:?}",
            response.headers
        );
    }
    // Nothing is written into the guide while serving.
    assert!(!server.path("site").exists());
}

#[test]
fn editing_a_lesson_in_place_rebuilds_it_and_tells_the_browsers() {
    let mut server = Server::start(&[]);
    let mut events = server.events();

    append(
        &server.path(LESSON_FILE),
        "\nA new paragraph about the quokkazanzibar.\n",
    );
    let message = events.expect_reload("the reload after the edit");
    let pages = changed(&message);
    assert!(
        pages.contains(&LESSON_PAGE.to_string()),
        "{LESSON_PAGE} not in changed: {message}"
    );
    assert_eq!(message["css_only"], false, "{message}");
    assert_eq!(message["everything"], false, "{message}");
    assert!(moved(&message).is_empty(), "{message}");

    let page = server.poll(&format!("/{LESSON_PAGE}"), "the edit", |r| {
        r.status == 200 && r.text().contains("quokkazanzibar")
    });
    assert_eq!(
        injected_version(&page.text()),
        message["version"].as_str().unwrap(),
        "the page is served from the version the message announced"
    );
    server.assert_running();
}

#[test]
fn editing_a_translation_reloads_its_language_s_page_only() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let spanish = LESSON_FILE.replace(".md", ".es.md");
    assert!(
        server.path(&spanish).is_file(),
        "the sample translates {LESSON_FILE}"
    );
    append(
        &server.path(&spanish),
        "\nUn párrafo nuevo sobre el quokkatraducido.\n",
    );
    let message = events.expect_reload("the reload after editing the translation");
    let pages = changed(&message);
    let translated = format!("es/{LESSON_PAGE}");
    assert!(pages.contains(&translated), "{translated} not in {message}");
    assert!(
        !pages.contains(&LESSON_PAGE.to_string()),
        "the English page did not change: {message}"
    );
    let page = server.poll(&format!("/{translated}"), "the translation's edit", |r| {
        r.status == 200 && r.text().contains("quokkatraducido")
    });
    assert!(page.text().contains("lang=\"es\""));
    assert!(
        !server
            .get(&format!("/{LESSON_PAGE}"))
            .text()
            .contains("quokkatraducido")
    );
    server.assert_running();
}

/// A lesson's title shows on the pages of the lessons it unlocks and in every sidebar, in
/// each language: after its translation's title and then its own change, the preview (which
/// keeps each lesson's summary between rebuilds) serves what a build writes.
#[test]
fn a_changed_title_shows_everywhere_in_both_languages_as_built() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let retitle = |path: &Path, title: &str| {
        let text = fs::read_to_string(path).expect("the lesson");
        let (front, rest) = text.split_once("\ntitle: ").expect("a title line");
        let rest = rest.split_once('\n').map_or("", |(_, rest)| rest);
        replace_atomically(path, &format!("{front}\ntitle: \"{title}\"\n{rest}"));
    };
    let spanish = server.path(&LESSON_FILE.replace(".md", ".es.md"));
    retitle(&spanish, "Primer arnés, título nuevo");
    events.expect_reload("the translation retitled");
    let later = server.poll(
        "/es/longer-wear.html",
        "the new title among the prerequisites",
        |r| r.status == 200 && r.text().contains("Primer arnés, título nuevo"),
    );
    assert!(!later.text().contains("Ponle el arnés por primera vez"));
    assert_serves_the_build(&server, &[]);
    retitle(&server.path(LESSON_FILE), "First wear, retitled");
    events.expect_reload("the lesson retitled");
    assert_serves_the_build(&server, &[]);
    server.assert_running();
}

#[test]
fn saving_through_a_temporary_file_and_rename_is_picked_up() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let lesson = server.path(LESSON_FILE);
    let original = server.read(LESSON_FILE);

    // `05-first-wear-indoors.md.tmp` renamed over the lesson.
    replace_atomically(
        &lesson,
        &format!("{original}\nThe wombatgazette arrives.\n"),
    );
    let message = events.expect_reload("the reload after the first save");
    assert!(
        changed(&message).contains(&LESSON_PAGE.to_string()),
        "{message}"
    );
    server.poll(&format!("/{LESSON_PAGE}"), "the first save", |r| {
        r.status == 200 && r.text().contains("wombatgazette")
    });

    // A hidden temporary file (`content/.tmp-xyz`) renamed over the lesson.
    let temporary = server.path("content/.tmp-xyz");
    fs::write(
        &temporary,
        format!("{original}\nThe narwhalbicycle leaves.\n"),
    )
    .unwrap();
    fs::rename(&temporary, &lesson).unwrap();
    let message = events.expect_reload("the reload after the second save");
    assert!(
        changed(&message).contains(&LESSON_PAGE.to_string()),
        "{message}"
    );
    let page = server.poll(&format!("/{LESSON_PAGE}"), "the second save", |r| {
        r.status == 200 && r.text().contains("narwhalbicycle")
    });
    assert!(!page.text().contains("wombatgazette"));
    server.assert_running();
}

/// The preview's lines on stdout that report a rebuild.
fn rebuilt_lines(stdout: &str) -> Vec<String> {
    (stdout.lines())
        .filter(|line| line.starts_with("Rebuilt in "))
        .map(str::to_string)
        .collect()
}

/// A rebuilt line without its time: `Rebuilt in 12 ms: X` -> `X`.
fn without_time(line: &str) -> &str {
    line.split_once(" ms")
        .map(|(_, rest)| rest.trim_start_matches([':', ';', ' ']))
        .unwrap_or(line)
}

/// Waits for the `n`th rebuilt line and gives it without its time.
#[track_caller]
fn nth_rebuilt(server: &mut Server, n: usize) -> String {
    let seen = server
        .process
        .wait_for(WAIT, |p| rebuilt_lines(&p.stdout()).len() >= n);
    assert!(seen, "no rebuilt line #{n}\n{}", server.process.describe());
    without_time(&rebuilt_lines(&server.process.stdout())[n - 1]).to_string()
}

/// `sed -i EXPRESSION FILE`: a temporary file in the same folder renamed over the file, as the
/// issue's author edited.
fn sed_in_place(expression: &str, path: &Path) {
    let status = Command::new("sed")
        .args(["-i", expression])
        .arg(path)
        .status()
        .expect("sed runs");
    assert!(status.success(), "sed -i {expression}");
}

/// The failed checks the preview told on stderr.
fn failing_lines(stderr: &str) -> Vec<&str> {
    (stderr.lines())
        .filter(|line| line.starts_with("error: the guide has "))
        .collect()
}

#[test]
fn the_terminal_counts_the_files_the_author_saved_not_the_pages() {
    let mut server = Server::start(&[]);
    let lesson = server.path(LESSON_FILE);
    let original = server.read(LESSON_FILE);
    let one = format!("1 file changed ({LESSON_FILE})");

    // One line appended to one file: its page, the print edition, search and more change.
    append(&lesson, "\nA new paragraph about the otterharpsichord.\n");
    assert_eq!(nth_rebuilt(&mut server, 1), one);
    // The same file saved through a temporary file renamed over it.
    replace_atomically(&lesson, &format!("{original}\nThe ibisaccordion.\n"));
    assert_eq!(nth_rebuilt(&mut server, 2), one);
    // Saved again with the same text, then another file changed: only that one is told.
    replace_atomically(&lesson, &format!("{original}\nThe ibisaccordion.\n"));
    append(&server.path(LAST_FILE), "\nA last word.\n");
    assert_eq!(
        nth_rebuilt(&mut server, 3),
        format!("1 file changed ({LAST_FILE})")
    );
    // Two files at once.
    append(&lesson, "\nMore.\n");
    append(&server.path(LAST_FILE), "\nMore.\n");
    let seen = server.process.wait_for(WAIT, |p| {
        let lines = rebuilt_lines(&p.stdout());
        lines[3..].iter().any(|l| l.contains(LAST_FILE))
    });
    assert!(seen, "{}", server.process.describe());
    let told: Vec<String> = rebuilt_lines(&server.process.stdout())[3..]
        .iter()
        .map(|l| without_time(l).to_string())
        .collect();
    let together = format!("2 files changed ({LESSON_FILE} and {LAST_FILE})");
    let apart = [one.clone(), format!("1 file changed ({LAST_FILE})")];
    assert!(told == [together.clone()] || told == apart, "{told:?}");
    // A save that changes nothing any page shows.
    let config = server.path("guide.toml");
    append(&config, "\n# A comment.\n");
    let at = rebuilt_lines(&server.process.stdout()).len() + 1;
    assert_eq!(
        nth_rebuilt(&mut server, at),
        "1 file changed (guide.toml); no page changed"
    );
    server.assert_running();
}

#[test]
fn an_error_is_told_once_and_its_fix_says_the_guide_is_good_again() {
    let mut server = Server::start(&[]);
    let lesson = server.path(LAST_FILE);
    let failing = "error: the guide has 1 error; still serving the last good version";

    sed_in_place("s/^title: .*/title: [broken/", &lesson);
    let told = server
        .process
        .wait_for(WAIT, |p| !failing_lines(&p.stderr()).is_empty());
    assert!(told, "{}", server.process.describe());
    assert_eq!(failing_lines(&server.process.stderr()), [failing]);
    // Saving the broken file again changes nothing: nothing more is told.
    replace_atomically(&lesson, &server.read(LAST_FILE));
    sed_in_place("s/^title: \\[broken/title: Fixed/", &lesson);
    assert_eq!(
        nth_rebuilt(&mut server, 1),
        format!("1 file changed ({LAST_FILE}); the guide is good again, no errors")
    );
    // Another error: told once more, and only now (stderr is one stream, in order).
    sed_in_place("s/^duration: .*/duration: soon/", &lesson);
    let told = server
        .process
        .wait_for(WAIT, |p| failing_lines(&p.stderr()).len() >= 2);
    assert!(told, "{}", server.process.describe());
    assert_eq!(failing_lines(&server.process.stderr()), [failing, failing]);
    assert_eq!(rebuilt_lines(&server.process.stdout()).len(), 1);
    server.assert_running();
}

#[test]
fn deleting_and_recreating_a_lesson_is_picked_up() {
    let mut server = Server::start(&[]);
    let lesson = server.path(LESSON_FILE);
    let original = server.read(LESSON_FILE);
    fs::remove_file(&lesson).unwrap();
    fs::write(
        &lesson,
        format!("{original}\nThe pelicanharmonica is back.\n"),
    )
    .unwrap();
    server.poll(&format!("/{LESSON_PAGE}"), "the recreated lesson", |r| {
        r.status == 200 && r.text().contains("pelicanharmonica")
    });
    server.assert_running();
}

#[test]
fn a_new_lesson_gets_its_page() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    fs::write(
        server.path("content/13-a-brand-new-lesson.md"),
        lesson(
            "A brand new lesson",
            13,
            "prerequisites: [cats-who-stay-in]\n",
            "\nAll about the axolotlsymphony.\n",
        ),
    )
    .unwrap();
    let message = events.expect_reload("the reload after the new lesson");
    let pages = changed(&message);
    for page in ["a-brand-new-lesson.html", "index.html", LAST_PAGE] {
        assert!(pages.contains(&page.to_string()), "{page} not in {message}");
    }
    let page = server.poll("/a-brand-new-lesson.html", "the new lesson", |r| {
        r.status == 200
    });
    let html = page.text();
    assert!(html.contains("<h1>A brand new lesson</h1>"), "{html}");
    assert!(html.contains("axolotlsymphony"));
    let index = server.get("/").text();
    assert!(
        index.contains("href=\"a-brand-new-lesson.html\""),
        "{index}"
    );
    server.assert_running();
}

#[test]
fn a_deleted_lesson_is_gone_and_its_readers_go_home() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    assert_eq!(server.get(&format!("/{LAST_PAGE}")).status, 200);

    fs::remove_file(server.path(LAST_FILE)).unwrap();
    let message = events.expect_reload("the reload after the deletion");
    assert_eq!(
        moved(&message),
        // The Spanish edition's page moves too, within `es/`.
        vec![
            (LAST_PAGE.to_string(), "index.html".to_string()),
            (format!("es/{LAST_PAGE}"), "es/index.html".to_string())
        ],
        "{message}"
    );
    assert!(
        changed(&message).contains(&"index.html".to_string()),
        "{message}"
    );
    let gone = server.get(&format!("/{LAST_PAGE}"));
    assert_eq!(gone.status, 404);
    assert!(
        !server
            .get("/")
            .text()
            .contains(&format!("href=\"{LAST_PAGE}\""))
    );
    server.assert_running();
}

#[test]
fn a_renamed_lesson_file_moves_its_readers_to_the_new_page() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    fs::rename(
        server.path(LAST_FILE),
        server.path("content/12-staying-in.md"),
    )
    .unwrap();
    // The first message that moves the old page must send its readers to the new one.
    let seen = events.until("a message moving the old page", |m| {
        m["type"] == "reload" && moved(m).iter().any(|(old, _)| old == LAST_PAGE)
    });
    let message = seen.last().unwrap();
    assert_eq!(
        moved(message),
        vec![
            (LAST_PAGE.to_string(), "staying-in.html".to_string()),
            (format!("es/{LAST_PAGE}"), "es/staying-in.html".to_string())
        ],
        "{seen:#?}"
    );
    let page = server.poll("/staying-in.html", "the renamed lesson", |r| {
        r.status == 200
    });
    assert!(page.text().contains(&format!("<h1>{LAST_TITLE}</h1>")));
    assert_eq!(server.get(&format!("/{LAST_PAGE}")).status, 404);
    server.assert_running();
}

#[test]
fn a_new_slug_moves_its_readers_to_the_new_page() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let original = server.read(LAST_FILE);
    let reslugged = original.replacen("---\n", "---\nslug: stay-indoors\n", 1);
    replace_atomically(&server.path(LAST_FILE), &reslugged);
    let message = events.expect_reload("the reload after the new slug");
    assert_eq!(
        moved(&message),
        vec![
            (LAST_PAGE.to_string(), "stay-indoors.html".to_string()),
            (
                format!("es/{LAST_PAGE}"),
                "es/stay-indoors.html".to_string()
            )
        ],
        "{message}"
    );
    assert!(
        changed(&message).contains(&"stay-indoors.html".to_string()),
        "{message}"
    );
    assert_eq!(server.get("/stay-indoors.html").status, 200);
    assert_eq!(server.get(&format!("/{LAST_PAGE}")).status, 404);
    server.assert_running();
}

#[test]
fn a_lesson_in_a_new_folder_gets_its_page() {
    let mut server = Server::start(&[]);
    let folder = server.path("content/extra/deeper");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("13-in-a-folder.md"),
        lesson(
            "In a new folder",
            13,
            "",
            "\nThe capybaralantern lives here.\n",
        ),
    )
    .unwrap();
    server.poll("/in-a-folder.html", "the lesson in the new folder", |r| {
        r.status == 200 && r.text().contains("capybaralantern")
    });
    // The new folder is watched too.
    append(
        &folder.join("13-in-a-folder.md"),
        "\nAnd the okapiharmonium.\n",
    );
    server.poll("/in-a-folder.html", "the edit in the new folder", |r| {
        r.text().contains("okapiharmonium")
    });
    server.assert_running();
}

#[test]
fn editing_guide_toml_rebuilds_every_page() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let config = server.read("guide.toml");
    let retitled = config.replace(
        "title = \"Walking Your Cat: Harness and Leash Training\"",
        "title = \"The Retitled Tapirguide\"",
    );
    assert_ne!(retitled, config);
    fs::write(server.path("guide.toml"), retitled).unwrap();
    let message = events.expect_reload("the reload after editing guide.toml");
    let pages = changed(&message);
    let everything = message["everything"] == true;
    for page in ["index.html", LESSON_PAGE, LAST_PAGE, "404.html"] {
        assert!(
            everything || pages.contains(&page.to_string()),
            "{page} not reloaded: {message}"
        );
    }
    for page in ["/", &format!("/{LESSON_PAGE}")] {
        server.poll(page, "the new title", |r| {
            r.text().contains("The Retitled Tapirguide")
        });
    }
    server.assert_running();
}

#[test]
fn a_build_error_keeps_the_last_good_site_until_it_is_fixed() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let lesson = server.path(LESSON_FILE);
    let original = server.read(LESSON_FILE);

    let broken = format!("---\ntitle: [broken\nstep: 1\n---\n{}", body_of(&original));
    replace_atomically(&lesson, &broken);
    let message = events.expect_next("the errors of the broken lesson");
    assert_eq!(message["type"], "errors", "{message}");
    let errors = message["errors"].as_array().expect("an errors list");
    assert!(!errors.is_empty(), "{message}");
    for error in errors {
        for key in ["file", "message"] {
            assert!(
                error[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {error}"
            );
        }
        for key in ["line", "column"] {
            assert!(
                error[key].as_u64().is_some_and(|n| n >= 1),
                "{key} in {error}"
            );
        }
    }
    let in_lesson = errors
        .iter()
        .find(|e| e["file"] == LESSON_FILE)
        .unwrap_or_else(|| panic!("no error in {LESSON_FILE}: {message}"));
    assert_eq!(in_lesson["line"], 2, "the title line: {in_lesson}");

    server.assert_running();
    let page = server.get(&format!("/{LESSON_PAGE}"));
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.text().contains(LESSON_TEXT));
    assert!(
        page.text()
            .contains("<h1>Put the harness on for the first time</h1>")
    );
    assert_eq!(server.get("/").status, 200);

    replace_atomically(
        &lesson,
        &format!("{original}\nFixed: the flamingoledger.\n"),
    );
    let message = events.expect_reload("the reload after the fix");
    let fixed_version = message["version"].as_str().unwrap().to_string();
    let page = server.poll(&format!("/{LESSON_PAGE}"), "the fix", |r| {
        r.status == 200 && r.text().contains("flamingoledger")
    });
    assert_eq!(injected_version(&page.text()), fixed_version);
    server.assert_running();
}

#[test]
fn a_stylesheet_change_swaps_the_css_only() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let css = "/* css-only-marker */\nbody { color: rebeccapurple; }\n";
    let static_dir = server.path("themes/default/static");
    fs::create_dir_all(&static_dir).unwrap();
    fs::write(static_dir.join("guidebook.css"), css).unwrap();

    let message = events.expect_reload("the reload after the stylesheet change");
    assert_eq!(message["css_only"], true, "{message}");
    assert!(
        changed(&message).contains(&"assets/guidebook.css".to_string()),
        "{message}"
    );
    let served = server.poll("/assets/guidebook.css", "the new stylesheet", |r| {
        r.status == 200 && r.text().contains("css-only-marker")
    });
    assert_eq!(served.text(), css);
    // The live script swaps stylesheets by adding `?v=VERSION` to their URLs.
    let version = message["version"].as_str().unwrap();
    let swapped = server.get(&format!("/assets/guidebook.css?v={version}"));
    assert_eq!(swapped.status, 200);
    assert_eq!(swapped.text(), css);
    let css_type = served.header("content-type").unwrap_or_default();
    assert!(css_type.starts_with("text/css"), "{css_type}");

    // A second change, now that themes/ is watched from the start of the change.
    let css2 = "/* second-marker */\nbody { color: teal; }\n";
    fs::write(static_dir.join("guidebook.css"), css2).unwrap();
    let message = events.expect_reload("the reload after the second stylesheet change");
    assert_eq!(message["css_only"], true, "{message}");
    server.poll("/assets/guidebook.css", "the second stylesheet", |r| {
        r.text() == css2
    });
    server.assert_running();
}

#[test]
fn editor_litter_is_ignored() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let rebuilds = |p: &Process| p.stdout().matches("Rebuilt in").count();
    assert_eq!(
        rebuilds(&server.process),
        0,
        "{}",
        server.process.describe()
    );

    for name in ["content/.01-x.md.swp", "content/4913", "content/x.md~"] {
        fs::write(server.path(name), "---\ntitle: litter\n---\n").unwrap();
    }
    fs::remove_file(server.path("content/4913")).unwrap();
    let message = events.next(Duration::from_secs(1));
    assert!(message.is_none(), "litter caused a message: {message:?}");
    assert_eq!(
        rebuilds(&server.process),
        0,
        "litter caused a rebuild\n{}",
        server.process.describe()
    );
    assert!(
        server.process.stderr().is_empty(),
        "{}",
        server.process.describe()
    );

    // The watcher works: a real edit does rebuild.
    append(&server.path(LESSON_FILE), "\nThe lemurtelescope.\n");
    let message = events.expect_reload("the reload after a real edit");
    assert!(changed(&message).contains(&LESSON_PAGE.to_string()));
    assert!(
        server
            .process
            .wait_for(WAIT, |p| p.stdout().matches("Rebuilt in").count() == 1),
        "{}",
        server.process.describe()
    );
    server.assert_running();
}

// ---------------------------------------------------------------------------------------------
// What a local preview refuses

/// Paths that climb out of the site (plainly, percent-encoded, with backslashes) or name files of
/// the guide that are not part of it.
const OUTSIDE_THE_SITE: [&str; 12] = [
    "/../Cargo.toml",
    "/../../Cargo.toml",
    "/%2e%2e/guide.toml",
    "/%2e%2e/Cargo.toml",
    "/..%2fguide.toml",
    "/..%2f..%2fCargo.toml",
    "/a/..\\..\\guide.toml",
    "/%5c..%5cguide.toml",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/guide.toml",
    "/Cargo.toml",
    "/content/05-first-wear-indoors.md",
];

/// The refusal test below is only as good as its client: a client that removed `..` segments
/// or decoded `%2e` before sending, or put its own `Host` on the wire, would leave nothing to
/// refuse. So a listener of this test's own (not the server under test: it reads one request
/// head per connection and answers 404) records what the shared client actually sends.
#[test]
fn the_client_sends_paths_and_hosts_as_written() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = OUTSIDE_THE_SITE.len();
    let recorder = thread::spawn(move || {
        let mut heads = Vec::new();
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut head = Vec::new();
            for line in BufReader::new(&stream).lines() {
                let line = line.unwrap();
                if line.is_empty() {
                    break;
                }
                head.push(line);
            }
            stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                )
                .unwrap();
            heads.push(head);
        }
        heads
    });
    let client = Client::new(port);
    let host = format!("evil.example:{port}");
    for path in OUTSIDE_THE_SITE {
        assert_eq!(client.get_with(path, &[("Host", &host)]).status, 404);
    }
    let heads = recorder.join().unwrap();
    for (path, head) in OUTSIDE_THE_SITE.iter().zip(&heads) {
        assert_eq!(head[0], format!("GET {path} HTTP/1.1"), "{head:?}");
        let hosts: Vec<&String> = head
            .iter()
            .filter(|line| line.to_ascii_lowercase().starts_with("host:"))
            .collect();
        assert_eq!(hosts, [&format!("host: {host}")], "{head:?}");
    }
}

/// The event reader skips comments (the server's keep-alives) and blocks without data, joins
/// `data:` lines, keeps the event name, and drops an event cut off by the end of the stream.
#[test]
fn the_event_reader_reads_events_as_a_browser_does() {
    let body = ": keep-alive\n\ndata: {\"type\":\"reload\"}\n\nevent: note\r\ndata: one\r\ndata:two\r\n\r\nid: 7\n\ndata: cut off";
    let events: Vec<SseEvent> = SseEvents::new(body.as_bytes())
        .map(|event| event.unwrap())
        .collect();
    assert_eq!(
        events,
        [
            SseEvent {
                event: None,
                data: "{\"type\":\"reload\"}".to_string(),
            },
            SseEvent {
                event: Some("note".to_string()),
                data: "one\ntwo".to_string(),
            },
        ]
    );
}

#[test]
fn foreign_hosts_climbing_paths_and_cross_site_streams_are_refused() {
    let server = Server::start(&[]);
    let port = server.port.to_string();
    // Files outside the site, which must never be served.
    let secret = "[package]\nname = \"secret-sentinel-4711\"\n";
    fs::write(server.workspace.path("Cargo.toml"), secret).unwrap();
    fs::write(server.path("Cargo.toml"), secret).unwrap();

    for host in ["evil.example", &format!("evil.example:{port}")] {
        let response = server.request("/", &[("Host", host)]);
        assert_eq!(response.status, 421, "Host: {host}");
        assert!(!response.text().contains("<html"), "Host: {host}");
    }

    for path in OUTSIDE_THE_SITE {
        let response = server.get(path);
        assert!(
            matches!(response.status, 400 | 404),
            "GET {path} answered {}",
            response.status
        );
        let text = response.text();
        for leak in [
            "secret-sentinel",
            "base_url =",
            "root:x:0",
            "duration: \"5-10 min\"",
        ] {
            assert!(!text.contains(leak), "GET {path} leaked {leak:?}");
        }
    }

    let cross = Events::connect(&server, &[("Origin", "http://evil.example")]);
    assert_eq!(cross.status(), 403, "{:?}", cross.headers());
    let cross = Events::connect(&server, &[("Sec-Fetch-Site", "cross-site")]);
    assert_eq!(cross.status(), 403, "{:?}", cross.headers());
    let origin = format!("http://127.0.0.1:{port}");
    let mut same = Events::connect(&server, &[("Origin", &origin)]);
    assert_eq!(same.status(), 200, "{:?}", same.headers());
    let content_type = same.header("content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("text/event-stream"),
        "{content_type}"
    );
    assert!(same.expect_next("the current state")["type"] == "reload");

    // No directory listings: a folder is a missing page like any other.
    let not_found = rooted(&server.get("/404.html").text());
    for path in ["/assets/", "/assets", "/content/"] {
        let listing = server.get(path);
        assert_eq!(listing.status, 404, "GET {path}");
        assert_eq!(listing.text(), not_found, "GET {path}");
        assert!(!listing.text().contains("search-index.js\""), "GET {path}");
    }
}

// ---------------------------------------------------------------------------------------------
// Starting and stopping

#[test]
fn a_port_in_use_is_a_usage_error() {
    let server = Server::start(&[]);
    let port = server.port.to_string();
    let guide = server.workspace.guide.to_str().unwrap();
    let mut second = Process::spawn(&["serve", guide, "--port", &port]);
    let status = second
        .wait_exit(START)
        .unwrap_or_else(|| panic!("the second server kept running\n{}", second.describe()));
    assert_eq!(status.code(), Some(2), "{}", second.describe());
    let stderr = second.stderr();
    assert!(stderr.contains("in use"), "{stderr}");
    assert!(stderr.contains(&port), "{stderr}");
    assert!(serving_line(&second.stdout()).is_none());
    // The first one is unharmed.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn listening_on_every_interface_warns() {
    let mut server = Server::start(&["--bind", "0.0.0.0"]);
    let warned = server
        .process
        .wait_for(WAIT, |p| p.stderr().contains("network"));
    assert!(warned, "no warning\n{}", server.process.describe());
    assert!(server.process.stderr().starts_with("warning:"));
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn the_loopback_default_does_not_warn() {
    let mut server = Server::start(&[]);
    assert_eq!(server.get("/").status, 200);
    server.assert_running();
    assert!(
        !server.process.stderr().contains("network"),
        "{}",
        server.process.describe()
    );
}

#[test]
fn ctrl_c_stops_the_server_with_a_browser_connected() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let pid = server.process.child.id().to_string();
    let kill = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(kill.success());
    let status = server
        .process
        .wait_exit(WAIT)
        .unwrap_or_else(|| panic!("still running after Ctrl-C\n{}", server.process.describe()));
    assert!(
        status.success(),
        "{status:?}\n{}",
        server.process.describe()
    );
    assert!(server.process.stdout().contains("Stopped."));
    // The stream ended with the server.
    assert!(events.next(Duration::from_secs(1)).is_none());
    assert!(events.is_closed());
}

#[test]
fn deleting_guide_toml_shows_in_the_overlay_and_putting_it_back_recovers() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let config = server.path("guide.toml");
    let original = fs::read_to_string(&config).unwrap();
    fs::remove_file(&config).unwrap();
    let message = events.expect_next("the error of the missing guide.toml");
    assert_eq!(message["type"], "errors", "{message}");
    let errors = message["errors"].as_array().expect("an errors list");
    assert_eq!(errors.len(), 1, "{message}");
    assert_eq!(errors[0]["file"], "guide.toml", "{message}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("guide.toml"),
        "{message}"
    );
    server.assert_running();
    assert_eq!(
        server.get("/").status,
        200,
        "the last good site is still served"
    );
    fs::write(&config, format!("{original}\n")).unwrap();
    events.expect_reload("the reload once guide.toml is back");
    server.assert_running();
}

/// Ctrl-C while clients hold connections: one stalled half-way through its request headers,
/// one that asked for the print edition and reads none of it. The server stops within its
/// shutdown deadline, not never.
#[test]
fn ctrl_c_stops_the_server_with_stalled_clients() {
    let mut server = Server::start(&[]);
    let address = format!("127.0.0.1:{}", server.port);
    let mut half_sent = std::net::TcpStream::connect(&address).unwrap();
    half_sent
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let mut slow_reader = std::net::TcpStream::connect(&address).unwrap();
    slow_reader
        .write_all(b"GET /print.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.process.child.id().to_string();
    let started = Instant::now();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = server
        .process
        .wait_exit(Duration::from_secs(10))
        .unwrap_or_else(|| {
            panic!(
                "still running 10 s after Ctrl-C\n{}",
                server.process.describe()
            )
        });
    assert!(
        status.success(),
        "{status:?}\n{}",
        server.process.describe()
    );
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    drop((half_sent, slow_reader));
}

/// A client that never finishes its request headers is closed after the header-read timeout,
/// not kept forever.
#[test]
fn a_stalled_request_is_closed_after_the_header_timeout() {
    let server = Server::start(&[]);
    let mut stalled = std::net::TcpStream::connect(format!("127.0.0.1:{}", server.port)).unwrap();
    stalled
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.")
        .unwrap();
    stalled
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = stalled.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(25),
        "the half-sent request was kept open for {waited:?}"
    );
}

/// A picture edited in place is measured again and served new, and the reload names it, so
/// the pages that show it reload; the other pictures are taken from the last load.
#[test]
fn an_edited_picture_is_served_new_and_named_in_the_reload() {
    let mut server = Server::start(&[]);
    let mut events = server.events();
    let drawing = server.path("content/img/measure-chest.svg");
    let before = server.get("/img/measure-chest.svg");
    assert_eq!(before.status, 200);
    let edited = fs::read_to_string(&drawing)
        .unwrap()
        .replace("</svg>", "<!-- EDITED-PICTURE --></svg>");
    replace_atomically(&drawing, &edited);
    let message = events.expect_reload("the reload after the picture changed");
    assert_eq!(changed(&message), ["img/measure-chest.svg"], "{message}");
    let after = server.get("/img/measure-chest.svg");
    assert!(after.text().contains("EDITED-PICTURE"));
    server.assert_running();
}

// ---------------------------------------------------------------------------------------------
// The preview serves exactly what a build writes, after any sequence of edits

/// A lesson of the edited guide, as the test keeps it.
#[derive(Debug, Clone)]
struct TestLesson {
    stem: String,
    title: String,
    step: u32,
    prerequisites: Vec<String>,
    body: String,
}

/// An edit the property test makes; numbers pick a lesson (modulo the lesson count).
#[derive(Debug, Clone)]
enum Edit {
    Body(usize),
    Title(usize),
    SwapSteps(usize, usize),
    AddPrerequisite(usize, usize),
    Delete(usize),
    Rename(usize),
    Add,
    Template,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0..8usize).prop_map(Edit::Body),
        2 => (0..8usize).prop_map(Edit::Title),
        1 => (0..8usize, 0..8usize).prop_map(|(a, b)| Edit::SwapSteps(a, b)),
        2 => (0..8usize, 0..8usize).prop_map(|(a, b)| Edit::AddPrerequisite(a, b)),
        1 => (0..8usize).prop_map(Edit::Delete),
        1 => (0..8usize).prop_map(Edit::Rename),
        1 => Just(Edit::Add),
        1 => Just(Edit::Template),
    ]
}

struct EditedGuide {
    lessons: Vec<TestLesson>,
    made: usize,
    template_version: usize,
}

impl EditedGuide {
    fn new(count: u32) -> Self {
        let lessons = (1..=count)
            .map(|step| TestLesson {
                stem: format!("lesson-{step}"),
                title: format!("Lesson {step}"),
                step,
                prerequisites: if step > 1 {
                    vec![format!("lesson-{}", step - 1)]
                } else {
                    Vec::new()
                },
                body: format!("## Part {step}\n\nText of lesson {step}.\n\n- [ ] Task {step}\n"),
            })
            .collect();
        EditedGuide {
            lessons,
            made: count as usize,
            template_version: 0,
        }
    }

    fn text(test_lesson: &TestLesson) -> String {
        let prerequisites = format!(
            "prerequisites: [{}]\n",
            test_lesson.prerequisites.join(", ")
        );
        lesson(
            &test_lesson.title,
            test_lesson.step,
            &prerequisites,
            &test_lesson.body,
        )
    }

    /// Applies `edit`, keeping the guide valid: prerequisites only name lessons that exist and
    /// come earlier.
    fn apply(&mut self, edit: &Edit) {
        let count = self.lessons.len();
        let pick = |n: usize| n % count;
        match *edit {
            Edit::Body(n) => {
                let word = format!("edited{}", self.made);
                self.lessons[pick(n)]
                    .body
                    .push_str(&format!("\nA new line with {word}.\n\n### More {word}\n"));
            }
            Edit::Title(n) => self.lessons[pick(n)].title = format!("Retitled {}", self.made),
            Edit::SwapSteps(a, b) => {
                let (a, b) = (pick(a), pick(b));
                let step = self.lessons[a].step;
                self.lessons[a].step = self.lessons[b].step;
                self.lessons[b].step = step;
            }
            Edit::AddPrerequisite(a, b) => {
                let step = self.lessons[pick(a)].step;
                let earlier: Vec<String> = (self.lessons.iter())
                    .filter(|l| l.step < step)
                    .map(|l| l.stem.clone())
                    .collect();
                if !earlier.is_empty() {
                    let name = earlier[b % earlier.len()].clone();
                    let lesson = &mut self.lessons[pick(a)];
                    if !lesson.prerequisites.contains(&name) {
                        lesson.prerequisites.push(name);
                    }
                }
            }
            Edit::Delete(n) if count > 2 => {
                self.lessons.remove(pick(n));
            }
            Edit::Delete(_) => {}
            Edit::Rename(n) => {
                let old = self.lessons[pick(n)].stem.clone();
                let new = format!("renamed-{}", self.made);
                self.lessons[pick(n)].stem = new.clone();
                for lesson in &mut self.lessons {
                    for p in &mut lesson.prerequisites {
                        if *p == old {
                            *p = new.clone();
                        }
                    }
                }
            }
            Edit::Add => {
                let step = self.lessons.iter().map(|l| l.step).max().unwrap_or(0) + 1;
                self.lessons.push(TestLesson {
                    stem: format!("added-{}", self.made),
                    title: format!("Added {}", self.made),
                    step,
                    prerequisites: Vec::new(),
                    body: "New.\n\n- [ ] A new task\n".to_string(),
                });
            }
            Edit::Template => self.template_version += 1,
        }
        self.made += 1;
        let steps: HashMap<String, u32> = self
            .lessons
            .iter()
            .map(|l| (l.stem.clone(), l.step))
            .collect();
        for lesson in &mut self.lessons {
            let step = lesson.step;
            lesson
                .prerequisites
                .retain(|p| steps.get(p).is_some_and(|&s| s < step));
            lesson.prerequisites.dedup();
        }
    }

    /// Writes the guide's files into `guide`, each replaced atomically, removing lessons that
    /// are gone.
    fn write(&self, guide: &Path) {
        let content = guide.join("content");
        let wanted: BTreeSet<String> = self
            .lessons
            .iter()
            .map(|l| format!("{}.md", l.stem))
            .collect();
        for entry in fs::read_dir(&content).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") && !wanted.contains(&name) {
                fs::remove_file(content.join(&name)).unwrap();
            }
        }
        for lesson in &self.lessons {
            let path = content.join(format!("{}.md", lesson.stem));
            let text = Self::text(lesson);
            if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                replace_atomically(&path, &text);
            }
        }
        if self.template_version > 0 {
            let templates = guide.join("themes/default/templates");
            fs::create_dir_all(&templates).unwrap();
            let page = format!(
                "{{% extends \"base.html\" %}}\n{{% block content %}}<h1>Gone (version {})</h1>{{% endblock content %}}\n",
                self.template_version
            );
            let path = templates.join("404.html");
            fs::write(path.with_extension("tmp"), page).unwrap();
            fs::rename(path.with_extension("tmp"), &path).unwrap();
        }
    }
}

/// A served page without the live-reload script the server adds.
fn without_live_script(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Some(start) = text.find(SCRIPT_TAG) else {
        return body.to_vec();
    };
    let end = text[start..]
        .find("</script>\n")
        .map_or(text.len(), |e| start + e + "</script>\n".len());
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

/// A built page as the preview serves it: without the script that registers the service
/// worker (the preview keeps nothing offline; its `sw.js` removes itself, checked in
/// `the_preview_serves_only_a_worker_that_removes_itself`).
fn without_offline_worker(page: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&page);
    let kept: Vec<&str> = (text.split_inclusive('\n'))
        .filter(|line| !line.contains("assets/offline.js\" data-worker="))
        .collect();
    kept.concat().into_bytes()
}

/// Waits until every file `guidebook build` writes for the guide is served byte for byte, and
/// every page it does not write is missing; panics with the first difference.
fn assert_serves_the_build(server: &Server, history: &[Edit]) {
    let out = server.workspace.path("reference");
    let _ = fs::remove_dir_all(&out);
    let build = server.workspace.build_to(&out, &[]);
    build.assert_code(0);
    // The build's mark of its own folder is not part of the site; the preview's service worker
    // is not the build's.
    let files: BTreeMap<String, Vec<u8>> = (snapshot(&out).into_iter())
        .filter(|(path, _)| !path.starts_with(".guidebook") && path != "sw.js")
        .map(|(path, bytes)| {
            let bytes = if path.ends_with(".html") {
                without_offline_worker(bytes)
            } else {
                bytes
            };
            (path, bytes)
        })
        .collect();
    let deadline = Instant::now() + WAIT * 2;
    loop {
        let mut difference = None;
        for (path, expected) in &files {
            let served = server.get(&format!("/{path}"));
            let body = if path.ends_with(".html") {
                without_live_script(&served.body)
            } else {
                served.body.clone()
            };
            if served.status != 200 || &body != expected {
                difference = Some(format!(
                    "{path}: served {} ({} bytes), built {} bytes",
                    served.status,
                    body.len(),
                    expected.len()
                ));
                break;
            }
        }
        let Some(difference) = difference else {
            return;
        };
        assert!(
            Instant::now() < deadline,
            "after {history:?} the preview does not serve what a build writes: {difference}\n{}",
            server.process.describe()
        );
        thread::sleep(Duration::from_millis(50));
    }
}

/// Makes `edits` one by one on a served guide, checking after each that the preview serves what
/// a build writes.
fn check_edits(lessons: u32, edits: &[Edit]) {
    let mut guide = EditedGuide::new(lessons);
    let workspace = write_guide(&[]);
    guide.write(&workspace.guide);
    let server = Server::start_in(workspace, &[]);
    assert_serves_the_build(&server, &[]);
    for (done, edit) in edits.iter().enumerate() {
        guide.apply(edit);
        guide.write(&server.workspace.guide);
        assert_serves_the_build(&server, &edits[..=done]);
    }
}

/// A guide past the size where each page's sidebar lists only the lessons around it.
#[test]
fn a_large_guide_is_served_as_built_after_edits_near_and_far() {
    check_edits(
        110,
        &[
            Edit::Title(60),
            Edit::Body(61),
            Edit::AddPrerequisite(70, 3),
            Edit::Delete(5),
            Edit::Add,
            Edit::SwapSteps(50, 52),
        ],
    );
}

#[test]
fn the_preview_serves_what_a_build_writes_after_every_kind_of_edit() {
    check_edits(
        4,
        &[
            Edit::Body(0),
            Edit::AddPrerequisite(3, 0),
            Edit::Title(1),
            Edit::SwapSteps(1, 2),
            Edit::Template,
            Edit::Rename(0),
            Edit::Add,
            Edit::AddPrerequisite(4, 1),
            Edit::Delete(1),
            Edit::Body(2),
        ],
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, max_shrink_iters: 4, ..ProptestConfig::default() })]

    /// After every edit of a random sequence (bodies, titles, steps swapped, prerequisites added,
    /// lessons deleted, renamed and added, a theme template changed), every file the preview
    /// serves is byte-identical to what `guidebook build` writes for the same files.
    #[test]
    fn the_preview_serves_what_a_build_writes_after_any_edits(
        edits in proptest::collection::vec(edit_strategy(), 5..8)
    ) {
        check_edits(4, &edits);
    }
}

/// Anchor checks are kept between rebuilds for unchanged lessons: a heading renamed in one
/// lesson still breaks the links other lessons have to it, and putting it back mends them.
#[test]
fn a_renamed_heading_breaks_the_links_of_unchanged_lessons_until_it_is_back() {
    let workspace = write_guide(&[
        ("content/a.md", &lesson("A", 1, "", "## Fitting\n\nText.\n")),
        (
            "content/b.md",
            &lesson("B", 2, "", "See [the fitting](a.md#fitting).\n"),
        ),
    ]);
    let server = Server::start_in(workspace, &[]);
    let mut events = server.events();
    let a = server.path("content/a.md");
    replace_atomically(&a, &lesson("A", 1, "", "## Measuring\n\nText.\n"));
    let message = events.expect_next("the broken anchor");
    assert_eq!(message["type"], "errors", "{message}");
    let errors = message["errors"].as_array().expect("an errors list");
    assert_eq!(errors.len(), 1, "{message}");
    assert_eq!(errors[0]["file"], "content/b.md");
    assert!(
        errors[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("#fitting")),
        "{message}"
    );
    replace_atomically(&a, &lesson("A", 1, "", "## Fitting\n\nMore text.\n"));
    events.expect_reload("the anchor mended");
    assert_serves_the_build(&server, &[]);
}

/// The preview serves the redirect at an alias (a folder's too) and, with `--instructor`, the
/// pages for instructors, which the learners' preview does not have.
#[test]
fn serves_aliases_and_the_instructors_pages_of_its_edition() {
    let guide = || {
        write_guide(&[
            (
                "content/01-setup.md",
                &lesson(
                    "Setup",
                    1,
                    "aliases: [old/setup/, 02-setup.html]\n",
                    "Set up.\n",
                ),
            ),
            (
                "content/pages/notes.md",
                "---\ntitle: Notes\ninstructor: true\n---\nNotes.\n",
            ),
        ])
    };
    let learners = Server::start_in(guide(), &[]);
    for path in ["/old/setup/", "/02-setup.html"] {
        let response = learners.get(path);
        assert_eq!(response.status, 200, "{path}");
        let html = scraper::Html::parse_document(&response.text());
        let refresh = attr(select_one(&html, "meta[http-equiv=refresh]"), "content");
        let expected = if path == "/old/setup/" {
            "0; url=../../setup.html"
        } else {
            "0; url=setup.html"
        };
        assert_eq!(refresh, expected, "{path}");
    }
    assert_eq!(learners.get("/notes.html").status, 404);
    let instructors = Server::start_in(guide(), &["--instructor"]);
    assert_eq!(instructors.get("/notes.html").status, 200);
}

/// The preview never keeps itself offline: its pages register no service worker, and its
/// `sw.js` is one that removes a worker a published guide left at the same address.
#[test]
fn the_preview_serves_only_a_worker_that_removes_itself() {
    let server = Server::start(&[]);
    let worker = server.get("/sw.js");
    assert_eq!(worker.status, 200);
    assert!(
        (worker.header("content-type")).is_some_and(|t| t.starts_with("text/javascript")),
        "{worker:?}"
    );
    let text = worker.text();
    assert!(text.contains("registration.unregister()"), "{text}");
    assert!(!text.contains("var OFFLINE"), "{text}");
    for path in ["/", "/es/"] {
        let page = server.get(path).text();
        assert!(!page.contains("offline.js"), "{path} registers no worker");
    }
    assert_eq!(
        server.get("/es/sw.js").status,
        404,
        "one worker, at the root"
    );
}

#[test]
fn editing_an_included_file_outside_content_reloads_the_pages_that_include_it() {
    let mut server = Server::start_in(copy_fixture("mdbook"), &[]);
    let mut events = server.events();
    let listing = server.read("listings/hello.rs");
    replace_atomically(
        &server.path("listings/hello.rs"),
        &listing.replace("Hello, {name}!", "Good morning, {name}!"),
    );
    let message = events.expect_reload("the reload after editing the listing");
    let pages = changed(&message);
    assert!(pages.contains(&"listings.html".to_string()), "{message}");
    assert!(!pages.contains(&"serve.html".to_string()), "{message}");
    server.poll("/listings.html", "the new listing", |r| {
        r.status == 200 && r.text().contains("Good morning")
    });
    server.assert_running();
}

#[test]
fn editing_a_partial_reloads_the_pages_that_include_it() {
    let mut server = Server::start_in(copy_fixture("mdbook"), &[]);
    let mut events = server.events();
    append(
        &server.path("content/cli/_arg-watcher.md"),
        "\nThe quokkawatcher option is new.\n",
    );
    let message = events.expect_reload("the reload after editing the partial");
    let mut pages = changed(&message);
    pages.sort();
    assert_eq!(
        pages,
        ["print.html", "serve.html", "watch.html"],
        "{message}"
    );
    for page in ["/serve.html", "/watch.html"] {
        server.poll(page, "the partial's edit", |r| {
            r.status == 200 && r.text().contains("quokkawatcher")
        });
    }
    assert_eq!(server.get("/_arg-watcher.html").status, 404);
    server.assert_running();
}

/// The preview prints a warning in a lesson's body at its line, with the line shown (it said
/// `1:1` with an empty excerpt), and the overlay does the same for an error; deleting
/// `content/` is said in guidebook's own words, and the file watcher's log lines
/// (`[WARN notify::inotify] ... WatchNotFound`) stay off the terminal.
#[test]
fn preview_problems_point_at_their_line_and_third_party_log_lines_stay_quiet() {
    let body = "# A\n\nText.\n\n![](https://e.com/x.png)\n";
    let workspace = write_guide(&[("content/01-a.md", &lesson("A", 1, "", body))]);
    let mut server = Server::start_in(workspace, &[]);
    let warned = server
        .process
        .wait_for(WAIT, |p| p.stderr().contains("no alt text"));
    assert!(warned, "{}", server.process.describe());
    let stderr = server.process.stderr();
    assert!(stderr.contains("--> content/01-a.md:10:1"), "{stderr}");
    assert!(stderr.contains("10 | ![](https://e.com/x.png)"), "{stderr}");

    let mut events = server.events();
    let broken = format!("{body}\n[b](missing.md)\n");
    replace_atomically(
        &server.path("content/01-a.md"),
        &lesson("A", 1, "", &broken),
    );
    let message = events.expect_next("the broken link");
    assert_eq!(message["type"], "errors", "{message}");
    let error = &message["errors"][0];
    assert_eq!(
        (error["file"].as_str(), error["line"].as_u64()),
        (Some("content/01-a.md"), Some(12))
    );
    let excerpt = error["excerpt"].as_str().unwrap_or_default();
    assert!(excerpt.contains("12 | [b](missing.md)"), "{message}");

    fs::remove_dir_all(server.path("content")).unwrap();
    let message = events.expect_next("content/ deleted");
    assert_eq!(message["type"], "errors", "{message}");
    let gone = server
        .process
        .wait_for(WAIT, |p| p.stderr().contains("no `content/` folder"));
    assert!(gone, "{}", server.process.describe());
    // Let the watcher say what it would have said.
    thread::sleep(Duration::from_millis(300));
    server.assert_running();
    let stderr = server.process.stderr();
    for raw in ["[WARN", "WatchNotFound", "Error {"] {
        assert!(
            !stderr.contains(raw),
            "{raw} reached the terminal:\n{stderr}"
        );
    }
}

/// A rebuild after an edit looks for include directives only in the edited files and in those
/// that had some: a lesson edited to include a file shows it, a lesson edited to include
/// nothing more stops showing it, and the other lessons are as they were.
#[test]
fn an_edit_that_adds_or_removes_an_include_is_followed() {
    let workspace = write_guide(&[
        ("content/01-a.md", &lesson("A", 1, "", "Alpha text.\n")),
        ("content/02-b.md", &lesson("B", 2, "", "Beta text.\n")),
        ("content/_shared.md", "The quokka sentence.\n"),
    ]);
    let mut server = Server::start_in(workspace, &[]);
    let mut events = server.events();
    append(
        &server.path("content/01-a.md"),
        "\n{{#include _shared.md}}\n",
    );
    events.expect_reload("the reload after adding the include");
    server.poll("/a.html", "the included sentence", |r| {
        r.status == 200 && r.text().contains("quokka sentence")
    });
    assert!(!server.get("/b.html").text().contains("quokka"));
    append(
        &server.path("content/_shared.md"),
        "A second quokka line.\n",
    );
    events.expect_reload("the reload after editing the included file");
    server.poll("/a.html", "the included file's edit", |r| {
        r.status == 200 && r.text().contains("second quokka line")
    });
    replace_atomically(
        &server.path("content/01-a.md"),
        &lesson("A", 1, "", "Alpha text, alone.\n"),
    );
    events.expect_reload("the reload after removing the include");
    server.poll("/a.html", "the page without the sentence", |r| {
        r.status == 200 && r.text().contains("alone") && !r.text().contains("quokka")
    });
    server.assert_running();
}
