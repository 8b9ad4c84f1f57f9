//! The Markdown stage as a whole: search text, heading ids and links, tasks, alerts,
//! definition lists.

use super::*;

fn render(markdown: &str) -> RenderedMarkdown {
    let mut pages = PageMap::default();
    let fit = links::PageTarget {
        href: "fit.html".into(),
        page: "fit".into(),
        print_id: Some("lesson-fit".into()),
    };
    pages.insert("02-fit.md", fit);
    let highlights = HighlightCache::for_one_build();
    render_test_lesson(
        markdown,
        0,
        Target::Web,
        Edition::Learner,
        &pages,
        &highlights,
    )
}

#[test]
fn search_text_is_the_visible_words_with_single_spaces() {
    let out = render(
        "# Title\n\nSome  *words*\nacross\tlines.\n\n```\ncode here\n```\n\n- item one\n- item   two\n",
    );
    assert_eq!(out.text, "Title Some words across lines. item one item two");
}

#[test]
fn headings_get_ids_and_links_are_rewritten() {
    let out =
        render("## Why it matters\n\nSee [fit](02-fit.md#snug) and [here](#why-it-matters).\n");
    assert!(
        out.html.contains("<h2 id=\"why-it-matters\">"),
        "{}",
        out.html
    );
    assert!(out.html.contains("href=\"fit.html#snug\""), "{}", out.html);
    assert_eq!(out.link_checks.len(), 2);
    assert_eq!(out.link_checks[0].page, "fit");
    assert!(out.problems.is_empty());
}

#[test]
fn a_link_to_a_missing_lesson_is_an_error_at_its_position() {
    let text = "Intro\n\nSee [fit](02-fitt.md).\n";
    let mut out = render(text);
    assert_eq!(out.problems.len(), 1);
    assert_eq!(out.problems[0].span.start, text.find("[fit]").unwrap());
    assert_eq!(
        out.unmatched,
        [unmatched::Unmatched {
            problem: 0,
            name: "02-fitt.md".to_string(),
            written: "02-fitt.md".to_string(),
            from: "01-a.md".to_string(),
            among: unmatched::Among::Pages,
        }]
    );
    // The suggestion comes once every body is rendered.
    let mut pages = PageMap::default();
    let fit = links::PageTarget {
        href: "fit.html".into(),
        page: "fit".into(),
        print_id: None,
    };
    pages.insert("02-fit.md", fit);
    let assets = std::collections::BTreeMap::new();
    let mut suggestions = unmatched::Suggestions::new(&pages, &assets);
    suggestions.fill_in(&mut out.problems, &out.unmatched);
    assert_eq!(
        out.problems[0].help.as_deref(),
        Some("did you mean `02-fit.md`?")
    );
}

#[test]
fn task_items_become_labelled_checkboxes() {
    let out = render("- [ ] Leave it out\n- [x] Praise *warmly*\n  - nested\n");
    assert_eq!(out.tasks.len(), 2);
    assert!(out.tasks[1].checked);
    assert_eq!(out.tasks[1].text, "Praise warmly");
    let id = &out.tasks[1].id;
    assert!(out.html.contains(&format!("id=\"{id}\" data-task=\"{id}\" checked><label for=\"{id}\">Praise <em>warmly</em></label>")), "{}", out.html);
}

#[test]
fn alerts_keep_their_labels_and_are_noted_with_their_kind() {
    let out =
        render("> [!WARNING]\n> Never tie the leash to furniture.\n\n> [!TIP]\n> Treats help.\n");
    let notes: Vec<(&str, &str)> = (out.notes.iter())
        .map(|n| (n.kind.name(), n.html.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            ("warning", "<p>Never tie the leash to furniture.</p>"),
            ("tip", "<p>Treats help.</p>")
        ]
    );
    assert!(out.html.contains("callout-tip"));
    assert!(
        out.html.contains("<p class=\"callout-title\">Warning</p>"),
        "{}",
        out.html
    );
}

#[test]
fn definition_lists_keep_headings_and_checklists_apart() {
    let out = render(
        "## Terms\n\nHarness\n: A vest or H-shape.\n: Worn snug.\n\nLead\n: - [ ] Clip it on\n\n- [ ] Check the fit\n",
    );
    let fragment = scraper::Html::parse_fragment(&out.html);
    let texts = |css: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).expect("a valid selector");
        fragment
            .select(&selector)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    };
    assert_eq!(texts("dl > dt"), ["Harness", "Lead"]);
    assert_eq!(
        texts("dl > dd"),
        ["A vest or H-shape.", "Worn snug.", "Clip it on"]
    );
    assert_eq!(texts("dd li.task label"), ["Clip it on"]);
    assert_eq!(texts("dl ~ ul > li.task label"), ["Check the fit"]);
    assert_eq!(out.headings.len(), 1);
    assert_eq!(out.tasks.len(), 2);
    assert_eq!(
        out.text,
        "Terms Harness A vest or H-shape. Worn snug. Lead Clip it on Check the fit"
    );
}
