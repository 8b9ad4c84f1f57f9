//! A Carpentries Workbench lesson (`config.yaml`, `episodes/`, `learners/`, `instructors/`,
//! `profiles/`, `index.md`, `links.md`) as a guide.
//!
//! Episodes become lessons in `config.yaml`'s order (or their folder's, as sandpaper orders an
//! empty list), each requiring the one before, keeping their file's stem as slug so that
//! `02-setup.html` still answers (and does not collide with `learners/setup.md`); episodes not
//! listed become drafts, as sandpaper leaves them unpublished. `teaching` and `exercises` are
//! copied as they are. `index.md` becomes the introduction, `learners/` reference pages,
//! `profiles/` one page, `instructors/` pages of the instructors' edition, `LICENSE.md` and
//! `CODE_OF_CONDUCT.md` pages too. Every other file of the four folders (`fig/`, `data/`,
//! `files/`) goes into `content/` as the Workbench's built site held them, all in one folder,
//! and links are placed for that: `fig/x.png` from a learners' page, `../episodes/02-setup.md`,
//! `reference.html#term`.

mod config;
mod pages;
mod rmarkdown;
mod shared_links;
mod styles;

use std::collections::HashSet;

use super::ImportError;
use super::convert::{Body, Slugs, convert_body, estimated_duration, keep_aliases};
use super::directives::{Host, Syntax};
use super::front_matter::{SourceDoc, read_doc};
use super::links::Written;
use super::paths::{content_name, extension, file_name, folder_of, join, stem};
use super::plan::{Places, Plan, decoded};
use super::source::Source;
use crate::scaffold::front_matter::FrontMatter;
use config::{CONFIG, LessonConfig, guide_toml, read_config};
use shared_links::SharedLinks;

/// The Workbench's folders, in the order a link that names none of them is looked for.
const FOLDERS: [&str; 4] = ["episodes", "learners", "instructors", "profiles"];
/// Files of those folders that are the repository's, not the lesson's (sandpaper skips them).
const REPOSITORY_FILES: [&str; 2] = ["README", "CONTRIBUTING"];

/// Whether `dir` holds a Workbench lesson.
pub fn is_workbench(source: &Source) -> bool {
    source.is_file(CONFIG) && source.path("episodes").is_dir()
}

/// Makes the guide for the lesson in `source`.
pub fn plan(source: &Source) -> Result<Plan, ImportError> {
    let mut plan = Plan::default();
    let config = read_config(&source.read(CONFIG, &mut plan)?, &mut plan);
    let mut lesson = Lesson {
        source,
        config,
        places: Places::default(),
        slugs: Slugs::default(),
        shared: SharedLinks::default(),
        episodes: Vec::new(),
        pages: Vec::new(),
    };
    if source.is_file("links.md") {
        lesson.shared = SharedLinks::read(&source.read("links.md", &mut plan)?);
    }
    lesson.place_episodes(&mut plan);
    lesson.place_pages(&mut plan);
    lesson.place_files(&mut plan);
    plan.addresses.extend(lesson.slugs.addresses());
    lesson.write_episodes(&mut plan)?;
    lesson.write_pages(&mut plan)?;
    let fallback = source
        .root
        .file_name()
        .map_or("Imported lesson".to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
    plan.guide.text(
        crate::load::CONFIG_FILE,
        guide_toml(&lesson.config, &fallback),
    );
    Ok(plan)
}

/// An episode and where it goes.
struct Episode {
    /// Its path in the source (`episodes/02-setup.md`).
    source: String,
    /// Its path in `content/`.
    dest: String,
    slug: String,
    step: u64,
    /// Not listed in `config.yaml`: a draft.
    draft: bool,
}

/// A reference page and where it goes.
struct Page {
    /// Its files in the source (several for the profiles, which make one page).
    sources: Vec<String>,
    dest: String,
    slug: String,
    /// The page's title when its file gives none, or when it is made of several files.
    title: String,
    /// Made of several files (the profiles), one after the other.
    combined: bool,
    instructor: bool,
    draft: bool,
    /// Its address on the Workbench's site, when that is not `<slug>.html`.
    old_address: Option<String>,
}

/// The lesson being imported.
struct Lesson<'a> {
    source: &'a Source,
    config: LessonConfig,
    places: Places,
    slugs: Slugs,
    shared: SharedLinks,
    episodes: Vec<Episode>,
    pages: Vec<Page>,
}

