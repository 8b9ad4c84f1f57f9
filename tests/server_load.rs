//! Load on the preview server: 200 keep-alive clients, 20 live-reload listeners and 10 clients that
//! send half a request and stall, while a lesson is edited every half second. Nothing may fail,
//! every listener must hear about the last edit, stalled clients must not hold anyone up, and
//! memory must come back down. The numbers are printed for the manual's "Reliability" page. Clients
//! speak through the shared client (`common::http`); only the stalled ones are raw sockets.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::http::Client;
use common::*;

const KEEP_ALIVE_CLIENTS: usize = 200;
const SSE_CLIENTS: usize = 20;
const STALLED_CLIENTS: usize = 10;
const LOAD: Duration = Duration::from_secs(10);
const EDIT_EVERY: Duration = Duration::from_millis(500);
/// The lesson that is edited, and its page.
const EDITED: &str = "content/03-make-it-familiar.md";
const EDITED_PAGE: &str = "/make-it-familiar.html";
/// Pages the clients ask for, round robin.
const PAGES: [&str; 8] = [
    "/",
    "/index.html",
    EDITED_PAGE,
    "/choose-the-gear.html",
    "/fit-the-harness.html",
    "/gear.html",
    "/assets/guidebook.css",
    "/assets/guidebook.js",
];

/// `guidebook serve` on a copy of the sample guide; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    guide: PathBuf,
    _workspace: Workspace,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start() -> Server {
        let workspace = copy_sample_guide();
        let guide = workspace.guide.clone();
        let mut child = guidebook_command(&["serve", guide.to_str().unwrap(), "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the guidebook binary runs");
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        // Drain stderr so the server never blocks on a full pipe.
        thread::spawn(move || {
            let _ = std::io::copy(&mut BufReader::new(stderr), &mut std::io::sink());
        });
        let (port_sender, port_receiver) = std::sync::mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.strip_prefix("Serving ")
                    && let Some((_, url)) = rest.rsplit_once(" at http://127.0.0.1:")
                {
                    let port: u16 = url.trim_end_matches('/').parse().unwrap();
                    let _ = port_sender.send(port);
                    break;
                }
            }
            for _ in lines {}
        });
        let port = port_receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the server printed its address");
        Server {
            child,
            port,
            guide,
            _workspace: workspace,
        }
    }

    /// A client with a connection of its own.
    fn client(&self) -> Client {
        Client::new(self.port)
    }

    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc/<pid>/status")
    }
}

/// The `data-version` of the live-reload script injected into a served page.
fn page_version(body: &str) -> Option<String> {
    let at = body.rfind("data-version=\"")? + "data-version=\"".len();
    Some(body[at..].split('"').next()?.to_string())
}

/// What one live-reload listener heard: (type, version) of every message, in order.
type Heard = Arc<Mutex<Vec<(String, String)>>>;

/// Listens on the event stream, on a thread of its own, until the stream ends.
fn listen(server: &Server, heard: Heard) {
    let client = server.client();
    thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let Ok(stream) = client.open_events(&[]) else {
                return;
            };
            assert_eq!(stream.status, 200, "event stream status");
            for event in stream.events {
                let Ok(event) = event else { return };
                let message: serde_json::Value =
                    serde_json::from_str(&event.data).expect("messages are JSON");
                let kind = message["type"].as_str().unwrap_or("").to_string();
                let version = message["version"].as_str().unwrap_or("").to_string();
                heard.lock().unwrap().push((kind, version));
            }
        })
        .unwrap();
}

