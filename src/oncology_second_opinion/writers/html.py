"""HTML writer: a fragment to embed in a page, or a complete print-friendly document.

Every text node and attribute value goes through :func:`escape`; the markup itself is a fixed set of
tags and attributes (:data:`TAGS`, :data:`ATTRIBUTES`). Link targets are checked again against the
https allow-list, after parsing, because a guide built with ``model_construct`` skipped validation.

Class names are fixed and documented so host pages can style the fragment: ``oso-guide`` or
``oso-handout`` (the wrapper of a guide or a handout), ``oso-provenance``, ``oso-contents``,
``oso-checklist``, ``oso-box`` (the printed box of a checklist item, hidden from assistive
technology), and in a handout ``oso-answers`` (a checklist of questions), ``oso-answer`` (the space
under a question for writing its answer, hidden from assistive technology: it is for paper) and
``oso-line`` (one ruled line of that space).
"""

from __future__ import annotations

import re

from ..fields import check_link, showable
from ..outline import (
    AnswerList,
    Block,
    BulletList,
    Checklist,
    Contents,
    Facts,
    Heading,
    Inline,
    Link,
    Outline,
    Paragraph,
)

#: Default prefix of every id the writer sets, so anchors do not collide with the host page's.
DEFAULT_ID_PREFIX = "oso-"
ID_PREFIX_PATTERN = re.compile(r"(?:[A-Za-z][A-Za-z0-9_-]*)?")

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
        "id", "lang", "name", "type",
    }
)  # fmt: skip

#: The checkbox drawn before each checklist item; a stylesheet may replace it with a bordered box.
BOX = "☐"
#: Ruled lines under each question of a handout, for writing down the answer.
ANSWER_LINES = 2

STYLESHEET = """\
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1b1b1b;
  font: 1.0625rem/1.6 "Noto Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 40rem; margin: 0 auto; padding: 2.5rem 1.25rem 3rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; color: #111; margin: 1.8em 0 .5em;
  break-after: avoid; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.35rem; padding-bottom: .2em; border-bottom: 1px solid #c8c8c8; }
p, ul, ol, dl { margin: 0 0 1em; }
li { margin: .3em 0; }
a { color: #0a4f96; text-underline-offset: .15em; }
.oso-provenance { margin: 1em 0 1.5em; padding: .75em 1em; border-left: .3rem solid #4a4a4a;
  background: #f3f3f3; font-size: .95rem; }
.oso-provenance div + div { margin-top: .35em; }
.oso-provenance dt { display: inline; font-weight: 700; }
.oso-provenance dt::after { content: ":"; }
.oso-provenance dd { display: inline; margin: 0 0 0 .3em; }
.oso-contents ol { padding-left: 1.5em; }
.oso-checklist { list-style: none; padding-left: 0; }
.oso-checklist li { display: flex; align-items: flex-start; gap: .7em; margin: .45em 0; }
.oso-box { flex: none; box-sizing: border-box; width: 1.1em; height: 1.1em; margin-top: .25em;
  border: 2px solid #1b1b1b; border-radius: 3px; font-size: inherit; line-height: 0;
  color: transparent; overflow: hidden; }
@page { margin: 2cm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .oso-contents { display: none; }
  a { color: inherit; }
  a[href^="https:"]::after { content: " <" attr(href) ">"; font-size: .85em;
    word-break: break-all; }
  p, li, dl { break-inside: avoid; }
}
.oso-answers > li { margin: .6em 0 1em; }
.oso-answers > li > div { flex: 1; min-width: 0; }
.oso-answer { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 .5em;
  margin-top: .2em; font-size: .85em; color: #4a4a4a; }
.oso-line { flex: 1 1 0; min-width: 5em; height: 1.9em; border-bottom: 1px solid #767676; }
.oso-line + .oso-line { flex-basis: 100%; }
.oso-handout { page: oso-handout; }
/* When treatment starts soon, the handout opens with the timing caveat: set it apart. */
.oso-handout > section:first-of-type[id$="timing"] { margin: 1.2em 0; padding: .1em 1em .2em;
  border: 2px solid #1b1b1b; border-radius: 4px; }
.oso-handout > section:first-of-type[id$="timing"] h2 { margin-top: .5em; border: 0; }
@page oso-handout { margin: 1.2cm 1.5cm; }
@media print {
  .oso-handout { font-size: 10pt; line-height: 1.35; }
  .oso-handout h1 { font-size: 17pt; margin-bottom: .25em; }
  .oso-handout h2 { font-size: 11.5pt; margin: .75em 0 .25em; }
  .oso-handout .oso-provenance { margin: .4em 0 .8em; padding: .25em .7em; font-size: 8.5pt; }
  .oso-handout p, .oso-handout ul { margin-bottom: .4em; }
  .oso-handout li { margin: .15em 0; }
  .oso-handout .oso-checklist:not(.oso-answers), .oso-handout [id$="records-on-hand"] ul {
    columns: 2; column-gap: 2em; }
  .oso-handout .oso-checklist li:first-child, .oso-handout ul li:first-child { margin-top: 0; }
  .oso-handout [id$="sources"] { font-size: 8.5pt; }
  .oso-handout .oso-box { margin-top: .15em; }
  .oso-handout .oso-answers > li { margin: .25em 0 .4em; break-inside: avoid; }
  .oso-handout .oso-line { height: 6mm; }
  .oso-handout > section:first-of-type[id$="timing"] { margin: .6em 0 .3em;
    padding: 0 .8em .1em; }
  .oso-handout > section:first-of-type[id$="timing"] h2 { margin-top: .4em; }
}
"""


