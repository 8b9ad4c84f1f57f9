//! The client side of the preview-server tests: GETs through `ureq` and a reader of the
//! server-sent-events stream that live reload uses.
//!
//! ureq sends a request's path and a `Host` header given here as written (no dot-segment
//! removal, no percent-decoding, backslashes kept), so the tests of hostile paths and foreign
//! hosts use this client too; `serve.rs` pins that with a test of its own. Only what no client
//! sends (half a request, a client that stalls) needs a raw socket, and each test that does so
//! says why.

use std::io::{self, BufRead, BufReader};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use ureq::http::HeaderMap;
use ureq::{Agent, BodyReader};

/// The path of the server's event stream.
pub const EVENTS_PATH: &str = "/__guidebook/events";

/// How long one read or write on a connection may take before a request fails.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// A whole response, body read to the end.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A client of one server on 127.0.0.1. It keeps its connection alive between requests, so
/// each `Client` is one keep-alive connection; a new `Client` opens a fresh one.
pub struct Client {
    agent: Agent,
    origin: String,
}

impl Client {
    pub fn new(port: u16) -> Client {
        let agent = Agent::config_builder()
            // A 404 or a 421 is an answer to inspect, not an error.
            .http_status_as_error(false)
            // The server's own answer, never the page a redirect leads to.
            .max_redirects(0)
            .timeout_per_read(Some(IO_TIMEOUT))
            .timeout_per_write(Some(IO_TIMEOUT))
            .build()
            .new_agent();
        Client {
            agent,
            origin: format!("http://127.0.0.1:{port}"),
        }
    }

    /// `GET path`, which must get an answer.
    #[track_caller]
    pub fn get(&self, path: &str) -> Response {
        self.get_with(path, &[])
    }

    /// `GET path` with extra headers (a `Host` among them replaces the real one), which must get
    /// an answer.
    #[track_caller]
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        self.try_get(path, headers)
            .unwrap_or_else(|error| panic!("no answer to GET {path}: {error}"))
    }

    /// `GET path` with extra headers; an error if no whole answer came.
    pub fn try_get(&self, path: &str, headers: &[(&str, &str)]) -> Result<Response, ureq::Error> {
        let mut request = self.agent.get(format!("{}{path}", self.origin));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let (head, body) = request.call()?.into_parts();
        Ok(Response {
            status: head.status.as_u16(),
            headers: head.headers,
            body: body.into_with_config().read_to_vec()?,
        })
    }

    /// Opens the event stream; its events are read as they come, on the caller's thread.
    pub fn open_events(&self, headers: &[(&str, &str)]) -> Result<OpenStream, ureq::Error> {
        let mut request = self
            .agent
            .get(format!("{}{EVENTS_PATH}", self.origin))
            .header("Accept", "text/event-stream");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        // A stream may stay quiet for longer than a page takes to arrive (between edits, the
        // server only sends a keep-alive comment every 15 s).
        let request = request.config().timeout_per_read(None).build();
        let (head, body) = request.call()?.into_parts();
        Ok(OpenStream {
            status: head.status.as_u16(),
            headers: head.headers,
            events: SseEvents::new(BufReader::new(body.into_reader())),
        })
    }

    /// Opens the event stream and reads it on a thread of its own, so that a test can wait for
    /// the next event with a deadline.
    #[track_caller]
    pub fn events(&self, headers: &[(&str, &str)]) -> EventStream {
        let stream = self
            .open_events(headers)
            .unwrap_or_else(|error| panic!("no answer from the event stream: {error}"));
        EventStream::read_in_background(stream)
    }
}

/// An event stream whose head has arrived and whose body is read on demand.
pub struct OpenStream {
    pub status: u16,
    pub headers: HeaderMap,
    pub events: SseEvents<BufReader<BodyReader<'static>>>,
}

/// An event stream read on a background thread.
pub struct EventStream {
    pub status: u16,
    pub headers: HeaderMap,
    received: mpsc::Receiver<SseEvent>,
    closed: bool,
}

impl EventStream {
    fn read_in_background(stream: OpenStream) -> EventStream {
        let OpenStream {
            status,
            headers,
            events,
        } = stream;
        let (sender, received) = mpsc::channel();
        // Ends with the stream (or at a read error, which ends it too), or at the first event
        // after the test dropped its end.
        thread::spawn(move || {
            for event in events {
                let Ok(event) = event else { return };
                if sender.send(event).is_err() {
                    return;
                }
            }
        });
        EventStream {
            status,
            headers,
            received,
            closed: false,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The next event, or `None` if none comes within `timeout` or the stream has ended.
    pub fn next(&mut self, timeout: Duration) -> Option<SseEvent> {
        if self.closed {
            return None;
        }
        match self.received.recv_timeout(timeout) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                self.closed = true;
                None
            }
        }
    }

    /// Whether the server ended the stream (seen by [`EventStream::next`]).
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

/// One server-sent event: its `event:` name, if it has one, and its `data:` lines joined by
/// newlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub event: Option<String>,
    pub data: String,
}

/// The events of a `text/event-stream` body, as a browser's `EventSource` sees them: comments
/// (the server's keep-alives) and blocks without data are skipped, and an event the stream ends
/// in the middle of is dropped.
pub struct SseEvents<R> {
    reader: R,
}

impl<R: BufRead> SseEvents<R> {
    pub fn new(reader: R) -> SseEvents<R> {
        SseEvents { reader }
    }
}

impl<R: BufRead> Iterator for SseEvents<R> {
    type Item = io::Result<SseEvent>;

    fn next(&mut self) -> Option<io::Result<SseEvent>> {
        let mut event = None;
        let mut data: Vec<String> = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(error) => return Some(Err(error)),
            }
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if !data.is_empty() {
                    let data = data.join("\n");
                    return Some(Ok(SseEvent { event, data }));
                }
                event = None;
                continue;
            }
            let (field, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value);
            match field {
                "event" => event = Some(value.to_string()),
                "data" => data.push(value.to_string()),
                _ => {} // a comment (empty field name), `id:` or `retry:`
            }
        }
    }
}
