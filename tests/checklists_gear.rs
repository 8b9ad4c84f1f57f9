//! Checklists (task items -> labelled checkboxes with stable ids, the checklists page and
//! `assets/tasks.js`) and gear (compare tables in lessons, the gear page, the lessons' gear box),
//! with the errors of compare blocks, `gear.yaml` and `gear:` references.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use common::*;
use scraper::{ElementRef, Html};

const SLUGS: [&str; 4] = ["start", "fit", "walk", "home"];

/// Task items in a lesson's Markdown, counted from the source.
fn task_items_in(markdown: &str) -> usize {
    markdown
        .lines()
        .map(str::trim_start)
        .filter(|line| {
            line.starts_with("- [ ] ") || line.starts_with("- [x] ") || line.starts_with("- [X] ")
        })
        .count()
}

fn lesson_files() -> [(&'static str, &'static str); 4] {
    [
        ("start", "content/01-start.md"),
        ("fit", "content/02-fit.md"),
        ("walk", "content/later/03-walk.md"),
        ("home", "content/04-home.md"),
    ]
}

/// The checkboxes of a page: (id, label text, checked).
fn boxes(html: &Html) -> Vec<(String, String, bool)> {
    select(html, "input.task-box")
        .into_iter()
        .map(|input| {
            let id = attr(input, "id").to_string();
            let label = select(html, &format!("label[for=\"{id}\"]"));
            let label_text = label.first().map(|l| text(*l)).unwrap_or_default();
            (id, label_text, input.value().attr("checked").is_some())
        })
        .collect()
}

/// Label text -> ids (a text may appear more than once in a list).
fn ids_by_label(html: &Html) -> BTreeMap<String, BTreeSet<String>> {
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (id, label, _) in boxes(html) {
        map.entry(label).or_default().insert(id);
    }
    map
}

// ---- checklists -------------------------------------------------------------------------------

#[test]
fn one_checkbox_per_task_item() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let mut total = 0;
    for (slug, file) in lesson_files() {
        let expected = task_items_in(&workspace.read(file));
        let html = page(&out, &format!("{slug}.html"));
        assert_eq!(
            select(&html, "main input.task-box").len(),
            expected,
            "{slug}.html"
        );
        assert_eq!(select(&html, "main li.task").len(), expected, "{slug}.html");
        total += expected;
    }
    assert_eq!(total, 9, "the fixture changed");
    let checklists = page(&out, "checklists.html");
    assert_eq!(select(&checklists, "input.task-box").len(), total);
}

#[test]
fn checkbox_markup_ids_and_labels() {
    let workspace = copy_fixture("basic");
    let out_dir = workspace.build_ok();
    for name in SLUGS
        .iter()
        .map(|s| format!("{s}.html"))
        .chain(["checklists.html".to_string()])
    {
        let html = page(&out_dir, &name);
        for input in select(&html, "input.task-box") {
            let id = attr(input, "id");
            assert_eq!(attr(input, "type"), "checkbox", "{name}: {}", input.html());
            assert_eq!(attr(input, "data-task"), id, "{name}: {}", input.html());
            let labels = select(&html, &format!("label[for=\"{id}\"]"));
            assert_eq!(
                labels.len(),
                1,
                "{name}: checkbox {id} has {} labels",
                labels.len()
            );
            assert!(!text(labels[0]).is_empty(), "{name}: empty label for {id}");
            // Box and label sit in the same list item.
            let item = input
                .parent()
                .and_then(ElementRef::wrap)
                .expect("the checkbox's parent");
            assert_eq!(item.value().name(), "li", "{name}: {}", item.html());
            assert!(
                item.value().classes().any(|c| c == "task"),
                "{name}: {}",
                item.html()
            );
            assert_eq!(
                select_in(item, &format!("label[for=\"{id}\"]")).len(),
                1,
                "{name}: {}",
                item.html()
            );
            // `<slug>--<8 hex>`, possibly with a `-N` suffix for repeated texts.
            let (slug, hash) = id
                .split_once("--")
                .unwrap_or_else(|| panic!("{name}: id {id}"));
            assert!(SLUGS.contains(&slug), "{name}: id {id}");
            let hex = hash.split('-').next().unwrap();
            assert!(
                hex.len() == 8 && hex.chars().all(|c| c.is_ascii_hexdigit()),
                "{name}: id {id}"
            );
        }
    }
}

