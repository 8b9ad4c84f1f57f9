//! An mdBook (`book.toml`, and `SUMMARY.md` in its source folder, `[book] src`) as a guide.
//!
//! `SUMMARY.md`'s numbered chapters become lessons in its order, each requiring the one
//! before, under their part's title as `chapter`; nested chapters keep their folders
//! (`content/format/summary.md`), and each gets a slug of its own with its old address
//! (`format/summary.html`, `format/index.html` for `format/README.md`) as an alias. Draft
//! chapters become drafts. The first prefix chapter (the book's first page, which mdBook also
//! serves as `index.html`) becomes the introduction; the other prefix and the suffix chapters
//! become reference pages. Markdown files not in `SUMMARY.md` become partials (`_name.md`),
//! which includes can still read; every other file is copied beside the chapters. mdbook-course
//! `minutes` become durations, its outlines `outline` blocks ([`course`]).

mod book_toml;
mod chapters;
mod course;
mod names;
mod summary;
mod write;

use super::ImportError;
use super::plan::Plan;
use super::source::Source;
use book_toml::{BOOK_TOML, read_book_toml};
use chapters::Book;

/// The chapters' folder of the mdBook in `source` (`[book] src`), when it is one: `book.toml`
/// and `SUMMARY.md` in that folder. A `book.toml` that is not TOML is an error.
pub fn find_book(source: &Source) -> Result<Option<String>, ImportError> {
    if !source.is_file(BOOK_TOML) {
        return Ok(None);
    }
    let src = chapters_folder(source)?;
    Ok(source.is_file(&summary_path(&src)).then_some(src))
}

/// What was found of an mdBook in a folder that is not one, for the error message.
pub fn what_was_found(source: &Source) -> String {
    if !source.is_file(BOOK_TOML) {
        return if source.is_file("config.yaml") {
            "; found config.yaml, but no episodes/ folder".to_string()
        } else {
            String::new()
        };
    }
    match chapters_folder(source) {
        Ok(src) => format!("; found book.toml, but no `{}`", summary_path(&src)),
        Err(_) => String::new(),
    }
}

/// `[book] src`, read from `book.toml` without anything else.
fn chapters_folder(source: &Source) -> Result<String, ImportError> {
    let mut scratch = Plan::default();
    let text = source.read(BOOK_TOML, &mut scratch)?;
    let config = read_book_toml(&text, &mut scratch)?;
    Ok(normal_folder(&config.src))
}

/// A folder as written in `book.toml` (`./src/`, `.`), as a path from the book's top.
fn normal_folder(folder: &str) -> String {
    super::paths::join("", folder).unwrap_or_default()
}

/// Where `SUMMARY.md` is, from the book's top.
fn summary_path(src: &str) -> String {
    if src.is_empty() {
        "SUMMARY.md".to_string()
    } else {
        format!("{src}/SUMMARY.md")
    }
}

/// Makes the guide for the book in `source`, whose chapters are in `src`.
pub fn plan(source: &Source, src: &str) -> Result<Plan, ImportError> {
    let mut plan = Plan::default();
    let config = read_book_toml(&source.read(BOOK_TOML, &mut plan)?, &mut plan)?;
    let summary_file = summary_path(src);
    let summary_text = source.read(&summary_file, &mut plan)?;
    let mut book = Book::new(source, src, config, &summary_file);
    book.place(&summary_text, &mut plan);
    book.write(&mut plan)?;
    Ok(plan)
}
