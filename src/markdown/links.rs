//! Links between lessons and reference pages: `other.md` and `other.md#part` (relative to the
//! current file, as Markdown editors resolve them) become `other-slug.html#part` (in print, the
//! page's section, e.g. `#lesson-other-slug` or `#page-glossary`, and `#other-slug-part`, inside
//! the one document). A link to a Markdown file that is not a page is an error; anchors are
//! checked once every page's headings are known.

use fnv::{FnvHashMap as HashMap, FnvHashSet as HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::unmatched::{Among, Unmatched};
use super::{LinkCheck, MarkdownInput, Spanned, Target};
use crate::diagnostics::Diagnostic;
use crate::model::absent::Absence;
use crate::model::slug::lower_case;

/// Where each lesson file's page is: `content/`-relative path -> output page (`slug.html`).
#[derive(Debug, Default, Clone)]
pub struct PageMap {
    pages: HashMap<String, PageTarget>,
    /// The paths of `pages` not in lower case by their lower-case spelling, to find a link
    /// written in other letter case without comparing it with every page (a path in lower case
    /// is its own key in `pages`).
    by_lower_case: HashMap<String, Vec<String>>,
    /// Every page the site will have, by its path in the site (`gear.html`), for links written
    /// to a page's address rather than to its Markdown file.
    site_pages: HashSet<String>,
    /// Lessons and pages left out of the site, by `content/`-relative path.
    absent: HashMap<String, Absence>,
}

/// What a link to a Markdown file finds.
enum Found<'a> {
    Page(&'a PageTarget),
    /// The page of a file whose name differs only in letter case (the file's real path).
    OtherCase(&'a PageTarget, &'a str),
    Absent(Absence),
    Nothing,
}

/// Whether `path` names a Markdown file (`.md`, in any letter case).
fn is_markdown_file(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, extension)| extension.eq_ignore_ascii_case("md"))
}

/// A page a link can point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTarget {
    /// The page's file name in the site, e.g. `fit.html`.
    pub href: String,
    /// The key under which its anchors are known (the slug, or `index`); in print, its ids
    /// are prefixed with it.
    pub page: String,
    /// The id of the page's section in the print edition (`lesson-fit`, `page-glossary`), or
    /// `None` when the page is not printed (the home page).
    pub print_id: Option<String>,
}

impl PageMap {
    /// An empty map with room for `pages` pages and files, so that filling it does not grow it.
    pub fn with_capacity(pages: usize) -> Self {
        PageMap {
            pages: HashMap::with_capacity_and_hasher(pages, Default::default()),
            by_lower_case: HashMap::default(),
            site_pages: HashSet::with_capacity_and_hasher(pages, Default::default()),
            absent: HashMap::default(),
        }
    }

    /// Adds a page that links can lead to.
    pub fn insert(&mut self, content_path: &str, target: PageTarget) {
        let is_new = (self.pages.insert(content_path.to_string(), target)).is_none();
        // A path already in lower case is found by its own key (see `find`).
        let lower = lower_case(content_path);
        if is_new && lower != content_path {
            (self.by_lower_case.entry(lower.into_owned()))
                .or_default()
                .push(content_path.to_string());
        }
    }

    /// The page a link to `content_path` (exactly as written) leads to.
    pub fn get(&self, content_path: &str) -> Option<&PageTarget> {
        self.pages.get(content_path)
    }

    /// Notes that the site will have a page at `path`.
    pub fn add_site_page(&mut self, path: String) {
        self.site_pages.insert(path);
    }

    /// Whether the site will have a page at `path`.
    pub fn is_site_page(&self, path: &str) -> bool {
        self.site_pages.contains(path)
    }

    /// Notes that the file at `content_path` is a lesson or page left out of the site.
    pub fn insert_absent(&mut self, content_path: &str, absence: Absence) {
        self.absent.insert(content_path.to_string(), absence);
    }

    /// What a link to `content_path` leads to: a page (found as written, or ignoring letter
    /// case), a file left out of the site, or nothing.
    fn find(&self, content_path: &str) -> Found<'_> {
        if let Some(target) = self.pages.get(content_path) {
            return Found::Page(target);
        }
        if let Some(absence) = self.absent.get(content_path) {
            return Found::Absent(*absence);
        }
        let lower = content_path.to_lowercase();
        let in_lower_case = self.pages.get_key_value(&lower);
        let others = self
            .by_lower_case
            .get(&lower)
            .map_or(&[][..], Vec::as_slice);
        let same: Option<&str> = match (in_lower_case, others) {
            (Some((path, _)), []) => Some(path),
            (None, [path]) => Some(path),
            _ => None,
        };
        match same.and_then(|path| Some((self.pages.get(path)?, path))) {
            Some((target, path)) => Found::OtherCase(target, path),
            None => Found::Nothing,
        }
    }

    /// The files a link may name: every lesson's and page's (and their translations').
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pages.keys().map(String::as_str)
    }
}

