//! What lessons written for the Carpentries' older Jekyll template ("styles") still hold after
//! their move to the Workbench: kramdown attribute lists. A blockquote closed by `{: .challenge}`
//! (`> ## Title` ... `{: .challenge}`, solutions nested as `> > ...` and `> {: .solution}`)
//! becomes the block the Workbench writes as `::: challenge` ... `:::`; `{: .language-python}`
//! after a code block names the block's language on its fence (`{: .output}` makes it an output
//! block). Any other attribute list is left out and noted.
//!
//! No line moves when it can be helped: the block's opening fence takes the place of the blank
//! line before the blockquote (a line is added only when there is none), its closing fence the
//! place of the attribute list; each quoted line loses one `>`.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use serde_json::Value;

use crate::import::front_matter::SourceDoc;
use crate::markdown::parser_options;

/// Attribute-list classes that name a block guidebook knows.
const BLOCKS: [&str; 14] = [
    "callout",
    "challenge",
    "checklist",
    "discussion",
    "keypoints",
    "objectives",
    "prereq",
    "questions",
    "solution",
    "testimonial",
    "hint",
    "instructor",
    "spoiler",
    "caution",
];

/// A text after its attribute lists were dealt with.
pub struct Styled {
    pub text: String,
    /// Attribute lists left out: their line in the text given, and a note.
    pub notes: Vec<(usize, String)>,
    /// Blockquotes made into blocks.
    pub blocks: usize,
}

/// One line of the text being changed.
struct Line {
    text: String,
    /// What ended it (`\n`, `\r\n` or nothing, for the last).
    end: String,
    /// Its line in the text given (1-based).
    number: usize,
    /// Inside a code block of the text given: never read as an attribute list.
    code: bool,
    /// Dealt with already (an attribute list turned into a fence or blanked).
    done: bool,
}

/// Deals with every kramdown attribute list of `text` (see the module's comment).
pub fn convert_styles(text: &str) -> Styled {
    let mut lines = split_lines(text);
    let mut styled = Styled {
        text: String::new(),
        notes: Vec::new(),
        blocks: 0,
    };
    // Unwrapping a blockquote brings the attribute lists inside it to the top level, so the
    // lines are read again until nothing more changes.
    loop {
        let mut changed = false;
        for index in 0..lines.len() {
            let Some(classes) = attribute_list(&lines[index]) else {
                continue;
            };
            lines[index].done = true;
            changed = true;
            let language = classes.iter().find_map(|class| language_of(class));
            let block = classes
                .iter()
                .find(|class| BLOCKS.contains(&class.as_str()));
            let number = lines[index].number;
            let handled = match (language, block) {
                (Some(language), _) => name_code_block(&mut lines, index, &language),
                (None, Some(block)) => {
                    let made = make_block(&mut lines, index, block);
                    styled.blocks += usize::from(made);
                    made
                }
                (None, None) => classes.iter().any(|class| class == "quotation"),
            };
            if !handled {
                let written = lines[index].text.trim().to_string();
                styled.notes.push((
                    number,
                    format!("`{written}` (a kramdown attribute list, from Jekyll) has no counterpart: left out"),
                ));
            }
            if lines[index].text.trim().starts_with("{:") {
                lines[index].text.clear();
            }
        }
        if !changed {
            break;
        }
    }
    styled.text = lines
        .iter()
        .map(|l| format!("{}{}", l.text, l.end))
        .collect();
    styled
}

/// The text's lines, each marked when it lies in a code block.
fn split_lines(text: &str) -> Vec<Line> {
    let code: Vec<Range<usize>> = Parser::new_ext(text, parser_options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            matches!(event, Event::Start(Tag::CodeBlock(_))).then_some(range)
        })
        .collect();
    let mut offset = 0;
    text.split_inclusive('\n')
        .enumerate()
        .map(|(index, raw)| {
            let start = offset;
            offset += raw.len();
            let (body, end) = match raw.strip_suffix("\r\n") {
                Some(body) => (body, "\r\n"),
                None => match raw.strip_suffix('\n') {
                    Some(body) => (body, "\n"),
                    None => (raw, ""),
                },
            };
            Line {
                text: body.to_string(),
                end: end.to_string(),
                number: index + 1,
                code: code.iter().any(|range| range.contains(&start)),
                done: false,
            }
        })
        .collect()
}

