//! A process-wide gate on the file-system calls that add entries to a build's folders (making a
//! folder, a file, a link, a rename), so that `serve` can stop while a build runs and remove its
//! folder for good.
//!
//! Without it, stopping races the build: the folder is removed while a build thread is between
//! two writes, and the thread's next `create_dir_all` makes the folder again before the process
//! exits. [`close`] waits for the calls in progress, then blocks every later one, so nothing is
//! added once it returns. Each call passes through [`pass`] one at a time and never inside
//! another (a nested read of the lock can deadlock behind a waiting [`close`]).

use std::sync::{PoisonError, RwLock};

/// The gate of this process's builds.
static BUILDS: Gate = Gate(RwLock::new(()));

/// Runs `call`, one file-system call that adds an entry, unless the gate is closed; then it
/// waits for the process to end. Costs an uncontended lock, next to a system call.
pub fn pass<T>(call: impl FnOnce() -> T) -> T {
    BUILDS.pass(call)
}

/// Closes the gate for the rest of the process: returns once no call is in progress, and no
/// later call passes. For a process about to exit.
pub fn close() {
    BUILDS.close();
}

struct Gate(RwLock<()>);

impl Gate {
    fn pass<T>(&self, call: impl FnOnce() -> T) -> T {
        let _open = self.0.read().unwrap_or_else(PoisonError::into_inner);
        call()
    }

    fn close(&self) {
        std::mem::forget(self.0.write().unwrap_or_else(PoisonError::into_inner));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn close_waits_for_a_call_in_progress_and_blocks_later_ones() {
        // A gate of the test's own: closing the process's would stop every other test's writes.
        let gate: &'static Gate = Box::leak(Box::new(Gate(RwLock::new(()))));
        assert_eq!(gate.pass(|| 7), 7);
        let (inside, finished) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
        );
        let slow = {
            let (inside, finished) = (inside.clone(), finished.clone());
            std::thread::spawn(move || {
                gate.pass(|| {
                    inside.store(true, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(300));
                    finished.store(true, Ordering::SeqCst);
                })
            })
        };
        while !inside.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        gate.close();
        assert!(
            finished.load(Ordering::SeqCst),
            "close returned during a call"
        );
        slow.join().unwrap();
        let ran = Arc::new(AtomicBool::new(false));
        let later = {
            let ran = ran.clone();
            std::thread::spawn(move || gate.pass(|| ran.store(true, Ordering::SeqCst)))
        };
        std::thread::sleep(Duration::from_millis(200));
        assert!(!ran.load(Ordering::SeqCst), "a call passed a closed gate");
        assert!(!later.is_finished());
    }
}
