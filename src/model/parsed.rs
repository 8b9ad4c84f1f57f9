//! What parsing one of the guide's files gives: the value whenever it could be read, problems
//! or not, and every problem. A lesson with a misspelt key (read as the key it is closest to), a
//! translation with an empty title, a gear catalogue with one bad item stay in the guide beside
//! their errors, so that the later checks (prerequisites, links, images, anchors, compare blocks)
//! see them and one run reports everything.

use crate::diagnostics::Diagnostic;

/// A file as parsed: what it holds whenever its values could be read, and every problem.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub value: Option<T>,
    pub problems: Vec<Diagnostic>,
}

impl<T> Parsed<T> {
    /// Nothing could be read.
    pub fn failed(problems: Vec<Diagnostic>) -> Self {
        Parsed {
            value: None,
            problems,
        }
    }

    /// The value when it came without a problem, else every problem.
    pub fn into_result(self) -> Result<T, Vec<Diagnostic>> {
        match self.value {
            Some(value) if self.problems.is_empty() => Ok(value),
            _ => Err(self.problems),
        }
    }
}
