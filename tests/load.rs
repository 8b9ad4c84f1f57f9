//! Load on the preview server: 200 keep-alive clients, 20 live-reload listeners and 10 clients
//! that send half a request and stall, while a lesson is edited every half second. Nothing may
//! fail, every listener must hear about the last edit, stalled clients must not hold anyone up,
//! and memory must come back down. The numbers are printed for the README.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

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

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.set_nodelay(true).unwrap();
        stream
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

/// One keep-alive HTTP/1.1 connection.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    host: String,
}

impl Connection {
    fn open(server: &Server) -> Connection {
        let stream = server.connect();
        Connection {
            writer: stream.try_clone().unwrap(),
            reader: BufReader::with_capacity(64 * 1024, stream),
            host: format!("127.0.0.1:{}", server.port),
        }
    }

    /// GET `path`: (status, body), reading exactly the response (Content-Length or chunked).
    fn get(&mut self, path: &str) -> Result<(u16, Vec<u8>), String> {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host);
        self.writer
            .write_all(request.as_bytes())
            .map_err(|e| format!("write: {e}"))?;
        let (status, headers) = read_head(&mut self.reader)?;
        let body = if let Some(length) = header(&headers, "content-length") {
            let length: usize = length.parse().map_err(|_| "bad Content-Length")?;
            let mut body = vec![0; length];
            self.reader
                .read_exact(&mut body)
                .map_err(|e| format!("body of {path} ({length} bytes): {e}"))?;
            body
        } else if header(&headers, "transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            let mut body = Vec::new();
            while let Some(chunk) = read_chunk(&mut self.reader)? {
                body.extend(chunk);
            }
            body
        } else {
            return Err(format!("{path}: neither Content-Length nor chunked"));
        };
        Ok((status, body))
    }
}

/// Status code and headers (lower-case names) of a response.
fn read_head(reader: &mut BufReader<TcpStream>) -> Result<(u16, Vec<(String, String)>), String> {
    let mut line = String::new();
    let n = reader
        .read_line(&mut line)
        .map_err(|e| format!("status line: {e}"))?;
    if n == 0 {
        return Err("connection closed before the status line".to_string());
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {line:?}"))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader
            .read_line(&mut line)
            .map_err(|e| format!("header: {e}"))?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Ok((status, headers))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// One chunk of a chunked body; `None` at the last (empty) chunk.
fn read_chunk(reader: &mut BufReader<TcpStream>) -> Result<Option<Vec<u8>>, String> {
    let mut line = String::new();
    let n = reader
        .read_line(&mut line)
        .map_err(|e| format!("chunk size: {e}"))?;
    if n == 0 {
        return Err("connection closed in a chunked body".to_string());
    }
    let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
        .map_err(|_| format!("bad chunk size {line:?}"))?;
    let mut chunk = vec![0; size];
    reader
        .read_exact(&mut chunk)
        .map_err(|e| format!("chunk: {e}"))?;
    let mut crlf = [0; 2];
    reader
        .read_exact(&mut crlf)
        .map_err(|e| format!("chunk end: {e}"))?;
    if size == 0 {
        return Ok(None);
    }
    Ok(Some(chunk))
}

/// The `data-version` of the live-reload script injected into a served page.
fn page_version(body: &str) -> Option<String> {
    let at = body.rfind("data-version=\"")? + "data-version=\"".len();
    Some(body[at..].split('"').next()?.to_string())
}

/// What one live-reload listener heard: (type, version) of every message, in order.
type Heard = Arc<Mutex<Vec<(String, String)>>>;

/// Listens on the event stream until the socket is shut down; returns the socket for that.
fn listen(server: &Server, heard: Heard) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let control = stream.try_clone().unwrap();
    let host = format!("127.0.0.1:{}", server.port);
    thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let mut writer = stream.try_clone().unwrap();
            let request = format!(
                "GET /__guidebook/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
            );
            if writer.write_all(request.as_bytes()).is_err() {
                return;
            }
            let mut reader = BufReader::new(stream);
            let Ok((status, headers)) = read_head(&mut reader) else {
                return;
            };
            assert_eq!(status, 200, "event stream status");
            let chunked = header(&headers, "transfer-encoding").is_some_and(|v| v.contains("chunked"));
            let mut pending = String::new();
            loop {
                let bytes = if chunked {
                    match read_chunk(&mut reader) {
                        Ok(Some(chunk)) => chunk,
                        _ => return,
                    }
                } else {
                    let mut buffer = [0; 8192];
                    match reader.read(&mut buffer) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer[..n].to_vec(),
                    }
                };
                pending.push_str(&String::from_utf8_lossy(&bytes));
                while let Some(end) = pending.find("\n\n") {
                    let event: String = pending.drain(..end + 2).collect();
                    for line in event.lines() {
                        if let Some(data) = line.strip_prefix("data:") {
                            let message: serde_json::Value =
                                serde_json::from_str(data.trim()).expect("messages are JSON");
                            let kind = message["type"].as_str().unwrap_or("").to_string();
                            let version = message["version"].as_str().unwrap_or("").to_string();
                            heard.lock().unwrap().push((kind, version));
                        }
                    }
                }
            }
        })
        .unwrap();
    control
}

