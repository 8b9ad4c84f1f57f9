//! What `init` and `new` write for a newcomer besides the lessons: the `.gitignore` that keeps
//! the built site out of version control, the publishing workflows of `init --ci` (parsed as
//! YAML, their shell steps checked by bash and the one that needs no network run for real),
//! and the placeholders of `new`, which stay warnings at their lines until replaced.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_yaml::Value;
use tempfile::TempDir;

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `guidebook init DIR [extra...]` into a new folder, which must succeed.
fn init(extra: &[&str]) -> (TempDir, PathBuf, Run) {
    let tmp = TempDir::new().unwrap();
    let guide = tmp.path().join("my-guide");
    let mut args = vec!["init", arg(&guide)];
    args.extend_from_slice(extra);
    let done = run(&args);
    done.assert_code(0);
    (tmp, guide, done)
}

/// Whether a `.gitignore` line (anchored with `/`, maybe ending in `/` or `*`) covers `name`,
/// an entry at the top of the folder.
fn ignores(line: &str, name: &str, is_dir: bool) -> bool {
    let Some(pattern) = line.strip_prefix('/') else {
        return false;
    };
    if let Some(folder) = pattern.strip_suffix('/') {
        return is_dir && folder == name;
    }
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => pattern == name,
    }
}

#[test]
fn init_writes_a_gitignore_that_covers_what_a_build_leaves() {
    let (_tmp, guide, run) = init(&[]);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.ends_with("my-guide/.gitignore")),
        "{}",
        run.stdout
    );
    let gitignore = fs::read_to_string(guide.join(".gitignore")).unwrap();
    let patterns: Vec<&str> = (gitignore.lines())
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert!(patterns.contains(&"/site/"), "{gitignore}");
    let before = names_in(&guide);
    // A staging folder as a build stopped half-way leaves it, then a whole build.
    fs::create_dir(guide.join(".site.guidebook-tmp-Ab12Cd")).unwrap();
    run_with(&["build"], Some(&guide), &[]).assert_code(0);
    let new: Vec<String> = names_in(&guide).difference(&before).cloned().collect();
    assert!(new.contains(&"site".to_string()), "{new:?}");
    for name in &new {
        let is_dir = guide.join(name).is_dir();
        assert!(
            patterns.iter().any(|p| ignores(p, name, is_dir)),
            "`{name}` is not ignored by:\n{gitignore}"
        );
    }
    for kept in ["guide.toml", "content", ".gitignore"] {
        assert!(
            !patterns.iter().any(|p| ignores(p, kept, kept == "content")),
            "{kept} is ignored"
        );
    }
}

/// A mapping's value by key, or a panic naming what is missing.
#[track_caller]
fn at<'a>(value: &'a Value, path: &[&str]) -> &'a Value {
    let mut current = value;
    for key in path {
        current = current
            .get(*key)
            .unwrap_or_else(|| panic!("no `{}` in {current:?}", path.join(".")));
    }
    current
}

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value:?}"))
}

/// `bash -n`: the script parses as bash (GitHub runs `run:` steps with bash, GitLab's image
/// has it too).
#[track_caller]
fn assert_bash_syntax(script: &str) {
    let output = Command::new("bash")
        .args(["-n", "-c", script])
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "bash -n failed: {}\n{script}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The steps of a GitHub job, by `name` or `uses`.
fn step<'a>(steps: &'a [Value], name_or_uses: &str) -> &'a Value {
    steps
        .iter()
        .find(|s| {
            s.get("name").and_then(Value::as_str) == Some(name_or_uses)
                || (s.get("uses").and_then(Value::as_str))
                    .is_some_and(|uses| uses.split('@').next() == Some(name_or_uses))
        })
        .unwrap_or_else(|| panic!("no step {name_or_uses} in {steps:?}"))
}

