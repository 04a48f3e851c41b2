"""The public stylesheet of the HTML fragments, shipped as a file in the package."""

from __future__ import annotations

from importlib.resources import files

#: The stylesheet's file name inside the package, for pipelines that copy static files.
STYLESHEET_FILE = "oncology-second-opinion.css"


def stylesheet() -> str:
    """The stylesheet of the guide and handout HTML fragments.

    Include it in a page that embeds a fragment (``render(..., "html")``). Every rule is scoped to
    the fragments' root classes (``oso-guide``, ``oso-handout``), so nothing else on the page
    changes; the fragments inherit the page's typography, and documented custom properties
    (``--oso-accent`` and others) theme them. The complete page (``document=True``) embeds the
    same stylesheet.
    """
    return files(__package__).joinpath(STYLESHEET_FILE).read_text(encoding="utf-8")
