//! Reading offline: the service worker `sw.js`, made after every other file of the site from
//! the list of what the build wrote ([`record`]).
//!
//! With `[offline]` on, the worker keeps the site's files in the reader's browser after the
//! first visit, so that the whole guide opens without a network: the pages and scripts first,
//! then the pictures, then other files, each within `max_file`, all within `max_total`, none
//! that `exclude` names ([`plan`]). Its list gives each file a digest of its bytes, and its
//! cache is named by a digest of that list: a new build is a new worker, which fetches only the
//! files that changed and drops the old cache. Without `[offline]`, and always in the preview,
//! `sw.js` is a worker that removes itself and what an earlier one kept, so that a reader's
//! browser never keeps serving a site that has stopped keeping itself (or a preview that
//! reuses the address of a published guide). The page side (registering, telling the reader)
//! is the theme's `offline.js`.

use std::fmt;
use std::io::Read;

use globset::GlobSet;
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use crate::markdown::files::encode_path;
use crate::model::config::{OfflineConfig, Size, exclude_glob};

pub mod record;

pub use record::{Content, Recorder, Written};

/// Where the worker is: at the site's root, so that its scope is the whole site, every
/// language's folder included.
pub const WORKER_PATH: &str = "sw.js";

/// The worker of a site that keeps nothing offline (and of the preview).
pub const UNREGISTERING_WORKER: &str = include_str!("unregister.js");

/// The worker that keeps the site, after its list of files.
const KEEPING_WORKER: &str = include_str!("worker.js");

/// Files of the site a reader never opens, so never kept.
const NEVER_KEPT: [&str; 1] = ["sitemap.xml"];

/// What the build kept for offline reading, and what it left out and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineReport {
    /// The files kept, in the order they were chosen.
    pub kept: Vec<KeptFile>,
    pub left_out: Vec<LeftOut>,
    /// What the kept files add up to.
    pub size: Size,
    pub max_file: Size,
    pub max_total: Size,
}

/// A file the worker keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptFile {
    pub path: String,
    pub size: u64,
    /// A digest of its bytes, as 16 hex digits.
    pub version: String,
}

/// A file not kept for offline reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub path: String,
    pub size: Size,
    pub reason: Reason,
}

/// Why a file is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A pattern of `exclude` names it.
    Excluded(String),
    /// It is larger than `max_file`.
    LargerThanMaxFile(Size),
    /// Keeping it would pass `max_total`.
    PastMaxTotal(Size),
    /// It could no longer be read to be digested.
    Unreadable,
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): ", self.path, self.size)?;
        match &self.reason {
            Reason::Excluded(pattern) => write!(f, "[offline] exclude has `{pattern}`"),
            Reason::LargerThanMaxFile(cap) => write!(f, "larger than [offline] max_file ({cap})"),
            Reason::PastMaxTotal(cap) => {
                write!(f, "everything kept would pass [offline] max_total ({cap})")
            }
            Reason::Unreadable => write!(f, "it could not be read"),
        }
    }
}

/// Which files to keep, in the order they are chosen: the files the build made (pages,
/// scripts, the theme) before the files copied from `content/`, pictures before other files,
/// each group by path. What `exclude` names, what is larger than `max_file` and what would
/// take the whole past `max_total` is left out.
pub fn plan<'a>(
    written: &'a [Written],
    config: &OfflineConfig,
) -> (Vec<&'a Written>, Vec<LeftOut>) {
    let excluded = exclude_set(config);
    let mut candidates: Vec<&'a Written> = (written.iter())
        .filter(|file| !NEVER_KEPT.contains(&file.path.as_str()) && file.path != WORKER_PATH)
        .collect();
    candidates.sort_by(|a, b| (rank(a), &a.path).cmp(&(rank(b), &b.path)));
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    let mut total = 0_u64;
    for file in candidates {
        let reason = if let Some(&index) = excluded.matches(&file.path).first() {
            Some(Reason::Excluded(
                config.exclude.get(index).cloned().unwrap_or_default(),
            ))
        } else if file.size > config.max_file.0 {
            Some(Reason::LargerThanMaxFile(config.max_file))
        } else if total.saturating_add(file.size) > config.max_total.0 {
            Some(Reason::PastMaxTotal(config.max_total))
        } else {
            None
        };
        match reason {
            Some(reason) => left_out.push(LeftOut {
                path: file.path.clone(),
                size: Size(file.size),
                reason,
            }),
            None => {
                total += file.size;
                kept.push(file);
            }
        }
    }
    (kept, left_out)
}

