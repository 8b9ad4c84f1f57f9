//! The "Building..." spinner `build` and `pdf` show on a terminal while a large guide builds.

use std::io::IsTerminal;
use std::time::Instant;

use guidebook::tell_partly;

/// A "Building..." line on a terminal for builds that take more than a moment; it is erased
/// when the build ends. Never shown when stderr is not a terminal or with `--quiet`.
pub struct Progress {
    done: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    pub fn start(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                done: None,
                thread: None,
            };
        }
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let frames = ['|', '/', '-', '\\'];
            let mut shown = false;
            for frame in frames.iter().cycle() {
                if finished
                    .recv_timeout(std::time::Duration::from_millis(150))
                    .is_ok()
                    || started.elapsed().as_secs() > 3600
                {
                    break;
                }
                if started.elapsed().as_millis() >= 700 {
                    tell_partly!(
                        "\r{frame} Building... {:.1} s",
                        started.elapsed().as_secs_f32()
                    );
                    shown = true;
                }
            }
            if shown {
                tell_partly!("\r\x1b[2K");
            }
        });
        Progress {
            done: Some(done),
            thread: Some(thread),
        }
    }

    pub fn finish(mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
