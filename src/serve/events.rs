//! The Server-Sent Events stream open pages listen to: the current build's generation when a
//! page connects, and each new one as its build finishes.

use std::io::Write;
use std::time::Duration;

use super::state::Shared;

/// How long a stream waits for a build before writing a comment, which finds out whether the
/// page is still there (a closed connection fails the write and ends the thread).
const HEARTBEAT: Duration = Duration::from_secs(15);

/// Takes over the request's connection and writes events until the page goes away. The
/// response is written by hand because tiny_http would buffer a body it streams, and an event
/// must reach the page when it happens.
pub fn stream(request: tiny_http::Request, shared: &Shared) {
    let mut out = request.into_writer();
    let mut generation = shared.snapshot().generation;
    let opening = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
         Connection: close\r\n\r\nretry: 500\ndata: {generation}\n\n"
    );
    if send(&mut out, &opening).is_err() {
        return;
    }
    loop {
        let next = shared.wait_past(generation, HEARTBEAT);
        let event = if next == generation {
            ": waiting for a change\n\n".to_string()
        } else {
            generation = next;
            format!("data: {next}\n\n")
        };
        if send(&mut out, &event).is_err() {
            return;
        }
    }
}

fn send(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}
