//! `guidebook serve`: a live preview. The guide is checked in memory (never written over
//! `site/`), served over HTTP, and checked again when a file changes: only changed files are read
//! and parsed again, only changed bodies rendered again. Pages are rendered when a browser asks
//! for one and kept by fingerprint, so an edit costs the same in a guide of any size; open
//! browsers are told to reload the pages whose content changed once the new version is in
//! place. A failed check keeps the last good site and shows the errors in an overlay; the server
//! never stops on bad content.

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::broadcast;

use crate::diagnostics::{Diagnostic, Sources, Tally, printable_path, render_to_string};
use crate::load::{
    CONFIG_FILE, CONTENT_DIR, LoadError, LoadedGuide, THEMES_DIR, changed_files, load_guide,
    reload_guide,
};
use crate::render::on_request::{PageStore, Parts, SiteOnRequest};
use crate::render::summaries::SummaryCache;
use crate::{BuildCache, BuildOptions, prepare_loaded, sort_diagnostics};

mod files;
mod listen;
mod moved;
pub mod reload;
mod report;
pub mod server;
pub mod watch;

use reload::{Message, overlay_errors};
use report::{Rebuilt, failing_line};
use server::{Shared, Snapshot};

/// How to run the preview.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    /// Poll the file system instead of waiting for its events (network and VM shares).
    pub poll: bool,
    /// What to build, as for `guidebook build`.
    pub build: BuildOptions,
}

/// Why the preview could not start (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("cannot listen on {address}: {source}{hint}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
        hint: &'static str,
    },
    #[error("cannot watch the guide for changes: {0}")]
    Watch(#[from] notify::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Runs the preview until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Pages are rendered on blocking threads; a few are enough, and each costs memory.
        .max_blocking_threads(8)
        .build()?;
    runtime.block_on(run(options))
}

async fn run(mut options: ServeOptions) -> Result<(), ServeError> {
    // A preview never keeps itself offline: a stale page must never be shown.
    options.build.render.preview = true;
    // Watch events carry absolute paths; compare them with an absolute root.
    options.root = options
        .root
        .canonicalize()
        .map_err(|source| LoadError::Io {
            path: options.root.clone(),
            source,
        })?;
    let root = options.root.clone();
    let loaded = load_guide(&root)?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|source| ServeError::Bind {
            address,
            hint: if source.kind() == std::io::ErrorKind::AddrInUse {
                " (the port is in use: pick another with --port, or --port 0 for any free one)"
            } else {
                ""
            },
            source,
        })?;
    let local = listener.local_addr()?;
    let (messages, _) = broadcast::channel(64);
    let (stop_sender, stop_receiver) = tokio::sync::watch::channel(false);
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(Snapshot::default())),
        store: PageStore::new(STORE_BYTES),
        messages,
        shutdown: stop_receiver,
        allowed_hosts: allowed_hosts(options.bind),
    });

    let mut rebuilder = Rebuilder::new(&options, loaded, Arc::clone(&shared));
    rebuilder.initial_build();

    let (change_sender, changes) = mpsc::channel();
    let watcher = watch::watch_guide(&root, options.poll, change_sender)?;
    std::thread::Builder::new()
        .name("guidebook-rebuild".to_string())
        .spawn(move || rebuilder.run(changes, watcher))?;

    let url = format!("http://{}/", display_address(local));
    crate::say!("Serving {} at {url}", printable_path(&root));
    if !options.bind.is_loopback() {
        crate::tell!(
            "warning: listening on {} — anyone on your network can read this preview; use --bind 127.0.0.1 to keep it private",
            options.bind
        );
    }
    crate::say!("Watching for changes; press Ctrl-C to stop.");
    if options.open && opener::open_browser(&url).is_err() {
        crate::tell!("warning: could not open a browser; open {url} yourself");
    }
    let app = server::router(Arc::clone(&shared));
    listen::serve_until(listener, app, async move {
        let _ = tokio::signal::ctrl_c().await;
        // A second Ctrl-C does not wait for the connections to close.
        tokio::spawn(async {
            let _ = tokio::signal::ctrl_c().await;
            std::process::exit(130);
        });
        let _ = stop_sender.send(true);
    })
    .await;
    crate::say!("Stopped.");
    Ok(())
}

fn display_address(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{}", address.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{}", address.port()),
        _ => address.to_string(),
    }
}