#[test]
fn the_preview_server_under_load_loses_nothing() {
    let test_started = Instant::now();
    let server = Server::start();
    let edited = server.guide.join(EDITED);

    // Warm-up: every page once on a few connections, then the memory baseline.
    for _ in 0..4 {
        let client = server.client();
        for page in PAGES {
            assert_eq!(client.get(page).status, 200, "{page}");
        }
    }
    let first_version = page_version(&server.client().get(EDITED_PAGE).text()).expect("a version");
    thread::sleep(Duration::from_millis(300));
    let rss_baseline = server.rss_kb();

    // Listeners and stalled clients first, then the load.
    let listeners: Vec<Heard> = (0..SSE_CLIENTS)
        .map(|_| {
            let heard: Heard = Arc::default();
            listen(&server, Arc::clone(&heard));
            heard
        })
        .collect();
    // Half a request and then silence is what no HTTP client sends: raw sockets.
    let stalled: Vec<TcpStream> = (0..STALLED_CLIENTS)
        .map(|i| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            let half = if i % 2 == 0 {
                "GET /index.ht"
            } else {
                "GET / HTTP/1.1\r\nHost: 127"
            };
            stream.write_all(half.as_bytes()).unwrap();
            stream
        })
        .collect();

    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicU64::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let failures: Arc<Mutex<Vec<String>>> = Arc::default();
    let load_started = Instant::now();
    let workers: Vec<_> = (0..KEEP_ALIVE_CLIENTS)
        .map(|i| {
            let stop = Arc::clone(&stop);
            let served = Arc::clone(&served);
            let bytes = Arc::clone(&bytes);
            let failures = Arc::clone(&failures);
            let client = server.client();
            thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    let mut n = i;
                    while !stop.load(Ordering::Relaxed) {
                        let page = PAGES[n % PAGES.len()];
                        n += 1;
                        match client.try_get(page, &[]) {
                            Ok(response) if response.status == 200 && !response.body.is_empty() => {
                                let body = response.body;
                                if page.ends_with(".html") || page == "/" {
                                    let text = String::from_utf8_lossy(&body);
                                    if !text.trim_end().ends_with("</html>") {
                                        failures
                                            .lock()
                                            .unwrap()
                                            .push(format!("{page}: incomplete page"));
                                    }
                                }
                                served.fetch_add(1, Ordering::Relaxed);
                                bytes.fetch_add(body.len() as u64, Ordering::Relaxed);
                            }
                            Ok(response) => {
                                failures.lock().unwrap().push(format!(
                                    "{page}: status {}, {} bytes",
                                    response.status,
                                    response.body.len()
                                ));
                            }
                            Err(error) => {
                                failures.lock().unwrap().push(format!("{page}: {error}"));
                                return;
                            }
                        }
                    }
                })
                .unwrap()
        })
        .collect();

    // A fresh connection (a new client) now and then: stalled clients must not hold it up.
    let probe_latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let prober = {
        let stop = Arc::clone(&stop);
        let latencies = Arc::clone(&probe_latencies);
        let failures = Arc::clone(&failures);
        let port = server.port;
        thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                match Client::new(port).try_get("/404-probe", &[]) {
                    Ok(response) if response.status == 404 => {
                        latencies.lock().unwrap().push(started.elapsed())
                    }
                    other => failures
                        .lock()
                        .unwrap()
                        .push(format!("probe: {:?}", other.map(|r| r.status))),
                }
                thread::sleep(Duration::from_millis(250));
            }
        })
    };

    // The editor: a unique line every half second.
    let mut edits = 0;
    let mut next_edit = Instant::now();
    while load_started.elapsed() < LOAD {
        if Instant::now() >= next_edit {
            edits += 1;
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(&edited)
                .unwrap();
            writeln!(file, "\nEdit number {edits}: token-{edits}-end.").unwrap();
            next_edit += EDIT_EVERY;
        }
        thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().unwrap();
    }
    prober.join().unwrap();
    let load_time = load_started.elapsed();
    let served = served.load(Ordering::Relaxed);
    let bytes = bytes.load(Ordering::Relaxed);

    // The last edit's version: the page that shows it carries it.
    let last_token = format!("token-{edits}-end");
    let deadline = Instant::now() + Duration::from_secs(5);
    let last_version = loop {
        let page = server.client().get(EDITED_PAGE);
        assert_eq!(page.status, 200);
        let text = page.text();
        if text.contains(&last_token) {
            break page_version(&text).expect("a version");
        }
        assert!(
            Instant::now() < deadline,
            "the last edit ({last_token}) was not served within 5 s"
        );
        thread::sleep(Duration::from_millis(50));
    };
    assert_ne!(last_version, first_version);

    // Every listener hears a reload after the first edit, and the last version.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let missing: Vec<usize> = listeners
            .iter()
            .enumerate()
            .filter(|(_, heard)| {
                !heard
                    .lock()
                    .unwrap()
                    .iter()
                    .any(|(kind, version)| kind == "reload" && *version == last_version)
            })
            .map(|(i, _)| i)
            .collect();
        if missing.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "listeners {missing:?} never heard the last version {last_version}: {:?}",
            listeners[missing[0]].lock().unwrap()
        );
        thread::sleep(Duration::from_millis(50));
    }
    let mut reloads_heard = Vec::new();
    for heard in &listeners {
        let heard = heard.lock().unwrap();
        let reloads = heard
            .iter()
            .filter(|(kind, version)| kind == "reload" && *version != first_version)
            .count();
        assert!(reloads >= 1, "a listener heard no reload: {heard:?}");
        assert!(
            heard.iter().all(|(kind, _)| kind == "reload"),
            "valid edits made an error message: {heard:?}"
        );
        reloads_heard.push(reloads);
    }

    // Stalled clients: still connected (or closed by the server), never answered as if whole.
    for mut stream in stalled {
        stream
            .set_read_timeout(Some(Duration::from_millis(10)))
            .unwrap();
        let mut buffer = [0; 64];
        if let Ok(n) = stream.read(&mut buffer) {
            let answer = String::from_utf8_lossy(&buffer[..n]);
            assert!(
                n == 0 || !answer.starts_with("HTTP/1.1 200"),
                "a half request was answered: {answer}"
            );
        }
    }

    // Memory after the load, and once it has settled. The listeners are still connected: a
    // stream that a ureq reader is blocked on cannot be hung up from another thread, so their
    // threads end when the server stops, at the end of the test.
    let rss_after = server.rss_kb();
    thread::sleep(Duration::from_secs(2));
    let rss_settled = server.rss_kb();

    let failures = failures.lock().unwrap();
    let latencies = probe_latencies.lock().unwrap();
    let slowest_probe = latencies.iter().max().copied().unwrap_or_default();
    eprintln!(
        "load: {served} requests ({} MB) in {load_time:.1?} = {:.0} req/s over {KEEP_ALIVE_CLIENTS} \
         keep-alive connections, {SSE_CLIENTS} live-reload listeners, {STALLED_CLIENTS} stalled clients; \
         {edits} edits, each listener heard {}..{} reloads; fresh-connection probes: {} (slowest {slowest_probe:.1?}); \
         RSS baseline {} MB, after load {} MB, settled {} MB; whole test {:.1?}",
        bytes / 1_000_000,
        served as f64 / load_time.as_secs_f64(),
        reloads_heard.iter().min().unwrap(),
        reloads_heard.iter().max().unwrap(),
        latencies.len(),
        rss_baseline / 1024,
        rss_after / 1024,
        rss_settled / 1024,
        test_started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} failed requests, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
    assert!(served > 0);
    assert!(
        latencies.len() >= 10,
        "only {} fresh connections were answered in {load_time:?}",
        latencies.len()
    );
    assert!(
        slowest_probe < Duration::from_secs(5),
        "a fresh connection waited {slowest_probe:?}"
    );
    assert!(
        rss_settled <= rss_baseline + 30 * 1024,
        "memory grew from {} MB to {} MB under load and stayed there",
        rss_baseline / 1024,
        rss_settled / 1024
    );
}
