//! `base_url`: where the site will be published. An absolute one (`https://example.com/guide/`,
//! the scheme in any letter case) gives canonical URLs, `hreflang` links and a sitemap; a path
//! (`/`, `/guide/`) is taken as it is and gives none of them. It is read by strict rules: a
//! query or an anchor (`?q=1`, `#f`) would end up in front of every page's address, so they are
//! errors; spaces and letters outside ASCII are percent-encoded as a browser would send them; a
//! host is checked by the `http` crate's parser and written in lower case.

use std::ops::Range;
use std::str::FromStr;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What a path in `base_url` escapes: what a URL's path may not hold as it is. `%` is left as
/// written, so an address already encoded stays as it is.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Why a `base_url` cannot be used, and where in the value (a byte offset into it).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct BaseUrlProblem {
    pub at: usize,
    pub message: String,
    pub help: &'static str,
}

const EXAMPLE: &str = "write the address of the site's home folder, e.g. `base_url = \"https://example.com/guide/\"`, or a path such as `\"/\"`";

/// `written` as the guide uses it: an absolute URL with its scheme and host in lower case and
/// its path encoded, or a path encoded; or why it cannot be used.
pub(super) fn normalize_base_url(written: &str) -> Result<String, BaseUrlProblem> {
    let problem = |at: usize, message: &str, help| BaseUrlProblem {
        at,
        message: message.to_string(),
        help,
    };
    if let Some(at) = written.find('?') {
        return Err(problem(
            at,
            "`base_url` cannot have a query (`?...`)",
            EXAMPLE,
        ));
    }
    if let Some(at) = written.find('#') {
        return Err(problem(
            at,
            "`base_url` cannot have an anchor (`#...`)",
            EXAMPLE,
        ));
    }
    let Some((scheme, rest)) = split_scheme(written) else {
        // A path (or `//host/...`, which has no scheme to publish under): kept as a relative
        // base, used for nothing absolute.
        return Ok(utf8_percent_encode(written, PATH).to_string());
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(problem(
            0,
            "`base_url` must be an `https://` or `http://` address, or a path",
            EXAMPLE,
        ));
    }
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return Err(problem(
            scheme.len() + 1,
            "`base_url` has no `//` after its scheme",
            EXAMPLE,
        ));
    };
    let host_start = scheme.len() + 3;
    let (authority, path) = match after_slashes.find('/') {
        Some(end) => after_slashes.split_at(end),
        None => (after_slashes, ""),
    };
    if authority.is_empty() {
        return Err(problem(host_start, "`base_url` has no host name", EXAMPLE));
    }
    if authority.contains('@') {
        return Err(problem(
            host_start,
            "`base_url` cannot hold a user name or password",
            "give only the public address, e.g. `https://example.com/guide/`",
        ));
    }
    if !authority.is_ascii() {
        return Err(problem(
            host_start,
            "`base_url`'s host name is not ASCII",
            "write the domain in its ASCII form (`xn--...`, as your registrar shows it)",
        ));
    }
    let readable = http::uri::Authority::from_str(authority).is_ok_and(|parsed| {
        // A port, when there is one, is a number from 1 to 65535.
        let has_port = parsed.as_str().len() > parsed.host().len();
        !parsed.host().is_empty() && (!has_port || parsed.port_u16().is_some_and(|p| p > 0))
    });
    if !readable {
        return Err(problem(
            host_start,
            "`base_url`'s host name cannot be read",
            "a host is a domain or an address, with an optional port: `example.com`, `127.0.0.1:8080`",
        ));
    }
    let path = utf8_percent_encode(path, PATH);
    Ok(format!(
        "{scheme}://{}{path}",
        authority.to_ascii_lowercase()
    ))
}

/// `https:...` -> (`https`, `...`): a scheme is a letter, then letters, digits, `+`, `-`, `.`.
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// Where byte `at` of the value of `base_url` is in the file, when the value is written on the
/// key's line as a plain quoted string (else the value's whole line from its key).
pub(super) fn span_in_file(text: &str, key: Range<usize>, at: usize) -> Range<usize> {
    let line_end = text[key.end..]
        .find('\n')
        .map_or(text.len(), |n| key.end + n);
    let line = &text[key.end..line_end];
    let quote = line.find(['"', '\'']).map(|q| key.end + q + 1);
    match quote {
        Some(start) if start + at < line_end && text.is_char_boundary(start + at) => {
            let end = text[start + at..]
                .chars()
                .next()
                .map_or(start + at, |c| start + at + c.len_utf8());
            start + at..end
        }
        _ => key.start..line_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(written: &str) -> String {
        normalize_base_url(written).unwrap()
    }

    #[test]
    fn absolute_urls_are_normalized() {
        assert_eq!(ok("HTTPS://E.COM/"), "https://e.com/");
        assert_eq!(
            ok("Http://Example.org:8080/A Guide/"),
            "http://example.org:8080/A%20Guide/"
        );
        assert_eq!(ok("https://e.com/gu\u{ed}a/"), "https://e.com/gu%C3%ADa/");
        assert_eq!(ok("https://e.com/a%20b/"), "https://e.com/a%20b/");
        assert_eq!(ok("https://e.com"), "https://e.com");
    }

    #[test]
    fn paths_stay_relative() {
        assert_eq!(ok("/"), "/");
        assert_eq!(ok("/my guide/"), "/my%20guide/");
        assert_eq!(ok(""), "");
        assert_eq!(ok("//cdn.example/x/"), "//cdn.example/x/");
    }

    #[test]
    fn what_cannot_lead_to_pages_is_an_error_at_its_place() {
        let at = |written: &str| normalize_base_url(written).unwrap_err().at;
        assert_eq!(at("https://e.com/?q=1#f"), 14);
        assert_eq!(at("https://e.com/#f"), 14);
        assert_eq!(at("ftp://e.com/"), 0);
        assert_eq!(at("https:e.com"), 6);
        assert_eq!(at("https:///x/"), 8);
        assert_eq!(at("https://me:pw@e.com/"), 8);
        assert_eq!(at("https://b\u{fc}cher.de/"), 8);
        assert_eq!(at("https://e.com:99999/"), 8);
        assert_eq!(at("https://e.com:/"), 8);
        assert_eq!(ok("http://[::1]:8080/"), "http://[::1]:8080/");
    }

    #[test]
    fn the_span_is_the_character_in_the_file() {
        let text = "title = \"T\"\nbase_url = \"https://e.com/?q\"\n";
        let key = 12..20;
        let span = span_in_file(text, key, 14);
        assert_eq!(&text[span], "?");
    }
}
