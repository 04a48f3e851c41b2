"""render(): options, fidelity to the source, structure, escaping, determinism, golden files."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import textwrap
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import (
    FORMATS,
    SECTION_IDS,
    Format,
    Guide,
    RenderOptionError,
    SectionId,
    build_handout,
    load_guide,
    render,
    to_jsonld,
)
from oncology_second_opinion._models import LinksSection, Source
from oncology_second_opinion._outline import (
    AnswerList,
    Block,
    BulletList,
    Checklist,
    Fact,
    Facts,
    Heading,
    Link,
    NumberedList,
    Outline,
    Paragraph,
    Run,
    build_outline,
)
from oncology_second_opinion._writers import WRITERS
from oncology_second_opinion._writers import html as html_writer
from oncology_second_opinion._writers import text as text_writer

from .. import strategies
from ..golden import GOLDEN, GOLDEN_DIR, PACKAGED, rendered
from ..render_parse import (
    expected_events,
    fold,
    html_events,
    markdown_events,
    parse_html,
    shown,
    text_of,
)
from ..seed import HEADINGS, SOURCE_LINE, seed_lines, split_sentences

# --- the source text, grouped by the seed's own headings --------------------------------------


def seed_groups() -> list[list[str]]:
    """The seed's sentences in groups that each start at one of its headings (the first group,
    the overview, has none). A render may reorder sections, never the sentences of a group."""
    groups: list[list[str]] = [[]]
    for line in seed_lines():
        if line in HEADINGS:
            groups.append([line])
        elif SOURCE_LINE.match(line):
            continue
        elif line.startswith("- "):
            groups[-1].append(line[2:])
        else:
            groups[-1].extend(split_sentences(line))
    return groups


def plain(fmt: str, output: str) -> str:
    """The reading text of a render, markup removed and whitespace folded."""
    if fmt == "markdown":
        return " ".join(event[-1] for event in markdown_events(output) if event[0] != "link")
    if fmt == "html":
        return fold(text_of(parse_html(output, fragment=True)))
    return fold(output)


def find_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"missing or out of order: {needle!r}"
        position = found + len(needle)


@pytest.mark.parametrize("fmt", FORMATS)
def test_default_render_has_every_seed_sentence_in_each_sections_order(
    guide: Guide, fmt: Format
) -> None:
    text = plain(fmt, render(guide, fmt))
    groups = seed_groups()
    assert sum(len(group) for group in groups) > 30
    for group in groups:
        find_in_order(text, group)


@pytest.mark.parametrize("fmt", FORMATS)
def test_default_render_has_every_source_and_the_review_statement(
    guide: Guide, fmt: Format
) -> None:
    output = render(guide, fmt)
    text = plain(fmt, output)
    assert guide.review.statement in text
    assert guide.disclaimer.paragraphs[0] in text
    if fmt == "html":
        facts = [e for e in html_events(parse_html(output, fragment=True)) if e[0] == "fact"]
        labels = guide.labels
        assert ("fact", labels.content_version + ":", guide.content_version) in facts
        assert ("fact", labels.review_status + ":", guide.review.statement) in facts
    else:
        assert f"{guide.labels.content_version}: {guide.content_version}" in text
        assert f"{guide.labels.review_status}: {guide.review.statement}" in text
    for source in guide.sources.items:
        assert f"{source.publisher}: {source.title}" in text
    if fmt == "markdown":
        links = [event[1:] for event in markdown_events(output) if event[0] == "link"]
        assert links == [(source.url, source.title) for source in guide.sources.items]
    if fmt == "html":
        root = parse_html(output, fragment=True)
        links = [(a.get("href"), text_of(a)) for a in root.iter("a")]
        assert links == [(source.url, source.title) for source in guide.sources.items]
    if fmt == "text":
        for line in seed_lines():
            if SOURCE_LINE.match(line):
                assert "• " + line[2:] in text, line


def test_sections_appear_in_the_default_order(guide: Guide) -> None:
    events = markdown_events(render(guide, "markdown"))
    headings = [event[2] for event in events if event[0] == "heading" and event[1] == 2]
    outline = build_outline(guide)
    assert [section.id for section in outline.sections] == list(SECTION_IDS)
    assert headings == [section.heading.text for section in outline.sections]


# --- structure: each format parses back to the outline -----------------------------------------

OPTION_SETS: list[dict[str, Any]] = [
    {},
    {"sections": ["questions", "overview", "sources"], "heading_level": 3},
    {"sections": ["records"], "heading_level": 6},
]


@pytest.mark.parametrize("options", OPTION_SETS)
def test_markdown_parses_to_the_outline(guide: Guide, options: dict[str, Any]) -> None:
    outline = build_outline(
        guide, options.get("sections", SECTION_IDS), options.get("heading_level", 1)
    )
    events = markdown_events(render(guide, "markdown", **options))
    assert events == expected_events(outline, markdown=True)


@pytest.mark.parametrize("options", OPTION_SETS)
def test_html_fragment_parses_to_the_outline(guide: Guide, options: dict[str, Any]) -> None:
    outline = build_outline(
        guide, options.get("sections", SECTION_IDS), options.get("heading_level", 1)
    )
    root = parse_html(render(guide, "html", **options), fragment=True)
    assert html_events(root) == expected_events(outline)


def test_html_document_parses_to_the_outline_with_contents(guide: Guide) -> None:
    outline = build_outline(guide)
    root = parse_html(render(guide, "html", document=True), fragment=False)
    assert html_events(root) == expected_events(outline, id_prefix="oso-", contents=True)


def test_text_lays_out_every_block(guide: Guide) -> None:
    output = render(guide, "text", width=None)
    lines = output.splitlines()
    outline = build_outline(guide)
    for section in outline.sections:
        heading = lines.index(section.heading.text)
        assert lines[heading + 1] == "-" * len(section.heading.text)
    assert lines[:2] == [guide.title, "=" * len(guide.title)]
    for record in guide.records.items:
        assert f"{text_writer.BOX}{record.label}" in lines
    for question in guide.questions.items:
        assert f"{text_writer.BOX}{question.text}" in lines
    for indication in guide.indications.items:
        assert f"{text_writer.BULLET}{indication.text}" in lines
    assert output.endswith("/\n")
    assert not output.endswith("\n\n")


# --- options ---------------------------------------------------------------------------------


def test_unknown_format_names_the_valid_ones(guide: Guide) -> None:
    with pytest.raises(
        RenderOptionError, match="unknown format 'pdf'; valid formats: markdown, html, text"
    ) as caught:
        render(guide, "pdf")
    assert caught.value.option == "format"
    assert caught.value.valid == FORMATS


def test_unknown_option_names_the_valid_ones(guide: Guide) -> None:
    with pytest.raises(
        RenderOptionError,
        match="unknown option 'colour'; valid options for 'text': "
        "compact, gsm7, heading_level, omit_disclaimer, sections, width",
    ):
        render(guide, "text", colour=True)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("fmt", "option", "value"),
    [
        ("markdown", "width", 40),
        ("markdown", "document", True),
        ("text", "id_prefix", "x"),
        ("html", "width", 40),
    ],
)
def test_option_of_another_format_is_refused(
    guide: Guide, fmt: Format, option: str, value: object
) -> None:
    with pytest.raises(
        RenderOptionError, match=f"option '{option}' does not apply to format '{fmt}'"
    ):
        render(guide, fmt, **{option: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"sections": "timing"},
            "sections must be an ordered list of ids, not 'timing'; valid ids: ",
        ),
        (
            {"sections": ["timing", "appendix"]},
            "unknown id 'appendix' in sections; valid ids: overview, indications",
        ),
        ({"sections": ["timing", "timing"]}, "id 'timing' is listed more than once in sections"),
        ({"sections": []}, "sections must name at least one of"),
        ({"heading_level": 0}, "heading_level must be an integer from 1 to 6, not 0"),
        ({"heading_level": 7}, "heading_level must be an integer from 1 to 6, not 7"),
        ({"heading_level": True}, "heading_level must be an integer"),
        ({"heading_level": "2"}, "heading_level must be an integer"),
        ({"width": 19}, "width must be None or an integer of at least 20, not 19"),
        ({"width": True}, "width must be None or an integer"),
    ],
)
def test_invalid_values_are_refused(guide: Guide, options: dict[str, Any], message: str) -> None:
    with pytest.raises(RenderOptionError, match=re.escape(message)) as caught:
        render(guide, "text", **options)
    assert caught.value.option == next(iter(options))


@pytest.mark.parametrize("prefix", ["1a", "a b", '"><script>', "é-"])
def test_invalid_id_prefix_is_refused(guide: Guide, prefix: str) -> None:
    with pytest.raises(RenderOptionError, match="id_prefix must be empty or a letter"):
        render(guide, "html", id_prefix=prefix)


def test_document_must_be_a_bool(guide: Guide) -> None:
    with pytest.raises(RenderOptionError, match="document must be True or False"):
        render(guide, "html", document="yes")  # type: ignore[arg-type]


def test_render_needs_a_guide() -> None:
    with pytest.raises(TypeError, match="render\\(\\) needs a Guide or a Handout, not dict"):
        render({}, "html")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_sections_are_rendered_in_the_order_given(guide: Guide, fmt: Format) -> None:
    output = render(guide, fmt, sections=("sources", "timing"))
    text = plain(fmt, output)
    assert text.index(guide.sources.heading) < text.index(guide.timing.heading)
    assert guide.overview.heading not in text
    assert guide.review.statement in text, "the header is always shown"


def text_headings(output: str) -> list[tuple[int, str]]:
    """Each heading of plain text: a line underlined by as many of one level's character."""
    lines = output.splitlines()
    return [
        (text_writer.UNDERLINES.index(under[0]) + 1, line)
        for line, under in itertools.pairwise(lines)
        if line.strip()
        and under[:1]
        and under == under[0] * len(line)
        and under[0] in text_writer.UNDERLINES
    ]