impl Lesson<'_> {
    /// Orders the episodes and gives each its place and slug.
    fn place_episodes(&mut self, plan: &mut Plan) {
        let found = self.markdown_in("episodes", plan);
        let (listed, unlisted) = listed_order(&found, self.config.episodes.as_deref(), plan);
        for (index, (file, draft)) in (listed.into_iter().map(|f| (f, false)))
            .chain(unlisted.into_iter().map(|f| (f, true)))
            .enumerate()
        {
            let source = format!("episodes/{file}");
            if draft {
                plan.note(
                    &source,
                    0,
                    "not listed under `episodes` in config.yaml, so the Workbench did not \
                     publish it: imported as a draft (`draft: true`)",
                );
            }
            let name = stem(&file).to_string();
            let slug = self.slugs.claim(std::slice::from_ref(&name));
            let dest = content_name(&format!("{name}.md"));
            self.places.put(&source, &dest);
            self.places.address(&format!("{name}.html"), &dest);
            self.places.serve(&dest, format!("{slug}.html"));
            self.episodes.push(Episode {
                source,
                dest,
                slug,
                step: index as u64 + 1,
                draft,
            });
        }
    }

    /// The Markdown files directly in `folder` (`.md`, and `.Rmd` that the Workbench renders),
    /// by name, without the repository's README and CONTRIBUTING.
    fn markdown_in(&self, folder: &str, plan: &mut Plan) -> Vec<String> {
        self.source
            .files(folder, 1, plan)
            .into_iter()
            .filter(|path| matches!(extension(path).as_str(), "md" | "rmd"))
            .filter(|path| !REPOSITORY_FILES.contains(&stem(path)))
            .map(|path| file_name(&path).to_string())
            .collect()
    }

    /// Copies every other file of the four folders into `content/`, as one folder.
    fn place_files(&mut self, plan: &mut Plan) {
        let mut taken: HashSet<String> = HashSet::new();
        for folder in FOLDERS {
            for path in self.source.files(folder, usize::MAX, plan) {
                let inside = path[folder.len() + 1..].to_string();
                let is_page =
                    !inside.contains('/') && matches!(extension(&inside).as_str(), "md" | "rmd");
                if is_page {
                    continue;
                }
                if matches!(extension(&inside).as_str(), "md" | "rmd") {
                    plan.note(
                        &path,
                        0,
                        "Markdown in a subfolder is not a page of the Workbench: not copied",
                    );
                    continue;
                }
                if !taken.insert(inside.clone()) {
                    plan.note(
                        &path,
                        0,
                        format!(
                            "another folder has a file at `{inside}` too: this one is not copied"
                        ),
                    );
                    continue;
                }
                let dest = format!("{}/{inside}", crate::load::CONTENT_DIR);
                self.places.put(&path, &inside);
                plan.guide.copy(dest, self.source.path(&path));
                plan.counts.files += 1;
            }
        }
        for name in [
            "AUTHORS",
            "AUTHORS.md",
            "CITATION",
            "CITATION.cff",
            "CONTRIBUTING.md",
        ] {
            if self.source.is_file(name) {
                plan.guide.copy(name, self.source.path(name));
            }
        }
    }

    /// Writes every episode as a lesson.
    fn write_episodes(&self, plan: &mut Plan) -> Result<(), ImportError> {
        let mut previous: Option<&str> = None;
        for episode in &self.episodes {
            let text = self.source.read(&episode.source, plan)?;
            let doc = read_doc(&text);
            let mut front = FrontMatter::new();
            front.string("title", &self.title_of(&doc, &episode.source, plan));
            front.number("step", episode.step);
            if episode.slug != crate::model::slug::from_file_name(&episode.dest) {
                front.string("slug", &episode.slug);
            }
            let teaching = doc.minutes("teaching");
            let exercises = doc.minutes("exercises");
            if teaching.unwrap_or(0) + exercises.unwrap_or(0) > 0 {
                // guidebook adds them up into the duration, and shows the split.
                if let Some(teaching) = teaching {
                    front.number("teaching", teaching);
                }
                if let Some(exercises) = exercises {
                    front.number("exercises", exercises);
                }
            } else {
                // A duration of 0 is none, and written beside the times it must agree with
                // them: the times stay in the comment.
                let why = match (teaching, exercises) {
                    (None, None) => "no teaching or exercises in the source".to_string(),
                    _ => format!(
                        "teaching: {} and exercises: {} in the source add up to 0 min",
                        teaching.unwrap_or(0),
                        exercises.unwrap_or(0)
                    ),
                };
                let (duration, comment) = estimated_duration(doc.body, &why);
                front.raw_with_comment("duration", &duration, &comment);
            }
            if let Some(previous) = previous {
                front.list("prerequisites", &[previous.to_string()]);
            }
            if episode.draft {
                front.flag("draft");
                plan.counts.drafts += 1;
            } else {
                previous = Some(&episode.slug);
            }
            self.aliases(
                &mut front,
                &episode.slug,
                &episode.source,
                stem(&episode.source),
                plan,
            );
            let overview = styles::Overview::of(&doc);
            let mut used = vec!["title", "teaching", "exercises"];
            used.extend(overview.keys());
            plan.counts.blocks += overview.keys().len();
            front.mapping("extra", &doc.other_keys(&used));
            let body = self.body(&episode.source, &episode.dest, &doc, plan);
            plan.guide.text(
                format!("{}/{}", crate::load::CONTENT_DIR, episode.dest),
                front.with_body(&overview.around(&body)),
            );
            plan.counts.lessons += 1;
        }
        Ok(())
    }

    /// `aliases`: the page's Workbench address when its slug differs, and its address in the
    /// Workbench's instructor view (`instructor/<name>.html`); `source` is its file.
    fn aliases(
        &self,
        front: &mut FrontMatter,
        slug: &str,
        source: &str,
        name: &str,
        plan: &mut Plan,
    ) {
        let wanted = vec![format!("{name}.html"), format!("instructor/{name}.html")];
        let aliases = keep_aliases(wanted, slug, source, plan);
        if !aliases.is_empty() {
            front.list("aliases", &aliases);
        }
    }

    /// The title in a file's front matter, or its name when it has none (noted).
    fn title_of(&self, doc: &SourceDoc<'_>, source: &str, plan: &mut Plan) -> String {
        if let Some((_, line, message)) = &doc.unreadable {
            plan.note(
                source,
                *line,
                format!("the front matter could not be read ({message}): kept as a comment"),
            );
        }
        doc.text("title").unwrap_or_else(|| {
            plan.note(
                source,
                1,
                "no `title` in the front matter: the file's name is used",
            );
            stem(source).to_string()
        })
    }

    /// A page's body, converted, with the shared links it uses appended and any front matter
    /// that could not be read kept as a comment before it.
    fn body(&self, source: &str, dest: &str, doc: &SourceDoc<'_>, plan: &mut Plan) -> String {
        let host = NoIncludes;
        let resolve = |link: &str, written: Written| {
            let path = decoded(link)?;
            let target = self.find(folder_of(source), &path)?;
            Some(self.places.link(dest, target, written))
        };
        let mut text = String::new();
        if let Some((yaml, _, _)) = &doc.unreadable {
            text.push_str("<!-- front matter that could not be read:\n");
            text.push_str(&yaml.replace("--", "- -"));
            text.push_str("-->\n");
        }
        let (rmd_text, chunks) = rmarkdown::plain_chunks(doc.body);
        if chunks > 0 {
            plan.note(
                source,
                doc.body_line,
                format!(
                    "R Markdown: its {chunks} code chunk{} are shown as code and not run, so \
                     their output and figures are not in the guide",
                    if chunks == 1 { "" } else { "s" }
                ),
            );
        }
        let styled = styles::convert_styles(&rmd_text);
        for (line, message) in styled.notes {
            plan.note(source, doc.body_line + line - 1, message);
        }
        plan.counts.blocks += styled.blocks;
        text.push_str(&convert_body(
            Body {
                source,
                text: &styled.text,
                first_line: doc.body_line,
                syntax: Syntax {
                    liquid: true,
                    ..Syntax::default()
                },
                host: &host,
                appended: Some(self.shared.used_by(doc.body)),
                resolve: &resolve,
            },
            plan,
        ));
        text
    }

    /// Where a link written in the source folder `folder` leads in `content/`: as written,
    /// then as the Workbench's one-folder site read it (`fig/x.png` from any folder,
    /// `../learners/reference.md`, `reference.html`).
    fn find(&self, folder: &str, path: &str) -> Option<&str> {
        if let Some(found) = join(folder, path).and_then(|p| self.places.get(&p)) {
            return Some(found);
        }
        let mut rest = path;
        loop {
            rest = match rest.strip_prefix("../").or_else(|| rest.strip_prefix("./")) {
                Some(rest) => rest,
                None => break,
            };
        }
        for folder in FOLDERS {
            if let Some(inside) = rest.strip_prefix(folder).and_then(|r| r.strip_prefix('/')) {
                rest = inside;
                break;
            }
        }
        let rest = rest.strip_prefix("instructor/").unwrap_or(rest);
        for folder in FOLDERS.iter().chain(&[""]) {
            if let Some(found) = join(folder, rest).and_then(|p| self.places.get(&p)) {
                return Some(found);
            }
        }
        match extension(rest).as_str() {
            "html" => self.places.page_at(rest),
            // A link to the Markdown an R Markdown episode is rendered from.
            "md" => {
                let rmd = format!("{}.Rmd", &rest[..rest.len() - 3]);
                FOLDERS
                    .iter()
                    .find_map(|folder| join(folder, &rmd).and_then(|p| self.places.get(&p)))
            }
            _ => None,
        }
    }
}

/// The Workbench has no includes.
struct NoIncludes;

impl Host for NoIncludes {
    fn include(&self, _path: &str) -> Result<String, String> {
        Err("the Workbench has no includes".to_string())
    }

    fn outline(&self, _which: &str) -> Option<String> {
        None
    }
}

/// The files of a folder in the order `config.yaml` lists them (each listed file that is
/// missing noted), and the others, unlisted, in their folder's order. Without a list, every
/// file is listed in its folder's order.
fn listed_order(
    found: &[String],
    listed: Option<&[String]>,
    plan: &mut Plan,
) -> (Vec<String>, Vec<String>) {
    let Some(listed) = listed.filter(|l| !l.is_empty()) else {
        return (found.to_vec(), Vec::new());
    };
    let mut order = Vec::new();
    for name in listed {
        if found.contains(name) {
            if !order.contains(name) {
                order.push(name.clone());
            }
        } else {
            plan.note(
                CONFIG,
                0,
                format!("lists `{name}`, which is not in its folder: left out"),
            );
        }
    }
    let unlisted = found
        .iter()
        .filter(|name| !order.contains(name))
        .cloned()
        .collect();
    (order, unlisted)
}
