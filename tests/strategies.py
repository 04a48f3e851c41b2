"""Shared hypothesis strategies: valid field values and valid guides, for every test to reuse.

Valid guides are built as plain JSON data (dicts, lists, strings), the way a content file decodes;
:func:`guide_models` parses them into :class:`~oncology_second_opinion.Guide` objects. Text is
arbitrary Unicode that :func:`~oncology_second_opinion.fields.check_text` accepts, mixed with
fragments that are hostile to HTML, Markdown and JSON embedding, so every exporter and renderer
meets them.
"""

from __future__ import annotations

import re
import sys
from typing import Any, get_args

from hypothesis import strategies as st

from oncology_second_opinion import Guide, parse_guide
from oncology_second_opinion.fields import SCHEMA_VERSION, SLUG_MAX_LENGTH
from oncology_second_opinion.models import Labels, Review

Json = Any

assert sys.maxunicode == 0x10FFFF
_FORBIDDEN = re.compile(r"[\x00-\x09\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]")
#: Every character a text field refuses: C0 (but line feed) and C1 controls, DEL, bidi controls.
FORBIDDEN_CHARACTERS = "".join(chr(c) for c in range(0x110000) if _FORBIDDEN.match(chr(c)))
#: Characters ``str.strip`` removes: text made only of these is blank.
WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())

#: Fragments that try to break out of an HTML ``<script>`` element, a comment, an attribute,
#: Markdown or a JavaScript string. Valid text may contain any of them.
HOSTILE_FRAGMENTS = (
    "</script>",
    "</SCRIPT >",
    "</script",
    "<script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<b>",
    "&amp;",
    "&lt;",
    "&",
    '"',
    "'",
    "\\",
    "\\u003c",
    "\u2028",
    "\u2029",
    "\n",
    "*",
    "_",
    "`",
    "[x](javascript:alert(1))",
    "# ",
    "- ",
    "1. ",
    "{{",
    "${",
    "\ufeff",
    "\u200f",
    "😀",
)

_SLUG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_HOST_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# RFC 3986 unreserved and sub-delims, ':' and '@': what a path segment holds unencoded.
_PCHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@"


def _characters(exclude: str) -> st.SearchStrategy[str]:
    # The utf-8 codec leaves out lone surrogates, which no valid content holds.
    return st.characters(codec="utf-8", exclude_characters=exclude)


def texts(max_size: int = 12) -> st.SearchStrategy[str]:
    """Valid human-readable text: any Unicode but controls and bidi overrides, never blank,
    often with :data:`HOSTILE_FRAGMENTS` in it."""
    visible = _characters(FORBIDDEN_CHARACTERS + WHITESPACE)
    anything = _characters(FORBIDDEN_CHARACTERS)
    piece = st.one_of(st.text(anything, max_size=max_size), st.sampled_from(HOSTILE_FRAGMENTS))
    return st.builds(
        lambda before, first, after: "".join(before) + first + "".join(after),
        st.lists(piece, max_size=2),
        visible,
        st.lists(piece, max_size=3),
    )


def slugs() -> st.SearchStrategy[str]:
    """Valid ids: lowercase ASCII words joined by single hyphens, at most 64 characters."""
    word = st.text(_SLUG_ALPHABET, min_size=1, max_size=12)
    return (
        st.lists(word, min_size=1, max_size=4)
        .map("-".join)
        .filter(lambda slug: len(slug) <= SLUG_MAX_LENGTH)
    )


def _host_label() -> st.SearchStrategy[str]:
    edge = st.sampled_from(_HOST_ALPHABET)
    inner = st.text(_HOST_ALPHABET + "-", max_size=8)
    return st.one_of(edge, st.builds(lambda a, b, c: a + b + c, edge, inner, edge))


def _url_part(extra: str) -> st.SearchStrategy[str]:
    percent = st.builds(
        lambda a, b: f"%{a}{b}", st.sampled_from("0123456789ABCDEF"), st.sampled_from("0123456789")
    )
    return st.lists(st.one_of(st.text(_PCHARS + extra, max_size=8), percent), max_size=3).map(
        "".join
    )


@st.composite
def https_urls(draw: st.DrawFn) -> str:
    """Valid source URLs: absolute https, an ASCII host name, no credentials, as a reader writes
    them (query strings with '&' included)."""
    host = ".".join(draw(st.lists(_host_label(), min_size=1, max_size=3)))
    port = draw(st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}")))
    path = "".join("/" + segment for segment in draw(st.lists(_url_part(""), max_size=3)))
    query = draw(st.one_of(st.just(""), _url_part("/?").map(lambda q: "?" + q)))
    fragment = draw(st.one_of(st.just(""), _url_part("/?").map(lambda f: "#" + f)))
    return f"https://{host}{port}{path}{query}{fragment}"


