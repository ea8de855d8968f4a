//! broadsheet: a static site generator for news that reads the headline, byline, dateline, date
//! and sections out of raw copy.
//!
//! The pipeline runs one way: [`ingest`] finds and decodes seeds, [`extract`] turns each into an
//! [`model::Article`], [`site`] orders and places them, [`render`] fills the templates and
//! [`output`] writes the result atomically; [`pipeline`] runs the stages and [`cli`] is the
//! command line.

pub mod assets;
pub mod bodies;
pub mod bytes;
pub mod cards;
pub mod cli;
pub mod config;
pub mod confine;
pub mod diagnostics;
pub mod extract;
pub mod html;
pub mod ingest;
pub mod jsonld;
pub mod model;
pub mod output;
pub mod pages;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod site;
pub mod slug;
#[cfg(test)]
mod testing;