/// Rewrites links to lesson files, recording problems and the anchors to check later.
pub fn run<'a>(
    mut events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut super::Found,
) -> Vec<Spanned<'a>> {
    // Links to pages this edition leaves out, by the index of their start: shown as plain text.
    let mut unlinked = Vec::new();
    for (index, (event, range)) in events.iter_mut().enumerate() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        let span = input.span(range);
        let url = dest_url.to_string();
        if let Some(scheme) = script_scheme(&url, false) {
            found.problems.push(unsafe_url(input, span, scheme));
            continue;
        }
        if is_external(&url) {
            continue;
        }
        let (before_fragment, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url.as_str(), None),
        };
        // A query means nothing to a page of the site (`fit.md?x=1` is `fit.md`).
        let path = before_fragment.split('?').next().unwrap_or_default();
        if path.is_empty() {
            if let Some(fragment) = fragment {
                found.link_checks.push(LinkCheck {
                    page: input.page.to_string(),
                    anchor: fragment.to_string(),
                    span,
                });
                if input.target == Target::Print {
                    *dest_url = CowStr::from(format!("#{}", input.id(fragment)));
                }
            }
            continue;
        }
        if !is_markdown_file(path) {
            continue;
        }
        let resolved = resolve(input.content_path, path);
        let target = match resolved.as_deref().map(|p| input.pages.find(p)) {
            Some(Found::Page(target)) => target,
            Some(Found::OtherCase(target, actual)) => {
                found.problems.push(
                    Diagnostic::warning(input.file, span.clone(), format!("the file is `{actual}`, in other letter case"))
                        .with_label("found by ignoring letter case")
                        .with_help("write the name as it is on disk, so the link also works on systems that tell case apart"),
                );
                target
            }
            Some(Found::Absent(Absence::Unreadable)) => continue,
            Some(Found::Absent(Absence::InstructorOnly)) => {
                found.problems.push(
                    Diagnostic::warning(input.file, span, format!("the link to `{path}` leads to a page for instructors"))
                        .with_label("shown as plain text in the learners' edition")
                        .with_help("it is a link in the instructors' edition (`--instructor`); remove it, or leave it if learners may know the page exists"),
                );
                unlinked.push(index);
                continue;
            }
            Some(Found::Absent(Absence::Draft)) => {
                found.problems.push(
                    Diagnostic::error(input.file, span, format!("the link to `{path}` leads to a draft"))
                        .with_label("left out of this build")
                        .with_help("publish it (remove `draft: true`), build with --drafts, or remove the link"),
                );
                continue;
            }
            Some(Found::Nothing) | None => {
                if let Some(resolved) = resolved {
                    found.unmatched.push(Unmatched {
                        problem: found.problems.len(),
                        name: resolved,
                        written: path.to_string(),
                        from: input.content_path.to_string(),
                        among: Among::Pages,
                    });
                }
                found.problems.push(missing_lesson(input, span, path));
                continue;
            }
        };
        if let Some(fragment) = fragment {
            found.link_checks.push(LinkCheck {
                page: target.page.clone(),
                anchor: fragment.to_string(),
                span,
            });
        }
        *dest_url = CowStr::from(lesson_href(target, fragment, input.target));
    }
    if unlinked.is_empty() {
        return events;
    }
    without_links(events, &unlinked)
}

/// `events` without the links that start at `starts` (their text stays). Links do not nest, so
/// a link's end is the first one after its start.
fn without_links<'a>(events: Vec<Spanned<'a>>, starts: &[usize]) -> Vec<Spanned<'a>> {
    let mut dropping_end = false;
    let mut starts = starts.iter().peekable();
    (events.into_iter().enumerate())
        .filter_map(|(index, (event, range))| {
            if starts.peek() == Some(&&index) {
                starts.next();
                dropping_end = true;
                return None;
            }
            if dropping_end && matches!(event, Event::End(TagEnd::Link)) {
                dropping_end = false;
                return None;
            }
            Some((event, range))
        })
        .collect()
}

/// Where a link to `target` (and `fragment` in it) leads from a page of `output`.
pub(super) fn lesson_href(target: &PageTarget, fragment: Option<&str>, output: Target) -> String {
    match (output, &target.print_id, fragment) {
        (Target::Print, Some(_), Some(fragment)) => format!("#{}-{fragment}", target.page),
        (Target::Print, Some(section), None) => format!("#{section}"),
        (_, _, Some(fragment)) => format!("{}#{fragment}", target.href),
        (_, _, None) => target.href.clone(),
    }
}

