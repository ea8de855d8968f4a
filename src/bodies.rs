//! Article bodies, kept in a temporary file between extraction and rendering.
//!
//! The site stage needs every article at once (to order, group and link them), but only the
//! article's own page and full-text feeds need its body, and the body is most of an article's
//! size. Holding all bodies in memory made a build's memory grow with the archive (2.5 GB at
//! 100,000 articles); here each body is written out as soon as it is extracted and read back
//! when its page is rendered, so memory holds only what listings and feeds need.
//!
//! The file is anonymous where the platform allows: it disappears when the build ends, however
//! the build ends. Read-backs come from the page cache on any machine with memory to spare.

use crate::write_gate::pass as gate;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::{Condvar, Mutex};

use crate::fingerprint::Fingerprint;
use crate::model::Section;

/// Where one body sits in the store, and the fingerprint of what it holds (which an
/// incremental build compares instead of reading the body back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BodyRef {
    offset: u64,
    len: u64,
    pub fingerprint: Fingerprint,
}

impl BodyRef {
    /// Where the body's bytes end in the store.
    pub fn end(&self) -> u64 {
        self.offset + self.len
    }

    /// How many bytes of the store the body takes.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Bodies not yet in the file, and the writes under way.
struct Pending {
    /// Bodies appended since the last write, in order.
    buffer: Vec<u8>,
    /// The offset in the file the buffer's first byte goes to.
    buffer_start: u64,
    /// Buffers taken out of the lock and being written.
    writing: usize,
    /// Buffers written and emptied, to fill again rather than allocate afresh.
    spare: Vec<Vec<u8>>,
}

/// Bodies are appended to a buffer under a lock, and the buffer goes to the file in writes of a
/// megabyte made *outside* the lock, at the offsets the buffer was given: one write per megabyte
/// instead of one per body (the kernel fills whole pages instead of zeroing the rest of each
/// page a small write starts), and a thread whose put fills the buffer never holds up the
/// others while its megabyte is copied into the page cache. Reads, too, go to the file at an
/// offset without the lock, so render threads read bodies side by side.
pub struct BodyStore {
    file: File,
    pending: Mutex<Pending>,
    /// Signalled when a write finishes, for a read that waits on one.
    written: Condvar,
}

/// How much of the store is buffered before it goes to the file.
const WRITE_BUFFER: usize = 1 << 20;

impl BodyStore {
    /// A new, empty store in `dir` (the output's parent folder, so it lands on the same disk as
    /// the site rather than in a size-limited temporary file system).
    pub fn new_in(dir: &Path) -> io::Result<BodyStore> {
        Ok(BodyStore::over(gate(|| tempfile::tempfile_in(dir))?, 0))
    }

    /// A store kept in the file at `path` (the build cache's), whose first `keep` bytes hold
    /// bodies an earlier build put there; anything after them is cut off (what a build that
    /// was stopped left), and new bodies go after them. `keep` 0 starts the file afresh.
    pub fn open(path: &Path, keep: u64) -> io::Result<BodyStore> {
        let file = gate(|| {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
        })?;
        if file.metadata()?.len() < keep {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{} is shorter than the cache says", path.display()),
            ));
        }
        file.set_len(keep)?;
        Ok(BodyStore::over(file, keep))
    }

    fn over(file: File, start: u64) -> BodyStore {
        BodyStore {
            file,
            pending: Mutex::new(Pending {
                buffer: Vec::with_capacity(WRITE_BUFFER),
                buffer_start: start,
                writing: 0,
                spare: Vec::new(),
            }),
            written: Condvar::new(),
        }
    }

    /// Writes out what is still buffered and says how long the store now is.
    pub fn finish(&self) -> io::Result<u64> {
        let mut pending = self.lock();
        while pending.writing > 0 {
            pending = self
                .written
                .wait(pending)
                .unwrap_or_else(|e| e.into_inner());
        }
        let start = pending.buffer_start;
        write_all_at(&self.file, &pending.buffer, start)?;
        pending.buffer_start += pending.buffer.len() as u64;
        pending.buffer.clear();
        Ok(pending.buffer_start)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes a body out and says where it went.
    pub fn put(&self, sections: &[Section]) -> io::Result<BodyRef> {
        let bytes = postcard::to_stdvec(sections).map_err(io::Error::other)?;
        let (at, start, mut full) = {
            let mut pending = self.lock();
            let at = BodyRef {
                offset: pending.buffer_start + pending.buffer.len() as u64,
                len: bytes.len() as u64,
                fingerprint: Fingerprint::of_bytes(&bytes),
            };
            pending.buffer.extend_from_slice(&bytes);
            if pending.buffer.len() < WRITE_BUFFER {
                return Ok(at);
            }
            let empty = pending
                .spare
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(WRITE_BUFFER));
            let full = std::mem::replace(&mut pending.buffer, empty);
            let start = pending.buffer_start;
            pending.buffer_start += full.len() as u64;
            pending.writing += 1;
            (at, start, full)
        };
        let result = write_all_at(&self.file, &full, start);
        full.clear();
        {
            let mut pending = self.lock();
            pending.writing -= 1;
            pending.spare.push(full);
        }
        self.written.notify_all();
        result.map(|()| at)
    }

    /// Reads a body back.
    pub fn get(&self, at: BodyRef) -> io::Result<Vec<Section>> {
        let len = usize::try_from(at.len).map_err(io::Error::other)?;
        let mut bytes = vec![0; len];
        {
            let mut pending = self.lock();
            if at.offset >= pending.buffer_start {
                // Still in the buffer.
                let from =
                    usize::try_from(at.offset - pending.buffer_start).map_err(io::Error::other)?;
                let stored = pending.buffer.get(from..from + len).ok_or_else(|| {
                    io::Error::new(io::ErrorKind::InvalidData, "no body at this place")
                })?;
                bytes.copy_from_slice(stored);
                drop(pending);
                return decode(&bytes);
            }
            // A body before the buffer may sit in a write still under way. A build reads only
            // after every put has returned, so this wait is for other uses of the store.
            while pending.writing > 0 {
                pending = self
                    .written
                    .wait(pending)
                    .unwrap_or_else(|e| e.into_inner());
            }
        }
        read_exact_at(&self.file, &mut bytes, at.offset)?;
        decode(&bytes)
    }
}

