//! Story cards, rendered once and reused on every listing that shows the story.
//!
//! An archive lists each story on about eight pages: the front page, its topics', its authors',
//! its source's, its year's and its month's. Rendering the card template each time was most of
//! a listing page's cost. A card's HTML depends only on the story and on the page's way back to
//! the site root (links are relative), so each story's card is rendered once with a marker in
//! place of that root, and each listing puts its own root in for the marker.

use std::sync::OnceLock;

/// Stands in for `root` while a card is rendered. HTML escaping leaves it alone, so it comes
/// out of the template where `root` went in. A story cannot carry it: extraction drops control
/// characters from seed text and front matter values alike (HTML text may not hold them).
const ROOT_MARKER: &str = "\u{1}root\u{1}";

pub struct CardCache {
    /// Each card as the pieces between the places `root` goes, so a listing joins them with
    /// its own root instead of searching the card for the marker. Boxed so each card takes its
    /// length and no more: the renderer's output string keeps a buffer several times larger,
    /// which across an archive's cards is hundreds of megabytes.
    cards: Vec<OnceLock<Box<[Box<str>]>>>,
}

impl CardCache {
    pub fn new(stories: usize) -> CardCache {
        CardCache {
            cards: (0..stories).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The card of story `story` for a page whose way to the root is `root`. `render` makes the
    /// card for the root it is given; its result is kept for the story's later listings. Two
    /// threads asking at once may both render; one result stays.
    pub fn get<E>(
        &self,
        story: usize,
        root: &str,
        render: impl FnOnce(&str) -> Result<String, E>,
    ) -> Result<String, E> {
        let Some(cell) = self.cards.get(story) else {
            return render(root);
        };
        let pieces = match cell.get() {
            Some(pieces) => pieces,
            None => {
                let html = render(ROOT_MARKER)?;
                cell.get_or_init(|| html.split(ROOT_MARKER).map(Box::from).collect())
            }
        };
        Ok(pieces.join(root))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(root: &str) -> Result<String, ()> {
        Ok(format!(
            "<a href=\"{root}2024/story/\">Story</a> <a href=\"{root}topics/x/\">X</a>"
        ))
    }

    #[test]
    fn renders_once_per_story_for_every_root() {
        let cache = CardCache::new(2);
        let calls = std::cell::Cell::new(0);
        let counted = |root: &str| {
            calls.set(calls.get() + 1);
            card(root)
        };
        for root in ["./", "../", "../../../", "/news/", "https://example.org/"] {
            assert_eq!(cache.get(0, root, counted).unwrap(), card(root).unwrap());
        }
        assert_eq!(cache.get(1, "../", counted).unwrap(), card("../").unwrap());
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn a_failed_render_is_not_cached() {
        let cache = CardCache::new(1);
        assert!(cache.get(0, "../", |_| Err::<String, _>("broken")).is_err());
        assert_eq!(
            cache.get(0, "../", |root| Ok::<_, &str>(format!("{root}ok"))),
            Ok("../ok".into())
        );
    }

    #[test]
    fn a_story_outside_the_cache_is_rendered_for_its_root() {
        let cache = CardCache::new(0);
        assert_eq!(cache.get(3, "../", card).unwrap(), card("../").unwrap());
    }
}
