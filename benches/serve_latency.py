#!/usr/bin/env python3
"""How long `broadsheet serve` takes to show a changed seed: from the write of the file to the
change in the page served over HTTP.

Generates the Hugo comparison's archive (`compare_hugo.generate`), starts
`broadsheet serve --port 0` in it, and then, run after run, rewrites one seed with a new headline
dated after every other story (so it leads the front page) and polls the front page every 10 ms
until the headline is there. Prints each run's time, the build's own time and that of the build
that brings the search index up to date after it (waited for before the next run), and the
median.

    python3 benches/serve_latency.py --articles 10000 --runs 3
"""

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_hugo import generate  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read().decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--binary", default=str(ROOT / "target" / "release" / "broadsheet"))
    ap.add_argument("--variant", action="append", default=[], help="site.toml lines to add")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="serve-latency-") as tmp:
        work = pathlib.Path(tmp)
        generate(args.articles, work)
        site = work / "broadsheet"
        if args.variant:
            with open(site / "site.toml", "a") as f:
                f.write("\n".join(args.variant) + "\n")
        builds = []
        serve = subprocess.Popen(
            [str(pathlib.Path(args.binary).resolve()), "serve", "--port", "0"], cwd=site,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env={**os.environ, "TMPDIR": str(work)})
        try:
            url = None
            for line in serve.stdout:
                if line.startswith("serving "):
                    url = line.split()[1]
                    break
                if line.startswith("built "):
                    print("first", line.strip(), flush=True)
            if url is None:
                sys.exit("serve stopped before serving")

            # Each build as (seconds, whether its search index is still to follow).
            def read_rest():
                for line in serve.stdout:
                    if line.startswith("built "):
                        seconds = line.rsplit(" in ", 1)[1].split("s", 1)[0]
                        builds.append((float(seconds), "search index to follow" in line))
            threading.Thread(target=read_rest, daemon=True).start()
            # serve builds its second folder once before any change; the runs start after it.
            while not builds:
                time.sleep(0.01)
            print("second folder", builds[0][0], "s", flush=True)
            builds.clear()
            time.sleep(0.5)

            seed = site / "seeds" / "000" / "000000.txt"
            times = []
            for run in range(args.runs):
                headline = f"Served headline number {run} appears"
                copy = (f"{headline}\n\nBy JANE ROE\n\nJanuary {run + 1}, 2031\n\n"
                        f"WASHINGTON (AP) — The story changed for run {run}.\n\nA second paragraph.\n")
                before = len(builds)
                written = time.monotonic()
                seed.write_text(copy)
                while headline not in fetch(url):
                    time.sleep(0.01)
                seen = time.monotonic() - written
                while len(builds) == before:
                    time.sleep(0.01)
                shown = builds[before][0]
                # An editor reads the page before the next change: the search index's build
                # finishes first.
                while not builds or builds[-1][1]:
                    time.sleep(0.01)
                index = builds[-1][0] if len(builds) > before + 1 else 0.0
                time.sleep(0.5)
                times.append(seen)
                print(f"run {run + 1}: visible after {seen:.2f} s (build {shown:.2f} s, "
                      f"then the search index {index:.2f} s)", flush=True)
            print(f"median: {statistics.median(times):.2f} s from the write to the page, "
                  f"{args.articles} articles")
        finally:
            serve.terminate()
            serve.wait()


if __name__ == "__main__":
    main()
