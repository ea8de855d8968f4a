//! broadsheet: a static site generator for news that reads the headline, byline, dateline, date
//! and sections out of raw copy.
//!
//! The pipeline runs one way: [`ingest`] finds and decodes seeds, [`extract`] turns each into an
//! [`model::Article`], [`site`] links them into a site, [`render`] fills the templates and
//! [`output`] writes the result atomically.

pub mod extract;
pub mod model;
pub mod slug;
