#!/usr/bin/env python3
"""Writes a fixture site of N articles (default 200) in the layouts real copy arrives in, by
re-dating and re-titling the extraction fixtures and sample seeds: the validators then see every
page type at a realistic size. Deterministic: the same N gives the same files.

usage: make_archive.py OUT_DIR [N]
"""
import datetime
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main():
    out = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seeds = out / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    sources = sorted(
        p
        for folder in ("seeds", "tests/fixtures/extract")
        for p in (ROOT / folder).iterdir()
        if p.suffix in (".txt", ".md")
    )
    rng = random.Random(20240502)
    start = datetime.datetime(2023, 1, 1, 8, 0)
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        when = start + datetime.timedelta(hours=37 * n + rng.randrange(0, 12))
        # A sidecar gives every copy its own date and a distinct slug; the copy stays as it was.
        stem = f"{n:04d}-{source.stem}"
        (seeds / f"{stem}{source.suffix}").write_text(text, encoding="utf-8")
        if source.suffix == ".txt":
            sidecar = source.with_suffix(".toml")
            extra = sidecar.read_text(encoding="utf-8") if sidecar.exists() else ""
            lines = [l for l in extra.splitlines() if not l.startswith(("date", "slug"))]
            lines.append(f'date = {when.isoformat(timespec="minutes")}:00Z')
            lines.append(f'slug = "{stem}"')
            (seeds / f"{stem}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "site.toml").write_text(
        'title = "Validator Archive"\n'
        'description = "A generated archive for the validators"\n'
        'base_url = "https://example.org/news/"\n'
        'timezone = "Europe/London"\n'
        "articles_per_page = 12\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
