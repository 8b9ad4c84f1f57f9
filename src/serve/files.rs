//! The files beside the lessons (pictures, videos, PDFs), as the preview serves them: streamed
//! from where they are (never read whole into memory), with byte ranges so that a video can be
//! sought (`Range` -> 206, `Accept-Ranges`, 416 for a range past the end; `If-Range` honoured),
//! by tower-http's `ServeFile`. Which file a path may reach is decided before, by the site:
//! only a file the guide has, never a folder, nothing outside.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use tower_http::services::ServeFile;

/// The answer for `request`, for the file at `source` served as `content_type`; `None` if the
/// file is gone (the caller answers with the site's 404 page).
pub async fn file_from_disk(
    source: &Path,
    content_type: &str,
    mut request: Request,
) -> Option<Response> {
    let mime = content_type
        .parse()
        .unwrap_or(mime_guess::mime::APPLICATION_OCTET_STREAM);
    let file = ServeFile::new_with_mime(source, &mime);
    if request.headers().contains_key(header::RANGE)
        && let Some(if_range) = request.headers().get(header::IF_RANGE).cloned()
        && !still_the_same(&file, request.uri().clone(), &if_range).await
    {
        // The file changed since the client's copy: the whole file, not a piece of another.
        request.headers_mut().remove(header::RANGE);
    }
    let response = file.clone().try_call(request).await.ok()?;
    if response.status() == StatusCode::NOT_FOUND {
        return None;
    }
    Some(response.map(Body::new))
}

/// Whether `if_range` (an ETag or a date) names the file as it is now: a strong ETag equal to
/// the file's, or its exact `Last-Modified` date.
async fn still_the_same(file: &ServeFile, uri: Uri, if_range: &HeaderValue) -> bool {
    let mut head = Request::new(Body::empty());
    *head.method_mut() = Method::HEAD;
    *head.uri_mut() = uri;
    let Ok(current) = file.clone().try_call(head).await else {
        return false;
    };
    let validator = |name| current.headers().get(name);
    let strong = !if_range.as_bytes().starts_with(b"W/");
    (strong && validator(header::ETAG) == Some(if_range))
        || validator(header::LAST_MODIFIED) == Some(if_range)
}