@pytest.mark.parametrize("level", range(1, 7))
def test_heading_levels_start_at_the_option_and_never_exceed_6(guide: Guide, level: int) -> None:
    section = min(level + 1, 6)
    headings = [getattr(guide, sid.replace("-", "_")).heading for sid in SECTION_IDS]
    expected = [(level, guide.title), *((section, heading) for heading in headings)]
    md = markdown_events(render(guide, "markdown", heading_level=level))
    assert [e[1:] for e in md if e[0] == "heading"] == expected
    assert text_headings(render(guide, "text", heading_level=level, width=None)) == expected
    # The page's table of contents is one more section, first.
    root = parse_html(render(guide, "html", heading_level=level, document=True), fragment=False)
    html = [e[1:] for e in html_events(root) if e[0] == "heading"]
    assert html == [expected[0], (section, guide.labels.contents), *expected[1:]]


def test_id_prefix_sets_every_anchor(guide: Guide) -> None:
    root = parse_html(render(guide, "html", document=True, id_prefix="guide-"), fragment=False)
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert ids == ["guide-contents", *(f"guide-{section}" for section in SECTION_IDS)]
    targets = [a.get("href") for a in root.iter("a") if (a.get("href") or "").startswith("#")]
    assert targets == [f"#guide-{section}" for section in SECTION_IDS]
    other = parse_html(render(guide, "html", id_prefix="b-"), fragment=True)
    assert not {e.get("id") for e in other.iter() if e.get("id")} & set(ids)


