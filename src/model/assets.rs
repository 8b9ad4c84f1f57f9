//! Checks of the files beside the lessons, as the loader measured them: files large enough to
//! slow a page down on a phone, and images whose header gives a size no picture can have (a
//! side of 0, of more than [`MAX_IMAGE_SIDE`] pixels, or not a number), which pages then show
//! without a width and height rather than invisible or absurdly large.

use crate::diagnostics::Diagnostic;
use crate::load::assets::MAX_IMAGE_SIDE;
use crate::load::{Asset, CONTENT_DIR};

/// Files this large make pages slow to load on a phone: worth a second look.
const LARGE_ASSET: u64 = 2 * 1024 * 1024;

/// A warning for each large file and each image with a size no picture can have.
pub(super) fn asset_problems(assets: &[Asset]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for asset in assets {
        let file = format!("{CONTENT_DIR}/{}", asset.content_path);
        if let Some(size) = &asset.implausible_size {
            problems.push(
                Diagnostic::warning(&file, 0..0, format!("this image's header gives it a size of {size} pixels"))
                    .with_label("no width or height written for it")
                    .with_help(format!("a picture is 1 to {MAX_IMAGE_SIDE} pixels a side: open it in an image editor and save it again, or replace it")),
            );
        }
        if asset.size > LARGE_ASSET {
            let megabytes = asset.size as f64 / (1024.0 * 1024.0);
            problems.push(
                Diagnostic::warning(file, 0..0, format!("this file is large ({megabytes:.1} MB)"))
                    .with_help("readers on a phone download it whole: shrink images (e.g. to 1600 px wide, WebP or JPEG) or link large files from elsewhere"),
            );
        }
    }
    problems
}
