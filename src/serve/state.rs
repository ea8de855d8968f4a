//! What the server shows, shared between the builder, the request threads and the event streams:
//! the folder of the last good build and the outcome of the last build.

use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// A good build being served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The folder it was written to.
    pub dir: PathBuf,
    /// The path of the site's base URL, `/` or `/news/`: what the site is served under.
    pub base_path: String,
}

/// What one request or event sees.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Counts finished builds, good or failed: a page knows it is stale when this moves on.
    pub generation: u64,
    /// The last good build, if there has been one.
    pub served: Option<Served>,
    /// Why the last build failed, until a build succeeds.
    pub error: Option<String>,
}

/// The shared state: a snapshot, and a signal for event streams waiting for the next build.
#[derive(Debug, Default)]
pub struct Shared {
    status: Mutex<Snapshot>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        // A request thread that panicked holds nothing half-changed: every update is one
        // assignment, so a poisoned lock's value is still whole.
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn snapshot(&self) -> Snapshot {
        self.lock().clone()
    }

    /// Records a good build: its folder is served from now on and any error is cleared.
    pub fn succeeded(&self, served: Served) {
        let mut status = self.lock();
        status.generation += 1;
        status.served = Some(served);
        status.error = None;
        self.changed.notify_all();
    }

    /// Serves another folder with the same pages (the search index brought up to date), with no
    /// reload of the pages open.
    pub fn replaced(&self, served: Served) {
        self.lock().served = Some(served);
    }

    /// Records a failed build: the previous good build stays served, with `error` over it.
    pub fn failed(&self, error: String) {
        let mut status = self.lock();
        status.generation += 1;
        status.error = Some(error);
        self.changed.notify_all();
    }

    /// Waits until a build after `generation` has finished, or `timeout` has passed; returns
    /// the generation then current.
    pub fn wait_past(&self, generation: u64, timeout: Duration) -> u64 {
        let status = self.lock();
        let (status, _) = self
            .changed
            .wait_timeout_while(status, timeout, |s| s.generation == generation)
            .unwrap_or_else(|e| e.into_inner());
        status.generation
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_failed_build_keeps_the_good_one_served() {
        let shared = Shared::default();
        let good = Served {
            dir: PathBuf::from("a"),
            base_path: "/".into(),
        };
        shared.succeeded(good.clone());
        shared.failed("error: seeds/x.md:2: bad".into());
        let now = shared.snapshot();
        assert_eq!(now.generation, 2);
        assert_eq!(now.served, Some(good));
        assert_eq!(now.error.as_deref(), Some("error: seeds/x.md:2: bad"));
        shared.succeeded(Served {
            dir: PathBuf::from("b"),
            base_path: "/".into(),
        });
        assert_eq!(shared.snapshot().error, None);
    }

    #[test]
    fn a_waiting_stream_wakes_when_a_build_finishes() {
        let shared = Arc::new(Shared::default());
        let waiter = {
            let shared = shared.clone();
            std::thread::spawn(move || shared.wait_past(0, Duration::from_secs(30)))
        };
        shared.failed("x".into());
        assert_eq!(waiter.join().unwrap(), 1);
        assert_eq!(shared.wait_past(1, Duration::from_millis(10)), 1);
    }
}
