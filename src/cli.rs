//! The command line's definition (clap derive): every command, flag and help text of the
//! `guidebook` binary. `main.rs` runs what it parses.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "guidebook",
    version,
    about = "Turn a folder of Markdown lessons into a training guide: website, print edition and handout."
)]
pub struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more about what is happening.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the website, print edition and handout into a folder.
    #[command(
        after_help = "Examples:\n  guidebook build\n  guidebook build my-guide --output /tmp/site\n  guidebook build --drafts\n  guidebook build --instructor --output instructor-site"
    )]
    Build {
        /// The guide folder (holding guide.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the site [default: DIR/site].
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        site: SiteFlags,
    },
    /// Check the guide for errors without writing anything.
    #[command(
        after_help = "Examples:\n  guidebook check\n  guidebook check my-guide --format json"
    )]
    Check {
        /// The guide folder (holding guide.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        site: SiteFlags,
    },
    /// Build the site, then print guide.pdf and handout.pdf into it with headless Chromium.
    #[command(
        after_help = "Examples:\n  guidebook pdf\n  guidebook pdf my-guide --output /tmp/site --chrome /usr/bin/chromium\n\nThe browser is --chrome, else $GUIDEBOOK_CHROME, else chromium, chromium-browser or google-chrome on PATH."
    )]
    Pdf {
        /// The guide folder (holding guide.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the site and the PDFs [default: DIR/site].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The Chromium or Chrome executable to print with.
        #[arg(long)]
        chrome: Option<PathBuf>,
        #[command(flatten)]
        site: SiteFlags,
    },
    /// Write a new guide (config, introduction, two lessons, gear, .gitignore) into an empty folder.
    #[command(
        after_help = "Examples:\n  guidebook init my-guide\n  cd my-guide && guidebook serve\n  guidebook init my-guide --ci github\n  guidebook init --ci gitlab    # in a folder that holds a guide: the CI file only"
    )]
    Init {
        /// The folder to create (must be absent or empty, or hold a guide with --ci).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write a workflow that publishes the guide: GitHub Pages or GitLab Pages.
        #[arg(long, value_enum, value_name = "SERVICE")]
        ci: Option<Ci>,
    },
    /// Write a new lesson with its front matter filled in.
    #[command(
        after_help = "Examples:\n  guidebook new \"Fit the harness\"\n  guidebook new \"Fit the harness\" my-guide --step 3"
    )]
    New {
        /// The lesson's title.
        title: String,
        /// The guide folder (holding guide.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Its step number [default: after the last lesson].
        #[arg(long)]
        step: Option<u32>,
    },
    /// Move a Carpentries Workbench lesson or an mdBook into a new guide.
    #[command(
        after_help = "Examples:\n  guidebook import ../git-novice git-guide\n  guidebook import ../my-book my-guide && guidebook serve my-guide\n\nSOURCE is read, never changed. DEST must be absent or empty; the guide is written whole or not at all."
    )]
    Import {
        /// The lesson (config.yaml and episodes/) or book (book.toml and SUMMARY.md) to import.
        source: PathBuf,
        /// The folder to write the new guide into (must be absent or empty).
        dest: PathBuf,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  guidebook completions bash > ~/.local/share/bash-completion/completions/guidebook\n  guidebook completions zsh > ~/.zfunc/_guidebook\n  guidebook completions fish > ~/.config/fish/completions/guidebook.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Preview the guide while you write: rebuilds on every save and reloads the browser.
    #[command(
        after_help = "Examples:\n  guidebook serve\n  guidebook serve my-guide --port 0 --open\n  guidebook serve --poll    # for network or VM shares"
    )]
    Serve {
        /// The guide folder (holding guide.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on; anything but loopback exposes the preview to your network.
        #[arg(short, long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the preview in a browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of waiting for file system events.
        #[arg(long)]
        poll: bool,
        #[command(flatten)]
        site: SiteFlags,
    },
}

/// What goes into the site, for every command that builds one.
#[derive(Args, Clone, Copy, Debug)]
pub struct SiteFlags {
    /// Include lessons marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Build the instructors' edition: `::: instructor` notes are shown, marked.
    #[arg(long)]
    pub instructor: bool,
}

/// Where `init --ci` publishes the guide.
#[derive(Clone, Copy, ValueEnum)]
pub enum Ci {
    /// .github/workflows/guidebook.yml, for GitHub Pages.
    Github,
    /// .gitlab-ci.yml, for GitLab Pages.
    Gitlab,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
