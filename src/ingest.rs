//! Finding and reading seeds: a sorted walk of `seeds/` (hidden files skipped, symlink loops
//! reported, links out of the site refused: see [`crate::confine`]), decoding of UTF-8 (with or without BOM), UTF-16 with BOM and
//! Windows-1252 (and, for saved web pages, the encoding the page declares), and pairing each
//! text or HTML seed with its sidecar `<stem>.toml` and any seed with a picture of the same
//! stem (`story.jpg` beside `story.md`), its lead image.

use std::path::{Path, PathBuf};

use crate::confine::{Boundary, Walked};
use crate::diagnostics::{display_path, Diagnostic};
use crate::model::SeedFormat;
use rayon::prelude::*;

/// A seed read and decoded, ready to extract.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to the user.
    pub display: String,
    pub file_name: String,
    pub text: String,
    pub format: SeedFormat,
    /// The sidecar's display path and text.
    pub sidecar: Option<(String, String)>,
    /// A picture with the seed's stem beside it (its file name): the story's lead image unless
    /// the seed names another.
    pub picture: Option<String>,
    /// Notes and warnings about reading it: how the text was decoded when it was not plain
    /// UTF-8, a sidecar that was refused.
    pub notes: Vec<Diagnostic>,
}

/// What a walk of the seeds folder found.
#[derive(Debug, Default)]
pub struct Ingested {
    pub sources: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many seed files were found, read or not.
    pub seeds_found: usize,
}

/// How a file's bytes were decoded.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    Text(String, Option<&'static str>),
    Binary(&'static str),
}

/// Signatures of files people drop into folders by mistake.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7FELF", "a program"),
    (b"\xD0\xCF\x11\xE0", "an old Office document"),
];

/// Decodes a seed's bytes: UTF-8 (a BOM is dropped), UTF-16 with a BOM, otherwise
/// Windows-1252, which is what old newsroom systems and Word wrote. Binary files are refused.
/// UTF-8 without a BOM, nearly every seed, becomes the text without a copy.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let note = (encoding != encoding_rs::UTF_8).then_some("decoded as UTF-16");
        return Decoded::Text(text.into_owned(), note);
    }
    if let Err(what) = decode_as_text(&bytes) {
        return Decoded::Binary(what);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Text(text, None),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(e.as_bytes());
            Decoded::Text(
                text.into_owned(),
                Some("not UTF-8; decoded as Windows-1252"),
            )
        }
    }
}

/// How many bytes of `sample` are control characters other than the line breaks, tab and form
/// feed text uses. Counted in byte-wide lanes, 64 bytes at a time and without branches, which
/// the compiler turns into vector compares.
fn control_bytes(sample: &[u8]) -> usize {
    sample
        .chunks(64)
        .map(|chunk| {
            let count = chunk.iter().fold(0u8, |count, &b| {
                count
                    + (u8::from(b < 0x20)
                        & u8::from(b != b'\n')
                        & u8::from(b != b'\r')
                        & u8::from(b != b'\t')
                        & u8::from(b != 0x0C))
            });
            usize::from(count)
        })
        .sum()
}

/// Decodes a saved web page: a BOM first, then the encoding its `<meta charset>` or
/// `<meta http-equiv="Content-Type">` declares, then as [`decode`] does (UTF-8, else
/// Windows-1252, which is what browsers assume of an undeclared Western page).
pub fn decode_html(bytes: Vec<u8>) -> Decoded {
    if encoding_rs::Encoding::for_bom(&bytes).is_some() {
        return decode(bytes);
    }
    let declared = declared_charset(&bytes)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        // A page that says UTF-16 without a BOM is read as UTF-8, as browsers do.
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
    match declared {
        Some(encoding) if encoding != encoding_rs::UTF_8 => match decode_as_text(&bytes) {
            Err(what) => Decoded::Binary(what),
            Ok(()) => {
                let (text, _, _) = encoding.decode(&bytes);
                Decoded::Text(text.into_owned(), Some(declared_note(encoding)))
            }
        },
        _ => decode(bytes),
    }
}

/// Refuses bytes that are a known binary format or mostly control characters (text has few;
/// a binary file is full of them).
fn decode_as_text(bytes: &[u8]) -> Result<(), &'static str> {
    for (signature, what) in BINARY_SIGNATURES {
        if bytes.starts_with(signature) {
            return Err(what);
        }
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if !sample.is_empty() && control_bytes(sample) * 10 > sample.len() {
        return Err("binary data");
    }
    Ok(())
}