/// Runs a workflow step's script as GitHub would (bash -eo pipefail), in `dir`, with the
/// workflow's settings and `GITHUB_OUTPUT`; gives the exit code, the outputs and stdout.
fn run_step(script: &str, dir: &Path, settings: &[(&str, &str)]) -> (i32, String, String) {
    let outputs = dir.join("github-output");
    fs::write(&outputs, "").unwrap();
    let output = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .envs(settings.iter().copied())
        .env("GITHUB_OUTPUT", &outputs)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        fs::read_to_string(&outputs).unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

#[test]
fn init_ci_github_writes_a_pages_workflow() {
    let (tmp, guide, run) = init(&["--ci", "github"]);
    let path = guide.join(".github/workflows/guidebook.yml");
    assert!(
        run.stdout.contains("set GUIDEBOOK_GIT at the top of"),
        "{}",
        run.stdout
    );
    let text_of_file = fs::read_to_string(&path).unwrap();
    let workflow: Value = serde_yaml::from_str(&text_of_file).unwrap();

    // Settings at the top, empty until the author sets the repository.
    let env = at(&workflow, &["env"]);
    assert_eq!(text(at(env, &["GUIDEBOOK_GIT"])), "");
    assert_eq!(text(at(env, &["GUIDE"])), ".");
    assert!(text_of_file.find("GUIDEBOOK_GIT:") < text_of_file.find("jobs:"));
    // `on` is read by YAML 1.1 parsers as a boolean; serde_yaml reads YAML 1.2, as GitHub does.
    assert!(at(&workflow, &["on", "push"]).is_null());
    assert_eq!(text(at(&workflow, &["permissions", "contents"])), "read");

    let build = at(&workflow, &["jobs", "build"]);
    let steps = at(build, &["steps"]).as_sequence().unwrap();
    assert_eq!(text(at(&steps[0], &["uses"])), "actions/checkout@v5");
    let install = step(steps, "Install guidebook");
    let script = text(at(install, &["run"]));
    assert!(script.contains("cargo +stable install --locked --git \"$GUIDEBOOK_GIT\""));
    assert!(script.contains("cargo +stable install --locked --path ."));
    let cache = step(steps, "actions/cache");
    assert_eq!(text(at(cache, &["with", "path"])), "~/.cargo/bin/guidebook");
    assert_eq!(
        text(at(install, &["if"])),
        "steps.cache.outputs.cache-hit != 'true'"
    );
    let build_step = step(steps, "Build the guide");
    assert_eq!(
        text(at(build_step, &["run"])),
        "guidebook build \"$GUIDE\" --output site"
    );
    let upload = step(steps, "actions/upload-pages-artifact");
    assert_eq!(text(at(upload, &["with", "path"])), "site");

    let deploy = at(&workflow, &["jobs", "deploy"]);
    assert_eq!(text(at(deploy, &["needs"])), "build");
    assert_eq!(text(at(deploy, &["permissions", "pages"])), "write");
    assert_eq!(text(at(deploy, &["permissions", "id-token"])), "write");
    assert_eq!(text(at(deploy, &["environment", "name"])), "github-pages");
    let deploy_steps = at(deploy, &["steps"]).as_sequence().unwrap();
    step(deploy_steps, "actions/deploy-pages");

    for step in steps.iter().filter_map(|s| s.get("run")) {
        assert_bash_syntax(text(step));
    }

    // The step that finds guidebook's version, run for real against a local repository.
    let find = text(at(step(steps, "Find the guidebook to build"), &["run"]));
    let (code, outputs, stdout) = run_step(find, tmp.path(), &[("GUIDEBOOK_GIT", "")]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.starts_with("::error file=.github/workflows/guidebook.yml::Set GUIDEBOOK_GIT"),
        "{stdout}"
    );
    assert_eq!(outputs, "");
    let source = tmp.path().join("guidebook-source");
    fs::create_dir(&source).unwrap();
    git(&source, &["init", "-q", "-b", "main"]);
    fs::write(source.join("README.md"), "guidebook\n").unwrap();
    git(&source, &["add", "README.md"]);
    git(&source, &["commit", "-q", "-m", "first"]);
    let commit = git(&source, &["rev-parse", "HEAD"]);
    let url = format!("file://{}", source.display());
    for rev in ["", "main", commit.as_str()] {
        let settings = [("GUIDEBOOK_GIT", url.as_str()), ("GUIDEBOOK_REV", rev)];
        let (code, outputs, stdout) = run_step(find, tmp.path(), &settings);
        assert_eq!(code, 0, "rev {rev:?}: {stdout}");
        assert_eq!(outputs, format!("version={commit}\n"), "rev {rev:?}");
    }
    let settings = [("GUIDEBOOK_GIT", url.as_str()), ("GUIDEBOOK_REV", "nope")];
    let (code, _, stdout) = run_step(find, tmp.path(), &settings);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("has no branch or tag named nope"),
        "{stdout}"
    );
}

