//! The angle brackets of 1980s financial wire copy: a ticker tag in a title (`ACME CORP <ACM>
//! 4TH QTR NET`) and a company marked in the text (`<Acme Corp> said`). Readers want the
//! company's name, not the markup: tags (a symbol without spaces) are dropped and marked names
//! keep their words, in the headline and the body alike.

use std::borrow::Cow;

/// The longest ticker symbol a tag holds.
const MAX_TICKER_CHARS: usize = 8;

/// Whether the inside of `<…>` is a ticker symbol: a short run of capitals, digits and dots.
fn is_ticker(inner: &str) -> bool {
    !inner.is_empty()
        && inner.len() <= MAX_TICKER_CHARS
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
}

/// Whether the inside of `<…>` is a name the wire marked: capitalised words, no markup.
fn is_marked_name(inner: &str) -> bool {
    inner.chars().next().is_some_and(char::is_uppercase)
        && !inner.contains(['<', '>', '=', '"', '/'])
        && inner.len() <= 80
}

/// `text` with ticker tags dropped and marked names unbracketed; unchanged (and not copied)
/// when it holds no angle bracket, as nearly all copy does.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.contains('<') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 1..close];
        if is_ticker(inner) {
            out.push_str(rest[..open].trim_end());
        } else if is_marked_name(inner) {
            out.push_str(&rest[..open]);
            out.push_str(inner);
        } else {
            out.push_str(&rest[..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_names_stay() {
        assert_eq!(
            clean("BRANDT INDUSTRIES INC <BRDT> 4TH QTR NET"),
            "BRANDT INDUSTRIES INC 4TH QTR NET"
        );
        assert_eq!(
            clean("NEW YORK - <Halverson Growth Fund Inc> said it would merge."),
            "NEW YORK - Halverson Growth Fund Inc said it would merge."
        );
        assert_eq!(clean("a <b> tag and x < y"), "a <b> tag and x < y");
        assert_eq!(clean("no brackets"), "no brackets");
        assert_eq!(clean("<ACM>"), "");
        assert_eq!(clean("unclosed <Acme"), "unclosed <Acme");
    }
}
