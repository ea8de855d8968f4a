//! Date archives: a page per year and per month, and an index of them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::urls::{month_dir, year_dir, Urls};

/// A month of a year's archive.
#[derive(Debug, Clone, Serialize)]
pub struct MonthArchive {
    pub year: i32,
    pub month: u32,
    /// "June 2023"
    pub name: String,
    pub dir: String,
    pub link: String,
    pub count: usize,
    #[serde(skip)]
    pub stories: Vec<usize>,
}

/// A year's archive.
#[derive(Debug, Clone, Serialize)]
pub struct YearArchive {
    pub year: i32,
    pub name: String,
    pub dir: String,
    pub link: String,
    pub count: usize,
    /// Newest month first.
    pub months: Vec<MonthArchive>,
    #[serde(skip)]
    pub stories: Vec<usize>,
}

/// A year's stories, and its stories by month.
type YearStories = (Vec<usize>, BTreeMap<u32, Vec<usize>>);

/// Builds the archives, newest year first, from each story's (year, month) in newest-first
/// story order.
pub fn archives(
    dates: &[Option<(i32, Option<u32>)>],
    urls: &Urls,
    style: &super::dates::DateStyle,
) -> Vec<YearArchive> {
    let mut years: BTreeMap<i32, YearStories> = BTreeMap::new();
    for (i, date) in dates.iter().enumerate() {
        if let Some((year, month)) = date {
            let entry = years.entry(*year).or_default();
            entry.0.push(i);
            if let Some(m) = month {
                entry.1.entry(*m).or_default().push(i);
            }
        }
    }
    years
        .into_iter()
        .rev()
        .map(|(year, (stories, months))| {
            let dir = year_dir(year);
            YearArchive {
                year,
                name: year.to_string(),
                link: urls.link(&dir),
                count: stories.len(),
                months: months
                    .into_iter()
                    .rev()
                    .map(|(month, stories)| {
                        let dir = month_dir(year, month);
                        MonthArchive {
                            year,
                            month,
                            name: style.month_year(year, month),
                            link: urls.link(&dir),
                            dir,
                            count: stories.len(),
                            stories,
                        }
                    })
                    .collect(),
                dir,
                stories,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_months_newest_first() {
        let dates = [
            Some((2024, Some(3))),
            Some((2023, Some(6))),
            Some((2023, None)),
            None,
        ];
        let got = archives(
            &dates,
            &Urls::new("https://example.org/".into(), false),
            &super::super::dates::DateStyle::for_language("en"),
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].year, 2024);
        assert_eq!(got[1].count, 2);
        assert_eq!(got[1].months.len(), 1);
        assert_eq!(got[1].months[0].name, "June 2023");
        assert_eq!(got[1].months[0].link, "2023/06/index.html");
    }
}
