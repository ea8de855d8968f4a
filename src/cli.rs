//! The command line: `broadsheet init`, `build`, `serve`, `check` and `extract`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::config::{Overrides, Plan, Purpose};
use crate::confine::Boundary;
use crate::diagnostics::{Diagnostic, Severity};
use crate::extract::{self, ExtractOptions};
use crate::ingest;
use crate::model::{ExtractRecord, Extraction};
use crate::pipeline::{self, BuildOptions};

/// A static site generator for news: reads headline, byline, dateline and date out of raw copy.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new site: site.toml, two example stories in seeds/, and a .gitignore.
    Init {
        /// The folder to make it in (default: this one); it must be empty or missing.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Add the files a non-empty folder lacks; none that exists is written over.
        #[arg(long)]
        force: bool,
    },
    /// Build the site from seeds/ into public/.
    Build {
        /// The site configuration (default: site.toml, optional).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Where to write the site (default: `output` in site.toml, else public/).
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// The URL the site will be published at, e.g. https://example.org/news/.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Fail (exit 1) when any seed has a warning.
        #[arg(long)]
        strict: bool,
        /// The moment to build for (RFC 3339): which stories are out of embargo and not yet
        /// expired (default: the clock), and where the Google News sitemap's two days run back
        /// from (default: the newest story's date).
        #[arg(long, value_name = "DATETIME", value_parser = parse_now)]
        now: Option<chrono::DateTime<chrono::FixedOffset>>,
        /// Build everything afresh, ignoring the build cache of the previous build.
        #[arg(long)]
        clean: bool,
    },
    /// Build the site into a folder of its own, serve it, and rebuild and reload on changes.
    Serve {
        /// The site configuration (default: site.toml, optional).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// The address to listen on (another than the loopback one lets other machines in).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port to listen on (0: any free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the front page in the default browser.
        #[arg(long)]
        open: bool,
        /// Show no build with a warning (one with an error is never shown).
        #[arg(long)]
        strict: bool,
    },
    /// Check every seed, then build into a temporary folder and check every internal link,
    /// anchor, feed and sitemap; exit 1 on errors.
    Check {
        /// The site configuration (default: site.toml, optional).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Check links as published at this URL, e.g. https://example.org/news/.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Print what broadsheet reads out of seed files.
    Extract {
        /// Seed files (.txt, .md or .html), or folders to read every seed in.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// One JSON object per file, one per line.
        #[arg(long)]
        json: bool,
        /// The site configuration, for its time zone (default: site.toml, optional).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
}

fn load_plan(path: Option<&Path>, purpose: Purpose, overrides: &Overrides) -> Result<Plan, i32> {
    let (path, required) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from("site.toml"), false),
    };
    Plan::load(&path, required, purpose, overrides).map_err(|e| {
        eprintln!("error: {e}");
        2
    })
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Init { dir, force } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            match crate::init::init(&dir, force) {
                Ok(made) => {
                    for path in &made.kept {
                        eprintln!("note: {}: already there; left as it is", path.display());
                    }
                    println!(
                        "made a site in {} ({} files); build it with `broadsheet build` there",
                        dir.display(),
                        made.written.len()
                    );
                    0
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    2
                }
            }
        }
        Command::Build {
            config,
            output,
            base_url,
            quiet,
            strict,
            now,
            clean,
        } => {
            let overrides = Overrides { base_url, output };
            let plan = match load_plan(config.as_deref(), Purpose::Build, &overrides) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let options = BuildOptions {
                now,
                progress: !quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
                clean,
                defer_search: false,
            };
            match pipeline::build(plan, &options) {
                Ok(summary) => {
                    for d in &summary.diagnostics {
                        let show = !quiet || d.severity == Severity::Error;
                        if show {
                            eprintln!("{d}");
                        }
                    }
                    if let Some(note) = &summary.cache_note {
                        if !quiet {
                            eprintln!("note: {note}");
                        }
                    }
                    if !quiet {
                        println!("{summary}");
                    }
                    if strict && summary.warnings > 0 {
                        eprintln!("error: --strict: {} warnings", summary.warnings);
                        return 1;
                    }
                    0
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    e.exit_code()
                }
            }
        }
        Command::Serve {
            config,
            bind,
            port,
            open,
            strict,
        } => crate::serve::run(&crate::serve::ServeOptions {
            config,
            bind,
            port,
            open,
            strict,
        }),
        Command::Check {
            config,
            base_url,
            strict,
        } => {
            let overrides = Overrides {
                base_url,
                output: None,
            };
            let plan = match load_plan(config.as_deref(), Purpose::Build, &overrides) {
                Ok(p) => p,
                Err(code) => return code,
            };
            match crate::check::check(&plan) {
                Ok(report) => {
                    println!("{report}");
                    i32::from(crate::check::fails(&report, strict))
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    e.exit_code()
                }
            }
        }
        Command::Extract {
            files,
            json,
            config,
        } => {
            let plan = match load_plan(config.as_deref(), Purpose::Extract, &Overrides::default()) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let options = ExtractOptions {
                timezone: plan.timezone,
                ..ExtractOptions::default()
            };
            let mut failed = false;
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for (file, boundary) in extract_inputs(&files, &plan) {
                let boundary = match boundary {
                    Ok(b) => b,
                    Err(d) => {
                        eprintln!("{d}");
                        failed = true;
                        continue;
                    }
                };
                let source = match ingest::read_seed(&file, Path::new(""), &boundary) {
                    Ok(s) => s,
                    Err(d) => {
                        eprintln!("{d}");
                        failed = true;
                        continue;
                    }
                };
                for note in &source.notes {
                    eprintln!("{note}");
                }
                let seed = extract::Seed::from(&source);
                match extract::extract(&seed, &options) {
                    Ok(extraction) => {
                        let printed = if json {
                            serde_json::to_string(&ExtractRecord::from(&extraction))
                                .map(|s| writeln!(out, "{s}"))
                                .is_ok()
                        } else {
                            writeln!(out, "{}", readable(&extraction)).is_ok()
                        };
                        if !printed {
                            return 1;
                        }
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed = true;
                    }
                }
            }
            i32::from(failed)
        }
    }
}

