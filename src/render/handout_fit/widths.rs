//! How wide a text is in the handout's lines, counted in characters: a wide (CJK) character
//! counts twice, and HTML counts only the text it shows.

/// The width of plain text.
pub(super) fn text_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(char_width).sum()
}

/// The width of one character.
fn char_width(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// The width of the text an HTML fragment shows: tags left out, an entity counted once.
/// The width of the text `html` shows (tags left out, an entity one character).
pub(super) fn visible_width(html: &str) -> usize {
    let mut width = 0;
    let mut in_tag = false;
    let mut in_entity = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '&' => {
                in_entity = true;
                width += 1;
            }
            ';' if in_entity => in_entity = false,
            _ if in_entity => {}
            c if c.is_whitespace() => width += 1,
            c => width += char_width(c),
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_leaves_tags_out() {
        assert_eq!(
            visible_width("<p>Keep <em>the door</em> shut &amp; quiet.</p>"),
            27
        );
        assert_eq!(text_width("猫の散歩"), 8);
        assert_eq!(text_width("Walk à deux"), 11);
        assert_eq!(text_width("Walk on"), 7);
    }
}
