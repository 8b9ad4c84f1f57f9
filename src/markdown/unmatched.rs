//! Names a link or an image gives that the guide does not have (`02-fitt.md`,
//! `img/chest.jpg`). The passes that find them give the problem its general help and note the
//! name; the closest name the guide has is suggested after every body is rendered, in file
//! order and within one budget for the build ([`Suggestions`]): bodies render in parallel, and
//! thousands of such names must not each be compared with every page.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::diagnostics::suggest::{BUILD_BUDGET, Candidates, Suggester};
use crate::load::Asset;

use super::links::PageMap;
use super::suggested_path::did_you_mean;

/// A name that is not there, and the problem that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// Its problem, in the body's `problems`.
    pub problem: usize,
    /// The name as a path relative to `content/`.
    pub name: String,
    /// The link's address as the author wrote it.
    pub written: String,
    /// The linking file, relative to `content/` (a suggestion is written relative to it).
    pub from: String,
    pub among: Among,
}

/// What a name is looked for among.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Among {
    /// The lessons' and reference pages' files.
    Pages,
    /// The files beside the lessons.
    Files,
}

/// The suggestions of one build: its budget, and the names of its pages and files, indexed
/// when first needed.
pub struct Suggestions<'g> {
    pub suggester: Suggester,
    pages: &'g PageMap,
    assets: &'g BTreeMap<String, Asset>,
    page_names: Option<Candidates<'g>>,
    file_names: Option<Candidates<'g>>,
}

impl<'g> Suggestions<'g> {
    pub fn new(pages: &'g PageMap, assets: &'g BTreeMap<String, Asset>) -> Self {
        Suggestions {
            suggester: Suggester::new(BUILD_BUDGET),
            pages,
            assets,
            page_names: None,
            file_names: None,
        }
    }

    /// Gives each of `unmatched` a "did you mean" in its problem (one of `problems`) when the
    /// guide has a name close to it.
    pub fn fill_in(&mut self, problems: &mut [Diagnostic], unmatched: &[Unmatched]) {
        for wanted in unmatched {
            let Some(problem) = problems.get_mut(wanted.problem) else {
                continue;
            };
            let names = match &wanted.among {
                Among::Pages => self
                    .page_names
                    .get_or_insert_with(|| Candidates::new(self.pages.names())),
                Among::Files => self
                    .file_names
                    .get_or_insert_with(|| Candidates::new(self.assets.keys().map(String::as_str))),
            };
            let Some(best) = self.suggester.closest(&wanted.name, names) else {
                continue;
            };
            if let Some(help) = did_you_mean(&wanted.written, &wanted.from, best) {
                problem.help = Some(help);
            }
        }
    }
}