#[test]
fn ticked_items_start_checked() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    for name in ["start.html", "checklists.html"] {
        let html = page(&out, name);
        let checked: Vec<String> = boxes(&html)
            .into_iter()
            .filter(|b| b.2)
            .map(|b| b.1)
            .collect();
        assert_eq!(checked, ["Buy some treats"], "{name}");
    }
}

#[test]
fn the_checklists_page_has_every_box_once_with_the_lesson_ids() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let checklists = boxes(&page(&out, "checklists.html"));
    let ids: Vec<&String> = checklists.iter().map(|b| &b.0).collect();
    let unique: BTreeSet<&String> = ids.iter().copied().collect();
    assert_eq!(
        unique.len(),
        ids.len(),
        "duplicate ids on checklists.html: {ids:?}"
    );
    let mut from_lessons = Vec::new();
    for slug in SLUGS {
        from_lessons.extend(boxes(&page(&out, &format!("{slug}.html"))));
    }
    // Same ids, labels and default ticks, in step order.
    assert_eq!(checklists, from_lessons);
    // Repeated texts in one lesson still get distinct ids.
    let praise: Vec<&(String, String, bool)> = checklists
        .iter()
        .filter(|b| b.1 == "Praise warmly")
        .collect();
    assert_eq!(praise.len(), 2);
}

#[test]
fn ids_survive_rebuilds_reordering_and_new_items() {
    let workspace = copy_fixture("basic");
    let first = workspace.build_ok();
    let before = ids_by_label(&page(&first, "start.html"));
    let other_before = ids_by_label(&page(&first, "walk.html"));

    // Same input, a second build: same ids.
    let again = workspace.path("again");
    workspace.build_to(&again, &[]).assert_code(0);
    assert_eq!(ids_by_label(&page(&again, "start.html")), before);

    // Reverse the list and add an item in the middle.
    let source = workspace.read("content/01-start.md");
    let items: Vec<&str> = source.lines().filter(|l| l.starts_with("- [")).collect();
    assert_eq!(items.len(), 5);
    let mut reordered: Vec<String> = items.iter().rev().map(|s| s.to_string()).collect();
    reordered.insert(2, "- [ ] Fill the water bowl".to_string());
    let list = items.join("\n");
    assert!(source.contains(&list));
    workspace.write(
        "content/01-start.md",
        &source.replace(&list, &reordered.join("\n")),
    );
    let changed = workspace.path("changed");
    workspace.build_to(&changed, &[]).assert_code(0);
    let html = page(&changed, "start.html");
    let order: Vec<String> = boxes(&html).into_iter().map(|b| b.1).collect();
    assert_eq!(
        order[0], "Praise warmly",
        "the list was not reordered: {order:?}"
    );
    let after = ids_by_label(&html);
    for (label, ids) in &before {
        assert_eq!(after.get(label), Some(ids), "the id of `{label}` changed");
    }
    let new_ids = &after["Fill the water bowl"];
    assert_eq!(new_ids.len(), 1);
    let old_ids: BTreeSet<&String> = before.values().flatten().collect();
    assert!(
        !old_ids.contains(new_ids.iter().next().unwrap()),
        "the new item reused an old id"
    );
    // Other lessons are unaffected.
    assert_eq!(ids_by_label(&page(&changed, "walk.html")), other_before);
}

