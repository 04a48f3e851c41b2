"""build_handout() and the rendered handout: selection, fidelity, order, escaping, translation."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from oncology_second_opinion import (
    FORMATS,
    Format,
    Guide,
    Handout,
    RenderOptionError,
    SelectionError,
    build_handout,
    load_guide,
    parse_guide,
    render,
)
from oncology_second_opinion._fields import check_text
from oncology_second_opinion._handout import MAX_OWN_QUESTION_LENGTH, MAX_OWN_QUESTIONS
from oncology_second_opinion._outline import (
    HANDOUT_SECTION_IDS,
    build_handout_outline,
)
from oncology_second_opinion._writers import html as html_writer
from oncology_second_opinion._writers import markdown as markdown_writer
from oncology_second_opinion._writers import text as text_writer

from ..golden import HANDOUT_SELECTION, sample_handout
from ..render_parse import MARKDOWN, fold, parse_html, shown, text_of
from .test_render import TEXT

OWN = ("How soon do I need to decide?", "Can someone come with me to the appointment?")

# --- selection ---------------------------------------------------------------------------------


def test_builder_keeps_the_guides_items_in_the_guides_order(guide: Guide) -> None:
    handout = sample_handout(guide)
    assert handout.indications == (guide.indications.items[2], guide.indications.items[6])
    assert [r.id for r in handout.records_on_hand] == ["pathology-reports", "lab-results"]
    assert [q.id for q in handout.questions] == [
        "decision-right-now",
        "benefits-risks-alternatives",
    ]
    assert handout.own_questions == OWN
    assert handout.records_to_gather == tuple(
        r for r in guide.records.items if r.id not in {"pathology-reports", "lab-results"}
    )
    assert handout.treatment_starts_soon is False
    reversed_ids: dict[str, Any] = {
        k: tuple(reversed(v)) for k, v in HANDOUT_SELECTION.items() if k != "own_questions"
    }
    reordered = build_handout(guide, **reversed_ids)
    assert reordered.indications == handout.indications
    assert reordered.questions == handout.questions


@pytest.mark.parametrize(
    ("field", "section"),
    [("indications", "indications"), ("records_on_hand", "records"), ("questions", "questions")],
)
def test_unknown_id_is_refused_naming_the_valid_ones(
    guide: Guide, field: str, section: str
) -> None:
    valid = tuple(item.id for item in getattr(guide, section).items)
    selection: dict[str, Any] = {field: [valid[0], "cure"]}
    with pytest.raises(SelectionError) as caught:
        build_handout(guide, **selection)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.field, error.value, error.valid) == (field, "cure", valid)
    assert str(error) == f"unknown id 'cure' in {field}; valid ids: {', '.join(valid)}"


def test_ids_of_a_custom_content_file_are_the_valid_ones(guide_data: dict[str, Any]) -> None:
    guide_data["questions"]["items"] = [{"id": "local-question", "text": "A local question?"}]
    guide = parse_guide(guide_data)
    assert [q.id for q in build_handout(guide, questions=["local-question"]).questions] == [
        "local-question"
    ]
    with pytest.raises(SelectionError, match=r"valid ids: local-question$"):
        build_handout(guide, questions=["decision-right-now"])


def test_repeated_id_is_refused(guide: Guide) -> None:
    with pytest.raises(SelectionError, match="id 'lab-results' is listed more than once") as caught:
        build_handout(guide, records_on_hand=["lab-results", "pathology-reports", "lab-results"])
    assert caught.value.field == "records_on_hand"


@pytest.mark.parametrize("value", ["feeling-rushed", b"feeling-rushed", 3, None])
def test_ids_must_be_a_list(guide: Guide, value: object) -> None:
    with pytest.raises(SelectionError, match="indications must be a list of ids"):
        build_handout(guide, indications=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ("Why?", "own_questions must be a list of questions"),
        ([3], "own question 1 must be a string, not int"),
        (["Fine?", "   "], "own question 2 must contain text"),
        (["a\u202eb"], "own question 1 contains the invisible character U+202E"),
        (["a\x00b"], "own question 1 contains the invisible character U+0000"),
        (["a\rb"], "own question 1 contains the invisible character U+000D"),
        (["\ud800"], "own question 1 contains a lone surrogate"),
        (["x" * (MAX_OWN_QUESTION_LENGTH + 1)], f"the most is {MAX_OWN_QUESTION_LENGTH}"),
        (["Why?"] * (MAX_OWN_QUESTIONS + 1), f"the most a handout takes is {MAX_OWN_QUESTIONS}"),
    ],
)
def test_invalid_own_questions_are_refused(guide: Guide, questions: object, message: str) -> None:
    with pytest.raises(SelectionError, match=re.escape(message)) as caught:
        build_handout(guide, own_questions=questions)  # type: ignore[arg-type]
    assert caught.value.field == "own_questions"


def test_own_questions_are_stripped_and_capped_after_stripping(guide: Guide) -> None:
    long = "x" * MAX_OWN_QUESTION_LENGTH
    handout = build_handout(guide, own_questions=[f"  {long}\n", "Two\nlines?"])
    assert handout.own_questions == (long, "Two\nlines?")


def test_treatment_starts_soon_must_be_a_bool(guide: Guide) -> None:
    with pytest.raises(SelectionError, match="treatment_starts_soon must be True or False"):
        build_handout(guide, treatment_starts_soon="yes")  # type: ignore[arg-type]


def test_builder_needs_a_guide() -> None:
    with pytest.raises(TypeError, match="build_handout\\(\\) needs a Guide, not dict"):
        build_handout({})  # type: ignore[arg-type]


def test_handout_is_frozen_and_validated_when_built_directly(guide: Guide) -> None:
    handout = sample_handout(guide)
    with pytest.raises(ValidationError):
        handout.treatment_starts_soon = True  # type: ignore[misc]
    first, second = guide.indications.items[:2]
    assert Handout(guide=guide, indications=(first, second)).indications == (first, second)
    with pytest.raises(ValidationError, match="items must be listed once each, in the guide"):
        Handout(guide=guide, indications=(second, first))
    with pytest.raises(ValidationError, match="items must be listed once each"):
        Handout(guide=guide, indications=(first, first))
    stranger = first.model_copy(update={"text": "Something the guide does not say"})
    with pytest.raises(ValidationError, match="is not an item of this guide"):
        Handout(guide=guide, indications=(stranger,))
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Handout(guide=guide, advice="Seek one")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Handout(guide=guide, treatment_starts_soon="yes")
    with pytest.raises(ValidationError):
        Handout(guide=guide, own_questions=("a\u202eb",))
    assert Handout.model_validate(handout.model_dump()) == handout


# --- layout: order, empty sections -----------------------------------------------------------


def section_ids(handout: Handout) -> list[str]:
    return [section.id for section in build_handout_outline(handout).sections]


def test_timing_keeps_its_place_unless_treatment_starts_soon(guide: Guide) -> None:
    assert section_ids(sample_handout(guide)) == list(HANDOUT_SECTION_IDS)
    soon = section_ids(sample_handout(guide, treatment_starts_soon=True))
    assert soon == ["timing", *(s for s in HANDOUT_SECTION_IDS if s != "timing")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_timing_caveat_is_the_first_section_rendered_when_treatment_starts_soon(
    guide: Guide, fmt: Format
) -> None:
    for soon in (False, True):
        output = plain(fmt, render(sample_handout(guide, treatment_starts_soon=soon), fmt))
        timing = output.index(guide.timing.paragraphs[0])
        first_indication = output.index(guide.indications.items[2].text)
        assert (timing < first_indication) is soon
        assert output.index(guide.review.statement) < timing


def test_empty_sections_are_left_out(guide: Guide) -> None:
    assert section_ids(build_handout(guide)) == [
        "timing",
        "records-to-gather",
        "disclaimer",
        "sources",
    ]
    everything = build_handout(guide, records_on_hand=[r.id for r in guide.records.items])
    assert section_ids(everything) == ["timing", "records-on-hand", "disclaimer", "sources"]
    assert everything.records_to_gather == ()


def test_handout_never_says_whether_to_seek_a_second_opinion(guide: Guide) -> None:
    """Only the ticked items are shown: not the lead that says when a second opinion may help, nor
    the guide's prose about what one is, what it can clarify or whether one may help."""
    everything = build_handout(
        guide,
        indications=[i.id for i in guide.indications.items],
        questions=[q.id for q in guide.questions.items],
        treatment_starts_soon=True,
    )
    advice = [
        guide.indications.lead,
        *guide.overview.paragraphs,
        *guide.clarifications.paragraphs,
        *guide.how_to_use.paragraphs,
        guide.records.lead,
    ]
    for fmt in FORMATS:
        output = plain(fmt, render(everything, fmt))
        for sentence in advice:
            assert sentence not in output, sentence


