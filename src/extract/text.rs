//! Cleaning copy: line endings and stray characters normalized, whitespace collapsed, and the
//! counts (characters, words) that every stage asks of every paragraph, answered quickly.

/// Normalises what pasting and old systems leave in copy: CRLF and CR line ends, NUL and other
/// control characters, non-breaking and zero-width spaces, a byte-order mark, trailing blanks.
/// Every line of the result ends in `\n`.
///
/// Copy is mostly printable ASCII, which needs no change, so runs of it are copied whole and
/// only the bytes around them are looked at one by one.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 1);
    let mut line_start = 0;
    let end_line = |out: &mut String, line_start: &mut usize| {
        let kept = without_caret_returns(&out[*line_start..]).len();
        out.truncate(*line_start + kept);
        out.push('\n');
        *line_start = out.len();
    };
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = crate::bytes::position(&bytes[i..], |b| !(0x20..0x7f).contains(&b))
            .map_or(bytes.len(), |n| i + n);
        out.push_str(&raw[i..run]);
        i = run;
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                end_line(&mut out, &mut line_start);
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => end_line(&mut out, &mut line_start),
            '\t' => out.push(c),
            '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if out.len() > line_start {
        end_line(&mut out, &mut line_start);
    }
    out
}

/// A line without its trailing blanks and the `^M` that copy passed through old terminals
/// shows for a carriage return.
fn without_caret_returns(line: &str) -> &str {
    let mut line = line.trim_end();
    while let Some(rest) = line.strip_suffix("^M") {
        line = rest.trim_end();
    }
    line
}

/// Collapses every run of whitespace to one space, and drops it at both ends. Runs of printable
/// ASCII are copied whole; only the bytes between them are looked at one by one.
pub fn collapse_whitespace(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let add_word = |out: &mut String, word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let bytes = s.as_bytes();
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let plain = bytes[i..]
            .iter()
            .position(|&b| b <= b' ' || !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if plain > 0 {
            word_start.get_or_insert(i);
            i += plain;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or_default();
        if !c.is_whitespace() {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            add_word(&mut out, &s[start..i]);
        }
        i += c.len_utf8();
    }
    if let Some(start) = word_start {
        add_word(&mut out, &s[start..]);
    }
    out
}

/// Whether `s` is already as [`collapse_whitespace`] leaves it, as most paragraphs joined from
/// their lines are: printable ASCII with single spaces between words and none at either end.
/// The search for two spaces in a row is the standard library's.
fn is_collapsed(s: &str) -> bool {
    !s.starts_with(' ')
        && !s.ends_with(' ')
        && crate::bytes::position(s.as_bytes(), |b| !(b' '..=b'~').contains(&b)).is_none()
        && !s.contains("  ")
}

/// Whether `s` has more than `n` characters, answered from the byte length where it can be:
/// the limits that tell a head or a credit line from copy are asked of every paragraph.
pub fn longer_than(s: &str, n: usize) -> bool {
    // A character takes one to four bytes, so only a text of n + 1 to 4n bytes is counted.
    // Counting it whole is quicker than stepping to the limit: the standard library counts a
    // word of bytes at a time.
    s.len() > n && (s.len() > 4 * n || s.chars().count() > n)
}

/// The number of words in `s`: what `s.split_whitespace().count()` says, several times
/// faster. It is asked of every story's whole text, which is nearly all ASCII: runs of 32 ASCII
/// bytes are classified at once as a mask of spaces, and only other characters are decoded.
pub fn word_count(s: &str) -> usize {
    const RUN: usize = 32;
    let bytes = s.as_bytes();
    let mut words = 0;
    let mut after_space = true;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(run) = bytes.get(i..i + RUN).filter(|run| run.is_ascii()) {
            let spaces = run.iter().enumerate().fold(0u32, |mask, (k, &b)| {
                mask | (u32::from(is_ascii_space(b)) << k)
            });
            // A word starts at each byte that is not a space and follows one.
            let follows_space = (spaces << 1) | u32::from(after_space);
            words += (!spaces & follows_space).count_ones() as usize;
            after_space = spaces >> (RUN - 1) == 1;
            i += RUN;
            continue;
        }
        let (space, len) = match bytes[i] {
            b @ 0..0x80 => (is_ascii_space(b), 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            }
        };
        words += usize::from(!space && after_space);
        after_space = space;
        i += len;
    }
    words
}

/// The ASCII characters `char::is_whitespace` accepts: tab, line feed, vertical tab, form
/// feed, carriage return and space.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        let parts = [
            "word",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{0B}",
            "\u{0C}",
            "\u{85}",
            "\u{A0}",
            "\u{2003}",
            "\u{3000}",
            "\u{2028}",
            "\u{200B}",
            "é",
            "—",
            "日本",
            "x",
            "\u{1F600}",
        ];
        let ascii = ["w", "word", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"];
        let texts = crate::testing::strings_of(&parts, 20_000, 12)
            .into_iter()
            .chain(crate::testing::strings_of(&ascii, 5_000, 60))
            // Runs of ASCII longer than 32 bytes, broken by other characters.
            .chain(crate::testing::strings_of(
                &["word ".repeat(7).as_str(), "é", "\u{A0}", " x"],
                2_000,
                12,
            ));
        for text in texts {
            assert_eq!(
                word_count(&text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count(" Two\u{A0}words "), 2);
    }

    /// The plain forms of [`normalize`] and [`collapse_whitespace`], which the fast ones must
    /// match on any input.
    fn normalize_plainly(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                '\n' | '\t' => out.push(c),
                '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
                '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
                '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}' => {}
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        let mut trimmed = String::with_capacity(out.len());
        for line in out.lines() {
            let mut line = line.trim_end();
            while let Some(rest) = line.strip_suffix("^M") {
                line = rest.trim_end();
            }
            trimmed.push_str(line);
            trimmed.push('\n');
        }
        trimmed
    }

    fn collapse_plainly(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Strings drawn from the characters the cleaners treat specially, and ordinary ones.
    fn awkward_strings() -> Vec<String> {
        const PARTS: &[&str] = &[
            "a", "Word", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{7}", "\u{7f}", "\u{85}",
            "\u{a0}", "\u{ad}", "\u{200b}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{3000}",
            "\u{feff}", "\u{b}", "\u{c}", "é", "—", "日本", "\u{1680}", "\u{9f}", "^M", "^",
        ];
        let mut strings: Vec<String> = PARTS.iter().map(|p| p.to_string()).collect();
        strings.extend(crate::testing::strings_of(PARTS, 5_000, 11));
        strings
    }

    #[test]
    fn longer_than_counts_characters_not_bytes() {
        for s in awkward_strings() {
            for n in 0..14 {
                assert_eq!(longer_than(&s, n), s.chars().count() > n, "{s:?} {n}");
            }
        }
    }

    #[test]
    fn fast_cleaners_match_the_plain_ones() {
        for s in awkward_strings() {
            assert_eq!(normalize(&s), normalize_plainly(&s), "normalize {s:?}");
            assert_eq!(
                collapse_whitespace(&s),
                collapse_plainly(&s),
                "collapse {s:?}"
            );
        }
    }

    #[test]
    fn normalizes_line_ends_and_stray_characters() {
        assert_eq!(
            normalize("a\r\nb\rc\u{0}\u{feff}d\u{a0}e  \n"),
            "a\nb\ncd e\n"
        );
        assert_eq!(normalize("Reuter^M\nx ^M^M \n^M"), "Reuter\nx\n\n");
    }
}
