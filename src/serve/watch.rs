//! Watching the guide for changes: `guide.toml`, `content/` and `themes/`, through notify and
//! its debouncer, which folds the bursts editors make (write-temp-then-rename, delete and
//! recreate) into one batch of paths. Editor swap, backup and temp files are ignored. Files the
//! Markdown includes from elsewhere in the guide (`listings/hello.rs`) are watched too, through
//! their folders, as the rebuilder names them ([`WatchGuard::watch_included`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use crate::load::{CONFIG_FILE, CONTENT_DIR, THEMES_DIR};

/// How long the debouncer waits for an editor's burst of events to settle.
const DEBOUNCE: Duration = Duration::from_millis(20);
/// How often the polling watcher looks at the files (`--poll`).
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// Keeps the watcher alive; dropping it stops watching.
pub struct WatchGuard {
    debouncer: Backend,
    /// The included files outside `content/` and `themes/` whose changes count.
    included: Arc<RwLock<HashSet<PathBuf>>>,
    /// The folders watched for them.
    folders: HashSet<PathBuf>,
}

enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// Starts watching the guide at `root`; each batch of relevant changed paths is sent to `changes`.
pub fn watch_guide(
    root: &Path,
    poll: bool,
    changes: Sender<Vec<PathBuf>>,
) -> notify::Result<WatchGuard> {
    let filter_root = root.to_path_buf();
    let included: Arc<RwLock<HashSet<PathBuf>>> = Arc::default();
    let included_files = Arc::clone(&included);
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        // Reading a file is an event too (open, close); only changes count, or every rebuild's
        // own reads would start the next one.
        let mut paths: Vec<PathBuf> = events
            .into_iter()
            .filter(|event| !matches!(event.event.kind, EventKind::Access(_)))
            .flat_map(|event| event.event.paths)
            .filter(|path| {
                is_relevant(&filter_root, path)
                    || included_files
                        .read()
                        .is_ok_and(|files| files.contains(path))
            })
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            let _ = changes.send(paths);
        }
    };
    let debouncer = if poll {
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        Backend::Poll(new_debouncer_opt::<_, PollWatcher, NoCache>(
            DEBOUNCE, None, handler, NoCache, config,
        )?)
    } else {
        Backend::Native(new_debouncer(DEBOUNCE, None, handler)?)
    };
    let mut guard = WatchGuard {
        debouncer,
        included,
        folders: HashSet::new(),
    };
    // The root itself is watched without recursion, so `site/` and other folders are never
    // watched; `content/` and `themes/` are watched in depth once they exist.
    guard.watch(root, RecursiveMode::NonRecursive)?;
    for folder in [CONTENT_DIR, THEMES_DIR] {
        let path = root.join(folder);
        if path.is_dir() {
            guard.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(guard)
}

impl WatchGuard {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.debouncer {
            Backend::Native(debouncer) => debouncer.watch(path, mode),
            Backend::Poll(debouncer) => debouncer.watch(path, mode),
        }
    }

    /// Watches `files` (included files outside `content/` and `themes/`, missing ones too, so
    /// that creating one is noticed) through the folders that hold them; the files of earlier
    /// calls no longer count unless named again.
    pub fn watch_included(&mut self, files: HashSet<PathBuf>) {
        for file in &files {
            let Some(folder) = file.parent() else {
                continue;
            };
            if folder.is_dir()
                && !self.folders.contains(folder)
                && self.watch(folder, RecursiveMode::NonRecursive).is_ok()
            {
                self.folders.insert(folder.to_path_buf());
            }
        }
        if let Ok(mut included) = self.included.write() {
            *included = files;
        }
    }

    /// Starts watching a folder that appeared after the server started (`content/`, `themes/`).
    pub fn watch_new_folder(&mut self, path: &Path) {
        let _ = self.watch(path, RecursiveMode::Recursive);
    }
}

/// Whether a changed path can affect the site.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    let in_guide = first == CONFIG_FILE || first == CONTENT_DIR || first == THEMES_DIR;
    in_guide
        && !relative
            .file_name()
            .is_some_and(|name| is_editor_litter(&name.to_string_lossy()))
}

/// Swap, backup and temporary files that editors write next to the real one.
pub fn is_editor_litter(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".swpx",
            ".tmp",
            ".bak",
            ".bck",
            ".kate-swp",
            ".orig",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_litter_is_ignored() {
        for name in [
            ".01-fit.md.swp",
            "01-fit.md~",
            "4913",
            ".#01-fit.md",
            "#01-fit.md#",
            "01-fit.md___jb_tmp___",
            "01-fit.md.kate-swp",
            "01-fit.md.bck",
        ] {
            assert!(is_editor_litter(name), "{name}");
        }
        assert!(!is_editor_litter("01-fit.md"));
        assert!(!is_editor_litter("gear.yaml"));
    }

    #[test]
    fn only_guide_files_are_relevant() {
        let root = Path::new("/g");
        assert!(is_relevant(root, Path::new("/g/content/a.md")));
        assert!(is_relevant(root, Path::new("/g/guide.toml")));
        assert!(is_relevant(
            root,
            Path::new("/g/themes/default/static/guidebook.css")
        ));
        assert!(is_relevant(root, Path::new("/g/content")));
        assert!(!is_relevant(root, Path::new("/g/site/index.html")));
        assert!(!is_relevant(root, Path::new("/g/content/.a.md.swp")));
        assert!(!is_relevant(root, Path::new("/elsewhere/content/a.md")));
    }
}
