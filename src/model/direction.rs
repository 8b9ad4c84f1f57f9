//! Which way a guide's language is written: right to left for Arabic, Hebrew, Persian, Urdu and
//! the other languages written in their scripts, left to right for every other language. The
//! theme mirrors its layout by it (`site.dir`), and the diagrams drawn at build time mirror
//! themselves.

use serde::Serialize;

/// The direction of a guide's text, `"ltr"` or `"rtl"` in templates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// Primary language subtags of the languages written right to left (`iw` is Hebrew's former
/// code, still sent by some systems).
const RIGHT_TO_LEFT: [&str; 12] = [
    "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr",
];

impl Direction {
    /// The direction of the language `tag` (`guide.toml`'s `language`, such as `ar` or `fa-IR`),
    /// by its primary subtag, in any case; `_` is taken for `-`, as in `ar_EG`.
    pub fn of_language(tag: &str) -> Direction {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if RIGHT_TO_LEFT
            .iter()
            .any(|rtl| rtl.eq_ignore_ascii_case(primary))
        {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Direction::Rtl
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_written_right_to_left_by_their_primary_subtag() {
        for tag in [
            "ar", "AR", "ar-EG", "ar_SA", "he", "iw", "fa-IR", "ur", "yi", "ps", "sd", "ug", "dv",
            "ckb", "ckb-IQ", "syr", " he ",
        ] {
            assert_eq!(Direction::of_language(tag), Direction::Rtl, "{tag}");
        }
    }

    #[test]
    fn every_other_language_left_to_right() {
        // Primary subtags that merely start like a right-to-left one, or hold one further on.
        for tag in [
            "en", "fr-CA", "ja", "", "-", "arn", "hea", "f", "far", "en-ar", "zh-Hant", "kur", "ck",
        ] {
            assert_eq!(Direction::of_language(tag), Direction::Ltr, "{tag}");
        }
    }

    #[test]
    fn templates_see_ltr_or_rtl() {
        assert_eq!(serde_json::to_string(&Direction::Rtl).unwrap(), "\"rtl\"");
        assert_eq!(serde_json::to_string(&Direction::Ltr).unwrap(), "\"ltr\"");
    }
}
