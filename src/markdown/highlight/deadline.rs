//! How long a block may take to highlight, in its thread's own time (not the machine's), and
//! the deadline tree-sitter's progress callbacks check: what a block took is its own work,
//! however busy the machine, so only blocks that would take far too long depend on its speed.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// The time this thread has run: what a block took is its own work, however busy the machine.
#[cfg(target_os = "linux")]
pub fn thread_time() -> Duration {
    use rustix::time::{ClockId, clock_gettime};
    let now = clock_gettime(ClockId::ThreadCPUTime);
    let seconds = u64::try_from(now.tv_sec).unwrap_or_default();
    let nanoseconds = u32::try_from(now.tv_nsec).unwrap_or_default();
    Duration::new(seconds, nanoseconds)
}

/// Elsewhere, the time since the first block was highlighted (a busy machine gives up sooner).
#[cfg(not(target_os = "linux"))]
pub fn thread_time() -> Duration {
    static START: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);
    START.elapsed()
}

/// How much of its thread's time a block of `bytes` bytes may take: 50 ms and 4 µs a byte (180 ms for 32 KiB, the
/// largest block highlighted), where a program of that size takes a few milliseconds; four
/// times that in an unoptimised build, whose grammars are compiled without optimisation too.
pub fn time_limit(bytes: usize) -> Duration {
    let per_byte = u64::try_from(bytes).unwrap_or(u64::MAX).saturating_mul(4);
    let limit = Duration::from_millis(50) + Duration::from_micros(per_byte);
    if cfg!(debug_assertions) {
        limit * 4
    } else {
        limit
    }
}

/// The point in its thread's time at which a block is given up. Reading the thread's time is
/// a system call, made every hundred steps of a parse or query: the wall clock, which is read
/// without one, is asked first, since the thread cannot have run longer than the time that has
/// passed.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    thread: Duration,
    not_before: Instant,
}

impl Deadline {
    pub fn after(limit: Duration) -> Self {
        Deadline {
            thread: thread_time() + limit,
            not_before: Instant::now() + limit,
        }
    }

    pub fn extend(&mut self, by: Duration) {
        self.thread += by;
        self.not_before += by;
    }

    pub fn passed(&self) -> bool {
        Instant::now() >= self.not_before && thread_time() >= self.thread
    }

    /// Tells tree-sitter to stop once the deadline has passed.
    pub fn stop_if_passed(&self) -> ControlFlow<()> {
        if self.passed() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_passes_when_the_thread_has_run_its_time() {
        let limit = Duration::from_millis(20);
        let deadline = Deadline::after(limit);
        assert!(!deadline.passed());
        assert!(deadline.stop_if_passed().is_continue());
        // Waiting is not running: the wall clock passes the limit, the thread's time does not
        // (where a thread's time can be read).
        std::thread::sleep(limit * 2);
        if cfg!(target_os = "linux") {
            assert!(
                !deadline.passed(),
                "asleep, the thread used none of its time"
            );
        }
        let started = thread_time();
        while thread_time() - started < limit * 2 {
            std::hint::black_box(0u64.wrapping_add(1));
        }
        assert!(deadline.passed());
        assert!(deadline.stop_if_passed().is_break());
        let mut later = deadline;
        later.extend(Duration::from_secs(3600));
        assert!(!later.passed());
    }
}
