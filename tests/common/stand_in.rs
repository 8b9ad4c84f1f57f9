//! Stand-in browsers for `guidebook pdf`: shell scripts that behave as a browser would, written
//! into a test's folder.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Writes an executable shell script at `path`.
pub fn script(path: &Path, body: &str) -> PathBuf {
    fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    path.to_path_buf()
}

/// A browser that writes a tiny PDF wherever `--print-to-pdf=` says.
pub const PRINTING_BROWSER: &str = r#"for arg in "$@"; do
  case "$arg" in --print-to-pdf=*) printf '%%PDF-1.4 stand-in\n' > "${arg#--print-to-pdf=}";; esac
done"#;
