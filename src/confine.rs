//! The site folder as a boundary. Every file a build reads (seeds, sidecars, templates, static
//! files) must really lie inside the folder holding `site.toml`, or inside a folder that
//! `allow_paths` names: a symbolic link that leads anywhere else is refused with a warning, so a
//! link committed to a repository (`seeds/passwd.txt -> /etc/passwd`) cannot publish the files of
//! the machine that builds it. Links that stay inside the site are followed.
//!
//! The check is made on the file as opened, not on its name before opening: the file is opened
//! first, and then the path it really has is looked up and compared with the boundary (and, where
//! the real path is found by name, the two are checked to be one file). A link swapped in between
//! a check and the read therefore cannot slip a file from outside through.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diagnostics::{display_path, Diagnostic};

/// Why a path was not read.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("a link to {what} outside the site folder ({target}); not read")]
    Outside { what: &'static str, target: String },
    #[error("a link to {target}, which does not exist; not read")]
    Dangling { target: String },
    #[error("a symbolic link loops back to a folder above it; not followed")]
    Loop,
    #[error("not a regular file; not read")]
    NotAFile,
    #[error("changed while it was read (it now leads outside the site folder); not read")]
    Changed,
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
}

impl Refusal {
    /// Whether the file simply is not there (a sidecar or template nobody wrote).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Refusal::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// What a walk of a folder met, in its (sorted) order.
#[derive(Debug)]
pub enum Walked {
    /// A regular file inside the boundary (reached directly or through links that stay inside).
    File(PathBuf),
    /// A path that was not followed, and why.
    Refused(PathBuf, Refusal),
}

/// The folders a site may read from, each as its real (canonical) path.
#[derive(Debug, Clone)]
pub struct Boundary {
    roots: Vec<PathBuf>,
}

impl Boundary {
    /// The site folder and the folders `allow_paths` adds. Each must exist.
    pub fn new(site_root: &Path, allowed: &[PathBuf]) -> io::Result<Boundary> {
        let mut roots = vec![std::fs::canonicalize(site_root)?];
        for path in allowed {
            roots.push(std::fs::canonicalize(path)?);
        }
        Ok(Boundary { roots })
    }

    /// This boundary with one more folder inside it.
    pub fn with(&self, folder: &Path) -> io::Result<Boundary> {
        let mut roots = self.roots.clone();
        roots.push(std::fs::canonicalize(folder)?);
        Ok(Boundary { roots })
    }

    /// Whether a real (canonical) path lies inside one of the folders.
    pub fn contains(&self, real: &Path) -> bool {
        self.roots.iter().any(|root| real.starts_with(root))
    }

    /// Where `path` really leads, and whether that is inside. `Err` when it leads nowhere.
    fn resolve(&self, path: &Path) -> Result<(PathBuf, bool), Refusal> {
        match std::fs::canonicalize(path) {
            Ok(real) => {
                let inside = self.contains(&real);
                Ok((real, inside))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Refusal::Dangling {
                target: std::fs::read_link(path)
                    .map_or_else(|_| path.display().to_string(), |t| t.display().to_string()),
            }),
            Err(e) => Err(Refusal::Io(e)),
        }
    }

    /// Opens a regular file for reading, if it really lies inside the boundary.
    pub fn open(&self, path: &Path) -> Result<File, Refusal> {
        let file = open_without_blocking(path)?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(Refusal::NotAFile);
        }
        let real = match real_path_of_open_file(&file) {
            Some(real) => real,
            None => {
                let (real, _) = self.resolve(path).map_err(|_| Refusal::Changed)?;
                if !same_file(&metadata, &std::fs::metadata(&real)?) {
                    return Err(Refusal::Changed);
                }
                real
            }
        };
        if !self.contains(&real) {
            return Err(Refusal::Outside {
                what: "a file",
                target: real.display().to_string(),
            });
        }
        Ok(file)
    }

