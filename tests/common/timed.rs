//! Runs the binary against a time limit, for the tests of inputs that must not take long: how
//! long a run took, how it ended (killed past the limit) and what it wrote on stderr.

use std::process::Stdio;
use std::time::{Duration, Instant};

use super::guidebook_command;

/// Runs guidebook with `args`; kills it once `kill_after` has passed. Returns how long it ran,
/// its exit code (`None` when killed) and its stderr, read as it comes so a full pipe never
/// stops it.
pub fn run_within(args: &[&str], kill_after: Duration) -> (Duration, Option<i32>, String) {
    let started = Instant::now();
    let mut child = guidebook_command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = stderr {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
        }
        text
    });
    let code = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status.code();
        }
        if started.elapsed() > kill_after {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (started.elapsed(), code, reader.join().unwrap_or_default())
}
