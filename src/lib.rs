//! broadsheet: a static site generator for news that reads the headline, byline, dateline, date
//! and sections out of raw copy.
//!
//! The pipeline runs one way, each stage using only those before it and the leaf utilities:
//! [`config`] validates `site.toml` into a [`config::Plan`], [`ingest`] finds and decodes seeds,
//! [`extract`] turns each into a [`model::Extraction`], [`site`] orders, places and groups them,
//! [`publish`] says what every output is and reads, [`render`] fills the templates (and
//! [`search`] indexes the search records), and [`output`] writes the result atomically.
//! [`pipeline`] runs the stages, [`serve`] serves and rebuilds a site, [`check`] reads a
//! built site back, and [`cli`] is the command line.
//!
//! Leaf utilities, used by any stage: [`confine`] (the site folder as a boundary),
//! [`diagnostics`], [`html`] (escaping), [`bytes`], [`slug`], [`urls`] (every URL and folder
//! name), [`zone`] (local times as moments), [`theme`] (the embedded default theme) and
//! [`bodies`] (the store that keeps article bodies out of memory) and [`write_gate`] (what lets
//! `serve` stop a build's writes).

pub mod assets;
pub mod bodies;
pub mod bytes;
pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod confine;
pub mod diagnostics;
pub mod extract;
pub mod fingerprint;
pub mod html;
pub mod images;
pub mod ingest;
pub mod init;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
#[cfg(test)]
mod testing;
pub mod theme;
pub mod urls;
pub mod write_gate;
pub mod zone;
