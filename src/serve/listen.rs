//! The preview's connections: an HTTP/1 accept loop (hyper, with axum's router as the service)
//! that bounds what a client can hold. A client must send its request headers within
//! [`HEADER_READ_TIMEOUT`] (a stalled or half-sent request is closed), and on Ctrl-C every
//! connection is asked to finish its current response within [`SHUTDOWN_DEADLINE`], after which
//! the rest (a stalled download, a slow reader) are closed; a second Ctrl-C exits at once.
//! axum's own `serve` sets no timer and waits for every connection, however long.

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

/// How long a client may take to send a request's headers (and an idle keep-alive connection
/// may wait for the next request).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the open connections get to finish after Ctrl-C.
pub const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(2);

/// Serves `app` on `listener` until `stop` completes, then closes every connection within
/// [`SHUTDOWN_DEADLINE`].
pub async fn serve_until(listener: TcpListener, app: Router, stop: impl Future<Output = ()>) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut stop = pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(error) => {
                        // Out of file descriptors and the like: wait rather than spin.
                        log::warn!("the preview cannot take a connection ({error}); it tries again in a moment (closing other programs or browser tabs frees what it needs)");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let service = TowerToHyperService::new(app.clone());
                let connection = http.serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                connections.spawn(async move {
                    let _ = connection.await;
                });
                while connections.try_join_next().is_some() {}
            }
            () = &mut stop => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_DEADLINE) => connections.abort_all(),
    }
}
