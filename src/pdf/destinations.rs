//! On which page each named destination of a printed PDF lies. Chromium makes a named
//! destination of every element id that a link of the page points at (`#lesson-...` from the
//! contents list), so this tells where each lesson, reference page and the gear comparison start,
//! by id rather than by matching titles in the text. Reads both places a PDF may keep them (the
//! catalog's `/Dests` dictionary and the `/Names` tree), with hayro-syntax; what the numbers are
//! used for is [`super::contents`]'s business.

use std::collections::{BTreeMap, HashMap};

use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, MaybeRef, Object, ObjectIdentifier};

/// Page numbers, the first page being 1, by destination name (an element id).
pub type DestinationPages = BTreeMap<String, u32>;

/// Why a PDF's destinations could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DestinationError {
    #[error("it is not a PDF that can be read")]
    Unreadable,
    #[error("it has no document catalog")]
    NoCatalog,
}

/// How deep a name tree may nest before the rest of it is ignored (a loop in a broken file).
const MAX_TREE_DEPTH: usize = 32;

/// The page of every named destination of `pdf` that points at one of its pages. Names that
/// are not UTF-8, or point nowhere, are left out; the first of two equal names wins.
pub fn destination_pages(pdf: &[u8]) -> Result<DestinationPages, DestinationError> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|_| DestinationError::Unreadable)?;
    let page_numbers: HashMap<ObjectIdentifier, u32> = pdf
        .pages()
        .iter()
        .zip(1..)
        .filter_map(|(page, number)| Some((page.raw().obj_id()?, number)))
        .collect();
    let xref = pdf.xref();
    let catalog: Dict<'_> = xref
        .get(xref.root_id())
        .ok_or(DestinationError::NoCatalog)?;
    let mut found = DestinationPages::new();
    let mut add = |name: &[u8], destination: Object<'_>| {
        let page = destination_page(destination, &page_numbers);
        if let (Ok(name), Some(page)) = (std::str::from_utf8(name), page) {
            found.entry(name.to_string()).or_insert(page);
        }
    };
    if let Some(dests) = catalog.get::<Dict<'_>>(b"Dests") {
        for name in dests.keys() {
            if let Some(destination) = dests.get::<Object<'_>>(&*name) {
                add(&name, destination);
            }
        }
    }
    let tree = catalog
        .get::<Dict<'_>>(b"Names")
        .and_then(|names| names.get::<Dict<'_>>(b"Dests"));
    if let Some(tree) = tree {
        walk_name_tree(&tree, 0, &mut add);
    }
    Ok(found)
}

/// Calls `add` with each key and value of a name tree's leaves, in order.
fn walk_name_tree<'a>(node: &Dict<'a>, depth: usize, add: &mut impl FnMut(&[u8], Object<'a>)) {
    if depth > MAX_TREE_DEPTH {
        return;
    }
    if let Some(names) = node.get::<Array<'a>>(b"Names") {
        let mut entries = names.iter::<Object<'a>>();
        while let (Some(key), Some(value)) = (entries.next(), entries.next()) {
            if let Object::String(key) = key {
                add(key.as_bytes(), value);
            }
        }
    }
    if let Some(kids) = node.get::<Array<'a>>(b"Kids") {
        for kid in kids.iter::<Dict<'a>>() {
            walk_name_tree(&kid, depth + 1, add);
        }
    }
}

