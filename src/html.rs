//! HTML escaping shared by extraction (plain-text blocks) and rendering (Tera's autoescape),
//! and the one-pass replacement of a few ASCII characters it is built on.

/// The five characters that matter in HTML and XML text and attributes, and their entities.
const HTML_SPECIALS: [(u8, &str); 5] = [
    (b'&', "&amp;"),
    (b'<', "&lt;"),
    (b'>', "&gt;"),
    (b'"', "&quot;"),
    (b'\'', "&#39;"),
];

/// Escapes text for HTML and XML: the five characters that matter, and only those (an escaper
/// that also encodes `/` makes every URL unreadable).
pub fn escape_html(s: &str) -> String {
    replace_ascii(s, HTML_SPECIALS)
}

/// [`escape_html`] written to `out`: the escaper Tera calls for every value a template prints.
pub fn write_escaped_html(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for_each_piece(s, HTML_SPECIALS, |piece| out.write_all(piece.as_bytes()))
}

/// `s` with each of the ASCII bytes of `replacements` replaced by its string, in one pass.
pub fn replace_ascii<const N: usize>(s: &str, replacements: [(u8, &'static str); N]) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let pushed: Result<(), std::convert::Infallible> = for_each_piece(s, replacements, |piece| {
        out.push_str(piece);
        Ok(())
    });
    let Ok(()) = pushed;
    out
}

/// Hands `emit` the pieces of `s` with each of the ASCII bytes of `replacements` replaced by
/// its string, in order: runs of plain text whole, and the replacements between them.
///
/// Every value of every page passes through here, and most contain nothing to replace, so the
/// text is searched with [`crate::bytes::position`] and runs of plain text are passed whole.
fn for_each_piece<const N: usize, E>(
    s: &str,
    replacements: [(u8, &'static str); N],
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    debug_assert!(replacements.iter().all(|(byte, _)| byte.is_ascii()));
    let specials: [u8; N] = replacements.map(|(byte, _)| byte);
    let special = |b: u8| {
        let mut hit = false;
        for r in specials {
            hit |= b == r;
        }
        hit
    };
    let bytes = s.as_bytes();
    let mut plain_from = 0;
    while let Some(offset) = crate::bytes::position(&bytes[plain_from..], special) {
        let i = plain_from + offset;
        // The bytes replaced are ASCII, so `i` is always a character boundary.
        if i > plain_from {
            emit(&s[plain_from..i])?;
        }
        if let Some((_, with)) = replacements.iter().find(|(r, _)| *r == bytes[i]) {
            emit(with)?;
        }
        plain_from = i + 1;
    }
    if plain_from < s.len() {
        emit(&s[plain_from..])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_and_keeps_everything_else() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a> — café/ünï"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; — café/ünï"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
        assert_eq!(escape_html("plain"), "plain");
    }

    /// The escaper as it was before it searched by chunks: one byte at a time.
    fn escape_by_bytes(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn chunked_search_escapes_as_a_byte_by_byte_one_does() {
        // Specials at every offset of a chunk and across chunk edges, among multi-byte text;
        // mostly plain text, so whole chunks are skipped too.
        let plain = ["a"; 30];
        let specials = ["a", " ", "é", "—", "&", "<", ">", "\"", "'", "😀", "\n"];
        let parts: Vec<&str> = plain.iter().chain(specials.iter()).copied().collect();
        for s in crate::testing::strings_of(&parts, 6_000, 300) {
            let expected = escape_by_bytes(&s);
            assert_eq!(escape_html(&s), expected, "{s:?}");
            let mut written = Vec::new();
            write_escaped_html(&s, &mut written).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), expected, "{s:?}");
        }
    }
}
