//! Lead images: built into real sites with the binary, the pages read back and every image file
//! the pages name decoded. The pictures are made here with the image crate, one with EXIF
//! (an orientation and a GPS position) written byte by byte.

mod common;

use std::io::Cursor;
use std::path::Path;

use common::*;
use image::{ImageDecoder, ImageFormat, ImageReader, RgbImage};
use regex::Regex;

/// A picture with something to see in it (so encoders cannot make it trivially small).
fn photo(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 255 / width) as u8,
            (y * 255 / height) as u8,
            ((x ^ y) & 0xFF) as u8,
        ])
    })
}

fn encoded(picture: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut out), format)
        .unwrap();
    out
}

/// An EXIF block (the APP1 payload): orientation `orientation` and a GPS latitude of 51° 30′ N.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"II*\0");
    t.extend_from_slice(&8u32.to_le_bytes());
    // IFD0: Orientation, and the pointer to the GPS IFD.
    t.extend_from_slice(&2u16.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value);
    };
    let o = orientation.to_le_bytes();
    entry(&mut t, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    let gps_ifd: u32 = 8 + 2 + 2 * 12 + 4;
    entry(&mut t, 0x8825, 4, 1, gps_ifd.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(t.len() as u32, gps_ifd);
    // The GPS IFD: GPSLatitudeRef "N", GPSLatitude 51/1 30/1 0/1.
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    let rationals = gps_ifd + 2 + 2 * 12 + 4;
    entry(&mut t, 0x0002, 5, 3, rationals.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(51u32, 1u32), (30, 1), (0, 1)] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(t);
    payload
}

/// A JPEG of `picture` carrying `exif` in an APP1 segment right after its start marker.
fn jpeg_with_exif(picture: &RgbImage, exif: &[u8]) -> Vec<u8> {
    let plain = encoded(picture, ImageFormat::Jpeg);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(exif);
    out.extend_from_slice(&plain[2..]);
    out
}

/// Every `srcset` and `src` URL of an image in `html`, with the width a srcset gives it.
fn image_urls(html: &str) -> Vec<(String, Option<u32>)> {
    let mut found = Vec::new();
    let srcset = Regex::new(r#"srcset="([^"]*)""#).unwrap();
    for set in srcset.captures_iter(html) {
        for candidate in set[1].split(", ") {
            let (url, width) = match candidate.rsplit_once(' ') {
                Some((url, width)) => (url, width.strip_suffix('w').and_then(|w| w.parse().ok())),
                None => (candidate, None),
            };
            found.push((url.to_string(), width));
        }
    }
    let src = Regex::new(r#"<img src="([^"]*)""#).unwrap();
    for m in src.captures_iter(html) {
        found.push((m[1].to_string(), None));
    }
    found
}

/// The file a link on the page at `page` (site-relative) names, under `public`.
fn linked_file(public: &Path, page: &str, link: &str) -> std::path::PathBuf {
    let resolved = resolve(page, link).unwrap_or_else(|| panic!("{link} from {page}"));
    public.join(resolved)
}

/// A picture file's pixel size: decoded, or for AVIF (which the image crate decodes only
/// through the C library dav1d) read from its AV1 stream's sequence header; the browser suite
/// has Chromium decode those.
fn decoded_size(path: &Path) -> (u32, u32) {
    if path.extension().is_some_and(|e| e == "avif") {
        let bytes = std::fs::read(path).unwrap();
        let meta = avif_parse::read_avif(&mut &bytes[..])
            .and_then(|avif| avif.primary_item_metadata())
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        return (meta.max_frame_width.get(), meta.max_frame_height.get());
    }
    image::image_dimensions(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn meta(html: &str, property: &str) -> Option<String> {
    let re = Regex::new(&format!(
        r#"<meta (?:property|name)="{property}" content="([^"]*)">"#
    ))
    .unwrap();
    re.captures(html).map(|c| c[1].to_string())
}

const ROTATED: &str = "2023/06/16/rotated-harbor-picture/index.html";
const WIDE: &str = "2023/06/17/wide-field-picture/index.html";

fn site_with_pictures() -> Project {
    let p = Project::new();
    p.write(
        "site.toml",
        "title = \"News\"\nbase_url = \"https://example.org/\"\n",
    );
    // Stored 1700 × 1000 and tagged "rotate 90° clockwise": upright it is 1000 × 1700.
    p.write(
        "seeds/rotated.md",
        "+++\ntitle = \"Rotated harbor picture\"\ndate = 2023-06-16\nimage_caption = \"Boats at the harbor.\"\nimage_credit = \"Photo: A. Lens\"\nimage_alt = \"Three boats tied up at a wooden pier\"\n+++\n\nThe harbor was calm.\n",
    );
    p.write(
        "seeds/rotated.jpg",
        jpeg_with_exif(&photo(1700, 1000), &exif(6)),
    );
    // A PNG named in the sidecar, in a folder of its own, without alt text.
    p.write(
        "seeds/wide.txt",
        wire_story(
            "Wide field picture",
            "JANE DOE",
            "June 17, 2023",
            "OMAHA",
            "The field stretched to the horizon.",
        ),
    );
    p.write(
        "seeds/wide.toml",
        "image = \"pictures/field.png\"\nimage_caption = \"The field at dawn.\"\n",
    );
    p.write(
        "seeds/pictures/field.png",
        encoded(&photo(2000, 1000), ImageFormat::Png),
    );
    p
}

#[test]
fn lead_images_come_in_every_width_upright_and_without_metadata() {
    let p = site_with_pictures();
    let out = p.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("2 images (2 processed, 0 from the cache)"),
        "{stdout}"
    );
    // The sidecar's picture has no alt text: a warning naming the story.
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("seeds/wide.txt") && l.contains("no alt text")),
        "{stderr}"
    );
    assert!(
        !stderr.contains("seeds/rotated.md: warning: no alt"),
        "{stderr}"
    );

    let public = p.public();
    let img = Regex::new(r#"<img [^>]*width="(\d+)" height="(\d+)""#).unwrap();
    for (page, upright, widths) in [
        (ROTATED, (1000u32, 1700u32), vec![480u32, 960]),
        (WIDE, (2000, 1000), vec![480, 960, 1600]),
    ] {
        let html = p.read(&format!("public/{page}"));
        assert!(html.contains("<figure class=\"lead-image\">"), "{page}");
        assert!(html.contains("fetchpriority=\"high\""), "{page}");
        let urls = image_urls(&html);
        assert!(!urls.is_empty(), "{page}");
        let mut seen_widths = Vec::new();
        for (url, width) in &urls {
            let file = linked_file(&public, page, url);
            let (w, h) = decoded_size(&file);
            if let Some(width) = width {
                assert_eq!(w, *width, "{url}");
                seen_widths.push(w);
            }
            // Each size keeps the upright picture's shape.
            let expected_h = (u64::from(upright.1) * u64::from(w)).div_ceil(u64::from(upright.0));
            assert!(h.abs_diff(expected_h as u32) <= 1, "{url}: {w} × {h}");
        }
        seen_widths.sort_unstable();
        seen_widths.dedup();
        assert_eq!(seen_widths, widths, "{page}");
        // Width and height attributes give the box its shape before the picture loads.
        let c = img.captures(&html).unwrap();
        let (w, h): (u32, u32) = (c[1].parse().unwrap(), c[2].parse().unwrap());
        let shape = u64::from(w) * u64::from(upright.1) / u64::from(h);
        assert!(shape.abs_diff(u64::from(upright.0)) <= 2, "{w} × {h}");
    }

    let rotated = p.read(&format!("public/{ROTATED}"));
    assert!(rotated.contains("alt=\"Three boats tied up at a wooden pier\""));
    assert!(rotated.contains("<figcaption>Boats at the harbor. <span class=\"image-credit\">Photo: A. Lens</span></figcaption>"));
    // Without alt text, the caption stands in.
    assert!(p
        .read(&format!("public/{WIDE}"))
        .contains("alt=\"The field at dawn.\""));

    // No output image carries EXIF (GPS or any other), XMP or a TIFF header.
    let mut images = 0;
    let mut avif_files = 0;
    for entry in walkdir::WalkDir::new(public.join("static/images")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        images += 1;
        let bytes = std::fs::read(entry.path()).unwrap();
        for marker in [
            &b"Exif"[..],
            b"EXIF",
            b"II*\0",
            b"MM\0*",
            b"http://ns.adobe.com/xap",
        ] {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker),
                "{} holds {:?}",
                entry.path().display(),
                String::from_utf8_lossy(marker)
            );
        }
        // An AVIF would hold EXIF as an item of type `Exif`, which the scan above looks for;
        // the image crate cannot open AVIF to ask it.
        if entry.path().extension().is_some_and(|e| e == "avif") {
            avif_files += 1;
            continue;
        }
        let mut decoder = ImageReader::new(Cursor::new(&bytes))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        assert_eq!(
            decoder.exif_metadata().unwrap(),
            None,
            "{}",
            entry.path().display()
        );
    }
    // Two pictures: the widths and the card as AVIF, WebP and JPEG, three crops as JPEG.
    assert_eq!(images, (3 * 3 + 3) + (4 * 3 + 3));
    assert_eq!(avif_files, 3 + 4);
}

#[test]
fn previews_and_structured_data_use_the_crops() {
    let p = site_with_pictures();
    p.build(&[]);
    let public = p.public();
    let html = p.read(&format!("public/{WIDE}"));
    assert_eq!(
        meta(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    let og = meta(&html, "og:image").unwrap();
    let og_file = public.join(og.strip_prefix("https://example.org/").unwrap());
    assert_eq!(decoded_size(&og_file), (1200, 675));
    assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
    assert_eq!(meta(&html, "og:image:height").as_deref(), Some("675"));

    let script = Regex::new(r#"<script type="application/ld\+json">(.*?)</script>"#).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&script.captures(&html).unwrap()[1]).unwrap();
    let images: Vec<&str> = json["@graph"][0]["image"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let sizes: Vec<(u32, u32)> = images
        .iter()
        .map(|url| decoded_size(&public.join(url.strip_prefix("https://example.org/").unwrap())))
        .collect();
    // 16:9 and 4:3 at 1,200 wide; the 1:1 crop of a 1,000-pixel-tall source is 1,000 square.
    assert_eq!(sizes, [(1200, 675), (1200, 900), (1000, 1000)]);

    // A page without a picture keeps the logo and the small card.
    let front = p.read("public/index.html");
    assert_eq!(meta(&front, "twitter:card").as_deref(), Some("summary"));
    // The lead story's picture is not lazy; the other cards' are.
    let lead = front.split("<section class=\"latest\"").next().unwrap();
    assert!(lead.contains("fetchpriority=\"high\"") && !lead.contains("loading=\"lazy\""));
    let rest = front.split("<section class=\"latest\"").nth(1).unwrap();
    assert!(rest.contains("loading=\"lazy\""), "{rest}");
    for (url, _) in image_urls(&front) {
        assert!(linked_file(&public, "index.html", &url).is_file(), "{url}");
    }
}

#[test]
fn a_rebuild_takes_pictures_from_the_cache() {
    let p = site_with_pictures();
    p.build(&[]);
    let first = tree(&p.public().join("static/images"));
    let out = p.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2 images (0 processed, 2 from the cache)"),
        "{stdout}"
    );
    assert_eq!(tree(&p.public().join("static/images")), first);
    assert!(p.path().join(".broadsheet-cache/images").is_dir());

    // A changed picture is processed again; the other still comes from the cache.
    p.write(
        "seeds/pictures/field.png",
        encoded(&photo(1800, 1000), ImageFormat::Png),
    );
    let out = p.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2 images (1 processed, 1 from the cache)"),
        "{stdout}"
    );
}

#[test]
fn hostile_pictures_are_warnings_and_their_stories_build() {
    let p = Project::new();
    let valid = encoded(&photo(640, 480), ImageFormat::Jpeg);
    // A frame header claiming 30,000 × 30,000 pixels.
    let mut huge = valid.clone();
    let sof = huge.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    huge[sof + 5..sof + 7].copy_from_slice(&30_000u16.to_be_bytes());
    huge[sof + 7..sof + 9].copy_from_slice(&30_000u16.to_be_bytes());
    let truncated = valid[..valid.len() / 3].to_vec();
    let mut corrupt = valid[..200].to_vec();
    corrupt.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let cases: [(&str, Vec<u8>); 5] = [
        ("huge", huge),
        ("truncated", truncated),
        ("corrupt", corrupt),
        ("text", b"This is not a picture at all.\n".to_vec()),
        ("empty", Vec::new()),
    ];
    for (i, (name, bytes)) in cases.iter().enumerate() {
        p.write(
            &format!("seeds/{name}.txt"),
            wire_story(
                &format!("Story {name}"),
                "JANE DOE",
                &format!("June {}, 2023", i + 1),
                "OMAHA",
                "Something happened.",
            ),
        );
        p.write(&format!("seeds/{name}.jpg"), bytes);
    }
    let out = p.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("built 5 articles"), "{stdout}");
    for (name, _) in &cases {
        let warned = stderr.lines().any(|l| {
            l.contains(&format!("seeds/{name}.jpg")) && l.contains("published without it")
        });
        assert!(warned, "{name}: {stderr}");
    }
    for html in html_files(&p.public()) {
        let text = std::fs::read_to_string(p.public().join(&html)).unwrap();
        assert!(!text.contains("<img"), "{html}");
    }
    assert!(!p.public().join("static/images").exists());
}

#[test]
fn pictures_outside_the_site_and_remote_ones_are_never_read() {
    let p = Project::new();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.png");
    std::fs::write(&secret, encoded(&photo(600, 400), ImageFormat::Png)).unwrap();
    p.write(
        "seeds/away.md",
        format!(
            "+++\ntitle = \"Away\"\ndate = 2023-06-16\nimage = {:?}\nimage_alt = \"x\"\n+++\n\nBody.\n",
            secret.display().to_string()
        ),
    );
    p.write(
        "seeds/remote.md",
        "+++\ntitle = \"Remote\"\ndate = 2023-06-17\nimage = \"https://example.com/a.jpg\"\nimage_alt = \"x\"\n+++\n\nBody.\n",
    );
    let out = p.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("secret.png"), "{stderr}");
    for html in html_files(&p.public()) {
        let text = std::fs::read_to_string(p.public().join(&html)).unwrap();
        assert!(!text.contains("<img"), "{html}");
        assert!(!text.contains("example.com/a.jpg\" width"), "{html}");
    }
    assert!(!p.public().join("static/images").exists());
}
