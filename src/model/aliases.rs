//! `aliases:` in a lesson's or reference page's front matter: older addresses of its page
//! (`02-filedir.html`, `format/summary.html`, `format/` for `format/index.html`), relative to the
//! site's root, each of which becomes a small page that sends the reader on ([`Redirect`]).
//!
//! An alias is checked like any path of the site: it must be a plain relative path to an
//! `.html` file or a folder (no `..`, scheme, query or fragment), and it may not take the place
//! of a lesson's or page's address, another alias, a file beside the lessons, one of the site's
//! own pages (`index.html`, `gear.html`, `assets/` ...) or another language's folder (`es/`),
//! nor need a folder where one of those is a file. Letter case does not tell paths apart, as on
//! Windows and macOS. Writing the redirect pages is the renderer's.

use fnv::FnvHashMap as HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::config::Config;
use super::front_matter::FileParts;
use super::language::folder_of;
use super::lesson::LessonFile;
use super::page::ReferencePage;
use super::slug::is_reserved;
use crate::diagnostics::Diagnostic;
use crate::load::{Asset, CONTENT_DIR};

/// An old address of a page and the page it now is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Where the redirect page goes in the site (in the language's folder), e.g.
    /// `format/index.html`.
    pub path: String,
    pub target: RedirectTarget,
}

/// The page a redirect leads to, by its index in the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectTarget {
    /// An index into [`super::Guide::lessons`].
    Lesson(usize),
    /// An index into [`super::Guide::pages`].
    Page(usize),
}

/// An alias that passed the checks: its path in the site and the slug of its page.
#[derive(Debug, Clone)]
pub(super) struct CheckedAlias {
    pub path: String,
    pub slug: String,
}

/// The path in the site an alias stands for: a leading `/` dropped, a folder's `index.html`
/// added; or why it cannot be one.
pub fn alias_path(written: &str) -> Result<String, &'static str> {
    let path = written.trim();
    if path.is_empty() {
        return Err("an alias is empty");
    }
    if path.starts_with("//") || path.contains(':') {
        return Err("an alias is a path in this site, not a URL");
    }
    if path.contains(['?', '#']) {
        return Err("an alias has no query (`?`) or fragment (`#`)");
    }
    if path.contains('\\') {
        return Err("folders in an alias are separated by `/`");
    }
    let path = path.strip_prefix('/').unwrap_or(path);
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '/');
    if !path.chars().all(allowed) {
        return Err("an alias holds letters, digits, `-`, `_`, `.`, `~` and `/` only");
    }
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if path.split('/').any(|part| matches!(part, "" | "." | "..")) {
        return Err("an alias is a path from the site's root, without `..`, `.` or `//`");
    }
    let is_html = path
        .rsplit_once('.')
        .is_some_and(|(stem, extension)| extension == "html" && !stem.ends_with('/'));
    if !is_html {
        return Err("an alias is the address of a page: it ends with `.html`, or `/` for a folder");
    }
    Ok(path)
}

/// Who holds each path of the site, for telling an alias whose place it would take.
#[derive(Default)]
struct SitePaths {
    /// Files, by path in lower case: what holds each (for the label).
    files: HashMap<String, String>,
    /// Folders some file needs, by path in lower case (without the trailing `/`): which file.
    folders: HashMap<String, String>,
}

impl SitePaths {
    fn take(&mut self, path: &str, holder: String) {
        let lower = path.to_lowercase();
        let mut folder = lower.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            self.folders
                .entry(parent.to_string())
                .or_insert_with(|| holder.clone());
            folder = parent;
        }
        self.files.entry(lower).or_insert(holder);
    }

    /// What `path` would collide with, if anything: a file at that path, a file that needs it
    /// as a folder, or a file where it needs a folder.
    fn holder(&self, path: &str) -> Option<String> {
        let lower = path.to_lowercase();
        if let Some(holder) = self.files.get(&lower) {
            return Some(holder.clone());
        }
        if let Some(holder) = self.folders.get(&lower) {
            return Some(format!("{holder}, which needs `{path}` as a folder"));
        }
        let mut folder = lower.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if let Some(holder) = self.files.get(parent) {
                return Some(format!("{holder}, a file where `{path}` needs a folder"));
            }
            folder = parent;
        }
        None
    }
}

/// Why `path` (an alias's) is one the site keeps for itself, if it is.
fn site_own(path: &str, config: &Config) -> Option<String> {
    let first = path.split('/').next().unwrap_or_default();
    if first.eq_ignore_ascii_case("assets") && path.contains('/') {
        return Some("the site's own `assets/` folder".to_string());
    }
    if path.contains('/') {
        let language = config.language_codes().find(|code| {
            let folder = folder_of(config, code);
            folder.trim_end_matches('/').eq_ignore_ascii_case(first)
        })?;
        return Some(format!(
            "the `{first}/` folder, which holds the guide in `{language}`"
        ));
    }
    let stem = path.strip_suffix(".html").unwrap_or(path);
    is_reserved(stem).then(|| format!("the site's own page `{path}`"))
}

/// A file with aliases: a lesson or a reference page.
struct Aliased<'a> {
    file: &'a str,
    slug: &'a str,
    aliases: &'a [String],
    parts: &'a FileParts,
}

