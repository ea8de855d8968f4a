#!/usr/bin/env python3
"""broadsheet against Hugo on the same news archive.

Generates a deterministic synthetic archive of N articles in wire-copy layouts (AP, Reuters,
Bloomberg, hard-wrapped) for broadsheet, and the same stories as Markdown with front matter for
Hugo, with templates for the same site structure (front page with pagination, article pages,
tag pages, RSS, sitemap). Builds each several times, alternating, and prints the median wall time,
CPU time, peak memory, output size and file count side by side with the ratio broadsheet/Hugo.
The main broadsheet row is the configuration a new user gets: a folder holding `seeds/` and a
`site.toml` that sets only the title and base URL (so search and feeds are on, as by default).
Other configurations are extra rows, each labelled with the `site.toml` lines it adds.

Every run writes a fresh output folder, and the folders are removed only after all runs of a size,
and each size starts with the file system flushed and a minute's pause: on ext4, creating files
right after deleting a large tree is slowed by the inodes just freed, which would add noise to
whichever tool ran second. Time per article is reported for each size, and its
growth from the 10,000-article size to larger ones (the linearity check), beside the same growth in
`cp -r`'s time per file: how much of it the file system alone shows.

usage: benches/compare_hugo.py [--articles 1000 10000 100000] [--runs 3]
                               [--variant 'search = false' ...] [--keep DIR]
Installs Debian's hugo if it is missing (apt, as root).
"""
import argparse
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
WORDS = (
    "council budget minister talks vote senate court river harbor bridge tariff market shares "
    "energy grid drought storm school hospital police election campaign treaty summit coast "
    "rail port strike union wages housing rents prices inflation bank rate bond yield export "
    "import factory mine lithium copper climate fund aid border migration ceasefire drone"
).split()
PLACES = ["WASHINGTON", "LONDON", "BEIJING", "PARIS", "NAIROBI", "KYIV, Ukraine", "SAN JUAN, Puerto Rico", "TOKYO"]
AGENCIES = ["AP", "Reuters", "AFP"]
FIRST = ["Jane", "John", "Amara", "Luis", "Mei", "Omar", "Greta", "Tomas", "Priya", "Kofi"]
LAST = ["Doe", "Roe", "Okafor", "Garcia", "Chen", "Haddad", "Lund", "Novak", "Shah", "Mensah"]
TOPICS = ["Economy", "Politics", "Climate", "Energy", "Courts", "Health", "Transport", "Trade",
          "Housing", "Labour", "Technology", "Ukraine", "China", "Europe", "Africa", "Sport"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def story(n, rng):
    headline = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize() + f" {n}"
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place, agency = rng.choice(PLACES), rng.choice(AGENCIES)
    year, month, day = 2015 + n % 10, 1 + n % 12, 1 + n % 28
    topics = rng.sample(TOPICS, 3)
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "."
        for _ in range(rng.randint(8, 16))
    ]
    return headline, author, place, agency, (year, month, day), topics, paragraphs


def wire_copy(s, layout):
    headline, author, place, agency, (y, m, d), topics, paragraphs = s
    date_line = f"{MONTHS[m - 1]} {d}, {y}"
    lede = f"{place} ({agency}) — {paragraphs[0]}"
    if layout == 0:  # AP
        body = [headline, f"By {author.upper()}", date_line, lede, *paragraphs[1:],
                f"Copyright {y} The Associated Press. All rights reserved."]
        return "\n\n".join(body) + "\n"
    if layout == 1:  # Reuters
        body = [f"UPDATE 1-{headline}", f"By {author}", date_line, lede, *paragraphs[1:],
                f"(Reporting by {author}; Editing by Jane Roe)"]
        return "\n\n".join(body) + "\n"
    if layout == 2:  # Bloomberg web copy
        body = [headline, paragraphs[0], f"By {author}", f"{date_line} at 9:30 AM EST",
                f"(Bloomberg) — {paragraphs[0]}", *paragraphs[1:],
                "–With assistance from Jane Roe.", f"©{y} Bloomberg L.P."]
        return "\n\n".join(body) + "\n"
    # Hard-wrapped 1980s wire copy with indented paragraphs.
    lines = [headline, f"By {author.upper()}", "Associated Press Writer", date_line]
    for i, p in enumerate([lede, *paragraphs[1:]]):
        words, line = p.split(), "   "
        for w in words:
            if len(line) + len(w) + 1 > 68:
                lines.append(line.rstrip())
                line = ""
            line += w + " "
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


