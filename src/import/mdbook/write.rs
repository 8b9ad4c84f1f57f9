//! Writing the book's files into the new guide: each chapter with its front matter and its
//! body converted, the partials, the files beside the chapters, the files outside the chapters'
//! folder that chapters include, and `guide.toml`.

use super::book_toml::guide_toml;
use super::chapters::{Book, Chapter, Kind};
use super::course::{ChapterHost, duration};
use super::summary::Place;
use crate::import::ImportError;
use crate::import::convert::{Body, convert_body, keep_aliases};
use crate::import::directives::Syntax;
use crate::import::front_matter::{SourceDoc, read_doc};
use crate::import::links::Written;
use crate::import::paths::{extension, folder_of, join};
use crate::import::plan::{Plan, decoded};
use crate::load::{CONFIG_FILE, CONTENT_DIR};
use crate::scaffold::front_matter::FrontMatter;

/// The front matter keys mdbook-course reads; `minutes` becomes the duration, the others are
/// kept under `extra`.
const COURSE_KEYS: [&str; 1] = ["minutes"];

impl Book<'_> {
    /// Writes the whole guide into `plan`.
    pub fn write(&self, plan: &mut Plan) -> Result<(), ImportError> {
        plan.addresses.extend(self.slugs.addresses());
        let texts: Vec<Option<String>> = (self.chapters.iter())
            .map(|chapter| match &chapter.source {
                Some(source) => self.source.read(source, plan).map(Some),
                None => Ok(None),
            })
            .collect::<Result<_, _>>()?;
        let course = texts
            .iter()
            .flatten()
            .any(|text| read_doc(text).get("minutes").is_some());
        let mut previous: Option<&str> = None;
        for (chapter, text) in self.chapters.iter().zip(&texts) {
            let text = text.as_deref().unwrap_or("");
            let doc = read_doc(text);
            if let Some((_, line, message)) = &doc.unreadable {
                plan.note(
                    chapter.source.as_deref().unwrap_or(&self.summary_file),
                    *line,
                    format!("the front matter could not be read ({message}): left in the body"),
                );
            }
            let body = self.body(chapter, &doc, plan);
            let written = match chapter.kind {
                Kind::Intro => self.intro(chapter, &doc, &body, plan),
                Kind::Page => self.page(chapter, &doc, &body, plan),
                Kind::Lesson { step } => {
                    let lesson = self.lesson(chapter, step, &doc, &body, course, previous, plan);
                    if chapter.source.is_some() {
                        previous = Some(&chapter.slug);
                    }
                    lesson
                }
            };
            plan.guide
                .text(format!("{CONTENT_DIR}/{}", chapter.dest), written);
        }
        self.write_partials(plan)?;
        self.copy_files(plan);
        let fallback = (self.source.root.file_name()).map_or("Imported book".to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
        plan.guide
            .text(CONFIG_FILE, guide_toml(&self.config, &fallback));
        Ok(())
    }

    /// A numbered chapter as a lesson.
    #[allow(clippy::too_many_arguments)]
    fn lesson(
        &self,
        chapter: &Chapter,
        step: u64,
        doc: &SourceDoc<'_>,
        body: &str,
        course: bool,
        previous: Option<&str>,
        plan: &mut Plan,
    ) -> String {
        let mut front = FrontMatter::new();
        front.string("title", &chapter.title);
        front.number("step", step);
        if chapter.slug != crate::model::slug::from_file_name(&chapter.dest) {
            front.string("slug", &chapter.slug);
        }
        let (duration, comment) = match &chapter.source {
            Some(_) => duration(doc, course),
            None => (
                "5 min".to_string(),
                Some("a draft chapter of SUMMARY.md, which has no file yet: change it".to_string()),
            ),
        };
        match comment {
            Some(comment) => front.raw_with_comment("duration", &duration, &comment),
            None => front.raw("duration", &duration),
        };
        if let Some(previous) = previous {
            front.list("prerequisites", &[previous.to_string()]);
        }
        if let Place::Numbered {
            part: Some(part), ..
        } = &self.entries[chapter.entry].place
        {
            front.string("chapter", part);
        }
        if chapter.source.is_none() {
            front.flag("draft");
            plan.counts.drafts += 1;
        }
        self.aliases(&mut front, chapter, plan);
        front.mapping("extra", &doc.other_keys(&COURSE_KEYS));
        plan.counts.lessons += 1;
        front.with_body(body)
    }

    /// A prefix or suffix chapter as a reference page.
    fn page(&self, chapter: &Chapter, doc: &SourceDoc<'_>, body: &str, plan: &mut Plan) -> String {
        let mut front = FrontMatter::new();
        front.string("title", &chapter.title);
        if chapter.slug != crate::model::slug::from_file_name(&chapter.dest) {
            front.string("slug", &chapter.slug);
        }
        self.aliases(&mut front, chapter, plan);
        front.mapping("extra", &doc.other_keys(&[]));
        plan.counts.pages += 1;
        front.with_body(body)
    }

    /// The book's first page as the introduction.
    fn intro(&self, chapter: &Chapter, doc: &SourceDoc<'_>, body: &str, plan: &mut Plan) -> String {
        let mut front = FrontMatter::new();
        front.string("title", &chapter.title);
        for (key, _) in doc.other_keys(&[]) {
            if let Some(source) = &chapter.source {
                plan.note(
                    source,
                    doc.line_of_key(&key).unwrap_or(0),
                    format!("`{key}` has no place in the introduction's front matter: not kept"),
                );
            }
        }
        plan.counts.introduction = true;
        front.with_body(body)
    }

    fn aliases(&self, front: &mut FrontMatter, chapter: &Chapter, plan: &mut Plan) {
        let source = chapter.source.as_deref().unwrap_or(&self.summary_file);
        let aliases = keep_aliases(chapter.aliases.clone(), &chapter.slug, source, plan);
        if !aliases.is_empty() {
            front.list("aliases", &aliases);
        }
    }

    /// A chapter's (or partial's) body with its directives and links dealt with.
    fn body(&self, chapter: &Chapter, doc: &SourceDoc<'_>, plan: &mut Plan) -> String {
        let Some(source) = chapter.source.as_deref() else {
            return String::new();
        };
        let mut text = String::new();
        if let Some((yaml, _, _)) = &doc.unreadable {
            text.push_str("<!-- front matter that could not be read:\n");
            text.push_str(&yaml.replace("--", "- -"));
            text.push_str("-->\n");
        }
        text.push_str(&self.convert(source, &chapter.dest, Some(chapter.entry), doc, plan));
        text
    }

    fn convert(
        &self,
        source: &str,
        dest: &str,
        entry: Option<usize>,
        doc: &SourceDoc<'_>,
        plan: &mut Plan,
    ) -> String {
        let host = ChapterHost {
            book: self,
            source,
            dest,
            entry,
        };
        let resolve = |link: &str, written: Written| {
            let path = decoded(link)?;
            let target = self.find(source, &path)?;
            Some(self.places.link(dest, target, written))
        };
        convert_body(
            Body {
                source,
                text: doc.body,
                first_line: doc.body_line,
                syntax: Syntax {
                    mdbook: true,
                    custom_preprocessors: self.config.custom_preprocessors,
                    ..Syntax::default()
                },
                host: &host,
                appended: None,
                resolve: &resolve,
            },
            plan,
        )
    }

    /// Where a link written in the file `source` (from the book's top) leads in `content/`:
    /// to a file as written (from the chapters' folder's top for `/x`), or to the chapter
    /// mdBook served at that address (`summary.html`, `format/`).
    fn find(&self, source: &str, path: &str) -> Option<&str> {
        let folder = folder_of(source);
        let joined = match path.strip_prefix('/') {
            Some(from_top) => join(&self.src, from_top),
            None => join(folder, path),
        }?;
        if let Some(found) = self.places.get(&joined) {
            return Some(found);
        }
        let in_src = self.in_src(&joined)?;
        let address = if path.ends_with('/') || in_src.is_empty() {
            join(in_src, "index.html")?
        } else if extension(in_src) == "html" {
            in_src.to_string()
        } else {
            return None;
        };
        self.places.page_at(&address)
    }

    /// The partials: every Markdown file not in `SUMMARY.md` (and `SUMMARY.md` itself when a
    /// chapter includes it).
    fn write_partials(&self, plan: &mut Plan) -> Result<(), ImportError> {
        let included = self.included.borrow().clone();
        for (source, dest) in &self.partials {
            if *source == self.summary_file && !included.contains(source) {
                continue;
            }
            let text = self.source.read(source, plan)?;
            if !included.contains(source) {
                let what = if source.ends_with("/404.md") || source == "404.md" {
                    "mdBook's 404 page; guidebook makes its own"
                } else {
                    "not in SUMMARY.md, so mdBook did not publish it"
                };
                plan.note(
                    source,
                    0,
                    format!("{what}: kept as the partial `content/{dest}`, which no page includes"),
                );
            }
            // A partial is included whole, front matter and all: its text stays as it is
            // but for its includes and links.
            let whole = SourceDoc {
                keys: Vec::new(),
                body: &text,
                body_line: 1,
                unreadable: None,
            };
            let converted = self.convert(source, dest, None, &whole, plan);
            plan.guide.text(format!("{CONTENT_DIR}/{dest}"), converted);
            plan.counts.partials += 1;
        }
        Ok(())
    }

    /// The files beside the chapters, and those outside the chapters' folder that chapters
    /// include.
    fn copy_files(&self, plan: &mut Plan) {
        let mut files: Vec<(String, String)> = (self.assets.iter())
            .map(|(source, dest)| (format!("{CONTENT_DIR}/{dest}"), source.clone()))
            .collect();
        for (source, in_guide) in self.externals.borrow().iter() {
            files.push((in_guide.clone(), source.clone()));
        }
        for (dest, source) in files {
            plan.guide.copy(dest, self.source.path(&source));
            plan.counts.files += 1;
        }
    }
}
