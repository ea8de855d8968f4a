//! The default theme, embedded in the binary so a site without `templates/` or `static/` builds.
//! The render stage loads these templates under a reserved prefix (a site's own file of the same
//! name replaces one), and the static files are written before the site's own `static/`.

/// The default theme, embedded so a site without `templates/` builds.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("404.html", include_str!("../templates/404.html")),
    (
        "components.html",
        include_str!("../templates/components.html"),
    ),
    ("pictures.html", include_str!("../templates/pictures.html")),
    ("card.html", include_str!("../templates/card.html")),
    ("list.html", include_str!("../templates/list.html")),
    ("terms.html", include_str!("../templates/terms.html")),
    ("archive.html", include_str!("../templates/archive.html")),
    ("search.html", include_str!("../templates/search.html")),
    (
        "corrections.html",
        include_str!("../templates/corrections.html"),
    ),
    ("expired.html", include_str!("../templates/expired.html")),
    ("rss.xml", include_str!("../templates/rss.xml")),
    ("atom.xml", include_str!("../templates/atom.xml")),
    ("feed.json", include_str!("../templates/feed.json")),
    (
        "corrections.xml",
        include_str!("../templates/corrections.xml"),
    ),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    (
        "sitemap_index.xml",
        include_str!("../templates/sitemap_index.xml"),
    ),
    (
        "news_sitemap.xml",
        include_str!("../templates/news_sitemap.xml"),
    ),
    ("robots.txt", include_str!("../templates/robots.txt")),
];

/// The default theme's static files, embedded the same way.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("search.js", include_bytes!("../static/search.js")),
    ("logo.png", include_bytes!("../static/logo.png")),
];
