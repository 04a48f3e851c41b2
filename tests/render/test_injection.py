"""Injection: no text of a content file, however hostile, becomes markup in any format or reaches a
reader as a control character, and every text comes out as it went in.

Each render is read back with independent parsers (html5lib in strict mode; markdown-it-py as
CommonMark and as GitHub-like Markdown with linkify; Python-Markdown with the extensions MkDocs
sites use) and compared with what the outline says it should hold. The texts come from the pinned
payloads in ``fixtures/payloads.json`` and from generated guides (``strategies.markup_texts``).
Texts that validation refuses (control characters, bidi controls, lone surrogates) are rendered
from guides built with ``model_construct``: writers show each such character as U+FFFD, and tabs,
carriage returns, vertical tabs and form feeds as a space. HTML also shows Unicode noncharacters as
U+FFFD: no conforming HTML can carry them.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given

from oncology_second_opinion import ContentError, Format, Guide, parse_guide, render, stylesheet
from oncology_second_opinion._models import LinksSection
from oncology_second_opinion._outline import (
    BulletList,
    Checklist,
    Facts,
    Heading,
    Outline,
    Paragraph,
    build_outline,
)
from oncology_second_opinion._writers import html as html_writer

from .. import strategies
from ..conftest import TESTS, WHOLE_GUIDES
from ..render_parse import (
    GFM,
    MARKDOWN,
    NONCHARACTERS,
    REFUSED_CHARACTER,
    assert_python_markdown_reads,
    expected_events,
    fold,
    html_events,
    markdown_events,
    parse_html,
    shown,
    text_of,
)

Json = Any
PAYLOAD_FILE = TESTS / "fixtures" / "payloads.json"
KINDS = ("html", "markdown", "unicode")


def _payloads() -> list[str]:
    data = json.loads(PAYLOAD_FILE.read_text(encoding="utf-8"))
    return [payload for kind in KINDS for payload in data[kind]]


PAYLOADS = _payloads()
#: Payloads a content file may hold: validation accepts them, so they must render as text.
VALID = [payload for payload in PAYLOADS if strategies.is_text(payload)]
#: Payloads validation refuses; only a guide built without validation can hold them.
REFUSED = [payload for payload in PAYLOADS if not strategies.is_text(payload)]

#: Each format and the options of its renders under test.
RENDERS: list[tuple[Format, dict[str, Any]]] = [
    ("markdown", {}),
    ("html", {}),
    ("html", {"document": True}),
    ("text", {}),
    ("text", {"width": None}),
]

# --- what a reader should be shown -------------------------------------------------------------


def shown_guide(document: Json, fmt: Format) -> Guide:
    """The guide a reader of ``fmt`` should see when ``document`` is rendered."""
    changed = copy.deepcopy(document)
    for location in strategies.text_locations(document):
        strategies.replace(changed, location, shown(strategies.get(document, location), fmt))
    return strategies.unvalidated_guide(changed)


def outline_texts(outline: Outline, contents: bool = False) -> list[str]:
    """Every run of text in the outline that a reader reads, in order; checklist captions, which
    only HTML shows (to assistive technology), aside; the table of contents with ``contents``."""
    texts: list[str] = []
    if contents and outline.contents is not None:
        texts.extend([outline.contents.caption, *(e.text for e in outline.contents.entries)])
    for block in outline.blocks:
        if isinstance(block, Heading):
            texts.append(block.text)
        elif isinstance(block, Paragraph):
            texts.extend(inline.text for inline in block.inlines)
        elif isinstance(block, BulletList):
            texts.extend(inline.text for item in block.items for inline in item)
        elif isinstance(block, Checklist):
            texts.extend(block.items)
        elif isinstance(block, Facts):
            texts.extend(text for fact in block.items for text in (fact.label, fact.value))
    return texts


# --- reading each format back ------------------------------------------------------------------

UNSAFE_SCHEME = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
#: Attributes whose values are content text rather than markup.
TEXT_ATTRIBUTES = frozenset({"aria-label"})

Skeleton = list[tuple[str, tuple[tuple[str, str], ...]]]


def skeleton(root: ET.Element) -> Skeleton:
    """Every element and attribute in document order; values that carry content text left out."""
    return [
        (
            element.tag,
            tuple(
                sorted(
                    (name, "" if name in TEXT_ATTRIBUTES else value)
                    for name, value in element.attrib.items()
                )
            ),
        )
        for element in root.iter()
    ]


@functools.lru_cache(maxsize=8)
def _reference_skeleton(neutral: str, document: bool) -> Skeleton:
    guide = strategies.unvalidated_guide(json.loads(neutral))
    return skeleton(parse_html(render(guide, "html", document=document), fragment=not document))


def reference_skeleton(document_data: Json, document: bool) -> Skeleton:
    """The markup of the same guide with every text replaced by a plain word."""
    neutral = json.dumps(strategies.with_texts(document_data, ["x"]), sort_keys=True)
    return _reference_skeleton(neutral, document)


def check_html(output: str, document_data: Json, expected: Guide, document: bool) -> None:
    # Strict: any parse error (a stray tag, a control or noncharacter, a bad reference) raises.
    root = parse_html(output, fragment=not document)
    elements = list(root.iter())[0 if document else 1 :]
    assert skeleton(root) == reference_skeleton(document_data, document)
    # A script (with its type) is allowed only as JSON-LD data, checked below.
    assert {element.tag for element in elements} <= html_writer.TAGS | {"script"}
    attributes = {name for element in elements for name in element.attrib}
    assert attributes <= html_writer.ATTRIBUTES | {"type"}
    assert not [name for name in attributes if name.lower().startswith("on")]
    anchors = {f"#{html_writer.DEFAULT_ID_PREFIX}{section}" for section in expected.section_ids}
    links = [*expected.sources.items]
    for section in expected.local_sections:
        if isinstance(section, LinksSection):
            links.extend(section.items)
    urls = {link.url for link in links}
    for element in elements:
        if "href" in element.attrib:
            assert element.attrib["href"] in urls | anchors
        for name, value in element.attrib.items():
            if name not in TEXT_ATTRIBUTES:
                assert not UNSAFE_SCHEME.search("".join(value.split())), (name, value)
    for script in root.iter("script"):  # only JSON-LD data may ever be a script
        assert script.get("type") == "application/ld+json"
        assert not list(script)
        json.loads(script.text or "")
    for style in root.iter("style"):
        assert (style.text or "").strip() == (html_writer.PAGE_STYLESHEET + stylesheet()).strip()

    outline = build_outline(expected)
    prefix = html_writer.DEFAULT_ID_PREFIX
    assert html_events(root) == expected_events(outline, id_prefix=prefix, contents=document)
    # Exactly, not only up to whitespace: HTML keeps the text as it is.
    body = root.find("body") if document else root
    assert body is not None
    shown_text = text_of(body)
    for text in outline_texts(outline, contents=document):
        assert text in shown_text
    captions = [ul.get("aria-label") for ul in root.iter("ul") if ul.get("aria-label")]
    assert captions == [expected.labels.records_checklist, expected.labels.questions_checklist]
    if document:
        assert root.findtext("head/title") == expected.title


def check_markdown(output: str, expected: Guide) -> None:
    outline = build_outline(expected)
    for parser in (MARKDOWN, GFM):
        # markdown_events refuses every token but headings, paragraphs, bullet and task lists,
        # text and links; the links must be the guide's sources.
        assert markdown_events(output, parser) == expected_events(outline, markdown=True)
    # Likewise for Python-Markdown, which reads some escapes and blocks differently.
    assert_python_markdown_reads(output, expected_events(outline, markdown=True))
    assert not REFUSED_CHARACTER.search(output)


def check_text(output: str, expected: Guide) -> None:
    assert not REFUSED_CHARACTER.search(output), "a control or bidi character reached the text"
    # No content starts a line of its own (a fake heading underline or bullet): the only line
    # breaks are the writer's, even for readers that also break at U+2028 and U+2029.
    assert output.splitlines() == output.split("\n")[:-1]
    folded = fold(output)
    for text in outline_texts(build_outline(expected)):
        assert fold(text) in folded


def check_renders(guide: Guide, document: Json) -> None:
    """Render ``guide`` (built from ``document``) in every format and read each render back."""
    shown_guides = {fmt: shown_guide(document, fmt) for fmt in {fmt for fmt, _ in RENDERS}}
    for fmt, options in RENDERS:
        output = render(guide, fmt, **options)
        expected = shown_guides[fmt]
        if fmt == "html":
            check_html(output, document, expected, document=options.get("document", False))
        elif fmt == "markdown":
            check_markdown(output, expected)
        else:
            check_text(output, expected)


# --- the pinned payloads -----------------------------------------------------------------------


def test_the_payload_file_covers_each_kind_and_both_verdicts() -> None:
    data = json.loads(PAYLOAD_FILE.read_text(encoding="utf-8"))
    assert all(len(data[kind]) >= 40 for kind in KINDS)
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert len(VALID) > 200
    assert len(REFUSED) > 20
    # Each of these is known to be accepted by validation: it must be shown, not obeyed.
    for known in ("<script>alert(1)</script>", "[click](javascript:alert(1))", "\ufffe"):
        assert known in VALID


@pytest.mark.parametrize("payload", VALID)
def test_a_payload_in_every_text_field_renders_as_text(guide_data: Json, payload: str) -> None:
    document = strategies.with_texts(guide_data, [payload])
    check_renders(parse_guide(document), document)


@pytest.mark.parametrize("turn", range(0, len(VALID), 7))
def test_payloads_side_by_side_render_as_text(guide_data: Json, turn: int) -> None:
    """Different payloads in neighbouring fields, so one can open what the next would close;
    over the turns each field holds many payloads."""
    document = strategies.with_texts(guide_data, VALID[turn:] + VALID[:turn])
    check_renders(parse_guide(document), document)


@pytest.mark.parametrize("payload", REFUSED)
def test_a_refused_payload_is_neutralised_even_without_validation(
    guide_data: Json, payload: str
) -> None:
    document = strategies.with_texts(guide_data, [payload])
    with pytest.raises(ContentError):
        parse_guide(document)
    check_renders(strategies.unvalidated_guide(document), document)


# --- generated guides --------------------------------------------------------------------------


# Each example renders five outputs and parses them with three parsers.
@WHOLE_GUIDES
@given(strategies.guides(pool=strategies.markup_texts(), pool_size=16))
def test_any_valid_guide_renders_as_text(document: Json) -> None:
    check_renders(parse_guide(document), document)


@WHOLE_GUIDES
@given(strategies.guides(pool=strategies.unchecked_texts(), pool_size=16))
def test_any_unvalidated_guide_renders_as_text_without_controls(document: Json) -> None:
    check_renders(strategies.unvalidated_guide(document), document)


# --- characters validation refuses, one by one ---------------------------------------------------


@pytest.mark.parametrize(
    "char",
    [*strategies.FORBIDDEN_SAMPLE, *map(chr, (0xD800, 0xDBFF, 0xDC00, 0xDFFF))],
    ids=lambda char: f"U+{ord(char):04X}",
)
def test_no_refused_character_reaches_any_output(guide_data: Json, char: str) -> None:
    document = strategies.with_texts(guide_data, [f"a{char}b", f"{char}c", f"d{char}"])
    guide = strategies.unvalidated_guide(document)
    for fmt, options in RENDERS:
        output = render(guide, fmt, **options)
        assert char not in output
        output.encode("utf-8")  # no lone surrogate either
        expected = "a b" if char in "\t\v\f\r" else "a\ufffdb"
        assert expected in output


@pytest.mark.parametrize("char", NONCHARACTERS, ids=lambda char: f"U+{ord(char):04X}")
def test_html_shows_a_noncharacter_as_a_replacement_character(guide_data: Json, char: str) -> None:
    """Validation accepts noncharacters, but no conforming HTML holds one, as text or as a
    character reference; Markdown and plain text keep them."""
    document = strategies.with_texts(guide_data, [f"a{char}b"])
    guide = parse_guide(document)
    for fmt, options in RENDERS:
        output = render(guide, fmt, **options)
        assert ("a\ufffdb" if fmt == "html" else f"a{char}b") in output
    parse_html(render(guide, "html", document=True), fragment=False)


def test_a_line_separator_in_content_cannot_start_a_plain_text_line(guide_data: Json) -> None:
    document = strategies.with_texts(guide_data, ["Title\u2028=====\u2029• item"])
    output = render(parse_guide(document), "text", width=None)
    assert "\u2028" not in output
    assert "\u2029" not in output
    assert output.splitlines()[:2] == ["Title ===== • item", "=" * 18]