    /// Reads a whole file that really lies inside the boundary.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, Refusal> {
        let mut file = self.open(path)?;
        let mut bytes = Vec::with_capacity(file.metadata().map_or(0, |m| m.len() as usize));
        file.read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// Walks `dir` in sorted order, skipping hidden files and folders, following links that
    /// stay inside the boundary and refusing the others. `dir` itself is taken as given (the
    /// configuration checks the folders it names).
    ///
    /// Written on `std::fs::read_dir` rather than walkdir: walkdir's sort by file name takes
    /// each entry's name apart from its path at every comparison, which was most of the walk of
    /// a 100,000-seed archive. Here a folder's names are sorted as read, and only links and
    /// folders are `stat`ed (a link for what it leads to, a folder to notice a link looping back).
    pub fn walk(&self, dir: &Path) -> Vec<Walked> {
        let mut met = Vec::new();
        let mut above = Vec::new();
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => self.walk_folder(dir, folder_id(dir, &m), &mut above, &mut met),
            Ok(m) if m.is_file() => met.push(Walked::File(dir.to_path_buf())),
            Ok(_) => {}
            Err(e) => met.push(Walked::Refused(dir.to_path_buf(), Refusal::Io(e))),
        }
        met
    }

    /// Walks one folder, whose identity is `id`, below the folders `above` (by identity).
    fn walk_folder(
        &self,
        dir: &Path,
        id: FolderId,
        above: &mut Vec<FolderId>,
        met: &mut Vec<Walked>,
    ) {
        let listed = std::fs::read_dir(dir).and_then(|entries| {
            entries
                .map(|e| e.and_then(|e| Ok((e.file_name(), e.file_type()?))))
                .collect::<io::Result<Vec<_>>>()
        });
        let mut entries = match listed {
            Ok(entries) => entries,
            Err(e) => return met.push(Walked::Refused(dir.to_path_buf(), Refusal::Io(e))),
        };
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        above.push(id);
        for (name, kind) in entries {
            if is_hidden(&name) {
                continue;
            }
            let path = dir.join(&name);
            if kind.is_file() {
                met.push(Walked::File(path));
            } else if kind.is_dir() || kind.is_symlink() {
                self.walk_entry(path, kind.is_symlink(), above, met);
            }
        }
        above.pop();
    }

    /// A folder, or a link to be followed if it stays inside.
    fn walk_entry(
        &self,
        path: PathBuf,
        is_link: bool,
        above: &mut Vec<FolderId>,
        met: &mut Vec<Walked>,
    ) {
        let metadata = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let refusal = match self.resolve(&path) {
                    Err(refusal) => refusal,
                    Ok(_) => Refusal::Io(e),
                };
                return met.push(Walked::Refused(path, refusal));
            }
        };
        if is_link {
            match self.resolve(&path) {
                Ok((_, true)) => {}
                Ok((real, false)) => {
                    let what = if metadata.is_dir() {
                        "a folder"
                    } else {
                        "a file"
                    };
                    let target = real.display().to_string();
                    return met.push(Walked::Refused(path, Refusal::Outside { what, target }));
                }
                Err(refusal) => return met.push(Walked::Refused(path, refusal)),
            }
        }
        if metadata.is_file() {
            met.push(Walked::File(path));
        } else if metadata.is_dir() {
            let id = folder_id(&path, &metadata);
            if above.contains(&id) {
                met.push(Walked::Refused(path, Refusal::Loop));
            } else {
                self.walk_folder(&path, id, above, met);
            }
        }
    }
}

/// A folder's identity, to notice a link leading back to a folder above it: its device and
/// inode, or where file systems give no inode, its real path.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(_path: &Path, metadata: &std::fs::Metadata) -> FolderId {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn folder_id(path: &Path, _metadata: &std::fs::Metadata) -> FolderId {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A file read from one of a site's folders (templates, static files).
pub struct FolderFile {
    /// Its name under the folder, `/`-separated (`css/site.css`).
    pub name: String,
    /// The file as messages name it.
    pub shown: String,
    pub bytes: Vec<u8>,
}

/// A file of a site's folder that could not be read.
#[derive(Debug)]
pub struct Unreadable {
    pub shown: String,
    pub source: io::Error,
}

impl Boundary {
    /// Reads every file under `dir` that really lies inside the boundary, in sorted order. Links
    /// that are refused come back as warnings naming them; a file that cannot be read stops it.
    pub fn read_folder(
        &self,
        dir: &Path,
        display_root: &Path,
    ) -> Result<(Vec<FolderFile>, Vec<Diagnostic>), Unreadable> {
        let mut files = Vec::new();
        let mut refused = Vec::new();
        for walked in self.walk(dir) {
            let path = match walked {
                Walked::File(path) => path,
                Walked::Refused(path, refusal) => {
                    refused.push(Diagnostic::warning(
                        display_path(&path, display_root),
                        refusal.to_string(),
                    ));
                    continue;
                }
            };
            let shown = display_path(&path, display_root);
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/");
            match self.read(&path) {
                Ok(bytes) => files.push(FolderFile { name, shown, bytes }),
                Err(Refusal::Io(source)) => return Err(Unreadable { shown, source }),
                Err(refusal) => refused.push(Diagnostic::warning(shown, refusal.to_string())),
            }
        }
        Ok((files, refused))
    }
}

