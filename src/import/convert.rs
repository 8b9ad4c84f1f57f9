//! What every imported page goes through, whatever its layout: its directives dealt with, the
//! link definitions it borrows appended, its links placed for the new guide; and what every
//! page needs: a slug of its own, and a duration when the source gave none.

use std::collections::HashSet;

use super::directives::{self, Host, Syntax};
use super::links::{Written, rewrite_links};
use super::plan::Plan;
use crate::model::slug::{is_reserved, is_valid_slug, slugify};

/// One page's body on its way into the guide.
pub struct Body<'a> {
    /// The file in the source, for notes.
    pub source: &'a str,
    pub text: &'a str,
    /// The source file's line the body starts on.
    pub first_line: usize,
    pub syntax: Syntax,
    pub host: &'a dyn Host,
    /// Reference definitions to add at the end (the Workbench's `links.md`).
    pub appended: Option<String>,
    /// Where a link's path leads in the new guide (see [`rewrite_links`]).
    pub resolve: &'a dyn Fn(&str, Written) -> Option<String>,
}

/// The body as the new guide has it, noting and counting what happened on the way.
pub fn convert_body(body: Body<'_>, plan: &mut Plan) -> String {
    let converted = directives::convert(body.text, body.syntax, body.host);
    for (line, message) in converted.notes {
        plan.note(body.source, body.first_line + line - 1, message);
    }
    plan.counts.includes += converted.includes;
    plan.counts.outlines += converted.outlines;
    let mut text = converted.text;
    if let Some(definitions) = body.appended.filter(|d| !d.is_empty()) {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&definitions);
    }
    let (text, links) = rewrite_links(&text, body.resolve);
    plan.counts.links += links;
    text
}

/// How fast the estimate of a page's duration takes a reader to read it.
pub const WORDS_PER_MINUTE: usize = 200;

/// A duration for a page the source gave none: its words at [`WORDS_PER_MINUTE`], rounded up
/// to 5 minutes (at least 5), with the comment that says so in its front matter.
pub fn estimated_duration(body: &str, why: &str) -> (String, String) {
    let words = body.split_whitespace().count();
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1).div_ceil(5) * 5;
    (
        format!("{minutes} min"),
        format!(
            "{why}: estimated by guidebook import from its {words} words at {WORDS_PER_MINUTE} \
             words a minute, rounded up to 5 min; change it"
        ),
    )
}

/// Whether an old address can be kept as an alias: not one of the new site's own pages
/// (`index.html`, `print.html`, `key-points.html` ...), which answer there already, nor in its
/// `assets/` folder, and never one that differs from the page's own address in letter case
/// only (a server that ignores case would see one file).
pub fn keepable_alias(alias: &str, slug: &str) -> bool {
    let own_page = alias
        .strip_suffix(".html")
        .filter(|name| !name.contains('/'))
        .is_some_and(is_reserved);
    let in_assets = alias
        .split_once('/')
        .is_some_and(|(first, _)| first.eq_ignore_ascii_case("assets"));
    !own_page && !in_assets && !alias.eq_ignore_ascii_case(&format!("{slug}.html"))
}

/// Of the old addresses `wanted` for the page `slug` (from `source`), those kept as its
/// aliases: the [`keepable_alias`]es that no other page's address or alias holds (the first
/// page that wants an address keeps it; a later one is noted). Every page's own address must
/// be in `plan.addresses` before the first call.
pub fn keep_aliases(wanted: Vec<String>, slug: &str, source: &str, plan: &mut Plan) -> Vec<String> {
    let mut kept = Vec::new();
    for alias in wanted {
        if !keepable_alias(&alias, slug) || kept.contains(&alias) {
            continue;
        }
        if !plan.addresses.insert(alias.to_lowercase()) {
            plan.note(
                source,
                0,
                format!("its old address `{alias}` is not kept: another page of the new guide answers there"),
            );
            continue;
        }
        kept.push(alias);
    }
    plan.counts.aliases += kept.len();
    kept
}

/// The slugs taken so far in the new guide.
#[derive(Debug, Default)]
pub struct Slugs {
    taken: HashSet<String>,
}

