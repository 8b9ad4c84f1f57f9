//! The fenced blocks' tests: nesting, editions, print answers, titles and tabs.

use super::*;
use crate::markdown::{HighlightCache, PageMap, RenderedMarkdown, render_test_lesson};

fn render(markdown: &str, target: Target, edition: Edition) -> RenderedMarkdown {
    let (pages, highlights) = (PageMap::default(), HighlightCache::for_one_build());
    render_test_lesson(markdown, 0, target, edition, &pages, &highlights)
}

#[test]
fn blocks_nest_and_no_colons_reach_the_page_or_search() {
    let text = "::::: challenge\nAdd.\n\n::: solution\nTwo.\n:::\n:::::\n";
    let out = render(text, Target::Web, Edition::Learner);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(
        out.html,
        "<div class=\"block block-challenge\"><p class=\"block-title\">Challenge</p>\n<p>Add.</p>\n\
         <details class=\"block block-solution\"><summary class=\"block-title\">Solution</summary>\n\
         <p>Two.</p>\n</details>\n</div>\n"
    );
    assert!(!out.text.contains(":::"), "{}", out.text);
}

#[test]
fn solutions_move_to_the_answers_in_print() {
    let text = "::: challenge\nAdd.\n\n::: solution\nTwo.\n:::\n:::\n\nAfter.\n";
    let out = render(text, Target::Print, Edition::Learner);
    let reference = out.html.find("answer-ref").expect("a reference");
    let after = out.html.find("<p>After.</p>").expect("the text after");
    let answers = out
        .html
        .find("<section class=\"answers\">")
        .expect("answers");
    let solution = out.html.find("<p>Two.</p>").expect("the solution");
    assert!(
        reference < after && after < answers && answers < solution,
        "{}",
        out.html
    );
    assert!(out.html.contains("href=\"#a-answer-1\""), "{}", out.html);
    assert!(out.html.contains("id=\"a-answer-1\""), "{}", out.html);
}

#[test]
fn instructor_notes_only_in_the_instructor_edition() {
    let text = "::: instructor\nSecret.\n\n- [ ] hidden task\n:::\nShown.\n";
    let learners = render(text, Target::Web, Edition::Learner);
    assert!(!learners.html.contains("Secret"), "{}", learners.html);
    assert!(!learners.text.contains("Secret"));
    assert!(
        learners.tasks.is_empty(),
        "a hidden block's tasks are not the lesson's"
    );
    let instructors = render(text, Target::Web, Edition::Instructor);
    assert!(instructors.html.contains("block-instructor"));
    assert!(instructors.html.contains("Secret"));
}

#[test]
fn unknown_and_unclosed_blocks_are_reported() {
    let out = render("text\n\n::: chalenge\nx\n", Target::Web, Edition::Learner);
    assert_eq!(out.problems.len(), 2, "{:?}", out.problems);
    let unknown = &out.problems[0];
    assert_eq!(unknown.span, 6..18);
    assert_eq!(unknown.help.as_deref(), Some("did you mean `challenge`?"));
    let unclosed = &out.problems[1];
    assert!(unclosed.is_error());
    assert_eq!(unclosed.span, 6..18, "at the opening line");
    let stray = render("text\n:::\n", Target::Web, Edition::Learner);
    assert_eq!(stray.problems.len(), 1);
    assert!(!stray.html.contains(":::"), "{}", stray.html);
}

fn fragment(html: &str) -> scraper::Html {
    scraper::Html::parse_fragment(html)
}