/// The classes of a line that is only an attribute list (`{: .challenge}`) at the top level.
fn attribute_list(line: &Line) -> Option<Vec<String>> {
    if line.code || line.done {
        return None;
    }
    let inside = line.text.trim().strip_prefix("{:")?.strip_suffix('}')?;
    Some(
        inside
            .split_whitespace()
            .filter_map(|word| word.strip_prefix('.'))
            .map(str::to_string)
            .collect(),
    )
}

/// The language a class gives a code block (`language-python`, `output`).
fn language_of(class: &str) -> Option<String> {
    match class {
        "output" | "error" | "warning" => Some(class.to_string()),
        _ => class.strip_prefix("language-").map(str::to_string),
    }
}

/// Puts `language` on the fence of the code block that ends right above the attribute list
/// at `index` (blank lines between allowed), when that fence names none yet.
fn name_code_block(lines: &mut [Line], index: usize, language: &str) -> bool {
    let Some(closing) = (0..index).rev().find(|&i| !lines[i].text.trim().is_empty()) else {
        return false;
    };
    let Some((mark, _)) = fence(&lines[closing].text) else {
        return false;
    };
    let Some(opening) = (0..closing)
        .rev()
        .find(|&i| fence(&lines[i].text).is_some_and(|(m, _)| m == mark))
    else {
        return false;
    };
    let (_, info) = fence(&lines[opening].text).unwrap_or_default();
    if info.is_empty() {
        lines[opening].text.push_str(language);
    }
    true
}

/// A code fence line: its run of backticks or tildes, and its info string.
fn fence(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim_start();
    let mark = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let run: String = trimmed.chars().take_while(|&c| c == mark).collect();
    (run.len() >= 3).then(|| (run.clone(), trimmed[run.len()..].trim().to_string()))
}

/// Makes the blockquote that ends right above the attribute list at `index` into a fenced
/// block named `name`. `false` when no blockquote ends there.
fn make_block(lines: &mut Vec<Line>, index: usize, name: &str) -> bool {
    let start = (0..index)
        .rev()
        .take_while(|&i| quote_depth(&lines[i].text) >= 1)
        .last();
    let Some(start) = start else {
        return false;
    };
    for line in &mut lines[start..index] {
        line.text = unquote(&line.text);
    }
    lines[index].text = ":::".to_string();
    let opening = format!("::: {name}");
    match start.checked_sub(1) {
        Some(before) if lines[before].text.trim().is_empty() && !lines[before].code => {
            lines[before].text = opening;
        }
        _ => {
            let end = lines[start].end.clone();
            lines.insert(
                start,
                Line {
                    text: opening,
                    end,
                    number: lines[start].number,
                    code: false,
                    done: true,
                },
            );
        }
    }
    true
}

/// How many `>` open a line (`> > text` is 2).
fn quote_depth(line: &str) -> usize {
    let mut depth = 0;
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        if rest.len() - trimmed.len() > 3 {
            return depth;
        }
        match trimmed.strip_prefix('>') {
            Some(after) => {
                depth += 1;
                rest = after;
            }
            None => return depth,
        }
    }
}

/// A line without its first `>` (and the space after it).
fn unquote(line: &str) -> String {
    let trimmed = line.trim_start_matches(' ');
    match trimmed.strip_prefix('>') {
        Some(after) => after.strip_prefix(' ').unwrap_or(after).to_string(),
        None => line.to_string(),
    }
}

/// The overview a Jekyll-era episode kept in its front matter (`questions`, `objectives`,
/// `keypoints`), as the blocks the Workbench writes in the body: questions and objectives
/// before the body, key points after it. Nothing when the body has such blocks already.
pub struct Overview {
    /// (block name, items), in the order they go.
    lists: Vec<(&'static str, Vec<String>)>,
}

impl Overview {
    pub fn of(doc: &SourceDoc<'_>) -> Overview {
        let mut lists = Vec::new();
        for name in ["questions", "objectives", "keypoints"] {
            let Some(Value::Array(items)) = doc.get(name) else {
                continue;
            };
            let has_block = doc.body.lines().any(|line| {
                let line = line.trim_start();
                line.starts_with(":::") && line.trim_start_matches(':').trim().starts_with(name)
            });
            let items: Vec<String> = items
                .iter()
                .filter_map(Value::as_str)
                .map(|item| item.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|item| !item.is_empty())
                .collect();
            if !has_block && !items.is_empty() {
                lists.push((name, items));
            }
        }
        Overview { lists }
    }

