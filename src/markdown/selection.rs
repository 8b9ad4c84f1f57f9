//! The lines of an included file a directive selects, as mdBook takes them: a range of lines,
//! or the lines between `ANCHOR: name` and `ANCHOR_END: name` (comments of any language:
//! `// ANCHOR: setup`, `# ANCHOR_END: setup`), the lines of other anchors inside left out. For
//! `rustdoc_include`, the lines outside the selection are kept behind `# `, hidden in the Rust
//! block they land in.

use crate::load::directives::Lines;

/// The selected lines of `text`, joined by line breaks (no final one), or why there are none.
pub fn select(text: &str, lines: &Lines<'_>) -> Result<String, String> {
    let kept = marked_lines(text, lines, false)?;
    let shown: Vec<&str> = kept
        .into_iter()
        .filter_map(|(line, keep)| keep.then_some(line))
        .collect();
    Ok(shown.join("\n"))
}

/// Every line of `text` but the anchor lines, those outside the selection behind `# `.
pub fn select_rustdoc(text: &str, lines: &Lines<'_>) -> Result<String, String> {
    let kept = marked_lines(text, lines, true)?;
    let all: Vec<String> = (kept.into_iter())
        .map(|(line, keep)| {
            if keep {
                line.to_string()
            } else {
                format!("# {line}")
            }
        })
        .collect();
    Ok(all.join("\n"))
}

/// Each line of `text` but anchor lines, and whether the selection takes it. An anchor's lines
/// end at its first `ANCHOR_END`, unless `reopen` (as `rustdoc_include` has it) takes every
/// section of that name.
fn marked_lines<'t>(
    text: &'t str,
    lines: &Lines<'_>,
    reopen: bool,
) -> Result<Vec<(&'t str, bool)>, String> {
    match lines {
        Lines::All => Ok(text.lines().map(|line| (line, true)).collect()),
        Lines::Unreadable(why) => Err(why.clone()),
        Lines::Range { first, last } => {
            let count = text.lines().count();
            if *first > count {
                return Err(format!("it has {count} lines, so none from line {first}"));
            }
            let taken = |n: usize| n >= *first && last.is_none_or(|last| n <= last);
            Ok((text.lines().enumerate())
                .map(|(i, line)| (line, taken(i + 1)))
                .collect())
        }
        Lines::Anchor(name) => {
            let mut inside = false;
            let mut found = false;
            let mut kept = Vec::new();
            for line in text.lines() {
                if let Some(start) = anchor(line, "ANCHOR:") {
                    if start == *name && !inside && (reopen || !found) {
                        inside = true;
                        found = true;
                    }
                    continue;
                }
                if let Some(end) = anchor(line, "ANCHOR_END:") {
                    if end == *name {
                        inside = false;
                    }
                    continue;
                }
                kept.push((line, inside));
            }
            if found {
                Ok(kept)
            } else {
                let names: Vec<&str> = text.lines().filter_map(|l| anchor(l, "ANCHOR:")).collect();
                Err(
                    match crate::diagnostics::closest_match(name, names.iter().copied()) {
                        Some(best) => format!("it has no anchor `{name}` (did you mean `{best}`?)"),
                        None if names.is_empty() => {
                            format!("it has no anchor `{name}`, nor any other")
                        }
                        None => format!(
                            "it has no anchor `{name}`; its anchors: {}",
                            names.join(", ")
                        ),
                    },
                )
            }
        }
    }
}

/// The anchor name after `marker` in `line` (`ANCHOR:\s*[\w-]+`), if the line has one.
fn anchor<'l>(line: &'l str, marker: &str) -> Option<&'l str> {
    let at = line.find(marker)?;
    let rest = line[at + marker.len()..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Lorem\nANCHOR:    outer\nipsum\n// ANCHOR: inner\ndolor\nsit\n/* ANCHOR_END: inner */\namet\nANCHOR_END:outer\nend";

    #[test]
    fn anchors_take_their_lines_without_inner_anchor_lines() {
        assert_eq!(select(TEXT, &Lines::Anchor("inner")).unwrap(), "dolor\nsit");
        assert_eq!(
            select(TEXT, &Lines::Anchor("outer")).unwrap(),
            "ipsum\ndolor\nsit\namet"
        );
        let missing = select(TEXT, &Lines::Anchor("inne")).unwrap_err();
        assert!(missing.contains("did you mean `inner`"), "{missing}");
    }

    #[test]
    fn ranges_count_from_one_and_stop_at_the_end() {
        let text = "a\nb\nc\nd";
        let range = |first, last| Lines::Range { first, last };
        assert_eq!(select(text, &range(2, Some(3))).unwrap(), "b\nc");
        assert_eq!(select(text, &range(3, None)).unwrap(), "c\nd");
        assert_eq!(select(text, &range(1, Some(2))).unwrap(), "a\nb");
        assert_eq!(select(text, &range(2, Some(2))).unwrap(), "b");
        assert_eq!(select(text, &range(3, Some(99))).unwrap(), "c\nd");
        assert!(select(text, &range(5, None)).is_err());
    }

    #[test]
    fn rustdoc_hides_the_other_lines() {
        let text = "fn main() {\n    let x = add_one(2);\n    assert_eq!(x, 3);\n}";
        assert_eq!(
            select_rustdoc(
                text,
                &Lines::Range {
                    first: 2,
                    last: Some(2)
                }
            )
            .unwrap(),
            "# fn main() {\n    let x = add_one(2);\n#     assert_eq!(x, 3);\n# }"
        );
        assert_eq!(
            select_rustdoc(TEXT, &Lines::Anchor("inner")).unwrap(),
            "# Lorem\n# ipsum\ndolor\nsit\n# amet\n# end"
        );
    }
}