#[test]
fn the_same_text_in_two_lessons_gets_two_ids() {
    let workspace = write_guide(&[
        ("content/01-a.md", &lesson("A", 1, "", "\n- [ ] Reward\n")),
        ("content/02-b.md", &lesson("B", 2, "", "\n- [ ] Reward\n")),
    ]);
    let out = workspace.build_ok();
    let a = boxes(&page(&out, "a.html"));
    let b = boxes(&page(&out, "b.html"));
    assert_ne!(a[0].0, b[0].0);
    let all = boxes(&page(&out, "checklists.html"));
    assert_eq!(
        all.iter()
            .map(|b| b.0.clone())
            .collect::<BTreeSet<_>>()
            .len(),
        2
    );
}

#[test]
fn tasks_js_lists_every_lessons_task_ids() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let json = tasks_json(&out);
    let lessons = json["lessons"].as_array().expect("`lessons` is an array");
    let slugs: Vec<&str> = lessons
        .iter()
        .map(|l| l["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, SLUGS);
    assert!(
        json["guide"].as_str().is_some_and(|g| !g.is_empty()),
        "{json}"
    );
    for lesson in lessons {
        let slug = lesson["slug"].as_str().unwrap();
        let on_page = boxes(&page(&out, &format!("{slug}.html")));
        let listed: Vec<&str> = lesson["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let expected: Vec<&str> = on_page.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(listed, expected, "tasks of {slug}");
        let defaults: Vec<&str> = lesson["defaults"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let checked: Vec<&str> = on_page
            .iter()
            .filter(|b| b.2)
            .map(|b| b.0.as_str())
            .collect();
        assert_eq!(defaults, checked, "defaults of {slug}");
        assert_eq!(lesson["url"], format!("{slug}.html"));
    }
}

// ---- compare tables ---------------------------------------------------------------------------

/// A table's caption, column headers, and rows as (class, name, cells, verdict cell text).
struct Table {
    caption: String,
    columns: Vec<String>,
    rows: Vec<Row>,
}

#[derive(Debug, PartialEq, Eq)]
struct Row {
    id: Option<String>,
    class: String,
    name: String,
    cells: Vec<(String, String)>,
    verdict: String,
}

fn read_table(table: ElementRef<'_>) -> Table {
    let caption = text(select_in(table, "caption")[0]);
    let columns = select_in(table, "thead th").into_iter().map(text).collect();
    // Each item is a tbody: its row of values, then a row with the verdict's reason.
    let rows = select_in(table, "tbody.compare-item")
        .into_iter()
        .map(|item| {
            let trs = select_in(item, "tr");
            assert_eq!(trs.len(), 2, "an item's values and its reason");
            let (tr, reason) = (trs[0], trs[1]);
            assert_eq!(
                attr(reason, "class"),
                format!("compare-reason {}", attr(tr, "class"))
            );
            let reason_cell = select_in(reason, "td")[0];
            assert_eq!(
                attr(reason_cell, "colspan"),
                (select_in(tr, "th, td").len()).to_string(),
                "the reason spans the table"
            );
            Row {
                id: tr.value().attr("id").map(String::from),
                class: tr.value().attr("class").unwrap_or_default().to_string(),
                name: text(select_in(tr, "th[scope=\"row\"]")[0]),
                cells: select_in(tr, "td:not(.verdict)")
                    .into_iter()
                    .map(|td| (attr(td, "data-label").to_string(), text(td)))
                    .collect(),
                verdict: format!(
                    "{} {}",
                    text(select_in(tr, "td.verdict")[0]),
                    text(reason_cell)
                ),
            }
        })
        .collect();
    Table {
        caption,
        columns,
        rows,
    }
}

fn cells(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_narrowed_compare_block_keeps_the_order_of_items_and_columns() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let html = page(&out, "fit.html");
    let tables = select(&html, "main table.compare-table");
    assert_eq!(tables.len(), 1);
    let table = read_table(tables[0]);
    assert_eq!(table.caption, "Harnesses & vests");
    assert_eq!(
        table.columns,
        ["Option", "Comfort", "Escape resistance", "Verdict"]
    );
    let expected = [
        Row {
            id: None,
            class: "verdict-avoid".into(),
            name: "Collar".into(),
            cells: cells(&[("Comfort", "Poor"), ("Escape resistance", "Low")]),
            verdict: "✗ Avoid Can choke the cat.".into(),
        },
        Row {
            id: None,
            class: "verdict-recommended".into(),
            name: "Vest harness".into(),
            cells: cells(&[("Comfort", "Good"), ("Escape resistance", "High")]),
            verdict: "✓ Recommended Hard to slip out of.".into(),
        },
    ];
    assert_eq!(table.rows, expected);
    // The verdict's word and reason are visible text; the symbol is decoration.
    let badge = select_one(
        &html,
        "main tr.verdict-avoid td.verdict strong.verdict-badge",
    );
    assert_eq!(text(badge), "✗ Avoid");
    assert_eq!(text(select_in(badge, "span[aria-hidden=\"true\"]")[0]), "✗");
    assert_eq!(
        text(select_one(
            &html,
            "main tr.verdict-avoid + tr.compare-reason .reason"
        )),
        "Can choke the cat."
    );
}

#[test]
fn a_plain_compare_block_shows_the_whole_category() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let html = page(&out, "home.html");
    let table = read_table(select_one(&html, "main table.compare-table"));
    assert_eq!(table.caption, "Leashes");
    assert_eq!(table.columns, ["Option", "Length", "Material", "Verdict"]);
    let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Light leash", "Bungee leash"]);
    // A missing value is shown as a dash, not left blank.
    assert_eq!(
        table.rows[1].cells,
        cells(&[("Length", "1.5 m"), ("Material", "—")])
    );
    assert_eq!(table.rows[1].verdict, "✗ Avoid Pulls back on its own.");
}

/// The item ids in `gear.yaml`, category by category.
fn catalogue(workspace: &Workspace) -> Vec<(String, String, Vec<String>)> {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&workspace.read("content/gear.yaml")).unwrap();
    yaml["categories"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| {
            let items = c["items"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_string())
                .collect();
            (
                c["id"].as_str().unwrap().to_string(),
                c["title"].as_str().unwrap().to_string(),
                items,
            )
        })
        .collect()
}

#[test]
fn the_gear_page_has_every_category_and_item() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let html = page(&out, "gear.html");
    let tables = select(&html, "main table.compare-table");
    let categories = catalogue(&workspace);
    assert_eq!(tables.len(), categories.len(), "one table per category");
    for (table, (_, title, items)) in tables.into_iter().zip(&categories) {
        let table = read_table(table);
        assert_eq!(&table.caption, title);
        let row_ids: Vec<String> = table
            .rows
            .iter()
            .map(|r| r.id.clone().unwrap_or_default())
            .collect();
        let expected: Vec<String> = items.iter().map(|id| format!("gear-{id}")).collect();
        assert_eq!(row_ids, expected, "rows of {title}");
    }
    for (_, _, items) in &categories {
        for id in items {
            assert_eq!(
                select(&html, &format!("tr#gear-{id}")).len(),
                1,
                "tr#gear-{id}"
            );
        }
    }
    // The full harness table has every column, in the catalogue's order.
    let harness = read_table(select(&html, "main table.compare-table")[0]);
    assert_eq!(
        harness.columns,
        [
            "Option",
            "Escape resistance",
            "Weight",
            "Comfort",
            "Verdict"
        ]
    );
    assert_eq!(
        harness.rows[1].cells,
        cells(&[
            ("Escape resistance", "Medium"),
            ("Weight", "30 g"),
            ("Comfort", "Fair")
        ])
    );
    assert_eq!(harness.rows[1].verdict, "~ Acceptable Fine once adjusted.");
}

