//! Shared harness of the integration tests: runs the built `guidebook` binary on fixture guides
//! (copied into fresh temporary folders) or on small guides written from inline strings, parses
//! its diagnostics and reads the output as HTML with `scraper`. [`http`] is the client of the
//! preview server.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

pub mod http;
pub mod stand_in;
pub mod timed;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// A fixed build date, so output is reproducible.
pub const SOURCE_DATE_EPOCH: &str = "1700000000";
/// The same date as the pipeline prints it.
pub const SOURCE_DATE: &str = "2023-11-14";

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_guidebook"))
}

/// `tests/fixtures/<name>`.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// A guide in a temporary folder: `tmp/guide/` holds the guide; the rest of `tmp` is free for
/// output folders and sentinels.
pub struct Workspace {
    pub tmp: TempDir,
    pub guide: PathBuf,
}

impl Workspace {
    /// A path inside the temporary folder, beside the guide.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.tmp.path().join(relative)
    }

    /// A path inside the guide.
    pub fn guide_path(&self, relative: &str) -> PathBuf {
        self.guide.join(relative)
    }

    /// Writes (or replaces) a text file of the guide, creating folders as needed.
    pub fn write(&self, relative: &str, text: &str) {
        self.write_bytes(relative, text.as_bytes());
    }

    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) {
        let path = self.guide.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, bytes).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.guide.join(relative)).unwrap()
    }

    /// Output folder `out` beside the guide (not created).
    pub fn out(&self) -> PathBuf {
        self.path("out")
    }

    /// `guidebook build GUIDE --output OUT [extra...]`.
    pub fn build_to(&self, out: &Path, extra: &[&str]) -> Run {
        let mut args: Vec<&str> = vec![
            "build",
            self.guide.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        run(&args)
    }

    /// `guidebook build GUIDE --output tmp/out`, which must succeed.
    pub fn build_ok(&self) -> PathBuf {
        let out = self.out();
        let run = self.build_to(&out, &[]);
        run.assert_code(0);
        out
    }

    /// `guidebook check GUIDE [extra...]`.
    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args: Vec<&str> = vec!["check", self.guide.to_str().unwrap()];
        args.extend_from_slice(extra);
        run(&args)
    }

    /// The diagnostics of `guidebook check GUIDE --format json`.
    pub fn check_json(&self) -> Vec<JsonDiag> {
        let run = self.check(&["--format", "json"]);
        let json: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
        let field =
            |entry: &serde_json::Value, key: &str| entry[key].as_str().unwrap_or("").to_string();
        (json.as_array().unwrap().iter())
            .map(|entry| JsonDiag {
                severity: field(entry, "severity"),
                file: field(entry, "file"),
                line: entry["line"].as_u64().unwrap(),
                column: entry["column"].as_u64().unwrap(),
                message: field(entry, "message"),
                hint: field(entry, "hint"),
            })
            .collect()
    }

    /// Builds a guide that must fail with exit code 1, checks that nothing was written and that
    /// the final line counts the errors, and returns the diagnostics.
    pub fn build_errors(&self) -> Vec<Diag> {
        let out = self.out();
        let run = self.build_to(&out, &[]);
        run.assert_code(1);
        assert!(!out.exists(), "a failed build wrote {}", out.display());
        let diagnostics = parse_diagnostics(&run.stderr);
        let errors: usize = (diagnostics.iter())
            .filter(|d| d.severity == "error")
            .map(|d| d.count)
            .sum();
        let last = run.stderr.trim_end().lines().last().unwrap_or_default();
        let plural = if errors == 1 { "" } else { "s" };
        assert_eq!(
            last,
            format!("error: the guide has {errors} error{plural}; nothing was written"),
            "stderr:\n{}",
            run.stderr
        );
        diagnostics
    }
}

/// Copies `tests/fixtures/<name>` into a fresh temporary folder.
pub fn copy_fixture(name: &str) -> Workspace {
    let tmp = TempDir::new().unwrap();
    let guide = tmp.path().join("guide");
    copy_dir(&fixture_path(name), &guide);
    Workspace { tmp, guide }
}

/// A guide written from inline `(path, text)` pairs. `guide.toml` gets a title unless given.
pub fn write_guide(files: &[(&str, &str)]) -> Workspace {
    let tmp = TempDir::new().unwrap();
    let guide = tmp.path().join("guide");
    fs::create_dir_all(guide.join("content")).unwrap();
    let workspace = Workspace { tmp, guide };
    if !files.iter().any(|(path, _)| *path == "guide.toml") {
        workspace.write("guide.toml", "title = \"Test guide\"\n");
    }
    for (path, text) in files {
        workspace.write(path, text);
    }
    workspace
}