fn declared_note(encoding: &'static encoding_rs::Encoding) -> &'static str {
    match encoding.name() {
        "windows-1252" => "decoded as windows-1252, as the page declares",
        "ISO-8859-2" => "decoded as ISO-8859-2, as the page declares",
        "ISO-8859-15" => "decoded as ISO-8859-15, as the page declares",
        "windows-1251" => "decoded as windows-1251, as the page declares",
        "Shift_JIS" => "decoded as Shift_JIS, as the page declares",
        "EUC-JP" => "decoded as EUC-JP, as the page declares",
        "GBK" | "gb18030" => "decoded as GB18030, as the page declares",
        "Big5" => "decoded as Big5, as the page declares",
        "EUC-KR" => "decoded as EUC-KR, as the page declares",
        _ => "decoded in the encoding the page declares",
    }
}

/// How far into a page its encoding declaration is looked for. The HTML standard's prescan
/// reads 1,024 bytes; saved pages often carry a longer head before it, so a little more.
const CHARSET_SCAN_BYTES: usize = 4096;

/// The label a page's `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`
/// gives, read from its first bytes. A small scan of its own: parsing the whole page to learn
/// how to decode it would be a second parse of every page, and the full prescan algorithm's
/// corner cases (comments hiding a meta) do not occur in saved news pages.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes[..bytes.len().min(CHARSET_SCAN_BYTES)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&head[from..], b"<meta") {
        let start = from + at + 5;
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or(rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label: String = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
                    .map(|&b| char::from(b))
                    .collect();
                if !label.is_empty() {
                    return Some(label);
                }
            }
        }
        from = end;
    }
    None
}

/// The extensions of pictures that pair with a seed of the same stem, in the order one is
/// preferred when several are there.
/// The extensions of pictures that pair with a seed of the same stem, in the order one is
/// preferred when several are there.
pub const PICTURE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp", "avif"];

fn is_picture(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PICTURE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

pub fn seed_format(path: &Path) -> Option<SeedFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" | "text" => Some(SeedFormat::Text),
        "md" | "markdown" => Some(SeedFormat::Markdown),
        "html" | "htm" => Some(SeedFormat::Html),
        _ => None,
    }
}

const NOT_A_SEED: &str = "not a .txt, .md or .html seed; skipped";