#[test]
fn init_ci_gitlab_writes_a_pages_job() {
    let (_tmp, guide, _) = init(&["--ci", "gitlab"]);
    let file = fs::read_to_string(guide.join(".gitlab-ci.yml")).unwrap();
    let ci: Value = serde_yaml::from_str(&file).unwrap();
    assert_eq!(text(at(&ci, &["variables", "GUIDEBOOK_GIT"])), "");
    let pages = at(&ci, &["pages"]);
    let artifacts = at(pages, &["artifacts", "paths"]).as_sequence().unwrap();
    assert_eq!(artifacts, &[Value::from("public")]);
    let script: Vec<&str> = (at(pages, &["script"]).as_sequence().unwrap().iter())
        .map(text)
        .collect();
    assert_eq!(
        script.last(),
        Some(&".guidebook-bin/bin/guidebook build \"$GUIDE\" --output public")
    );
    assert!(script[0].contains("cargo install --locked --root .guidebook-bin --git"));
    for line in &script {
        assert_bash_syntax(line);
    }
    let cached = at(pages, &["cache", "paths"]).as_sequence().unwrap();
    assert_eq!(cached, &[Value::from(".guidebook-bin/")]);
    assert_eq!(
        text(at(&at(pages, &["rules"])[0], &["if"])),
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    );
}

#[test]
fn init_ci_in_an_existing_guide_writes_only_the_workflow_and_never_replaces_it() {
    let (_tmp, guide, _) = init(&[]);
    let before = snapshot(&guide);
    run(&["init", arg(&guide), "--ci", "github"]).assert_code(0);
    let after = snapshot(&guide);
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(added, [".github/workflows/guidebook.yml"]);
    assert!(before.iter().all(|(k, v)| after.get(k) == Some(v)));

    let again = run(&["init", arg(&guide), "--ci", "github"]);
    again.assert_code(2);
    assert!(
        again.stderr.contains("guidebook.yml` already exists"),
        "{}",
        again.stderr
    );
    assert_eq!(snapshot(&guide), after);
    // Without --ci a folder holding a guide is still refused.
    run(&["init", arg(&guide)]).assert_code(2);
    let wrong = run(&["init", arg(&guide), "--ci", "bitbucket"]);
    wrong.assert_code(2);
    assert!(wrong.stderr.contains("github, gitlab"), "{}", wrong.stderr);
}

#[test]
fn a_new_lesson_s_placeholders_are_warnings_at_their_lines_until_replaced() {
    let (_tmp, guide, _) = init(&[]);
    run(&["new", "Walk outside", arg(&guide)]).assert_code(0);
    let file = "content/03-walk-outside.md";
    let check = run(&["check", arg(&guide)]);
    check.assert_code(0);
    let warnings = parse_diagnostics(&check.stderr);
    let found: Vec<(&str, &str, usize)> = (warnings.iter())
        .map(|d| (d.severity.as_str(), d.file.as_str(), d.line))
        .collect();
    assert_eq!(
        found,
        [
            ("warning", file, 5),
            ("warning", file, 9),
            ("warning", file, 13)
        ],
        "{}",
        check.stderr
    );
    assert_eq!(warnings[0].message, "the summary is empty");
    assert!(warnings[1].text.contains("Write the lesson here."));
    assert!(warnings[1].help.as_deref().unwrap().contains("replace"));
    assert!(warnings[2].text.contains("- [ ] The first thing to do."));
    // The build says the same (and still builds).
    let build = run_with(&["build"], Some(&guide), &[]);
    build.assert_code(0);
    assert_eq!(parse_diagnostics(&build.stderr), warnings);

    let lesson = fs::read_to_string(guide.join(file)).unwrap();
    let written = lesson
        .replace("summary: \"\"", "summary: Take the first steps outside.")
        .replace("Write the lesson here.", "Open the door and wait.")
        .replace("The first thing to do.", "Open the door.");
    fs::write(guide.join(file), written).unwrap();
    let check = run(&["check", arg(&guide)]);
    check.assert_code(0);
    assert_eq!(check.stderr, "");
    // A lesson without a summary is not one with an empty summary.
    let lesson = fs::read_to_string(guide.join(file)).unwrap();
    let without = lesson.replace("summary: Take the first steps outside.\n", "");
    fs::write(guide.join(file), without).unwrap();
    let check = run(&["check", arg(&guide)]);
    check.assert_code(0);
    assert_eq!(check.stderr, "");
}
