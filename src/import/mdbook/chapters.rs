//! Where each of the book's files goes: chapters (lessons, reference pages, the introduction),
//! partials and other files, each chapter's slug and the old addresses it keeps as aliases.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::book_toml::{BOOK_TOML, BookConfig};
use super::names::{address_of, guide_path, slug_wishes, stem_counts};
use super::summary::{Entry, Place, read_summary};
use crate::import::convert::{Slugs, keepable_alias};
use crate::import::paths::{extension, file_name, folder_of, join, split_link, stem};
use crate::import::plan::{Places, Plan};
use crate::import::source::Source;
use crate::load::{INTRO_FILE, PAGES_DIR};
use crate::model::slug::slugify;

/// What a chapter becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Intro,
    Lesson { step: u64 },
    Page,
}

/// A chapter of `SUMMARY.md` and where it goes.
#[derive(Debug)]
pub struct Chapter {
    /// Its entry in `SUMMARY.md`.
    pub entry: usize,
    /// Its file, from the book's top (`src/format/summary.md`); `None` for a draft.
    pub source: Option<String>,
    /// Its path in `content/`.
    pub dest: String,
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    /// The old site's addresses that lead here now.
    pub aliases: Vec<String>,
}

/// The book being imported.
pub struct Book<'a> {
    pub source: &'a Source,
    /// The chapters' folder from the book's top (`src`, or `` for the top itself).
    pub src: String,
    pub config: BookConfig,
    pub summary_file: String,
    pub entries: Vec<Entry>,
    pub chapters: Vec<Chapter>,
    /// Markdown files not in `SUMMARY.md`: (source, path in `content/`).
    pub partials: Vec<(String, String)>,
    /// Every other file of the chapters' folder: (source, path in `content/`).
    pub assets: Vec<(String, String)>,
    pub places: Places,
    pub slugs: Slugs,
    dests: HashSet<String>,
    /// Files outside the chapters' folder that chapters include: source -> path in the guide.
    pub externals: RefCell<BTreeMap<String, String>>,
    /// The partials some chapter includes.
    pub included: RefCell<HashSet<String>>,
}

impl<'a> Book<'a> {
    pub fn new(source: &'a Source, src: &str, config: BookConfig, summary_file: &str) -> Self {
        Book {
            source,
            src: src.to_string(),
            config,
            summary_file: summary_file.to_string(),
            entries: Vec::new(),
            chapters: Vec::new(),
            partials: Vec::new(),
            assets: Vec::new(),
            places: Places::default(),
            slugs: Slugs::default(),
            dests: HashSet::new(),
            externals: RefCell::new(BTreeMap::new()),
            included: RefCell::new(HashSet::new()),
        }
    }

    /// A path from the chapters' folder as a path from the book's top.
    pub fn top_path(&self, in_src: &str) -> String {
        if self.src.is_empty() {
            in_src.to_string()
        } else {
            format!("{}/{in_src}", self.src)
        }
    }

