//! What an import makes before anything is written: the new guide's files (a
//! [`NewGuide`](crate::scaffold::write::NewGuide)), where each file of the source went
//! ([`Places`]), what was converted ([`Counts`]) and what was not ([`Note`]s).

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::links::Written;
use super::paths::{decode, encode, folder_of, relative};
use crate::scaffold::write::NewGuide;

/// A new guide in the making.
#[derive(Debug, Default)]
pub struct Plan {
    pub guide: NewGuide,
    pub counts: Counts,
    pub notes: Vec<Note>,
    /// The new site's addresses held so far, in lower case: every page's own
    /// (`<slug>.html`) and the aliases given (see [`super::convert::keep_aliases`]).
    pub addresses: HashSet<String>,
}

impl Plan {
    /// Notes something about `file` (a path in the source) at `line` (0: the whole file).
    pub fn note(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.notes.push(Note {
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }
}

/// Something the import could not convert, or changed in a way the author should know of, at
/// its place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The file in the source folder, `/`-separated.
    pub file: String,
    /// Its 1-based line, or 0 for the whole file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}

/// What the import made, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub lessons: usize,
    /// Of the lessons, those marked `draft: true`.
    pub drafts: usize,
    /// Reference pages (instructors' included).
    pub pages: usize,
    /// Of the pages, those only in the instructors' edition.
    pub instructor_pages: usize,
    pub introduction: bool,
    /// Markdown files kept as partials (`_name.md`), for includes.
    pub partials: usize,
    /// Other files copied (figures, data, code).
    pub files: usize,
    /// Links and images whose destination was rewritten.
    pub links: usize,
    /// Includes kept, with their paths placed.
    pub includes: usize,
    /// `outline` blocks made.
    pub outlines: usize,
    /// Blocks made from what Jekyll-era lessons wrote (a blockquote closed by `{: .challenge}`,
    /// `questions` in front matter).
    pub blocks: usize,
    /// Old addresses kept as `aliases`.
    pub aliases: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut made = vec![plural(self.lessons, "lesson", "lessons")];
        if self.drafts > 0 {
            made[0].push_str(&format!(
                " ({} draft{})",
                self.drafts,
                if self.drafts == 1 { "" } else { "s" }
            ));
        }
        let mut pages = plural(self.pages, "reference page", "reference pages");
        if self.instructor_pages > 0 {
            pages.push_str(&format!(" ({} for instructors)", self.instructor_pages));
        }
        made.push(pages);
        if self.introduction {
            made.push("the introduction".to_string());
        }
        if self.partials > 0 {
            made.push(plural(self.partials, "partial", "partials"));
        }
        made.push(plural(self.files, "other file", "other files"));
        let mut changed = vec![plural(self.links, "link rewritten", "links rewritten")];
        if self.includes > 0 {
            changed.push(plural(self.includes, "include kept", "includes kept"));
        }
        if self.outlines > 0 {
            changed.push(plural(self.outlines, "outline made", "outlines made"));
        }
        if self.blocks > 0 {
            changed.push(plural(
                self.blocks,
                "block made from Jekyll's syntax",
                "blocks made from Jekyll's syntax",
            ));
        }
        changed.push(plural(
            self.aliases,
            "old address kept",
            "old addresses kept",
        ));
        write!(f, "{}; {}", made.join(", "), changed.join(", "))
    }
}

/// Where the source's files go in the new guide, and which page answered at each of the old
/// site's addresses.
#[derive(Debug, Default)]
pub struct Places {
    /// Source path -> path inside `content/`.
    files: HashMap<String, String>,
    /// The old site's address (`02-setup.html`, `format/index.html`) -> path inside `content/`.
    addresses: HashMap<String, String>,
    /// A page's path inside `content/` -> its address in the new site (`setup.html`).
    served: HashMap<String, String>,
}

impl Places {
    /// Notes that the source file `source` becomes `content/<dest>`.
    pub fn put(&mut self, source: &str, dest: &str) {
        self.files.insert(source.to_string(), dest.to_string());
    }

    /// Notes that the old site's `address` was the page now at `content/<dest>`.
    pub fn address(&mut self, address: &str, dest: &str) {
        self.addresses
            .entry(address.to_string())
            .or_insert_with(|| dest.to_string());
    }

    /// Where the source file `source` went.
    pub fn get(&self, source: &str) -> Option<&str> {
        self.files.get(source).map(String::as_str)
    }

    /// Notes that the page at `content/<dest>` is served at `address` in the new site
    /// (`<slug>.html`, `index.html` for the introduction).
    pub fn serve(&mut self, dest: &str, address: String) {
        self.served.insert(dest.to_string(), address);
    }

    /// A link from the file at `content/<from>` to `content/<to>`, written as `written`: in
    /// Markdown, the path between the files; in raw HTML, `to`'s address in the site (every
    /// page is at the site's top, and every other file at its path in `content/`).
    pub fn link(&self, from: &str, to: &str, written: Written) -> String {
        match written {
            Written::Markdown => link_from(from, to),
            Written::Html => match self.served.get(to) {
                Some(address) => encode(address),
                None => encode(to),
            },
        }
    }

    /// The page that answered at `address`.
    pub fn page_at(&self, address: &str) -> Option<&str> {
        self.addresses.get(address).map(String::as_str)
    }
}

/// A link's new path: from the folder of the file at `content/<from>` to `content/<to>`,
/// encoded for Markdown.
pub fn link_from(from: &str, to: &str) -> String {
    encode(&relative(folder_of(from), to))
}

/// A link's path as the file system names it, or `None` when it is empty.
pub fn decoded(path: &str) -> Option<String> {
    let path = decode(path);
    (!path.is_empty()).then(|| path.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_a_sentence() {
        let counts = Counts {
            lessons: 14,
            drafts: 1,
            pages: 4,
            instructor_pages: 1,
            introduction: true,
            files: 41,
            links: 57,
            aliases: 1,
            ..Counts::default()
        };
        assert_eq!(
            counts.to_string(),
            "14 lessons (1 draft), 4 reference pages (1 for instructors), the introduction, 41 other files; 57 links rewritten, 1 old address kept"
        );
    }

    #[test]
    fn raw_html_links_lead_from_the_pages_address() {
        let mut places = Places::default();
        places.serve("format/summary.md", "summary.html".to_string());
        let from = "format/mdbook.md";
        let image = "format/images/logo 1.svg";
        assert_eq!(
            places.link(from, image, Written::Markdown),
            "images/logo%201.svg"
        );
        assert_eq!(
            places.link(from, image, Written::Html),
            "format/images/logo%201.svg"
        );
        let page = "format/summary.md";
        assert_eq!(places.link(from, page, Written::Markdown), "summary.md");
        assert_eq!(places.link(from, page, Written::Html), "summary.html");
    }

    #[test]
    fn notes_point_at_their_line() {
        let note = Note {
            file: "episodes/01.md".into(),
            line: 12,
            message: "left out".into(),
        };
        assert_eq!(note.to_string(), "episodes/01.md:12: left out");
    }
}
