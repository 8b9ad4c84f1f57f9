//! The preview's HTTP side (axum on tokio): serves the current in-memory site, the live-reload
//! script and its event stream, and refuses what a local preview should never answer: requests
//! for another host name (DNS rebinding), cross-site requests to the event stream, and paths that
//! try to climb out (`..`, encoded or with backslashes).

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::{broadcast, watch};
use tokio_stream::wrappers::BroadcastStream;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::render::on_request::{Found, PageStore, SiteOnRequest};

use super::files::file_from_disk;
use super::reload::{self, EVENTS_PATH, Message, SCRIPT_PATH, injected_tag};
use crate::diagnostics::render_to_string;

/// One complete version of the site, as served: its pages are rendered when asked for, and the
/// files beside the lessons are served from where they are (so a large video is never held in
/// memory, and an edited picture shows at once).
#[derive(Default)]
pub struct Snapshot {
    pub version: String,
    /// The last good version of the site (none before the first good check).
    pub site: Option<Arc<SiteOnRequest>>,
    /// The message that describes this state to a browser that just connected.
    pub state: Option<Message>,
}

/// What the request handlers share with the rebuild thread (`Rebuilder`).
pub struct Shared {
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// Rendered pages, kept across versions while what they show is the same.
    pub store: PageStore,
    pub messages: broadcast::Sender<Message>,
    pub shutdown: watch::Receiver<bool>,
    /// Host names (without port) that requests may be addressed to.
    pub allowed_hosts: Vec<String>,
}

impl Shared {
    pub fn current(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Puts a new version in place; requests after this see it whole.
    pub fn replace(&self, snapshot: Snapshot) {
        let snapshot = Arc::new(snapshot);
        match self.snapshot.write() {
            Ok(mut guard) => *guard = snapshot,
            Err(poisoned) => *poisoned.into_inner() = snapshot,
        }
    }
}

/// The router with every route and guard.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(live_script))
        .fallback(get(site_file))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(shared)
}

/// Rejects foreign host names and cross-site requests before any handler runs.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    if !host_allowed(request.headers(), &shared.allowed_hosts) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "unknown host: guidebook serve answers only to its own address\n",
        )
            .into_response();
    }
    if request.uri().path() == EVENTS_PATH
        && is_cross_site(request.headers(), &shared.allowed_hosts)
    {
        return (
            StatusCode::FORBIDDEN,
            "cross-origin requests are not allowed\n",
        )
            .into_response();
    }
    next.run(request).await
}

/// The host name of a `Host` header or an origin's authority, without the port.
fn host_name(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host)
}

fn host_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    is_allowed_host(host_name(host), allowed)
}

/// `allowed` may hold `*ip`: any IP address (when listening on every interface).
fn is_allowed_host(host: &str, allowed: &[String]) -> bool {
    let host = host.to_ascii_lowercase();
    let any_ip = allowed.iter().any(|a| a == "*ip") && host.parse::<std::net::IpAddr>().is_ok();
    any_ip || allowed.contains(&host) || host == "localhost" || host.ends_with(".localhost")
}

fn is_cross_site(headers: &HeaderMap, allowed: &[String]) -> bool {
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site")
    {
        return true;
    }
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => false,
        Some(origin) => {
            let authority = origin.split("://").nth(1).unwrap_or("");
            origin == "null" || !is_allowed_host(host_name(authority), allowed)
        }
    }
}

async fn live_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        reload::live_script(),
    )
        .into_response()
}

/// The event stream: the current state first, then every message, until shutdown.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.messages.subscribe();
    let first = shared.current().state.clone();
    let mut shutdown = shared.shutdown.clone();
    let stop = async move {
        let _ = shutdown.wait_for(|stop| *stop).await;
    };
    let updates = BroadcastStream::new(receiver).filter_map(|message| async move { message.ok() });
    let stream = stream::iter(first).chain(updates).map(|message| {
        let data = serde_json::to_string(&message).unwrap_or_else(|_| "{}".to_string());
        Ok(Event::default().data(data))
    });
    Sse::new(stream.take_until(stop)).keep_alive(KeepAlive::default())
}

/// A file of the current site; `/` and `/folder/` serve their `index.html`. A page is
/// rendered now unless the store holds it as it is (on a blocking thread: the print edition of a
/// large guide takes a while).
async fn site_file(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let Some(path) = site_path(request.uri().path()) else {
        return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
    };
    let snapshot = shared.current();
    let Some(site) = snapshot.site.clone() else {
        return nothing_yet(&snapshot.version);
    };
    let version = snapshot.version.clone();
    match lookup(&shared, &site, &path).await {
        Served::Bytes(bytes) => file_response(StatusCode::OK, &path, &bytes, &version),
        Served::Failed(report) => render_failed(&path, &report, &version),
        Served::File(source) => {
            match file_from_disk(&source, &content_type(&path), request).await {
                Some(response) => response,
                None => not_found(&shared, &site, &version).await,
            }
        }
        Served::Missing => not_found(&shared, &site, &version).await,
    }
}

