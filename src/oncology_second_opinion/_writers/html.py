"""HTML writer: a fragment to embed in a page, or a complete print-friendly document.

Every text node and attribute value goes through :func:`escape`; the markup itself is a fixed set of
tags and attributes (:data:`TAGS`, :data:`ATTRIBUTES`). Link targets are checked again against the
https allow-list, after parsing, because a guide built with ``model_construct`` skipped validation.

Class names are fixed and documented so host pages can style the fragment: ``oso-guide`` or
``oso-handout`` (the wrapper of a guide or a handout), ``oso-provenance``, ``oso-contents``,
``oso-checklist``, ``oso-box`` (the printed box of a checklist item, hidden from assistive
technology), and in a handout ``oso-answers`` (a checklist of questions), ``oso-answer`` (the space
under a question for writing its answer, hidden from assistive technology: it is for paper) and
``oso-line`` (one ruled line of that space). A section's presentation role, where it has one,
is a class of its ``<section>``: ``oso-caution`` (set apart, such as a handout's timing caveat when
treatment starts soon), ``oso-compact`` (short items, in columns on paper) and ``oso-references``
(a handout's sources, in smaller print).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._fields import NONCHARACTER_CLASS, safe_link, showable
from .._jsonld import json_for_html_script
from .._outline import (
    AnswerList,
    Block,
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
    Run,
    Section,
    unreachable,
)
from .._stylesheet import stylesheet
from .._writer import option, option_error

#: Default prefix of every id the writer sets, so anchors do not collide with the host page's.
DEFAULT_ID_PREFIX = "oso-"
ID_PREFIX_PATTERN = r"(?:[A-Za-z][A-Za-z0-9_-]*)?"

#: Every tag the writer can emit.
TAGS = frozenset(
    {
        "a", "article", "body", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "html", "li", "main", "meta", "nav", "ol", "p", "script", "section", "span",
        "style", "title", "ul",
    }
)  # fmt: skip
#: Every attribute the writer can emit.
ATTRIBUTES = frozenset(
    {
        "aria-hidden", "aria-label", "aria-labelledby", "charset", "class", "content", "href",
        "hreflang", "id", "lang", "name", "type",
    }
)  # fmt: skip

#: The checkbox drawn before each checklist item; a stylesheet may replace it with a bordered box.
BOX = "☐"
#: Ruled lines under each question of a handout, for writing down the answer.
ANSWER_LINES = 2

#: The complete page's own styles, around the fragment's public stylesheet: the page's typography
#: and width, as a host page would set them, and its paper.
PAGE_STYLESHEET = """\
:root { color-scheme: light; --oso-surface: #f3f3f3; --oso-muted: #4a4a4a; --oso-rule: #767676; }
body { margin: 0; background: #fff; color: #1b1b1b;
  font: 1.0625rem/1.6 "Noto Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 40rem; margin: 0 auto; padding: 2.5rem 1.25rem 3rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; color: #111; margin: 1.8em 0 .5em; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.35rem; padding-bottom: .2em; border-bottom: 1px solid #c8c8c8; }
.oso-caution h2 { border: 0; }
p, ul, ol, dl { margin: 0 0 1em; }
li { margin: .3em 0; }
a { color: #0a4f96; text-underline-offset: .15em; }
.oso-handout { page: oso-handout; }
@page { margin: 2cm; }
@page oso-handout { margin: 1cm 1.5cm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
}
"""


_NONCHARACTER = f"[{NONCHARACTER_CLASS}]"


def escape(text: str) -> str:
    """Escape text for an HTML text node or a double-quoted attribute value, as
    :func:`html.escape` does.

    What text validation refuses is made harmless first (see
    :func:`~oncology_second_opinion._fields.showable`), and noncharacters become U+FFFD.
    """
    # Every character either step changes is unprintable (noncharacters are unassigned), so
    # printable text skips both.
    if not text.isprintable():
        text = re.sub(_NONCHARACTER, "\ufffd", showable(text))
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def _inline(inline: Inline) -> str:
    match inline:
        case Run():
            return escape(inline.text)
        case Link():
            # A source's title stays in the language it was published in: marked as such (WCAG
            # 3.1.2), and so is the page it links to.
            lang = "" if inline.lang is None else escape(inline.lang)
            marked = f' hreflang="{lang}" lang="{lang}"' if lang else ""
            return f'<a href="{escape(safe_link(inline.url))}"{marked}>{escape(inline.text)}</a>'
        case _:
            return unreachable(inline)


def _inlines(inlines: tuple[Inline, ...]) -> str:
    return "".join(_inline(inline) for inline in inlines)


def _box() -> str:
    return f'<span class="oso-box" aria-hidden="true">{BOX}</span>'


def _block(block: Block) -> str:
    match block:
        case Heading():
            return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
        case Paragraph():
            return f"<p>{_inlines(block.inlines)}</p>"
        case BulletList():
            items = "".join(f"<li>{_inlines(item)}</li>\n" for item in block.items)
            return f"<ul>\n{items}</ul>"
        case NumberedList():
            items = "".join(f"<li>{_inlines(item)}</li>\n" for item in block.items)
            return f"<ol>\n{items}</ol>"
        case Checklist():
            items = "".join(f"<li>{_box()} {escape(item)}</li>\n" for item in block.items)
            return f'<ul class="oso-checklist" aria-label="{escape(block.caption)}">\n{items}</ul>'
        case AnswerList():
            lines = '<span class="oso-line"></span>' * ANSWER_LINES
            items = "".join(
                f"<li>{_box()} <div>{escape(item)}\n"
                f'<div class="oso-answer" aria-hidden="true">{escape(block.answer)}{lines}</div>'
                "</div></li>\n"
                for item in block.items
            )
            return (
                f'<ul class="oso-checklist oso-answers" aria-label="{escape(block.caption)}">\n'
                f"{items}</ul>"
            )
        case Facts():
            facts = "".join(
                f"<div><dt>{escape(fact.label + block.separator)}</dt>"
                f"<dd>{escape(fact.value)}</dd></div>\n"
                for fact in block.items
            )
            return f'<dl class="oso-provenance">\n{facts}</dl>'
        case _:
            return unreachable(block)


class _Page:
    """Markup that needs the id prefix: section anchors and the table of contents."""

    def __init__(self, id_prefix: str) -> None:
        self.id_prefix = id_prefix

    def anchor(self, name: str) -> str:
        return escape(self.id_prefix + name)

    def contents(self, contents: Contents) -> str:
        caption_id = self.anchor("contents")
        entries = "".join(
            f'<li><a href="#{self.anchor(entry.anchor)}">{escape(entry.text)}</a></li>\n'
            for entry in contents.entries
        )
        return (
            f'<nav class="oso-contents" aria-labelledby="{caption_id}">\n'
            f'<h{contents.level} id="{caption_id}">{escape(contents.caption)}</h{contents.level}>\n'
            f"<ol>\n{entries}</ol>\n</nav>"
        )

    def section(self, section: Section) -> list[str]:
        role = "" if section.role == "body" else f' class="oso-{section.role}"'
        return [
            f'<section id="{self.anchor(section.id)}"{role}>',
            *(_block(block) for block in section.blocks),
            "</section>",
        ]

    def fragment(self, outline: Outline, contents: bool) -> str:
        kind = "oso-handout" if outline.kind == "handout" else "oso-guide"
        parts = [f'<article class="{kind}" lang="{escape(outline.lang)}">']
        parts.extend(_block(block) for block in outline.header)
        if contents and outline.contents is not None:
            parts.append(self.contents(outline.contents))
        for section in outline.sections:
            parts.extend(self.section(section))
        parts.append("</article>")
        return "\n".join(parts) + "\n"


@dataclass(frozen=True)
class HtmlOptions:
    """Options of the HTML format."""

    document: bool = option(
        False,
        "a complete page, with its own print-friendly stylesheet and a table of contents, "
        "instead of a fragment",
    )
    id_prefix: str = option(
        DEFAULT_ID_PREFIX,
        f"prefix of every id (default: {DEFAULT_ID_PREFIX})",
        parse=str,
        metavar="PREFIX",
    )

    def __post_init__(self) -> None:
        if not isinstance(self.document, bool):
            raise option_error("document", f"document must be True or False, not {self.document!r}")
        if not isinstance(self.id_prefix, str) or not re.fullmatch(
            ID_PREFIX_PATTERN, self.id_prefix
        ):
            raise option_error(
                "id_prefix",
                "id_prefix must be empty or a letter followed by letters, digits, '-' or '_', "
                f"such as 'guide-'; not {self.id_prefix!r}",
            )


class HtmlWriter:
    """An HTML fragment (one ``<article>`` carrying ``lang``) or, with ``document``, a complete
    page with its own small print-friendly stylesheet, a table of contents and, for a guide, its
    schema.org JSON-LD."""

    name = "html"
    options = HtmlOptions

    def write(self, outline: Outline, options: HtmlOptions, /) -> str:
        # Only a complete page gets a table of contents: in a fragment, the host page navigates.
        fragment = _Page(options.id_prefix).fragment(outline, contents=options.document)
        if not options.document:
            return fragment
        script = ""
        if outline.metadata is not None:
            metadata = json_for_html_script(outline.metadata)
            script = f'<script type="application/ld+json">{metadata}</script>\n'
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{escape(outline.lang)}">\n'
            "<head>\n"
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(outline.title)}</title>\n"
            f"<style>\n{PAGE_STYLESHEET}{stylesheet()}</style>\n"
            f"{script}"
            "</head>\n"
            "<body>\n"
            "<main>\n"
            f"{fragment}"
            "</main>\n"
            "</body>\n"
            "</html>\n"
        )


WRITER = HtmlWriter()
