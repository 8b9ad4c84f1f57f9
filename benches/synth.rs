//! Synthetic guides for the benches, written to a temporary folder by `benches/gen_guide.py`.
//!
//! One generator serves every consumer: the criterion benches and the floor (through this
//! module), and `compare.sh` (through the script itself, which also writes the same lessons for
//! Hugo, mdBook and Zola). Lesson `i` depends only on the seed and `i`, so guides of different
//! sizes share their first lessons. This file is included with `mod synth;` by the bench targets;
//! Cargo also builds it as a bench target of its own, whose only content is the test below.

#![allow(dead_code)] // each bench target uses a different part of this module

use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed every bench uses, so every run measures the same text.
pub const SEED: u64 = 42;

/// A generated guide in a temporary folder, removed when dropped.
pub struct SyntheticGuide {
    dir: tempfile::TempDir,
    pub lessons: usize,
}

impl SyntheticGuide {
    /// Writes a guidebook guide of `lessons` lessons.
    pub fn new(lessons: usize) -> SyntheticGuide {
        SyntheticGuide::with_flavor(lessons, "guidebook")
    }

    /// Writes the guide laid out for `flavor` (guidebook, hugo, mdbook or zola).
    pub fn with_flavor(lessons: usize, flavor: &str) -> SyntheticGuide {
        let dir = tempfile::Builder::new()
            .prefix(&format!("guidebook-bench-{lessons}-"))
            .tempdir()
            .expect("the benches need a writable temporary folder");
        write_guide(dir.path(), lessons, SEED, flavor);
        SyntheticGuide { dir, lessons }
    }

    /// The guide folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The file of lesson `i` (1-based) on disk.
    pub fn lesson_path(&self, i: usize) -> PathBuf {
        self.path().join("content").join(lesson_file(i))
    }
}

/// The file name of lesson `i`, as the generator writes it.
pub fn lesson_file(i: usize) -> String {
    format!("{i:05}-lesson-{i}.md")
}

/// The generator script.
pub fn generator() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/gen_guide.py")
}

/// Runs the generator into `out`; panics with the script's message if it fails, because no
/// bench means anything without its input.
pub fn write_guide(out: &Path, lessons: usize, seed: u64, flavor: &str) {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let output = Command::new(&python)
        .arg(generator())
        .arg(out)
        .args(["--lessons", &lessons.to_string()])
        .args(["--seed", &seed.to_string()])
        .args(["--flavor", flavor])
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{python}` for benches/gen_guide.py: {e}"));
    assert!(
        output.status.success(),
        "benches/gen_guide.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[cfg(test)]
mod tests {
    /// The generated guide is one guidebook accepts without a single diagnostic, and the
    /// generator is deterministic.
    #[test]
    fn synthetic_guide_builds_cleanly_and_repeatably() {
        let guide = super::SyntheticGuide::new(60);
        let build = guidebook::build_site(guide.path(), &guidebook::BuildOptions::default())
            .expect("the synthetic guide loads");
        assert!(build.diagnostics.is_empty(), "{:#?}", build.diagnostics);
        assert!(build.site.is_some());
        assert_eq!(build.guide.lessons.len(), 60);

        let again = super::SyntheticGuide::new(60);
        for i in [1, 30, 60] {
            let a = std::fs::read(guide.lesson_path(i)).expect("lesson written");
            let b = std::fs::read(again.lesson_path(i)).expect("lesson written");
            assert_eq!(a, b, "lesson {i} differs between two runs");
        }
    }
}
