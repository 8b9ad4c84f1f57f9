//! Golden output: the sample guide, the `basic` fixture and the 120-lesson guide must build to the
//! files listed in `tests/golden/<case>.sha256` (SHA-256 and path, the format of `sha256sum`).
//! The lists were written by the build before `render/` was reshaped; a change that alters the
//! output on purpose updates the list in the same commit and says why.
//!
//! `GUIDEBOOK_BLESS=1 cargo test --test golden` rewrites the lists from the current build.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

/// Every output file but the marker, as `sha256sum` prints it, sorted by path.
fn hash_list(out: &Path) -> String {
    let mut list = String::new();
    for (path, bytes) in snapshot(out) {
        if path == ".guidebook-site" {
            continue;
        }
        let digest = Sha256::digest(&bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        writeln!(list, "{hex}  {path}").expect("writing to a String");
    }
    list
}

fn assert_golden(case: &str, workspace: &Workspace) {
    let out = workspace.build_ok();
    let actual = hash_list(&out);
    let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{case}.sha256"));
    if std::env::var_os("GUIDEBOOK_BLESS").is_some() {
        fs::write(&golden, &actual).expect("the golden list is written");
        return;
    }
    let expected = fs::read_to_string(&golden).expect("the golden list exists");
    let differing: Vec<&str> = actual
        .lines()
        .filter(|line| !expected.lines().any(|e| e == *line))
        .chain(
            expected
                .lines()
                .filter(|line| !actual.lines().any(|a| a == *line)),
        )
        .collect();
    assert!(
        differing.is_empty(),
        "{case}: the output differs from {} in these lines:\n{}",
        golden.display(),
        differing.join("\n")
    );
}

#[test]
fn the_sample_guide_builds_to_its_golden_files() {
    assert_golden("sample", &copy_sample_guide());
}

#[test]
fn the_basic_fixture_builds_to_its_golden_files() {
    assert_golden("basic", &copy_fixture("basic"));
}

#[test]
fn the_long_lessons_guide_builds_to_its_golden_files() {
    assert_golden("long-lessons", &long_lessons_guide());
}