impl Slugs {
    /// The first of `wishes` that is a valid slug, not taken and not one of the site's own
    /// pages (made valid first: `v1.2` wishes for `v1-2`), else the first with `-2`, `-3` ...
    /// after it. Letter case counts as the same slug.
    pub fn claim(&mut self, wishes: &[String]) -> String {
        let wishes: Vec<String> = wishes
            .iter()
            .map(|wish| fit_slug(wish))
            .filter(|wish| !wish.is_empty())
            .collect();
        let free = |slug: &str, taken: &HashSet<String>| {
            is_valid_slug(slug) && !is_reserved(slug) && !taken.contains(&slug.to_lowercase())
        };
        let chosen = wishes
            .iter()
            .find(|wish| free(wish, &self.taken))
            .cloned()
            .unwrap_or_else(|| {
                let base = wishes
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "page".to_string());
                (2..)
                    .map(|n| format!("{base}-{n}"))
                    .find(|slug| free(slug, &self.taken))
                    .unwrap_or(base)
            });
        self.taken.insert(chosen.to_lowercase());
        chosen
    }
}

impl Slugs {
    /// The address of every page whose slug was claimed, `<slug>.html`, in lower case.
    pub fn addresses(&self) -> impl Iterator<Item = String> + '_ {
        self.taken.iter().map(|slug| format!("{slug}.html"))
    }
}

/// A wish made into a slug's characters: kept when it is one already, else the title rule.
fn fit_slug(wish: &str) -> String {
    if is_valid_slug(wish) {
        wish.to_string()
    } else {
        slugify(wish)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_estimated_from_words_in_steps_of_five_minutes() {
        assert_eq!(estimated_duration("", "x").0, "5 min");
        assert_eq!(estimated_duration(&"word ".repeat(1000), "x").0, "5 min");
        assert_eq!(estimated_duration(&"word ".repeat(1001), "x").0, "10 min");
        let (_, comment) = estimated_duration(&"word ".repeat(2500), "no minutes");
        assert!(
            comment.starts_with("no minutes: estimated by guidebook import from its 2500 words")
        );
    }

    #[test]
    fn aliases_never_take_the_sites_own_pages_or_the_pages_address() {
        assert!(keepable_alias("02-setup.html", "setup-episode"));
        assert!(keepable_alias("format/index.html", "format"));
        assert!(!keepable_alias("index.html", "introduction"));
        assert!(!keepable_alias("print.html", "print-2"));
        assert!(!keepable_alias("key-points.html", "key-points-2"));
        assert!(!keepable_alias("LICENSE.html", "license"));
        assert!(keepable_alias("instructor/index.html", "x"));
        assert!(!keepable_alias("Assets/notes.html", "notes"));
    }

    #[test]
    fn an_old_address_goes_to_the_first_page_that_wants_it_and_never_where_a_page_is() {
        let mut slugs = Slugs::default();
        let setup = slugs.claim(&["setup".to_string()]);
        let learners_setup = slugs.claim(&["setup".to_string(), "setup-page".to_string()]);
        assert_eq!(learners_setup, "setup-page");
        let mut plan = Plan::default();
        plan.addresses.extend(slugs.addresses());
        let wanted = |name: &str| vec![format!("{name}.html"), format!("instructor/{name}.html")];
        let first = keep_aliases(wanted("setup"), &setup, "episodes/setup.md", &mut plan);
        assert_eq!(first, ["instructor/setup.html"]);
        let second = keep_aliases(
            wanted("Setup"),
            &learners_setup,
            "learners/Setup.md",
            &mut plan,
        );
        assert!(second.is_empty(), "{second:?}");
        assert_eq!(plan.counts.aliases, 1);
        let places: Vec<(&str, usize)> = (plan.notes.iter())
            .map(|n| (n.file.as_str(), n.line))
            .collect();
        assert_eq!(places, [("learners/Setup.md", 0), ("learners/Setup.md", 0)]);
    }

    #[test]
    fn slugs_are_unique_valid_and_never_the_sites_own() {
        let mut slugs = Slugs::default();
        assert_eq!(slugs.claim(&["02-setup".into()]), "02-setup");
        assert_eq!(slugs.claim(&["setup".into()]), "setup");
        assert_eq!(
            slugs.claim(&["Setup".into(), "learners-setup".into()]),
            "learners-setup"
        );
        assert_eq!(slugs.claim(&["setup".into()]), "setup-2");
        assert_eq!(slugs.claim(&["index".into(), "format".into()]), "format");
        assert_eq!(slugs.claim(&["print".into()]), "print-2");
        assert_eq!(slugs.claim(&["v1.2 notes".into()]), "v1-2-notes");
    }
}
