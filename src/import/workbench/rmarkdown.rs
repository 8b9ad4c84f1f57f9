//! R Markdown episodes (`.Rmd`): their code chunks (```` ```{r name, echo=FALSE} ````) are
//! run by the Workbench and only shown by guidebook, so each chunk's fence is given its plain
//! language (```` ```r ````), which guidebook highlights. Nothing else changes, and no line moves.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use crate::import::edits::Edits;
use crate::markdown::parser_options;

/// `text` with every chunk's fence made plain, and how many chunks there were.
pub fn plain_chunks(text: &str) -> (String, usize) {
    let mut edits = Edits::new();
    for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event else {
            continue;
        };
        let Some(language) = chunk_language(&info) else {
            continue;
        };
        let block = &text[range.clone()];
        let Some(at) = block.find(info.as_ref()) else {
            continue;
        };
        let start = range.start + at;
        edits.replace(start..start + info.len(), language);
    }
    let count = edits.len();
    (edits.apply(text), count)
}

/// The language of a chunk's info string (`{r setup, echo=FALSE}` is `r`), or `None` for an
/// ordinary fence.
fn chunk_language(info: &str) -> Option<String> {
    let inside = info.trim().strip_prefix('{')?;
    let language: String = inside
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!language.is_empty()).then(|| language.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_get_their_plain_language_and_other_fences_stay() {
        let text = "```{r setup, include=FALSE}\nlibrary(x)\n```\n\n```{python}\nprint(1)\n```\n\n```output\n1\n```\n\n```{.bash}\nls\n```\n";
        let (plain, count) = plain_chunks(text);
        assert_eq!(
            plain,
            "```r\nlibrary(x)\n```\n\n```python\nprint(1)\n```\n\n```output\n1\n```\n\n```{.bash}\nls\n```\n"
        );
        assert_eq!(count, 2);
    }
}
