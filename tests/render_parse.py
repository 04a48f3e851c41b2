"""Read rendered output back with independent parsers, as the events the outline should produce.

An event is a tuple: ``("heading", level, text)``, ``("paragraph", text)``, ``("item", text)``,
``("step", text)`` (an item of a numbered list), ``("task", text)``, ``("link", href, text)`` or
``("fact", label, value)``. Text is compared with
runs of whitespace folded, since the formats may wrap or fold it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import html5lib
import markdown as python_markdown
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from oncology_second_opinion._outline import (
    BulletList,
    Checklist,
    Contents,
    Facts,
    Heading,
    Inline,
    Link,
    NumberedList,
    Outline,
    Paragraph,
)

Event = tuple[Any, ...]
#: CommonMark, with GitHub's task list items.
MARKDOWN = MarkdownIt("commonmark").use(tasklists_plugin)
#: Like GitHub: tables, strikethrough, raw HTML, and bare URLs and e-mail addresses made links
#: (linkify).
GFM = MarkdownIt("gfm-like").use(tasklists_plugin)
#: Python-Markdown as MkDocs runs it (toc, tables, fenced_code), with extensions MkDocs sites
#: often add: attribute lists, admonitions, task lists.
PYTHON_MARKDOWN_EXTENSIONS = (
    "toc",
    "tables",
    "fenced_code",
    "attr_list",
    "admonition",
    "pymdownx.tasklist",
)
#: The elements and attributes Python-Markdown may make of the writer's Markdown: toc gives each
#: heading an id, and the task list extension draws a checkbox.
_PYTHON_MARKDOWN_MARKUP: dict[str, set[str]] = {
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "p": set(),
    "ul": {"class"},
    "ol": set(),
    "li": {"class"},
    "a": {"href"},
    "input": {"type", "disabled"},
}


# Characters validation refuses anywhere: C0 (but line feed), DEL and C1 controls, bidi
# embeddings, overrides and isolates, invisible format characters (tag characters among them),
# and lone surrogates. Only a guide built without validation holds them.
REFUSED_CHARACTER = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2061-\u206f\ufeff\ufff0-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e00ff\U000e01f0-\U000e0fff"
    "\ud800-\udfff]"
)
_SPACE = re.compile("[\t\v\f\r]")
#: Unicode's 66 noncharacters: valid text, but no conforming HTML holds one.
NONCHARACTERS = "".join(
    [chr(code) for code in range(0xFDD0, 0xFDF0)]
    + [chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF)]
)
_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")


def shown(text: str, fmt: str) -> str:
    """``text`` as a reader of ``fmt`` should see it, whitespace aside: a tab, vertical tab, form
    feed or carriage return as a space, any other refused character as U+FFFD, and in HTML a
    noncharacter as U+FFFD too."""
    text = REFUSED_CHARACTER.sub("\ufffd", _SPACE.sub(" ", text))
    return _NONCHARACTER.sub("\ufffd", text) if fmt == "html" else text


def fold(text: str) -> str:
    return " ".join(text.split())


def _inline_events(inlines: tuple[Inline, ...], normalize_link: bool) -> list[Event]:
    return [
        ("link", MARKDOWN.normalizeLink(i.url) if normalize_link else i.url, fold(i.text))
        for i in inlines
        if isinstance(i, Link)
    ]


def _inline_text(inlines: tuple[Inline, ...]) -> str:
    return fold("".join(inline.text for inline in inlines))


def _contents_events(contents: Contents, id_prefix: str) -> list[Event]:
    events: list[Event] = [("heading", contents.level, fold(contents.caption))]
    for entry in contents.entries:
        events.append(("item", fold(entry.text)))
        events.append(("link", f"#{id_prefix}{entry.anchor}", fold(entry.text)))
    return events


def expected_events(
    outline: Outline, *, markdown: bool = False, id_prefix: str = "", contents: bool = False
) -> list[Event]:
    """What a reader of the rendered outline should find, in order; ``contents`` for a format
    that writes the table of contents (a complete HTML page)."""
    events: list[Event] = []
    blocks = list(outline.blocks)
    for position, block in enumerate(blocks):
        if contents and outline.contents and position == len(outline.header):
            events.extend(_contents_events(outline.contents, id_prefix))
        if isinstance(block, Heading):
            events.append(("heading", block.level, fold(block.text)))
        elif isinstance(block, Paragraph):
            events.append(("paragraph", _inline_text(block.inlines)))
            events.extend(_inline_events(block.inlines, markdown))
        elif isinstance(block, BulletList):
            for item in block.items:
                events.append(("item", _inline_text(item)))
                events.extend(_inline_events(item, markdown))
        elif isinstance(block, NumberedList):
            for item in block.items:
                events.append(("step", _inline_text(item)))
                events.extend(_inline_events(item, markdown))
        elif isinstance(block, Checklist):
            events.extend(("task", fold(item)) for item in block.items)
        elif isinstance(block, Facts):
            for fact in block.items:
                if markdown:
                    events.append(("paragraph", fold(fact.label + block.separator + fact.value)))
                else:
                    events.append(("fact", fold(fact.label + block.separator), fold(fact.value)))
    return events


def _checkbox(parser: MarkdownIt) -> str:
    """The raw HTML the task list plugin puts before the text of a task item."""
    inline = next(token for token in parser.parse("- [ ] x") if token.type == "inline")
    return (inline.children or [])[0].content


def _check_inline(children: list[Any], pending: Event, checkbox: str) -> None:
    """Inline content may only be text and links: no emphasis, code, image, raw HTML or line
    break, except the checkbox the task list plugin puts first in a task item."""
    for position, child in enumerate(children):
        if child.type in {"text", "link_open", "link_close"}:
            continue
        if child.type == "html_inline" and (position, pending, child.content) == (
            0,
            ("task",),
            checkbox,
        ):
            continue
        raise AssertionError(f"unexpected Markdown inline token {child.type}: {child.content!r}")


def markdown_events(source: str, parser: MarkdownIt = MARKDOWN) -> list[Event]:
    """Headings, paragraphs, list and task items and links, as ``parser`` reads them.

    Raises :class:`AssertionError` for any other token: raw HTML, code, a quote, a table, a
    rule, emphasis, an image, a line break.
    """
    events: list[Event] = []
    tokens = parser.parse(source)
    checkbox = _checkbox(parser)
    pending: Event | None = None
    depth = 0
    ordered: list[bool] = []  # for each list the token is in, whether it is numbered
    for index, token in enumerate(tokens):
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            ordered.append(token.type == "ordered_list_open")
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            ordered.pop()
        elif token.type == "list_item_open":
            depth += 1
            is_task = "task-list-item" in str(token.attrs.get("class", ""))
            pending = ("task",) if is_task else ("step",) if ordered[-1] else ("item",)
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "heading_open":
            pending = ("heading", int(token.tag[1]))
        elif token.type == "paragraph_open" and depth == 0:
            pending = ("paragraph",)
        elif token.type == "inline" and pending is not None:
            children = token.children or []
            _check_inline(children, pending, checkbox)
            text = "".join(c.content for c in children if c.type == "text")
            events.append((*pending, fold(text)))
            pending = None
            links = [c for c in children if c.type == "link_open"]
            for link in links:
                start = children.index(link)
                end = next(
                    i for i in range(start, len(children)) if children[i].type == "link_close"
                )
                label = "".join(c.content for c in children[start + 1 : end])
                assert set(link.attrs) == {"href"}, link.attrs
                events.append(("link", link.attrs["href"], fold(label)))
        elif token.type not in {
            "paragraph_open",
            "paragraph_close",
            "heading_close",
            "inline",
        }:
            raise AssertionError(f"unexpected Markdown token {token.type} at {index}")
    return events


def python_markdown_html(source: str) -> str:
    """``source`` rendered by Python-Markdown with :data:`PYTHON_MARKDOWN_EXTENSIONS`."""
    return python_markdown.markdown(source, extensions=list(PYTHON_MARKDOWN_EXTENSIONS))


def python_markdown_events(source: str) -> list[Event]:
    """Headings, paragraphs, list and task items and links, as Python-Markdown reads them.

    Raises :class:`AssertionError` for any element or attribute the writer did not ask for.
    """
    # Not strict: Markdown keeps a Unicode noncharacter as it is, which HTML calls an error.
    root = parse_html(python_markdown_html(source), fragment=True, strict=False)
    for element in root.iter():
        if element is root:
            continue
        allowed = _PYTHON_MARKDOWN_MARKUP.get(element.tag)
        assert allowed is not None, f"unexpected element {element.tag}"
        assert set(element.attrib) <= allowed, (element.tag, element.attrib)
        assert element.get("class") in {None, "task-list", "task-list-item"}, element.attrib
        assert element.get("type") in {None, "checkbox"}, element.attrib
    return html_events(root)


# Python-Markdown decodes character references in a link destination and reads no escape there,
# so no Markdown gives it such a destination exactly.
_DECODED_IN_DESTINATION = re.compile(r"&(#[0-9]|#[xX][0-9a-fA-F]|[A-Za-z0-9]+;)")


def assert_python_markdown_reads(source: str, expected: list[Event]) -> None:
    """Python-Markdown finds ``expected`` in ``source``, but for the destination of a link
    that holds a character reference (see :data:`_DECODED_IN_DESTINATION`).

    ``expected`` holds link destinations as markdown-it normalizes them; Python-Markdown's are
    normalized the same way before they are compared, since markdown-it's normalization also
    drops a host name longer than 255 characters, which Python-Markdown keeps.
    """
    found = python_markdown_events(source)
    assert len(found) == len(expected), (found, expected)
    for event, wanted in zip(found, expected, strict=True):
        if wanted[0] == "link" and _DECODED_IN_DESTINATION.search(wanted[1]):
            assert (event[0], event[2]) == (wanted[0], wanted[2])
        elif wanted[0] == "link" and event[0] == "link":
            normalized = (event[0], MARKDOWN.normalizeLink(event[1]), *event[2:])
            assert normalized == wanted, (event, wanted)
        else:
            assert event == wanted, (event, wanted)


def parse_html(source: str, *, fragment: bool, strict: bool = True) -> ET.Element:
    parser = html5lib.HTMLParser(strict=strict, namespaceHTMLElements=False)
    if fragment:
        container: ET.Element = parser.parseFragment(source)
        return container
    document: ET.Element = parser.parse(source)
    return document


def text_of(element: ET.Element, skip: frozenset[str] = frozenset()) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.get("aria-hidden") != "true" and child.tag not in skip:
            parts.append(text_of(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def html_events(root: ET.Element) -> list[Event]:
    """Headings, paragraphs, list items, numbered list items, checklist items, links and facts,
    in document order.

    A checklist item is an item of the writer's checklist or, from Markdown, a task list item. A
    numbered item is an item of an ``ol`` outside the table of contents (a ``nav``), whose
    entries are items.
    """
    events: list[Event] = []

    def walk(element: ET.Element, checklist: bool, numbered: bool, in_nav: bool) -> None:
        tag = element.tag
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            events.append(("heading", int(tag[1]), fold(text_of(element))))
            return
        if tag == "p" or tag == "li":
            task = checklist or "task-list-item" in (element.get("class") or "").split()
            kind = "paragraph" if tag == "p" else ("task" if task else "item")
            if kind == "item" and numbered:
                kind = "step"
            events.append((kind, fold(text_of(element))))
            events.extend(
                ("link", link.get("href"), fold(text_of(link))) for link in element.iter("a")
            )
            return
        if tag == "dt":
            events.append(("fact", fold(text_of(element))))
            return
        if tag == "dd":
            events[-1] = (*events[-1], fold(text_of(element)))
            return
        if tag in {"style", "title", "head"}:
            return
        in_nav = in_nav or tag == "nav"
        for child in element:
            checklist = "oso-checklist" in (element.get("class") or "").split()
            walk(child, checklist, tag == "ol" and not in_nav, in_nav)

    walk(root, False, False, False)
    return events
