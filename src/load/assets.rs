//! The files beside the lessons (images, audio, PDFs, worksheets): every file under `content/`
//! that is not a lesson, the introduction or the gear catalogue. They are not read here, only
//! measured: their size, and for images their width and height from the file's header (no
//! decoding), so pages can reserve the room an image takes before it loads.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One file beside the lessons, copied into the site at the same path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path relative to `content/`, `/`-separated: also its path in the site.
    pub content_path: String,
    /// Where it is on disk, to copy it from.
    pub source: PathBuf,
    pub size: u64,
    /// When the file last changed, so the preview can tell an edited picture.
    pub modified: Option<std::time::SystemTime>,
    /// Width and height in pixels, for the images whose header says (and says a size an image
    /// can have: see [`plausible_side`]).
    pub dimensions: Option<(u32, u32)>,
    /// The width and height an image's header gives when they cannot be right (a side of 0, of
    /// more than [`MAX_IMAGE_SIDE`] pixels, or not a number), as words for a warning
    /// (`0 x 0`); the page then gets no size for it.
    pub implausible_size: Option<String>,
}

/// The most pixels a side of a picture is taken to have: a header or attribute that says more
/// is wrong, and a page that reserved that room would be mostly empty.
pub const MAX_IMAGE_SIDE: u32 = 100_000;

/// A side of a picture as written into a page, when `pixels` is one a picture can have: 1 to
/// [`MAX_IMAGE_SIDE`] once rounded.
pub fn plausible_side(pixels: f64) -> Option<u32> {
    let rounded = pixels.round();
    (rounded >= 1.0 && rounded <= f64::from(MAX_IMAGE_SIDE)).then_some(rounded as u32)
}

/// How much of an SVG file is read to find its size (its root element comes first).
const SVG_HEAD: u64 = 16 * 1024;

/// Whether a file under `content/` is an editor's backup, swap or lock file, or an operating
/// system's folder metadata, rather than a file of the guide.
pub fn is_editor_or_system_file(name: &str) -> bool {
    name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [
            ".swp",
            ".swo",
            ".swx",
            ".bak",
            ".orig",
            ".tmp",
            ".crdownload",
            ".part",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
        || ["Thumbs.db", "desktop.ini", "Icon\r"].contains(&name)
}

/// Measures the asset at `source` (`content_path` inside `content/`). `None` when the file
/// cannot be read.
pub fn measure_asset(source: &Path, content_path: &str) -> Option<Asset> {
    let metadata = std::fs::metadata(source).ok()?;
    let extension = content_path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    let header = match extension.as_deref() {
        Some("svg") => svg_size(source),
        Some("png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "bmp" | "ico" | "tif" | "tiff") => {
            imagesize::size(source)
                .ok()
                .map(|s| (s.width as f64, s.height as f64))
        }
        _ => None,
    };
    let dimensions =
        header.and_then(|(width, height)| Some((plausible_side(width)?, plausible_side(height)?)));
    Some(Asset {
        content_path: content_path.to_string(),
        source: source.to_path_buf(),
        size: metadata.len(),
        modified: metadata.modified().ok(),
        dimensions,
        implausible_size: (header.filter(|_| dimensions.is_none()))
            .map(|(width, height)| format!("{} x {}", side_text(width), side_text(height))),
    })
}

/// A side as a header gives it, for a message.
fn side_text(pixels: f64) -> String {
    if pixels.is_finite() {
        pixels.to_string()
    } else {
        "infinite".to_string()
    }
}

/// An SVG's size from its root element: `width` and `height` in pixels (or without a unit), else
/// the `viewBox`'s, as written (rounded and checked by the caller).
fn svg_size(source: &Path) -> Option<(f64, f64)> {
    let mut head = String::new();
    std::fs::File::open(source)
        .ok()?
        .take(SVG_HEAD)
        .read_to_string(&mut head)
        .ok()?;
    let start = head.find("<svg")?;
    let end = start + head[start..].find('>')?;
    svg_root_size(&head[start..end])
}

fn svg_root_size(tag: &str) -> Option<(f64, f64)> {
    let pixels = |name: &str| {
        let value = attribute(tag, name)?;
        let number = value.trim().strip_suffix("px").unwrap_or(value.trim());
        number.parse::<f64>().ok().filter(|n| *n > 0.0)
    };
    if let (Some(width), Some(height)) = (pixels("width"), pixels("height")) {
        return Some((width, height));
    }
    let view_box = attribute(tag, "viewBox")?;
    let numbers: Vec<f64> = view_box
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match numbers[..] {
        [_, _, width, height] if width > 0.0 && height > 0.0 => Some((width, height)),
        _ => None,
    }
}

/// The value of attribute `name` in a tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut search = 0;
    while let Some(found) = tag[search..].find(name) {
        let at = search + found;
        search = at + name.len();
        let before_ok = tag[..at].ends_with(char::is_whitespace);
        let rest = tag[search..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let inner = &value[1..];
        return inner.find(quote).map(|end| &inner[..end]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_from_attributes_or_view_box() {
        assert_eq!(
            svg_root_size("<svg xmlns=\"x\" width=\"640\" height=\"400px\""),
            Some((640.0, 400.0))
        );
        assert_eq!(
            svg_root_size("<svg viewBox='0 0 120.4 80'"),
            Some((120.4, 80.0))
        );
        assert_eq!(
            svg_root_size("<svg width=\"100%\" height=\"100%\" viewBox=\"0,0,30,20\""),
            Some((30.0, 20.0))
        );
        assert_eq!(
            svg_root_size("<svg width=\"1e309\" height=\"10\""),
            Some((f64::INFINITY, 10.0))
        );
        assert_eq!(svg_root_size("<svg stroke-width=\"3\""), None);
    }

    #[test]
    fn only_sides_a_picture_can_have_are_written() {
        assert_eq!(plausible_side(120.4), Some(120));
        assert_eq!(plausible_side(0.4), None);
        assert_eq!(plausible_side(0.0), None);
        assert_eq!(plausible_side(4_294_967_295.0), None);
        assert_eq!(plausible_side(f64::INFINITY), None);
        assert_eq!(plausible_side(f64::NAN), None);
        assert_eq!(plausible_side(100_000.0), Some(100_000));
    }

    #[test]
    fn backups_and_system_files_are_not_assets() {
        for name in ["lesson.md~", "#fit.md#", "a.swp", "Thumbs.db", "x.bak"] {
            assert!(is_editor_or_system_file(name), "{name}");
        }
        for name in ["strap.jpg", "worksheet.pdf", "notes.txt"] {
            assert!(!is_editor_or_system_file(name), "{name}");
        }
    }
}