/// How `site` answers `path`: at once when nothing needs rendering, else on a blocking thread.
async fn lookup(shared: &Arc<Shared>, site: &Arc<SiteOnRequest>, path: &str) -> Served {
    if let Some(found) = site.find_ready(path, &shared.store) {
        return served(site, found);
    }
    let (shared, site, path) = (Arc::clone(shared), Arc::clone(site), path.to_string());
    tokio::task::spawn_blocking(move || served(&site, site.find(&path, &shared.store)))
        .await
        .unwrap_or(Served::Failed("the page could not be made".to_string()))
}

fn served(site: &SiteOnRequest, found: Found<'_>) -> Served {
    match found {
        Found::Page(Ok(bytes)) | Found::Static(bytes) => Served::Bytes(bytes),
        Found::Page(Err(problem)) => {
            Served::Failed(render_to_string(&[problem], &site.template_sources()))
        }
        Found::Copy(asset) => Served::File(asset.source.clone()),
        Found::Missing => Served::Missing,
    }
}

/// How a path of the site is answered.
enum Served {
    Bytes(Arc<Vec<u8>>),
    /// The page's template failed: the report.
    Failed(String),
    /// A file beside the lessons, read from here.
    File(std::path::PathBuf),
    Missing,
}

/// The site's 404 page, its links rooted (it may be asked for at any depth).
async fn not_found(shared: &Arc<Shared>, site: &Arc<SiteOnRequest>, version: &str) -> Response {
    match lookup(shared, site, "404.html").await {
        Served::Bytes(bytes) => {
            let rooted = Arc::new(with_root_base(&bytes));
            file_response(StatusCode::NOT_FOUND, "404.html", &rooted, version)
        }
        _ => nothing_yet(version),
    }
}

/// The answer before the guide was ever good, or when no 404 page can be made.
fn nothing_yet(version: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title>\
         <body><p>Nothing here yet.</p>{}</body></html>",
        injected_tag(version)
    );
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// A page whose template failed for this page's data: the problem, and the live script, so
/// the page reloads once it is fixed.
fn render_failed(path: &str, message: &str, version: &str) -> Response {
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, message);
    let mut page_name = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut page_name, path);
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Template error</title>\
         <body><h1>{page_name} could not be made</h1><pre>{escaped}</pre>{}</body></html>",
        injected_tag(version)
    );
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// The site-relative file for a request path, or `None` for paths that try to climb out.
pub fn site_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// Decodes `%XX` escapes; a malformed escape or a result that is not UTF-8 is refused.
fn percent_decode(raw: &str) -> Option<String> {
    let well_formed = raw.split('%').skip(1).all(|escape| {
        escape
            .get(..2)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

/// The `Content-Type` of a path of the site: by its extension, text in UTF-8.
fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT | mime_guess::mime::APPLICATION if is_text(&mime) => {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    }
}

fn file_response(status: StatusCode, path: &str, bytes: &Arc<Vec<u8>>, version: &str) -> Response {
    let content_type = content_type(path);
    let body = if path.ends_with(".html") {
        Body::from(inject(bytes, version))
    } else {
        Body::from(bytes.as_ref().clone())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

fn is_text(mime: &mime_guess::Mime) -> bool {
    mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
}

/// The page with `<base href="/">` first in its `<head>` (the first `<base>` counts), so its
/// relative links resolve from the site's root wherever it is served.
fn with_root_base(html: &[u8]) -> Vec<u8> {
    const BASE: &[u8] = b"<base href=\"/\">";
    let head = html
        .windows(6)
        .position(|w| w.eq_ignore_ascii_case(b"<head>"));
    let at = head.map_or(0, |at| at + 6);
    let mut out = Vec::with_capacity(html.len() + BASE.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(BASE);
    out.extend_from_slice(&html[at..]);
    out
}

/// The page with the live-reload script before `</body>`.
fn inject(html: &[u8], version: &str) -> Vec<u8> {
    let tag = injected_tag(version);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_confined_to_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/fit.html").as_deref(), Some("fit.html"));
        assert_eq!(
            site_path("/assets/guidebook.css").as_deref(),
            Some("assets/guidebook.css")
        );
        assert_eq!(site_path("/docs/").as_deref(), Some("docs/index.html"));
        assert_eq!(
            site_path("/my%20lesson.html").as_deref(),
            Some("my lesson.html")
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/%2E%2E/x",
            "/..%2fx",
            "/a\\..\\b",
            "/%5c..%5cx",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn hosts_and_origins() {
        let allowed = vec!["127.0.0.1".to_string()];
        assert!(is_allowed_host(host_name("127.0.0.1:3000"), &allowed));
        assert!(is_allowed_host(host_name("localhost:3000"), &allowed));
        assert!(!is_allowed_host(host_name("evil.example:3000"), &allowed));
        assert!(!is_allowed_host(host_name("[::1]:3000"), &allowed));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(is_cross_site(&headers, &allowed));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://localhost:3000"),
        );
        assert!(!is_cross_site(&headers, &allowed));
    }

    #[test]
    fn the_script_goes_before_the_closing_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", "v1")).unwrap();
        assert!(out.contains("<p>x</p><script src=\"/__guidebook/live.js\" data-version=\"v1\" defer></script>\n</body>"));
    }
}
