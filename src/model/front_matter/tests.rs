//! Reading front matter: keys, values, and problems at their place.

use super::*;
use crate::load::SourceFile;
use crate::load::front_matter::split_source;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Titled {
    title: String,
}

fn source(text: &str) -> MarkdownSource {
    split_source(SourceFile::new(
        "content/pages/glossary.md",
        "pages/glossary.md",
        text,
    ))
}

fn parse(text: &str, kind: FrontMatterKind) -> Result<Titled, Vec<Diagnostic>> {
    let source = source(text);
    let (_, front_matter) = require_front_matter(&source, kind)?;
    parse_front_matter(&source.file.path, front_matter, kind)
}

#[test]
fn unknown_keys_get_a_suggestion_from_the_kinds_keys() {
    let text = "---\ntitel: A\n---\n";
    let errors = parse(text, FrontMatterKind::ReferencePage).unwrap_err();
    assert_eq!(errors[0].message, "unknown front matter key `titel`");
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `title`?"));
    assert_eq!(errors[0].span.start, text.find("titel").unwrap());
    let errors = parse("---\nzzz: A\n---\n", FrontMatterKind::ReferencePage).unwrap_err();
    assert_eq!(
        errors[0].help.as_deref(),
        Some("the keys are title, summary, slug, draft, instructor, aliases, extra")
    );
    let errors = parse("---\ntitel: A\n---\n", FrontMatterKind::Intro).unwrap_err();
    assert_eq!(
        errors[0].help.as_deref(),
        Some("the introduction's front matter may only have `title`")
    );
}

#[test]
fn a_missing_front_matter_or_title_is_named_for_the_kind() {
    let errors = parse("# Glossary\n", FrontMatterKind::ReferencePage).unwrap_err();
    assert_eq!(errors[0].message, "this reference page has no front matter");
    let errors = parse("---\n{}\n---\n", FrontMatterKind::ReferencePage).unwrap_err();
    assert_eq!(errors[0].message, "the front matter has no `title`");
    assert_eq!(
        errors[0].help.as_deref(),
        Some("add a line such as `title: Glossary`")
    );
    assert_eq!(errors[0].span, 0..3);
}

#[test]
fn value_hints_follow_the_key_named_by_the_message() {
    assert!(value_hint("draft: invalid type").contains("`true` or `false`"));
    assert!(value_hint("extra: invalid type: string").contains("map of names"));
    assert!(value_hint("extra.level[0]: invalid").contains("map of names"));
    assert!(value_hint("did not find expected key").contains("YAML syntax"));
}

#[test]
fn slugs_come_from_the_file_or_the_front_matter() {
    let slug = |path, explicit| file_slug("f.md", path, explicit, 5..9);
    assert_eq!(slug("pages/01-glossary.md", None).unwrap(), "glossary");
    assert_eq!(slug("pages/a.md", Some(" terms ")).unwrap(), "terms");
    let bad = slug("pages/a.md", Some("a b")).unwrap_err();
    assert_eq!(
        (bad.message.as_str(), bad.span),
        ("`a b` is not a valid slug", 5..9)
    );
    let reserved = slug("pages/search.md", None).unwrap_err();
    assert_eq!(reserved.span, 0..0);
    assert!(
        reserved
            .message
            .contains("taken by one of the site's own pages")
    );
}
