//! The files made of one upright picture: the article's widths and the card's crop, each as
//! AVIF, WebP and JPEG, and the crops search engines and link previews ask for (as JPEG alone,
//! which every crawler reads). Encoding from pixels writes no metadata at all.

use image::imageops::{self, FilterType};
use image::RgbImage;

use crate::model::{Picture, Rendition};

/// The article's widths; a source narrower than one gets its own width instead.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The card's crop: 16:9, 400 px wide (a thumbnail of about 200 CSS px, sharp at 2×).
pub const CARD: (u32, u32, u32) = (16, 9, 400);
/// The crops Google's article guidance asks for, at least this wide when the source allows.
pub const CROP_WIDTH: u32 = 1200;
pub const CROPS: [(u32, u32); 3] = [(16, 9), (4, 3), (1, 1)];
pub const WEBP_QUALITY: f32 = 75.0;
/// AVIF at quality 60 makes files about the size of WebP's at 75 for the small widths and a
/// third smaller at 1,600 px, with fewer blocky artefacts in skies and skin.
pub const AVIF_QUALITY: f32 = 60.0;
/// rav1e's fastest preset: 0.1 s for a 480 px photo and about 1 s for a 1,600 px one on one
/// core. Speed 8 saves a few percent of bytes for three times the time, which a newsroom's
/// first build of a picture archive would pay on every picture.
pub const AVIF_SPEED: u8 = 10;
pub const JPEG_QUALITY: u8 = 80;
/// Triangle (bilinear over the whole footprint) looks like Lanczos when shrinking a photo by
/// half or more, at a third of its cost.
const FILTER: FilterType = FilterType::Triangle;

/// Everything that changes the bytes made, for the cache key: change one and every picture is
/// made again.
pub fn settings() -> String {
    format!(
        "renditions 1; widths {WIDTHS:?}; card {CARD:?}; crops {CROPS:?} at {CROP_WIDTH}; \
         avif q{AVIF_QUALITY} s{AVIF_SPEED} (rav1e); webp q{WEBP_QUALITY} (libwebp); jpeg q{JPEG_QUALITY}; filter {FILTER:?}"
    )
}