    /// A path from the book's top as a path from the chapters' folder (`None` outside it).
    pub fn in_src<'p>(&self, from_top: &'p str) -> Option<&'p str> {
        if self.src.is_empty() {
            Some(from_top)
        } else {
            from_top.strip_prefix(&self.src)?.strip_prefix('/')
        }
    }

    /// Reads `SUMMARY.md` and places every file of the chapters' folder.
    pub fn place(&mut self, summary_text: &str, plan: &mut Plan) {
        let (entries, strays) = read_summary(summary_text);
        for (line, message) in strays {
            plan.note(&self.summary_file, line, format!("{message}: left out"));
        }
        self.entries = entries;
        self.place_chapters(plan);
        let files = self.book_files(plan);
        for path in files {
            if self.places.get(&path).is_some() || path == self.summary_file {
                continue;
            }
            let Some(in_src) = self.in_src(&path).map(str::to_string) else {
                continue;
            };
            if extension(&path) == "md" {
                self.place_partial(&path, &in_src);
            } else {
                let dest = self.unique(guide_path(&in_src, false));
                self.places.put(&path, &dest);
                self.assets.push((path, dest));
            }
        }
        let summary = self.summary_file.clone();
        self.place_partial(&summary, "SUMMARY.md");
        self.place_redirects(plan);
    }

    /// Every file of the chapters' folder, without the book's own (`book.toml`, the build
    /// and theme folders) when the chapters' folder is the book's top.
    fn book_files(&self, plan: &mut Plan) -> Vec<String> {
        let mut files = self.source.files(&self.src, usize::MAX, plan);
        if self.src.is_empty() {
            files.retain(|path| {
                path != BOOK_TOML && !path.starts_with("book/") && !path.starts_with("theme/")
            });
        }
        files
    }

    /// Places a Markdown file that is no chapter as a partial, `_name.md`.
    fn place_partial(&mut self, path: &str, in_src: &str) {
        let folder = guide_path(folder_of(in_src), false);
        let name = match file_name(in_src) {
            name if name.starts_with('_') => name.to_string(),
            name => format!("_{name}"),
        };
        let dest = self.unique(if folder.is_empty() {
            name
        } else {
            format!("{folder}/{name}")
        });
        self.places.put(path, &dest);
        self.partials.push((path.to_string(), dest));
    }

    /// Gives every chapter its kind, place, slug and old address.
    fn place_chapters(&mut self, plan: &mut Plan) {
        let mut seen: HashSet<String> = HashSet::new();
        let mut step = 0;
        let mut intro_taken = false;
        let mut wanted = Vec::new();
        for (index, entry) in self.entries.iter().enumerate() {
            let in_src = match &entry.path {
                None => None,
                Some(path) => {
                    let decoded = crate::import::paths::decode(split_link(path).0).into_owned();
                    match join("", &decoded) {
                        Some(in_src) if self.source.is_file(&self.top_path(&in_src)) => {
                            if !seen.insert(in_src.clone()) {
                                plan.note(
                                    &self.summary_file,
                                    entry.line,
                                    format!("`{path}` is listed a second time: left out here"),
                                );
                                continue;
                            }
                            Some(in_src)
                        }
                        _ => {
                            plan.note(
                                &self.summary_file,
                                entry.line,
                                format!("`{path}` is not a file of the book: left out"),
                            );
                            continue;
                        }
                    }
                }
            };
            let kind = match entry.place {
                Place::Numbered { .. } => {
                    step += 1;
                    Kind::Lesson { step }
                }
                Place::Prefix if !intro_taken => {
                    intro_taken = true;
                    Kind::Intro
                }
                Place::Prefix | Place::Suffix => Kind::Page,
            };
            wanted.push((index, in_src, kind));
        }
        let stems = stem_counts(&wanted);
        for (index, in_src, kind) in wanted {
            self.place_chapter(index, in_src, kind, &stems, plan);
        }
    }

    fn place_chapter(
        &mut self,
        index: usize,
        in_src: Option<String>,
        kind: Kind,
        stems: &HashMap<String, usize>,
        plan: &mut Plan,
    ) {
        let entry = &self.entries[index];
        let title = if entry.title.is_empty() {
            in_src.as_deref().map_or("Untitled", stem).to_string()
        } else {
            entry.title.clone()
        };
        let source = in_src.as_deref().map(|p| self.top_path(p));
        let old_address = in_src.as_deref().map(address_of);
        let (dest, slug) = match (kind, in_src.as_deref()) {
            (Kind::Intro, _) => {
                if let Some(address) = old_address.as_deref().filter(|a| *a != "index.html") {
                    plan.note(
                        &self.summary_file,
                        entry.line,
                        format!("the book's first page becomes the guide's home page (index.html); `{address}` is not kept"),
                    );
                }
                (INTRO_FILE.to_string(), String::new())
            }
            (_, Some(in_src)) => {
                let dest = match kind {
                    Kind::Page => format!("{PAGES_DIR}/{}", guide_path(in_src, true)),
                    _ => guide_path(in_src, false),
                };
                let dest = self.unique(dest);
                let slug = self.slugs.claim(&slug_wishes(in_src, &title, stems));
                (dest, slug)
            }
            (_, None) => {
                // A draft: a new file beside its parent chapter's.
                let parent_folder = match &entry.place {
                    Place::Numbered {
                        parent: Some(parent),
                        ..
                    } => self
                        .chapters
                        .iter()
                        .find(|c| c.entry == *parent)
                        .map(|c| folder_of(&c.dest).to_string()),
                    _ => None,
                }
                .unwrap_or_default();
                let name = match slugify(&title) {
                    name if name.is_empty() => "draft".to_string(),
                    name => name,
                };
                let dest = self.unique(
                    join(&parent_folder, &format!("{name}.md")).unwrap_or(name.clone() + ".md"),
                );
                let slug = self.slugs.claim(&[name]);
                (dest, slug)
            }
        };
        let mut aliases = Vec::new();
        if let (Some(source), Some(address)) = (&source, &old_address) {
            self.places.put(source, &dest);
            self.places.address(address, &dest);
            let served = match kind {
                Kind::Intro => "index.html".to_string(),
                _ => format!("{slug}.html"),
            };
            self.places.serve(&dest, served);
            if kind != Kind::Intro && keepable_alias(address, &slug) {
                aliases.push(address.clone());
            }
        }
        self.chapters.push(Chapter {
            entry: index,
            source,
            dest,
            kind,
            slug,
            title,
            aliases,
        });
    }

    /// `[output.html.redirect]`: each old address becomes an alias of the page it leads to.
    fn place_redirects(&mut self, plan: &mut Plan) {
        for (old, target) in self.config.redirects.clone() {
            let old = old.trim_start_matches('/').to_string();
            let (target_path, _) = split_link(&target);
            let resolved = if target.contains("://") {
                None
            } else {
                join(folder_of(&old), target_path)
            };
            let page = resolved
                .as_deref()
                .and_then(|address| self.places.page_at(address));
            let chapter = page.and_then(|dest| self.chapters.iter_mut().find(|c| c.dest == dest));
            match chapter {
                Some(chapter) if chapter.kind != Kind::Intro && keepable_alias(&old, &chapter.slug) => {
                    if !chapter.aliases.contains(&old) {
                        chapter.aliases.push(old);
                    }
                }
                _ => plan.note(
                    BOOK_TOML,
                    0,
                    format!("the redirect from `/{old}` to `{target}` is not kept: it leads to no lesson or page of the guide, or its address is one of guidebook's own pages"),
                ),
            }
        }
    }

    /// `dest`, or, when another file took it (in any letter case), `dest` with `-2`, `-3` ...
    /// before its extension.
    fn unique(&mut self, dest: String) -> String {
        let mut candidate = dest.clone();
        let mut n = 2;
        while !self.dests.insert(candidate.to_lowercase()) {
            candidate = match dest.rsplit_once('.') {
                Some((base, ext)) if !base.ends_with('/') => format!("{base}-{n}.{ext}"),
                _ => format!("{dest}-{n}"),
            };
            n += 1;
        }
        candidate
    }
}
