"""Shared hypothesis strategies: valid field values, valid guide documents, and broken ones.

Everything here builds plain JSON data (dicts, lists, strings), the way a content file decodes;
:func:`guide_models` parses valid documents into :class:`~oncology_second_opinion.Guide` objects.
Valid values never hold a lone surrogate: JSON Schema validators cannot see them (the models reject
them; ``tests/content/test_hostile_content.py`` covers that). :func:`hostile_texts` is valid text
full of fragments that try to break out of HTML, Markdown and JSON, for exporters and renderers.
"""

from __future__ import annotations

import copy
import datetime
import re
import string
import sys
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints

from oncology_second_opinion import SECTION_IDS, Guide, parse_guide
from oncology_second_opinion._fields import (
    LANGUAGE_TAG_PATTERN,
    SCHEMA_VERSION,
    SEMVER_PATTERN,
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    check_text,
)
from oncology_second_opinion._models import (
    CLINICAL_REVIEW_LABELS,
    LOCAL_SHAPES,
    PACKAGED_SECTIONS,
    RESERVED_SECTION_IDS,
    Labels,
    Review,
)
from oncology_second_opinion._sms import GSM7_BASIC, GSM7_EXTENSION

Json = Any
Location = tuple[int | str, ...]

_FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2061-\u206f\ufeff\ufff0-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e00ff\U000e01f0-\U000e0fff]"
)
#: Every character a text field refuses anywhere: C0 (but line feed) and C1 controls, DEL, bidi
#: controls, and the invisible format characters no script needs (tag characters among them).
FORBIDDEN_CHARACTERS = "".join(
    _FORBIDDEN.findall(
        "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    )
)
#: A few of each run of :data:`FORBIDDEN_CHARACTERS`, for checks too slow to run on all of them:
#: every one in the Basic Multilingual Plane, and the ends and some middle of each astral run.
_ASTRAL_SAMPLE = "\U0001bca0\U0001bca3\U0001d173\U0001d17a\U000e0000\U000e0001\U000e0020"
_ASTRAL_SAMPLE += "\U000e0041\U000e007f\U000e0080\U000e00ff\U000e01f0\U000e0800\U000e0fff"
FORBIDDEN_SAMPLE = (
    "".join(char for char in FORBIDDEN_CHARACTERS if char <= "\uffff") + _ASTRAL_SAMPLE
)
#: Characters that count as blank: text made only of these is empty to a reader.
BLANK_CHARACTERS = (
    "\n \xa0\xad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e"
    + "".join(chr(c) for c in range(0x2000, 0x200C))
    + "\u200e\u200f\u2028\u2029\u202f\u205f\u2060\u2800\u3000\u3164\uffa0"
)
#: Zero-width joiners: allowed only between two visible characters.
JOINERS = "\u200c\u200d"
#: Variation selectors: allowed only right after a visible character, one at a time.
SELECTORS = (
    "\u180b\u180c\u180d\u180f"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)
assert sys.maxunicode == 0x10FFFF

_SLUG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_HOST_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_PCHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@"


def one_character_of(characters: str) -> st.SearchStrategy[str]:
    """One of ``characters``; unlike ``sampled_from``, its repr stays short for thousands."""
    return st.integers(0, len(characters) - 1).map(characters.__getitem__)


def _text_without(exclude: str, **sizes: int) -> st.SearchStrategy[str]:
    """Text of any characters but ``exclude``, drawn natively by hypothesis (fast).

    Astral characters of ``exclude`` are replaced after drawing, not excluded: excluded, the
    thousands of them would make the strategy's repr, which hypothesis builds, as long; filtered,
    generation would be slow.
    """
    common = "".join(sorted({char for char in exclude if char <= "\uffff"}))
    rare = sorted({char for char in exclude if char > "\uffff"})
    text = st.text(st.characters(codec="utf-8", exclude_characters=common), **sizes)
    if not rare:
        return text
    pattern = re.compile("[" + "".join(rare) + "]")
    return text.map(lambda value: pattern.sub(_ASTRAL_STAND_IN, value))


#: What stands in for an excluded astral character: a visible one (DNA DOUBLE HELIX).
_ASTRAL_STAND_IN = "\U0001f9ec"


def _characters(exclude: str) -> st.SearchStrategy[str]:
    """One character, not one of ``exclude``."""
    return _text_without(exclude, min_size=1, max_size=1)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Valid human-readable text: any Unicode but what a text field refuses, not blank; with
    variation selectors after visible characters and joiners between them."""
    visible = _characters(FORBIDDEN_CHARACTERS + BLANK_CHARACTERS + JOINERS + SELECTORS)
    plain = _text_without(FORBIDDEN_CHARACTERS + JOINERS + SELECTORS, max_size=max_size)
    selected = st.tuples(visible, one_character_of(SELECTORS)).map("".join)
    joined = st.tuples(visible, st.sampled_from(JOINERS), visible).map("".join)
    return st.builds(
        lambda before, first, after, marked: before + first + after + marked,
        st.text(st.sampled_from(BLANK_CHARACTERS), max_size=3),
        visible,
        plain,
        st.one_of(st.just(""), selected, joined),
    )


# Markup: text that looks like HTML or Markdown -------------------------------------------------

#: Fragments of markup of every format the writers know (HTML, CommonMark, GFM, entities), to be
#: mixed with arbitrary text. None holds a character that validation refuses.
MARKUP: tuple[str, ...] = (
    "*a*", "**b**", "_c_", "`d`", "```", "~~~", "[e](https://x.example)", "![f](g)", "[h]: /u",
    "[i][h]", "<https://x.example>", "https://x.example/p", "www.x.example", "a@x.example",
    "# ", "## h", "#", "- ", "+ ", "* ", "1. ", "2) ", "> ", "[ ] ", "[x]", "---", "===",
    "\n    code", "\n- item", "\n\n", "\n1. item", "\n> q", "\n===", "\n```\n", "  \n", "\\\n",
    "<b>", "</p>", "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>", "<style>",
    "<script ", "<pre", "<textarea ", "<?", "<!X", "<div>", "<a href=x>",
    "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "javascript:", "data:", "vbscript:",
    " onclick=", '"', "'", "`", "=", "&amp;", "&#60;", "&#x3C;", "&lt;", "&", "\\",
    "|a|b|", "\n|-|-|", "~~s~~", "\u00a0", "\u2028", "\u2029", "\u200b", "\ufeff", "\u200f",
    "~s~", "~", "***", "___", "- - -", "1) ", "+", "!!! note", "{: #i .c }", "{ onclick=x }",
    "[^1]", "[^1]: n", "[TOC]", "![", "!", "\\*", "&commat;", "&#106", "&copy", "<a@x.y>",
    "http://localhost", "//localhost", "//x.example", "mailto:a@b", "a@b", "x.example", "e.g.",
    "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444", "xn--p1ai", "127.0.0.1", "*[HTML]: x",
)  # fmt: skip

#: Characters that tend to find writers' and parsers' blind spots: noncharacters, look-alikes of
#: ASCII markup, combining overlays, Unicode spaces and line separators, astral characters.
ODD_CHARACTERS = (
    "\ufffe\uffff\ufdd0\ufdef\U0001fffe\U0010ffff\ufffd\uff1c\uff1e\uff06\uff1a\uff0f\uff0e"
    "\ufe64\ufe65\u2039\u203a\u02c2\u02c3\u0338\u0301\u3002\uff61\u00a0\u3000\u2028\u2029"
    "\u200b\u200e\u200f\ufeff\u180e\U0001f9ec\ue000"
)


def is_text(value: str) -> bool:
    """Whether ``value`` is valid text for a content field."""
    try:
        check_text(value)
    except ValueError:
        return False
    return True


def markup_texts(max_parts: int = 6) -> st.SearchStrategy[str]:
    """Valid text full of markup: fragments of :data:`MARKUP`, ASCII punctuation, line breaks,
    :data:`ODD_CHARACTERS` and any other character a text field accepts."""
    character = st.one_of(
        st.sampled_from(string.punctuation + " \n0123456789"),
        st.sampled_from(ODD_CHARACTERS),
        _characters(FORBIDDEN_CHARACTERS),
    )
    part = st.one_of(
        st.sampled_from(MARKUP), st.sampled_from(ODD_CHARACTERS), st.text(character, max_size=8)
    )
    return st.lists(part, min_size=1, max_size=max_parts).map("".join).filter(is_text)


def unchecked_texts() -> st.SearchStrategy[str]:
    """Text validation would refuse, as an unvalidated guide (``model_construct``) can hold it:
    markup with control characters, bidi controls and lone surrogates mixed in. Never blank."""
    hostile = st.one_of(
        one_character_of(FORBIDDEN_CHARACTERS),
        st.sampled_from(["\x1b[31m", "\x1b]0;t\x07", "\x9b2J", "\ud800", "\udfff", "\r\n"]),
    )
    return st.builds(
        lambda before, middle, after: before + middle + after,
        st.lists(st.one_of(hostile, markup_texts(2)), max_size=3).map("".join),
        markup_texts(2),
        st.lists(st.one_of(hostile, markup_texts(2)), max_size=3).map("".join),
    )


#: Ways of numbering messages, as content files may write them.
MESSAGE_NUMBERS = ("{number}/{total}", "({number} of {total})", "{total}中{number}")


def gsm7_texts() -> st.SearchStrategy[str]:
    """Non-empty text of GSM-7 characters, extension characters included."""
    alphabet = sorted((GSM7_BASIC | GSM7_EXTENSION) - set("\n\r\f"))
    return st.text(st.sampled_from(alphabet), min_size=1, max_size=4)


def slugs() -> st.SearchStrategy[str]:
    """Valid ids: lowercase ASCII words joined by single hyphens, at most 64 characters."""
    word = st.text(_SLUG_ALPHABET, min_size=1, max_size=20)
    return (
        st.lists(word, min_size=1, max_size=4)
        .map("-".join)
        .filter(lambda slug: len(slug) <= SLUG_MAX_LENGTH)
    )


def _label() -> st.SearchStrategy[str]:
    inner = st.text(_HOST_ALPHABET + "-", max_size=10)
    edge = st.sampled_from(_HOST_ALPHABET)
    return st.one_of(edge, st.builds(lambda a, b, c: a + b + c, edge, inner, edge))


def _url_part(extra: str) -> st.SearchStrategy[str]:
    percent = st.builds(
        lambda a, b: f"%{a}{b}", st.sampled_from("0123456789abcdefABCDEF"), st.sampled_from("09aF")
    )
    plain = st.text(_PCHARS + extra, max_size=8)
    return st.lists(st.one_of(plain, percent), max_size=3).map("".join)


@st.composite
def _structured_urls(draw: st.DrawFn) -> str:
    top = draw(_label().filter(lambda label: label[0].isalpha()))
    host = ".".join([*draw(st.lists(_label(), min_size=1, max_size=3)), top])
    port = draw(st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}")))
    path = "".join("/" + segment for segment in draw(st.lists(_url_part(""), max_size=3)))
    query = draw(st.one_of(st.just(""), _url_part("/?").map(lambda q: "?" + q)))
    fragment = draw(st.one_of(st.just(""), _url_part("/?").map(lambda f: "#" + f)))
    return f"https://{host}{port}{path}{query}{fragment}"


def https_urls() -> st.SearchStrategy[str]:
    """Valid source URLs: absolute https, a host, no credentials, ASCII, as a reader would write."""
    return st.one_of(_structured_urls(), st.from_regex(URL_PATTERN, fullmatch=True))


def language_tags() -> st.SearchStrategy[str]:
    """BCP 47 tags in their usual spelling, such as 'en', 'fr-CA' or 'zh-Hant-TW'."""
    primary = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=3)
    subtag = st.text(_HOST_ALPHABET, min_size=1, max_size=8)
    tags = st.builds(
        lambda first, rest: "-".join([first, *rest]), primary, st.lists(subtag, max_size=2)
    )
    return st.one_of(tags, st.from_regex(LANGUAGE_TAG_PATTERN, fullmatch=True))


def semvers() -> st.SearchStrategy[str]:
    """Semantic versions such as '1.0.0' or '2.1.0-rc.1'."""
    number = st.integers(0, 20).map(str)
    release = st.builds(lambda *parts: ".".join(parts), number, number, number)
    return st.one_of(release, st.from_regex(SEMVER_PATTERN, fullmatch=True))


def schema_versions() -> st.SearchStrategy[str]:
    """Every schema_version this release reads."""
    major, minor = SCHEMA_VERSION
    return st.sampled_from([f"{major}.{number}" for number in range(minor + 1)])


REVIEW_STATUSES: tuple[str, ...] = get_args(Review.model_fields["status"].annotation)


_TEXTS = texts()


@st.composite
def guides(
    draw: st.DrawFn,
    text: st.SearchStrategy[str] | None = None,
    pool: st.SearchStrategy[str] = _TEXTS,
    pool_size: int = 6,
) -> dict[str, Json]:
    """A valid guide document as decoded JSON, with ids unique across the guide.

    Text fields take their values from ``text``; by default from a small pool of up to
    ``pool_size`` values of ``pool`` (:func:`texts`) drawn per guide (fields may repeat each
    other), which keeps generation fast.
    """
    if text is None:
        text = st.sampled_from(draw(st.lists(pool, min_size=1, max_size=pool_size)))

    def texts() -> st.SearchStrategy[str]:
        return text

    def _paragraphs() -> st.SearchStrategy[list[str]]:
        return st.lists(text, min_size=1, max_size=3)

    sizes = {
        name: draw(st.integers(1, 3))
        for name in ("indications", "topics", "goals", "records", "questions", "sources")
    }
    # The sections of an adapted edition (key points, steps), each in some guides.
    adapted = [name for name in ("key_points", "steps") if draw(st.booleans())]
    sizes.update((name, draw(st.integers(1, 3))) for name in adapted)
    shapes = draw(st.lists(st.sampled_from(LOCAL_SHAPES), max_size=2))
    local_items = [draw(st.integers(1, 2)) if shape != "prose" else 0 for shape in shapes]
    count = sum(sizes.values()) + len(shapes) + sum(local_items)
    ids = iter(
        draw(
            st.lists(
                slugs().filter(lambda slug: slug not in RESERVED_SECTION_IDS),
                min_size=count,
                max_size=count,
                unique=True,
            )
        )
    )

    def items(name: str, **fields: st.SearchStrategy[str]) -> list[dict[str, str]]:
        return [
            {"id": next(ids), **{key: draw(value) for key, value in fields.items()}}
            for _ in range(sizes.get(name, 0))
        ]

    local_sections: list[dict[str, Json]] = []
    for shape, size in zip(shapes, local_items, strict=True):
        present = [
            section_id
            for section_id, (field, _) in PACKAGED_SECTIONS.items()
            if section_id in SECTION_IDS or field in adapted
        ]
        earlier = [*present, *(section["id"] for section in local_sections)]
        section: dict[str, Json] = {
            "id": next(ids),
            "shape": shape,
            "after": draw(st.sampled_from(earlier)),
            "heading": draw(texts()),
        }
        if shape == "prose":
            section["paragraphs"] = draw(_paragraphs())
        elif shape == "list":
            section["lead"] = draw(texts())
            sizes["local"] = size
            section["items"] = items("local", text=texts())
        else:
            sizes["local"] = size
            section["items"] = items("local", publisher=texts(), title=texts(), url=https_urls())
        local_sections.append(section)
    optional: dict[str, Any] = {"local_sections": local_sections} if local_sections else {}
    for name in adapted:
        optional[name] = {"heading": draw(texts()), "items": items(name, text=texts())}
    if draw(st.booleans()):
        optional["edition"] = draw(slugs())
    replacements = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "character": _characters(
                        FORBIDDEN_CHARACTERS + "\n" + "".join(GSM7_BASIC | GSM7_EXTENSION)
                    ),
                    "plain": gsm7_texts(),
                }
            ),
            max_size=2,
        )
    )
    if replacements:
        optional["gsm7_replacements"] = replacements
    review: dict[str, Json] = {
        "status": draw(st.sampled_from(REVIEW_STATUSES)),
        "statement": draw(texts()),
    }
    if draw(st.booleans()):
        review["short_statement"] = draw(texts())
    if review["status"] == "clinically-reviewed" and draw(st.booleans()):
        review["clinical_review"] = draw(clinical_reviews(text))
    optional_labels = {"message_number", "treatment_starts_soon", *CLINICAL_REVIEW_LABELS}
    labels = {name: draw(texts()) for name in Labels.model_fields if name not in optional_labels}
    if "clinical_review" in review or draw(st.booleans()):
        labels.update((name, draw(texts())) for name in CLINICAL_REVIEW_LABELS)
    if draw(st.booleans()):
        labels["message_number"] = draw(st.sampled_from(MESSAGE_NUMBERS))
    if draw(st.booleans()):
        labels["treatment_starts_soon"] = draw(texts())

    return {
        "schema_version": draw(schema_versions()),
        "locale": draw(language_tags()),
        "content_version": draw(semvers()),
        "title": draw(texts()),
        "publisher": draw(texts()),
        "review": review,
        "labels": labels,
        "overview": {"heading": draw(texts()), "paragraphs": draw(_paragraphs())},
        "indications": {
            "heading": draw(texts()),
            "lead": draw(texts()),
            "items": items("indications", text=texts()),
        },
        "clarifications": {
            "heading": draw(texts()),
            "paragraphs": draw(_paragraphs()),
            "topics": items("topics", label=texts()),
            "treatment_goals": items("goals", label=texts()),
        },
        "timing": {"heading": draw(texts()), "paragraphs": draw(_paragraphs())},
        "records": {
            "heading": draw(texts()),
            "lead": draw(texts()),
            "items": items("records", label=texts()),
        },
        "questions": {"heading": draw(texts()), "items": items("questions", text=texts())},
        "how_to_use": {"heading": draw(texts()), "paragraphs": draw(_paragraphs())},
        "disclaimer": {"heading": draw(texts()), "paragraphs": draw(_paragraphs())},
        "sources": {
            "heading": draw(texts()),
            "items": items("sources", publisher=texts(), title=texts(), url=https_urls()),
        },
        **optional,
    }


@st.composite
def clinical_reviews(draw: st.DrawFn, text: st.SearchStrategy[str] | None = None) -> Json:
    """A recorded clinical review, its next review due after it."""
    text = texts() if text is None else text
    reviewed_on = draw(st.dates(datetime.date(1000, 1, 1), datetime.date(9998, 12, 31)))
    days = draw(st.integers(1, (datetime.date(9999, 12, 31) - reviewed_on).days))
    review: dict[str, Json] = {
        "reviewer": draw(text),
        "role": draw(text),
        "reviewed_on": reviewed_on.isoformat(),
        "next_review_due": (reviewed_on + datetime.timedelta(days=days)).isoformat(),
    }
    if draw(st.booleans()):
        review["organization"] = draw(text)
    return review


def guide_models(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Guide]:
    """Valid guides as models: :func:`guides` parsed with the public ``parse_guide``."""
    return guides(text).map(parse_guide)


# Hostile text -----------------------------------------------------------------------------------

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
    "\u2060",
    "\u200f",
    "\U0001f600",
)


def hostile_texts(max_size: int = 12) -> st.SearchStrategy[str]:
    """Valid text (:func:`texts`) with :data:`HOSTILE_FRAGMENTS` around and between its parts."""
    piece = st.one_of(texts(max_size), st.sampled_from(HOSTILE_FRAGMENTS))
    return st.builds(
        lambda before, core, after: "".join(before) + core + "".join(after),
        st.lists(piece, max_size=2),
        texts(max_size),
        st.lists(piece, max_size=3),
    )


def json_values() -> st.SearchStrategy[Json]:
    """Any JSON value (no NaN or infinities), with strings of any code points, lone surrogates and
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


# Broken documents -------------------------------------------------------------------------------


def locations(document: Json, location: Location = ()) -> list[tuple[Location, Json]]:
    """Every value in a document with its location, in document order."""
    found = [(location, document)]
    if isinstance(document, dict):
        for key, child in document.items():
            found.extend(locations(child, (*location, key)))
    elif isinstance(document, list):
        for index, child in enumerate(document):
            found.extend(locations(child, (*location, index)))
    return found


def get(document: Json, location: Location) -> Json:
    """The value at ``location`` of ``document``."""
    for part in location:
        document = document[part]
    return document


def replace(document: Json, location: Location, value: Json) -> None:
    """Put ``value`` at ``location`` (not the root) of ``document``, in place."""
    parent = document
    for part in location[:-1]:
        parent = parent[part]
    parent[location[-1]] = value


BROKEN_URLS = (
    "http://example.org/page",
    "javascript:alert(1)",
    "data:text/html,hi",
    "HTTPS://example.org/",
    "//example.org/page",
    "example.org/page",
    "/page",
    "https:/example.org",
    "https:example.org",
    "https://",
    "https:///page",
    "https://user@example.org/",
    "https://user:secret@example.org/",
    "https://example.org@evil.example/",
    "https://example.org:0/",
    "https://example.org:65536/",
    "https://example.org:/",
    "https://example.org:443x/",
    "https://exa mple.org/",
    "https://example.org/a b",
    " https://example.org/",
    "https://example.org/\n",
    "https://example.org/\t",
    "https://example.org/\x00",
    "https://example.org/\u202e",
    "https://example.org\\@evil.example/",
    "https://example.org/caf\u00e9",
    "https://b\u00fccher.example/",
    "https://[::1]/",
    "https://127.0.0.1:99999/",
    "https://example.org/%zz",
    "https://example.org/%4",
    "https://example.org/#a#b",
    "https://example.org/<script>",
    'https://example.org/"',
    "https://-example.org/",
    "https://example-.org/",
    "https://example..org/",
    "https://.example.org/",
    "https://example.org./",
    "https://exa_mple.org/",
    "https://127.0.0.1/",
    "https://2130706433/",
    "https://0x7f000001/",
    "https://0x7f.0.0.1/",
    "https://0177.0.0.1/",
    "https://example.123/",
    "https://example.0x1f/",
    "https://localhost/",
    "https://intranet:8443/",
    "https://[2001:db8::1]/",
)

BROKEN_SLUGS = ("Upper", "a--b", "-a", "a-", "a_b", "a b", "\u00e9", "a" * 65, "a\n", "a.b")
BROKEN_SCHEMA_VERSIONS = (
    f"{SCHEMA_VERSION[0] + 1}.0",
    f"{SCHEMA_VERSION[0]}.{SCHEMA_VERSION[1] + 1}",
    f"0{SCHEMA_VERSION[0]}.0",
    f"{SCHEMA_VERSION[0]}.00",
    f"{SCHEMA_VERSION[0]}",
    f"{SCHEMA_VERSION[0]}.0.0",
    f" {SCHEMA_VERSION[0]}.0",
    f"{SCHEMA_VERSION[0]}.0\n",
    "0.9",
    "v1.0",
)

#: Keys whose values have a fixed form (ids, URLs, versions, dates, codes), which appending words to
#: would make invalid; every other string of a guide document is text.
FIXED_FORM_KEYS = frozenset(
    {
        "id",
        "after",
        "shape",
        "url",
        "locale",
        "edition",
        "content_version",
        "schema_version",
        "sentence",
        "restates",
        "status",
        "message_number",
        "character",
        "plain",
        "reviewed_on",
        "next_review_due",
    }
)

#: Keys a guide document may leave out.
OPTIONAL_KEYS = frozenset(
    {
        "local_sections",
        "gsm7_replacements",
        "short_statement",
        "message_number",
        "treatment_starts_soon",
        "clinical_review",
        "organization",
        "language",
        "translated_from",
        "adapted_from",
        "edition",
        "key_points",
        "steps",
        *CLINICAL_REVIEW_LABELS,
    }
)

Mutation = Literal[
    "drop-key",
    "unknown-key",
    "empty-string",
    "blank-string",
    "forbidden-character",
    "broken-url",
    "wrong-type",
    "schema-version",
    "empty-list",
    "broken-slug",
    "broken-status",
    "broken-locale",
    "broken-content-version",
]
MUTATIONS: tuple[Mutation, ...] = get_args(Mutation)

_OTHER_TYPES: dict[type, tuple[Json, ...]] = {
    str: (0, 1.5, True, None, [], {}, ["text"]),
    list: ("text", 0, None, {}, False),
    dict: ("text", 0, None, [], [{}], True),
}


def _where(draw: st.DrawFn, document: Json, kind: type) -> Location:
    return draw(
        st.sampled_from(
            [location for location, value in locations(document) if isinstance(value, kind)]
        )
    )


@st.composite
def broken_guides(draw: st.DrawFn) -> tuple[Mutation, dict[str, Json]]:
    """A valid guide broken by one mutation that every validator must refuse.

    No mutation creates a duplicate id or key: JSON Schema cannot see those (a known, deliberate
    difference).
    """
    document = copy.deepcopy(draw(guides()))
    kind = draw(st.sampled_from(MUTATIONS))
    if kind == "drop-key":
        obj = get(document, _where(draw, document, dict))
        del obj[draw(st.sampled_from(sorted(set(obj) - OPTIONAL_KEYS)))]
    elif kind == "unknown-key":
        obj = get(document, _where(draw, document, dict))
        key = draw(st.text(_characters("")).filter(lambda key: key not in obj))
        obj[key] = draw(st.one_of(st.none(), texts()))
    elif kind == "empty-string":
        replace(document, _where(draw, document, str), "")
    elif kind == "blank-string":
        replace(
            document,
            _where(draw, document, str),
            draw(st.text(st.sampled_from(BLANK_CHARACTERS), min_size=1, max_size=4)),
        )
    elif kind == "forbidden-character":
        location = _where(draw, document, str)
        value = get(document, location)
        at = draw(st.integers(0, len(value)))
        bad = draw(one_character_of(FORBIDDEN_CHARACTERS))
        replace(document, location, value[:at] + bad + value[at:])
    elif kind == "broken-url":
        index = draw(st.integers(0, len(document["sources"]["items"]) - 1))
        document["sources"]["items"][index]["url"] = draw(st.sampled_from(BROKEN_URLS))
    elif kind == "wrong-type":
        location = draw(st.sampled_from([location for location, _ in locations(document)][1:]))
        other_types = _OTHER_TYPES[type(get(document, location))]
        if location[-1] in OPTIONAL_KEYS:  # null is how an optional part says it is not used
            other_types = tuple(value for value in other_types if value is not None)
        replace(document, location, draw(st.sampled_from(other_types)))
    elif kind == "schema-version":
        document["schema_version"] = draw(st.sampled_from(BROKEN_SCHEMA_VERSIONS))
    elif kind == "empty-list":
        lists = [location for location, value in locations(document) if isinstance(value, list)]
        required = [location for location in lists if location[-1] not in OPTIONAL_KEYS]
        replace(document, draw(st.sampled_from(required)), [])
    elif kind == "broken-slug":
        id_locations = [location for location, _ in locations(document) if location[-1:] == ("id",)]
        replace(document, draw(st.sampled_from(id_locations)), draw(st.sampled_from(BROKEN_SLUGS)))
    elif kind == "broken-status":
        document["review"]["status"] = draw(
            st.sampled_from(["reviewed", "Not-clinically-reviewed", "", "clinically-reviewed "])
        )
    elif kind == "broken-locale":
        document["locale"] = draw(st.sampled_from(["EN", "e", "english", "en_US", "en-", "en\n"]))
    else:
        document["content_version"] = draw(
            st.sampled_from(["1.0", "01.0.0", "1.0.0+build", "v1.0.0", "1.0.0\n", "1.0.0-"])
        )
    return kind, document


@st.composite
def guides_with_any_string(draw: st.DrawFn) -> dict[str, Json]:
    """A valid guide with one string replaced by an arbitrary one (valid or not).

    An id or a local section's ``after`` is never replaced by another slug: a repeated id or a
    placement after a section that does not exist is what JSON Schema cannot see (the known,
    deliberate difference).
    """
    document = copy.deepcopy(draw(guides()))
    location = _where(draw, document, str)
    hostile = st.text(_characters(""), max_size=20)
    if location[-1] in ("id", "after"):
        hostile = hostile.filter(lambda value: re.fullmatch(SLUG_PATTERN, value) is None)
    replace(document, location, draw(hostile))
    return document


# Text fields of a guide document ----------------------------------------------------------------


def _item_type(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """The type of the items of ``tuple[X, ...]`` and the metadata of ``X``, if annotated."""
    item = get_args(annotation)[0]
    if get_origin(item) is Annotated:
        item, *metadata = get_args(item)
        return item, tuple(metadata)
    return item, ()


def _optional(annotation: Any, metadata: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
    """The type of an optional field (``X | None``) and the metadata of ``X``, if annotated."""
    members = get_args(annotation)
    if type(None) not in members:
        return annotation, metadata
    (inner,) = [member for member in members if member is not type(None)]
    if get_origin(inner) is Annotated:
        inner, *inner_metadata = get_args(inner)
        return inner, tuple(inner_metadata)
    return inner, metadata


def _model(annotation: Any, value: Json) -> Any:
    """The model ``value`` is read as: one of a union of local sections is chosen by its shape."""
    annotation, _ = _optional(annotation, ())
    if get_origin(annotation) is Union or isinstance(annotation, UnionType):
        shape = value.get("shape") if isinstance(value, dict) else None
        return next(
            member
            for member in get_args(annotation)
            if shape in get_args(member.model_fields["shape"].annotation)
        )
    return annotation


def _is_text(annotation: Any, metadata: tuple[Any, ...]) -> bool:
    """Whether a field of this type and these constraints holds human-readable text (``Text``)."""
    return annotation is str and any(
        isinstance(item, StringConstraints) and item.pattern == TEXT_PATTERN for item in metadata
    )


def text_locations(document: Json) -> list[Location]:
    """The location of every human-readable text of a guide document, in document order: one
    walk of the document beside the model type of each value."""
    found: list[Location] = []

    def walk(annotation: Any, metadata: tuple[Any, ...], value: Json, location: Location) -> None:
        if isinstance(value, str):
            if _is_text(annotation, metadata):
                found.append(location)
        elif isinstance(value, dict):
            fields = _model(annotation, value).model_fields
            for key, child in value.items():
                field = fields[key]
                inner, inner_metadata = _optional(field.annotation, tuple(field.metadata))
                walk(inner, inner_metadata, child, (*location, key))
        elif isinstance(value, list):
            item, item_metadata = _item_type(annotation)
            for index, child in enumerate(value):
                walk(item, item_metadata, child, (*location, index))

    walk(Guide, (), document, ())
    return found


def with_texts(document: Json, values: list[str]) -> Json:
    """A copy of ``document`` whose text fields hold ``values`` in turn, repeated as needed."""
    changed = copy.deepcopy(document)
    for index, location in enumerate(text_locations(changed)):
        replace(changed, location, values[index % len(values)])
    return changed


def unvalidated_guide(document: Json) -> Guide:
    """A guide built from ``document`` with ``model_construct`` all the way down: nothing is
    checked, as a careless integrator could build one."""

    def build(annotation: Any, value: Json) -> Any:
        annotation = _model(annotation, value)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields = annotation.model_fields
            return annotation.model_construct(
                **{key: build(fields[key].annotation, child) for key, child in value.items()}
            )
        if get_origin(annotation) is tuple:
            item, _ = _item_type(annotation)
            return tuple(build(item, child) for child in value)
        return value

    guide = build(Guide, document)
    assert isinstance(guide, Guide)
    return guide