DEFAULT_SITE = 'title = "Benchmark"\nbase_url = "https://example.org/news/"\n'

HUGO_CONFIG = """baseURL = "https://example.org/news/"
title = "Benchmark"
languageCode = "en"
disableKinds = ["section"]
[pagination]
pagerSize = 20
[taxonomies]
tag = "tags"
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
    "{{ range .AlternativeOutputFormats }}<link rel=\"{{ .Rel }}\" type=\"{{ .MediaType.Type }}\" href=\"{{ .Permalink }}\">{{ end }}"
    "</head><body><header><a href=\"{{ \"/\" | relURL }}\">{{ site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>",
    "_default/single.html": "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><p>By {{ delimit .Params.authors \", \" }} · "
    "<time datetime=\"{{ .Date.Format \"2006-01-02\" }}\">{{ .Date.Format \"January 2, 2006\" }}</time></p>{{ .Content }}"
    "<ul>{{ range .Params.tags }}<li><a href=\"{{ \"/tags/\" | relURL }}{{ . | urlize }}/\">{{ . }}</a></li>{{ end }}</ul></article>{{ end }}",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2>"
    "<p>{{ .Summary }}</p></article>{{ end }}{{ template \"_internal/pagination.html\" . }}{{ end }}",
    "index.html": "{{ define \"main\" }}{{ range .Paginator.Pages }}<article><h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2>"
    "<p>{{ .Summary }}</p></article>{{ end }}{{ template \"_internal/pagination.html\" . }}{{ end }}",
    "_default/terms.html": "{{ define \"main\" }}<ul>{{ range .Data.Terms.ByCount }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}",
}


def generate(n, work):
    rng = random.Random(1000 + n)
    b, h = work / "broadsheet", work / "hugo"
    (b / "seeds").mkdir(parents=True)
    (h / "content" / "posts").mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        path = h / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (h / "hugo.toml").write_text(HUGO_CONFIG)
    # What a new user writes: the title and the base URL, nothing else.
    (b / "site.toml").write_text(DEFAULT_SITE)
    for i in range(n):
        s = story(i, rng)
        folder = f"{i // 1000:03d}"
        seed_dir = b / "seeds" / folder
        seed_dir.mkdir(exist_ok=True)
        (seed_dir / f"{i:06d}.txt").write_text(wire_copy(s, i % 4))
        # broadsheet reads topics out of the copy; give it the same tags Hugo gets.
        (seed_dir / f"{i:06d}.toml").write_text("topics = [" + ", ".join(f'"{t}"' for t in s[5]) + "]\n")
        headline, author, _, _, (y, m, d), topics, paragraphs = s
        post_dir = h / "content" / "posts" / folder
        post_dir.mkdir(exist_ok=True)
        front = (f'+++\ntitle = "{headline}"\ndate = {y:04d}-{m:02d}-{d:02d}\n'
                 f'authors = ["{author}"]\ntags = [' + ", ".join(f'"{t}"' for t in topics) + "]\n+++\n\n")
        (post_dir / f"{i:06d}.md").write_text(front + "\n\n".join(paragraphs) + "\n")


def warm(folder):
    """Reads every file under `folder`, so the tool finds its input in the page cache. At 100,000
    articles the outputs kept from earlier runs push the input out of the cache, and a size would
    otherwise be measured reading from disk while a smaller one was not."""
    for root, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def measure(cmd, cwd, out, source):
    warm(source)
    # Each run starts with nothing left to write back: otherwise the kernel would still be
    # flushing the previous run's output (the other tool's, or the copy's) during this one.
    os.sync()
    timing = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *cmd], cwd=cwd,
                            capture_output=True, text=True)
    if timing.returncode != 0:
        sys.exit(f"{cmd[0]} failed:\n{timing.stderr[-2000:]}")
    wall, user, system, rss = timing.stderr.strip().splitlines()[-1].split()
    size = int(subprocess.run(["du", "-sb", str(out)], capture_output=True, text=True).stdout.split()[0])
    files = sum(len(f) for _, _, f in os.walk(out))
    return {"wall": float(wall), "cpu": float(user) + float(system), "rss_mb": int(rss) / 1024,
            "size_mb": size / 1e6, "files": files}


def settle():
    """Flushes the file system and waits a minute. ext4 will not reuse an inode within a minute
    of its deletion (five if its table block is still dirty) and scans past such inodes, reading
    their table blocks from disk, so a build right after a large tree was deleted (the previous
    size's outputs, or anything else) is slowed by file creation alone."""
    os.sync()
    time.sleep(60)


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def row(n, name, runs):
    print(f"{n:>9} {name:<34} {median(runs, 'wall'):>8.2f} {median(runs, 'cpu'):>8.2f} "
          f"{median(runs, 'rss_mb'):>8.0f} {median(runs, 'size_mb'):>8.1f} {median(runs, 'files'):>8.0f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variant", action="append", default=[],
                        help="site.toml lines added to the defaults for an extra row, e.g. 'search = false'")
    parser.add_argument("--keep", type=pathlib.Path)
    args = parser.parse_args()
    if not shutil.which("hugo"):
        subprocess.run(["apt-get", "install", "-y", "-q", "hugo"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--locked"], cwd=ROOT, check=True)
    binary = str(ROOT / "target" / "release" / "broadsheet")
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    print(f"broadsheet {commit} vs Hugo {hugo_version}, {os.cpu_count()} cores, "
          f"median of {args.runs} alternating runs, {time.strftime('%Y-%m-%d')}")
    print(f"{'articles':>9} {'tool':<34} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'out MB':>8} {'files':>8}")
    variants = [("broadsheet (defaults)", "")] + [(f"broadsheet ({v})", v + "\n") for v in args.variant]
    per_article = {}
    per_file_copied = {}
    finished = []
    for n in args.articles:
        work = pathlib.Path(tempfile.mkdtemp(prefix=f"bench-{n}-", dir=args.keep))
        generate(n, work)
        settle()
        b, h = work / "broadsheet", work / "hugo"
        theirs, floor = [], []
        ours = {name: [] for name, _ in variants}
        for run in range(args.runs):
            theirs.append(measure(["hugo", "--quiet", "-d", str(h / f"public-{run}")], h, h / f"public-{run}",
                                  h / "content"))
            for k, (name, extra) in enumerate(variants):
                (b / "site.toml").write_text(DEFAULT_SITE + extra)
                out = b / f"public-{k}-{run}"
                ours[name].append(measure([binary, "build", "--quiet", "--output", str(out)], b, out,
                                          b / "seeds"))
            out = b / f"public-0-{run}"
            copy = work / f"copy-{run}"
            floor.append(measure(["cp", "-r", str(out), str(copy)], work, copy, out))
        (b / "site.toml").write_text(DEFAULT_SITE)
        row(n, "hugo", theirs)
        for name, _ in variants:
            row(n, name, ours[name])
        row(n, "cp -r of broadsheet's default output", floor)
        main_runs = ours[variants[0][0]]
        wall = median(main_runs, "wall")
        per_article[n] = wall / n * 1000
        per_file_copied[n] = median(floor, "wall") / median(floor, "files") * 1000
        print(f"{n:>9} broadsheet/hugo (defaults): wall {wall / median(theirs, 'wall'):.2f}, "
              f"peak memory {median(main_runs, 'rss_mb') / median(theirs, 'rss_mb'):.2f}, "
              f"output {median(main_runs, 'size_mb') / median(theirs, 'size_mb'):.2f}; "
              f"{per_article[n]:.3f} ms per article; {wall / median(floor, 'wall'):.2f}x cp -r")
        if n > 10000 and 10000 in per_article:
            print(f"{n:>9} time per article vs 10,000 articles: {per_article[n] / per_article[10000]:.2f}x "
                  f"(cp -r, time per file vs 10,000 articles: {per_file_copied[n] / per_file_copied[10000]:.2f}x)")
        finished.append(work)
    # Deleting a size's tree right away would slow the next size: see settle().
    if not args.keep:
        for work in finished:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