/// Checks every alias of `files` and `pages` against the site's paths and each other; gives
/// those that pass, and a problem at its line for each that does not.
pub(super) fn check_aliases(
    files: &[Arc<LessonFile>],
    pages: &[ReferencePage],
    assets: &[Asset],
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Vec<CheckedAlias> {
    let lessons = files.iter().map(|f| Aliased {
        file: &f.file,
        slug: &f.slug,
        aliases: &f.aliases,
        parts: &f.parts,
    });
    let references = pages.iter().map(|p| Aliased {
        file: &p.file,
        slug: &p.slug,
        aliases: &p.aliases,
        parts: &p.parts,
    });
    let aliased: Vec<Aliased<'_>> = lessons.chain(references).collect();
    if aliased.iter().all(|a| a.aliases.is_empty()) {
        return Vec::new();
    }
    let mut paths = SitePaths::default();
    for page in &aliased {
        paths.take(
            &format!("{}.html", page.slug),
            format!("the page of `{}`", page.file),
        );
    }
    for asset in assets {
        paths.take(
            &asset.content_path,
            format!("the file `{CONTENT_DIR}/{}`", asset.content_path),
        );
    }
    let mut checked = Vec::new();
    for page in &aliased {
        for written in page.aliases {
            let span = page.parts.item_span("aliases", written);
            match check_one(written, page, &paths, config, span) {
                Ok(path) => {
                    paths.take(&path, format!("an alias of `{}`", page.file));
                    checked.push(CheckedAlias {
                        path,
                        slug: page.slug.to_string(),
                    });
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    checked
}

fn check_one(
    written: &str,
    page: &Aliased<'_>,
    paths: &SitePaths,
    config: &Config,
    span: Range<usize>,
) -> Result<String, Diagnostic> {
    let path = alias_path(written).map_err(|why| {
        Diagnostic::error(page.file, span.clone(), format!("`{written}` cannot be an alias"))
            .with_label(why)
            .with_help("write the old address from the site's root, e.g. `02-filedir.html`, `format/summary.html`, or `format/` for `format/index.html`")
    })?;
    let own = format!("{}.html", page.slug);
    if path.eq_ignore_ascii_case(&own) {
        // Nothing to send on: a warning, not an error, so that a page that kept its address (or
        // an importer listing every old address) still builds.
        return Err(Diagnostic::warning(
            page.file,
            span,
            format!("`{written}` is this page's own address"),
        )
        .with_help("an alias is an older address of the page; remove this one"));
    }
    let taken = site_own(&path, config).or_else(|| paths.holder(&path));
    match taken {
        None => Ok(path),
        Some(holder) => Err(Diagnostic::error(
            page.file,
            span,
            format!("the alias `{written}` takes the place of {holder}"),
        )
        .with_label("already part of the site")
        .with_help(
            "an alias must be an address nothing else in the site has (letter case aside): remove it, or rename what holds it",
        )),
    }
}

/// The redirects of the pages in the guide: each checked alias whose page was kept, pointing at
/// its index. `lesson_slugs` and `page_slugs` are the guide's lessons and reference pages, in
/// their order.
pub(super) fn redirects<'a>(
    checked: Vec<CheckedAlias>,
    lesson_slugs: impl Iterator<Item = &'a str>,
    page_slugs: impl Iterator<Item = &'a str>,
) -> Vec<Redirect> {
    if checked.is_empty() {
        return Vec::new();
    }
    let mut targets: HashMap<&str, RedirectTarget> = HashMap::default();
    for (index, slug) in lesson_slugs.enumerate() {
        targets.insert(slug, RedirectTarget::Lesson(index));
    }
    for (index, slug) in page_slugs.enumerate() {
        targets.entry(slug).or_insert(RedirectTarget::Page(index));
    }
    checked
        .into_iter()
        .filter_map(|alias| {
            let target = *targets.get(alias.slug.as_str())?;
            Some(Redirect {
                path: alias.path,
                target,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_become_paths_from_the_root() {
        assert_eq!(alias_path("02-filedir.html").unwrap(), "02-filedir.html");
        assert_eq!(alias_path("/02-filedir.html").unwrap(), "02-filedir.html");
        assert_eq!(alias_path("format/").unwrap(), "format/index.html");
        assert_eq!(
            alias_path(" format/summary.html ").unwrap(),
            "format/summary.html"
        );
        assert_eq!(alias_path("/").unwrap(), "index.html");
        assert_eq!(alias_path("über/ä.html").unwrap(), "über/ä.html");
    }

    #[test]
    fn paths_that_are_no_page_of_the_site_are_refused() {
        for bad in [
            "",
            "../x.html",
            "a/../x.html",
            "./x.html",
            "a//b.html",
            "https://example.com/x.html",
            "//example.com/x.html",
            "x.html?y=1",
            "x.html#part",
            "a\\b.html",
            "x.md",
            "x",
            "x.htm",
            "a/.html",
            "a b.html",
        ] {
            assert!(alias_path(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_path_collides_with_files_folders_and_files_where_folders_are_needed() {
        let mut paths = SitePaths::default();
        paths.take("fit.html", "the page of `content/fit.md`".into());
        paths.take("fig/strap.png", "the file `content/fig/strap.png`".into());
        assert!(paths.holder("Fit.html").is_some());
        assert!(paths.holder("fig").is_some());
        assert!(paths.holder("fit.html/old.html").is_some());
        assert!(paths.holder("fig/old.html").is_none());
        assert!(paths.holder("other.html").is_none());
    }
}
