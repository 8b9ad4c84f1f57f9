//! The files beside the lessons in the preview: streamed from disk, so that several downloads
//! of a large video leave the server's memory where it was (it read each file whole, twice per
//! request: three downloads of a 400 MB video took it from 22 MB to 2 GB), and answered by byte
//! range, so that a video can be sought (206 with the bytes asked for, 416 past the end, the
//! whole file when `If-Range` names an older copy). What a path may reach is unchanged: only a
//! file of the guide, no folder, nothing outside it.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::thread;
use std::time::Duration;

use common::http::Client;
use common::*;

/// The large file: more than any buffer, so a server that reads it whole shows it.
const LARGE: u64 = 256 << 20;
/// Concurrent downloads of it.
const DOWNLOADS: usize = 3;
/// How much the server's peak memory may grow while they run (reading the file whole took
/// twice its size per download).
const GROWTH_BOUND_KB: u64 = 96 << 10;
/// The small file whose ranges are checked.
const SMALL: usize = 100_000;

/// `guidebook serve` on a guide with a large and a small file beside its lesson; killed when
/// dropped.
struct Server {
    child: Child,
    client: Client,
    port: u16,
    workspace: Workspace,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The bytes of the small file: not all alike, so a wrong range shows.
fn small_bytes() -> Vec<u8> {
    (0..SMALL).map(|i| (i % 251) as u8).collect()
}

fn start() -> Server {
    let workspace = write_guide(&[(
        "content/01-watch.md",
        &lesson(
            "Watch",
            1,
            "",
            "[The video](media/walk.mp4) and [the notes](media/notes.bin).\n",
        ),
    )]);
    fs::create_dir_all(workspace.guide_path("content/media")).unwrap();
    // Sparse: the disk holds almost nothing, the server reads every byte.
    let video = fs::File::create(workspace.guide_path("content/media/walk.mp4")).unwrap();
    video.set_len(LARGE).unwrap();
    fs::write(
        workspace.guide_path("content/media/notes.bin"),
        small_bytes(),
    )
    .unwrap();
    let guide = workspace.guide.to_str().unwrap().to_string();
    let mut child = guidebook_command(&["serve", &guide, "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port: u16 = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            let (_, url) = line
                .strip_prefix("Serving ")?
                .rsplit_once(" at http://127.0.0.1:")?;
            url.trim_end_matches('/').parse().ok()
        })
        .expect("the server printed its address");
    thread::spawn(move || for _ in lines {});
    Server {
        child,
        client: Client::new(port),
        port,
        workspace,
    }
}

/// A `kB` value of the server's `/proc/<pid>/status` (`VmRSS`, `VmHWM`).
fn memory_kb(server: &Server, key: &str) -> u64 {
    let status = fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{key} in /proc/<pid>/status"))
}

#[test]
fn a_large_file_is_streamed_to_several_readers_in_bounded_memory() {
    let server = start();
    // The page and the small file first, so that what serving costs anyway is in the baseline.
    assert_eq!(server.client.get("/watch.html").status, 200);
    assert_eq!(server.client.get("/media/notes.bin").status, 200);
    let before = memory_kb(&server, "VmRSS:");
    let readers: Vec<_> = (0..DOWNLOADS)
        .map(|_| {
            let url = format!("http://127.0.0.1:{}/media/walk.mp4", server.port);
            thread::spawn(move || {
                let response = ureq::get(&url).call().expect("an answer");
                assert_eq!(response.status().as_u16(), 200);
                let length = response.headers().get("content-length").cloned();
                let mut body = response
                    .into_body()
                    .into_with_config()
                    .limit(u64::MAX)
                    .reader();
                let mut buffer = vec![0u8; 1 << 16];
                let mut read = 0u64;
                loop {
                    let n = body.read(&mut buffer).expect("the body reads");
                    if n == 0 {
                        break;
                    }
                    read += n as u64;
                }
                (read, length)
            })
        })
        .collect();
    for reader in readers {
        let (read, length) = reader.join().unwrap();
        assert_eq!(read, LARGE);
        assert_eq!(length.unwrap().to_str().unwrap(), LARGE.to_string());
    }
    let peak = memory_kb(&server, "VmHWM:");
    assert!(
        peak < before + GROWTH_BOUND_KB,
        "the server grew from {before} kB to a peak of {peak} kB serving {DOWNLOADS} downloads of {} MB",
        LARGE >> 20
    );
    eprintln!(
        "{DOWNLOADS} downloads of {} MB: {before} kB before, peak {peak} kB",
        LARGE >> 20
    );
}

#[test]
fn files_are_served_by_byte_range() {
    let server = start();
    let bytes = small_bytes();
    let whole = server.client.get("/media/notes.bin");
    assert_eq!(whole.status, 200);
    assert_eq!(whole.body, bytes);
    assert_eq!(whole.header("accept-ranges"), Some("bytes"));
    let etag = whole.header("etag").expect("an ETag").to_string();
    let modified = whole.header("last-modified").expect("a date").to_string();

    let range = |value: &str, extra: &[(&str, &str)]| {
        let mut headers = vec![("Range", value)];
        headers.extend_from_slice(extra);
        server.client.get_with("/media/notes.bin", &headers)
    };
    let middle = range("bytes=1000-1999", &[]);
    assert_eq!(middle.status, 206);
    assert_eq!(
        middle.header("content-range"),
        Some("bytes 1000-1999/100000")
    );
    assert_eq!(middle.body, &bytes[1000..2000]);
    let end = range("bytes=-500", &[]);
    assert_eq!(end.status, 206);
    assert_eq!(end.body, &bytes[SMALL - 500..]);
    let open = range("bytes=99990-", &[]);
    assert_eq!((open.status, open.body.as_slice()), (206, &bytes[99_990..]));

    let past = range("bytes=200000-", &[]);
    assert_eq!(past.status, 416);
    assert_eq!(past.header("content-range"), Some("bytes */100000"));

    // `If-Range` with the file as it is: the piece; with an older copy: the whole file.
    for current in [etag.as_str(), modified.as_str()] {
        let piece = range("bytes=0-9", &[("If-Range", current)]);
        assert_eq!((piece.status, piece.body.as_slice()), (206, &bytes[..10]));
    }
    for stale in ["\"0.00000000-0\"", "Thu, 01 Jan 1970 00:00:00 GMT"] {
        let full = range("bytes=0-9", &[("If-Range", stale)]);
        assert_eq!((full.status, full.body.len()), (200, SMALL), "{stale}");
    }
    let video = server
        .client
        .get_with("/media/walk.mp4", &[("Range", "bytes=0-3")]);
    assert_eq!(video.status, 206);
    assert_eq!(video.header("content-type"), Some("video/mp4"));
}

#[test]
fn only_the_guide_s_own_files_are_reachable() {
    let server = start();
    for (path, status) in [
        ("/media/../guide.toml", 400),
        ("/media/%2e%2e/%2e%2e/guide.toml", 400),
        ("/media\\notes.bin", 400),
        ("/guide.toml", 404),
        ("/media/", 404),
        ("/media", 404),
        ("/content/media/notes.bin", 404),
    ] {
        let response = server.client.get_with(path, &[("Range", "bytes=0-3")]);
        assert_eq!(response.status, status, "{path}");
        assert!(response.header("content-range").is_none(), "{path}");
    }
    // A file removed under the server is the site's 404 page.
    fs::remove_file(server.workspace.guide_path("content/media/notes.bin")).unwrap();
    thread::sleep(Duration::from_millis(50));
    let gone = server.client.get("/media/notes.bin");
    assert_eq!(gone.status, 404);
    assert!(gone.text().contains("<html"), "{}", gone.text());
}
