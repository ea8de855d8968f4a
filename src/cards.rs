//! Story cards, rendered once and reused on every listing that shows the story.
//!
//! An archive lists each story on about eight pages: the front page, its topics', its authors',
//! its source's, its year's and its month's. Rendering the card template each time was most of
//! a listing page's cost. A card's HTML depends only on the story and on the page's way back to
//! the site root (links are relative), and that root is one of a handful of depths, so each
//! story keeps one rendered card per depth.

use std::sync::OnceLock;

/// Folder depths a listing can sit at and still be cached (`topics/x/page/2/` is depth 4).
const CACHED_DEPTHS: usize = 8;

pub struct CardCache {
    /// Boxed so each card takes its length and no more: the renderer's output string keeps a
    /// buffer several times larger, which across an archive's cards is hundreds of megabytes.
    cards: Vec<[OnceLock<Box<str>>; CACHED_DEPTHS]>,
}

impl CardCache {
    pub fn new(stories: usize) -> CardCache {
        CardCache {
            cards: (0..stories)
                .map(|_| std::array::from_fn(|_| OnceLock::new()))
                .collect(),
        }
    }

    /// The card of story `story` for a page whose way to the root is `root`: from the cache, or
    /// made by `render` and kept. Two threads asking at once may both render; one result stays.
    pub fn get<E>(
        &self,
        story: usize,
        root: &str,
        render: impl FnOnce() -> Result<String, E>,
    ) -> Result<String, E> {
        let Some(cell) = depth_of(root).and_then(|d| self.cards.get(story)?.get(d)) else {
            return render();
        };
        if let Some(html) = cell.get() {
            return Ok(html.to_string());
        }
        let html = render()?;
        Ok(cell.get_or_init(|| html.into_boxed_str()).to_string())
    }
}

/// The depth a relative root stands for (`./` is 0, `../../` is 2); `None` for anything else,
/// such as the absolute root of the 404 page.
fn depth_of(root: &str) -> Option<usize> {
    if root == "./" {
        return Some(0);
    }
    let depth = root.len() / 3;
    (depth > 0 && root.len() % 3 == 0 && root.split_inclusive('/').all(|part| part == "../"))
        .then_some(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths_of_roots() {
        assert_eq!(depth_of("./"), Some(0));
        assert_eq!(depth_of("../"), Some(1));
        assert_eq!(depth_of("../../../"), Some(3));
        assert_eq!(depth_of("https://example.org/"), None);
        assert_eq!(depth_of(""), None);
        assert_eq!(depth_of("..//"), None);
    }

    #[test]
    fn renders_once_per_story_and_depth() {
        let cache = CardCache::new(2);
        let calls = std::cell::Cell::new(0);
        let render = |text: &str| {
            calls.set(calls.get() + 1);
            Ok::<_, ()>(text.to_string())
        };
        assert_eq!(cache.get(0, "../", || render("a1")).unwrap(), "a1");
        assert_eq!(cache.get(0, "../", || render("again")).unwrap(), "a1");
        assert_eq!(cache.get(0, "../../", || render("a2")).unwrap(), "a2");
        assert_eq!(cache.get(1, "../", || render("b1")).unwrap(), "b1");
        assert_eq!(calls.get(), 3);
        // Roots it cannot key are rendered every time, never cached.
        assert_eq!(cache.get(0, "/abs/", || render("x")).unwrap(), "x");
        assert_eq!(cache.get(0, "/abs/", || render("y")).unwrap(), "y");
        // Beyond the cached depths: rendered, not cached.
        let deep = "../".repeat(CACHED_DEPTHS + 1);
        assert_eq!(cache.get(0, &deep, || render("d1")).unwrap(), "d1");
        assert_eq!(cache.get(0, &deep, || render("d2")).unwrap(), "d2");
    }

    #[test]
    fn a_failed_render_is_not_cached() {
        let cache = CardCache::new(1);
        assert!(cache.get(0, "../", || Err::<String, _>("broken")).is_err());
        assert_eq!(
            cache.get(0, "../", || Ok::<_, &str>("ok".into())),
            Ok("ok".into())
        );
    }
}
