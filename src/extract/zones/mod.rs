//! The time zone a place keeps: for the times a page shows without their zone (`Posted Mar 4,
//! 2019 at 9:12 PM`), which are the outlet's local time. A place is a dateline's (`ERIE, Pa.`,
//! `Cape Town`), an address's (`Erie, PA 16501`), a country's, or a site's domain (`.co.za`).
//!
//! Countries and their zones come from the tz database's own tables (`zone.tab`, `iso3166.tab`,
//! public domain, from Debian's `tzdata` 2025b), cities from its zone names (`Asia/Jakarta`),
//! regions and everyday names from [`regions`].

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono_tz::Tz;

mod regions;

const ZONE_TAB: &str = include_str!("zone.tab");
const ISO3166_TAB: &str = include_str!("iso3166.tab");

/// Every name a place is looked up by, in lower case, with its zone.
struct Places {
    /// Regions (states, provinces), by name.
    regions: HashMap<String, Tz>,
    /// Regions by abbreviation (`pa`, `wva`, `nsw`, dots taken out) and postal code (`postal:PA`):
    /// read only after a city, where they cannot be ordinary words.
    abbreviations: HashMap<String, Tz>,
    /// Countries, by name and everyday name.
    countries: HashMap<String, Tz>,
    /// Cities: the tz database's zone names and [`regions::CITIES`].
    cities: HashMap<String, Tz>,
    /// Country codes (`ZA`) with their main zone, for domains.
    codes: HashMap<String, Tz>,
}