# Unicode noncharacters: no conforming HTML holds one, not even as a character reference.
_NONCHARACTER = (
    "[\ufdd0-\ufdef"
    + "".join(chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)


def escape(text: str) -> str:
    """Escape text for an HTML text node or a double-quoted attribute value, as
    :func:`html.escape` does.

    What text validation refuses is made harmless first (see
    :func:`~oncology_second_opinion.fields.showable`), and noncharacters become U+FFFD.
    """
    # Every character either step changes is unprintable (noncharacters are unassigned): most
    # text is printable, and one test of it is far cheaper than searching for each kind.
    if not text.isprintable():
        text = re.sub(_NONCHARACTER, "\ufffd", showable(text))
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def _href(url: str) -> str:
    try:
        check_link(url)
    except ValueError as error:
        raise ValueError(f"refusing to write a link to {url!r}: it {error}") from None
    return escape(url)


def _inlines(inlines: tuple[Inline, ...]) -> str:
    return "".join(
        f'<a href="{_href(inline.url)}">{escape(inline.text)}</a>'
        if isinstance(inline, Link)
        else escape(inline.text)
        for inline in inlines
    )


class _Writer:
    def __init__(self, id_prefix: str) -> None:
        self.id_prefix = id_prefix

    def anchor(self, name: str) -> str:
        return escape(self.id_prefix + name)

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
        if isinstance(block, Paragraph):
            return f"<p>{_inlines(block.inlines)}</p>"
        if isinstance(block, BulletList):
            items = "".join(f"<li>{_inlines(item)}</li>\n" for item in block.items)
            return f"<ul>\n{items}</ul>"
        if isinstance(block, Checklist):
            items = "".join(
                f'<li><span class="oso-box" aria-hidden="true">{BOX}</span> {escape(item)}</li>\n'
                for item in block.items
            )
            return f'<ul class="oso-checklist" aria-label="{escape(block.caption)}">\n{items}</ul>'
        if isinstance(block, AnswerList):
            lines = '<span class="oso-line"></span>' * ANSWER_LINES
            items = "".join(
                f'<li><span class="oso-box" aria-hidden="true">{BOX}</span> '
                f"<div>{escape(item)}\n"
                f'<div class="oso-answer" aria-hidden="true">{escape(block.answer)}{lines}</div>'
                "</div></li>\n"
                for item in block.items
            )
            return (
                f'<ul class="oso-checklist oso-answers" aria-label="{escape(block.caption)}">\n'
                f"{items}</ul>"
            )
        if isinstance(block, Facts):
            facts = "".join(
                f"<div><dt>{escape(fact.label)}</dt><dd>{escape(fact.value)}</dd></div>\n"
                for fact in block.items
            )
            return f'<dl class="oso-provenance">\n{facts}</dl>'
        if isinstance(block, Contents):
            caption_id = self.anchor("contents")
            entries = "".join(
                f'<li><a href="#{self.anchor(entry.anchor)}">{escape(entry.text)}</a></li>\n'
                for entry in block.entries
            )
            return (
                f'<nav class="oso-contents" aria-labelledby="{caption_id}">\n'
                f'<h{block.level} id="{caption_id}">{escape(block.caption)}</h{block.level}>\n'
                f"<ol>\n{entries}</ol>\n</nav>"
            )
        raise TypeError(f"no HTML for block {type(block).__name__}")

    def fragment(self, outline: Outline) -> str:
        kind = "oso-handout" if outline.kind == "handout" else "oso-guide"
        parts = [f'<article class="{kind}" lang="{escape(outline.lang)}">']
        parts.extend(self.block(block) for block in outline.header)
        for section in outline.sections:
            parts.append(f'<section id="{self.anchor(section.id)}">')
            parts.extend(self.block(block) for block in section.blocks)
            parts.append("</section>")
        parts.append("</article>")
        return "\n".join(parts) + "\n"


def write(
    outline: Outline,
    document: bool = False,
    id_prefix: str = DEFAULT_ID_PREFIX,
    metadata: str | None = None,
) -> str:
    """The outline as an HTML fragment (one ``<article>`` carrying ``lang``) or, with
    ``document=True``, a complete page with its own small print-friendly stylesheet.

    ``id_prefix`` must match :data:`ID_PREFIX_PATTERN`; :func:`~oncology_second_opinion.render`
    checks it. ``metadata`` is JSON-LD already serialised for a script element (by
    :func:`~oncology_second_opinion.json_for_html_script`); a complete page carries it in its head.
    """
    fragment = _Writer(id_prefix).fragment(outline)
    if not document:
        return fragment
    lang = escape(outline.lang)
    script = ""
    if metadata is not None:
        if any(char in metadata for char in "<>&"):
            raise ValueError("refusing to write metadata that could end its script element")
        script = f'<script type="application/ld+json">{metadata}</script>\n'

    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(outline.title)}</title>\n"
        f"<style>\n{STYLESHEET}</style>\n"
        f"{script}"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{fragment}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