/// The front matter and body of a valid lesson.
pub fn lesson(title: &str, step: u32, extra_front_matter: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nstep: {step}\nduration: 10 min\n{extra_front_matter}---\n{body}")
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` (relative path with `/` -> bytes).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap();
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(key, fs::read(&path).unwrap());
        }
    }
}

/// Names in `dir` (files and folders).
pub fn names_in(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
    }
}

/// Runs the binary from the test's working directory.
pub fn run(args: &[&str]) -> Run {
    run_with(args, None, &[])
}

/// Runs the binary in `cwd` (when given) with extra environment variables. Colour is off and
/// the build date fixed unless `env` says otherwise.
pub fn run_with(args: &[&str], cwd: Option<&Path>, env: &[(&str, &str)]) -> Run {
    let mut command = guidebook_command(args);
    for (key, value) in env {
        command.env(key, value);
    }
    if let Some(cwd) = cwd {
        command.current_dir(cwd);
    }
    let output = command.output().expect("the guidebook binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The keys of every diagnostic in `check --format json`.
pub const DIAGNOSTIC_JSON_KEYS: [&str; 8] = [
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "severity",
    "message",
    "hint",
];

/// `guidebook ARGS` without colour and with the fixed build date, to run or spawn.
pub fn guidebook_command(args: &[&str]) -> Command {
    let mut command = Command::new(bin());
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH);
    command
}

/// One diagnostic of `check --format json` (`hint` is `""` when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonDiag {
    pub severity: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
    pub hint: String,
}

/// One diagnostic as printed on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub severity: String,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub help: Option<String>,
    /// Every line printed for this diagnostic (source excerpt, caret and label included).
    pub text: String,
    /// How many problems it reports: problems on one line share one excerpt
    /// (`= note: N problems on this line`).
    pub count: usize,
}

/// Parses rustc-style diagnostics (`error: msg`, `--> file:line:col`, `= help: ...`). The final
/// summary line (`error: the guide has N errors; ...`) is not a diagnostic.
pub fn parse_diagnostics(stderr: &str) -> Vec<Diag> {
    let mut diagnostics: Vec<Diag> = Vec::new();
    for line in stderr.lines() {
        let header = line
            .strip_prefix("error: ")
            .map(|m| ("error", m))
            .or_else(|| line.strip_prefix("warning: ").map(|m| ("warning", m)));
        if let Some((severity, message)) = header {
            if message.starts_with("the guide has ") && message.ends_with("nothing was written") {
                continue;
            }
            diagnostics.push(Diag {
                severity: severity.to_string(),
                message: message.to_string(),
                file: String::new(),
                line: 0,
                column: 0,
                help: None,
                text: String::new(),
                count: 1,
            });
            continue;
        }
        let Some(current) = diagnostics.last_mut() else {
            continue;
        };
        current.text.push_str(line);
        current.text.push('\n');
        let trimmed = line.trim_start();
        if let Some(location) = trimmed.strip_prefix("--> ")
            && current.file.is_empty()
        {
            let mut parts = location.rsplitn(3, ':');
            let column = parts
                .next()
                .and_then(|c| c.trim().parse().ok())
                .unwrap_or(0);
            let line_no = parts
                .next()
                .and_then(|l| l.trim().parse().ok())
                .unwrap_or(0);
            current.file = parts.next().unwrap_or_default().to_string();
            current.line = line_no;
            current.column = column;
        } else if let Some(help) = trimmed.strip_prefix("= help: ") {
            current.help.get_or_insert_with(|| help.to_string());
        } else if let Some(count) = (trimmed.strip_prefix("= note: "))
            .and_then(|note| note.strip_suffix(" problems on this line"))
            .and_then(|n| n.parse().ok())
        {
            current.count = count;
        }
    }
    diagnostics
}

/// The only error in `diagnostics`, with a readable failure otherwise.
pub fn single_error(diagnostics: &[Diag]) -> &Diag {
    let errors: Vec<&Diag> = diagnostics
        .iter()
        .filter(|d| d.severity == "error")
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one error, got {errors:#?}"
    );
    errors[0]
}

/// Asserts a diagnostic's location and that its message contains `message`.
#[track_caller]
pub fn assert_diag(diag: &Diag, file: &str, line: usize, column: usize, message: &str) {
    assert_eq!(
        (diag.file.as_str(), diag.line, diag.column),
        (file, line, column),
        "location of {diag:#?}"
    );
    assert!(
        diag.message.contains(message),
        "expected the message to contain {message:?}: {diag:#?}"
    );
}

/// Asserts the `= help:` line contains `hint`.
#[track_caller]
pub fn assert_help(diag: &Diag, hint: &str) {
    let help = diag
        .help
        .as_deref()
        .unwrap_or_else(|| panic!("no help in {diag:#?}"));
    assert!(
        help.contains(hint),
        "expected the help to contain {hint:?}: {diag:#?}"
    );
}

/// Parses an HTML file of the output.
pub fn page(out: &Path, name: &str) -> Html {
    let path = out.join(name);
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Html::parse_document(&text)
}

/// Every element matching `css`.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    html.select(&selector).collect()
}

/// The only element matching `css`.
#[track_caller]
pub fn select_one<'a>(html: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(html, css);
    assert_eq!(
        found.len(),
        1,
        "expected one element for `{css}`, found {}",
        found.len()
    );
    found[0]
}

/// Elements matching `css` inside `element`.
pub fn select_in<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    element.select(&selector).collect()
}

/// The text of an element with whitespace collapsed.
/// A heading's text without its link to itself (the `#` shown on hover).
pub fn heading_text(heading: ElementRef<'_>) -> String {
    let words: Vec<&str> = heading
        .descendants()
        .filter(|node| {
            !node.ancestors().any(|a| {
                ElementRef::wrap(a).is_some_and(|e| {
                    e.value()
                        .has_class("heading-anchor", scraper::CaseSensitivity::CaseSensitive)
                })
            })
        })
        .filter_map(|node| node.value().as_text().map(|t| &**t))
        .flat_map(str::split_whitespace)
        .collect();
    words.join(" ")
}

pub fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn attr<'a>(element: ElementRef<'a>, name: &str) -> &'a str {
    element
        .value()
        .attr(name)
        .unwrap_or_else(|| panic!("no `{name}` on {}", element.html()))
}

