//! Answering requests: files of the last good build under the site's base path, its 404 page,
//! redirects for folders, and the event stream; every HTML page gets the reload script.
//!
//! The HTTP stack is `tiny_http`: a synchronous server of four small dependencies that parses
//! requests and writes responses (HEAD included) and leaves every decision about paths to us,
//! where `axum` with `tower-http` would bring tokio's networking, hyper and tower, several
//! times the code to compile, for a server that answers one person's browser. Its raw writer
//! also lets the event stream send each event the moment it happens.

use std::io::Read;

use tiny_http::{Header, Method, Request, Response, ResponseBox};

use super::events;
use super::files::{self, Found};
use super::inject::{self, EVENTS_PATH};
use super::paths::{self, Target};
use super::state::{Served, Shared, Snapshot};

/// Answers every request the server receives, each on a thread of its own (an event stream
/// stays open as long as its page).
pub fn serve(server: &tiny_http::Server, shared: &std::sync::Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        std::thread::spawn(move || answer(request, &shared));
    }
}

fn answer(request: Request, shared: &Shared) {
    let method = request.method().clone();
    if method != Method::Get && method != Method::Head {
        let response = with(
            Response::from_string("only GET and HEAD are served\n").with_status_code(405),
            "Allow",
            "GET, HEAD",
        );
        let _ = request.respond(with_common_headers(response, "text/plain; charset=utf-8"));
        return;
    }
    let url = request.url().to_string();
    if url.split('?').next() == Some(EVENTS_PATH) && method == Method::Get {
        events::stream(request, shared);
        return;
    }
    // A browser that went away mid-answer is nothing to report.
    let _ = request.respond(response_to(&url, &shared.snapshot()));
}

/// The response to a GET (or HEAD: tiny_http leaves the body out) of `url`.
pub fn response_to(url: &str, now: &Snapshot) -> ResponseBox {
    let Some(served) = &now.served else {
        return page(
            503,
            inject::placeholder(now.generation, now.error.as_deref()),
        );
    };
    let (path, folder) = match paths::resolve(url, &served.base_path) {
        Err(refused) => return text(400, &format!("{}\n", refused.0)),
        Ok(Target::Redirect(location)) => return redirect(&location),
        Ok(Target::Outside) => return not_found(served, now),
        Ok(Target::Inside { path, folder }) => (path, folder),
    };
    match files::find(&served.dir, &path, folder) {
        Found::File(file) => send_file(&file, served, now),
        Found::Folder => {
            let (path, query) = match url.split_once('?') {
                Some((path, query)) => (path, format!("?{query}")),
                None => (url, String::new()),
            };
            redirect(&format!("{path}/{query}"))
        }
        Found::Missing => not_found(served, now),
    }
}

fn send_file(file: &std::path::Path, served: &Served, now: &Snapshot) -> ResponseBox {
    let content_type = files::content_type(file);
    if content_type.starts_with("text/html") {
        return match std::fs::read(file) {
            Ok(bytes) => page(
                200,
                inject::inject(&bytes, now.generation, now.error.as_deref()),
            ),
            Err(_) => not_found(served, now),
        };
    }
    match std::fs::File::open(file) {
        Ok(f) => with_common_headers(Response::from_file(f).boxed(), content_type),
        Err(_) => not_found(served, now),
    }
}

/// The site's own 404 page, with status 404.
fn not_found(served: &Served, now: &Snapshot) -> ResponseBox {
    match std::fs::read(served.dir.join("404.html")) {
        Ok(bytes) => page(
            404,
            inject::inject(&bytes, now.generation, now.error.as_deref()),
        ),
        Err(_) => text(404, "not found\n"),
    }
}

/// `response` with a header. Names are ours and values ASCII (types, and locations with all
/// else percent-encoded), which tiny_http always accepts; one it refused would only be left out.
fn with<R: Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

/// Every answer: its type, never cached (the next build may change it), never sniffed, and
/// with its length rather than chunked, so HEAD says how long it is.
fn with_common_headers<R: Read + Send + 'static>(
    response: Response<R>,
    content_type: &str,
) -> ResponseBox {
    let response = with(response, "Content-Type", content_type);
    let response = with(response, "Cache-Control", "no-store");
    with(response, "X-Content-Type-Options", "nosniff")
        .with_chunked_threshold(usize::MAX)
        .boxed()
}

fn page(status: u16, bytes: Vec<u8>) -> ResponseBox {
    with_common_headers(
        Response::from_data(bytes).with_status_code(status),
        "text/html; charset=utf-8",
    )
}

fn text(status: u16, message: &str) -> ResponseBox {
    with_common_headers(
        Response::from_string(message).with_status_code(status),
        "text/plain; charset=utf-8",
    )
}

/// A temporary redirect: a permanent one would be remembered by the browser for this address
/// and port, which the next site served here may not want.
fn redirect(location: &str) -> ResponseBox {
    let location =
        percent_encoding::utf8_percent_encode(location, percent_encoding::CONTROLS).to_string();
    let response = Response::from_string(format!("see {location}\n")).with_status_code(302);
    with_common_headers(
        with(response, "Location", &location),
        "text/plain; charset=utf-8",
    )
}