fn decode(bytes: &[u8]) -> io::Result<Vec<Section>> {
    postcard::from_bytes(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_exact_at(file: &File, bytes: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_all_at(file: &File, mut bytes: &[u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_write(bytes, offset)? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => {
                bytes = &bytes[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut bytes: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_read(bytes, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                bytes = &mut bytes[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind};

    fn section(heading: Option<&str>, texts: &[&str]) -> Section {
        Section {
            heading: heading.map(str::to_string),
            anchor: heading.map(|h| h.to_lowercase()),
            blocks: texts
                .iter()
                .map(|t| Block {
                    spans: vec![crate::model::Span {
                        emphasis: true,
                        ..crate::model::Span::plain(*t)
                    }],
                    ..Block::plain(BlockKind::Quote, t.to_string())
                })
                .collect(),
        }
    }

    #[test]
    fn bodies_come_back_as_they_went_in() {
        let dir = tempfile::tempdir().unwrap();
        let store = BodyStore::new_in(dir.path()).unwrap();
        let first = vec![section(None, &["Lede — “quoted”.", "Second."])];
        let second = vec![
            section(Some("Background"), &["日本語の本文"]),
            section(None, &[]),
        ];
        let empty: Vec<Section> = Vec::new();
        let a = store.put(&first).unwrap();
        let b = store.put(&second).unwrap();
        let c = store.put(&empty).unwrap();
        assert_eq!(store.get(b).unwrap(), second);
        assert_eq!(store.get(a).unwrap(), first);
        assert_eq!(store.get(c).unwrap(), empty);
        // The store leaves nothing behind in its folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn puts_after_gets_still_append() {
        let dir = tempfile::tempdir().unwrap();
        let store = BodyStore::new_in(dir.path()).unwrap();
        let long = "x".repeat(WRITE_BUFFER + 10);
        let bodies: Vec<Vec<Section>> = vec![
            vec![section(None, &["first"])],
            vec![section(None, &[&long])],
            vec![section(Some("Third"), &["third"])],
        ];
        let a = store.put(&bodies[0]).unwrap();
        assert_eq!(store.get(a).unwrap(), bodies[0]);
        let b = store.put(&bodies[1]).unwrap();
        let c = store.put(&bodies[2]).unwrap();
        assert_eq!(store.get(a).unwrap(), bodies[0]);
        assert_eq!(store.get(c).unwrap(), bodies[2]);
        assert_eq!(store.get(b).unwrap(), bodies[1]);
    }

    #[test]
    fn a_body_reads_back_while_other_threads_write_theirs() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let store = BodyStore::new_in(dir.path()).unwrap();
        // Bodies of a third of the buffer, so that writes of full buffers run all the time and
        // a body is often read back while the buffer holding it is being written.
        let bodies: Vec<Vec<Section>> = (0..600)
            .map(|i| {
                let text = format!("{i:04}").repeat(WRITE_BUFFER / 12);
                vec![section(None, &[&text])]
            })
            .collect();
        bodies.par_iter().for_each(|body| {
            let at = store.put(body).unwrap();
            assert_eq!(&store.get(at).unwrap(), body);
        });
    }

    #[test]
    fn many_threads_share_one_store() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let store = BodyStore::new_in(dir.path()).unwrap();
        let bodies: Vec<Vec<Section>> = (0..500)
            .map(|i| vec![section(None, &[&format!("paragraph {i}")])])
            .collect();
        let refs: Vec<BodyRef> = bodies.par_iter().map(|b| store.put(b).unwrap()).collect();
        refs.par_iter().zip(&bodies).for_each(|(r, b)| {
            assert_eq!(&store.get(*r).unwrap(), b);
        });
    }
}
