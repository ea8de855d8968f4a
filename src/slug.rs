//! Slugs for URLs and anchors: ASCII, lower case, hyphens, bounded length, never a path.

/// The longest slug broadsheet makes, in bytes; keeps paths well inside file-system limits.
pub const MAX_SLUG_LEN: usize = 64;

/// `What to Watch as Blinken Heads to China` → `what-to-watch-as-blinken-heads-to-china`.
/// Non-ASCII letters are transliterated (`Kyiv’s Ålesund` → `kyivs-alesund`); anything that is
/// not a letter or digit becomes a hyphen, so a slug can never hold `/`, `.` or `..`.
pub fn slugify(text: &str) -> String {
    // Borrowed when the text is ASCII already, as most headlines and names are.
    let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
    let mut slug = String::with_capacity(ascii.len().min(MAX_SLUG_LEN));
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' || c == '.' {
            // "China’s" reads better as "chinas" than "china-s", and "U.S." as "us".
        } else {
            pending_hyphen = true;
        }
        if slug.len() >= MAX_SLUG_LEN {
            break;
        }
    }
    // Cut back to a whole word when the limit fell inside one.
    if slug.len() >= MAX_SLUG_LEN {
        slug.truncate(MAX_SLUG_LEN);
        if let Some(pos) = slug.rfind('-') {
            if pos > MAX_SLUG_LEN / 2 {
                slug.truncate(pos);
            }
        }
    }
    let slug = slug.trim_matches('-').to_string();
    // Names Windows reserves for devices cannot be files or folders there.
    if is_reserved_name(&slug) {
        format!("{slug}-1")
    } else {
        slug
    }
}

/// `con`, `nul`, `com1`…: names Windows keeps for devices.
fn is_reserved_name(slug: &str) -> bool {
    matches!(slug, "con" | "prn" | "aux" | "nul")
        || ((slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.len() == 4
            && slug.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("What to Watch as Blinken Heads to China to Reset Ties"),
            "what-to-watch-as-blinken-heads-to-china-to-reset-ties"
        );
        assert_eq!(slugify("China’s Reception"), "chinas-reception");
        assert_eq!(slugify("U.S."), slugify("US"));
        assert_eq!(slugify("Ålesund: 3 things — über"), "alesund-3-things-uber");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("<script>"), "script");
        assert_eq!(slugify("  "), "");
        assert_eq!(slugify("CON"), "con-1");
        assert_eq!(slugify("lpt1"), "lpt1-1");
        assert_eq!(slugify("Console"), "console");
        assert!(slugify(&"word ".repeat(100)).len() <= MAX_SLUG_LEN);
    }
}