/// The problem of a link to a lesson that is not there, with the general help (a close name
/// is suggested later, see [`super::unmatched`]).
fn missing_lesson(
    input: &MarkdownInput<'_>,
    span: std::ops::Range<usize>,
    path: &str,
) -> Diagnostic {
    Diagnostic::error(
        input.file,
        span,
        format!("the link to `{path}` does not lead to a lesson or page"),
    )
    .with_label("no such lesson file")
    .with_help("link to a lesson's file, relative to this file, e.g. `02-fit-the-harness.md`")
}

/// The scheme of a URL that would run code or smuggle a document when followed: `javascript:`,
/// `vbscript:`, and `data:` (allowed for an image's own picture, `data:image/...`, when
/// `image` is set). Browsers ignore case, surrounding spaces and control characters in the
/// scheme, so this does too.
pub fn script_scheme(url: &str, image: bool) -> Option<&'static str> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.starts_with("javascript:") {
        Some("javascript:")
    } else if cleaned.starts_with("vbscript:") {
        Some("vbscript:")
    } else if cleaned.starts_with("data:") && !(image && cleaned.starts_with("data:image/")) {
        Some("data:")
    } else {
        None
    }
}

/// The error for a link that would run code.
pub fn unsafe_url(
    input: &MarkdownInput<'_>,
    span: std::ops::Range<usize>,
    scheme: &str,
) -> Diagnostic {
    Diagnostic::error(
        input.file,
        span,
        format!("`{scheme}` links are not allowed"),
    )
    .with_label("would run code or open a hidden document in the reader's browser")
    .with_help(
        "link to a page or a file instead; raw HTML is allowed for anything else you need to embed",
    )
}

pub fn is_external(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// `basics/fit.md` + `../intro/scent.md` -> `intro/scent.md`; `None` when it leaves `content/`.
pub fn resolve(from: &str, link: &str) -> Option<String> {
    let link = percent_decode(link);
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        from.split('/').collect()
    };
    if !link.starts_with('/') {
        parts.pop();
    }
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |decoded| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(slug: &str) -> PageTarget {
        PageTarget {
            href: format!("{slug}.html"),
            page: slug.to_string(),
            print_id: None,
        }
    }

    /// The page's slug a link to `path` finds in other letter case, if it finds one.
    fn other_case(pages: &PageMap, path: &str) -> Option<String> {
        match pages.find(path) {
            Found::OtherCase(target, _) => Some(target.page.clone()),
            _ => None,
        }
    }

    #[test]
    fn a_link_in_other_letter_case_finds_the_one_page_it_can_mean() {
        let mut pages = PageMap::with_capacity(4);
        pages.insert("setup/Fit.md", target("fit"));
        pages.insert("walk.md", target("walk"));
        pages.insert("Same.md", target("same-upper"));
        pages.insert("same.md", target("same-lower"));
        assert!(matches!(pages.find("walk.md"), Found::Page(_)));
        assert_eq!(other_case(&pages, "setup/fit.md").as_deref(), Some("fit"));
        assert_eq!(other_case(&pages, "SETUP/FIT.MD").as_deref(), Some("fit"));
        assert_eq!(other_case(&pages, "Walk.md").as_deref(), Some("walk"));
        // Two files differ only by letter case: a third spelling could mean either.
        assert_eq!(other_case(&pages, "SAME.md"), None);
        assert!(matches!(pages.find("gone.md"), Found::Nothing));
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("fit.md", "scent.md").as_deref(), Some("scent.md"));
        assert_eq!(
            resolve("a/fit.md", "../b/scent.md").as_deref(),
            Some("b/scent.md")
        );
        assert_eq!(
            resolve("a/fit.md", "./scent.md").as_deref(),
            Some("a/scent.md")
        );
        assert_eq!(resolve("fit.md", "../outside.md"), None);
        assert_eq!(
            resolve("fit.md", "my%20lesson.md").as_deref(),
            Some("my lesson.md")
        );
    }

    #[test]
    fn printed_pages_are_linked_inside_the_document() {
        let glossary = PageTarget {
            href: "glossary.html".into(),
            page: "glossary".into(),
            print_id: Some("page-glossary".into()),
        };
        let href = |fragment, target| lesson_href(&glossary, fragment, target);
        assert_eq!(href(None, Target::Print), "#page-glossary");
        assert_eq!(href(Some("leash"), Target::Print), "#glossary-leash");
        assert_eq!(href(Some("leash"), Target::Web), "glossary.html#leash");
        let home = PageTarget {
            href: "index.html".into(),
            page: "index".into(),
            print_id: None,
        };
        assert_eq!(lesson_href(&home, Some("a"), Target::Print), "index.html#a");
    }

    #[test]
    fn recognises_external_links() {
        assert!(is_external("https://example.com/a.md"));
        assert!(is_external("mailto:someone@example.com"));
        assert!(!is_external("fit.md"));
        assert!(!is_external("fit.md#a:b"));
    }
}