/// Host names requests may use: the bound address, loopback names, and, when listening on every
/// interface, any IP address (never a DNS name, which is what rebinding attacks rely on).
fn allowed_hosts(bind: IpAddr) -> Vec<String> {
    let mut hosts = vec!["127.0.0.1".to_string(), "::1".to_string(), bind.to_string()];
    if bind.is_unspecified() {
        hosts.push("*ip".to_string());
    }
    hosts
}

/// How many bytes of rendered pages the preview keeps (the pages most recently rendered).
const STORE_BYTES: usize = 192 * 1024 * 1024;
/// Up to this many lessons, a new version also renders the print edition before it is served,
/// so that an error in its template shows at once (larger guides render it when it is opened).
const PROBE_PRINT_LESSONS: usize = 500;

/// Keeps the last build and turns batches of changed paths into new versions of the site.
struct Rebuilder {
    root: PathBuf,
    options: BuildOptions,
    shared: Arc<Shared>,
    loaded: LoadedGuide,
    cache: BuildCache,
    /// The lessons' summaries of the last version, one cache per language.
    summaries: Vec<SummaryCache>,
    session: String,
    generation: u64,
    /// The templates the last probe found working.
    probed_templates: Option<u64>,
    /// Why the guide could not be read again at the last change (guide.toml or a folder gone),
    /// until it can: told once, and the next good read rebuilds even with no file changed.
    load_error: Option<String>,
}

impl Rebuilder {
    fn new(options: &ServeOptions, loaded: LoadedGuide, shared: Arc<Shared>) -> Self {
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Rebuilder {
            root: options.root.clone(),
            options: options.build.clone(),
            shared,
            loaded,
            cache: BuildCache::enabled(),
            summaries: Vec::new(),
            session: format!("{:x}", started.as_millis()),
            generation: 0,
            probed_templates: None,
            load_error: None,
        }
    }

    fn next_version(&mut self) -> String {
        self.generation += 1;
        format!("{}-{}", self.session, self.generation)
    }

    fn initial_build(&mut self) {
        let started = Instant::now();
        if let Some(site) = self.check() {
            let lessons = site.guide().lessons.len();
            crate::say!(
                "Checked {lessons} lesson{} in {} ms (pages are rendered when opened)",
                if lessons == 1 { "" } else { "s" },
                started.elapsed().as_millis()
            );
            self.publish(site);
        }
    }

    /// Checks the loaded guide and prepares a version whose pages render on request; prints the
    /// warnings. A guide with errors (a template's included) shows them and gives `None`.
    fn check(&mut self) -> Option<SiteOnRequest> {
        let started = Instant::now();
        let mut prepared = prepare_loaded(&self.loaded, &self.options, &mut self.cache);
        log::debug!("serve: checked in {:?}", started.elapsed());
        let good = prepared.is_good();
        let theme = prepared.theme.take();
        let (Some(theme), true) = (theme, good) else {
            sort_diagnostics(&mut prepared.diagnostics);
            let sources = prepared.sources(&self.loaded);
            self.publish_errors(&prepared.diagnostics, &sources);
            return None;
        };
        // The sources first: they are taken only while there are diagnostics to show.
        let sources = prepared.sources(&self.loaded);
        let warnings = std::mem::take(&mut prepared.diagnostics);
        let site = SiteOnRequest::new(
            Parts {
                guide: prepared.guide,
                bodies: prepared.bodies,
                theme,
                highlights: prepared.highlights,
                options: self.options.render.clone(),
            },
            &mut self.summaries,
        );
        log::debug!("serve: pages listed at {:?}", started.elapsed());
        // A changed template may fail: try one page of each kind before serving it. Templates
        // that worked before keep working on the pages they made.
        let templates = site.templates_fingerprint();
        let problems = if self.probed_templates == Some(templates) {
            Vec::new()
        } else {
            site.probe(&self.shared.store, PROBE_PRINT_LESSONS)
        };
        self.probed_templates = problems.is_empty().then_some(templates);
        if !problems.is_empty() {
            let mut sources = sources;
            sources.extend(site.template_sources());
            self.publish_errors(&problems, &sources);
            return None;
        }
        print_warnings(&warnings, &sources);
        Some(site)
    }

    /// The files the Markdown includes from outside `content/` and `themes/`, which the watcher
    /// must also follow.
    fn included_elsewhere(&self) -> HashSet<PathBuf> {
        (self.loaded.includes.files.keys())
            .filter(|path| {
                ![CONTENT_DIR, THEMES_DIR]
                    .iter()
                    .any(|folder| path.starts_with(&format!("{folder}/")))
            })
            .map(|path| self.root.join(path))
            .collect()
    }

