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

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

use crate::model::Section;

/// Where one body sits in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyRef {
    offset: u64,
    len: u64,
}

pub struct BodyStore {
    /// The file and its length so far. Encoding and decoding happen outside the lock; only the
    /// copy in or out of the file is serialized. Bodies are appended through a buffer: one
    /// write per megabyte instead of one per body, and the kernel fills whole pages instead of
    /// zeroing the rest of each page a small write starts.
    file: Mutex<(BufWriter<File>, u64)>,
}

/// How much of the store is buffered before it goes to the file.
const WRITE_BUFFER: usize = 1 << 20;

impl BodyStore {
    /// A new, empty store in `dir` (the output's parent folder, so it lands on the same disk as
    /// the site rather than in a size-limited temporary file system).
    pub fn new_in(dir: &Path) -> io::Result<BodyStore> {
        Ok(BodyStore {
            file: Mutex::new((
                BufWriter::with_capacity(WRITE_BUFFER, tempfile::tempfile_in(dir)?),
                0,
            )),
        })
    }

    /// Writes a body out and says where it went.
    pub fn put(&self, sections: &[Section]) -> io::Result<BodyRef> {
        let bytes = postcard::to_stdvec(sections).map_err(io::Error::other)?;
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (file, end) = &mut *guard;
        let at = BodyRef {
            offset: *end,
            len: bytes.len() as u64,
        };
        // The file's position is always its end here: `get` puts it back after reading.
        file.write_all(&bytes)?;
        *end += at.len;
        Ok(at)
    }

    /// Reads a body back.
    pub fn get(&self, at: BodyRef) -> io::Result<Vec<Section>> {
        let len = usize::try_from(at.len).map_err(io::Error::other)?;
        let mut bytes = vec![0; len];
        {
            let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
            let (writer, _) = &mut *guard;
            writer.flush()?;
            let file = writer.get_mut();
            file.seek(SeekFrom::Start(at.offset))?;
            file.read_exact(&mut bytes)?;
            file.seek(SeekFrom::End(0))?;
        }
        postcard::from_bytes(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
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
                    kind: BlockKind::Quote,
                    text: t.to_string(),
                    html: format!("<blockquote><p>{t}</p></blockquote>"),
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
