//! Printing the print edition and the handout to PDF with a headless Chromium.
//!
//! The browser is found via `--chrome`, then `GUIDEBOOK_CHROME`, then `chromium`,
//! `chromium-browser`, `google-chrome` on `PATH`; [`browser`] runs it once per print. Each PDF is
//! printed to a temporary file and renamed into place only when complete, so a failure never
//! leaves half a PDF. The guide gets more than one print: Chromium makes its bookmarks from the
//! headings, but cannot number the contents list, so the first print tells on which page each
//! part starts ([`destinations`]) and a copy of print.html with those numbers
//! ([`contents`]) is printed again, until the numbers agree with the print they are in.

mod browser;
mod contents;
mod destinations;
mod process;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

pub use browser::print_limit;
use browser::{Job, Outline, TIMEOUT_VARIABLE, print_once};
pub use destinations::DestinationError;
use destinations::{DestinationPages, destination_pages};

/// Browsers tried on `PATH`, in order.
pub const BROWSER_NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// How many times the guide may be printed with page numbers before the last print is kept as
/// it is. Numbers that make the contents list longer can move the pages after it; a second try
/// settles that, a third is to spare.
const NUMBERED_PRINTS: usize = 3;

/// Why printing failed (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "no Chromium or Chrome found (tried --chrome, GUIDEBOOK_CHROME, then {} on PATH)\n  \
         help: install one, e.g. on Debian or Ubuntu `sudo apt-get install chromium`, or point --chrome at the browser",
        BROWSER_NAMES.join(", ")
    )]
    NotFound,
    #[error(
        "the browser `{}` does not exist or is not a file\n  \
         help: check the path given to --chrome or GUIDEBOOK_CHROME, or install Chromium \
         (on Debian or Ubuntu `sudo apt-get install chromium`) and leave both unset",
        .0.display()
    )]
    BadPath(PathBuf),
    #[error(
        "the browser failed to print {page}: {detail}\n  help: run it by hand to see why: {command}"
    )]
    Failed {
        page: String,
        detail: String,
        command: String,
    },
    #[error("stopped while printing {page}; nothing was left behind")]
    Cancelled { page: String },
    #[error(
        "the browser took longer than {seconds} s to print {page} and was stopped\n  \
         help: a large guide on a slow machine may need longer: set {TIMEOUT_VARIABLE} to the seconds it may take"
    )]
    TimedOut { page: String, seconds: u64 },
    #[error(
        "{TIMEOUT_VARIABLE} is {0:?}, which is no number of seconds\n  help: give a whole number of seconds, such as 300, or leave it unset for 120"
    )]
    BadTimeout(String),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// How the contents list of a printed guide came by its page numbers.
#[derive(Debug)]
pub enum Numbering {
    /// Every part numbered, and the last print found each number right.
    Numbered,
    /// The pages still moved on the last of the `prints` allowed: some numbers may be off.
    Unsettled { prints: usize },
    /// Printed without numbers: the page links to no part of itself, or has no `</head>`.
    NothingToNumber,
    /// Printed without numbers: the browser's PDF could not be read.
    Unreadable(DestinationError),
    /// Numbered from the print before, but the last print could not be read to check them.
    Unchecked(DestinationError),
}

/// Finds the browser to print with.
pub fn find_browser(explicit: Option<&Path>) -> Result<PathBuf, PdfError> {
    let from_env = std::env::var_os("GUIDEBOOK_CHROME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    if let Some(path) = explicit.map(Path::to_path_buf).or(from_env) {
        return if path.is_file() {
            Ok(path)
        } else {
            find_on_path(path.as_os_str()).ok_or(PdfError::BadPath(path))
        };
    }
    BROWSER_NAMES
        .iter()
        .find_map(|name| find_on_path(name.as_ref()))
        .ok_or(PdfError::NotFound)
}