def test_html_fragment_is_one_element_carrying_lang(guide: Guide) -> None:
    root = parse_html(render(guide, "html"), fragment=True)
    (article,) = list(root)
    assert (article.tag, article.get("lang"), article.get("class")) == (
        "article",
        "en",
        "oso-guide",
    )
    assert not (root.text or "").strip()
    assert not (article.tail or "").strip()
    assert not list(article.iter("nav")), "a fragment leaves navigation to its host page"


def test_html_marks_the_language_of_each_source_title(guide: Guide) -> None:
    # WCAG 3.1.2: a title kept in its own language inside a page in another says so, and so does
    # the link to the page it names.
    unstated = guide.sources.items[0].model_copy(update={"language": None})
    sources = guide.sources.model_copy(update={"items": (*guide.sources.items, unstated)})
    root = parse_html(render(guide.model_copy(update={"sources": sources}), "html"), fragment=True)
    links = [a for a in root.iter("a") if (a.get("href") or "").startswith("https:")]
    assert [(a.text, a.get("lang"), a.get("hreflang")) for a in links] == [
        *((source.title, "en", "en") for source in guide.sources.items),
        (unstated.title, None, None),
    ]


def test_html_document_is_a_complete_page(guide: Guide) -> None:
    output = render(guide, "html", document=True)
    assert output.startswith("<!DOCTYPE html>\n")
    root = parse_html(output, fragment=False)
    assert root.get("lang") == "en"
    assert root.find("head/meta[@charset='utf-8']") is not None
    assert root.findtext("head/title") == guide.title
    style = root.findtext("head/style") or ""
    assert "@media print" in style
    assert ".oso-checklist" in style
    assert root.find("body/main/article[@lang='en']") is not None
    (nav,) = root.iter("nav")
    assert fold(text_of(nav)).startswith(guide.labels.contents)


