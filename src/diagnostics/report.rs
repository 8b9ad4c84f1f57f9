//! Diagnostics rendered rustc-style, for the terminal and the preview's overlay: `error: ...`,
//! `--> file:line:col`, the offending lines with a caret and a label, `= help: ...`. Problems on
//! the same line of a file share one excerpt, with a label each; long lines are cut to a window
//! around the spans ([`super::excerpt`]).

use std::collections::HashMap;
use std::io::Write;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::term::{self, termcolor};

use super::excerpt::{Excerpt, Excerpts};
use super::printable::{printable, printable_lines};
use super::{Diagnostic, Severity, Sources};

/// The most problems of one line marked in its excerpt.
const MAX_LABELS: usize = 8;

/// Where diagnostics go and whether they are coloured.
pub enum ColorMode {
    Always,
    Never,
}

/// Writes every diagnostic rustc-style (`error: ...  --> file:line:col`, the line, a caret).
pub fn render_human(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    color: ColorMode,
) -> std::io::Result<()> {
    let choice = match color {
        ColorMode::Always => termcolor::ColorChoice::Always,
        ColorMode::Never => termcolor::ColorChoice::Never,
    };
    let mut stream = termcolor::StandardStream::stderr(choice);
    if matches!(color, ColorMode::Never) {
        return stream.write_all(render_to_string(diagnostics, sources).as_bytes());
    }
    let (files, reports) = reports(diagnostics, sources);
    let config = term::Config::default();
    for (report, _) in &reports {
        term::emit_to_write_style(&mut stream, &config, &files, report)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    Ok(())
}

/// Plain-text rendering (no colour), as printed on a terminal without colour.
pub fn render_to_string(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let (files, reports) = reports(diagnostics, sources);
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    let mut out = String::new();
    for (report, group) in &reports {
        if term::emit_to_string(&mut out, &config, &files, report).is_err() {
            for diagnostic in group {
                out.push_str(&format!(
                    "error: {}\n --> {}\n",
                    printable_lines(&diagnostic.message),
                    printable(&diagnostic.file)
                ));
            }
        }
    }
    out
}

/// The reports to print, one per group of diagnostics on one line (with the group, for the
/// plain fallback), and their excerpts.
type Reports<'d> = Vec<(Report<usize>, Vec<&'d Diagnostic>)>;

fn reports<'d>(diagnostics: &'d [Diagnostic], sources: &Sources) -> (Excerpts, Reports<'d>) {
    let mut files = Excerpts::default();
    let mut reports = Vec::new();
    for group in groups(diagnostics, sources) {
        let text = sources.get(&group[0].file).unwrap_or_default();
        let spans: Vec<_> = group.iter().map(|d| d.span.clone()).collect();
        let first = spans.iter().map(|s| s.start).min().unwrap_or(0);
        let line = sources.line_start(&group[0].file, first);
        let name = printable(&group[0].file);
        files.0.push(Excerpt::new(&name, text, line, &spans));
        let id = files.0.len() - 1;
        reports.push((group_report(&group, &files.0[id], id), group));
    }
    (files, reports)
}

/// Diagnostics of the same severity on the same line of the same file, in the order their first
/// one comes (they come sorted by file and position).
fn groups<'d>(diagnostics: &'d [Diagnostic], sources: &Sources) -> Vec<Vec<&'d Diagnostic>> {
    let mut groups: Vec<Vec<&Diagnostic>> = Vec::new();
    let mut index: HashMap<(&str, usize, Severity), usize> = HashMap::new();
    for diagnostic in diagnostics {
        let line = sources
            .line_column(&diagnostic.file, diagnostic.span.start)
            .0;
        let key = (diagnostic.file.as_str(), line, diagnostic.severity);
        match index.get(&key) {
            Some(&at) => groups[at].push(diagnostic),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![diagnostic]);
            }
        }
    }
    groups
}

/// One report for a group: the first problem's message and label, the others as labels of
/// their own, every help once.
fn group_report(group: &[&Diagnostic], excerpt: &Excerpt, id: usize) -> Report<usize> {
    let first = group[0];
    let severity = match first.severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
    };
    let span = |d: &Diagnostic| excerpt.map(d.span.start)..excerpt.map(d.span.end);
    let mut labels = vec![match &first.label {
        Some(text) => Label::primary(id, span(first)).with_message(printable_lines(text)),
        None => Label::primary(id, span(first)),
    }];
    for other in group.iter().skip(1).take(MAX_LABELS - 1) {
        labels
            .push(Label::secondary(id, span(other)).with_message(printable_lines(&other.message)));
    }
    let mut notes: Vec<String> = Vec::new();
    if group.len() > 1 {
        notes.push(format!("note: {} problems on this line", group.len()));
    }
    if group.len() > MAX_LABELS {
        notes.push(format!(
            "note: {} more are not marked here; `guidebook check --format json` lists every one",
            group.len() - MAX_LABELS
        ));
    }
    for diagnostic in group {
        if let Some(help) = &diagnostic.help {
            let note = format!("help: {}", printable_lines(help));
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    Report::new(severity)
        .with_message(printable_lines(&first.message))
        .with_labels(labels)
        .with_notes(notes)
}
