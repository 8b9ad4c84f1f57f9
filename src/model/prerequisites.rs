//! Prerequisites between lessons: each `prerequisites:` slug resolved to the lesson it names,
//! which must come before (a smaller step, so there are no cycles), and the reverse edges (what
//! each lesson unlocks). A slug of a draft, or of a file that could not be read, is told apart
//! from one that names nothing.

use fnv::FnvHashMap as HashMap;
use std::sync::Arc;

use super::absent::{Absence, AbsentFile, absence_of};
use super::guide::Lesson;
use super::lesson::LessonFile;
use crate::diagnostics::Diagnostic;

/// Resolves prerequisites to lesson indices and fills in the reverse edges.
pub(super) fn link_prerequisites(
    files: Vec<Arc<LessonFile>>,
    absent: &[AbsentFile],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Lesson> {
    let by_slug: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.slug.as_str(), i))
        .collect();
    let mut requires: Vec<Vec<usize>> = vec![Vec::new(); files.len()];
    for (index, file) in files.iter().enumerate() {
        for wanted in &file.prerequisites {
            // Found only for a problem: most prerequisites have none.
            let span = || file.item_span("prerequisites", wanted);
            let problem = match by_slug.get(wanted.as_str()) {
                Some(&target) if target == index => Some(
                    Diagnostic::error(&file.file, span(), "a lesson cannot be its own prerequisite")
                        .with_help("remove it from `prerequisites`"),
                ),
                Some(&target) if files[target].step >= file.step => Some(
                    Diagnostic::error(
                        &file.file,
                        span(),
                        format!("the prerequisite `{wanted}` comes at step {}, not before step {}", files[target].step, file.step),
                    )
                    .with_help("a prerequisite must have a smaller step; swap the steps or drop the prerequisite"),
                ),
                Some(&target) => {
                    if !requires[index].contains(&target) {
                        requires[index].push(target);
                    }
                    None
                }
                None if absence_of(absent, wanted) == Some(Absence::Unreadable) => None,
                None if absence_of(absent, wanted) == Some(Absence::Draft) => Some(
                    Diagnostic::error(&file.file, span(), format!("the prerequisite `{wanted}` is a draft"))
                        .with_help("publish it (remove `draft: true`), build with --drafts, or drop the prerequisite"),
                ),
                None => Some(
                    Diagnostic::error(&file.file, span(), format!("no lesson has the slug `{wanted}`"))
                        .with_label("unknown prerequisite")
                        .with_suggestion(wanted, files.iter().map(|f| f.slug.as_str()))
                        .or_help("prerequisites name lessons by slug: the file name without `NN-` and `.md`"),
                ),
            };
            problems.extend(problem);
        }
    }
    let mut unlocks: Vec<Vec<usize>> = vec![Vec::new(); files.len()];
    for (index, prerequisites) in requires.iter_mut().enumerate() {
        prerequisites.sort_unstable();
        for &p in prerequisites.iter() {
            unlocks[p].push(index);
        }
    }
    files
        .into_iter()
        .zip(requires.into_iter().zip(unlocks))
        .map(|(source, (prerequisites, unlocks))| Lesson {
            source,
            prerequisites,
            unlocks,
            untranslated: false,
        })
        .collect()
}
