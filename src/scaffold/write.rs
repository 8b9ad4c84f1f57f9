//! Writing a whole new guide at once: every file goes into a staging folder beside the guide's
//! folder, and only a staging folder that is complete takes the guide folder's place. A failure
//! half-way (a file that cannot be read or written, a full disk) leaves no half guide behind.
//!
//! `guidebook init` and `guidebook import` both write through [`write_new_guide`]; what the files
//! say is theirs to decide.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::ScaffoldError;

/// The files of a guide about to be written, each by its path inside the guide folder
/// (`/`-separated: `guide.toml`, `content/01-intro.md`).
#[derive(Debug, Default)]
pub struct NewGuide {
    files: Vec<(String, NewFile)>,
}

/// What one file of a [`NewGuide`] holds.
#[derive(Debug)]
pub enum NewFile {
    /// Text written as it is.
    Text(String),
    /// The bytes of another file, copied when the guide is written.
    CopyOf(PathBuf),
}

impl NewGuide {
    /// Adds a text file.
    pub fn text(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.push((path.into(), NewFile::Text(text.into())));
    }

    /// Adds a file copied from `from`.
    pub fn copy(&mut self, path: impl Into<String>, from: impl Into<PathBuf>) {
        self.files.push((path.into(), NewFile::CopyOf(from.into())));
    }

    /// The files, in the order they were added.
    pub fn files(&self) -> impl Iterator<Item = (&str, &NewFile)> {
        self.files.iter().map(|(path, file)| (path.as_str(), file))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Refuses a folder that exists and holds anything (a hidden file too), or a path that is a file.
pub fn check_new_or_empty(dir: &Path) -> Result<(), ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: dir.to_path_buf(),
        source,
    };
    match fs::symlink_metadata(dir) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(io(error)),
        Ok(metadata) if !metadata.is_dir() => Err(ScaffoldError::NotAFolder(dir.to_path_buf())),
        Ok(_) => match fs::read_dir(dir).map_err(io)?.next() {
            Some(_) => Err(ScaffoldError::NotEmpty(dir.to_path_buf())),
            None => Ok(()),
        },
    }
}

/// Writes `guide` into `dir`, which must be absent or empty. Every file is written into a
/// staging folder beside `dir` first; then the staging folder becomes `dir` (one rename), or,
/// when `dir` is an existing empty folder (perhaps the shell's current folder, which must stay
/// the same folder), its top-level entries move into it. Returns the paths written, in `guide`'s
/// order, under `dir` as given.
pub fn write_new_guide(dir: &Path, guide: &NewGuide) -> Result<Vec<PathBuf>, ScaffoldError> {
    check_new_or_empty(dir)?;
    let given = dir;
    let dir = std::path::absolute(dir).map_err(|source| ScaffoldError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let parent = dir.parent().unwrap_or(Path::new("/")).to_path_buf();
    fs::create_dir_all(&parent).map_err(|source| ScaffoldError::Io {
        path: parent.clone(),
        source,
    })?;
    // The staging folder lives in a private temporary folder (removed with everything in it
    // when this function returns), so a failure leaves nothing; the guide folder inside it is
    // made with the usual permissions.
    let holder = tempfile::Builder::new()
        .prefix(".guidebook-new-")
        .tempdir_in(&parent)
        .map_err(|source| ScaffoldError::Io {
            path: parent.clone(),
            source,
        })?;
    let staging = holder.path().join("guide");
    fs::create_dir(&staging).map_err(|source| ScaffoldError::Io {
        path: staging.clone(),
        source,
    })?;
    for (path, file) in guide.files() {
        write_file(&staging, path, file)?;
    }
    check_new_or_empty(&dir)?;
    move_into_place(&staging, &dir)?;
    Ok(guide.files().map(|(path, _)| given.join(path)).collect())
}

/// Writes one file under `staging`, making its folders.
fn write_file(staging: &Path, path: &str, file: &NewFile) -> Result<(), ScaffoldError> {
    let target = staging.join(path);
    let failed = |source| ScaffoldError::Io {
        path: PathBuf::from(path),
        source,
    };
    if let Some(folder) = target.parent() {
        fs::create_dir_all(folder).map_err(failed)?;
    }
    match file {
        NewFile::Text(text) => fs::write(&target, text).map_err(failed),
        // Copied into a new file rather than with `fs::copy`, which would also copy the
        // permissions: a read-only source must give a file its new owner can edit.
        NewFile::CopyOf(from) => {
            let mut reader = fs::File::open(from).map_err(|source| ScaffoldError::Io {
                path: from.clone(),
                source,
            })?;
            let mut writer = fs::File::create_new(&target).map_err(failed)?;
            io::copy(&mut reader, &mut writer).map(drop).map_err(failed)
        }
    }
}

/// Moves the finished staging folder to `dir`: one rename when `dir` is absent, else each of
/// its entries into the existing empty `dir` (taken back out if one of them fails).
fn move_into_place(staging: &Path, dir: &Path) -> Result<(), ScaffoldError> {
    let failed = |source| ScaffoldError::Io {
        path: dir.to_path_buf(),
        source,
    };
    if !dir.exists() {
        return fs::rename(staging, dir).map_err(failed);
    }
    let entries: Vec<_> = fs::read_dir(staging)
        .map_err(failed)?
        .collect::<Result<_, _>>()
        .map_err(failed)?;
    let mut moved = Vec::new();
    for entry in entries {
        let target = dir.join(entry.file_name());
        if let Err(error) = fs::rename(entry.path(), &target) {
            for (from, to) in moved.iter().rev() {
                let _ = fs::rename(to, from);
            }
            return Err(failed(error));
        }
        moved.push((entry.path(), target));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_folder_gets_every_file_and_no_staging_folder_is_left() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("guide");
        let mut guide = NewGuide::default();
        guide.text("guide.toml", "title = \"x\"\n");
        guide.text("content/deep/er/a.md", "a");
        let written = write_new_guide(&dir, &guide).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(
            fs::read_to_string(dir.join("content/deep/er/a.md")).unwrap(),
            "a"
        );
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the guide is left beside it");
    }

    #[test]
    fn a_file_that_cannot_be_copied_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("guide");
        let mut guide = NewGuide::default();
        guide.text("guide.toml", "title = \"x\"\n");
        guide.copy("content/a.png", tmp.path().join("missing.png"));
        assert!(matches!(
            write_new_guide(&dir, &guide),
            Err(ScaffoldError::Io { .. })
        ));
        assert!(!dir.exists());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_existing_empty_folder_is_kept_and_filled() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("guide");
        fs::create_dir(&dir).unwrap();
        let mut guide = NewGuide::default();
        guide.text("guide.toml", "title = \"x\"\n");
        guide.text("content/a.md", "a");
        write_new_guide(&dir, &guide).unwrap();
        assert!(dir.join("guide.toml").is_file() && dir.join("content/a.md").is_file());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_with_anything_in_it_or_a_file_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join(".hidden"), "").unwrap();
        let guide = NewGuide::default();
        assert!(matches!(
            write_new_guide(tmp.path(), &guide),
            Err(ScaffoldError::NotEmpty(_))
        ));
        assert!(matches!(
            write_new_guide(&tmp.path().join(".hidden"), &guide),
            Err(ScaffoldError::NotAFolder(_))
        ));
    }
}
