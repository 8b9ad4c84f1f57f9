//! The kinds of GitHub alerts (`> [!NOTE]`, `> [!WARNING]` ...): what `guide.toml`'s
//! `[handout] notes` names, and what the Markdown stage labels and records.

use serde::{Deserialize, Serialize};

/// The kind of a GitHub alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AlertKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl AlertKind {
    /// Every kind, by the name `guide.toml` uses.
    pub const ALL: [AlertKind; 5] = [
        AlertKind::Note,
        AlertKind::Tip,
        AlertKind::Important,
        AlertKind::Warning,
        AlertKind::Caution,
    ];

    /// The kind's name in `guide.toml` and in CSS classes.
    pub fn name(self) -> &'static str {
        match self {
            AlertKind::Note => "note",
            AlertKind::Tip => "tip",
            AlertKind::Important => "important",
            AlertKind::Warning => "warning",
            AlertKind::Caution => "caution",
        }
    }

    /// The key of the label shown on the page (GitHub's words, in the guide's language).
    pub fn label_key(self) -> &'static str {
        match self {
            AlertKind::Note => "alert_note",
            AlertKind::Tip => "alert_tip",
            AlertKind::Important => "alert_important",
            AlertKind::Warning => "alert_warning",
            AlertKind::Caution => "alert_caution",
        }
    }
}
