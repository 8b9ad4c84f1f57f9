//! Printing the print edition and the handout to PDF with a headless Chromium.
//!
//! The browser is found via `--chrome`, then `GUIDEBOOK_CHROME`, then `chromium`,
//! `chromium-browser`, `google-chrome` on `PATH`. It runs with the flags a locked-down machine
//! needs (no sandbox as root, no first-run, no background networking, no header or footer of its
//! own) and a private profile, under a time limit. Each PDF is printed to a temporary file and
//! renamed into place only when complete, so a failure never leaves half a PDF.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Browsers tried on `PATH`, in order.
pub const BROWSER_NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];
/// How long one page may take to print.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

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
    #[error("the browser took longer than {} s to print {page} and was stopped", PRINT_TIMEOUT.as_secs())]
    TimedOut { page: String },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
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

/// Prints `page` (an HTML file) to `pdf`. When `cancel` becomes true (Ctrl-C), the browser is
/// stopped and nothing is left behind: no partial PDF, no browser profile.
pub fn print_to_pdf(
    browser: &Path,
    page: &Path,
    pdf: &Path,
    cancel: &AtomicBool,
) -> Result<(), PdfError> {
    let page_name = page
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PdfError::Io { path, source }
    };
    let folder = pdf.parent().unwrap_or(Path::new("."));
    let profile = tempfile::Builder::new()
        .prefix("guidebook-chromium-")
        .tempdir()
        .map_err(io(Path::new("temporary browser profile")))?;
    let mut partial = tempfile::Builder::new();
    partial.prefix(".guidebook-pdf-").suffix(".pdf");
    // A PDF gets the permissions of every other file of the site (read for all, before the
    // umask), not the owner-only ones of a temporary file.
    #[cfg(unix)]
    partial.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let partial = partial.tempfile_in(folder).map_err(io(folder))?;
    let page_url = file_url(&page.canonicalize().map_err(io(page))?);
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
    if is_root() {
        args.push("--no-sandbox".into());
    }
    let mut profile_arg = OsString::from("--user-data-dir=");
    profile_arg.push(profile.path());
    args.push(profile_arg);
    let mut output_arg = OsString::from("--print-to-pdf=");
    output_arg.push(partial.path());
    args.push(output_arg);
    args.push(page_url.into());
    let command_line = format!(
        "{} {}",
        browser.display(),
        args.iter()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut child = Command::new(browser)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| PdfError::Failed {
            page: page_name.clone(),
            detail: error.to_string(),
            command: command_line.clone(),
        })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::TimedOut { page: page_name });
            }
            Ok(None) if cancel.load(Ordering::SeqCst) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Cancelled { page: page_name });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => return Err(io(browser)(error)),
        }
    };
    let printed = fs::read(partial.path()).unwrap_or_default();
    if !status.success() || !printed.starts_with(b"%PDF") {
        let mut detail = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            use std::io::Read;
            let _ = stderr.read_to_string(&mut detail);
        }
        let detail = detail.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
        let what = if status.success() {
            "the browser exited without writing a PDF".to_string()
        } else {
            format!("the browser stopped ({status})")
        };
        return Err(PdfError::Failed {
            page: page_name,
            detail: if detail.is_empty() {
                what
            } else {
                format!("{what}: {detail}")
            },
            command: command_line,
        });
    }
    partial.persist(pdf).map_err(|error| PdfError::Io {
        path: pdf.to_path_buf(),
        source: error.error,
    })?;
    Ok(())
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
    fn a_missing_explicit_browser_is_reported() {
        let error = find_browser(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert!(matches!(error, PdfError::BadPath(_)));
    }
}
