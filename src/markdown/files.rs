//! Images and links to files beside the lessons (`img/strap.jpg`, `sheets/plan.pdf`), written
//! relative to the Markdown file as in any editor. Each is checked against the guide's assets (a
//! missing file is an error with the closest existing file suggested; a path that leaves
//! `content/` is an error) and rewritten to the file's place in the site. Images get their
//! width and height from the file, `loading="lazy"` on the web (never in print, where a lazy
//! image can be missing from the PDF), Pandoc attributes written after them
//! (`![](fig/x.svg){alt='...' width=60%}`), and a lone image with a title becomes a figure. On the
//! web a picture with a dark variant beside it (`fig/x.dark.svg`) becomes a `<picture>` that
//! shows the variant on a dark screen.

use std::collections::BTreeMap;
use std::ops::Range;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::attributes::{Attributes, attributes_at, push_attribute, skip_within};
use super::headings::plain_text;
use super::links::{is_external, resolve, script_scheme, unsafe_url};
use super::unmatched::{Among, Unmatched};
use super::{Found, MarkdownInput, Spanned, Target};
use crate::diagnostics::Diagnostic;
use crate::load::Asset;
use crate::load::assets::{MAX_IMAGE_SIDE, plausible_side};

/// What a path in the site must escape: everything but unreserved characters and `/`.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// Checks and rewrites every image and every link to a file.
pub fn run<'a>(
    events: Vec<Spanned<'a>>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> Vec<Spanned<'a>> {
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let mut inner = Vec::new();
                for (event, inner_range) in iter.by_ref() {
                    if matches!(event, Event::End(TagEnd::Image)) {
                        break;
                    }
                    inner.push((event, inner_range));
                }
                let attributes = attributes_at(input.markdown, range.end);
                if let Some((_, attr_range)) = &attributes {
                    skip_within(&mut iter, attr_range, input.markdown);
                }
                let image = Image {
                    url: &dest_url,
                    title: &title,
                    alt: plain_text(&inner),
                    attributes: attributes.map(|(a, _)| a).unwrap_or_default(),
                    span: input.span(&range),
                };
                let lone = matches!(out.last(), Some((Event::Start(Tag::Paragraph), _)))
                    && matches!(iter.peek(), Some((Event::End(TagEnd::Paragraph), _)));
                let figure = lone && !image.title.is_empty();
                let html = image_html(&image, input, found, figure);
                if figure {
                    out.pop();
                    iter.next();
                }
                out.push((Event::Html(CowStr::from(html)), range));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match file_href(&dest_url, input, found, &range) {
                    Some(href) => CowStr::from(href),
                    None => dest_url,
                };
                let link = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                out.push((Event::Start(link), range));
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// An image as written.
struct Image<'u> {
    url: &'u str,
    title: &'u str,
    alt: String,
    attributes: Attributes,
    span: Range<usize>,
}