/// The patterns of `exclude` (checked when `guide.toml` was read; one that does not compile
/// is skipped).
fn exclude_set(config: &OfflineConfig) -> GlobSet {
    let mut set = globset::GlobSetBuilder::new();
    for pattern in &config.exclude {
        // Always add, so that a match's index is the pattern's; an empty glob matches nothing.
        let glob = exclude_glob(pattern)
            .or_else(|_| globset::Glob::new("{}"))
            .ok();
        if let Some(glob) = glob {
            set.add(glob);
        }
    }
    set.build().unwrap_or_else(|_| GlobSet::empty())
}

/// The build's own files first, then pictures, then other files from `content/`.
fn rank(file: &Written) -> u8 {
    const PICTURES: [&str; 9] = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "ico",
    ];
    match &file.content {
        Content::Made(_) => 0,
        Content::Copied(_) => {
            let extension = (file.path.rsplit_once('.'))
                .map(|(_, e)| e.to_ascii_lowercase())
                .unwrap_or_default();
            if PICTURES.contains(&extension.as_str()) {
                1
            } else {
                2
            }
        }
    }
}

/// What to keep, each with the digest of its bytes (files copied from `content/` are read for
/// it, in parallel), and the report of what was kept and left out.
pub fn offline_report(written: &[Written], config: &OfflineConfig) -> OfflineReport {
    let (chosen, mut left_out) = plan(written, config);
    let digested: Vec<Result<KeptFile, LeftOut>> = (chosen.par_iter())
        .map(|file| {
            let digest = match file.content {
                Content::Made(digest) => Some(digest),
                Content::Copied(ref source) => digest_file(source),
            };
            match digest {
                Some(digest) => Ok(KeptFile {
                    path: file.path.clone(),
                    size: file.size,
                    version: format!("{digest:016x}"),
                }),
                None => Err(LeftOut {
                    path: file.path.clone(),
                    size: Size(file.size),
                    reason: Reason::Unreadable,
                }),
            }
        })
        .collect();
    let mut kept = Vec::with_capacity(digested.len());
    for outcome in digested {
        match outcome {
            Ok(file) => kept.push(file),
            Err(problem) => left_out.push(problem),
        }
    }
    let size = Size(kept.iter().map(|file| file.size).sum());
    OfflineReport {
        kept,
        left_out,
        size,
        max_file: config.max_file,
        max_total: config.max_total,
    }
}

/// The digest of a file's bytes, read in pieces.
fn digest_file(path: &std::path::Path) -> Option<u64> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut state = Xxh3::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        let read = file.read(&mut buffer).ok()?;
        if read == 0 {
            return Some(state.digest());
        }
        state.update(buffer.get(..read)?);
    }
}

