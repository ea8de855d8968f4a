//! HTML escaping shared by extraction (plain-text blocks) and rendering (Tera's autoescape).

/// Escapes text for HTML and XML: the five characters that matter, and only those (Tera's own
/// escaper also encodes `/`, which makes every URL unreadable).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
