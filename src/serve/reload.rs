//! Telling open browsers what happened: the messages sent over the server-sent-events endpoint
//! and the small script (`live.js`) injected into served pages (never into `guidebook build`
//! output).
//!
//! The script reloads the page (keeping the scroll position), swaps stylesheets without a reload
//! when only CSS changed, follows a deleted or renamed page to its new place, shows build errors
//! in an overlay, and reconnects by itself when the server restarts.

use std::sync::LazyLock;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Sources};

/// Where the browser listens for messages.
pub const EVENTS_PATH: &str = "/__guidebook/events";
/// Where the injected script is served.
pub const SCRIPT_PATH: &str = "/__guidebook/live.js";

/// The tag inserted before `</body>` of every served page; `version` is the site version the
/// page was served from, so the script can tell whether it missed a rebuild.
pub fn injected_tag(version: &str) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-version=\"{version}\" defer></script>\n")
}

/// A message to the browsers.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Message {
    /// A new version of the site is in place.
    Reload {
        version: String,
        /// Only stylesheets changed: swap them without reloading.
        css_only: bool,
        /// Pages that changed (all pages reload when the list is empty and `everything` is set).
        changed: Vec<String>,
        everything: bool,
        /// Pages that no longer exist -> where their readers should go.
        moved: Vec<(String, String)>,
    },
    /// The last build failed; the previous site is still served.
    Errors {
        version: String,
        errors: Vec<OverlayError>,
    },
}

/// One diagnostic as the overlay shows it.
#[derive(Debug, Clone, Serialize)]
pub struct OverlayError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: String,
    pub message: String,
    pub hint: Option<String>,
    /// The lines of the file the error is about, marked (the rustc-style report without its
    /// message, location and help, which the overlay shows once each).
    pub excerpt: String,
}

/// The errors of a failed build, for the overlay.
pub fn overlay_errors(diagnostics: &[Diagnostic], sources: &Sources) -> Vec<OverlayError> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let (line, column) = sources.line_column(&d.file, d.span.start);
            OverlayError {
                file: d.file.clone(),
                line,
                column,
                severity: "error".to_string(),
                message: d.message.clone(),
                hint: d.help.clone(),
                excerpt: excerpt_lines(&crate::diagnostics::render_to_string(
                    std::slice::from_ref(d),
                    sources,
                )),
            }
        })
        .collect()
}

/// The excerpt of a rendered report: its source lines and markers, without the `error:` and
/// `-->` lines or the `= help:` notes.
fn excerpt_lines(report: &str) -> String {
    let kept: Vec<&str> = report
        .lines()
        .filter(|line| {
            let trimmed = line.trim_start();
            !(trimmed.starts_with("error")
                || trimmed.starts_with("warning")
                || trimmed.starts_with("-->")
                || trimmed.starts_with("= "))
        })
        .collect();
    kept.join("\n").trim_matches('\n').to_string()
}

/// The injected script's source, with [`EVENTS_PATH_PLACEHOLDER`] where the path goes.
const LIVE_SCRIPT_SOURCE: &str = include_str!("live.js");
/// A JS string literal in `live.js` that stands for [`EVENTS_PATH`].
const EVENTS_PATH_PLACEHOLDER: &str = "\"__GUIDEBOOK_EVENTS_PATH__\"";

/// The injected script as served: `live.js` told where the event stream is.
pub fn live_script() -> &'static str {
    static SCRIPT: LazyLock<String> = LazyLock::new(|| {
        let path = serde_json::to_string(EVENTS_PATH).expect("a string always serializes");
        LIVE_SCRIPT_SOURCE.replace(EVENTS_PATH_PLACEHOLDER, &path)
    });
    &SCRIPT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_excerpt_keeps_the_lines_of_the_file_only() {
        let report = "error: unknown front matter key `stepp`\n  --> content/01-a.md:3:1\n  |\n3 | stepp: 1\n  | ^^^^^\n  |\n  = help: did you mean `step`?\n";
        assert_eq!(excerpt_lines(report), "  |\n3 | stepp: 1\n  | ^^^^^\n  |");
    }

    #[test]
    fn the_script_is_told_the_events_path_once() {
        assert!(!LIVE_SCRIPT_SOURCE.contains(EVENTS_PATH));
        assert_eq!(
            LIVE_SCRIPT_SOURCE.matches(EVENTS_PATH_PLACEHOLDER).count(),
            1
        );
        let served = live_script();
        assert!(served.contains(&format!("new EventSource(\"{EVENTS_PATH}\")")));
        assert!(!served.contains("__GUIDEBOOK_EVENTS_PATH__"));
    }
}