# --- fidelity: every string is the guide's or the reader's ------------------------------------


def guide_strings(guide: Guide) -> set[str]:
    strings: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(guide.model_dump())
    return strings


def allowed(guide: Guide, own: tuple[str, ...]) -> set[str]:
    """The strings a handout may show, folded: the guide's, the reader's own questions, and the
    joins the writers make (label and value, publisher and source)."""
    labels = guide.labels
    atoms = guide_strings(guide) | set(own)
    joins = {
        labels.content_version + labels.label_separator + guide.content_version,
        labels.review_status + labels.label_separator + guide.review.statement,
        labels.content_version + labels.label_separator,
        labels.review_status + labels.label_separator,
        *(s.publisher + guide.labels.label_separator + s.title for s in guide.sources.items),
        *(s.publisher + guide.labels.label_separator for s in guide.sources.items),
        *(
            s.publisher
            + guide.labels.label_separator
            + s.title
            + guide.labels.url_separator
            + s.url
            for s in guide.sources.items
        ),
    }
    return {fold(text) for text in atoms | joins}


TASK_BOX = '<input class="task-list-item-checkbox" disabled="disabled" type="checkbox">'


def is_task_box(token: Any) -> bool:
    """The checkbox markdown-it-py's task-list plugin puts in a task item: the only HTML allowed."""
    return bool(token.type == "html_inline" and token.content == TASK_BOX)


