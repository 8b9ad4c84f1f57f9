//! One browser process, watched: it runs in a process group of its own, its stderr is read as
//! it comes (only the end is kept, for an error message), and the time limit and Ctrl-C stop the
//! whole group. A browser that fills its stderr cannot stall waiting for a reader, and one that
//! exits but leaves a process holding stderr open cannot keep guidebook waiting: the processes
//! it left are stopped after a moment and never waited for.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How much of the end of the browser's stderr is kept.
const TAIL_BYTES: usize = 4096;

/// How long the processes a browser leaves behind may keep its stderr open after it exits.
const LEFT_BEHIND_GRACE: Duration = Duration::from_millis(500);

/// How often the process is looked at.
const POLL: Duration = Duration::from_millis(50);

/// How a watched run ended.
pub enum Ended {
    /// The browser exited, with the last lines of what it wrote on stderr.
    Exited {
        status: ExitStatus,
        stderr: String,
    },
    TimedOut,
    Cancelled,
}

/// Runs `command` (stdin and stdout null, stderr read) until it exits, `limit` passes or
/// `cancel` becomes true.
pub fn run_watched(
    mut command: Command,
    limit: Duration,
    cancel: &AtomicBool,
) -> std::io::Result<Ended> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    own_process_group(&mut command);
    let mut child = command.spawn()?;
    let tail = Arc::new(Mutex::new(Vec::new()));
    let closed = child.stderr.take().map(|stderr| read_tail(stderr, &tail));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > limit || cancel.load(Ordering::SeqCst) {
            stop(&mut child);
            let _ = child.wait();
            return Ok(if cancel.load(Ordering::SeqCst) {
                Ended::Cancelled
            } else {
                Ended::TimedOut
            });
        }
        std::thread::sleep(POLL);
    };
    if let Some(closed) = closed
        && let Err(RecvTimeoutError::Timeout) = closed.recv_timeout(LEFT_BEHIND_GRACE)
    {
        // Something the browser started still holds its stderr: it is still in the browser's
        // group (so the group's id is still taken), and goes with it.
        stop_group(&child);
    }
    let stderr = tail.lock().unwrap_or_else(PoisonError::into_inner);
    let text = String::from_utf8_lossy(&stderr);
    let last_lines: Vec<&str> = text.lines().rev().take(3).collect();
    Ok(Ended::Exited {
        status,
        stderr: last_lines.join(" | "),
    })
}

/// Reads `stderr` to its end on a thread of its own, keeping the last [`TAIL_BYTES`] in `tail`;
/// the receiver hears when the pipe is closed. The thread is never joined: a process that holds
/// the pipe open keeps only that thread waiting.
fn read_tail(mut stderr: impl Read + Send + 'static, tail: &Arc<Mutex<Vec<u8>>>) -> Receiver<()> {
    let (closed, on_close) = std::sync::mpsc::channel();
    let tail = Arc::clone(tail);
    let spawned = std::thread::Builder::new()
        .name("guidebook-browser-stderr".to_string())
        .spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(read) = stderr.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                let mut kept = tail.lock().unwrap_or_else(PoisonError::into_inner);
                kept.extend_from_slice(&buffer[..read]);
                let excess = kept.len().saturating_sub(TAIL_BYTES);
                kept.drain(..excess);
            }
            let _ = closed.send(());
        });
    // Without a thread the pipe is not read; the browser's output is then simply not shown.
    drop(spawned);
    on_close
}

#[cfg(unix)]
fn own_process_group(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
}

#[cfg(not(unix))]
fn own_process_group(_: &mut Command) {}

/// Stops the browser and every process of its group, before it is waited for.
fn stop(child: &mut Child) {
    stop_group(child);
    let _ = child.kill();
}

#[cfg(target_os = "linux")]
fn stop_group(child: &Child) {
    use rustix::process::{Pid, Signal, kill_process_group};
    let _ = kill_process_group(Pid::from_child(child), Signal::KILL);
}

#[cfg(not(target_os = "linux"))]
fn stop_group(_: &Child) {}
