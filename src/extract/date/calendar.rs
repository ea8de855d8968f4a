//! The words and numbers of calendar dates: month and weekday names in any case, days of the
//! month (`16th`), years, and numeric dates (`12/16/2016`, `18/03/2019`).

use chrono::NaiveDate;

/// A month name or its abbreviation (`June`, `Jun`, `Jun.`, `Sept.`).
pub fn month_from_word(word: &str) -> Option<u32> {
    let mut lowered = [0; CALENDAR_WORD_MAX];
    let month = match calendar_key(word, &mut lowered)? {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// A day of the week or its abbreviation (`Friday`, `Fri.`).
pub fn is_weekday(word: &str) -> bool {
    let mut lowered = [0; CALENDAR_WORD_MAX];
    let Some(w) = calendar_key(word, &mut lowered) else {
        return false;
    };
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
    .contains(&w)
}

/// The longest month or weekday name ("September", "Wednesday").
pub(super) const CALENDAR_WORD_MAX: usize = 9;

/// `word` without a trailing full stop or comma, in lower case, written into `buf`: every
/// month and weekday name is short ASCII, so anything else is none of them, and the words of
/// a whole story can be asked without an allocation each.
pub(super) fn calendar_key<'b>(
    word: &str,
    buf: &'b mut [u8; CALENDAR_WORD_MAX],
) -> Option<&'b str> {
    let word = word.trim_end_matches(['.', ',']);
    if word.len() > CALENDAR_WORD_MAX || !word.is_ascii() {
        return None;
    }
    let lowered = &mut buf[..word.len()];
    lowered.copy_from_slice(word.as_bytes());
    lowered.make_ascii_lowercase();
    std::str::from_utf8(lowered).ok()
}

/// A day of the month, allowing `16th` and a trailing comma.
pub(super) fn day_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(',');
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

pub(super) fn year_number(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.']);
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1800..=2200).contains(&y).then_some(y)
}

/// A two-digit year as headers abbreviate it (`4 April 19`, `12/16/16`): this century's.
pub(super) fn short_year(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.']);
    (w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| 2000 + w.parse::<i32>().unwrap_or_default())
}

/// A numeric date: `12/16/2016`, `01/09/17` and `11/28/2016` in the US order, month first;
/// day first (`18/03/2019`) when the first number cannot be a month or `day_first` says the
/// site's readers write it so.
pub(super) fn numeric_date(token: &str, day_first: bool) -> Option<NaiveDate> {
    let mut parts = token.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    // `2017/02/03`: year first, then always month and day.
    if a.len() == 4 && b.len() <= 2 && y.len() <= 2 {
        return NaiveDate::from_ymd_opt(year_number(a)?, b.parse().ok()?, y.parse().ok()?);
    }
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let year = year_number(y).or_else(|| short_year(y))?;
    let (month, day) = if a > 12 || (day_first && b <= 12) {
        (b, a)
    } else {
        (a, b)
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A four-digit year anywhere in `s` (the first one).
pub fn first_year_in(s: &str) -> Option<i32> {
    s.split(|c: char| !c.is_ascii_digit()).find_map(year_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates_in_either_order() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(numeric_date("12/16/2016", false), day(2016, 12, 16));
        assert_eq!(numeric_date("01/09/17", false), day(2017, 1, 9));
        assert_eq!(numeric_date("18/03/2019", false), day(2019, 3, 18));
        assert_eq!(numeric_date("03/04/2019", true), day(2019, 4, 3));
        assert_eq!(numeric_date("2017/02/03", true), day(2017, 2, 3));
        assert_eq!(numeric_date("3/4", false), None);
        assert_eq!(numeric_date("1/2/3/4", false), None);
        assert_eq!(numeric_date("13/13/2019", false), None);
    }

    #[test]
    fn calendar_words_in_any_case_with_their_stops() {
        assert_eq!(month_from_word("SEPTEMBER."), Some(9));
        assert_eq!(month_from_word("Sept,"), Some(9));
        assert_eq!(month_from_word("Septembers"), None);
        assert_eq!(month_from_word("März"), None);
        assert!(is_weekday("WEDNESDAY,"));
        assert!(is_weekday("Thurs."));
        assert!(!is_weekday("Sundays"));
        assert!(!is_weekday("İ"));
    }
}