/// The worker that keeps `kept`: its list (each file's address relative to the worker, and its
/// digest), the name of its cache (a digest of the list), then the script.
pub fn keeping_worker(kept: &[KeptFile]) -> String {
    let mut digest = Xxh3::new();
    for file in kept {
        digest.update(file.path.as_bytes());
        digest.update(&[0]);
        digest.update(file.version.as_bytes());
        digest.update(&[0]);
    }
    let mut out = String::with_capacity(64 * kept.len() + KEEPING_WORKER.len() + 200);
    out.push_str("// Made by guidebook build: the files this guide keeps for reading offline.\n");
    out.push_str("var OFFLINE = {\n");
    out.push_str(&format!(
        "  \"version\": \"{:032x}\",\n",
        digest.digest128()
    ));
    out.push_str("  \"files\": [\n");
    for (index, file) in kept.iter().enumerate() {
        let address = serde_json::to_string(&encode_path(&file.path)).unwrap_or_default();
        let comma = if index + 1 < kept.len() { "," } else { "" };
        out.push_str(&format!("    [{address}, \"{}\"]{comma}\n", file.version));
    }
    out.push_str("  ]\n};\n");
    out.push_str(KEEPING_WORKER);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(path: &str, size: u64) -> Written {
        Written {
            path: path.to_string(),
            size,
            content: Content::Made(size),
        }
    }

    fn copied(path: &str, size: u64) -> Written {
        Written {
            path: path.to_string(),
            size,
            content: Content::Copied(path.into()),
        }
    }

    fn paths<'a>(files: impl IntoIterator<Item = &'a &'a Written>) -> Vec<&'a str> {
        files.into_iter().map(|f| f.path.as_str()).collect()
    }

    #[test]
    fn pages_come_first_then_pictures_then_other_files() {
        let written = [
            copied("sheets/plan.pdf", 10),
            copied("img/z.png", 10),
            made("index.html", 10),
            copied("img/a.svg", 10),
            made("assets/guidebook.css", 10),
            made("sitemap.xml", 10),
        ];
        let (kept, left_out) = plan(&written, &OfflineConfig::default());
        assert_eq!(
            paths(&kept),
            [
                "assets/guidebook.css",
                "index.html",
                "img/a.svg",
                "img/z.png",
                "sheets/plan.pdf"
            ]
        );
        assert!(
            left_out.is_empty(),
            "the sitemap is simply not a reader's file"
        );
    }

    #[test]
    fn each_cap_and_pattern_leaves_files_out_with_its_reason() {
        let config = OfflineConfig {
            max_file: Size(100),
            max_total: Size(250),
            exclude: vec!["*.mp3".to_string()],
            ..OfflineConfig::default()
        };
        let written = [
            made("index.html", 90),
            made("lesson.html", 90),
            copied("video/walk.mp4", 300_000_000),
            copied("audio/click.mp3", 5),
            copied("img/a.png", 60),
            copied("img/b.png", 60),
            copied("notes.txt", 10),
        ];
        let (kept, left_out) = plan(&written, &config);
        assert_eq!(
            paths(&kept),
            ["index.html", "lesson.html", "img/a.png", "notes.txt"]
        );
        let lines: Vec<String> = left_out.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "img/b.png (60 B): everything kept would pass [offline] max_total (250 B)",
                "audio/click.mp3 (5 B): [offline] exclude has `*.mp3`",
                "video/walk.mp4 (300 MB): larger than [offline] max_file (100 B)",
            ]
        );
    }

    #[test]
    fn the_worker_lists_addresses_and_is_named_by_its_list() {
        let file = |path: &str, version: &str| KeptFile {
            path: path.to_string(),
            size: 1,
            version: version.to_string(),
        };
        let one = keeping_worker(&[file("index.html", "01"), file("img/my cat.png", "02")]);
        assert!(
            one.contains("    [\"index.html\", \"01\"],\n    [\"img/my%20cat.png\", \"02\"]\n")
        );
        let same = keeping_worker(&[file("index.html", "01"), file("img/my cat.png", "02")]);
        assert_eq!(one, same);
        let changed = keeping_worker(&[file("index.html", "03"), file("img/my cat.png", "02")]);
        let version = |script: &str| script.lines().nth(2).unwrap_or_default().to_string();
        assert_ne!(
            version(&one),
            version(&changed),
            "a changed file is a new cache"
        );
    }
}
