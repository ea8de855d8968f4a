//! From a picture's bytes to upright pixels, with every limit checked before memory is spent:
//! the file's size, then the dimensions its header states, then the decoder's own allocations.
//! Metadata (EXIF with any GPS position, XMP, ICC) is read only for the orientation and never
//! travels further: what leaves here is pixels.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

/// The largest picture file read at all.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most pixels a picture may have: 50 megapixels (an 8,660 × 5,773 frame) covers every
/// newsroom camera, and decoded as RGB it is 150 MB, of which a build holds one per core.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The longest side, so a 100,000 × 10 strip is refused too.
pub const MAX_SIDE: u32 = 20_000;
/// What a decoder may allocate for one picture.
const MAX_ALLOC: u64 = 400 * 1024 * 1024;

/// Why a picture cannot be used; the message completes "the lead image …".
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("is not a picture this build can read (JPEG, PNG or WebP)")]
    NotAPicture,
    #[error("is AVIF, which this build cannot decode; save it as JPEG, PNG or WebP")]
    Avif,
    #[error("is {width} × {height} pixels, more than the {max} megapixels a lead image may have")]
    TooLarge { width: u32, height: u32, max: u64 },
    #[error("is larger than a lead image may be ({MAX_SIDE} pixels a side, {} megapixels)", MAX_PIXELS / 1_000_000)]
    OverLimits,
    #[error("is cut off before its end")]
    Truncated,
    #[error("cannot be decoded: {0}")]
    Corrupt(String),
}

/// What decoding `bytes` and making its files may hold at the peak, from the header alone:
/// the RGB pixels, an RGBA copy while transparency is laid on white, and the widest size.
/// Unreadable headers cost nothing (they are refused before any pixel is decoded).
pub fn decoded_bytes(bytes: &[u8]) -> u64 {
    let dimensions = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_dimensions().ok());
    match dimensions {
        Some((w, h)) if u64::from(w) * u64::from(h) <= MAX_PIXELS => {
            u64::from(w) * u64::from(h) * 8
        }
        _ => 0,
    }
}

/// The first bytes of AVIF's container (`ftyp` then an AVIF brand).
fn is_avif(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && matches!(&bytes[8..12], b"avif" | b"avis")
}

/// Decodes `bytes`, turned upright by its EXIF orientation, as RGB (transparency laid on white,
/// as the page shows it).
pub fn decode(bytes: &[u8]) -> Result<RgbImage, DecodeError> {
    if is_avif(bytes) {
        return Err(DecodeError::Avif);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| DecodeError::Corrupt(e.to_string()))?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        _ => return Err(DecodeError::NotAPicture),
    }
    // The JPEG decoder makes what it can of a cut-off file and greys out the rest; a picture
    // that lost its end is refused instead of published half grey.
    if reader.format() == Some(ImageFormat::Jpeg) && !jpeg_has_end(bytes) {
        return Err(DecodeError::Truncated);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refused)?;
    // The header's word on the size, before a pixel is decoded.
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width.max(height) > MAX_SIDE {
        return Err(too_large(width, height));
    }
    // A missing or unreadable orientation is upright, as every viewer takes it.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refused)?;
    picture.apply_orientation(orientation);
    Ok(flatten(picture))
}

/// Whether a JPEG's image data is followed by its end marker. The segments before the first
/// scan are skipped by their lengths (an EXIF thumbnail inside one has an end marker of its
/// own); inside scan data a 0xFF byte is always followed by 0x00 or a restart marker, so the
/// first `FF D9` after the scan starts is the image's end.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            // Fill bytes before a marker.
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if marker == 0xDA {
            let scan = at + 2 + length;
            return bytes
                .get(scan..)
                .is_some_and(|rest| rest.windows(2).any(|w| w == [0xFF, 0xD9]));
        }
        at += 2 + length;
    }
    false
}

fn too_large(width: u32, height: u32) -> DecodeError {
    DecodeError::TooLarge {
        width,
        height,
        max: MAX_PIXELS / 1_000_000,
    }
}

fn refused(e: image::ImageError) -> DecodeError {
    match e {
        image::ImageError::Unsupported(_) => DecodeError::NotAPicture,
        image::ImageError::Limits(_) => DecodeError::OverLimits,
        other => DecodeError::Corrupt(other.to_string()),
    }
}

/// RGB, with any transparency composed over white.
fn flatten(picture: DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let rgba = picture.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut rgb = RgbImage::new(width, height);
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let alpha = u16::from(px[3]);
        for c in 0..3 {
            let over_white = (u16::from(px[c]) * alpha + 255 * (255 - alpha) + 127) / 255;
            out[c] = over_white as u8;
        }
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, alpha: u8) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(width, height, image::Rgba([0, 0, 0, alpha]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn transparency_is_laid_on_white() {
        let rgb = decode(&png(2, 1, 0)).unwrap();
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 255, 255]);
        let rgb = decode(&png(2, 1, 255)).unwrap();
        assert_eq!(rgb.get_pixel(1, 0).0, [0, 0, 0]);
    }

    #[test]
    fn what_is_not_a_picture_says_so() {
        assert_eq!(decode(b"Just some text."), Err(DecodeError::NotAPicture));
        assert_eq!(decode(b""), Err(DecodeError::NotAPicture));
        assert_eq!(
            decode(b"\0\0\0\x1cftypavif\0\0\0\0"),
            Err(DecodeError::Avif)
        );
        // A GIF decodes, but is not a lead image this build takes.
        assert_eq!(decode(b"GIF89a\x01\0\x01\0"), Err(DecodeError::NotAPicture));
    }

    #[test]
    fn a_cut_off_jpeg_is_refused() {
        let mut bytes = Vec::new();
        image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 7]))
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg)
            .unwrap();
        assert!(decode(&bytes).is_ok());
        assert!(jpeg_has_end(&bytes));
        for cut in [bytes.len() - 2, bytes.len() / 2, 30] {
            assert_eq!(decode(&bytes[..cut]), Err(DecodeError::Truncated), "{cut}");
        }
    }

    #[test]
    fn a_huge_header_is_refused_before_decoding() {
        // A JPEG whose frame header claims 30,000 × 30,000 pixels, with 8 × 8 behind it.
        let mut bytes = Vec::new();
        image::RgbImage::new(8, 8)
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg)
            .unwrap();
        let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bytes[sof + 5..sof + 7].copy_from_slice(&30_000u16.to_be_bytes());
        bytes[sof + 7..sof + 9].copy_from_slice(&30_000u16.to_be_bytes());
        let err = decode(&bytes).unwrap_err();
        assert!(
            matches!(err, DecodeError::TooLarge { .. } | DecodeError::OverLimits),
            "{err:?}"
        );
    }
}