def markdown_texts(source: str) -> list[str]:
    """The text of every inline of a Markdown handout; only the writer's token types may occur."""
    expected = {
        "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
        "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
    }  # fmt: skip
    texts = []
    for token in MARKDOWN.parse(source):
        assert token.type in expected, token.type
        if token.type == "inline":
            children = [c for c in token.children or [] if not is_task_box(c)]
            assert {c.type for c in children} <= {"text", "softbreak", "link_open", "link_close"}
            texts.append(fold("".join(c.content for c in children)))
    return texts


def html_texts(root: Any) -> list[str]:
    """Every text node of an HTML handout, outside its stylesheet, folded."""
    texts = []
    for element in root.iter():
        if element.tag != "style":
            texts.append(fold(element.text or ""))
        texts.append(fold(element.tail or ""))
    return [text for text in texts if text]


def text_lines(output: str) -> list[str]:
    """The lines of an unwrapped plain-text handout, without list markers and heading rules."""
    lines = []
    for line in output.splitlines():
        stripped = line.strip()
        if not stripped or set(stripped) <= set(text_writer.UNDERLINES) - {"_"}:
            continue
        for marker in (text_writer.BULLET, text_writer.BOX):
            stripped = stripped.removeprefix(marker)
        lines.append(fold(stripped))
    return lines