/// The `href` of each element matching `css`.
pub fn hrefs(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .into_iter()
        .map(|a| attr(a, "href").to_string())
        .collect()
}

/// The `href` of each link inside `element`.
pub fn hrefs_in(element: ElementRef<'_>) -> Vec<String> {
    select_in(element, "a[href]")
        .into_iter()
        .map(|a| attr(a, "href").to_string())
        .collect()
}

/// Every `id` in a page.
pub fn ids(html: &Html) -> BTreeSet<String> {
    select(html, "[id]")
        .into_iter()
        .map(|e| attr(e, "id").to_string())
        .collect()
}

/// The HTML files of an output folder (relative paths).
pub fn html_files(out: &Path) -> Vec<String> {
    snapshot(out)
        .into_keys()
        .filter(|path| path.ends_with(".html"))
        .collect()
}

/// `assets/tasks.js` parsed: the JSON after `window.GUIDEBOOK_TASKS =`.
pub fn tasks_json(out: &Path) -> serde_json::Value {
    let script = fs::read_to_string(out.join("assets/tasks.js")).unwrap();
    let json = script
        .trim()
        .strip_prefix("window.GUIDEBOOK_TASKS =")
        .and_then(|rest| rest.trim().strip_suffix(';'))
        .unwrap_or_else(|| panic!("unexpected tasks.js: {script}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("tasks.js is not JSON ({e}): {json}"))
}

/// `assets/search-index.js` parsed: `window.GUIDEBOOK_SEARCH = JSON.parse("...")`, the string
/// holding an object with the first term of each term shard, the first page of each text shard
/// and every page's title, url, summary and headings.
pub fn search_index_json(out: &Path) -> serde_json::Value {
    let script = fs::read_to_string(out.join("assets/search-index.js")).unwrap();
    let json: String = script
        .trim()
        .strip_prefix("window.GUIDEBOOK_SEARCH = JSON.parse(")
        .and_then(|rest| rest.strip_suffix(");"))
        .and_then(|literal| serde_json::from_str(literal).ok())
        .unwrap_or_else(|| {
            panic!(
                "unexpected search-index.js: {}",
                &script[..script.len().min(200)]
            )
        });
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("search-index.js is not JSON ({e})"))
}

/// The pages of `assets/search-index.js`, in its order (lessons, then reference pages).
pub fn search_pages(out: &Path) -> Vec<serde_json::Value> {
    let index = search_index_json(out);
    index["pages"]
        .as_array()
        .expect("`pages` is an array")
        .clone()
}

/// The files of `assets/search/<folder>/`, `0.js`, `1.js` ..., each with its number and its
/// script, in the order of their numbers (which must follow on from 0).
fn numbered_scripts(out: &Path, folder: &str) -> Vec<(usize, String)> {
    let mut scripts: Vec<(usize, String)> = fs::read_dir(out.join("assets/search").join(folder))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let number = name
                .strip_suffix(".js")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("unexpected file assets/search/{folder}/{name}"));
            (number, fs::read_to_string(&path).unwrap())
        })
        .collect();
    scripts.sort_by_key(|(number, _)| *number);
    for (place, (number, _)) in scripts.iter().enumerate() {
        assert_eq!(
            place, *number,
            "assets/search/{folder}/ numbers its files from 0"
        );
    }
    scripts
}