/// Hidden files and folders (`.git`, `.DS_Store`) are never part of a site.
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// Opens for reading without waiting: a link to a FIFO or a device would otherwise block the
/// build at `open` before the file could be looked at.
fn open_without_blocking(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The real path of an open file, from the kernel, where the platform tells it in one call.
#[cfg(target_os = "linux")]
fn real_path_of_open_file(file: &File) -> Option<PathBuf> {
    use std::os::fd::AsRawFd;
    let real = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()?;
    // A file deleted since it was opened reads as "PATH (deleted)"; fall back to the name.
    (real.is_absolute() && !real.to_string_lossy().ends_with(" (deleted)")).then_some(real)
}

#[cfg(not(target_os = "linux"))]
fn real_path_of_open_file(_file: &File) -> Option<PathBuf> {
    None
}

/// Whether two metadata describe the same file (the one opened and the one its real path names).
#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    struct Layout {
        _tmp: tempfile::TempDir,
        site: PathBuf,
        outside: PathBuf,
    }

    fn layout() -> Layout {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(site.join("seeds")).unwrap();
        std::fs::create_dir_all(site.join("other")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("key.txt"), "SECRET").unwrap();
        std::fs::write(site.join("other/story.txt"), "inside").unwrap();
        Layout {
            site: std::fs::canonicalize(&site).unwrap(),
            outside: std::fs::canonicalize(&outside).unwrap(),
            _tmp: tmp,
        }
    }

    #[test]
    fn links_inside_are_read_and_links_outside_refused() {
        let l = layout();
        let seeds = l.site.join("seeds");
        symlink(l.outside.join("key.txt"), seeds.join("key.txt")).unwrap();
        symlink(l.site.join("other/story.txt"), seeds.join("story.txt")).unwrap();
        symlink(&l.outside, seeds.join("linked")).unwrap();
        symlink(l.site.join("nowhere.txt"), seeds.join("dangling.txt")).unwrap();
        let boundary = Boundary::new(&l.site, &[]).unwrap();
        assert_eq!(boundary.read(&seeds.join("story.txt")).unwrap(), b"inside");
        assert!(matches!(
            boundary.read(&seeds.join("key.txt")),
            Err(Refusal::Outside { .. })
        ));
        let walked = boundary.walk(&seeds);
        let files: Vec<&Path> = walked
            .iter()
            .filter_map(|w| match w {
                Walked::File(p) => Some(p.as_path()),
                _ => None,
            })
            .collect();
        assert_eq!(files, [seeds.join("story.txt")]);
        let refused: Vec<String> = walked
            .iter()
            .filter_map(|w| match w {
                Walked::Refused(p, r) => Some(format!("{}: {r}", p.display())),
                _ => None,
            })
            .collect();
        assert_eq!(refused.len(), 3, "{refused:?}");
        assert!(refused[0].contains("dangling.txt") && refused[0].contains("does not exist"));
        assert!(refused[1].contains("key.txt") && refused[1].contains("a file outside"));
        assert!(refused[2].contains("linked") && refused[2].contains("a folder outside"));
    }

    #[test]
    fn a_walk_is_sorted_by_name_skips_hidden_files_and_refuses_a_loop() {
        let l = layout();
        let seeds = l.site.join("seeds");
        for name in [
            "b.txt",
            "a-c/x.txt",
            "a/z.txt",
            ".hidden/y.txt",
            ".draft.txt",
        ] {
            let path = seeds.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        symlink(l.site.join("other"), seeds.join("c")).unwrap();
        symlink(&seeds, seeds.join("a/up")).unwrap();
        let boundary = Boundary::new(&l.site, &[]).unwrap();
        let met: Vec<String> = boundary
            .walk(&seeds)
            .iter()
            .map(|w| match w {
                Walked::File(p) => p.strip_prefix(&seeds).unwrap().display().to_string(),
                Walked::Refused(p, r) => {
                    format!("{}: {r}", p.strip_prefix(&seeds).unwrap().display())
                }
            })
            .collect();
        assert_eq!(
            met,
            [
                "a/up: a symbolic link loops back to a folder above it; not followed",
                "a/z.txt",
                "a-c/x.txt",
                "b.txt",
                "c/story.txt"
            ]
        );
    }

    #[test]
    fn a_file_swapped_for_a_link_after_the_walk_is_refused_when_read() {
        let l = layout();
        let seed = l.site.join("seeds/story.txt");
        std::fs::write(&seed, "inside").unwrap();
        let boundary = Boundary::new(&l.site, &[]).unwrap();
        assert!(
            matches!(&boundary.walk(&l.site.join("seeds"))[..], [Walked::File(p)] if *p == seed)
        );
        std::fs::remove_file(&seed).unwrap();
        symlink(l.outside.join("key.txt"), &seed).unwrap();
        assert!(matches!(boundary.read(&seed), Err(Refusal::Outside { .. })));
    }

    #[test]
    fn allowed_folders_extend_the_boundary() {
        let l = layout();
        let link = l.site.join("seeds/key.txt");
        symlink(l.outside.join("key.txt"), &link).unwrap();
        let boundary = Boundary::new(&l.site, std::slice::from_ref(&l.outside)).unwrap();
        assert_eq!(boundary.read(&link).unwrap(), b"SECRET");
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let l = layout();
        let fifo = l.site.join("seeds/pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            // mkfifo is part of coreutils on every Unix this builds on; say so if not.
            panic!("mkfifo is needed for this test");
        }
        let boundary = Boundary::new(&l.site, &[]).unwrap();
        assert!(matches!(boundary.read(&fifo), Err(Refusal::NotAFile)));
    }
}