/// One file made: its name and bytes.
pub struct Made {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Makes every file of `picture`, named `{key}-{what}.{ext}` under `folder` (site-relative).
pub fn make(picture: &RgbImage, key: &str, folder: &str) -> Result<(Picture, Vec<Made>), String> {
    let (width, height) = picture.dimensions();
    let mut files = Vec::new();
    // `choice`: the page offers this size in the newer formats too (a `<picture>`'s sources).
    let mut add = |what: &str, pixels: &RgbImage, choice: bool| -> Result<Rendition, String> {
        let (w, h) = pixels.dimensions();
        let mut file = |ext: &str, bytes: Vec<u8>| {
            let name = format!("{key}-{what}.{ext}");
            let path = format!("{folder}{name}");
            files.push(Made { name, bytes });
            path
        };
        let jpeg = file("jpg", encode_jpeg(pixels)?);
        let (avif, webp) = if choice {
            (
                Some(file("avif", encode_avif(pixels)?)),
                Some(file("webp", encode_webp(pixels)?)),
            )
        } else {
            (None, None)
        };
        Ok(Rendition {
            width: w,
            height: h,
            avif,
            webp,
            jpeg,
        })
    };

    // Each width is made from the next wider one: shrinking 1600 → 960 costs a tenth of
    // shrinking the source again, and the result is the same to the eye.
    let mut sizes = Vec::new();
    let mut largest: Option<RgbImage> = None;
    let mut wider: Option<RgbImage> = None;
    for target in widths_for(width).into_iter().rev() {
        let from = wider.as_ref().unwrap_or(picture);
        let scaled = scale_to_width(from, target);
        sizes.push(add(&format!("{target}"), &scaled, true)?);
        if largest.is_none() {
            largest = Some(scaled.clone());
        }
        wider = Some(scaled);
    }
    sizes.reverse();

    // The card comes from the narrowest width, which still covers it.
    let (cw, ch, card_width) = CARD;
    let card_from = wider.as_ref().unwrap_or(picture);
    let card = add("card", &crop_to(card_from, cw, ch, card_width), true)?;
    // Each crop from the largest width when that still gives it its full width, else from the
    // source.
    let mut crops = Vec::new();
    for (cw, ch) in CROPS {
        let from = match &largest {
            Some(l) if region(l.dimensions(), cw, ch).0 >= CROP_WIDTH => l,
            _ => picture,
        };
        crops.push(add(
            &format!("{cw}x{ch}"),
            &crop_to(from, cw, ch, CROP_WIDTH),
            false,
        )?);
    }
    Ok((
        Picture {
            width,
            height,
            sizes,
            card,
            crops,
        },
        files,
    ))
}

/// The article widths for a source `width` wide: the standard ones it covers, or its own.
pub fn widths_for(width: u32) -> Vec<u32> {
    let fitting: Vec<u32> = WIDTHS.into_iter().filter(|w| *w <= width).collect();
    if fitting.is_empty() {
        vec![width]
    } else {
        fitting
    }
}

fn scale_to_width(picture: &RgbImage, width: u32) -> RgbImage {
    let (w, h) = picture.dimensions();
    if w == width {
        return picture.clone();
    }
    let height = scaled_height(w, h, width);
    imageops::resize(picture, width, height, FILTER)
}

fn scaled_height(w: u32, h: u32, width: u32) -> u32 {
    ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32
}

/// The size of the largest `rw`:`rh` region of a `w` × `h` picture.
fn region((w, h): (u32, u32), rw: u32, rh: u32) -> (u32, u32) {
    if u64::from(w) * u64::from(rh) > u64::from(h) * u64::from(rw) {
        (
            (u64::from(h) * u64::from(rw) / u64::from(rh)).max(1) as u32,
            h,
        )
    } else {
        (
            w,
            (u64::from(w) * u64::from(rh) / u64::from(rw)).max(1) as u32,
        )
    }
}

/// The largest centred `rw`:`rh` region of `picture`, shrunk to `width` wide when wider.
fn crop_to(picture: &RgbImage, rw: u32, rh: u32, width: u32) -> RgbImage {
    let (w, h) = picture.dimensions();
    let (region_w, region_h) = region((w, h), rw, rh);
    let region = imageops::crop_imm(
        picture,
        (w - region_w) / 2,
        (h - region_h) / 2,
        region_w,
        region_h,
    )
    .to_image();
    if region_w > width {
        let height = (u64::from(width) * u64::from(rh) / u64::from(rw)).max(1) as u32;
        imageops::resize(&region, width, height, FILTER)
    } else {
        region
    }
}

fn encode_jpeg(pixels: &RgbImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(pixels)
        .map_err(|e| format!("cannot be written as JPEG: {e}"))?;
    Ok(out)
}

fn encode_webp(pixels: &RgbImage) -> Result<Vec<u8>, String> {
    let (w, h) = pixels.dimensions();
    webp::Encoder::from_rgb(pixels.as_raw(), w, h)
        .encode_simple(false, WEBP_QUALITY)
        .map(|memory| memory.to_vec())
        .map_err(|e| format!("cannot be written as WebP: {e:?}"))
}

fn encode_avif(pixels: &RgbImage) -> Result<Vec<u8>, String> {
    let (w, h) = pixels.dimensions();
    // Opaque RGBA rather than RGB: ravif's RGB entry point is generic over its pixel iterator,
    // so the whole AV1 encoder would be compiled into this crate (unoptimised in debug builds,
    // where it then runs thirty times slower); its RGBA one is compiled in ravif, and an alpha
    // channel that is opaque everywhere is left out of the file.
    let rgba: Vec<ravif::RGBA8> = pixels
        .as_raw()
        .chunks_exact(3)
        .map(|p| ravif::RGBA8::new(p[0], p[1], p[2], 255))
        .collect();
    ravif::Encoder::new()
        .with_quality(AVIF_QUALITY)
        .with_speed(AVIF_SPEED)
        .encode_rgba(ravif::Img::new(&rgba[..], w as usize, h as usize))
        .map(|encoded| encoded.avif_file)
        .map_err(|e| format!("cannot be written as AVIF: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_pass_the_source() {
        assert_eq!(widths_for(3000), [480, 960, 1600]);
        assert_eq!(widths_for(1000), [480, 960]);
        assert_eq!(widths_for(480), [480]);
        assert_eq!(widths_for(300), [300]);
    }

    #[test]
    fn crops_are_centred_and_shrunk() {
        let picture = RgbImage::new(3000, 2000);
        assert_eq!(crop_to(&picture, 16, 9, 1200).dimensions(), (1200, 675));
        assert_eq!(crop_to(&picture, 1, 1, 1200).dimensions(), (1200, 1200));
        assert_eq!(crop_to(&picture, 4, 3, 1200).dimensions(), (1200, 900));
        // A small source keeps its pixels: the largest region it holds.
        let small = RgbImage::new(640, 480);
        assert_eq!(crop_to(&small, 16, 9, 1200).dimensions(), (640, 360));
        assert_eq!(crop_to(&small, 1, 1, 1200).dimensions(), (480, 480));
    }

    #[test]
    fn every_file_is_named_by_the_key_and_decodes_to_its_size() {
        let picture = RgbImage::from_fn(1000, 500, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let (made, files) = make(&picture, "k", "static/images/").unwrap();
        assert_eq!(made.sizes.len(), 2);
        assert_eq!((made.sizes[1].width, made.sizes[1].height), (960, 480));
        assert_eq!(
            made.sizes[0].webp.as_deref(),
            Some("static/images/k-480.webp")
        );
        assert_eq!(
            made.sizes[0].avif.as_deref(),
            Some("static/images/k-480.avif")
        );
        // Two widths and the card in three formats, three crops as JPEG.
        assert_eq!(files.len(), 3 * 3 + 3);
        let expected: std::collections::HashMap<String, (u32, u32)> = made
            .sizes
            .iter()
            .chain([&made.card])
            .chain(&made.crops)
            .flat_map(|r| r.files().map(|f| (f.to_string(), (r.width, r.height))))
            .collect();
        for file in &files {
            assert!(file.name.starts_with("k-"), "{}", file.name);
            let size = if file.name.ends_with(".avif") {
                // Its size as the AV1 stream's sequence header gives it; the browser suite
                // decodes the files.
                let meta = avif_parse::read_avif(&mut &file.bytes[..])
                    .and_then(|avif| avif.primary_item_metadata())
                    .unwrap();
                (meta.max_frame_width.get(), meta.max_frame_height.get())
            } else {
                image::GenericImageView::dimensions(&image::load_from_memory(&file.bytes).unwrap())
            };
            assert_eq!(
                Some(&size),
                expected.get(&format!("static/images/{}", file.name)),
                "{}",
                file.name
            );
        }
    }
}
