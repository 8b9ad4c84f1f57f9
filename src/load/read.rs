//! Reading one text file of the guide: UTF-8, a byte order mark stripped; a file that cannot be
//! read or is not UTF-8 becomes a diagnostic (with a lossy copy, so it can show the line).

use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::SourceFile;
use crate::diagnostics::Diagnostic;

/// Where [`read_source`] records what went wrong.
#[derive(Default)]
pub(super) struct ReadProblems {
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) undecodable: Vec<SourceFile>,
}

/// Reads one file as UTF-8 text, stripping a byte order mark. On failure records a diagnostic.
pub(super) fn read_source(
    path: &Path,
    guide_path: &str,
    content_path: &str,
    problems: &mut ReadProblems,
) -> Option<SourceFile> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            problems.diagnostics.push(
                Diagnostic::error(guide_path, 0..0, format!("cannot read this file: {error}"))
                    .with_help("check that the file exists and that you may read it"),
            );
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let mut file = SourceFile::new(
                guide_path.to_string(),
                content_path.to_string(),
                Arc::from(text),
            );
            file.modified = fs::metadata(path).and_then(|m| m.modified()).ok();
            Some(file)
        }
        Err(error) => {
            let at = error.valid_up_to();
            // The diagnostic shows the lossy copy, where the bad bytes became one U+FFFD.
            let replacement = at..at + char::REPLACEMENT_CHARACTER.len_utf8();
            problems.diagnostics.push(
                Diagnostic::error(guide_path, replacement, "this file is not valid UTF-8 text")
                    .with_label("the first byte that is not UTF-8")
                    .with_help("save the file as UTF-8 in your editor (\"Save with encoding\" / \"Reopen with encoding\")"),
            );
            // Keep a lossy copy so the diagnostic can show the line; the prefix is unchanged.
            problems.undecodable.push(SourceFile::new(
                guide_path.to_string(),
                content_path.to_string(),
                Arc::from(String::from_utf8_lossy(bytes)),
            ));
            None
        }
    }
}
