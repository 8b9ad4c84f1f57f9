//! `[offline]` of `guide.toml`: whether the published site keeps itself in the reader's browser
//! for reading without a network (a service worker), and how much it may keep: a cap per file,
//! a cap on the whole, and patterns of files never kept. Sizes are written as people write them
//! (`"20 MB"`, `"1.5 GB"`, `"500 KiB"`) or as a number of bytes. What is kept is decided by the
//! renderer once the site's files are known; this module only reads and checks the settings.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostics::Diagnostic;
use crate::i18n::overrides::section_key_span;

/// The keys of the `[offline]` table.
pub(super) const OFFLINE_KEYS: [&str; 4] = ["enabled", "max_file", "max_total", "exclude"];

/// `[offline]`: the service worker's settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OfflineConfig {
    /// Whether the published site installs its service worker (on by default).
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    /// A file larger than this is not kept for offline reading (a video stays online).
    #[serde(default = "default_max_file")]
    pub max_file: Size,
    /// What is kept adds up to at most this; the site's own pages come first.
    #[serde(default = "default_max_total")]
    pub max_total: Size,
    /// Files never kept, as glob patterns of their path in the site (`video/**`, `*.mp4`).
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl Default for OfflineConfig {
    fn default() -> Self {
        OfflineConfig {
            enabled: true,
            max_file: default_max_file(),
            max_total: default_max_total(),
            exclude: Vec::new(),
        }
    }
}

fn enabled_by_default() -> bool {
    true
}

fn default_max_file() -> Size {
    Size(20 * MB)
}

fn default_max_total() -> Size {
    Size(100 * MB)
}

const KB: u64 = 1000;
const MB: u64 = 1000 * KB;
const GB: u64 = 1000 * MB;

/// A number of bytes, read from `"20 MB"` (decimal units: kB, MB, GB; binary ones: KiB, MiB,
/// GiB) or from a plain integer, and shown the decimal way (`20 MB`, `1.5 MB`, `812 kB`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Size(pub u64);

impl Size {
    /// Reads a size as written in `guide.toml`; `None` when it is not one.
    pub fn parse(text: &str) -> Option<Size> {
        let text = text.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let number: f64 = number.parse().ok().filter(|n: &f64| n.is_finite())?;
        let factor = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" | "byte" | "bytes" => 1,
            "kb" => KB,
            "mb" => MB,
            "gb" => GB,
            "kib" => 1 << 10,
            "mib" => 1 << 20,
            "gib" => 1 << 30,
            _ => return None,
        };
        let bytes = number * factor as f64;
        (bytes <= u64::MAX as f64).then(|| Size(bytes.round() as u64))
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.0;
        let (value, unit) = if bytes >= GB {
            (bytes as f64 / GB as f64, "GB")
        } else if bytes >= MB {
            (bytes as f64 / MB as f64, "MB")
        } else if bytes >= KB {
            (bytes as f64 / KB as f64, "kB")
        } else {
            return write!(f, "{bytes} B");
        };
        // One decimal below 10 (`1.5 MB`), none above (`300 MB`); `20.0` is shown as `20`.
        let shown = if value < 10.0 {
            format!("{value:.1}")
        } else {
            format!("{value:.0}")
        };
        write!(f, "{} {unit}", shown.trim_end_matches(".0"))
    }
}

impl Serialize for Size {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

/// The start of the message for a value that is not a size (`keys::toml_diagnostic` gives it
/// its help).
pub(super) const NOT_A_SIZE: &str = "is not a size";

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Bytes(u64),
            Text(String),
        }
        match Written::deserialize(deserializer) {
            Ok(Written::Bytes(bytes)) => Ok(Size(bytes)),
            Ok(Written::Text(text)) => Size::parse(&text)
                .ok_or_else(|| serde::de::Error::custom(format!("`{text}` {NOT_A_SIZE}"))),
            Err(_) => Err(serde::de::Error::custom(format!("this {NOT_A_SIZE}"))),
        }
    }
}

/// The help for a value that is not a size.
pub(super) const SIZE_HELP: &str = "write a number and a unit, such as \"20 MB\", \"500 kB\", \"1.5 GB\" or \"64 MiB\" (or a number of bytes)";

/// A pattern of `exclude` as a glob: one without `/` matches a file's name in any folder (as in
/// `.gitignore`), one with `/` the whole path in the site; `*` stays inside a folder, `**`
/// crosses them.
pub fn exclude_glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    let trimmed = pattern.trim_start_matches('/');
    let whole = if trimmed.contains('/') {
        trimmed.to_string()
    } else {
        format!("**/{trimmed}")
    };
    globset::GlobBuilder::new(&whole)
        .literal_separator(true)
        .build()
}

/// A diagnostic for each pattern of `exclude` that is not a glob.
pub(super) fn exclude_problems(file: &str, text: &str, offline: &OfflineConfig) -> Vec<Diagnostic> {
    offline
        .exclude
        .iter()
        .filter_map(|pattern| {
            let error = exclude_glob(pattern).err()?;
            let span = section_key_span(text, "offline", "exclude");
            Some(
                Diagnostic::error(
                    file,
                    span,
                    format!("`{pattern}` in [offline] exclude is not a pattern: {}", error.kind()),
                )
                .with_help("write glob patterns of paths in the site, e.g. `exclude = [\"video/**\", \"*.mp4\"]`"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_as_people_write_them() {
        for (text, bytes) in [
            ("20 MB", 20_000_000),
            ("20MB", 20_000_000),
            ("1.5 gb", 1_500_000_000),
            ("500 kB", 500_000),
            ("64 MiB", 64 << 20),
            ("2 KiB", 2048),
            ("0", 0),
            ("12 bytes", 12),
        ] {
            assert_eq!(Size::parse(text), Some(Size(bytes)), "{text}");
        }
        for bad in ["", "MB", "20 MQ", "-1 MB", "1e9", "twenty MB", "1.2.3 MB"] {
            assert_eq!(Size::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn sizes_are_shown_in_decimal_units() {
        assert_eq!(Size(20_000_000).to_string(), "20 MB");
        assert_eq!(Size(1_540_000).to_string(), "1.5 MB");
        assert_eq!(Size(812_345).to_string(), "812 kB");
        assert_eq!(Size(300_000_000).to_string(), "300 MB");
        assert_eq!(Size(999).to_string(), "999 B");
        assert_eq!(Size(2_000_000_000).to_string(), "2 GB");
    }

    #[test]
    fn patterns_without_a_slash_match_names_in_any_folder() {
        let matches = |pattern: &str, path: &str| {
            exclude_glob(pattern)
                .expect("a pattern")
                .compile_matcher()
                .is_match(path)
        };
        assert!(matches("*.mp4", "walk.mp4"));
        assert!(matches("*.mp4", "video/deep/walk.mp4"));
        assert!(matches("video/**", "video/deep/walk.mp4"));
        assert!(!matches("video/*", "video/deep/walk.mp4"));
        assert!(matches("/print.html", "print.html"));
        assert!(!matches("print.html", "print.html.bak"));
        assert!(exclude_glob("a[").is_err());
    }
}
