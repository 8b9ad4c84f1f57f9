//! What guidebook writes for people on its two streams: [`say!`](crate::say) for a command's
//! report on stdout, [`tell!`](crate::tell) for errors, warnings and progress on stderr. A
//! reader that has gone away (`guidebook build | head -1`, `guidebook check 2>&1 | true`) is no
//! error of the command: a write to a closed stream is dropped, never a panic, and the exit code
//! stays the command's own.

/// `println!` that ignores a closed stdout.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that ignores a closed stderr.
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` (no new line) that ignores a closed stderr.
#[macro_export]
macro_rules! tell_partly {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}