def test_checklists_are_semantic_lists_with_captions_from_the_data(guide: Guide) -> None:
    root = parse_html(render(guide, "html"), fragment=True)
    lists = [ul for ul in root.iter("ul") if ul.get("class") == "oso-checklist"]
    assert [ul.get("aria-label") for ul in lists] == [
        guide.labels.records_checklist,
        guide.labels.questions_checklist,
    ]
    for ul in lists:
        for li in ul:
            (box,) = li.iter("span")
            assert (box.get("class"), box.get("aria-hidden")) == ("oso-box", "true")


# --- escaping and safety ---------------------------------------------------------------------

# Any valid text, markup and line breaks included (see tests/test_injection.py for every field,
# the pinned payloads and text that validation refuses).
TEXT = strategies.markup_texts()


def with_text(guide: Guide, heading: str, paragraph: str, item: str, question: str) -> Guide:
    """A copy of the guide with untrusted text in a heading, a paragraph, a list and a checklist,
    built without validation, as a careless integrator's model_construct could."""
    return guide.model_copy(
        update={
            "title": heading,
            "overview": guide.overview.model_copy(
                update={"heading": heading, "paragraphs": (paragraph,)}
            ),
            "indications": guide.indications.model_copy(
                update={"items": (guide.indications.items[0].model_copy(update={"text": item}),)}
            ),
            "questions": guide.questions.model_copy(
                update={"items": (guide.questions.items[0].model_copy(update={"text": question}),)}
            ),
        }
    )


SAMPLE: list[SectionId] = ["overview", "indications", "questions"]


@given(heading=TEXT, paragraph=TEXT, item=TEXT, question=TEXT)
def test_no_content_becomes_markdown_markup(
    heading: str, paragraph: str, item: str, question: str
) -> None:
    changed = with_text(load_guide(), heading, paragraph, item, question)
    outline = build_outline(changed, SAMPLE)
    events = markdown_events(render(changed, "markdown", sections=SAMPLE))
    assert events == expected_events(outline, markdown=True)


@given(heading=TEXT, paragraph=TEXT, item=TEXT, question=TEXT)
def test_no_content_becomes_html_markup(
    heading: str, paragraph: str, item: str, question: str
) -> None:
    changed = with_text(load_guide(), heading, paragraph, item, question)
    # HTML shows a noncharacter as U+FFFD.
    seen = with_text(
        load_guide(), *(shown(t, "html") for t in (heading, paragraph, item, question))
    )
    outline = build_outline(seen, SAMPLE)
    root = parse_html(render(changed, "html", sections=SAMPLE), fragment=True)
    assert html_events(root) == expected_events(outline)


def test_html_uses_only_its_fixed_tags_and_attributes(guide: Guide) -> None:
    hostile = with_text(
        guide, '<h1 onclick="x">', "<script>alert(1)</script>", "&amp; <b>", "' \" >"
    )
    for output, fragment in [
        (render(hostile, "html"), True),
        (render(hostile, "html", document=True), False),
    ]:
        root = parse_html(output, fragment=fragment)
        elements = list(root.iter())[1:] if fragment else list(root.iter())
        assert {element.tag for element in elements} <= html_writer.TAGS
        assert {name for element in elements for name in element.attrib} <= html_writer.ATTRIBUTES
    assert "<script" not in render(hostile, "html")
    # A complete page holds one script: its JSON-LD metadata, never code.
    document = parse_html(render(hostile, "html", document=True), fragment=False)
    scripts = [element for element in document.iter() if element.tag == "script"]
    assert [script.attrib for script in scripts] == [{"type": "application/ld+json"}]