def language_tags() -> st.SearchStrategy[str]:
    """BCP 47 tags in their usual spelling, such as 'en', 'fr-CA' or 'zh-Hant-TW'."""
    primary = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=3)
    subtag = st.text(_HOST_ALPHABET, min_size=1, max_size=8)
    return st.builds(
        lambda first, rest: "-".join([first, *rest]), primary, st.lists(subtag, max_size=2)
    )


def semvers() -> st.SearchStrategy[str]:
    """Semantic versions such as '1.0.0' or '2.1.0-rc.1'."""
    number = st.integers(0, 20).map(str)
    release = st.builds(lambda *parts: ".".join(parts), number, number, number)
    pre = st.text("abcdefghijklmnopqrstuvwxyz0123456789.-", min_size=1, max_size=6)
    return st.one_of(release, st.builds(lambda r, p: f"{r}-{p}", release, pre))


def schema_versions() -> st.SearchStrategy[str]:
    """Every schema_version this release reads."""
    major, minor = SCHEMA_VERSION
    return st.sampled_from([f"{major}.{number}" for number in range(minor + 1)])


REVIEW_STATUSES: tuple[str, ...] = get_args(Review.model_fields["status"].annotation)


@st.composite
def guides(draw: st.DrawFn, text: st.SearchStrategy[str] | None = None) -> dict[str, Json]:
    """A valid guide document as decoded JSON, with slug ids unique across the guide.

    Text fields draw from ``text``, by default :func:`texts`. Every list holds one to three items.
    """
    text = texts() if text is None else text

    def paragraphs() -> list[str]:
        return draw(st.lists(text, min_size=1, max_size=3))

    sizes = {
        name: draw(st.integers(1, 3))
        for name in ("indications", "topics", "goals", "records", "questions", "sources")
    }
    count = sum(sizes.values())
    ids = iter(draw(st.lists(slugs(), min_size=count, max_size=count, unique=True)))

    def items(name: str, **fields: st.SearchStrategy[str]) -> list[dict[str, str]]:
        return [
            {"id": next(ids), **{key: draw(value) for key, value in fields.items()}}
            for _ in range(sizes[name])
        ]

    return {
        "schema_version": draw(schema_versions()),
        "locale": draw(language_tags()),
        "content_version": draw(semvers()),
        "title": draw(text),
        "publisher": draw(text),
        "review": {"status": draw(st.sampled_from(REVIEW_STATUSES)), "statement": draw(text)},
        "labels": {name: draw(text) for name in Labels.model_fields},
        "overview": {"heading": draw(text), "paragraphs": paragraphs()},
        "indications": {
            "heading": draw(text),
            "lead": draw(text),
            "items": items("indications", text=text),
        },
        "clarifications": {
            "heading": draw(text),
            "paragraphs": paragraphs(),
            "topics": items("topics", label=text),
            "treatment_goals": items("goals", label=text),
        },
        "timing": {"heading": draw(text), "paragraphs": paragraphs()},
        "records": {
            "heading": draw(text),
            "lead": draw(text),
            "items": items("records", label=text),
        },
        "questions": {"heading": draw(text), "items": items("questions", text=text)},
        "how_to_use": {"heading": draw(text), "paragraphs": paragraphs()},
        "disclaimer": {"heading": draw(text), "paragraphs": paragraphs()},
        "sources": {
            "heading": draw(text),
            "items": items("sources", publisher=text, title=text, url=https_urls()),
        },
    }


def guide_models(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Guide]:
    """Valid guides as models: :func:`guides` parsed with the public ``parse_guide``."""
    return guides(text).map(parse_guide)


def json_values() -> st.SearchStrategy[Json]:
    """Any JSON value (no NaN or infinities), with strings of any Unicode, lone surrogates and
    controls included, and often hostile fragments."""
    anything = st.text(st.characters(exclude_categories=()))
    strings = st.one_of(
        anything,
        st.sampled_from(HOSTILE_FRAGMENTS),
        st.lists(st.one_of(anything, st.sampled_from(HOSTILE_FRAGMENTS)), max_size=4).map("".join),
    )
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False)
    )
    return st.recursive(
        st.one_of(scalars, strings),
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(strings, children, max_size=4)
        ),
        max_leaves=20,
    )
