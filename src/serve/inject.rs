//! What `serve` adds to each HTML page as it is sent (never to the files a build writes): a
//! script that reloads the page when the site is rebuilt, and, while the last build failed, an
//! overlay with its error. The overlay is HTML made on the server, so the error is readable
//! without JavaScript, and every character of it is escaped.

use crate::html::escape_html;

/// The path of the event stream that tells pages a build has finished.
pub const EVENTS_PATH: &str = "/__broadsheet/events";

/// The reload script for a page served at `generation`. The stream sends the current generation
/// on connecting and each new one after; a page that sees another than its own reloads, so a
/// build that finishes between the page's request and the stream's still reloads it.
fn script(generation: u64) -> String {
    format!(
        "<script>/* broadsheet serve: reloads this page when the site is rebuilt */\n\
         (() => {{ const events = new EventSource(\"{EVENTS_PATH}\");\n\
         events.onmessage = (e) => {{ if (e.data !== \"{generation}\") {{ events.close(); location.reload(); }} }}; }})();\n\
         </script>\n"
    )
}

/// The overlay showing why the last build failed.
pub fn overlay(error: &str) -> String {
    format!(
        "<div id=\"broadsheet-serve-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
         overflow:auto;margin:0;padding:1.5rem;background:#fff;color:#8b0000;font:14px/1.5 monospace;\
         white-space:pre-wrap\"><strong>The build failed; the pages below are from the last good build.</strong>\n\n{}</div>\n",
        escape_html(error)
    )
}

/// `page` with the reload script (and the overlay, when `error`) before its last `</body>`, or
/// at its end when it has none.
pub fn inject(page: &[u8], generation: u64, error: Option<&str>) -> Vec<u8> {
    let mut added = String::new();
    if let Some(error) = error {
        added.push_str(&overlay(error));
    }
    added.push_str(&script(generation));
    let at = last_body_close(page).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + added.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(added.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// A page for when there is no good build to show: the first build failed, or has not ended.
pub fn placeholder(generation: u64, error: Option<&str>) -> Vec<u8> {
    let message = if error.is_some() {
        "The first build failed."
    } else {
        "The site is being built."
    };
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>broadsheet serve</title>\n</head>\n<body>\n<main><p>{message}</p></main>\n</body>\n</html>\n"
    );
    inject(page.as_bytes(), generation, error)
}

fn last_body_close(page: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body";
    (0..=page.len().checked_sub(TAG.len())?)
        .rev()
        .find(|&i| page[i..i + TAG.len()].eq_ignore_ascii_case(TAG))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_close() {
        let page = b"<html><body><p>x</p></BODY></html>\n";
        let out = String::from_utf8(inject(page, 7, None)).unwrap();
        let script_at = out.find("<script>").unwrap();
        assert!(script_at < out.find("</BODY>").unwrap());
        assert!(out.contains("e.data !== \"7\""));
        assert!(out.contains(EVENTS_PATH));
        assert!(!out.contains("broadsheet-serve-error"));
        assert!(out.ends_with("</BODY></html>\n"));
    }

    #[test]
    fn a_page_without_a_body_close_gets_it_at_the_end() {
        let out = String::from_utf8(inject(b"<p>x", 1, None)).unwrap();
        assert!(out.starts_with("<p>x<script>"));
    }

    #[test]
    fn the_error_is_escaped_in_the_overlay() {
        let error = "error: seeds/a.md:2: </div><script>alert(1)</script> & more";
        let out = String::from_utf8(inject(b"<body></body>", 1, Some(error))).unwrap();
        assert!(out.contains("broadsheet-serve-error"));
        assert!(out.contains("&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        assert_eq!(out.matches("<script>").count(), 1);
    }

    #[test]
    fn the_placeholder_says_whether_the_build_failed() {
        let failed = String::from_utf8(placeholder(1, Some("boom"))).unwrap();
        assert!(failed.contains("The first build failed.") && failed.contains("boom"));
        let building = String::from_utf8(placeholder(0, None)).unwrap();
        assert!(building.contains("being built"));
    }
}
