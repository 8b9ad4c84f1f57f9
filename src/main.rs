//! The `guidebook` command line: parses arguments, calls the library, prints diagnostics and
//! sets the exit code (0 success, 1 the guide has errors, 2 usage or environment errors).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use clap::{CommandFactory, Parser};

mod cli;
mod progress;

use cli::{Ci, Cli, Command, Format, SiteFlags};
use progress::Progress;

use guidebook::diagnostics::{
    ColorMode, Tally, printable_lines, printable_path, render_human, to_json,
};
use guidebook::english::count;
use guidebook::import::import_guide;
use guidebook::load::{CONFIG_FILE, PAGES_DIR};
use guidebook::markdown::Edition;
use guidebook::model::ModelOptions;
use guidebook::model::absent::Absence;
use guidebook::pdf::{Numbering, find_browser, print_guide, print_limit, print_to_pdf};
use guidebook::render::RenderOptions;
use guidebook::render::offline::OfflineReport;
use guidebook::scaffold::ci::CiService;
use guidebook::scaffold::{init_guide, new_lesson};
use guidebook::serve::{ServeOptions, serve};
use guidebook::{Build, BuildOptions, build_date, build_site_to, check_site};
use guidebook::{say, tell};

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Build { dir, output, site } => {
            build_options(site).and_then(|options| build(&dir, output, &options, cli.quiet))
        }
        Command::Check { dir, format, site } => build_options(site).and_then(|mut options| {
            options.model.translation_report = true;
            check(&dir, format, &options, cli.quiet)
        }),
        Command::Init { dir, ci } => init(&dir, ci, cli.quiet),
        Command::New { title, dir, step } => new(&dir, &title, step, cli.quiet),
        Command::Import { source, dest } => import(&source, &dest, cli.quiet),
        Command::Completions { shell } => completions(shell),
        Command::Pdf {
            dir,
            output,
            chrome,
            site,
        } => build_options(site)
            .and_then(|options| pdf(&dir, output, chrome.as_deref(), &options, cli.quiet)),
        Command::Serve {
            dir,
            port,
            bind,
            open,
            poll,
            site,
        } => build_options(site).and_then(|build| {
            serve(ServeOptions {
                root: dir,
                bind,
                port,
                open,
                poll,
                build,
            })
            .map(|()| ExitCode::SUCCESS)
            .map_err(|e| e.to_string())
        }),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            tell!("error: {}", printable_lines(&message));
            ExitCode::from(2)
        }
    }
}

/// Log messages go to stderr. guidebook's own warnings and errors are written as its other
/// messages are (`warning: ...`); `-v` adds what each stage did and how long it took, and the
/// warnings of the crates it uses (`[WARN notify::inotify] ...`), which are otherwise kept off
/// the terminal; `-q` keeps only errors; `RUST_LOG` (e.g. `RUST_LOG=guidebook=trace`) overrides
/// both.
fn init_logging(quiet: bool, verbose: bool) {
    let level = if quiet {
        "guidebook=error"
    } else if verbose {
        "guidebook=debug,warn"
    } else {
        "guidebook=warn"
    };
    let style = match color_mode() {
        ColorMode::Always => env_logger::WriteStyle::Auto,
        ColorMode::Never => env_logger::WriteStyle::Never,
    };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(level))
        .write_style(style)
        .format(|out, record| {
            use std::io::Write as _;
            let own = record.target().split("::").next() == Some("guidebook");
            let style = out.default_level_style(record.level());
            let word = match record.level() {
                log::Level::Error if own => "error",
                log::Level::Warn if own => "warning",
                level => {
                    let target = record.target();
                    return writeln!(out, "[{style}{level}{style:#} {target}] {}", record.args());
                }
            };
            let message = record.args().to_string();
            writeln!(out, "{style}{word}{style:#}: {}", printable_lines(&message))
        })
        .init();
}

