//! `guidebook serve`: a live preview. The guide is built into memory (never over `site/`),
//! served over HTTP, and rebuilt when a file changes: only changed files are read and parsed
//! again, only pages whose inputs changed are rendered again, and open browsers are told to
//! reload once the new version is completely in place. A failed build keeps the last good site
//! and shows the errors in an overlay; the server never stops on bad content.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::broadcast;

use crate::diagnostics::{Diagnostic, Sources, render_to_string};
use crate::load::{
    CONFIG_FILE, CONTENT_DIR, LoadError, LoadedGuide, THEMES_DIR, load_guide, reload_guide,
};
use crate::model::Guide;
use crate::render::{Site, page_url};
use crate::{BuildCache, BuildOptions, build_loaded};

/// `println!` for the preview's progress: a closed stdout (`guidebook serve | head -1`, to read
/// the address) must not stop the server.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod listen;
pub mod reload;
pub mod server;
pub mod watch;

use reload::{Message, overlay_errors};
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
        .build()?;
    runtime.block_on(run(options))
}

async fn run(mut options: ServeOptions) -> Result<(), ServeError> {
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
    say!("Serving {} at {url}", root.display());
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {} — anyone on your network can read this preview; use --bind 127.0.0.1 to keep it private",
            options.bind
        );
    }
    say!("Watching for changes; press Ctrl-C to stop.");
    if options.open && opener::open_browser(&url).is_err() {
        eprintln!("warning: could not open a browser; open {url} yourself");
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
    say!("Stopped.");
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

/// Keeps the last build and turns batches of changed paths into new versions of the site.
struct Rebuilder {
    root: PathBuf,
    options: BuildOptions,
    shared: Arc<Shared>,
    loaded: LoadedGuide,
    cache: BuildCache,
    /// The last good guide, to tell where removed pages went.
    guide: Option<Guide>,
    session: String,
    generation: u64,
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
            guide: None,
            session: format!("{:x}", started.as_millis()),
            generation: 0,
        }
    }

    fn next_version(&mut self) -> String {
        self.generation += 1;
        format!("{}-{}", self.session, self.generation)
    }

    fn initial_build(&mut self) {
        let started = Instant::now();
        let build = build_loaded(&self.loaded, &self.options, &mut self.cache);
        match build.site {
            Some(site) => {
                say!(
                    "Built {} lessons in {} ms",
                    build.guide.lessons.len(),
                    started.elapsed().as_millis()
                );
                print_warnings(&build.diagnostics, &build.sources);
                self.publish(site, build.guide);
            }
            None => self.publish_errors(&build.diagnostics, &build.sources),
        }
    }

    fn run(mut self, changes: Receiver<Vec<PathBuf>>, mut watcher: watch::WatchGuard) {
        while let Ok(mut paths) = changes.recv() {
            // Fold batches that arrived while the last build ran into this one.
            while let Ok(more) = changes.recv_timeout(Duration::from_millis(5)) {
                paths.extend(more);
            }
            for folder in [CONTENT_DIR, THEMES_DIR] {
                let path = self.root.join(folder);
                if paths.contains(&path) && path.is_dir() {
                    watcher.watch_new_folder(&path);
                }
            }
            self.rebuild(&paths);
        }
    }

    fn rebuild(&mut self, paths: &[PathBuf]) {
        let started = Instant::now();
        let loaded = match reload_guide(&self.root, &self.loaded, paths) {
            Ok(loaded) => loaded,
            Err(error) => {
                // guide.toml deleted or the folder made unreadable: shown like any other error.
                let problem = Diagnostic::error(CONFIG_FILE, 0..0, error.to_string())
                    .with_help("put guide.toml back (or fix the folder's permissions); the last good version is still served");
                self.publish_errors(&[problem], &Sources::default());
                return;
            }
        };
        self.loaded = loaded;
        let build = build_loaded(&self.loaded, &self.options, &mut self.cache);
        match build.site {
            Some(site) => {
                let summary = self.publish(site, build.guide);
                print_warnings(&build.diagnostics, &build.sources);
                say!("Rebuilt in {} ms: {summary}", started.elapsed().as_millis());
            }
            None => self.publish_errors(&build.diagnostics, &build.sources),
        }
    }

    /// Puts a good build in place and tells the browsers what changed.
    fn publish(&mut self, site: Site, guide: Guide) -> String {
        let previous = self.shared.current();
        let changed: Vec<String> = site
            .files
            .iter()
            .filter(|(path, bytes)| {
                previous.files.get(*path).map(|old| old.as_slice()) != Some(bytes.as_slice())
            })
            .map(|(path, _)| path.clone())
            .chain(
                (site.copies.iter())
                    .filter(|(path, asset)| previous.copies.get(*path) != Some(*asset))
                    .map(|(path, _)| path.clone()),
            )
            .collect();
        let moved = moved_pages(&previous.files, &site, self.guide.as_ref(), &guide);
        let was_failing = matches!(previous.state, Some(Message::Errors { .. }));
        if changed.is_empty() && moved.is_empty() && !was_failing && self.generation > 0 {
            return "no change".to_string();
        }
        let css_only =
            !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css")) && !was_failing;
        let version = self.next_version();
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
        let files = site
            .files
            .into_iter()
            .map(|(path, bytes)| (path, Arc::new(bytes)))
            .collect();
        self.shared.replace(Snapshot {
            version,
            files,
            copies: site.copies,
            state: Some(message.clone()),
        });
        let _ = self.shared.messages.send(message);
        self.guide = Some(guide);
        format!(
            "{} file{} changed",
            changed.len(),
            if changed.len() == 1 { "" } else { "s" }
        )
    }

    /// Keeps the last good site and shows the errors in the console and the browsers.
    fn publish_errors(&mut self, diagnostics: &[Diagnostic], sources: &Sources) {
        eprint!("{}", render_to_string(diagnostics, sources));
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("error: the guide has {errors} error(s); still serving the last good version");
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
            files: current.files.clone(),
            copies: current.copies.clone(),
            state: Some(message.clone()),
        });
        let _ = self.shared.messages.send(message);
    }
}

