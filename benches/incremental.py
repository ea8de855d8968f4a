#!/usr/bin/env python3
"""broadsheet's incremental build against its own clean build, on the same archive, same run.

Generates the archive compare_hugo.py generates (the same deterministic stories, with the
defaults a new user gets: a `site.toml` holding only the title and base URL), builds it in full
once to fill the cache, then for each run: a clean build (`build --clean` into a separate
folder), a one-seed change (one paragraph of one story's body rewritten), and the incremental
build that follows it. It prints the medians of the paired runs, and the incremental build's
share of the clean build's wall time (the target is at most 5 %).

usage: benches/incremental.py [--articles 10000 100000] [--runs 3] [--keep DIR]
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import compare_hugo  # noqa: E402  (the archive generator and the measuring helpers)

ROOT = pathlib.Path(__file__).resolve().parents[1]


def timed(cmd, cwd):
    os.sync()
    run = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *cmd], cwd=cwd,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{cmd} failed:\n{run.stderr[-2000:]}")
    wall, user, system, rss = run.stderr.strip().splitlines()[-1].split()
    return {"wall": float(wall), "cpu": float(user) + float(system), "rss_mb": int(rss) / 1024,
            "summary": run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""}


def change_one_seed(seeds, run):
    """Rewrites the second paragraph of one story in the middle of the archive."""
    files = sorted(seeds.rglob("*.txt"))
    path = files[len(files) // 2]
    text = path.read_text()
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 4:
        paragraphs[3] = f"An editor rewrote this paragraph in run {run}, as newsrooms do all day."
        path.write_text("\n\n".join(paragraphs))
    else:
        path.write_text(text + f"\nA line added in run {run}.\n")
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=pathlib.Path)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "broadsheet"
    print("| articles | build | wall s (median) | CPU s | peak MB | share of clean |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for n in args.articles:
        work = pathlib.Path(tempfile.mkdtemp(prefix=f"incremental-{n}-", dir=args.keep))
        compare_hugo.generate(n, work)
        site = work / "broadsheet"
        timed([str(binary), "build", "--quiet"], site)  # fills the cache
        clean, incremental = [], []
        for run in range(args.runs):
            clean.append(timed([str(binary), "build", "--quiet", "--clean", "--output",
                                str(work / "clean" / "public")], site))
            shutil.rmtree(work / "clean")
            compare_hugo.settle()
            change_one_seed(site / "seeds", run)
            incremental.append(timed([str(binary), "build"], site))
        med = lambda runs, key: statistics.median(r[key] for r in runs)
        c, i = med(clean, "wall"), med(incremental, "wall")
        print(f"| {n:,} | clean (`--clean`) | {c:.2f} | {med(clean, 'cpu'):.2f} | "
              f"{med(clean, 'rss_mb'):.0f} | 100 % |")
        print(f"| {n:,} | incremental, one seed changed | {i:.2f} | {med(incremental, 'cpu'):.2f} | "
              f"{med(incremental, 'rss_mb'):.0f} | {100 * i / c:.1f} % |")
        print(f"<!-- last incremental summary: {incremental[-1]['summary']} -->")
        if not args.keep:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