/// Prints a completion script; a closed pipe (`| head`) is not an error.
fn completions(shell: clap_complete::Shell) -> Result<ExitCode, String> {
    use std::io::Write;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "guidebook", &mut script);
    match std::io::stdout().write_all(&script) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.to_string()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn init(dir: &Path, ci: Option<Ci>, quiet: bool) -> Result<ExitCode, String> {
    let service = ci.map(|ci| match ci {
        Ci::Github => CiService::GitHub,
        Ci::Gitlab => CiService::GitLab,
    });
    let written = init_guide(dir, service).map_err(|e| e.to_string())?;
    if !quiet {
        for path in &written {
            say!("Wrote {}", printable_path(path));
        }
        if let Some(service) = service {
            say!("Before the first push: {}.", service.next_steps());
        }
        // A new guide (not only a CI file added to one) is worth a look in the preview.
        if written.iter().any(|path| path.ends_with(CONFIG_FILE)) {
            say!(
                "Next: `guidebook serve {}` and open the address it prints.",
                printable_path(dir)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn new(dir: &Path, title: &str, step: Option<u32>, quiet: bool) -> Result<ExitCode, String> {
    let path = new_lesson(dir, title, step).map_err(|e| e.to_string())?;
    if !quiet {
        say!("Wrote {}", printable_path(&path));
    }
    Ok(ExitCode::SUCCESS)
}

/// `guidebook import`: the guide written, what was converted, every note at its place in the
/// source, and what to do next.
fn import(source: &Path, dest: &Path, quiet: bool) -> Result<ExitCode, String> {
    let imported = import_guide(source, dest).map_err(|e| e.to_string())?;
    if !quiet {
        say!(
            "Imported {} from {} into {} ({} files):",
            imported.layout.name(),
            printable_path(source),
            printable_path(dest),
            imported.files
        );
        say!("  {}", imported.counts);
        if !imported.notes.is_empty() {
            say!(
                "Not converted, or changed on the way ({}), at their place in {}:",
                imported.notes.len(),
                printable_path(source)
            );
            for note in &imported.notes {
                say!("  {}", printable_lines(&note.to_string()));
            }
        }
        say!(
            "Next: `guidebook serve {}` and open the address it prints.",
            printable_path(dest)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Colour only on a terminal, and never with NO_COLOR.
fn color_mode() -> ColorMode {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if std::io::stderr().is_terminal() && !no_color {
        ColorMode::Always
    } else {
        ColorMode::Never
    }
}

/// The options of one run, made once from the command's flags.
fn build_options(flags: SiteFlags) -> Result<BuildOptions, String> {
    let edition = if flags.instructor {
        Edition::Instructor
    } else {
        Edition::Learner
    };
    Ok(BuildOptions {
        model: ModelOptions {
            include_drafts: flags.drafts,
            edition,
            ..ModelOptions::default()
        },
        render: RenderOptions {
            build_date: build_date().map_err(|e| e.to_string())?,
            preview: false,
        },
    })
}

/// Prints the build's diagnostics. A stderr that cannot be written (closed by its reader) loses
/// them but changes nothing else: the exit code still says whether the guide has errors.
fn report<S>(build: &Build<S>) {
    let _ = render_human(&build.diagnostics, &build.sources, color_mode());
}

fn build(
    dir: &Path,
    output: Option<PathBuf>,
    options: &BuildOptions,
    quiet: bool,
) -> Result<ExitCode, String> {
    let written = build_and_write(dir, output, options, quiet)?;
    Ok(if written.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Builds and writes the site; `Ok(false)` when the guide has errors (they are printed).
/// Builds and writes the site; `None` when the guide has errors (reported), else the folders of
/// its other languages in the site (`es/`).
fn build_and_write(
    dir: &Path,
    output: Option<PathBuf>,
    options: &BuildOptions,
    quiet: bool,
) -> Result<Option<Vec<String>>, String> {
    let started = Instant::now();
    let out = output.unwrap_or_else(|| dir.join("site"));
    let progress = Progress::start(quiet);
    let build = build_site_to(dir, &out, options).map_err(|e| e.to_string())?;
    progress.finish();
    report(&build);
    let Some(site) = build.site else {
        let errors = build.error_count();
        tell!(
            "error: the guide has {errors} error{}; nothing was written",
            if errors == 1 { "" } else { "s" }
        );
        return Ok(None);
    };
    let pages = site.page_count();
    site.commit().map_err(|e| e.to_string())?;
    if !quiet {
        let lessons = build.guide.lessons.len();
        let offline = (build.offline.as_ref()).map_or_else(String::new, |offline| {
            let files = offline.kept.len();
            format!(
                "; {} in {files} file{} kept for reading offline",
                offline.size,
                if files == 1 { "" } else { "s" }
            )
        });
        say!(
            "Built {lessons} lesson{} ({pages} pages, total guide time {}{offline}) into {} in {} ms",
            if lessons == 1 { "" } else { "s" },
            (build.guide.plan.length).humanize_up_to(build.guide.time_unit(), &Default::default()),
            printable_path(&out),
            started.elapsed().as_millis()
        );
        if let Some(offline) = &build.offline {
            report_left_out(offline);
        }
    }
    let folders = (build.guide.translations.iter())
        .map(|translation| translation.language.folder.clone())
        .collect();
    Ok(Some(folders))
}

/// How many files left out of the offline copy are named one by one.
const LEFT_OUT_SHOWN: usize = 10;

/// Each file the offline copy leaves out, with the reason.
fn report_left_out(offline: &OfflineReport) {
    for left_out in offline.left_out.iter().take(LEFT_OUT_SHOWN) {
        say!("  left out of the offline copy: {left_out}");
    }
    if offline.left_out.len() > LEFT_OUT_SHOWN {
        say!(
            "  ... and {} more left out of the offline copy",
            offline.left_out.len() - LEFT_OUT_SHOWN
        );
    }
}

fn pdf(
    dir: &Path,
    output: Option<PathBuf>,
    chrome: Option<&Path>,
    options: &BuildOptions,
    quiet: bool,
) -> Result<ExitCode, String> {
    // Find the browser first: without one there is nothing to do, and nothing is built.
    let browser = find_browser(chrome).map_err(|e| e.to_string())?;
    print_limit().map_err(|e| e.to_string())?;
    // Ctrl-C stops the browser and lets the printing clean up after itself (a Ctrl-C during the
    // build lets the atomic build finish, then prints nothing); a second one ends the program.
    static CANCEL: AtomicBool = AtomicBool::new(false);
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let out = output.clone().unwrap_or_else(|| dir.join("site"));
    let Some(folders) = build_and_write(dir, output, options, quiet)? else {
        return Ok(ExitCode::from(1));
    };
    let start_printing = |pdf: &str| {
        if CANCEL.load(Ordering::SeqCst) {
            return Err(format!("stopped before printing {pdf}"));
        }
        if !quiet {
            tell!("Printing {pdf} with {} ...", printable_path(&browser));
        }
        Ok(out.join(pdf))
    };
    let wrote = |pdf: &Path| {
        if !quiet {
            say!("Wrote {}", printable_path(pdf));
        }
    };
    // The default language's PDFs at the top, each other language's in its folder.
    for folder in std::iter::once(String::new()).chain(folders) {
        let name = format!("{folder}guide.pdf");
        let guide = start_printing(&name)?;
        let numbering = print_guide(
            &browser,
            &out.join(format!("{folder}print.html")),
            &guide,
            &CANCEL,
        )
        .map_err(|e| e.to_string())?;
        warn_about_numbering(&numbering, &name);
        wrote(&guide);
        let handout = start_printing(&format!("{folder}handout.pdf"))?;
        print_to_pdf(
            &browser,
            &out.join(format!("{folder}handout.html")),
            &handout,
            &CANCEL,
        )
        .map_err(|e| e.to_string())?;
        wrote(&handout);
    }
    Ok(ExitCode::SUCCESS)
}

/// A warning when the guide's contents list has no page numbers, or may have wrong ones.
fn warn_about_numbering(numbering: &Numbering, pdf: &str) {
    match numbering {
        Numbering::Numbered | Numbering::NothingToNumber => {}
        Numbering::Unsettled { prints } => log::warn!(
            "the page numbers in {pdf}'s contents still moved after {prints} prints, so some may be a page off; check the contents list before you print it on paper"
        ),
        Numbering::Unreadable(error) => log::warn!(
            "{pdf} has no page numbers in its contents, because the browser's PDF could not be read ({error}); it is written without them: try another browser with --chrome for numbers"
        ),
        Numbering::Unchecked(error) => log::warn!(
            "the page numbers in {pdf}'s contents could not be checked, because the browser's PDF could not be read ({error}); check the contents list before you print it on paper"
        ),
    }
}

fn check(
    dir: &Path,
    format: Format,
    options: &BuildOptions,
    quiet: bool,
) -> Result<ExitCode, String> {
    let build = check_site(dir, options).map_err(|error| error.to_string())?;
    match format {
        Format::Human => {
            report(&build);
            if !quiet {
                // The lessons that could not be read were checked too: they have the errors.
                let unreadable = (build.guide.absent.iter())
                    .filter(|file| file.absence == Absence::Unreadable)
                    .filter(|file| !file.content_path.starts_with(&format!("{PAGES_DIR}/")))
                    .count();
                let lessons = build.guide.lessons.len() + unreadable;
                say!(
                    "Checked {}: {}.",
                    count(lessons, "lesson", "lessons"),
                    Tally::of(&build.diagnostics)
                );
            }
        }
        Format::Json => {
            let json = serde_json::to_string_pretty(&to_json(&build.diagnostics, &build.sources))
                .map_err(|e| e.to_string())?;
            say!("{json}");
        }
    }
    Ok(if build.error_count() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// mimalloc instead of the system allocator: builds allocate many short-lived strings on several
/// threads, and with glibc's allocator a 10,000-lesson build spent a quarter more time (and grew
/// faster than the guide) in its free lists. See benches/README.md for the measurements.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
