//! Watching the site's sources: `site.toml`, `seeds/`, `templates/` and `static/`. Changes are
//! debounced (an editor's save is several events; a `git checkout` hundreds) into one signal.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::config::Plan;

/// How long the file system must be quiet before a rebuild starts: long enough to take an
/// editor's write-and-rename as one change, short against the two seconds a page may take.
const QUIET: Duration = Duration::from_millis(100);

/// The folders a build reads from, as real paths, for telling a change that matters from one
/// that does not (the user's own `public/` being rebuilt, say).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Sources {
    /// The folder holding the configuration, watched for the file itself and for source
    /// folders appearing in it.
    project: PathBuf,
    config: PathBuf,
    folders: Vec<PathBuf>,
}

/// The folder names a project's sources have when `site.toml` does not name others.
const DEFAULT_FOLDERS: [&str; 3] = ["seeds", "templates", "static"];

impl Sources {
    fn of(plan: &Plan, config: &Path) -> Sources {
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let project = real(&plan.root);
        let config = project.join(config.file_name().unwrap_or("site.toml".as_ref()));
        let folders = [
            Some(plan.seeds.as_path()),
            plan.templates.as_deref(),
            plan.static_dir.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|p| p.is_dir())
        .map(real)
        .collect();
        Sources {
            project,
            config,
            folders,
        }
    }

    fn touches(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        // Editors' swap, lock and backup files (`.story.md.swp`, `.#story.md`, `story.md~`):
        // a build reads none of them.
        if name.starts_with('.') || name.ends_with('~') {
            return false;
        }
        path == self.config
            || self.folders.iter().any(|f| path.starts_with(f))
            || (path.parent() == Some(self.project.as_path())
                && DEFAULT_FOLDERS.iter().any(|d| name == *d))
    }
}

/// The watcher; dropping it stops watching.
pub struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    sources: Arc<Mutex<Sources>>,
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching nothing yet; `changed` receives one message per quiet spell after a
    /// change that matters.
    pub fn start(changed: Sender<()>) -> Result<Watch, String> {
        let sources = Arc::new(Mutex::new(Sources::default()));
        let seen = sources.clone();
        let debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
            let Ok(events) = result else {
                // The watcher lost events (an overflowing queue): rebuild to be sure.
                let _ = changed.send(());
                return;
            };
            let sources = seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let matters = events.iter().any(|e| {
                !matches!(e.kind, EventKind::Access(_))
                    && e.paths.iter().any(|p| sources.touches(p))
            });
            if matters {
                let _ = changed.send(());
            }
        })
        .map_err(|e| format!("cannot watch the site's files: {e}"))?;
        Ok(Watch {
            debouncer,
            sources,
            watched: Vec::new(),
        })
    }

    /// Watches what `plan` reads (`config` being the configuration file's path); folders a
    /// changed `site.toml` names, or that were made since, are added.
    pub fn cover(&mut self, plan: &Plan, config: &Path) {
        let sources = Sources::of(plan, config);
        let wanted = std::iter::once((sources.project.clone(), RecursiveMode::NonRecursive)).chain(
            sources
                .folders
                .iter()
                .map(|f| (f.clone(), RecursiveMode::Recursive)),
        );
        for (path, mode) in wanted {
            if self.watched.contains(&path) {
                continue;
            }
            match self.debouncer.watch(&path, mode) {
                Ok(()) => self.watched.push(path),
                Err(e) => eprintln!("warning: {}: cannot watch for changes: {e}", path.display()),
            }
        }
        *self.sources.lock().unwrap_or_else(|e| e.into_inner()) = sources;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sources_matter() {
        let sources = Sources {
            project: PathBuf::from("/site"),
            config: PathBuf::from("/site/site.toml"),
            folders: vec![PathBuf::from("/site/seeds"), PathBuf::from("/site/theme")],
        };
        assert!(sources.touches(Path::new("/site/site.toml")));
        assert!(sources.touches(Path::new("/site/seeds/a/story.md")));
        assert!(sources.touches(Path::new("/site/theme/base.html")));
        assert!(sources.touches(Path::new("/site/templates")));
        assert!(!sources.touches(Path::new("/site/public/index.html")));
        assert!(!sources.touches(Path::new("/site/public")));
        assert!(!sources.touches(Path::new("/site/README.md")));
        assert!(!sources.touches(Path::new("/site/seeds/.story.md.swp")));
        assert!(!sources.touches(Path::new("/site/seeds/story.md~")));
        assert!(!sources.touches(Path::new("/site/seedsx/story.md")));
    }
}
