//! How many errors and warnings a run found, said in one line with plurals: `no errors, 2
//! warnings`. The command line ends `check` with it, and the preview counts a failed build's
//! errors with it.

use std::fmt;

use super::{Diagnostic, Severity};
use crate::english::count_with_no;

/// The errors and warnings among some diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let errors = (diagnostics.iter())
            .filter(|d| d.severity == Severity::Error)
            .count();
        Tally {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }

    /// `1 error`, `no errors`.
    pub fn errors(self) -> String {
        count_with_no(self.errors, "error", "errors")
    }

    /// `2 warnings`, `no warnings`.
    pub fn warnings(self) -> String {
        count_with_no(self.warnings, "warning", "warnings")
    }
}

impl fmt::Display for Tally {
    /// `no errors, 2 warnings`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.errors(), self.warnings())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_both_with_plurals() {
        let error = Diagnostic::error("a.md", 0..0, "e");
        let warning = Diagnostic::warning("a.md", 0..0, "w");
        assert_eq!(Tally::of(&[]).to_string(), "no errors, no warnings");
        assert_eq!(
            Tally::of(&[warning.clone(), warning.clone()]).to_string(),
            "no errors, 2 warnings"
        );
        assert_eq!(
            Tally::of(&[error.clone(), warning]).to_string(),
            "1 error, 1 warning"
        );
        assert_eq!(Tally::of(&[error.clone(), error]).errors(), "2 errors");
    }
}