/// The arguments of `window.NAME(...);`, the whole of `script`, as a JSON array.
fn call_arguments(script: &str, name: &str) -> serde_json::Value {
    let arguments = script
        .trim()
        .strip_prefix(&format!("window.{name}("))
        .and_then(|rest| rest.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a call of {name}: {}", &script[..script.len().min(200)]));
    serde_json::from_str(&format!("[{arguments}]"))
        .unwrap_or_else(|e| panic!("the arguments of {name} are not JSON ({e})"))
}

/// One `assets/search/text/<n>.js`: `window.GUIDEBOOK_SEARCH_TEXT(number, first, texts);`.
#[derive(Debug)]
pub struct SearchShard {
    /// The number in the file's name.
    pub file: usize,
    /// The number the script registers itself under.
    pub number: usize,
    /// The place in the index of its first page.
    pub first: usize,
    pub texts: Vec<String>,
}

/// Every file of `assets/search/text/`, parsed, in the order of the numbers in their names.
pub fn search_shards(out: &Path) -> Vec<SearchShard> {
    (numbered_scripts(out, "text").into_iter())
        .map(|(file, script)| {
            let (number, first, texts): (usize, usize, Vec<String>) =
                serde_json::from_value(call_arguments(&script, "GUIDEBOOK_SEARCH_TEXT"))
                    .unwrap_or_else(|e| panic!("assets/search/text/{file}.js: {e}"));
            SearchShard {
                file,
                number,
                first,
                texts,
            }
        })
        .collect()
}

/// Every page's text from the shards, in the index's order; each page must be in one shard.
pub fn search_texts(out: &Path) -> Vec<String> {
    let pages = search_pages(out).len();
    let mut texts: Vec<Option<String>> = vec![None; pages];
    for shard in search_shards(out) {
        for (offset, text) in shard.texts.into_iter().enumerate() {
            let slot = texts
                .get_mut(shard.first + offset)
                .unwrap_or_else(|| panic!("shard {} reaches past the index", shard.file));
            assert!(
                slot.is_none(),
                "page {} is in two shards",
                shard.first + offset
            );
            *slot = Some(text);
        }
    }
    (texts.into_iter().enumerate())
        .map(|(page, text)| text.unwrap_or_else(|| panic!("page {page} is in no shard")))
        .collect()
}

/// One `assets/search/terms/<n>.js`, `window.GUIDEBOOK_SEARCH_TERMS(number, "term pages ...")`,
/// read as the theme's `search.js` reads it.
#[derive(Debug)]
pub struct TermShard {
    /// The number the script registers itself under.
    pub number: usize,
    /// Its terms in its order, each with the pages that hold it.
    pub terms: Vec<(String, Vec<usize>)>,
}

/// Every file of `assets/search/terms/`, in the order of their numbers.
pub fn term_shards(out: &Path) -> Vec<TermShard> {
    (numbered_scripts(out, "terms").into_iter())
        .map(|(file, script)| {
            let (number, data): (usize, String) =
                serde_json::from_value(call_arguments(&script, "GUIDEBOOK_SEARCH_TERMS"))
                    .unwrap_or_else(|e| panic!("assets/search/terms/{file}.js: {e}"));
            let words: Vec<&str> = data.split(' ').filter(|w| !w.is_empty()).collect();
            let terms = (words.chunks(2))
                .map(|pair| match pair {
                    [term, pages] => (term.to_string(), read_pages(pages)),
                    _ => panic!("assets/search/terms/{file}.js: a term without pages"),
                })
                .collect();
            TermShard { number, terms }
        })
        .collect()
}

/// Every term of the term index with its pages (places in the index), from every shard.
pub fn search_terms(out: &Path) -> BTreeMap<String, Vec<usize>> {
    let mut all = BTreeMap::new();
    for shard in term_shards(out) {
        for (term, pages) in shard.terms {
            assert!(
                all.insert(term.clone(), pages).is_none(),
                "`{term}` is in two shards"
            );
        }
    }
    all
}

/// Page numbers as the term shards write them: runs of pages, each one number (twice its
/// distance from the last run's end less one, plus one when more pages follow) and then how many
/// follow; numbers in digits of five bits, `0`-`9A-Za-v` ending one, `w-z-_` going on.
fn read_pages(written: &str) -> Vec<usize> {
    const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let mut numbers = Vec::new();
    let mut value = 0;
    for c in written.chars() {
        let digit = DIGITS
            .find(c)
            .unwrap_or_else(|| panic!("not a digit: {c:?}"));
        value = value * 32 + (digit & 31);
        if digit < 32 {
            numbers.push(value);
            value = 0;
        }
    }
    assert_eq!(value, 0, "{written} ends in the middle of a number");
    let mut numbers = numbers.into_iter();
    let (mut pages, mut next) = (Vec::new(), 0);
    while let Some(number) = numbers.next() {
        let first = next + (number >> 1);
        let more = if number & 1 == 1 {
            numbers.next().expect("a run's length")
        } else {
            0
        };
        pages.extend(first..=first + more);
        next = first + more + 1;
    }
    pages
}

/// The repository's own sample guide (`guide.toml` and `content/`) copied into a fresh temporary
/// folder, as `tmp/guide/`.
pub fn copy_sample_guide() -> Workspace {
    let tmp = TempDir::new().unwrap();
    let guide = tmp.path().join("guide");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir_all(&guide).unwrap();
    fs::copy(repo.join("guide.toml"), guide.join("guide.toml")).unwrap();
    copy_dir(&repo.join("content"), &guide.join("content"));
    Workspace { tmp, guide }
}

/// 120 lessons of about 40 KB each, every one linking to a heading of the one before: together
/// they pass the 100-lesson full sidebar and fill several search shards.
pub fn long_lessons_guide() -> Workspace {
    let paragraph = "The cat sniffs the harness, takes a treat and walks on. ".repeat(20);
    let mut files: Vec<(String, String)> = vec![("guide.toml".into(), "title = \"Big\"\n".into())];
    for step in 1..=120u32 {
        let mut body = format!("## Practice\n\n- [ ] Do step {step}.\n\n");
        for _ in 0..35 {
            body.push_str(&paragraph);
            body.push_str("\n\n");
        }
        if step > 1 {
            body.push_str(&format!(
                "Back to [the last step](l{}.md#practice).\n",
                step - 1
            ));
        }
        files.push((
            format!("content/l{step}.md"),
            lesson(&format!("Lesson {step}"), step, "", &body),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_guide(&borrowed)
}

// ---------------------------------------------------------------------------------------------
// Running the binary as an unprivileged user (hardening tests: permissions, read-only folders).

/// The command prefix that runs a program as an unprivileged user, so that permission bits
/// apply: empty when the tests already run as a normal user, `setpriv` to `nobody` when they run
/// as root, and `None` when they run as root without `setpriv` (util-linux) to drop privileges.
pub fn unprivileged_prefix() -> Option<Vec<String>> {
    let uid = fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m));
    if uid.is_ok_and(|uid| uid != 0) {
        return Some(Vec::new());
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    Some(
        [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
            .map(String::from)
            .to_vec(),
    )
}

/// Runs the binary through [`unprivileged_prefix`] (which must be `Some`), colour off and the
/// build date fixed.
pub fn run_unprivileged(prefix: &[String], args: &[&str]) -> Run {
    let mut command = match prefix.split_first() {
        Some((program, rest)) => {
            let mut command = Command::new(program);
            command.args(rest).arg(bin());
            command
        }
        None => Command::new(bin()),
    };
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .current_dir("/");
    let output = command.output().expect("the guidebook binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Makes `path` and everything under it readable (and folders enterable) by every user.
pub fn make_world_readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let meta = fs::symlink_metadata(path).unwrap();
    if meta.file_type().is_symlink() {
        return;
    }
    let mode = if meta.is_dir() { 0o755 } else { 0o644 };
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    if meta.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            make_world_readable(&entry.unwrap().path());
        }
    }
}