    fn run(mut self, changes: Receiver<Vec<PathBuf>>, mut watcher: watch::WatchGuard) {
        watcher.watch_included(self.included_elsewhere());
        while let Ok(mut paths) = changes.recv() {
            // Fold batches that arrived while the last build ran into this one (the debouncer
            // has already gathered each burst of an editor's events into one).
            while let Ok(more) = changes.try_recv() {
                paths.extend(more);
            }
            for folder in [CONTENT_DIR, THEMES_DIR] {
                let path = self.root.join(folder);
                if paths.contains(&path) && path.is_dir() {
                    watcher.watch_new_folder(&path);
                }
            }
            self.rebuild(&paths);
            watcher.watch_included(self.included_elsewhere());
        }
    }

    fn rebuild(&mut self, paths: &[PathBuf]) {
        let started = Instant::now();
        let reloaded = reload_guide(&self.root, &self.loaded, paths);
        log::debug!("serve: files read again in {:?}", started.elapsed());
        let loaded = match reloaded {
            Ok(loaded) => loaded,
            Err(error) => {
                // guide.toml deleted or the folder made unreadable: shown like any other error,
                // once however many events the change made.
                let message = error.to_string();
                if self.load_error.as_ref() != Some(&message) {
                    let problem = Diagnostic::error(CONFIG_FILE, 0..0, message.clone())
                        .with_help("put guide.toml back (or fix the folder's permissions); the last good version is still served");
                    self.publish_errors(&[problem], &Sources::default());
                    self.load_error = Some(message);
                }
                return;
            }
        };
        // Events that changed no file (a save of the same text, a temporary file come and
        // gone) change nothing: nothing to check or to tell.
        let files = changed_files(&self.loaded, &loaded);
        let recovered = self.load_error.take().is_some();
        self.loaded = loaded;
        if files.is_empty() && !recovered {
            log::debug!("serve: no file changed");
            return;
        }
        let was_failing = self.is_failing();
        if let Some(site) = self.check() {
            let pages = self.publish(site);
            let rebuilt = Rebuilt {
                millis: started.elapsed().as_millis(),
                files,
                pages,
                good_again: was_failing,
            };
            crate::say!("{}", rebuilt.line());
        }
    }

    /// Whether the browsers are shown errors rather than the last version.
    fn is_failing(&self) -> bool {
        matches!(self.shared.current().state, Some(Message::Errors { .. }))
    }

    /// Puts a good version in place and tells the browsers what changed; gives how many pages
    /// look different.
    fn publish(&mut self, site: SiteOnRequest) -> usize {
        let previous = self.shared.current();
        let (changed, moved) = match &previous.site {
            Some(old) => (site.changed_since(old), moved::moved_pages(old, &site)),
            None => (Vec::new(), Vec::new()),
        };
        let was_failing = matches!(previous.state, Some(Message::Errors { .. }));
        if changed.is_empty() && moved.is_empty() && !was_failing && self.generation > 0 {
            return 0;
        }
        let css_only =
            !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css")) && !was_failing;
        let version = self.next_version();
        let pages = changed.len() + moved.len();
        let everything = was_failing || self.generation == 1 || changed.len() > 200;
        let message = Message::Reload {
            version: version.clone(),
            css_only,
            everything,
            changed: if everything {
                Vec::new()
            } else {
                changed.clone()
            },
            moved,
        };
        self.shared.replace(Snapshot {
            version,
            site: Some(Arc::new(site)),
            state: Some(message.clone()),
        });
        let _ = self.shared.messages.send(message);
        pages
    }

    /// Keeps the last good site and shows the errors in the console and the browsers.
    fn publish_errors(&mut self, diagnostics: &[Diagnostic], sources: &Sources) {
        crate::tell_partly!("{}", render_to_string(diagnostics, sources));
        crate::tell!("{}", failing_line(Tally::of(diagnostics)));
        let current = self.shared.current();
        let version = if current.version.is_empty() {
            self.next_version()
        } else {
            current.version.clone()
        };
        let message = Message::Errors {
            version: version.clone(),
            errors: overlay_errors(diagnostics, sources),
        };
        self.shared.replace(Snapshot {
            version,
            site: current.site.clone(),
            state: Some(message.clone()),
        });
        let _ = self.shared.messages.send(message);
    }
}

fn print_warnings(diagnostics: &[Diagnostic], sources: &Sources) {
    if !diagnostics.is_empty() {
        crate::tell_partly!("{}", render_to_string(diagnostics, sources));
    }
}