fn find_on_path(name: &std::ffi::OsStr) -> Option<PathBuf> {
    if Path::new(name).components().count() > 1 {
        return None;
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Prints `page` (an HTML file) to `pdf` as it is (the handout). When `cancel` becomes true
/// (Ctrl-C), the browser is stopped and nothing is left behind: no partial PDF, no browser
/// profile.
pub fn print_to_pdf(
    browser: &Path,
    page: &Path,
    pdf: &Path,
    cancel: &AtomicBool,
) -> Result<(), PdfError> {
    let page_name = file_name(page);
    let job = Job {
        browser,
        page,
        page_name: &page_name,
        outline: Outline::None,
    };
    let printed = print_partial(&job, pdf, cancel)?;
    persist(printed, pdf)
}

/// Prints the print edition `page` to `pdf` with bookmarks from its headings and page numbers
/// in its contents list, printing it again as often as the numbers need (see the module's
/// documentation). Stopping and failures leave nothing behind, as [`print_to_pdf`].
pub fn print_guide(
    browser: &Path,
    page: &Path,
    pdf: &Path,
    cancel: &AtomicBool,
) -> Result<Numbering, PdfError> {
    let page_name = file_name(page);
    let job = Job {
        browser,
        page,
        page_name: &page_name,
        outline: Outline::FromHeadings,
    };
    let mut printed = print_partial(&job, pdf, cancel)?;
    log::debug!("{page_name}: printed to find where its parts start");
    let mut pages = match read_destinations(&printed) {
        Ok(pages) if pages.is_empty() => {
            return persist(printed, pdf).map(|()| Numbering::NothingToNumber);
        }
        Ok(pages) => pages,
        Err(error) => return persist(printed, pdf).map(|()| Numbering::Unreadable(error)),
    };
    let html = fs::read_to_string(page).map_err(io_error(page))?;
    let mut numbering = Numbering::NothingToNumber;
    for _ in 0..NUMBERED_PRINTS {
        let Some(numbered) = contents::numbered_copy(&html, &pages) else {
            break;
        };
        // Beside print.html, so that the copy finds the same stylesheet and pictures.
        let copy = tempfile::Builder::new()
            .prefix(".guidebook-print-")
            .suffix(".html")
            .tempfile_in(parent(page))
            .map_err(io_error(parent(page)))?;
        fs::write(copy.path(), numbered).map_err(io_error(copy.path()))?;
        let copy_job = Job {
            page: copy.path(),
            ..job
        };
        printed = print_partial(&copy_job, pdf, cancel)?;
        log::debug!("{page_name}: printed with the page numbers of the print before");
        match read_destinations(&printed) {
            Ok(found) if found == pages => {
                numbering = Numbering::Numbered;
                break;
            }
            Ok(found) => {
                pages = found;
                numbering = Numbering::Unsettled {
                    prints: NUMBERED_PRINTS + 1,
                };
            }
            Err(error) => {
                numbering = Numbering::Unchecked(error);
                break;
            }
        }
    }
    persist(printed, pdf)?;
    Ok(numbering)
}

/// Prints `job` into a new temporary file beside `pdf`, removed unless it is persisted.
fn print_partial(
    job: &Job<'_>,
    pdf: &Path,
    cancel: &AtomicBool,
) -> Result<tempfile::NamedTempFile, PdfError> {
    let folder = parent(pdf);
    let mut partial = tempfile::Builder::new();
    partial.prefix(".guidebook-pdf-").suffix(".pdf");
    // A PDF gets the permissions of every other file of the site (read for all, before the
    // umask), not the owner-only ones of a temporary file.
    #[cfg(unix)]
    partial.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let partial = partial.tempfile_in(folder).map_err(io_error(folder))?;
    print_once(job, partial.path(), cancel)?;
    Ok(partial)
}

fn read_destinations(
    printed: &tempfile::NamedTempFile,
) -> Result<DestinationPages, DestinationError> {
    let bytes = fs::read(printed.path()).map_err(|_| DestinationError::Unreadable)?;
    destination_pages(&bytes)
}

fn persist(printed: tempfile::NamedTempFile, pdf: &Path) -> Result<(), PdfError> {
    printed.persist(pdf).map_err(|error| PdfError::Io {
        path: pdf.to_path_buf(),
        source: error.error,
    })?;
    Ok(())
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> PdfError {
    let path = path.to_path_buf();
    move |source| PdfError::Io { path, source }
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_explicit_browser_is_reported() {
        let error = find_browser(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert!(matches!(error, PdfError::BadPath(_)));
    }
}