/// The `<img>` (or `<figure>`) for an image.
fn image_html(
    image: &Image<'_>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
    figure: bool,
) -> String {
    if let Some(scheme) = script_scheme(image.url, true) {
        found
            .problems
            .push(unsafe_url(input, image.span.clone(), scheme));
        return String::new();
    }
    let (src, asset) = if is_external(image.url) {
        (image.url.to_string(), None)
    } else {
        match local_file(image.url, input, found, &image.span) {
            Some((href, asset)) => (href, asset),
            None => (image.url.to_string(), None),
        }
    };
    let alt = image
        .attributes
        .get("alt")
        .map_or(image.alt.as_str(), |a| a);
    let decorative = image.attributes.get("alt") == Some("");
    if alt.trim().is_empty() && !decorative {
        found.problems.push(
            Diagnostic::warning(input.file, image.span.clone(), "this image has no alt text")
                .with_label("no description for readers who cannot see it")
                .with_help("describe the picture in the brackets, e.g. `![A harness laid flat, buckles open](img/harness.jpg)`; for a purely decorative image write `{alt=\"\"}` after it"),
        );
    }
    let mut html = String::from("<img");
    push_attribute(&mut html, "src", &src);
    push_attribute(&mut html, "alt", alt);
    let (width, height) = sizes(image, asset, input, found);
    if let Some(width) = width {
        push_attribute(&mut html, "width", &width.to_string());
    }
    if let Some(height) = height {
        push_attribute(&mut html, "height", &height.to_string());
    }
    if input.target == Target::Web {
        html.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    if !image.title.is_empty() && !figure {
        push_attribute(&mut html, "title", image.title);
    }
    if let Some(id) = &image.attributes.id {
        push_attribute(&mut html, "id", &input.id(id));
    }
    if !image.attributes.classes.is_empty() {
        push_attribute(&mut html, "class", &image.attributes.classes.join(" "));
    }
    if let Some(style) = relative_width(&image.attributes) {
        push_attribute(&mut html, "style", &style);
    }
    html.push('>');
    if input.target == Target::Web
        && let Some(dark) = asset.and_then(|a| dark_variant(&a.content_path, input.assets))
    {
        html = picture_html(
            &html,
            &format!("{}{}", input.root, encode_path(&dark.content_path)),
            dark,
        );
    }
    if figure {
        let mut caption = String::new();
        let _ = escape_html(&mut caption, image.title);
        html =
            format!("<figure class=\"figure\">{html}<figcaption>{caption}</figcaption></figure>\n");
    }
    html
}

/// The dark variant of the picture at `path` (relative to `content/`): the file of the same name
/// with `.dark` before its extension (`fig/map.dark.svg` beside `fig/map.svg`), if the guide has
/// one. A dark variant has none of its own.
fn dark_variant<'g>(path: &str, assets: &'g BTreeMap<String, Asset>) -> Option<&'g Asset> {
    let (stem, extension) = path.rsplit_once('.')?;
    if extension.contains('/') || stem.ends_with(".dark") || stem.ends_with('/') {
        return None;
    }
    assets.get(&format!("{stem}.dark.{extension}"))
}

/// `img` in a `<picture>` that shows `dark_src` instead on a dark screen (the theme's script
/// makes it follow the reader's choice too); print always takes the light `img`.
fn picture_html(img: &str, dark_src: &str, dark: &Asset) -> String {
    let mut html = String::from("<picture class=\"has-dark\"><source");
    push_attribute(&mut html, "srcset", dark_src);
    html.push_str(" media=\"screen and (prefers-color-scheme: dark)\" data-dark-variant");
    if let Some((width, height)) = dark.dimensions {
        push_attribute(&mut html, "width", &width.to_string());
        push_attribute(&mut html, "height", &height.to_string());
    }
    html.push('>');
    html.push_str(img);
    html.push_str("</picture>");
    html
}

/// Width and height attributes: from `{width=.. height=..}` in pixels, else the file's own, the
/// missing one scaled to keep the picture's proportions. A side no picture can have (0, more
/// than [`MAX_IMAGE_SIDE`], not a number) is left out, and one written so is a warning.
fn sizes(
    image: &Image<'_>,
    asset: Option<&Asset>,
    input: &MarkdownInput<'_>,
    found: &mut Found,
) -> (Option<u32>, Option<u32>) {
    let mut written_wrong = false;
    let mut pixels = |key: &str| {
        let value = image.attributes.get(key)?;
        let number = pixel_number(value)?;
        let side = plausible_side(number);
        if side.is_none() {
            written_wrong = true;
            found.problems.push(
                Diagnostic::warning(input.file, image.span.clone(), format!("`{key}={value}` is not a size a picture can have"))
                    .with_label(format!("no {key} written for this image"))
                    .with_help(format!("give the {key} in pixels, from 1 to {MAX_IMAGE_SIDE}, or as a share of the page (`{key}=60%`)")),
            );
        }
        side
    };
    let (width, height) = (pixels("width"), pixels("height"));
    if written_wrong {
        return (None, None);
    }
    let natural = asset.and_then(|a| a.dimensions);
    let scaled = |value: u32, numerator: u32, denominator: u32| {
        plausible_side(f64::from(value) * f64::from(numerator) / f64::from(denominator))
    };
    match (width, height, natural) {
        (Some(w), Some(h), _) => (Some(w), Some(h)),
        (Some(w), None, Some((nw, nh))) => (Some(w), scaled(nh, w, nw)),
        (None, Some(h), Some((nw, nh))) => (scaled(nw, h, nh), Some(h)),
        (None, None, Some((nw, nh))) => (Some(nw), Some(nh)),
        (w, h, None) => (w, h),
    }
}