def test_every_string_of_the_handout_is_the_guides_or_the_readers(guide: Guide) -> None:
    handout = sample_handout(guide)
    ok = allowed(guide, OWN)
    answer = fold(guide.labels.answer)
    md_rule = fold(answer + guide.labels.label_separator + "_" * markdown_writer.ANSWER_RULE)
    md = markdown_texts(render(handout, "markdown"))
    assert md.count(md_rule) == 4
    assert {text for text in md if text != md_rule} <= ok
    for document in (False, True):
        root = parse_html(render(handout, "html", document=document), fragment=not document)
        texts = html_texts(root)
        assert texts.count(html_writer.BOX) == 10
        assert texts.count(answer) == 4
        assert set(texts) - {html_writer.BOX} <= ok
    rule = re.compile(rf"^(?:{re.escape(answer + guide.labels.label_separator)})?_+$")
    lines = text_lines(render(handout, "text", width=None))
    assert len([line for line in lines if rule.match(line)]) == 8
    assert {line for line in lines if not rule.match(line)} <= ok


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_handout_shows_what_was_chosen_and_nothing_else(guide: Guide, fmt: Format) -> None:
    handout = sample_handout(guide)
    output = plain(fmt, render(handout, fmt))
    labels = guide.labels
    shown = [
        labels.handout_title,
        guide.content_version,
        guide.review.statement,
        labels.handout_indications,
        *(item.text for item in handout.indications),
        guide.timing.heading,
        *guide.timing.paragraphs,
        labels.handout_records_to_gather,
        *(item.label for item in handout.records_to_gather),
        labels.handout_records_on_hand,
        *(item.label for item in handout.records_on_hand),
        labels.handout_questions,
        *(question.text for question in handout.questions),
        labels.own_questions,
        *OWN,
        guide.disclaimer.heading,
        *guide.disclaimer.paragraphs,
        guide.sources.heading,
        *(source.title for source in guide.sources.items),
    ]
    position = 0
    for text in shown:
        found = output.find(text, position)
        assert found >= 0, f"missing or out of order: {text!r}"
        position = found + len(text)
    for indication in guide.indications.items:
        assert (indication.text in output) is (indication in handout.indications)
    for question in guide.questions.items:
        assert (question.text in output) is (question in handout.questions)


def plain(fmt: str, output: str) -> str:
    if fmt == "markdown":
        return " ".join(markdown_texts(output))
    if fmt == "html":
        return " ".join(html_texts(parse_html(output, fragment=True)))
    return " ".join(text_lines(output))


def test_a_translated_content_file_gives_a_translated_handout(guide_data: dict[str, Any]) -> None:
    english = load_guide("en").labels
    names = [name for name in type(english).model_fields if name.startswith("handout_")]
    for name in [*names, "own_questions", "answer", "content_version", "review_status"]:
        guide_data["labels"][name] = f"«{name}»"
    guide = parse_guide(guide_data)
    handout = sample_handout(guide)
    for fmt in FORMATS:
        output = plain(fmt, render(handout, fmt))
        for name in names:
            assert getattr(english, name) not in output, (fmt, name)
            assert f"«{name}»" in output
        assert "Answer" not in output


# --- render options ----------------------------------------------------------------------------


def test_sections_option_does_not_apply_to_a_handout(guide: Guide) -> None:
    with pytest.raises(
        RenderOptionError,
        match=r"option 'sections' does not apply to a handout; valid options for 'markdown': "
        r"heading_level, omit_disclaimer$",
    ) as caught:
        render(sample_handout(guide), "markdown", sections=["timing"])
    assert caught.value.option == "sections"
    with pytest.raises(RenderOptionError, match="option 'width' does not apply to format 'html'"):
        render(sample_handout(guide), "html", width=40)


def test_handout_takes_heading_level_id_prefix_and_width(guide: Guide) -> None:
    handout = sample_handout(guide)
    root = parse_html(render(handout, "html", heading_level=5, id_prefix="h-"), fragment=True)
    (article,) = list(root)
    assert (article.get("class"), article.get("lang")) == ("oso-handout", "en")
    headings = [(e.tag, text_of(e)) for e in root.iter() if e.tag[0] == "h"]
    assert headings[0] == ("h5", guide.labels.handout_title)
    assert {tag for tag, _ in headings[1:]} == {"h6"}
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids == [f"h-{section}" for section in section_ids(handout)]
    for line in render(handout, "text", width=40).splitlines():
        assert len(line) <= 40 or len(line.split()) <= 2, line
    assert render(handout, "text", width=None).count("\n• ") == 4 + 3


