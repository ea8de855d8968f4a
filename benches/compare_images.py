#!/usr/bin/env python3
"""broadsheet's lead images against Hugo's image processing, on the same pictures in one run.

Generates N wire stories (the archive of compare_hugo.py), each with a 3,000 x 2,000 JPEG:
beside the seed for broadsheet (`000123.jpg` pairs with `000123.txt`), in a page bundle for
Hugo. The pictures share their pixels (one photo-like frame drawn by
`examples/bench_photo.rs`) but each carries a comment segment of its own, so every file has its
own content hash and neither tool can process one picture for all; decoding, resizing and
encoding cost the same as for distinct photographs of that size.

Both tools make these files of each picture: widths 480, 960 and 1600 as WebP (q75) and JPEG
(q80), a 400 x 225 card crop in both, and 16:9, 4:3 and 1:1 crops 1,200 wide as JPEG (Hugo:
`.Resize "480x webp q75"`, `.Fill "1200x675 Center jpg q80"` ...). broadsheet also writes the
widths and the card as AVIF, which Hugo cannot encode: its times include that work.

Each tool is timed building with an empty image cache (first build), then again with the cache
the first build left (rebuild), alternating, `--runs` times; the table gives medians.

usage: benches/compare_images.py [--articles 1000] [--runs 1] [--keep DIR]
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_hugo import DEFAULT_SITE, HUGO_CONFIG, HUGO_LAYOUTS, measure, story, wire_copy  # noqa: E402

import random  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 3000, 2000

HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Resources.GetMatch "image.jpg" }}{{ $img := . }}
<picture>
<source type="image/webp" srcset="{{ range $i, $w := slice 480 960 1600 }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx webp q75" $w)).RelPermalink }} {{ $w }}w{{ end }}">
<img src="{{ ($img.Resize "960x jpg q80").RelPermalink }}" srcset="{{ range $i, $w := slice 480 960 1600 }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx jpg q80" $w)).RelPermalink }} {{ $w }}w{{ end }}" alt="">
</picture>
{{ $card := $img.Fill "400x225 Center webp q75" }}{{ $cardj := $img.Fill "400x225 Center jpg q80" }}
<link rel="preload" as="image" href="{{ $card.RelPermalink }}"><link rel="preload" as="image" href="{{ $cardj.RelPermalink }}">
{{ range slice "1200x675" "1200x900" "1200x1200" }}<meta property="og:image" content="{{ ($img.Fill (printf "%s Center jpg q80" .)).Permalink }}">{{ end }}
{{ end }}{{ .Content }}</article>{{ end }}"""


def comment_segment(i):
    """A JPEG COM segment naming picture `i`: a different file, the same pixels."""
    text = f"benchmark picture {i:06d}".encode()
    return b"\xFF\xFE" + (len(text) + 2).to_bytes(2, "big") + text


def generate(n, work, photo):
    rng = random.Random(1000 + n)
    b, h = work / "broadsheet", work / "hugo"
    (b / "seeds").mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        path = h / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (h / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (h / "hugo.toml").write_text(HUGO_CONFIG)
    (b / "site.toml").write_text(DEFAULT_SITE)
    for i in range(n):
        s = story(i, rng)
        picture = photo[:2] + comment_segment(i) + photo[2:]
        seed_dir = b / "seeds" / f"{i // 1000:03d}"
        seed_dir.mkdir(exist_ok=True)
        (seed_dir / f"{i:06d}.txt").write_text(wire_copy(s, i % 4))
        (seed_dir / f"{i:06d}.toml").write_text(
            "topics = [" + ", ".join(f'"{t}"' for t in s[5]) + "]\n"
            'image_alt = "A building below hills under a low sun"\n')
        (seed_dir / f"{i:06d}.jpg").write_bytes(picture)
        headline, author, _, _, (y, m, d), topics, paragraphs = s
        bundle = h / "content" / "posts" / f"{i:06d}"
        bundle.mkdir(parents=True)
        front = (f'+++\ntitle = "{headline}"\ndate = {y:04d}-{m:02d}-{d:02d}\n'
                 f'authors = ["{author}"]\ntags = [' + ", ".join(f'"{t}"' for t in topics) + "]\n+++\n\n")
        (bundle / "index.md").write_text(front + "\n\n".join(paragraphs) + "\n")
        (bundle / "image.jpg").write_bytes(picture)


def row(name, runs):
    wall = statistics.median(r["wall"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    rss = statistics.median(r["rss_mb"] for r in runs)
    size = statistics.median(r["size_mb"] for r in runs)
    files = statistics.median(r["files"] for r in runs)
    print(f"{name:<40} {wall:>8.2f} {cpu:>8.2f} {rss:>8.0f} {size:>8.1f} {files:>8.0f}")
    return wall


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", type=pathlib.Path)
    args = parser.parse_args()
    if not shutil.which("hugo"):
        subprocess.run(["apt-get", "install", "-y", "-q", "hugo"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--locked", "--bins", "--example", "bench_photo"],
                   cwd=ROOT, check=True)
    binary = str(ROOT / "target" / "release" / "broadsheet")
    work = pathlib.Path(tempfile.mkdtemp(prefix=f"bench-images-{args.articles}-", dir=args.keep))
    frame = work / "frame.jpg"
    subprocess.run([str(ROOT / "target" / "release" / "examples" / "bench_photo"), str(WIDTH), str(HEIGHT),
                    str(frame)], check=True)
    generate(args.articles, work, frame.read_bytes())
    b, h = work / "broadsheet", work / "hugo"
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    print(f"broadsheet {commit} vs Hugo {hugo_version}, {os.cpu_count()} cores, {args.articles} articles "
          f"each with a {WIDTH} x {HEIGHT} JPEG ({frame.stat().st_size // 1024} KB), "
          f"median of {args.runs} alternating runs, {time.strftime('%Y-%m-%d')}")
    print(f"{'':<40} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'out MB':>8} {'files':>8}")
    runs = {k: [] for k in ["hugo first", "hugo rebuild", "ours first", "ours rebuild"]}
    os.sync()
    time.sleep(10)
    for run in range(args.runs):
        for cache in [h / "resources", h / "hugo-cache", b / ".broadsheet-cache"]:
            shutil.rmtree(cache, ignore_errors=True)
        hugo = lambda out: ["hugo", "--quiet", "--cacheDir", str(h / "hugo-cache"), "-d", str(out)]  # noqa: E731
        for label in ["first", "rebuild"]:
            out = h / f"public-{label}-{run}"
            runs[f"hugo {label}"].append(measure(hugo(out), h, out, h / "content"))
            out = b / f"public-{label}-{run}"
            runs[f"ours {label}"].append(measure([binary, "build", "--quiet", "--output", str(out)], b, out,
                                                 b / "seeds"))
    hugo_first = row("hugo, first build", runs["hugo first"])
    hugo_again = row("hugo, rebuild with its cache", runs["hugo rebuild"])
    ours_first = row("broadsheet, first build", runs["ours first"])
    ours_again = row("broadsheet, rebuild with its cache", runs["ours rebuild"])
    print(f"broadsheet/hugo: first build {ours_first / hugo_first:.2f}, rebuild {ours_again / hugo_again:.2f}")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