/// Reads one seed file (and its sidecar) through `boundary`. Errors become diagnostics naming
/// the file; a sidecar that is refused is a warning beside the seed, which still builds.
pub fn read_seed(
    path: &Path,
    display_root: &Path,
    boundary: &Boundary,
) -> Result<SourceFile, Diagnostic> {
    let display = display_path(path, display_root);
    let format = seed_format(path).ok_or_else(|| Diagnostic::warning(&display, NOT_A_SEED))?;
    let bytes = boundary
        .read(path)
        .map_err(|refusal| Diagnostic::warning(&display, refusal.to_string()))?;
    let mut notes = Vec::new();
    let decoded = match format {
        SeedFormat::Html => decode_html(bytes),
        _ => decode(bytes),
    };
    let text = match decoded {
        Decoded::Text(t, note) => {
            notes.extend(note.map(|note| Diagnostic::note(&display, note)));
            t
        }
        Decoded::Binary(what) => {
            return Err(Diagnostic::warning(
                &display,
                format!("looks like {what}, not text; skipped"),
            ))
        }
    };
    let sidecar = match format {
        SeedFormat::Text | SeedFormat::Html => {
            let sidecar_path = path.with_extension("toml");
            let shown = display_path(&sidecar_path, display_root);
            match boundary.read(&sidecar_path) {
                Ok(b) => match decode(b) {
                    Decoded::Text(t, _) => Some((shown, t)),
                    Decoded::Binary(what) => {
                        notes.push(Diagnostic::warning(
                            shown,
                            format!("looks like {what}, not a sidecar; not read"),
                        ));
                        None
                    }
                },
                Err(refusal) if refusal.is_not_found() => None,
                Err(refusal) => {
                    notes.push(Diagnostic::warning(shown, refusal.to_string()));
                    None
                }
            }
        }
        SeedFormat::Markdown => None,
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(SourceFile {
        path: path.to_path_buf(),
        display,
        file_name,
        text,
        format,
        sidecar,
        picture: None,
        notes,
    })
}

/// The seeds a walk found, in a stable (sorted) order, and what it could not walk into.
#[derive(Debug, Default)]
pub struct Walk {
    pub seeds: Vec<PathBuf>,
    /// Each seed's picture (by the seed's path): a file of the walk with the seed's stem and a
    /// picture's extension.
    pub pictures: foldhash::HashMap<PathBuf, PathBuf>,
    /// The sidecars the walk listed beside text and HTML seeds: a seed without one in the
    /// listing has none, which spares a build a `stat` per seed to find that out.
    pub sidecars: foldhash::HashSet<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `seeds_dir` for seeds without reading them (a build reads each one as it extracts it,
/// so the raw copy of the whole archive is never in memory at once). Links that leave
/// `boundary` are refused with a warning naming the link and where it leads.
pub fn walk(seeds_dir: &Path, display_root: &Path, boundary: &Boundary) -> Walk {
    let met = boundary.walk(seeds_dir);
    // The sidecars of the text seeds listed, named as `read_seed` looks for them. Known from
    // the listing rather than asked of the file system, which would be a `stat` per sidecar.
    // Whether a file that is not a seed is a sidecar is only known once the walk has listed
    // the text seed beside it, which sorts after it.
    // The sets hash with foldhash, not the standard hasher: every path of the archive is hashed
    // on the way to an incremental build, where the walk is waited for.
    let sidecars: foldhash::HashSet<PathBuf> = met
        .iter()
        .filter_map(|m| match m {
            Walked::File(p)
                if matches!(seed_format(p), Some(SeedFormat::Text | SeedFormat::Html)) =>
            {
                Some(p.with_extension("toml"))
            }
            _ => None,
        })
        .collect();
    // Pictures by the stem they share with a seed, found the same way; the first in the walk's
    // (sorted) order wins, so `story.jpeg` is paired over `story.png`.
    let stems: foldhash::HashSet<PathBuf> = met
        .iter()
        .filter_map(|m| match m {
            Walked::File(p) if seed_format(p).is_some() => Some(p.with_extension("")),
            _ => None,
        })
        .collect();
    let mut found = Walk::default();
    let mut pictures_by_stem: foldhash::HashMap<PathBuf, PathBuf> = Default::default();
    for m in met {
        match m {
            Walked::File(p) if seed_format(&p).is_some() => found.seeds.push(p),
            // A sidecar: read with its seed.
            Walked::File(p) if sidecars.contains(&p) => {
                found.sidecars.insert(p);
            }
            Walked::File(p) if is_picture(&p) && stems.contains(&p.with_extension("")) => {
                let stem = p.with_extension("");
                if let Some(first) = pictures_by_stem.get(&stem) {
                    found.diagnostics.push(Diagnostic::note(
                        display_path(&p, display_root),
                        format!(
                            "another picture for the same story; {} is its lead image",
                            display_path(first, display_root)
                        ),
                    ));
                } else {
                    pictures_by_stem.insert(stem, p);
                }
            }
            Walked::File(p) => found
                .diagnostics
                .push(Diagnostic::note(display_path(&p, display_root), NOT_A_SEED)),
            Walked::Refused(p, refusal) => found.diagnostics.push(Diagnostic::warning(
                display_path(&p, display_root),
                refusal.to_string(),
            )),
        }
    }
    for seed in &found.seeds {
        if let Some(picture) = pictures_by_stem.get(&seed.with_extension("")) {
            found.pictures.insert(seed.clone(), picture.clone());
        }
    }
    found
}

impl Walk {
    /// Whether the walk listed a sidecar beside `seed`.
    pub fn has_sidecar(&self, seed: &Path) -> bool {
        self.sidecars.contains(&seed.with_extension("toml"))
    }

    /// The file name of `seed`'s picture, which lies in the seed's own folder.
    pub fn picture_of(&self, seed: &Path) -> Option<String> {
        let picture = self.pictures.get(seed)?;
        Some(picture.file_name()?.to_string_lossy().into_owned())
    }
}

/// Walks `seeds_dir` and reads every seed in parallel, in a stable (sorted) order.
pub fn ingest(seeds_dir: &Path, display_root: &Path, boundary: &Boundary) -> Ingested {
    let mut walked = walk(seeds_dir, display_root, boundary);
    let mut found = Ingested {
        seeds_found: walked.seeds.len(),
        diagnostics: std::mem::take(&mut walked.diagnostics),
        ..Ingested::default()
    };
    let results: Vec<Result<SourceFile, Diagnostic>> = walked
        .seeds
        .par_iter()
        .map(|p| {
            read_seed(p, display_root, boundary).map(|mut source| {
                source.picture = walked.picture_of(p);
                source
            })
        })
        .collect();
    for result in results {
        match result {
            Ok(mut source) => {
                found.diagnostics.append(&mut source.notes);
                found.sources.push(source);
            }
            Err(d) => found.diagnostics.push(d),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_beside_a_text_seed_is_its_sidecar_and_any_other_is_noted() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        std::fs::create_dir_all(seeds.join("b")).unwrap();
        for name in [
            "a.toml", "a.txt", "b/c.md", "b/c.toml", "b/d.toml", "e.docx", "f.TXT", "f.toml",
            "g.text", "g.toml",
        ] {
            std::fs::write(seeds.join(name), "x").unwrap();
        }
        let boundary = Boundary::new(dir.path(), &[]).unwrap();
        let walked = walk(&seeds, dir.path(), &boundary);
        let names = |paths: &[PathBuf]| -> Vec<String> {
            paths
                .iter()
                .map(|p| p.strip_prefix(&seeds).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(names(&walked.seeds), ["a.txt", "b/c.md", "f.TXT", "g.text"]);
        // A Markdown seed has no sidecar. The notes come in the walk's order.
        let noted: Vec<&str> = walked.diagnostics.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(noted, ["seeds/b/c.toml", "seeds/b/d.toml", "seeds/e.docx"]);
    }

    #[test]
    fn a_picture_with_a_seeds_stem_is_its_lead_image() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        std::fs::create_dir_all(&seeds).unwrap();
        for name in [
            "a.txt", "a.jpg", "a.png", "b.md", "b.WEBP", "c.txt", "d.jpg", "e.md.jpg",
        ] {
            std::fs::write(seeds.join(name), "x").unwrap();
        }
        let boundary = Boundary::new(dir.path(), &[]).unwrap();
        let walked = walk(&seeds, dir.path(), &boundary);
        assert_eq!(
            walked.picture_of(&seeds.join("a.txt")).as_deref(),
            Some("a.jpg")
        );
        assert_eq!(
            walked.picture_of(&seeds.join("b.md")).as_deref(),
            Some("b.WEBP")
        );
        assert_eq!(walked.picture_of(&seeds.join("c.txt")), None);
        let noted: Vec<(&str, &str)> = walked
            .diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.message.as_str()))
            .collect();
        // The second picture of a story is named; a picture of no story is not a seed.
        assert!(noted
            .iter()
            .any(|(f, m)| *f == "seeds/a.png" && m.contains("seeds/a.jpg")));
        assert!(noted.iter().any(|(f, _)| *f == "seeds/d.jpg"));
        assert!(noted.iter().any(|(f, _)| *f == "seeds/e.md.jpg"));
    }

    #[test]
    fn control_bytes_are_the_controls_text_does_not_use() {
        let all: Vec<u8> = (0..=255).collect();
        let expected = all
            .iter()
            .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0C))
            .count();
        assert_eq!(expected, 28);
        assert_eq!(control_bytes(&all), expected);
        assert_eq!(control_bytes(b"plain text\r\n\tand\x0Cmore"), 0);
        assert_eq!(control_bytes(b"\0\x01a\x1Fb\x7F"), 3);
    }

    #[test]
    fn decodes_encodings() {
        assert_eq!(
            decode(b"plain".to_vec()),
            Decoded::Text("plain".into(), None)
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFbom".to_vec()),
            Decoded::Text("bom".into(), None)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hi’".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert!(matches!(decode(utf16), Decoded::Text(t, Some(_)) if t == "Hi’"));
        // Windows-1252 curly quotes and an em dash.
        assert!(matches!(
            decode(b"\x93Quoted\x94 \x97 it\x92s".to_vec()),
            Decoded::Text(t, Some(_)) if t == "“Quoted” — it’s"
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()),
            Decoded::Binary(_)
        ));
        assert!(matches!(
            decode(vec![0u8, 1, 2, 3, 4, 5, 6, 7, 8, 0]),
            Decoded::Binary(_)
        ));
    }
}