#[test]
fn lessons_link_their_gear_to_the_gear_page() {
    let workspace = copy_fixture("basic");
    let out = workspace.build_ok();
    let gear = page(&out, "gear.html");
    for (slug, ids) in [
        ("fit", &["vest", "light-leash"][..]),
        ("home", &["bungee"][..]),
    ] {
        let html = page(&out, &format!("{slug}.html"));
        for id in ids {
            let href = format!("gear.html#gear-{id}");
            assert!(
                !select(&html, &format!("a[href=\"{href}\"]")).is_empty(),
                "{slug}.html has no link to {href}"
            );
            assert_eq!(select(&gear, &format!("#gear-{id}")).len(), 1);
        }
    }
    // A lesson without `gear:` links to no item.
    let walk = fs::read_to_string(out.join("walk.html")).unwrap();
    assert!(!walk.contains("gear.html#gear-"));
}

#[test]
fn a_guide_without_gear_yaml_has_no_gear_page() {
    let workspace = write_guide(&[("content/01-a.md", &lesson("A", 1, "", "\n- [ ] One\n"))]);
    let out = workspace.build_ok();
    assert!(!out.join("gear.html").exists());
    for name in html_files(&out) {
        let html = page(&out, &name);
        assert!(
            hrefs(&html, "a[href]")
                .iter()
                .all(|h| !h.starts_with("gear.html")),
            "{name} links to gear.html"
        );
    }
}

