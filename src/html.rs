//! HTML escaping shared by extraction (plain-text blocks) and rendering (Tera's autoescape).

/// Escapes text for HTML and XML: the five characters that matter, and only those (Tera's own
/// escaper also encodes `/`, which makes every URL unreadable).
///
/// Every value of every page passes through here, and most contain nothing to escape, so runs
/// of plain bytes are copied whole rather than character by character.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut plain_from = 0;
    for (i, byte) in s.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `i` is always a character boundary.
        out.push_str(&s[plain_from..i]);
        out.push_str(entity);
        plain_from = i + 1;
    }
    out.push_str(&s[plain_from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape_html;

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
}
