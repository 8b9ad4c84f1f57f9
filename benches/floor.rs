//! The floor: the least work a Markdown-to-HTML site builder can do, as one thread that reads
//! each lesson, renders it with pulldown-cmark and writes it. guidebook does much more (front
//! matter, checks, links, templates, print and handout pages), so the floor is what its whole
//! build is compared with, not a target it can reach.
//!
//! `cargo bench --bench floor` generates the 1,000-lesson synthetic guide (or uses the guide in
//! `FLOOR_GUIDE`) and prints the median of 5 runs; each run starts with an empty output folder.
//! `FLOOR_RUNS` changes the number of runs. compare.sh also runs the built executable directly
//! with `FLOOR_GUIDE` and `FLOOR_OUT` set, for a single timed run under hyperfine.

mod synth;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::{Parser, html};

/// Reads, renders and writes every `.md` file under `content/`, one at a time.
fn floor(guide: &Path, out: &Path) -> usize {
    let mut files: Vec<PathBuf> = fs::read_dir(guide.join("content"))
        .expect("the guide has content/")
        .map(|entry| entry.expect("readable content/").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    fs::create_dir_all(out).expect("output folder");
    // The dialect guidebook parses, so the Markdown work is the same.
    let options = guidebook::markdown::parser_options();
    let mut html = String::new();
    for path in &files {
        let text = fs::read_to_string(path).expect("readable lesson");
        html.clear();
        html::push_html(&mut html, Parser::new_ext(&text, options));
        let name = path.file_stem().expect("a file name");
        fs::write(out.join(name).with_extension("html"), &html).expect("writable output");
    }
    files.len()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that is not ours means "run another target only".
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && a != "floor")
    {
        return;
    }
    if let (Ok(guide), Ok(out)) = (std::env::var("FLOOR_GUIDE"), std::env::var("FLOOR_OUT")) {
        // One run, timed from outside (compare.sh).
        floor(Path::new(&guide), Path::new(&out));
        return;
    }
    let generated;
    let guide = match std::env::var_os("FLOOR_GUIDE") {
        Some(dir) => PathBuf::from(dir),
        None => {
            generated = synth::SyntheticGuide::new(1_000);
            generated.path().to_path_buf()
        }
    };
    let runs: usize = std::env::var("FLOOR_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
        .max(1);
    let out = tempfile::tempdir().expect("temporary folder");
    let mut times = Vec::with_capacity(runs);
    let mut lessons = 0;
    for run in 0..runs {
        let site = out.path().join(format!("run-{run}"));
        let started = Instant::now();
        lessons = floor(&guide, &site);
        times.push(started.elapsed());
    }
    let median = median(times);
    println!(
        "floor: {lessons} files read, rendered with pulldown-cmark and written on one thread: \
         median {:.1} ms of {runs} runs ({:.1} µs per file)",
        median.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e6 / lessons.max(1) as f64
    );
}