fn texts(html: &str, css: &str) -> Vec<String> {
    let fragment = fragment(html);
    let selector = scraper::Selector::parse(css).expect("a valid selector");
    (fragment.select(&selector))
        .map(|e| {
            let text = e.text().collect::<String>();
            // A heading's link to itself is not its title.
            text.trim()
                .trim_end_matches("Link to this section#")
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn a_heading_that_repeats_the_label_is_shown_once() {
    let text = "::: challenge\n## Count birds\nHow many?\n\n:::: solution\n## Solution\n\nTwelve.\n::::\n:::\n";
    let out = render(text, Target::Web, Edition::Learner);
    assert_eq!(texts(&out.html, ".block-title"), ["Challenge", "Solution"]);
    assert_eq!(texts(&out.html, "h2"), ["Count birds"], "{}", out.html);
    assert_eq!(out.headings.len(), 1);
    assert!(out.headings[0].in_block);
    assert!(!out.text.contains("Solution Solution"), "{}", out.text);
}

#[test]
fn a_folding_block_takes_its_first_heading_as_its_summary() {
    let text = "::: spoiler\n\n## Markdown *files*\n\nThey are text.\n:::\n\n::: hint\n### Look at `wc`\nIt counts.\n:::\n";
    let out = render(text, Target::Web, Edition::Learner);
    assert_eq!(
        texts(&out.html, "details > summary.block-title"),
        ["Markdown files", "Look at wc"]
    );
    assert!(
        out.html
            .contains("<summary class=\"block-title own-title\">Markdown <em>files</em></summary>"),
        "{}",
        out.html
    );
    assert!(out.headings.is_empty(), "a summary is no heading");
    let plain = render(
        "::: spoiler\nNo heading.\n:::\n",
        Target::Web,
        Edition::Learner,
    );
    assert_eq!(texts(&plain.html, "summary"), ["More details"]);
}

#[test]
fn tab_blocks_are_panels_titled_by_their_headings() {
    let text = "::: group-tab\n\n### Windows\n\nUse Git Bash.\n\n#### Details\n\nMore.\n\n### macOS\n\n::: callout\n### Inside\n:::\n\nUse Terminal.\n:::\n";
    let out = render(text, Target::Web, Edition::Learner);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let fragment = fragment(&out.html);
    let block = scraper::Selector::parse("div.block-group-tab[data-tabs=group]").unwrap();
    assert_eq!(fragment.select(&block).count(), 1, "{}", out.html);
    let panels = scraper::Selector::parse("section.tab-panel").unwrap();
    let names: Vec<&str> = (fragment.select(&panels))
        .map(|p| p.value().attr("data-tab").unwrap_or_default())
        .collect();
    assert_eq!(names, ["Windows", "macOS"]);
    assert_eq!(
        texts(&out.html, "section.tab-panel > h3.tab-title"),
        ["Windows", "macOS"]
    );
    assert_eq!(
        texts(&out.html, "section.tab-panel .block-callout h3"),
        ["Inside"]
    );
    assert!(out.headings.iter().all(|h| h.in_block));
    assert_eq!(
        texts(&out.html, ".block-group-tab > .block-title"),
        Vec::<String>::new()
    );
}

#[test]
fn print_answers_are_named_after_their_challenge() {
    let text = "::: challenge\n## Creating Branches\nTry.\n\n:::: hint\nLook.\n::::\n\n:::: solution\n## Solution\nDone.\n::::\n:::\n\n::: challenge {title=\"Merging\"}\n:::: solution\nYes.\n::::\n:::\n\n::: solution\nLoose.\n:::\n";
    let out = render(text, Target::Print, Edition::Learner);
    assert_eq!(
        texts(&out.html, "section.answers > .block > .block-title"),
        [
            "1. Hint: Creating Branches",
            "2. Solution: Creating Branches",
            "3. Solution: Merging",
            "4. Solution"
        ]
    );
    assert!(!out.html.contains("<h2>Solution</h2>"), "{}", out.html);
}

#[test]
fn block_ids_are_unique_on_the_page_like_headings() {
    let text =
        "::: note {#main}\nA.\n:::\n\n::: note {#x}\nB.\n:::\n\n::: tip {#x}\nC.\n:::\n\n## X\n";
    let out = render(text, Target::Web, Edition::Learner);
    let fragment = fragment(&out.html);
    let blocks = scraper::Selector::parse("div.block").unwrap();
    let ids: Vec<&str> = (fragment.select(&blocks))
        .map(|b| b.value().attr("id").unwrap_or_default())
        .collect();
    assert_eq!(ids, ["main-1", "x", "x-1"]);
    assert_eq!(out.anchors, ["main-1", "x", "x-1"]);
    assert_eq!(out.headings[0].id, "x-2");
    let hidden = render(
        "::: instructor {#secret}\nS.\n:::\n",
        Target::Web,
        Edition::Learner,
    );
    assert!(hidden.anchors.is_empty(), "a hidden block gives out no id");
}
