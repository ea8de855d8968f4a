//! Committing an incremental build: the files that changed are moved over the previous site
//! one by one, and the files that are gone are removed, instead of the whole site being
//! replaced. Before the first move, the staging folder gets a journal naming the files to
//! remove; a build stopped after that point is finished by the next one (see
//! [`finish_interrupted`]), and one stopped before it leaves the previous site as it was.

use crate::write_gate::pass as gate;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{io_error, OutputError, MARKER};

/// The journal in a staging folder: its presence means the patch is to be applied.
pub const JOURNAL: &str = ".broadsheet-patch";

/// Whether `relative` stays inside the folder it is relative to.
pub(super) fn is_safe(relative: &str) -> bool {
    !relative.is_empty()
        && !relative.contains('\0')
        && !relative.contains('\\')
        && Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Writes the journal of a patch into `staging` (the commit point) and applies it to `target`.
pub(super) fn commit(staging: &Path, target: &Path, removed: &[String]) -> Result<(), OutputError> {
    if let Some(bad) = removed.iter().find(|r| !is_safe(r)) {
        return Err(OutputError::UnsafePath(bad.clone()));
    }
    let mut journal = removed.join("\n");
    journal.push('\n');
    let pending = staging.join(format!("{JOURNAL}.new"));
    gate(|| fs::write(&pending, journal)).map_err(io_error(&pending))?;
    let done = staging.join(JOURNAL);
    gate(|| fs::rename(&pending, &done)).map_err(io_error(&done))?;
    apply(staging, target)
}

/// Moves every file of `staging` (but its marker and journal) to the same place in `target`,
/// removes the files the journal names, and removes `staging`. Safe to run again after it was
/// stopped: a file already moved is no longer in `staging`, one already removed is not there.
fn apply(staging: &Path, target: &Path) -> Result<(), OutputError> {
    let journal = staging.join(JOURNAL);
    let removed = fs::read_to_string(&journal).map_err(io_error(&journal))?;
    let mut files = Vec::new();
    collect_files(staging, staging, &mut files).map_err(io_error(staging))?;
    for relative in files {
        if relative == Path::new(MARKER) || relative.starts_with(JOURNAL) {
            continue;
        }
        let to = target.join(&relative);
        if let Some(parent) = to.parent() {
            gate(|| fs::create_dir_all(parent)).map_err(io_error(parent))?;
        }
        let from = staging.join(&relative);
        gate(|| fs::rename(&from, &to)).map_err(io_error(&to))?;
    }
    for relative in removed.lines().filter(|l| is_safe(l)) {
        let path = target.join(relative);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io_error(&path)(e)),
            _ => remove_empty_parents(&path, target),
        }
    }
    fs::remove_dir_all(staging).map_err(io_error(staging))
}

/// Removes the folders above `path` that are now empty, up to (not including) `top`: a story
/// that is gone leaves no empty folder behind, as a full build would not have one.
fn remove_empty_parents(path: &Path, top: &Path) {
    let mut folder = path.parent();
    while let Some(f) = folder {
        if f == top || !f.starts_with(top) || fs::remove_dir(f).is_err() {
            break;
        }
        folder = f.parent();
    }
}

/// Every file under `dir`, relative to `root`.
fn collect_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(relative.to_path_buf());
        }
    }
    Ok(())
}

/// Finishes a patch that a stopped build had committed to, beside `target`. Says whether there
/// was one, so the build cache can take up the manifest written for it.
pub fn finish_interrupted(target: &Path) -> Result<bool, OutputError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return Ok(false);
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(false);
    };
    let prefix = format!(".{name}.staging-");
    let mut finished = false;
    for entry in entries.flatten() {
        let path = entry.path();
        let ours = entry.file_name().to_string_lossy().starts_with(&prefix);
        if ours && path.join(JOURNAL).is_file() && path.join(MARKER).is_file() {
            apply(&path, target)?;
            finished = true;
        }
    }
    Ok(finished)
}

#[cfg(test)]
mod tests {
    use super::super::Staging;
    use super::*;

    fn site_with(target: &Path, files: &[(&str, &str)]) {
        let staging = Staging::begin(target).unwrap();
        for (path, text) in files {
            staging.write(path, text.as_bytes()).unwrap();
        }
        staging.commit().unwrap();
    }

    #[test]
    fn a_patch_replaces_changed_files_removes_gone_ones_and_leaves_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        site_with(
            &target,
            &[
                ("index.html", "old"),
                ("a/b/gone.html", "gone"),
                ("kept.html", "kept"),
            ],
        );
        let kept_before = fs::metadata(target.join("kept.html"))
            .unwrap()
            .modified()
            .unwrap();
        let patch = Staging::begin(&target).unwrap();
        patch.write("index.html", b"new").unwrap();
        patch.write("c/new.html", b"added").unwrap();
        patch.commit_patch(&["a/b/gone.html".to_string()]).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(target.join("c/new.html")).unwrap(),
            "added"
        );
        assert!(!target.join("a").exists(), "emptied folders go too");
        let kept_after = fs::metadata(target.join("kept.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(kept_before, kept_after);
        assert!(target.join(MARKER).is_file());
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no staging left"
        );
    }

    #[test]
    fn a_patch_stopped_after_its_journal_is_finished_and_one_before_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        site_with(&target, &[("index.html", "old"), ("gone.html", "gone")]);
        // Stopped after the commit point, with one file already moved.
        let committed = Staging::begin(&target).unwrap();
        committed.write("index.html", b"new").unwrap();
        committed.write("moved.html", b"moved").unwrap();
        let dir = committed.dir.keep();
        fs::write(dir.join(JOURNAL), "gone.html\n").unwrap();
        fs::rename(dir.join("moved.html"), target.join("moved.html")).unwrap();
        // Stopped before it: no journal.
        let uncommitted = Staging::begin(&target).unwrap();
        uncommitted.write("index.html", b"never").unwrap();
        let stray = uncommitted.dir.keep();

        assert!(finish_interrupted(&target).unwrap());
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(target.join("moved.html")).unwrap(),
            "moved"
        );
        assert!(!target.join("gone.html").exists());
        assert!(!dir.exists());
        assert!(stray.exists(), "an uncommitted patch is not applied");
        assert!(!finish_interrupted(&target).unwrap());
        // The next build's staging clears the uncommitted one away.
        drop(Staging::begin(&target).unwrap());
        assert!(!stray.exists());
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_patch_never_removes_outside_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        site_with(&target, &[("index.html", "x")]);
        fs::write(tmp.path().join("precious.txt"), "mine").unwrap();
        for bad in ["../precious.txt", "/etc/passwd", "a/../../precious.txt"] {
            let patch = Staging::begin(&target).unwrap();
            assert!(patch.commit_patch(&[bad.to_string()]).is_err(), "{bad}");
        }
        assert!(tmp.path().join("precious.txt").exists());
    }
}
