//! `broadsheet serve`: builds the site into a folder of its own, serves it over HTTP, rebuilds
//! when a source changes and reloads the pages open in a browser.
//!
//! - `rebuild.rs`: the plan for a served build, the build, and whether its outcome is shown;
//! - `state.rs`: the build being served and the last outcome, shared by every thread;
//! - `watch.rs`: watching `site.toml`, `seeds/`, `templates/` and `static/`;
//! - `http.rs`, `paths.rs`, `files.rs`: answering requests, only ever inside the served folder;
//! - `inject.rs`, `events.rs`: the reload script and error overlay, and the stream they listen to.
//!
//! Nothing here changes what a build writes: the script and the overlay are added to pages as
//! they are sent, so the files on disk are what `broadsheet build` makes.

mod events;
mod files;
mod http;
mod inject;
mod paths;
mod rebuild;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;

pub use rebuild::rebuild;
use rebuild::{Builder, Outcome, Settings};
use state::Shared;

/// What the command line asks of `serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub config: Option<PathBuf>,
    pub bind: IpAddr,
    /// 0 for any free port.
    pub port: u16,
    /// Open the front page in the default browser once built.
    pub open: bool,
    /// Warnings keep a build from being shown, as errors do.
    pub strict: bool,
}

/// Runs the server until Ctrl-C (or SIGTERM); returns the exit code.
pub fn run(options: &ServeOptions) -> i32 {
    let config_path = options
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from("site.toml"));
    // Builds go into the system's temporary folder (`TMPDIR`): never the user's `public/`, and
    // removed when the server stops.
    let work = match tempfile::Builder::new()
        .prefix("broadsheet-serve-")
        .tempdir()
    {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot make a folder to build into: {e}");
            return 1;
        }
    };
    let asked = SocketAddr::new(options.bind, options.port);
    let server = match tiny_http::Server::http(asked) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on {asked}: {e}");
            return 1;
        }
    };
    let addr = server.server_addr().to_ip().unwrap_or(asked);
    let settings = Settings {
        config: options.config.clone(),
        addr,
        strict: options.strict,
    };
    // A site.toml that cannot be read at the start is the command's error, as for `build`;
    // once serving, a broken one is shown over the last good pages until it is fixed.
    let first_plan = match settings.plan(&work.path().join("site-a")) {
        Ok((plan, _)) => plan,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if let Err(e) = stop_on_signal(work.path().to_path_buf()) {
        eprintln!("error: cannot handle Ctrl-C: {e}");
        return 1;
    }
    let (changed, changes) = mpsc::channel();
    let mut watch = match watch::Watch::start(changed) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    // Watching starts before the first build, so an edit made while it runs is not missed.
    watch.cover(&first_plan, &config_path);

    let shared = Arc::new(Shared::default());
    let mut builder = Builder::new(settings, work.path());
    record(builder.build(false), &shared, &mut watch, &config_path);
    println!(
        "serving {} (built in {}); Ctrl-C stops",
        first_plan.urls.base(),
        work.path().display()
    );
    {
        let shared = shared.clone();
        std::thread::spawn(move || {
            // The other folder is built too before any change, so that the first change is an
            // incremental build like the later ones rather than a full one.
            if let Outcome::Good(served, _, _) = builder.build(false) {
                shared.replaced(served);
            }
            // Changes that arrive during a build are taken together by the next one. A change
            // is shown as soon as its pages are built; the search index follows in a second
            // build, unless another change comes first and is shown before it.
            while changes.recv().is_ok() {
                while changes.try_recv().is_ok() {}
                println!("change seen; rebuilding");
                let mut index_to_follow =
                    record(builder.build(true), &shared, &mut watch, &config_path);
                while index_to_follow {
                    match changes.try_recv() {
                        Ok(()) => {
                            while changes.try_recv().is_ok() {}
                            println!("change seen; rebuilding");
                            index_to_follow =
                                record(builder.build(true), &shared, &mut watch, &config_path);
                        }
                        Err(mpsc::TryRecvError::Empty) => {
                            index_to_follow = match builder.build(false) {
                                Outcome::Good(served, _, follow) => {
                                    shared.replaced(served);
                                    follow
                                }
                                failed => record(failed, &shared, &mut watch, &config_path),
                            };
                        }
                        Err(mpsc::TryRecvError::Disconnected) => return,
                    }
                }
            }
        });
    }
    if options.open {
        open_browser(first_plan.urls.base());
    }
    http::serve(&server, &shared);
    0
}

/// Makes a build's outcome what is served, and watches the folders its plan reads. Returns
/// whether the served build's search index is still to be brought up to date.
fn record(outcome: Outcome, shared: &Shared, watch: &mut watch::Watch, config: &Path) -> bool {
    match outcome {
        Outcome::Good(served, plan, index_to_follow) => {
            watch.cover(&plan, config);
            shared.succeeded(served);
            index_to_follow
        }
        Outcome::Failed(message, plan) => {
            if let Some(plan) = plan {
                watch.cover(&plan, config);
            }
            shared.failed(message);
            false
        }
    }
}

/// On Ctrl-C, SIGTERM or SIGHUP: removes the build folder and exits. The handler exits the
/// process itself, because a build in progress (a minute, at 100,000 articles) cannot be
/// interrupted and the user should not wait for it; its writes wait at the closed
/// [`crate::write_gate`] until the process ends.
fn stop_on_signal(work: PathBuf) -> Result<(), ctrlc::Error> {
    ctrlc::set_handler(move || {
        println!("stopping");
        // No build adds to the folder once the gate is closed, so it is removed for good.
        crate::write_gate::close();
        if let Err(e) = std::fs::remove_dir_all(&work) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!("note: cannot remove {}: {e}", work.display());
            }
        }
        std::process::exit(0);
    })
}

/// Opens `url` in the default browser. A command per platform rather than a crate: it is one
/// process to start, and a failure to start it only means the user opens the page.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    match command.arg(url).spawn() {
        // Waited for on a thread of its own, so it does not linger as a zombie.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("note: cannot open a browser ({e}); open {url}"),
    }
}