/// `640`, `640px` or `6.4e2` as a number of pixels, whether a picture can have it or not.
fn pixel_number(value: &str) -> Option<f64> {
    value
        .strip_suffix("px")
        .unwrap_or(value)
        .parse::<f64>()
        .ok()
}

/// `width=60%` (or another CSS length that is not pixels) as a style.
fn relative_width(attributes: &Attributes) -> Option<String> {
    let css = |key: &str| {
        let value = attributes.get(key)?;
        let is_pixels = pixel_number(value).is_some();
        let safe = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '%');
        (!is_pixels && safe).then(|| format!("{key}: {value}"))
    };
    let parts: Vec<String> = ["width", "height"].iter().filter_map(|k| css(k)).collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A link's new address when it leads to a file beside the lessons; `None` for links that are
/// not to a local file (other sites, anchors, lessons) or that were reported.
fn file_href(
    url: &str,
    input: &MarkdownInput<'_>,
    found: &mut Found,
    range: &Range<usize>,
) -> Option<String> {
    let path = url.split(['#', '?']).next().unwrap_or_default();
    let markdown = path
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("md"));
    if is_external(url) || path.is_empty() || path.ends_with('/') || markdown {
        return None;
    }
    if path.ends_with(".html") || path.ends_with(".htm") {
        let resolved = resolve(input.content_path, path)?;
        if input.pages.is_site_page(&resolved) && !input.assets.contains_key(&resolved) {
            return Some(format!("{}{}", encode_path(&resolved), &url[path.len()..]));
        }
    }
    local_file(url, input, found, &input.span(range)).map(|(href, _)| href)
}

/// The site address of the local file `url` names (with its query and fragment), or `None`
/// after reporting why there is no such file.
fn local_file<'g>(
    url: &str,
    input: &MarkdownInput<'g>,
    found: &mut Found,
    span: &Range<usize>,
) -> Option<(String, Option<&'g Asset>)> {
    let path = url.split(['#', '?']).next().unwrap_or_default();
    let Some(resolved) = resolve(input.content_path, path) else {
        found.problems.push(
            Diagnostic::error(input.file, span.clone(), format!("`{path}` is outside the guide's `content/` folder"))
                .with_label("leaves content/")
                .with_help("put the file under content/ (e.g. content/img/) and link to it from there; only content/ is published"),
        );
        return None;
    };
    match input.assets.get(&resolved) {
        Some(asset) => Some((
            format!(
                "{}{}{}",
                input.root,
                encode_path(&resolved),
                &url[path.len()..]
            ),
            Some(asset),
        )),
        None => {
            found.unmatched.push(Unmatched {
                problem: found.problems.len(),
                name: resolved.clone(),
                written: path.to_string(),
                from: input.content_path.to_string(),
                among: Among::Files,
            });
            found
                .problems
                .push(missing_file(input, span, path, &resolved));
            None
        }
    }
}

fn missing_file(
    input: &MarkdownInput<'_>,
    span: &Range<usize>,
    path: &str,
    resolved: &str,
) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        input.file,
        span.clone(),
        format!("there is no file `{path}`"),
    )
    .with_label(format!("looked for content/{resolved}"));
    // A close name is suggested later, see `super::unmatched`.
    diagnostic.with_help("files are linked relative to the Markdown file, e.g. `img/photo.jpg` for content/img/photo.jpg next to a lesson in content/")
}

/// `target` (relative to `content/`, or to any common root) as written from a file in `folder`.
pub fn relative_to(folder: &str, target: &str) -> String {
    if folder.is_empty() {
        return target.to_string();
    }
    let from: Vec<&str> = folder.split('/').collect();
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// A path in the site as it is written in a URL (`my photo.jpg` -> `my%20photo.jpg`).
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_are_encoded() {
        assert_eq!(encode_path("my pics/a b.png"), "my%20pics/a%20b.png");
        assert_eq!(encode_path("fig/x.svg"), "fig/x.svg");
    }
}