// ---- errors in compare blocks -----------------------------------------------------------------

const GEAR: &str = "categories:
  - id: harness
    title: Harnesses
    attributes:
      - { key: escape, label: Escape resistance }
      - { key: weight, label: Weight }
    items:
      - id: vest
        name: Vest
        values: { escape: High, weight: 40 g }
        verdict: recommended
        reason: Hard to slip out of.
      - id: collar
        name: Collar
        values: { escape: Low }
        verdict: avoid
        reason: Can choke.
";

const A: &str = "content/01-a.md";

/// A lesson whose body (starting on line 6) is `body`.
fn lesson_with(body: &str) -> String {
    lesson("A", 1, "", body)
}

fn gear_error(lesson_text: &str, gear: &str) -> Vec<Diag> {
    let workspace = write_guide(&[("content/gear.yaml", gear), (A, lesson_text)]);
    workspace.build_errors()
}

#[test]
fn compare_block_with_an_unknown_category() {
    // Line 6 empty, 7 text, 8 empty, 9 the fence, 10 `category:`.
    let errors = gear_error(
        &lesson_with("\nText.\n\n```compare\ncategory: harnes\n```\n"),
        GEAR,
    );
    let error = single_error(&errors);
    assert_diag(error, A, 10, 11, "no category `harnes`");
    assert_help(error, "did you mean `harness`?");
}

#[test]
fn compare_block_with_an_unknown_item() {
    let errors = gear_error(
        &lesson_with("\n```compare\ncategory: harness\nitems: [vest, colar]\n```\n"),
        GEAR,
    );
    let error = single_error(&errors);
    assert_diag(error, A, 9, 15, "`harness` has no item `colar`");
    assert_help(error, "did you mean `collar`?");
}

#[test]
fn compare_block_with_an_unknown_column() {
    let errors = gear_error(
        &lesson_with("\n```compare\ncategory: harness\ncolumns: [weigth]\n```\n"),
        GEAR,
    );
    let error = single_error(&errors);
    assert_diag(error, A, 9, 11, "`harness` has no column `weigth`");
    assert_help(error, "did you mean `weight`?");
}

#[test]
fn compare_block_with_bad_yaml() {
    let errors = gear_error(
        &lesson_with("\n```compare\ncategory: harness\nitems: a: b\n```\n"),
        GEAR,
    );
    let error = single_error(&errors);
    assert_eq!((error.file.as_str(), error.line), (A, 9), "{error:#?}");
    assert!(error.message.starts_with("compare block"), "{error:#?}");
    assert_help(error, "category:");
}

#[test]
fn compare_block_with_an_unknown_key() {
    let errors = gear_error(
        &lesson_with("\n```compare\ncategory: harness\nitem: [vest]\n```\n"),
        GEAR,
    );
    let error = single_error(&errors);
    assert_eq!((error.file.as_str(), error.line), (A, 9), "{error:#?}");
    assert!(error.message.contains("unknown field `item`"), "{error:#?}");
    assert_help(error, "did you mean `items`?");
}