    /// The front matter keys the blocks take the place of.
    pub fn keys(&self) -> Vec<&'static str> {
        self.lists.iter().map(|(name, _)| *name).collect()
    }

    /// `body` with the blocks before and after it.
    pub fn around(&self, body: &str) -> String {
        let block = |name: &str, items: &[String]| {
            let items: Vec<String> = items.iter().map(|item| format!("- {item}\n")).collect();
            format!("\n::::::: {name}\n\n{}\n:::::::\n", items.concat())
        };
        let mut text = String::new();
        for (name, items) in self.lists.iter().filter(|(name, _)| *name != "keypoints") {
            text.push_str(&block(name, items));
        }
        text.push_str(body);
        for (name, items) in self.lists.iter().filter(|(name, _)| *name == "keypoints") {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&block(name, items));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_challenge_with_a_nested_solution_becomes_blocks_in_place() {
        let text = "Text.\n\n> ## Reto\n>\n> Haz esto.\n>\n> > ## Solución\n> > Así.\n> {: .solution}\n{: .challenge}\n\nAfter.\n";
        let styled = convert_styles(text);
        assert_eq!(
            styled.text,
            "Text.\n::: challenge\n## Reto\n\nHaz esto.\n::: solution\n## Solución\nAsí.\n:::\n:::\n\nAfter.\n"
        );
        assert_eq!(styled.text.lines().count(), text.lines().count());
        assert_eq!(styled.blocks, 2);
        assert!(styled.notes.is_empty());
    }

    #[test]
    fn code_blocks_get_their_language_on_the_fence() {
        let text = "~~~\nimport pandas\n~~~\n{: .language-python}\n~~~\nout\n~~~\n{: .output}\n\n> ~~~\n> ls\n> ~~~\n> {: .language-bash}\n{: .callout}\n";
        let styled = convert_styles(text);
        assert_eq!(
            styled.text,
            "~~~python\nimport pandas\n~~~\n\n~~~output\nout\n~~~\n\n::: callout\n~~~bash\nls\n~~~\n\n:::\n"
        );
    }

    #[test]
    fn other_attribute_lists_are_left_out_with_a_note_and_code_is_untouched() {
        let text = "# Title\n{: .no-toc}\n\n```\n{: .challenge}\n```\n> quote\n{: .quotation}\n";
        let styled = convert_styles(text);
        assert_eq!(
            styled.text,
            "# Title\n\n\n```\n{: .challenge}\n```\n> quote\n\n"
        );
        let lines: Vec<usize> = styled.notes.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2]);
    }

    #[test]
    fn a_front_matter_overview_becomes_blocks_around_the_body() {
        let text = "---\ntitle: T\nquestions:\n  - \"Why?\"\nobjectives:\n  - \"Learn\n    this.\"\nkeypoints:\n  - \"Done.\"\n---\n\nBody.\n";
        let doc = crate::import::front_matter::read_doc(text);
        let overview = Overview::of(&doc);
        assert_eq!(overview.keys(), ["questions", "objectives", "keypoints"]);
        assert_eq!(
            overview.around(doc.body),
            "\n::::::: questions\n\n- Why?\n\n:::::::\n\n::::::: objectives\n\n- Learn this.\n\n:::::::\n\nBody.\n\n::::::: keypoints\n\n- Done.\n\n:::::::\n"
        );
        let with_block = crate::import::front_matter::read_doc(
            "---\nkeypoints: [a]\n---\n\n:::: keypoints\n- a\n::::\n",
        );
        assert!(Overview::of(&with_block).keys().is_empty());
    }

    #[test]
    fn a_blockquote_with_no_blank_line_before_it_gets_a_line_for_its_fence() {
        let styled = convert_styles("> ## Note\n> text\n{: .callout}\n");
        assert_eq!(styled.text, "::: callout\n## Note\ntext\n:::\n");
    }
}
