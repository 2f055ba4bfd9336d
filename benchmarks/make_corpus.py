#!/usr/bin/env python3
"""Write N deterministic articles into DIR, in the seed's format and the variants people have.

Usage: python benchmarks/make_corpus.py N DIR [--seed S]
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

SECTIONS = ["World", "Business", "Sport", "Culture", "Science", "Technology", "Local", "Opinion"]
WORDS = (
    "the of and to in a that for on with as was at by said from it his her their after "
    "government minister city council people year week report police court market company "
    "bank river bridge school hospital village water energy price prices rail train road "
    "election vote party leader plan budget project workers union strike talks deal trade "
    "farmers harvest weather storm flood museum library team match season player coach title "
    "scientists study research data software update outage customers service network "
    "residents officials statement announced expected according would could new old first "
    "last two three four months years hundreds thousands local national international morning "
    "evening tuesday friday saturday spring autumn winter summer north south east west "
).split()
START = datetime(2012, 1, 1)


def sentence(rng: random.Random) -> str:
    """One sentence of 8 to 28 words."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 28))]
    if rng.random() < 0.1:
        words.insert(rng.randint(1, len(words) - 1), f"{rng.randint(2, 950)}")
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", ".", "?", '."'])


def paragraph(rng: random.Random) -> str:
    """One paragraph of 1 to 5 sentences."""
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 5)))


def title(rng: random.Random) -> str:
    """A headline of 5 to 12 words."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).capitalize()


def wrap(text: str, width: int = 72) -> list[str]:
    """Greedy hard wrap, as plain-text mail does."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def article(rng: random.Random, index: int) -> tuple[str, bytes]:
    """Return a file name and the bytes of one article."""
    head = title(rng)
    section = rng.choice(SECTIONS)
    published = START + timedelta(minutes=rng.randint(0, 14 * 365 * 24 * 60))
    updated = published + timedelta(minutes=rng.randint(0, 60 * 24 * 400))
    body = [paragraph(rng) for _ in range(rng.randint(4, 22))]
    stamp = f"{index:06d}_{rng.getrandbits(64):016x}"
    kind = rng.random()
    if kind < 0.60:  # the seed's layout
        text = (
            f"{head}\n\n{section}\n\nPublished: {published:%Y-%m-%d %H:%M}\n\n"
            f"Last Updated: {updated:%Y-%m-%d %H:%M}\n\n\n{head}\n{head}\n\n" + "\n".join(body)
        )
        return f"{stamp}.txt", text.encode()
    if kind < 0.70:  # compact header with more fields and a long-form date
        text = (
            f"{head}\n{section}\nPublished: {published:%B %d, %Y %I:%M %p}\n"
            f"Updated: {updated:%a, %d %b %Y %H:%M:%S} +0000\nAuthor: Staff Writer\n\n"
            + "\n\n".join(body)
        )
        return f"{stamp}.txt", text.encode()
    if kind < 0.78:  # Markdown with front matter
        text = (
            f'---\ntitle: "{head}"\ndate: {published:%Y-%m-%dT%H:%M:%S}Z\n'
            f"categories: [{section}, News]\n---\n\n# {head}\n\n" + "\n\n".join(body)
        )
        return f"{stamp}.md", text.encode()
    if kind < 0.88:  # dataset style: title, blank line, one paragraph per line
        return f"{stamp}.txt", (f"{head}\n\n" + "\n".join(body)).encode()
    if kind < 0.93:  # title and source address
        text = f"{head}\nhttps://news.example.org/{stamp}\n\n" + "\n\n".join(body)
        return f"{stamp}.txt", text.encode()
    if kind < 0.97:  # hard-wrapped plain text
        wrapped = "\n\n".join("\n".join(wrap(p)) for p in body)
        text = f"{head}\n\n{section}\n\nPublished: {published:%Y-%m-%d}\n\n{wrapped}"
        return f"{stamp}.txt", text.encode()
    # legacy Western file with CRLF line ends and accented words
    text = f"{head} café\r\n\r\n{section}\r\n\r\nPublished: {published:%Y-%m-%d %H:%M}\r\n\r\n"
    text += "\r\n".join(p.replace(" the ", " thé ", 1) for p in body)
    return f"{stamp}.txt", text.encode("cp1252")


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=20201024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for index in range(args.count):
        name, data = article(rng, index)
        folder = args.folder / f"{index // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    print(f"wrote {args.count} articles to {args.folder}")


if __name__ == "__main__":
    main()