#[test]
fn compare_block_without_gear_yaml() {
    let workspace = write_guide(&[(A, &lesson_with("\n```compare\ncategory: harness\n```\n"))]);
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(error, A, 8, 11, "no category `harness`");
    assert_help(error, "gear.yaml");
}

#[test]
fn compare_block_errors_in_a_crlf_file_point_at_the_right_columns() {
    let text = lesson_with(
        "\n```compare\ncategory: harness\nitems: [vest, colar]\ncolumns: [escape, weigth]\n```\n",
    )
    .replace('\n', "\r\n");
    let errors = gear_error(&text, GEAR);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_diag(&errors[0], A, 9, 15, "no item `colar`");
    assert_diag(&errors[1], A, 10, 19, "no column `weigth`");
}

#[test]
fn every_bad_compare_block_of_a_lesson_is_reported() {
    let body = "\n```compare\ncategory: harnes\n```\n\n```compare\ncategory: harness\nitems: [vets]\n```\n";
    let errors = gear_error(&lesson_with(body), GEAR);
    let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(places, [(8, 11), (13, 9)], "{errors:#?}");
}

// ---- errors in gear.yaml ----------------------------------------------------------------------

const G: &str = "content/gear.yaml";

fn gear_yaml_errors(gear: &str) -> Vec<Diag> {
    gear_error(&lesson("A", 1, "", "\nText.\n"), gear)
}

#[test]
fn gear_value_for_an_unknown_attribute() {
    let gear = GEAR.replace("values: { escape: Low }", "values: { escap: Low }");
    let errors = gear_yaml_errors(&gear);
    let error = single_error(&errors);
    assert_diag(error, G, 15, 19, "`escap` is not an attribute of `harness`");
    assert_help(error, "did you mean `escape`?");
}

#[test]
fn gear_item_id_used_twice() {
    let gear = format!(
        "{GEAR}      - id: vest\n        name: Vest again\n        verdict: acceptable\n        reason: Copy.\n"
    );
    let errors = gear_yaml_errors(&gear);
    let error = single_error(&errors);
    assert_diag(error, G, 18, 13, "the item id `vest` is used twice");
}

#[test]
fn gear_item_id_used_twice_across_categories() {
    let gear = format!(
        "{GEAR}  - id: leash\n    title: Leashes\n    attributes:\n      - {{ key: length, label: Length }}\n    items:\n      - id: collar\n        name: Collar leash\n        verdict: avoid\n        reason: Odd.\n"
    );
    let errors = gear_yaml_errors(&gear);
    let error = single_error(&errors);
    assert_diag(error, G, 23, 13, "the item id `collar` is used twice");
}

#[test]
fn gear_item_without_a_verdict() {
    let gear = GEAR.replace("        verdict: avoid\n", "");
    let errors = gear_yaml_errors(&gear);
    let error = single_error(&errors);
    assert_diag(error, G, 13, 13, "`collar` has no verdict");
    assert_help(error, "verdict: recommended");
}

#[test]
fn gear_item_with_an_unknown_verdict() {
    let gear = GEAR.replace("verdict: avoid", "verdict: never");
    let errors = gear_yaml_errors(&gear);
    let error = single_error(&errors);
    assert_diag(error, G, 16, 9, "`collar` has an unknown verdict");
    assert_help(error, "recommended, acceptable, avoid");
}

#[test]
fn gear_item_without_a_reason() {
    let gear = GEAR.replace("        reason: Can choke.\n", "");
    let errors = gear_yaml_errors(&gear);
    let error = single_error(&errors);
    assert_diag(error, G, 13, 13, "`collar` has no reason");
    assert_help(error, "reason:");
}