#[test]
fn the_preview_server_under_load_loses_nothing() {
    let test_started = Instant::now();
    let server = Server::start();
    let edited = server.guide.join(EDITED);

    // Warm-up: every page once on a few connections, then the memory baseline.
    for _ in 0..4 {
        let mut connection = Connection::open(&server);
        for page in PAGES {
            let (status, _) = connection.get(page).expect("warm-up request");
            assert_eq!(status, 200, "{page}");
        }
    }
    let mut probe = Connection::open(&server);
    let (_, body) = probe.get(EDITED_PAGE).unwrap();
    let first_version = page_version(&String::from_utf8_lossy(&body)).expect("a version");
    thread::sleep(Duration::from_millis(300));
    let rss_baseline = server.rss_kb();

    // Listeners and stalled clients first, then the load.
    let listeners: Vec<(Heard, TcpStream)> = (0..SSE_CLIENTS)
        .map(|_| {
            let heard: Heard = Arc::default();
            let control = listen(&server, Arc::clone(&heard));
            (heard, control)
        })
        .collect();
    let stalled: Vec<TcpStream> = (0..STALLED_CLIENTS)
        .map(|i| {
            let mut stream = server.connect();
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
            let mut connection = Connection::open(&server);
            thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    let mut n = i;
                    while !stop.load(Ordering::Relaxed) {
                        let page = PAGES[n % PAGES.len()];
                        n += 1;
                        match connection.get(page) {
                            Ok((200, body)) if !body.is_empty() => {
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
                            Ok((status, body)) => {
                                failures
                                    .lock()
                                    .unwrap()
                                    .push(format!("{page}: status {status}, {} bytes", body.len()));
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

    // A fresh connection now and then: stalled clients must not hold it up.
    let probe_latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let prober = {
        let stop = Arc::clone(&stop);
        let latencies = Arc::clone(&probe_latencies);
        let failures = Arc::clone(&failures);
        let port = server.port;
        thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .unwrap();
                let mut connection = Connection {
                    writer: stream.try_clone().unwrap(),
                    reader: BufReader::new(stream),
                    host: format!("127.0.0.1:{port}"),
                };
                match connection.get("/404-probe") {
                    Ok((404, _)) => latencies.lock().unwrap().push(started.elapsed()),
                    other => failures
                        .lock()
                        .unwrap()
                        .push(format!("probe: {:?}", other.map(|(s, _)| s))),
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
        let mut connection = Connection::open(&server);
        let (status, body) = connection.get(EDITED_PAGE).expect("page after the edits");
        assert_eq!(status, 200);
        let text = String::from_utf8_lossy(&body);
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
            .filter(|(_, (heard, _))| {
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
            listeners[missing[0]].0.lock().unwrap()
        );
        thread::sleep(Duration::from_millis(50));
    }
    let mut reloads_heard = Vec::new();
    for (heard, _) in &listeners {
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
    for (_, control) in &listeners {
        let _ = control.shutdown(Shutdown::Both);
    }

    // Memory after the load, and once it has settled.
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
