//! Names written in capitals put in proper case: `JANE DOE` → `Jane Doe`, `MCDONALD` →
//! `McDonald`, `RIO DE JANEIRO` → `Rio de Janeiro`.

/// `JANE` → `Jane`, `MCDONALD` → `McDonald`, `O'BRIEN` → `O'Brien`, `JEAN-PAUL` → `Jean-Paul`.
/// Mixed-case tokens (`DeSantis`) are left as written.
fn proper_case_token(token: &str) -> String {
    let has_lower = token.chars().any(char::is_lowercase);
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    if has_lower || letters <= 1 {
        return token.to_string();
    }
    if ["II", "III", "IV"].contains(&token.trim_end_matches(',')) {
        return token.to_string();
    }
    let mut out = String::with_capacity(token.len());
    let mut start_of_part = true;
    for c in token.chars() {
        if start_of_part && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start_of_part = false;
        } else {
            out.extend(c.to_lowercase());
        }
        if "-'’".contains(c) {
            start_of_part = true;
        }
    }
    // Mc and Mac names capitalise the next letter (McDonald); Mac only for long names, so that
    // Mack and Macy stay as they are.
    for prefix in ["Mc", "Mac"] {
        if out.starts_with(prefix)
            && out.chars().count() > prefix.len() + if prefix == "Mac" { 3 } else { 1 }
        {
            let (head, tail) = out.split_at(prefix.len());
            let mut chars = tail.chars();
            if let Some(first) = chars.next() {
                if prefix == "Mc" || !"aeiou".contains(first) {
                    return format!("{head}{}{}", first.to_uppercase(), chars.as_str());
                }
            }
        }
    }
    out
}

/// The particles of Romance and Dutch names and places, in lower case inside a name written in
/// capitals (`RIO DE JANEIRO` → `Rio de Janeiro`, `MARIA DA SILVA` → `Maria da Silva`).
const PARTICLES_IN_CAPITALS: &[&str] = &["DE", "DA", "DO", "DOS", "DAS", "DEL", "DI", "VAN", "VON"];

/// Puts a name in proper case.
pub fn proper_case(name: &str) -> String {
    name.split_whitespace()
        .enumerate()
        .map(|(i, token)| {
            if i > 0 && PARTICLES_IN_CAPITALS.contains(&token) {
                token.to_lowercase()
            } else {
                proper_case_token(token)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_places_in_capitals_come_out_in_proper_case() {
        assert_eq!(proper_case("JANE MCDONALD"), "Jane McDonald");
        assert_eq!(proper_case("RIO DE JANEIRO"), "Rio de Janeiro");
        assert_eq!(proper_case("DE LA CRUZ"), "De La Cruz");
        assert_eq!(proper_case("Maria da Silva"), "Maria da Silva");
    }
}