/// The seed files `extract` reads, each with the boundary it is read through. A file named on
/// the command line is read wherever it leads (the user chose it): its boundary is the site's
/// plus the folder it really lies in, which also bounds its sidecar. A folder is walked, and a
/// link inside it is read only if it stays inside the folder or the site.
fn extract_inputs(files: &[PathBuf], plan: &Plan) -> Vec<(PathBuf, Result<Boundary, Diagnostic>)> {
    let with_root = |root: &Path| -> Result<Boundary, Diagnostic> {
        plan.boundary
            .with(root)
            .map_err(|e| Diagnostic::error(root.display().to_string(), format!("cannot read: {e}")))
    };
    let mut inputs = Vec::new();
    for file in files {
        if file.is_dir() {
            let boundary = match with_root(file) {
                Ok(b) => b,
                Err(d) => {
                    inputs.push((file.clone(), Err(d)));
                    continue;
                }
            };
            let walked = ingest::walk(file, Path::new(""), &boundary);
            for d in walked.diagnostics {
                if d.severity >= Severity::Warning {
                    eprintln!("{d}");
                }
            }
            inputs.extend(walked.seeds.into_iter().map(|p| (p, Ok(boundary.clone()))));
        } else {
            let real_parent = std::fs::canonicalize(file)
                .ok()
                .and_then(|real| real.parent().map(Path::to_path_buf))
                .unwrap_or_else(|| PathBuf::from("."));
            inputs.push((file.clone(), with_root(&real_parent)));
        }
    }
    inputs
}

fn parse_now(s: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(s).map_err(|e| {
        format!("{s:?} is not an RFC 3339 date-time such as 2024-05-02T12:00:00Z: {e}")
    })
}

/// The extraction as a person reads it.
fn readable(extraction: &Extraction) -> String {
    let a = &extraction.article;
    let mut s = String::new();
    let mut line = |k: &str, v: &str| {
        if !v.is_empty() {
            s.push_str(&format!("{k:<11} {v}\n"));
        }
    };
    line("source", &a.source);
    line("headline", &a.headline);
    line("label", a.label.as_deref().unwrap_or_default());
    line("dek", a.dek.as_deref().unwrap_or_default());
    line("summary", &a.summary);
    line("bylines", &a.bylines.join("; "));
    if let Some(d) = &a.dateline {
        let mut parts = vec![d.text.clone()];
        if let Some(p) = &d.place {
            parts.push(format!("place {p}"));
        }
        if let Some(ag) = &d.agency {
            parts.push(format!("agency {ag}"));
        }
        if let Some(date) = &d.date {
            parts.push(format!("date {date}"));
        }
        line("dateline", &parts.join(" · "));
    }
    if let Some(d) = &a.date {
        let source = a
            .date_source
            .and_then(|s| serde_json::to_value(s).ok())
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        line("date", &format!("{d} (from {source})"));
    }
    if let Some(u) = &a.updated {
        line("updated", &u.to_string());
    }
    line("topics", &a.topics.join("; "));
    for c in &a.credits {
        line("credit", &format!("{}: {}", c.role, c.names.join(", ")));
    }
    line("copyright", a.copyright.as_deref().unwrap_or_default());
    for w in &a.warnings {
        match w.line {
            Some(n) => line("warning", &format!("line {n}: {}", w.message)),
            None => line("warning", &w.message),
        }
    }
    for section in &extraction.body.sections {
        s.push('\n');
        if let Some(h) = &section.heading {
            s.push_str(&format!("## {h}\n\n"));
        }
        for b in &section.blocks {
            s.push_str(&b.text);
            s.push_str("\n\n");
        }
    }
    s.trim_end().to_string() + "\n"
}
