//! The lesson's pages besides its episodes: `index.md` (the introduction), `learners/`
//! (reference pages), `profiles/` (one page, as the Workbench makes it), `instructors/`
//! (pages of the instructors' edition), `LICENSE.md` and `CODE_OF_CONDUCT.md`.
//!
//! Pages are numbered in their file names (`content/pages/01-setup.md`) so that guidebook,
//! which orders pages by path, lists them in the order `config.yaml` gives (or their folder's),
//! learners' first; the number is not part of the slug, so `reference.html` still answers.

use super::super::ImportError;
use super::super::front_matter::read_doc;
use super::super::paths::stem;
use super::super::plan::Plan;
use super::{Lesson, Page, listed_order};
use crate::load::{CONTENT_DIR, INTRO_FILE, PAGES_DIR};
use crate::scaffold::front_matter::FrontMatter;

/// Front matter keys of the introduction that only sandpaper reads.
const SANDPAPER_INTRO_KEYS: [&str; 2] = ["permalink", "site"];

impl Lesson<'_> {
    /// Gives every page its place, slug and old address.
    pub(super) fn place_pages(&mut self, plan: &mut Plan) {
        let mut wanted: Vec<Page> = Vec::new();
        let learners = self.markdown_in("learners", plan);
        let (listed, unlisted) = listed_order(&learners, self.config.learners.as_deref(), plan);
        for (name, draft) in
            (listed.into_iter().map(|n| (n, false))).chain(unlisted.into_iter().map(|n| (n, true)))
        {
            // sandpaper always shows the setup page (on the home page), listed or not.
            let draft = draft && stem(&name) != "setup";
            wanted.push(single_page(format!("learners/{name}"), false, draft));
        }
        let profiles = self.markdown_in("profiles", plan);
        let (profiles, unlisted) = listed_order(&profiles, self.config.profiles.as_deref(), plan);
        for name in unlisted {
            plan.note(
                &format!("profiles/{name}"),
                0,
                "not listed under `profiles` in config.yaml, so not on the Workbench's profiles page: not imported",
            );
        }
        if !profiles.is_empty() {
            wanted.push(Page {
                sources: profiles.iter().map(|n| format!("profiles/{n}")).collect(),
                dest: String::new(),
                slug: "profiles".to_string(),
                title: "Learner Profiles".to_string(),
                combined: true,
                instructor: false,
                draft: false,
                old_address: Some("profiles.html".to_string()),
            });
        }
        let instructors = self.markdown_in("instructors", plan);
        let (listed, unlisted) =
            listed_order(&instructors, self.config.instructors.as_deref(), plan);
        for (name, draft) in
            (listed.into_iter().map(|n| (n, false))).chain(unlisted.into_iter().map(|n| (n, true)))
        {
            wanted.push(single_page(format!("instructors/{name}"), true, draft));
        }
        for (file, name) in [
            ("LICENSE.md", "license"),
            ("CODE_OF_CONDUCT.md", "code-of-conduct"),
        ] {
            if self.source.is_file(file) {
                let mut page = single_page(file.to_string(), false, false);
                page.slug = name.to_string();
                page.old_address = Some(format!("{}.html", stem(file)));
                wanted.push(page);
            }
        }
        let width = wanted.len().to_string().len().max(2);
        for (index, mut page) in wanted.into_iter().enumerate() {
            let wish = page.slug.clone();
            page.slug = self.slugs.claim(&[wish.clone(), format!("{wish}-page")]);
            page.dest = format!("{PAGES_DIR}/{:0width$}-{}.md", index + 1, page.slug);
            for source in &page.sources {
                self.places.put(source, &page.dest);
            }
            let address = page
                .old_address
                .clone()
                .unwrap_or_else(|| format!("{wish}.html"));
            self.places.address(&address, &page.dest);
            self.places.serve(&page.dest, format!("{}.html", page.slug));
            page.old_address = Some(address);
            self.pages.push(page);
        }
        let intro = ["index.md", "README.md"]
            .into_iter()
            .find(|name| self.source.is_file(name));
        if let Some(intro) = intro {
            self.places.put(intro, INTRO_FILE);
            self.places.address("index.html", INTRO_FILE);
            self.places.serve(INTRO_FILE, "index.html".to_string());
        }
    }

    /// Writes every page, and the introduction.
    pub(super) fn write_pages(&self, plan: &mut Plan) -> Result<(), ImportError> {
        for page in &self.pages {
            let mut front = FrontMatter::new();
            let mut parts = Vec::new();
            let mut other_keys = Vec::new();
            let mut title = None;
            for source in &page.sources {
                let text = self.source.read(source, plan)?;
                let doc = read_doc(&text);
                let mut part = String::new();
                if !page.combined {
                    title = Some(self.title_of(&doc, source, plan));
                    other_keys = doc.other_keys(&["title"]);
                } else {
                    // Each file's title, which the Workbench's page does not show, stays in
                    // the page's source.
                    let own = doc.text("title").unwrap_or_default();
                    part.push_str(&format!(
                        "<!-- {source}: {} -->\n",
                        own.replace("--", "- -")
                    ));
                }
                part.push_str(&self.body(source, &page.dest, &doc, plan));
                if !part.ends_with('\n') {
                    part.push('\n');
                }
                parts.push(part);
            }
            front.string("title", title.as_deref().unwrap_or(&page.title));
            if page.slug != crate::model::slug::from_file_name(&page.dest) {
                front.string("slug", &page.slug);
            }
            if page.instructor {
                front.flag("instructor");
                plan.counts.instructor_pages += 1;
            }
            if page.draft {
                front.flag("draft");
                plan.note(
                    &page.sources[0],
                    0,
                    "not listed in config.yaml, so the Workbench did not publish it: imported as a draft (`draft: true`)",
                );
            }
            let name = page
                .old_address
                .as_deref()
                .and_then(|a| a.strip_suffix(".html"))
                .unwrap_or(&page.slug);
            self.aliases(&mut front, &page.slug, &page.sources[0], name, plan);
            front.mapping("extra", &other_keys);
            plan.guide.text(
                format!("{CONTENT_DIR}/{}", page.dest),
                front.with_body(&parts.join("\n---\n\n")),
            );
            plan.counts.pages += 1;
        }
        self.write_intro(plan)
    }

    /// `index.md` (or, as sandpaper falls back, `README.md`) as `content/_index.md`.
    fn write_intro(&self, plan: &mut Plan) -> Result<(), ImportError> {
        let Some(intro) = ["index.md", "README.md"]
            .into_iter()
            .find(|name| self.source.is_file(name))
        else {
            return Ok(());
        };
        let text = self.source.read(intro, plan)?;
        let doc = read_doc(&text);
        let mut front = FrontMatter::new();
        if let Some(title) = doc.text("title") {
            front.string("title", &title);
        }
        for (key, _) in doc.other_keys(&["title"]) {
            let line = doc.line_of_key(&key).unwrap_or(0);
            if !SANDPAPER_INTRO_KEYS.contains(&key.as_str()) {
                plan.note(
                    intro,
                    line,
                    format!("`{key}` has no place in the introduction's front matter: not kept"),
                );
            }
        }
        let body = self.body(intro, INTRO_FILE, &doc, plan);
        let text = if front.is_empty() {
            body
        } else {
            front.with_body(&body)
        };
        plan.guide.text(format!("{CONTENT_DIR}/{INTRO_FILE}"), text);
        plan.counts.introduction = true;
        Ok(())
    }
}

/// A page made of one file.
fn single_page(source: String, instructor: bool, draft: bool) -> Page {
    let name = stem(&source).to_string();
    Page {
        sources: vec![source],
        dest: String::new(),
        slug: name.clone(),
        title: name,
        combined: false,
        instructor,
        draft,
        old_address: None,
    }
}
