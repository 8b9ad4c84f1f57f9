//! What `import` refuses, and what it never does: change the source, or leave half a guide.

use std::fs;

use tempfile::TempDir;

use crate::common::*;
use crate::{import_fixture, write_source};

#[test]
fn the_source_is_never_changed() {
    for fixture in ["workbench-git-novice", "mdbook-guide"] {
        let tmp = TempDir::new().unwrap();
        let source = tmp.path().join("source");
        copy_dir(&fixture_path(&format!("import/{fixture}")), &source);
        let before = snapshot(&source);
        let dest = tmp.path().join("guide");
        run(&["import", source.to_str().unwrap(), dest.to_str().unwrap()]).assert_code(0);
        assert_eq!(snapshot(&source), before, "{fixture} changed");
        assert!(dest.join("guide.toml").is_file());
    }
}

#[test]
fn a_folder_of_no_known_layout_is_refused_saying_what_was_looked_for() {
    let tmp = TempDir::new().unwrap();
    let source = write_source(tmp.path(), &[("notes.md", "# Notes\n")]);
    let dest = tmp.path().join("guide");
    let run = run(&["import", source.to_str().unwrap(), dest.to_str().unwrap()]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("neither a Carpentries Workbench lesson nor an mdBook"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("config.yaml with an episodes/ folder"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("book.toml with SUMMARY.md"),
        "{}",
        run.stderr
    );
    assert!(!dest.exists());
}

#[test]
fn a_book_toml_without_its_summary_says_where_summary_was_looked_for() {
    let tmp = TempDir::new().unwrap();
    let source = write_source(
        tmp.path(),
        &[
            ("book.toml", "[book]\nsrc = \"docs\"\n"),
            ("src/SUMMARY.md", "- [A](a.md)\n"),
        ],
    );
    let run = run(&[
        "import",
        source.to_str().unwrap(),
        tmp.path().join("g").to_str().unwrap(),
    ]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("found book.toml, but no `docs/SUMMARY.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_book_toml_that_is_not_toml_is_refused_at_its_line() {
    let tmp = TempDir::new().unwrap();
    let source = write_source(
        tmp.path(),
        &[
            ("book.toml", "[book]\ntitle = \"x\nsrc = 1\n"),
            ("src/SUMMARY.md", "- [A](a.md)\n"),
        ],
    );
    let dest = tmp.path().join("guide");
    let run = run(&["import", source.to_str().unwrap(), dest.to_str().unwrap()]);
    run.assert_code(2);
    assert!(run.stderr.contains("error: book.toml:2:"), "{}", run.stderr);
    assert!(!dest.exists());
}

#[test]
fn a_destination_that_is_not_empty_is_refused_and_left_as_it_was() {
    let tmp = TempDir::new().unwrap();
    let source = write_source(
        tmp.path(),
        &[
            ("config.yaml", "title: T\n"),
            ("episodes/a.md", "---\ntitle: A\n---\n"),
        ],
    );
    let dest = tmp.path().join("guide");
    fs::create_dir(&dest).unwrap();
    fs::write(dest.join("notes.txt"), "mine").unwrap();
    let before = snapshot(&dest);
    let run = run(&["import", source.to_str().unwrap(), dest.to_str().unwrap()]);
    run.assert_code(2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(snapshot(&dest), before);
    assert_eq!(
        names_in(tmp.path()),
        ["guide", "source"].map(String::from).into()
    );
}

#[test]
fn an_empty_destination_folder_is_filled_and_a_missing_one_made() {
    let tmp = TempDir::new().unwrap();
    let source = write_source(
        tmp.path(),
        &[
            ("config.yaml", "title: T\n"),
            ("episodes/a.md", "---\ntitle: A\n---\n"),
        ],
    );
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    run(&["import", source.to_str().unwrap(), empty.to_str().unwrap()]).assert_code(0);
    assert!(empty.join("content/a.md").is_file());
    let deep = tmp.path().join("new/deeper/guide");
    run(&["import", source.to_str().unwrap(), deep.to_str().unwrap()]).assert_code(0);
    assert!(deep.join("guide.toml").is_file());
}

#[test]
fn a_destination_inside_the_source_is_refused() {
    let tmp = TempDir::new().unwrap();
    let source = write_source(
        tmp.path(),
        &[
            ("config.yaml", "title: T\n"),
            ("episodes/a.md", "---\ntitle: A\n---\n"),
        ],
    );
    let before = snapshot(&source);
    let run = run(&[
        "import",
        source.to_str().unwrap(),
        source.join("guide").to_str().unwrap(),
    ]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("the source is never changed"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&source), before);
}

#[test]
#[cfg(unix)]
fn symbolic_links_in_the_source_are_noted_and_never_followed_out_of_it() {
    let tmp = TempDir::new().unwrap();
    fs::write(tmp.path().join("secret.txt"), "outside the source").unwrap();
    let source = write_source(
        tmp.path(),
        &[
            ("config.yaml", "title: T\n"),
            ("episodes/a.md", "---\ntitle: A\n---\n"),
        ],
    );
    fs::create_dir_all(source.join("episodes/data")).unwrap();
    std::os::unix::fs::symlink(
        tmp.path().join("secret.txt"),
        source.join("episodes/data/secret.txt"),
    )
    .unwrap();
    let dest = tmp.path().join("guide");
    let run = run(&["import", source.to_str().unwrap(), dest.to_str().unwrap()]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("episodes/data/secret.txt: a symbolic link: not followed, not copied"),
        "{}",
        run.stdout
    );
    assert!(!dest.join("content/data/secret.txt").exists());
}

#[test]
fn import_has_help_with_examples() {
    let run = run(&["import", "--help"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("guidebook import ../git-novice git-guide"),
        "{}",
        run.stdout
    );
}

#[test]
fn quiet_prints_nothing_but_writes_the_guide() {
    let tmp = TempDir::new().unwrap();
    let source = tmp.path().join("source");
    copy_dir(&fixture_path("import/mdbook-guide"), &source);
    let dest = tmp.path().join("guide");
    let run = run(&[
        "import",
        "-q",
        source.to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    assert!(dest.join("content/format/summary.md").is_file());
}

#[test]
fn every_note_points_at_a_file_of_the_source() {
    let imported = import_fixture("mdbook-guide");
    assert!(!imported.notes().is_empty());
    for note in imported.notes() {
        let file = note.split(':').next().unwrap();
        assert!(imported.source.join(file).is_file(), "{note}");
    }
}

#[test]
fn a_destination_that_is_a_file_or_a_source_that_is_not_a_folder_is_refused() {
    let tmp = TempDir::new().unwrap();
    let source = write_source(
        tmp.path(),
        &[
            ("config.yaml", "title: T\n"),
            ("episodes/a.md", "---\ntitle: A\n---\n"),
        ],
    );
    let file = tmp.path().join("file.txt");
    fs::write(&file, "mine").unwrap();
    let run_file = run(&["import", source.to_str().unwrap(), file.to_str().unwrap()]);
    run_file.assert_code(2);
    assert!(run_file.stderr.contains("is a file"), "{}", run_file.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    let missing = tmp.path().join("missing");
    let run_missing = run(&[
        "import",
        missing.to_str().unwrap(),
        tmp.path().join("g").to_str().unwrap(),
    ]);
    run_missing.assert_code(2);
    assert!(
        run_missing.stderr.contains("it is not a folder"),
        "{}",
        run_missing.stderr
    );
}
