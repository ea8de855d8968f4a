#!/usr/bin/env python3
"""Checks a built site with the standard tools: feeds through feedparser, sitemaps through
xmllint with every <loc> mapped to a file, and the JSON-LD of every article page. (HTML goes
through the W3C Nu HTML Checker, run by scripts/validate.) Exits non-zero on any problem.

usage: check_output.py PUBLIC_DIR BASE_URL
"""
import glob
import json
import os
import re
import subprocess
import sys

import feedparser


def fail(problems, message):
    problems.append(message)


def check_feeds(root, base, problems):
    feeds = 0
    for path in sorted(glob.glob(os.path.join(root, "**", "*"), recursive=True)):
        name = os.path.basename(path)
        if name not in ("feed.xml", "atom.xml", "feed.json"):
            continue
        feeds += 1
        rel = os.path.relpath(path, root)
        if name == "feed.json":
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            if data.get("version") != "https://jsonfeed.org/version/1.1":
                fail(problems, f"{rel}: not JSON Feed 1.1")
            for item in data.get("items", []):
                for key in ("id", "url", "title", "date_published"):
                    if not item.get(key):
                        fail(problems, f"{rel}: item without {key}")
                if not (item.get("content_html") or item.get("content_text")):
                    fail(problems, f"{rel}: item without content")
                if not item.get("url", "").startswith(base):
                    fail(problems, f"{rel}: item URL not absolute under {base}")
            continue
        subprocess.run(["xmllint", "--noout", path], check=True)
        parsed = feedparser.parse(path)
        if parsed.bozo:
            fail(problems, f"{rel}: feedparser bozo: {parsed.bozo_exception}")
        if not parsed.entries:
            fail(problems, f"{rel}: no entries")
        for entry in parsed.entries:
            if not entry.get("title") or not entry.get("link"):
                fail(problems, f"{rel}: entry without title or link")
            if not (entry.get("published_parsed") or entry.get("updated_parsed")):
                fail(problems, f"{rel}: entry without a date")
            if not entry.get("link", "").startswith(base):
                fail(problems, f"{rel}: entry link not absolute under {base}")
    if feeds == 0:
        fail(problems, "no feeds found")
    return feeds


def check_feed_layout(root, base, problems):
    """The site offers its feed in all three formats; each topic and author one RSS feed, which
    its page announces, and by default with summaries rather than whole stories (the site's
    feeds carry the stories)."""
    for name in ("feed.xml", "atom.xml", "feed.json"):
        if not os.path.isfile(os.path.join(root, name)):
            fail(problems, f"the site has no {name}")
    terms = 0
    for kind in ("topics", "authors"):
        for folder in sorted(glob.glob(os.path.join(root, kind, "*", ""))):
            rel = os.path.relpath(folder, root)
            for other in ("atom.xml", "feed.json"):
                if os.path.exists(os.path.join(folder, other)):
                    fail(problems, f"{rel}/{other}: a term has one feed, RSS")
            feed = os.path.join(folder, "feed.xml")
            if not os.path.isfile(feed):
                continue
            terms += 1
            with open(os.path.join(folder, "index.html"), encoding="utf-8") as f:
                page = f.read()
            href = f'href="{base}{rel}/feed.xml"'
            if 'type="application/rss+xml"' not in page or href not in page:
                fail(problems, f"{rel}/index.html does not announce its feed")
            for entry in feedparser.parse(feed).entries:
                html = entry.get("summary", "")
                if html.count("<p>") > 1:
                    fail(problems, f"{rel}/feed.xml: an entry carries more than a summary")
                    break
    if terms == 0:
        fail(problems, "no topic or author feeds found")
    return terms


def check_sitemaps(root, base, problems):
    locs = 0
    for name in ("sitemap.xml", "sitemap-news.xml"):
        path = os.path.join(root, name)
        if not os.path.exists(path):
            fail(problems, f"{name} missing")
            continue
        subprocess.run(["xmllint", "--noout", path], check=True)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for loc in re.findall(r"<loc>(.*?)</loc>", text):
            locs += 1
            if not loc.startswith(base):
                fail(problems, f"{name}: {loc} not under {base}")
                continue
            rel = loc[len(base):]
            if rel == "" or rel.endswith("/"):
                rel += "index.html"
            if not os.path.isfile(os.path.join(root, rel)):
                fail(problems, f"{name}: {loc} maps to no file")
    with open(os.path.join(root, "robots.txt"), encoding="utf-8") as f:
        if f"Sitemap: {base}sitemap.xml" not in f.read():
            fail(problems, "robots.txt does not point at the sitemap")
    return locs


def check_json_ld(root, problems):
    articles = 0
    for path in sorted(glob.glob(os.path.join(root, "**", "index.html"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            html = f.read()
        if 'property="og:type" content="article"' not in html:
            continue
        articles += 1
        rel = os.path.relpath(path, root)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        if len(blocks) != 1:
            fail(problems, f"{rel}: {len(blocks)} JSON-LD blocks")
            continue
        data = json.loads(blocks[0])
        graph = {node["@type"]: node for node in data.get("@graph", [])}
        article = graph.get("NewsArticle")
        if not article or "BreadcrumbList" not in graph:
            fail(problems, f"{rel}: NewsArticle or BreadcrumbList missing")
            continue
        for key in ("headline", "description", "mainEntityOfPage", "author", "publisher", "image", "keywords", "url"):
            if key not in article:
                fail(problems, f"{rel}: NewsArticle without {key}")
        if "datePublished" in article and "dateModified" not in article:
            fail(problems, f"{rel}: datePublished without dateModified")
        if not article["publisher"].get("logo", {}).get("url"):
            fail(problems, f"{rel}: publisher without logo")
        if any(not a.get("name") for a in article["author"]):
            fail(problems, f"{rel}: author without name")
    if articles == 0:
        fail(problems, "no article pages found")
    return articles


def main():
    root, base = sys.argv[1], sys.argv[2]
    problems = []
    feeds = check_feeds(root, base, problems)
    terms = check_feed_layout(root, base, problems)
    locs = check_sitemaps(root, base, problems)
    articles = check_json_ld(root, problems)
    for p in problems[:50]:
        print(f"  {p}")
    print(f"{root}: {feeds} feeds ({terms} of topics and authors), {locs} sitemap URLs, {articles} articles with JSON-LD: {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