/// The page a destination (`[page /XYZ left top zoom]`, or a dictionary with it under `/D`)
/// points at.
fn destination_page(
    destination: Object<'_>,
    pages: &HashMap<ObjectIdentifier, u32>,
) -> Option<u32> {
    let array = match destination {
        Object::Array(array) => array,
        Object::Dict(dict) => dict.get::<Array<'_>>(b"D")?,
        _ => return None,
    };
    match array.raw_iter().next()? {
        MaybeRef::Ref(page) => pages.get(&page.into()).copied(),
        MaybeRef::NotRef(_) => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PDF of `pages` empty pages (objects 3, 4, ...) whose catalog (object 1) has `catalog`
    /// besides its page tree (object 2), and the `extra` objects numbered after the pages.
    pub(crate) fn tiny_pdf(pages: usize, catalog: &str, extra: &[&str]) -> Vec<u8> {
        let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 3)).collect();
        let mut objects = vec![
            format!("<< /Type /Catalog /Pages 2 0 R {catalog} >>"),
            format!(
                "<< /Type /Pages /Kids [{}] /Count {pages} >>",
                kids.join(" ")
            ),
        ];
        objects.extend(
            (0..pages).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>".into()),
        );
        objects.extend(extra.iter().map(|o| o.to_string()));
        let mut pdf = String::from("%PDF-1.4\n");
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
        }
        let xref = pdf.len();
        pdf.push_str(&format!(
            "xref\n0 {}\n0000000000 65535 f \n",
            objects.len() + 1
        ));
        for offset in offsets {
            pdf.push_str(&format!("{offset:010} 00000 n \n"));
        }
        pdf.push_str(&format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        ));
        pdf.into_bytes()
    }

    #[test]
    fn destinations_in_the_catalog_give_their_pages() {
        let pdf = tiny_pdf(
            3,
            "/Dests << /lesson-a [3 0 R /XYZ 0 100 0] /lesson-b [5 0 R /XYZ 0 50 0] /gear 6 0 R >>",
            &["<< /D [4 0 R /Fit] >>"],
        );
        let pages = destination_pages(&pdf).unwrap();
        assert_eq!(
            pages,
            DestinationPages::from([
                ("gear".to_string(), 2),
                ("lesson-a".to_string(), 1),
                ("lesson-b".to_string(), 3),
            ])
        );
    }

    #[test]
    fn destinations_in_a_name_tree_give_their_pages() {
        // A root with two leaves; the second leaf's value is an indirect object.
        let pdf = tiny_pdf(
            2,
            "/Names << /Dests 5 0 R >>",
            &[
                "<< /Kids [6 0 R 7 0 R] >>",
                "<< /Names [(a) [3 0 R /XYZ 0 0 0] (b) [4 0 R /Fit]] >>",
                "<< /Names [(c) 8 0 R] >>",
                "[4 0 R /XYZ 0 0 0]",
            ],
        );
        let pages = destination_pages(&pdf).unwrap();
        assert_eq!(
            pages,
            DestinationPages::from([
                ("a".to_string(), 1),
                ("b".to_string(), 2),
                ("c".to_string(), 2),
            ])
        );
    }

    #[test]
    fn destinations_that_point_nowhere_are_left_out() {
        let pdf = tiny_pdf(
            1,
            "/Dests << /gone [9 0 R /Fit] /number [0 /Fit] /here [3 0 R /Fit] /odd 42 >>",
            &[],
        );
        let pages = destination_pages(&pdf).unwrap();
        assert_eq!(pages, DestinationPages::from([("here".to_string(), 1)]));
    }

    #[test]
    fn a_pdf_without_destinations_has_none_and_a_non_pdf_is_an_error() {
        assert_eq!(
            destination_pages(&tiny_pdf(2, "", &[])).unwrap(),
            DestinationPages::new()
        );
        for not_a_pdf in [&b"%PDF-1.4 stand-in\n"[..], b"", b"<html>"] {
            assert!(matches!(
                destination_pages(not_a_pdf),
                Err(DestinationError::Unreadable)
            ));
        }
    }

    #[test]
    fn a_name_tree_that_contains_itself_ends() {
        let pdf = tiny_pdf(
            1,
            "/Names << /Dests 4 0 R >>",
            &["<< /Kids [4 0 R] /Names [(x) [3 0 R /Fit]] >>"],
        );
        assert_eq!(
            destination_pages(&pdf).unwrap(),
            DestinationPages::from([("x".to_string(), 1)])
        );
    }
}