#[test]
fn gear_yaml_with_an_unknown_key() {
    let gear = GEAR.replace(
        "        reason: Can choke.\n",
        "        reasn: Can choke.\n",
    );
    let errors = gear_yaml_errors(&gear);
    let error = single_error(&errors);
    assert_eq!((error.file.as_str(), error.line), (G, 17), "{error:#?}");
    assert!(
        error.message.contains("unknown field `reasn`"),
        "{error:#?}"
    );
    assert_help(error, "did you mean `reason`?");
}

#[test]
fn several_gear_yaml_problems_are_reported_together() {
    let gear = GEAR
        .replace("values: { escape: Low }", "values: { escap: Low }")
        .replace("verdict: recommended", "verdict: maybe");
    let errors = gear_yaml_errors(&gear);
    let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(places, [(11, 9), (15, 19)], "{errors:#?}");
}

#[test]
fn lesson_gear_naming_an_unknown_item() {
    let workspace = write_guide(&[
        ("content/gear.yaml", GEAR),
        (A, &lesson("A", 1, "gear: [vest, colar]\n", "")),
    ]);
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(error, A, 5, 14, "no gear item has the id `colar`");
    assert_help(error, "did you mean `collar`?");
}

#[test]
fn lesson_gear_without_gear_yaml() {
    let workspace = write_guide(&[(A, &lesson("A", 1, "gear:\n  - vest\n", ""))]);
    let errors = workspace.build_errors();
    let error = single_error(&errors);
    assert_diag(error, A, 6, 5, "no gear item has the id `vest`");
    assert_help(error, "gear.yaml");
}

#[test]
fn gear_item_named_like_its_category_is_located_at_the_item() {
    let gear = "categories:
  - id: leash
    title: Leashes
    attributes:
      - { key: length, label: Length }
    items:
      - id: light
        name: Light
        verdict: recommended
        reason: Light.
      - id: leash
        name: Plain leash
        reason: Missing its verdict.
";
    let errors = gear_yaml_errors(gear);
    let error = single_error(&errors);
    // Line 11 is the item; line 2 is the category of the same name.
    assert_diag(error, G, 11, 13, "`leash` has no verdict");
}

/// A catalogue with errors is still known to exist: its own errors are reported, and compare
/// blocks and lessons' `gear:` that name what could not be read say nothing more (each used to
/// add "the guide has no content/gear.yaml"); what can still be checked is.
#[test]
fn a_broken_gear_yaml_is_reported_once_and_not_called_missing() {
    let body = "\n```compare\ncategory: harness\nitems: [vest, collar]\n```\n\n\
        ```compare\ncategory: harness\ncolumns: [weigth]\n```\n";
    let lesson_text = lesson("A", 1, "gear: [vest, collar]\n", body);
    let bad_value = GEAR.replace("verdict: avoid", "verdict: never");
    let too_large = format!("{GEAR}{}\n", "#".repeat(1100 * 1024));
    let not_yaml = GEAR.replace("    items:\n", "    items: [\n");
    let cases = [
        (bad_value, "`collar` has an unknown verdict"),
        (too_large, "more than guidebook reads"),
        (not_yaml, "gear catalogue:"),
    ];
    for (gear, message) in cases {
        let errors = gear_error(&lesson_text, &gear);
        assert!(
            errors
                .iter()
                .all(|e| !format!("{e:?}").contains("no content/gear.yaml")),
            "{errors:#?}"
        );
        let in_gear: Vec<&Diag> = errors.iter().filter(|e| e.file == G).collect();
        assert_eq!(in_gear.len(), 1, "{errors:#?}");
        assert!(in_gear[0].message.contains(message), "{errors:#?}");
        let in_lesson: Vec<&str> = (errors.iter())
            .filter(|e| e.file == A)
            .map(|e| e.message.as_str())
            .collect();
        if message.starts_with("`collar`") {
            // The category was read: its columns are still checked.
            assert_eq!(
                in_lesson,
                ["`harness` has no column `weigth`"],
                "{errors:#?}"
            );
        } else {
            assert!(in_lesson.is_empty(), "{errors:#?}");
        }
    }
}
