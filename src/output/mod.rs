//! Writing the site: every file goes into a fresh staging folder beside the target, and the
//! staging folder replaces the target only once the whole build has succeeded. A failed or
//! killed build leaves the previous site as it was, and nothing outside the output folder is
//! ever written or deleted.

use crate::write_gate::pass as gate;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

mod patch;
pub use patch::finish_interrupted;

/// The file that marks a folder as broadsheet's output, so that an existing folder which is not
/// (somebody's documents, say) is never replaced.
pub const MARKER: &str = ".broadsheet-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site to {target}: {reason}")]
    Refused { target: String, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("refusing to write {0:?}: the path leaves the output folder")]
    UnsafePath(String),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// An absolute, normalised form of a path that may not exist yet.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir()?
    };
    let mut out = PathBuf::new();
    for component in base.join(path).components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symbolic links in the part that exists, so two spellings of one folder compare equal.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Checks that `target` may be replaced by a build: it is not the project root, a source
/// folder (seeds, templates, static), inside one or a parent of one, not the file-system root or
/// home, and if it exists it is either empty or a previous broadsheet output.
pub fn check_target(
    target: &Path,
    project_root: &Path,
    sources: &[&Path],
) -> Result<PathBuf, OutputError> {
    let refuse = |reason: String| OutputError::Refused {
        target: target.display().to_string(),
        reason,
    };
    let abs = absolute(target).map_err(io_error(target))?;
    if abs.parent().is_none() {
        return Err(refuse("it is the root of the file system".into()));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if absolute(&home).is_ok_and(|h| h == abs) {
            return Err(refuse("it is your home folder".into()));
        }
    }
    let root = absolute(project_root).map_err(io_error(project_root))?;
    if root.starts_with(&abs) {
        return Err(refuse(
            "it is the project folder or holds it; use a folder of its own, such as public/".into(),
        ));
    }
    for source in sources {
        let source_abs = absolute(source).map_err(io_error(source))?;
        if source_abs.starts_with(&abs) || abs.starts_with(&source_abs) {
            return Err(refuse(format!(
                "it overlaps {}, which holds the site's sources",
                source.display()
            )));
        }
    }
    if abs.exists() {
        if !abs.is_dir() {
            return Err(refuse("it is a file, not a folder".into()));
        }
        let empty = fs::read_dir(&abs).map_err(io_error(&abs))?.next().is_none();
        if !empty && !abs.join(MARKER).exists() {
            return Err(refuse(format!(
                "it already holds files that broadsheet did not write; empty it or choose another folder (broadsheet marks its own output with {MARKER})"
            )));
        }
    }
    Ok(abs)
}

/// A build's output in progress.
pub struct Staging {
    target: PathBuf,
    dir: tempfile::TempDir,
    /// Folders already made inside the staging folder (relative paths). A site is tens of
    /// thousands of files in as many folders; knowing which exist saves `create_dir_all`'s
    /// probing (a failed `mkdir` and a `stat`) on every file.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    /// Creates the staging folder beside `target` (already checked with [`check_target`]).
    pub fn begin(target: &Path) -> Result<Staging, OutputError> {
        let parent = target.parent().unwrap_or(Path::new("."));
        gate(|| fs::create_dir_all(parent)).map_err(io_error(parent))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        remove_stale_staging(parent, &name);
        let dir = gate(|| {
            tempfile::Builder::new()
                .prefix(&format!(".{name}.staging-"))
                .tempdir_in(parent)
        })
        .map_err(io_error(parent))?;
        gate(|| {
            fs::write(
                dir.path().join(MARKER),
                "This folder is written by broadsheet build.\n",
            )
        })
        .map_err(io_error(dir.path()))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            made: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The folder the staging folder sits in (beside the target), for other scratch files of
    /// the build.
    pub fn scratch_dir(&self) -> &Path {
        self.dir.path().parent().unwrap_or(Path::new("."))
    }

    /// Writes `contents` to `relative` inside the staging folder.
    /// Puts the file at `from` into the site at `relative`: a hard link where the file system
    /// allows (a cached picture costs no second copy), else a copy.
    pub fn link(&self, relative: &str, from: &Path) -> Result<(), OutputError> {
        let path = self.resolve(relative)?;
        if let Some(folder) = Path::new(relative).parent() {
            self.make_folder(folder)?;
        }
        if gate(|| fs::hard_link(from, &path)).is_ok() {
            return Ok(());
        }
        gate(|| fs::copy(from, &path))
            .map(drop)
            .map_err(io_error(&path))
    }

    pub fn write(&self, relative: &str, contents: &[u8]) -> Result<(), OutputError> {
        let path = self.resolve(relative)?;
        if let Some(folder) = Path::new(relative).parent() {
            self.make_folder(folder)?;
        }
        gate(|| fs::write(&path, contents)).map_err(io_error(&path))
    }

    /// Makes `folder` (relative, already checked by `resolve`) and any missing parents, one
    /// `mkdir` each, remembering what exists.
    fn make_folder(&self, folder: &Path) -> Result<(), OutputError> {
        let made = |f: &Path| {
            self.made
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(f)
        };
        if folder.as_os_str().is_empty() || made(folder) {
            return Ok(());
        }
        if let Some(parent) = folder.parent() {
            self.make_folder(parent)?;
        }
        let path = self.dir.path().join(folder);
        match gate(|| fs::create_dir(&path)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => {}
            Err(e) => return Err(io_error(&path)(e)),
        }
        self.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(folder.to_path_buf());
        Ok(())
    }

    /// The staging path for a site-relative path; refuses anything that could leave the folder.
    fn resolve(&self, relative: &str) -> Result<PathBuf, OutputError> {
        if !patch::is_safe(relative) {
            return Err(OutputError::UnsafePath(relative.to_string()));
        }
        Ok(self.dir.path().join(relative))
    }

    /// Commits an incremental build: the files written to the staging folder replace their
    /// namesakes in the existing target, and the files `removed` (site-relative) are deleted;
    /// every other file of the target is left as it is (see [`patch`]).
    pub fn commit_patch(self, removed: &[String]) -> Result<PathBuf, OutputError> {
        let staging = self.dir.keep();
        if let Err(e) = patch::commit(&staging, &self.target, removed) {
            // Not yet committed when the journal could not be written: drop the staging folder.
            if !staging.join(patch::JOURNAL).exists() {
                let _ = fs::remove_dir_all(&staging);
            }
            return Err(e);
        }
        Ok(self.target)
    }

    /// Swaps the finished site in: the old output moves aside, the new one takes its name, the
    /// old one is removed.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        let staging = self.dir.keep();
        let target = self.target;
        if target.exists() {
            let parent = target.parent().unwrap_or(Path::new("."));
            let old = gate(|| {
                tempfile::Builder::new()
                    .prefix(".broadsheet-old-")
                    .tempdir_in(parent)
            })
            .map_err(io_error(parent))?
            .keep();
            let old_site = old.join("site");
            gate(|| fs::rename(&target, &old_site)).map_err(io_error(&target))?;
            if let Err(e) = gate(|| fs::rename(&staging, &target)) {
                // Put the previous site back before reporting.
                let _ = gate(|| fs::rename(&old_site, &target));
                return Err(io_error(&target)(e));
            }
            remove_tree(&old);
        } else {
            gate(|| fs::rename(&staging, &target)).map_err(io_error(&target))?;
        }
        Ok(target)
    }
}

