//! One run of headless Chromium that prints one HTML file to one PDF file: the flags a
//! locked-down machine needs (no sandbox as root, no first-run, no background networking, no
//! header or footer of its own), a private profile removed afterwards, a time limit, and Ctrl-C
//! (the process itself is watched by [`super::process`]).
//! Where the PDF goes, and what becomes of it, is the caller's business.

use std::ffi::OsString;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::PdfError;
use super::process::{Ended, run_watched};

/// How long one page may take to print, unless `GUIDEBOOK_PDF_TIMEOUT` gives other seconds.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// The variable that sets how many seconds one print may take.
pub const TIMEOUT_VARIABLE: &str = "GUIDEBOOK_PDF_TIMEOUT";

/// How long one page may take to print: [`TIMEOUT_VARIABLE`] seconds (a whole number from 1
/// on), or [`PRINT_TIMEOUT`] when it is unset or empty.
pub fn print_limit() -> Result<Duration, PdfError> {
    let Some(value) = std::env::var_os(TIMEOUT_VARIABLE).filter(|v| !v.is_empty()) else {
        return Ok(PRINT_TIMEOUT);
    };
    match value.to_str().and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(seconds @ 1..) => Ok(Duration::from_secs(seconds)),
        _ => Err(PdfError::BadTimeout(value.to_string_lossy().into_owned())),
    }
}

/// What to ask of the browser besides printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outline {
    /// PDF bookmarks made from the page's headings.
    FromHeadings,
    None,
}

/// One page to print: the HTML file the browser opens, and the name that messages give it (a
/// temporary copy is still called after the page it copies).
pub(super) struct Job<'a> {
    pub browser: &'a Path,
    pub page: &'a Path,
    pub page_name: &'a str,
    pub outline: Outline,
}

/// Prints `job` to `pdf` (which the caller has made, empty), checking that what the browser
/// wrote is a PDF. When `cancel` becomes true the browser is stopped.
pub(super) fn print_once(job: &Job<'_>, pdf: &Path, cancel: &AtomicBool) -> Result<(), PdfError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PdfError::Io { path, source }
    };
    let profile = tempfile::Builder::new()
        .prefix("guidebook-chromium-")
        .tempdir()
        .map_err(io(Path::new("temporary browser profile")))?;
    let page_url = file_url(&job.page.canonicalize().map_err(io(job.page))?);
    let args = arguments(job.outline, profile.path(), pdf, page_url);
    let command_line = format!(
        "{} {}",
        job.browser.display(),
        args.iter()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let failed = |detail: String| PdfError::Failed {
        page: job.page_name.to_string(),
        detail,
        command: command_line.clone(),
    };
    let limit = print_limit()?;
    let mut command = Command::new(job.browser);
    command.args(&args);
    let (status, detail) = match run_watched(command, limit, cancel) {
        Err(error) => return Err(failed(error.to_string())),
        Ok(Ended::Exited { status, stderr }) => (status, stderr),
        Ok(Ended::TimedOut) => {
            return Err(PdfError::TimedOut {
                page: job.page_name.to_string(),
                seconds: limit.as_secs(),
            });
        }
        Ok(Ended::Cancelled) => {
            return Err(PdfError::Cancelled {
                page: job.page_name.to_string(),
            });
        }
    };
    let mut head = [0u8; 4];
    let is_pdf = fs::File::open(pdf)
        .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut head))
        .is_ok()
        && &head == b"%PDF";
    if status.success() && is_pdf {
        return Ok(());
    }
    let what = if status.success() {
        "the browser exited without writing a PDF".to_string()
    } else {
        format!("the browser stopped ({status})")
    };
    Err(failed(if detail.is_empty() {
        what
    } else {
        format!("{what}: {detail}")
    }))
}

/// The browser's command line: flags, the profile, the PDF to write, and last the page's URL.
fn arguments(outline: Outline, profile: &Path, pdf: &Path, page_url: String) -> Vec<OsString> {
    let mut args: Vec<OsString> = [
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-dev-shm-usage",
        "--no-pdf-header-footer",
        "--print-to-pdf-no-header",
        "--run-all-compositor-stages-before-draw",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    if outline == Outline::FromHeadings {
        // Bookmarks from the headings, h1 to h6 (a Chromium without the switch ignores it).
        args.push("--generate-pdf-document-outline".into());
    }
    if is_root() {
        args.push("--no-sandbox".into());
    }
    let mut profile_arg = OsString::from("--user-data-dir=");
    profile_arg.push(profile);
    args.push(profile_arg);
    let mut output_arg = OsString::from("--print-to-pdf=");
    output_arg.push(pdf);
    args.push(output_arg);
    args.push(page_url.into());
    args
}

/// What a `file://` URL keeps unescaped: letters, digits and `/ - _ . ~`.
const URL_PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A `file://` URL for an absolute path.
fn file_url(path: &Path) -> String {
    format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(&path.to_string_lossy(), URL_PATH)
    )
}

#[cfg(target_os = "linux")]
fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

#[cfg(not(target_os = "linux"))]
fn is_root() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_spaces_and_non_ascii() {
        assert_eq!(
            file_url(Path::new("/tmp/my guide/print.html")),
            "file:///tmp/my%20guide/print.html"
        );
        assert_eq!(
            file_url(Path::new("/tmp/é.html")),
            "file:///tmp/%C3%A9.html"
        );
    }

    #[test]
    fn only_the_guide_asks_for_an_outline() {
        let args = |outline| {
            arguments(
                outline,
                Path::new("/p"),
                Path::new("/o.pdf"),
                "file:///x".into(),
            )
        };
        let flag = OsString::from("--generate-pdf-document-outline");
        assert!(args(Outline::FromHeadings).contains(&flag));
        assert!(!args(Outline::None).contains(&flag));
        assert_eq!(
            args(Outline::None).last(),
            Some(&OsString::from("file:///x"))
        );
    }
}