fn print_warnings(diagnostics: &[Diagnostic], sources: &Sources) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_to_string(diagnostics, sources));
    }
}

/// Pages that disappeared -> where their readers should go: the lesson or reference page from
/// the same file (it was renamed or re-slugged), else the one with the same title, else the
/// home page.
fn moved_pages(
    old_site: &HashMap<String, Arc<Vec<u8>>>,
    new_site: &Site,
    old: Option<&Guide>,
    new: &Guide,
) -> Vec<(String, String)> {
    let Some(old) = old else { return Vec::new() };
    let new_by_file: HashMap<&str, &str> = named_pages(new)
        .map(|(file, _, slug)| (file, slug))
        .collect();
    let new_by_title: HashMap<&str, &str> = named_pages(new)
        .map(|(_, title, slug)| (title, slug))
        .collect();
    let mut moved = Vec::new();
    let mut old_pages: Vec<&String> = old_site.keys().collect();
    old_pages.sort();
    for path in old_pages
        .into_iter()
        .filter(|p| p.ends_with(".html") && !new_site.files.contains_key(*p))
    {
        let target = named_pages(old)
            .find(|(_, _, slug)| page_url(slug) == *path)
            .and_then(|(file, title, _)| new_by_file.get(file).or_else(|| new_by_title.get(title)))
            .map_or_else(|| page_url("index"), |slug| page_url(slug));
        moved.push((path.clone(), target));
    }
    moved
}

/// Every lesson and reference page of `guide` as (file, title, slug).
fn named_pages(guide: &Guide) -> impl Iterator<Item = (&str, &str, &str)> {
    let lessons = (guide.lessons.iter()).map(|l| {
        (
            l.source.file.as_str(),
            l.source.title.as_str(),
            l.source.slug.as_str(),
        )
    });
    let pages = (guide.pages.iter()).map(|p| (p.file.as_str(), p.title.as_str(), p.slug.as_str()));
    lessons.chain(pages)
}
