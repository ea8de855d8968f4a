//! Writes a photo-like JPEG for the image benchmark (`benches/compare_images.py`): a gradient
//! with shapes and grain, so encoders meet something like a photograph's detail rather than a
//! flat field that compresses to nothing.
//!
//! usage: cargo run --release --example bench_photo -- WIDTH HEIGHT OUT.jpg

use image::{Rgb, RgbImage};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [width, height, out] = args.as_slice() else {
        eprintln!("usage: bench_photo WIDTH HEIGHT OUT.jpg");
        std::process::exit(2);
    };
    let (width, height): (u32, u32) = match (width.parse(), height.parse()) {
        (Ok(w), Ok(h)) => (w, h),
        _ => {
            eprintln!("WIDTH and HEIGHT are numbers of pixels");
            std::process::exit(2);
        }
    };
    // A fixed xorshift: the same file on every machine.
    let mut state: u32 = 0x9E37_79B9;
    let mut grain = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 24) as i32 - 12
    };
    let picture = RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let mut px = [40.0 + 160.0 * fy, 90.0 + 100.0 * fx, 180.0 - 120.0 * fy];
        // A sun, hills and a building.
        let (dx, dy) = (fx - 0.7, fy - 0.25);
        if dx * dx + dy * dy < 0.01 {
            px = [250.0, 220.0, 140.0];
        }
        if fy > 0.6 + 0.08 * (fx * 9.0).sin() {
            px = [60.0 + 40.0 * fx, 110.0, 50.0];
        }
        if (0.15..0.35).contains(&fx) && fy > 0.4 {
            px = if (x / 40 + y / 60) % 2 == 0 {
                [150.0, 70.0, 50.0]
            } else {
                [230.0, 200.0, 120.0]
            };
        }
        let g = grain() as f32;
        Rgb(px.map(|c| (c + g).clamp(0.0, 255.0) as u8))
    });
    let file = std::fs::File::create(out).unwrap_or_else(|e| {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    });
    let mut writer = std::io::BufWriter::new(file);
    if let Err(e) =
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut writer, 85).encode_image(&picture)
    {
        eprintln!("cannot encode {out}: {e}");
        std::process::exit(1);
    }
}