def with_source_url(guide: Guide, url: str) -> Guide:
    source = Source.model_construct(id="x", publisher="P", title="T", url=url)
    sources = LinksSection.model_construct(heading=guide.sources.heading, items=(source,))
    return guide.model_copy(update={"sources": sources})


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "http://example.org/",
        "data:text/html,<script>alert(1)</script>",
        "https:/example.org",
        "https://user:pass@example.org/",
        "//example.org/",
        "https://example.org/a b",
        " https://example.org/",
        "https://example.org/\\..",
        'https://example.org/"onmouseover="x',
        "https://example.org/<b>)>",
    ],
)
def test_unsafe_urls_are_refused_even_without_validation(
    guide: Guide, fmt: Format, url: str
) -> None:
    with pytest.raises(ValueError, match="refusing to write a link to"):
        render(with_source_url(guide, url), fmt, sections=["sources"])


# --- plain text: wrapping ---------------------------------------------------------------------


def wrapped(text: str, width: int, marker: str = "") -> str:
    """The oracle of the text writer's wrapping: greedy filling to ``width`` that never breaks a
    word (a URL is one) nor at a hyphen, continuation lines indented as deep as the marker."""
    return "\n".join(
        textwrap.wrap(
            text,
            width,
            initial_indent=marker,
            subsequent_indent=" " * len(marker),
            break_long_words=False,
            break_on_hyphens=False,
        )
    )


@pytest.mark.parametrize("width", [20, 33, 50, 72, 100])
def test_text_wraps_at_width_without_breaking_urls(guide: Guide, width: int) -> None:
    output = render(guide, "text", width=width)
    blocks = output.removesuffix("\n").split("\n\n")
    for paragraph in guide.overview.paragraphs:
        assert wrapped(paragraph, width) in blocks
    bullets = [wrapped(item.text, width, text_writer.BULLET) for item in guide.indications.items]
    assert "\n".join(bullets) in blocks
    boxes = [wrapped(item.text, width, text_writer.BOX) for item in guide.questions.items]
    assert "\n".join(boxes) in blocks
    for line in output.splitlines():
        if len(line) > width:
            # Only a word longer than the width (a URL) may overflow, alone on its line.
            assert len(line.split()) == 1 or line.lstrip().startswith(("• ", "☐ ")), line
            assert len(line.split()) <= 2, line
    lines = [line.strip() for line in output.splitlines()]
    for source in guide.sources.items:
        assert any(source.url in line.split() for line in lines), source.url

    def words(text: str) -> list[str]:
        return [line for line in text.splitlines() if set(line) - set(text_writer.UNDERLINES)]

    assert fold("\n".join(words(output))) == fold(
        "\n".join(words(render(guide, "text", width=None)))
    )


# Words as the writer sees them: no character it folds or drops, so one space joins them.
_WORD = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Z", "C")), min_size=1, max_size=12),
    st.text(st.sampled_from("ab-"), min_size=1, max_size=30),  # hyphens are no place to break
    strategies.https_urls(),  # often longer than the line: kept whole
)
# Runs of whitespace the writer folds into one space.
_GAP = st.sampled_from([" ", "  ", "\n", "\t", " \u2028 "])


@st.composite
def spaced_words(draw: st.DrawFn) -> tuple[str, str]:
    """Words with any gaps between them, and the same words joined by single spaces."""
    words = draw(st.lists(_WORD, min_size=1, max_size=40))
    return words[0] + "".join(draw(_GAP) + word for word in words[1:]), " ".join(words)


