"""The guide's source text, split the way the fidelity tests compare it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).parent / "fixtures" / "seed.txt"
HEADINGS = (
    "When it may be especially useful",
    "What a second opinion can clarify",
    "Timing matters",
    "What to bring",
    "Sources",
    "How to use this guide",
    "Questions to bring forward",
)
SOURCE_LINE = re.compile(r"^- (?P<publisher>[^:]+): (?P<title>.+) — (?P<url>https://\S+)$")


@dataclass(frozen=True)
class SeedSource:
    publisher: str
    title: str
    url: str


def seed_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences end with '.', '?' or ':' followed by a space; list items are one sentence each."""
    return [part for part in re.split(r"(?<=[.?:])\s+", paragraph.strip()) if part]


def seed_sentences() -> list[str]:
    """Every sentence of the seed, in order: prose, headings and list items (without the dash)."""
    sentences: list[str] = []
    for line in seed_lines():
        if SOURCE_LINE.match(line):
            continue
        if line.startswith("- "):
            sentences.append(line[2:])
        else:
            sentences.extend(split_sentences(line))
    return sentences


def seed_sources() -> list[SeedSource]:
    return [
        SeedSource(**match.groupdict())
        for line in seed_lines()
        if (match := SOURCE_LINE.match(line))
    ]
