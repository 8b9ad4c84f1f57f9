//! What the preview tells the author in the terminal after each change: which files changed
//! (as the author saved them, not as the pages they touched), how long the rebuild took, how
//! many errors a failed check found, and that the guide is good again once they are fixed.
//! Each change is told once.

use crate::diagnostics::{Tally, printable};
use crate::english::{count, names};

/// How many changed files are named before "and N more".
const NAMED_FILES: usize = 3;

/// What a rebuild that worked did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuilt {
    pub millis: u128,
    /// The files the author changed, guide-relative (none when the guide was restored after a
    /// folder or guide.toml went missing).
    pub files: Vec<String>,
    /// How many of the site's pages look different.
    pub pages: usize,
    /// The last check failed: the browsers' overlays go away now.
    pub good_again: bool,
}

impl Rebuilt {
    /// `Rebuilt in 12 ms: 1 file changed (content/02-fit.md)`, and `; no page changed` or
    /// `; the guide is good again` when that is so.
    pub fn line(&self) -> String {
        let mut line = format!("Rebuilt in {} ms", self.millis);
        if !self.files.is_empty() {
            let changed = count(self.files.len(), "file", "files");
            // A file name may hold control characters: printed escaped, as every path is.
            let printable: Vec<String> = (self.files.iter())
                .map(|file| printable(file).into_owned())
                .collect();
            let named = names(&printable, NAMED_FILES);
            line.push_str(&format!(": {changed} changed ({named})"));
        }
        if self.good_again {
            line.push_str("; the guide is good again, no errors");
        } else if self.pages == 0 {
            line.push_str("; no page changed");
        }
        line
    }
}

/// `error: the guide has 1 error; still serving the last good version`.
pub fn failing_line(tally: Tally) -> String {
    format!(
        "error: the guide has {}; still serving the last good version",
        tally.errors()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuilt(files: &[&str], pages: usize, good_again: bool) -> String {
        Rebuilt {
            millis: 12,
            files: files.iter().map(|f| f.to_string()).collect(),
            pages,
            good_again,
        }
        .line()
    }

    #[test]
    fn the_author_s_files_are_counted_and_named() {
        assert_eq!(
            rebuilt(&["content/02-fit.md"], 3, false),
            "Rebuilt in 12 ms: 1 file changed (content/02-fit.md)"
        );
        assert_eq!(
            rebuilt(&["a.md", "b.md", "c.md", "d.md"], 9, false),
            "Rebuilt in 12 ms: 4 files changed (a.md, b.md, c.md and 1 more)"
        );
        assert_eq!(
            rebuilt(&["guide.toml"], 0, false),
            "Rebuilt in 12 ms: 1 file changed (guide.toml); no page changed"
        );
        assert_eq!(
            rebuilt(&["content/02-fit.md"], 0, true),
            "Rebuilt in 12 ms: 1 file changed (content/02-fit.md); the guide is good again, no errors"
        );
        assert_eq!(
            rebuilt(&[], 40, true),
            "Rebuilt in 12 ms; the guide is good again, no errors"
        );
    }

    #[test]
    fn a_file_name_that_could_rewrite_the_terminal_is_printed_escaped() {
        assert_eq!(
            rebuilt(&["content/02-\u{1b}[31mred\u{202e}.md"], 1, false),
            "Rebuilt in 12 ms: 1 file changed (content/02-\\x1b[31mred\\u{202e}.md)"
        );
    }

    #[test]
    fn errors_are_counted_with_plurals() {
        let tally = |errors| Tally {
            errors,
            warnings: 0,
        };
        assert_eq!(
            failing_line(tally(1)),
            "error: the guide has 1 error; still serving the last good version"
        );
        assert_eq!(
            failing_line(tally(3)),
            "error: the guide has 3 errors; still serving the last good version"
        );
    }
}