fn key(name: &str) -> String {
    name.trim()
        .trim_end_matches([',', ';'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An abbreviation's key: `Pa.` and `Pa` alike, `W. Va.` and `W.Va.` alike.
fn abbreviation_key(name: &str) -> String {
    key(name).replace(['.', ' '], "")
}

fn zone(name: &str) -> Tz {
    name.parse()
        .unwrap_or_else(|_| panic!("{name} is a zone of the tz database"))
}

static PLACES: LazyLock<Places> = LazyLock::new(|| {
    let mut regions = HashMap::new();
    let mut abbreviations = HashMap::new();
    for (name, short, postal, z) in regions::US_STATES.iter().chain(regions::OTHER_REGIONS) {
        let z = zone(z);
        regions.insert(key(name), z);
        for a in short.iter() {
            abbreviations.insert(abbreviation_key(a), z);
        }
        if !postal.is_empty() {
            // Postal codes are read in upper case only (`PA`, not the word `pa`).
            abbreviations.insert(format!("postal:{postal}"), z);
        }
    }

    // A country's zone: its main one where it has several, else the only one zone.tab gives.
    let mut zones_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for line in ZONE_TAB.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        if let (Some(code), Some(_), Some(z)) = (fields.next(), fields.next(), fields.next()) {
            zones_of.entry(code).or_default().push(z);
        }
    }
    let main: HashMap<&str, &str> = regions::MAIN_ZONES.iter().copied().collect();
    let mut codes = HashMap::new();
    for (code, zones) in &zones_of {
        let chosen = main
            .get(code)
            .copied()
            .or((zones.len() == 1).then(|| zones[0]));
        if let Some(z) = chosen.and_then(|z| z.parse::<Tz>().ok()) {
            codes.insert(code.to_string(), z);
        }
    }
    let mut countries = HashMap::new();
    for line in ISO3166_TAB.lines().filter(|l| !l.starts_with('#')) {
        if let Some((code, name)) = line.split_once('\t') {
            if let Some(z) = codes.get(code) {
                // `Britain (UK)`, `Korea (South)`: the name before its note.
                let name = name.split(" (").next().unwrap_or(name);
                countries.insert(key(name), *z);
                countries.insert(key(&name.replace('&', "and")), *z);
            }
        }
    }
    for (name, code) in regions::COUNTRY_NAMES {
        if let Some(z) = codes.get(*code) {
            countries.insert(key(name), *z);
        }
    }
    // `Korea` alone names neither.
    countries.remove("korea");

    // A zone's city: `Asia/Jakarta`'s Jakarta. Zones of a part of a state
    // (`America/Indiana/Knox`) and those named for something a name can be (`Indian/Christmas`,
    // `Pacific/Easter`) are left out.
    const AREAS: [&str; 8] = [
        "Africa",
        "America",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    ];
    const NOT_CITIES: [&str; 5] = ["Center", "Christmas", "Easter", "Resolute", "Knox_IN"];
    let mut cities = HashMap::new();
    for z in chrono_tz::TZ_VARIANTS {
        if let Some((area, city)) = z.name().split_once('/') {
            if AREAS.contains(&area) && !city.contains('/') && !NOT_CITIES.contains(&city) {
                cities.entry(key(&city.replace('_', " "))).or_insert(z);
            }
        }
    }
    for (name, z) in regions::CITIES {
        cities.insert(key(name), zone(z));
    }
    Places {
        regions,
        abbreviations,
        countries,
        cities,
        codes,
    }
});

/// The zone of a place as a dateline or an address writes it: `ERIE, Pa.`, `Erie, PA 16501`,
/// `KISUMU, Kenya`, `Cape Town`, `JAKARTA`. The region or country after the city decides (a
/// city's name recurs in many states), else the city.
pub fn zone_of_place(place: &str) -> Option<Tz> {
    let places = &*PLACES;
    let parts: Vec<&str> = place
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    for region in parts.iter().skip(1).rev() {
        // `PA 16501`: a postal code before a ZIP code.
        let postal = region.split_whitespace().next().unwrap_or("");
        let zip = region
            .split_whitespace()
            .nth(1)
            .is_none_or(|z| z.chars().all(|c| c.is_ascii_digit()));
        if postal.len() == 2 && postal.chars().all(|c| c.is_ascii_uppercase()) && zip {
            if let Some(z) = places.abbreviations.get(&format!("postal:{postal}")) {
                return Some(*z);
            }
        }
        let k = key(region);
        let found = places
            .regions
            .get(&k)
            .or_else(|| places.countries.get(&k))
            .or_else(|| places.abbreviations.get(&abbreviation_key(region)));
        if let Some(z) = found {
            return Some(*z);
        }
    }
    let city = key(parts.first()?);
    places
        .cities
        .get(&city)
        .or_else(|| places.countries.get(&city))
        .or_else(|| places.regions.get(&city))
        .copied()
}

/// The zone of a place named inside a longer name: an outlet's (`The Jakarta Post`, `San
/// Francisco Chronicle`, `The Times of India`): the longest run of its words that names a
/// city, a country or a region.
pub fn zone_named_in(name: &str) -> Option<Tz> {
    let places = &*PLACES;
    let words: Vec<&str> = name.split_whitespace().collect();
    for len in (1..=3.min(words.len())).rev() {
        for run in words.windows(len) {
            let k = key(&run.join(" "));
            let found = places
                .cities
                .get(&k)
                .or_else(|| places.countries.get(&k))
                .or_else(|| places.regions.get(&k));
            if let Some(z) = found {
                return Some(*z);
            }
        }
    }
    None
}

/// The zone of a site by its country-code domain (`www.news24.co.za`, `rte.ie`); none for
/// generic domains and for countries of many zones without a main one.
pub fn zone_of_host(host: &str) -> Option<Tz> {
    let tld = host
        .trim_end_matches('.')
        .rsplit('.')
        .next()?
        .to_ascii_lowercase();
    if tld.len() != 2 || regions::GENERIC_COUNTRY_DOMAINS.contains(&tld.as_str()) {
        return None;
    }
    let code = if tld == "uk" {
        "GB".to_string()
    } else {
        tld.to_ascii_uppercase()
    };
    PLACES.codes.get(&code).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(z: Option<Tz>) -> Option<&'static str> {
        z.map(|z| z.name())
    }

    #[test]
    fn a_region_after_the_city_decides_its_zone() {
        assert_eq!(name(zone_of_place("ERIE, Pa.")), Some("America/New_York"));
        assert_eq!(
            name(zone_of_place("Erie, PA 16501")),
            Some("America/New_York")
        );
        assert_eq!(
            name(zone_of_place("PORTLAND, Maine")),
            Some("America/New_York")
        );
        assert_eq!(
            name(zone_of_place("PORTLAND, Ore.")),
            Some("America/Los_Angeles")
        );
        assert_eq!(
            name(zone_of_place("SPOKANE, Wash.")),
            Some("America/Los_Angeles")
        );
        assert_eq!(name(zone_of_place("KISUMU, Kenya")), Some("Africa/Nairobi"));
        assert_eq!(
            name(zone_of_place("GRAND RAPIDS, MICH.")),
            Some("America/Detroit")
        );
        assert_eq!(name(zone_of_place("Dubbo, NSW")), Some("Australia/Sydney"));
        assert_eq!(
            name(zone_of_place("EAST HARTFORD, Conn")),
            Some("America/New_York")
        );
        assert_eq!(
            name(zone_of_place("CHARLESTON, W. Va.")),
            Some("America/New_York")
        );
    }

    #[test]
    fn a_city_alone_is_its_zone_or_the_one_the_tables_give_it() {
        assert_eq!(name(zone_of_place("JAKARTA")), Some("Asia/Jakarta"));
        assert_eq!(
            name(zone_of_place("Cape Town")),
            Some("Africa/Johannesburg")
        );
        assert_eq!(name(zone_of_place("WASHINGTON")), Some("America/New_York"));
        assert_eq!(name(zone_of_place("NEW YORK")), Some("America/New_York"));
        assert_eq!(name(zone_of_place("Brussels")), Some("Europe/Brussels"));
        assert_eq!(name(zone_of_place("Springfield")), None);
    }

    #[test]
    fn an_outlets_name_says_where_it_is_when_it_names_a_place() {
        assert_eq!(
            name(zone_named_in("The Jakarta Post")),
            Some("Asia/Jakarta")
        );
        assert_eq!(
            name(zone_named_in("San Francisco Chronicle")),
            Some("America/Los_Angeles")
        );
        assert_eq!(
            name(zone_named_in("The Times of India")),
            Some("Asia/Kolkata")
        );
        assert_eq!(name(zone_named_in("The Guardian")), None);
        assert_eq!(name(zone_named_in("Times Union")), None);
    }

    #[test]
    fn a_country_domain_gives_the_countrys_zone_and_a_generic_one_none() {
        assert_eq!(
            name(zone_of_host("www.news24.co.za")),
            Some("Africa/Johannesburg")
        );
        assert_eq!(name(zone_of_host("www.rte.ie")), Some("Europe/Dublin"));
        assert_eq!(name(zone_of_host("www.bbc.co.uk")), Some("Europe/London"));
        assert_eq!(
            name(zone_of_host("www.smh.com.au")),
            Some("Australia/Sydney")
        );
        assert_eq!(zone_of_host("www.example.com"), None);
        assert_eq!(zone_of_host("news.example.io"), None);
        assert_eq!(zone_of_host("www.example.us"), None);
    }
}
