"""A host page of the kind an integrator's site has, with a stylesheet hostile to embedded
content (a CSS reset and global rules on the elements the fragments use, as popular frameworks
ship; and, as most sites do, no site header on paper), and a probe of how the fragments lay out
in it."""

from __future__ import annotations

import html

HOSTILE_STYLESHEET = """\
*, *::before, *::after { box-sizing: border-box; margin: 0; padding: 0; border: 0; }
html { font-family: Georgia, "DejaVu Serif", serif; font-size: 18px; color: #222; }
body { line-height: 1.8; padding: 1rem 2rem; }
header { border-bottom: 3px solid #036; margin-bottom: 2rem; }
h1, h2, h3, h4, h5, h6 { display: block; margin: 2rem 0 1rem; color: #703; font-weight: 900;
  font-family: "DejaVu Sans Condensed", Impact, sans-serif; text-transform: uppercase; }
h1 { font-size: 2.4rem; } h2 { font-size: 1.9rem; } h3 { font-size: 1.5rem; }
p { margin-bottom: 1.5rem; max-width: 60ch; }
ul { list-style: square; padding-left: 3rem; margin-bottom: 1.5rem; }
li { display: list-item; margin-bottom: 1rem; }
input { display: block; width: 100%; }
span { display: inline; }
a { color: #036; }
@media print { header { display: none; } }
"""


def host_page(
    fragment: str,
    *,
    stylesheet: str | None,
    level: int = 2,
    hostile: bool = True,
    title: str = "Cancer centre",
) -> str:
    """A page of a cancer centre's site with ``fragment``, whose top heading is of ``level``, in
    its main content under the page's own headings; ``stylesheet`` is the library's, or None for
    the page without it. Not ``hostile``, the page has no style and no site header of its own."""
    ours = "" if stylesheet is None else f"<style>\n{stylesheet}</style>\n"
    theirs = f"<style>\n{HOSTILE_STYLESHEET}</style>\n" if hostile else ""
    header = (
        '<header><p class="site-name">Riverside Cancer Centre</p></header>\n' if hostile else ""
    )
    headings = ["<h1>Patient resources</h1>\n", "<h2>Second opinions</h2>\n"][: level - 1]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"{theirs}{ours}</head>\n<body>\n"
        f"{header}"
        f"<main>\n{''.join(headings)}{fragment}</main>\n</body>\n</html>\n"
    )


#: Evaluated in the page: facts about the layout, as JSON.
PROBE = """(() => {
  const style = (element) => getComputedStyle(element);
  const overlap = (a, b) => a.top < b.bottom && b.top < a.bottom;
  const items = [...document.querySelectorAll(".oso-checklist > li")].map((li) => {
    const box = li.querySelector(".oso-box").getBoundingClientRect();
    const range = document.createRange();
    range.setStartAfter(li.querySelector(".oso-box"));
    range.setEndAfter(li.lastChild);
    const text = range.getClientRects()[0];
    const border = style(li.querySelector(".oso-box"));
    return {
      boxDrawn:
        parseFloat(border.borderTopWidth) >= 1 && border.borderTopColor !== "rgba(0, 0, 0, 0)",
      boxBeforeText: box.right <= text.left + 0.5,
      sameLine: overlap(box, text),
      boxSize: [box.width, box.height],
    };
  });
  const lines = [...document.querySelectorAll(".oso-line")].map((line) => ({
    width: line.getBoundingClientRect().width,
    height: line.getBoundingClientRect().height,
    rule: parseFloat(style(line).borderBottomWidth),
  }));
  const caution = document.querySelector(".oso-caution");
  const header = document.querySelector("header");
  const site = document.querySelector(".site-name");
  const paragraph = document.querySelector(".oso-guide p, .oso-handout p");
  const keys = ["fontFamily", "fontSize", "color", "lineHeight", "marginBottom", "borderBottom"];
  const pick = (element) => Object.fromEntries(keys.map((key) => [key, style(element)[key]]));
  const article = document.querySelector(".oso-guide, .oso-handout").getBoundingClientRect();
  return {
    items,
    lines,
    fragmentSize: [article.width, article.height],
    caution: caution ? parseFloat(style(caution).borderTopWidth) : null,
    header: header && pick(header),
    siteName: site && pick(site),
    body: pick(document.body),
    fragmentFont: paragraph ? style(paragraph).fontFamily : null,
  };
})()"""
