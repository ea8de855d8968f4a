//! Pages nested deeper than any real page: their extra levels taken out before parsing.
//!
//! An HTML5 parser checks the stack of open elements for each start tag (is a `<p>` in button
//! scope?), so a page of 100,000 nested `<div>`s costs time in the square of its depth. No news
//! page nests 200 elements deep; a page that does is hostile or broken, and loses the tags
//! beyond [`MAX_DEPTH`] (never their text). A scan of its own, because the parser is what it
//! protects.

use std::borrow::Cow;

/// The deepest nesting kept.
pub const MAX_DEPTH: usize = 200;

/// Elements that never hold content, and those whose end tag may be left out (a parser closes
/// them itself, so they never nest deep): neither counts towards the depth.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body", "param",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

fn tag_name(tag: &[u8]) -> String {
    tag.iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// `html` with the start and end tags nested beyond [`MAX_DEPTH`] removed, or as it was when
/// it nests no deeper (nearly every page: then nothing is copied).
pub fn flatten(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    // Bytes up to here are copied to `out` (when there is one).
    let mut copied = 0;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + lt;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = memchr::memmem::find(rest, b"-->").map_or(bytes.len(), |e| start + 1 + e + 3);
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', rest) else {
            break;
        };
        let end = start + 1 + gt + 1;
        at = end;
        let closing = rest.first() == Some(&b'/');
        let name = tag_name(if closing { &rest[1..] } else { rest });
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower_rest = &bytes[end..];
            at = find_ascii_case_insensitive(lower_rest, close.as_bytes())
                .map_or(bytes.len(), |e| end + e);
            continue;
        }
        let self_closing = rest[..gt].ends_with(b"/");
        let drop = if closing {
            let deep = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
            deep
        } else if self_closing {
            false
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if drop {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..start]);
            copied = end;
        }
    }
    match out {
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(html),
    }
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, first.to_ascii_uppercase(), &haystack[from..]) {
        let at = from + i;
        if haystack.len() - at >= needle.len()
            && haystack[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_as_they_are() {
        let page = "<html><body><div><p>One<p>Two<br><img src=x><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(flatten(page), Cow::Borrowed(_)));
    }

    #[test]
    fn levels_beyond_the_limit_lose_their_tags_but_not_their_text() {
        let depth = MAX_DEPTH + 50;
        let page = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let flat = flatten(&page);
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        assert!(flat.contains("<p>deep</p>"));
    }
}