/// Removes a folder tree, its top-level entries in parallel (a large old site is tens of
/// thousands of files; deleting them is a noticeable part of a build).
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let mut entries: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    // Two levels down gives enough folders to spread over the threads.
    for _ in 0..2 {
        let mut next = Vec::new();
        for d in stack {
            match fs::read_dir(&d) {
                Ok(list) => {
                    for e in list.flatten() {
                        let p = e.path();
                        if p.is_dir() {
                            next.push(p);
                        } else {
                            entries.push(p);
                        }
                    }
                }
                Err(_) => continue,
            }
        }
        stack = next;
    }
    entries.par_iter().for_each(|p| {
        let _ = fs::remove_file(p);
    });
    stack.par_iter().for_each(|p| {
        let _ = fs::remove_dir_all(p);
    });
    let _ = fs::remove_dir_all(dir);
}

/// Removes staging folders that killed builds left beside the target (only folders that carry
/// broadsheet's marker and name pattern).
fn remove_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.staging-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let ours = file_name.starts_with(&prefix) || file_name.starts_with(".broadsheet-old-");
        let path = entry.path();
        let marked = path.join(MARKER).exists() || path.join("site").join(MARKER).exists();
        // A staging folder with a journal is a patch to finish, not to throw away.
        let journaled = path.join(patch::JOURNAL).exists();
        if ours && marked && !journaled && path.is_dir() {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&tmp.path().join("public")).unwrap();
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "a\0b", "C:\\x"] {
            assert!(staging.write(bad, b"x").is_err(), "{bad:?}");
        }
        assert!(staging.write("a/b/index.html", b"ok").is_ok());
    }

    #[test]
    fn refuses_protected_and_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let seeds = root.join("seeds");
        fs::create_dir_all(&seeds).unwrap();
        let check = |t: &Path| check_target(t, root, &[&seeds]);
        assert!(check(root).is_err());
        assert!(check(root.parent().unwrap()).is_err());
        assert!(check(&seeds).is_err());
        assert!(check(&seeds.join("out")).is_err());
        let foreign = root.join("docs");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("thesis.txt"), "mine").unwrap();
        assert!(check(&foreign).is_err());
        assert!(check(&root.join("public")).is_ok());
    }

    #[test]
    fn commit_replaces_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let first = Staging::begin(&target).unwrap();
        first.write("index.html", b"one").unwrap();
        first.commit().unwrap();
        let second = Staging::begin(&target).unwrap();
        second.write("index.html", b"two").unwrap();
        drop(second); // a build that failed: never committed
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "one"
        );
        let third = Staging::begin(&target).unwrap();
        third.write("index.html", b"three").unwrap();
        third.commit().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "three"
        );
        let leftovers = fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(leftovers, 1, "only public/ remains");
    }
}