def test_html_document_is_a_printable_page(guide: Guide) -> None:
    output = render(sample_handout(guide), "html", document=True)
    root = parse_html(output, fragment=False)
    assert root.findtext("head/title") == guide.labels.handout_title
    assert root.find("body/main/article[@class='oso-handout']") is not None
    style = root.findtext("head/style") or ""
    assert "@media print" in style
    assert "@page oso-handout" in style
    assert not list(root.iter("nav")), "one page needs no table of contents"
    answers = [ul for ul in root.iter("ul") if "oso-answers" in (ul.get("class") or "")]
    assert [ul.get("aria-label") for ul in answers] == [
        guide.labels.handout_questions,
        guide.labels.own_questions,
    ]
    for ul in answers:
        for li in ul:
            box = li.find("span")
            assert box is not None
            assert (box.get("class"), box.get("aria-hidden")) == ("oso-box", "true")
            (space,) = (div for div in li.iter("div") if div.get("class") == "oso-answer")
            assert space.get("aria-hidden") == "true"
            assert len([s for s in space if s.get("class") == "oso-line"]) == (
                html_writer.ANSWER_LINES
            )


# --- hostile own questions ---------------------------------------------------------------------

_FORBIDDEN = re.compile(r"[\x00-\x09\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]")


def _acceptable(text: str) -> bool:
    try:
        check_text(text)
    except ValueError:
        return False
    return len(text.strip()) <= MAX_OWN_QUESTION_LENGTH


OWN_QUESTIONS = st.lists(
    TEXT.map(lambda value: _FORBIDDEN.sub("", value)).filter(_acceptable), min_size=1, max_size=3
)


@given(questions=OWN_QUESTIONS)
def test_own_questions_never_become_html_markup(questions: list[str]) -> None:
    guide = load_guide()
    handout = build_handout(guide, questions=["decision-right-now"], own_questions=questions)
    for document in (False, True):
        root = parse_html(render(handout, "html", document=document), fragment=not document)
        elements = list(root.iter())[1:] if not document else list(root.iter())
        assert {element.tag for element in elements} <= html_writer.TAGS
        assert {name for element in elements for name in element.attrib} <= html_writer.ATTRIBUTES
        assert [a.get("href") for a in root.iter("a")] == [s.url for s in guide.sources.items]
        (own,) = (
            ul for ul in root.iter("ul") if ul.get("aria-label") == guide.labels.own_questions
        )
        assert [fold(text_of(li)) for li in own] == [fold(shown(q, "html")) for q in questions]


@given(questions=OWN_QUESTIONS)
def test_own_questions_never_become_markdown_markup(questions: list[str]) -> None:
    guide = load_guide()
    handout = build_handout(guide, own_questions=questions)
    tokens = MARKDOWN.parse(render(handout, "markdown"))
    assert not [t for t in tokens if t.type.startswith("html") or t.type in {"code_block", "fence"}]
    children = [child for token in tokens for child in token.children or []]
    assert not [
        c
        for c in children
        if (c.type.startswith("html") and not is_task_box(c)) or c.type == "code_inline"
    ]
    assert [c.attrs["href"] for c in children if c.type == "link_open"] == [
        MARKDOWN.normalizeLink(s.url) for s in guide.sources.items
    ]
    heading = fold(guide.labels.own_questions)
    texts = markdown_texts(render(handout, "markdown"))
    start = texts.index(heading) + 1
    answer = fold(
        guide.labels.answer + guide.labels.label_separator + "_" * markdown_writer.ANSWER_RULE
    )
    assert texts[start : start + 2 * len(questions)] == [
        text for q in questions for text in (fold(q), answer)
    ]


@given(questions=OWN_QUESTIONS)
def test_own_questions_in_plain_text_bring_no_control_characters(questions: list[str]) -> None:
    handout = build_handout(load_guide(), own_questions=questions)
    for width in (None, 40):
        output = render(handout, "text", width=width)
        assert not [c for c in output if unicodedata.category(c) == "Cc" and c != "\n"]
        assert not _FORBIDDEN.search(output.replace("\n", ""))
    lines = render(handout, "text", width=None).splitlines()
    for question in questions:
        assert text_writer.BOX + fold(question) in [fold(line) for line in lines]