@given(
    paragraph=spaced_words(),
    item=spaced_words(),
    question=spaced_words(),
    width=st.integers(text_writer.MIN_WIDTH, 100),
)
def test_text_wraps_like_textwrap(
    paragraph: tuple[str, str], item: tuple[str, str], question: tuple[str, str], width: int
) -> None:
    guide = load_guide()
    changed = with_text(guide, guide.overview.heading, paragraph[0], item[0], question[0])
    output = render(changed, "text", sections=SAMPLE, width=width)
    blocks = output.removesuffix("\n").split("\n\n")
    expected = [
        wrapped(paragraph[1], width),
        wrapped(item[1], width, text_writer.BULLET),
        wrapped(question[1], width, text_writer.BOX),
    ]
    assert [block for block in expected if block not in blocks] == [], output


def test_text_without_width_keeps_each_block_on_one_line(guide: Guide) -> None:
    lines = render(guide, "text", width=None).splitlines()
    for paragraph in guide.overview.paragraphs:
        assert paragraph in lines
    for source in guide.sources.items:
        assert f"{text_writer.BULLET}{source.publisher}: {source.title} — {source.url}" in lines


# --- writers handle every block ----------------------------------------------------------------


def test_only_a_complete_html_page_has_a_table_of_contents(guide: Guide) -> None:
    caption = guide.labels.contents
    assert f">{caption}</h2>" in render(guide, "html", document=True)
    for output in (
        render(guide, "html"),
        render(guide, "markdown"),
        render(guide, "text", width=None),
    ):
        assert caption not in output.splitlines()
        assert f">{caption}<" not in output


def test_every_registered_writer_writes_every_block_type() -> None:
    # mypy checks each writer's match is exhaustive; this holds every registered writer to it at
    # run time, with one of each block and inline type.
    blocks = (
        Heading(2, "Heading"),
        Paragraph((Run("Run "), Link("link", "https://example.org/"))),
        BulletList(((Run("item"),),)),
        NumberedList(((Run("step"),),)),
        Checklist("Caption", ("tick",)),
        AnswerList("Caption", "Answer", ": ", ("question",)),
        Facts(": ", (Fact("Label", "value"),)),
    )
    assert {type(block) for block in blocks} == set(get_args(Block))
    outline = Outline("en", "Title", blocks, (), url_separator=" — ")
    for writer in WRITERS.values():
        written = writer.write(outline, writer.options())
        for text in (
            "Heading",
            "Run",
            "link",
            "item",
            "step",
            "tick",
            "question",
            "Label",
            "value",
        ):
            assert text in written, (writer.name, text)


# --- determinism and golden files ------------------------------------------------------------

DIGEST_SCRIPT = """
import hashlib
from oncology_second_opinion import available_editions, load_guide, render
renders = [("markdown", {}), ("html", {}), ("html", {"document": True}), ("text", {})]
for entry in available_editions():
    guide = load_guide(entry.locale, entry.edition)
    for fmt, options in renders:
        print(hashlib.sha256(render(guide, fmt, **options).encode()).hexdigest())
"""


def test_output_is_identical_across_processes_and_hash_seeds() -> None:
    digests = []
    for seed in ("0", "1", "4242"):
        result = subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        digests.append(result.stdout.split())
    assert digests[0] == digests[1] == digests[2]
    expected = [
        hashlib.sha256((GOLDEN_DIR / f"{guide}.{suffix}").read_bytes()).hexdigest()
        for guide in PACKAGED
        for suffix in ("md", "html", "document.html", "txt")
    ]
    assert digests[0] == expected


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_file(name: str) -> None:
    assert rendered(name).encode("utf-8") == (GOLDEN_DIR / name).read_bytes(), (
        f"tests/golden/{name} differs from the render; if the change is intended, regenerate "
        "with `python -m tests.regenerate` and review the diff"
    )


def test_html_document_embeds_the_guides_json_ld_unbreakably(guide: Guide) -> None:
    hostile = with_text(guide, "</script><script>alert(1)</script>", "<!-- ", "]]>", "\u2028")
    for subject in (guide, hostile):
        page = render(subject, "html", document=True)
        document = parse_html(page, fragment=False)
        (script,) = [element for element in document.iter() if element.tag == "script"]
        assert json.loads(script.text or "") == to_jsonld(subject)
    assert "<script" not in render(guide, "html")
    handout = build_handout(guide)
    assert "<script" not in render(handout, "html", document=True)
