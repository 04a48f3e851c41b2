"""The rendered HTML passes real third-party checkers: the W3C Nu HTML Checker, and axe-core
(WCAG 2.2 A/AA and best practices) in headless Chromium. A handout prints on one page.

Without the checkers these tests skip and say how to get them; with CI set, they fail instead.
Each checker runs once per session over every page; nothing is fetched at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import Guide, build_handout, render

from ..browser import tools
from ..golden import PACKAGED, packaged_guide, sample_handout


def host_page(body: str, title: str = "Host page") -> str:
    """A minimal page of an integrator's site, with a fragment placed in its main content."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def pages(guide: Guide) -> dict[str, str]:
    nested = render(guide, "html", heading_level=3, id_prefix="guide-")
    return {
        "document.html": render(guide, "html", document=True),
        "document-records-questions.html": render(
            guide, "html", document=True, sections=["records", "questions"]
        ),
        "fragment.html": host_page(render(guide, "html")),
        "fragment-nested.html": host_page(
            f"<h1>Patient resources</h1>\n<section>\n<h2>Second opinions</h2>\n{nested}</section>\n"
        ),
        **handout_pages(guide),
    }


def handout_pages(guide: Guide) -> dict[str, str]:
    handout = sample_handout(guide)
    soon = sample_handout(guide, treatment_starts_soon=True)
    nothing = build_handout(guide)
    return {
        "handout-document.html": render(handout, "html", document=True),
        "handout-document-starts-soon.html": render(soon, "html", document=True),
        "handout-document-empty.html": render(nothing, "html", document=True),
        "handout-fragment.html": host_page(
            "<h1>Your appointment</h1>\n" + render(handout, "html", heading_level=2)
        ),
    }


def every_page() -> dict[str, str]:
    """The pages of every packaged guide: the standard English ones by their own names, the
    others' after the guide's name, such as ``es-document.html`` and ``en.plain-document.html``."""
    return {
        (name if guide == "en" else f"{guide}-{name}"): text
        for guide in PACKAGED
        for name, text in pages(packaged_guide(guide)).items()
    }


PAGES = sorted(every_page())
#: Handout pages that must print on one sheet, and the paper sizes they are printed on.
ONE_PAGE = [name for name in PAGES if name.endswith(("handout-document.html", "-starts-soon.html"))]
PAPERS = ["A4", "Letter"]


@pytest.fixture(scope="session")
def page_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("pages")
    for name, text in every_page().items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def vnu_messages(page_dir: Path) -> dict[str, list[dict[str, Any]]]:
    missing = tools.vnu_missing()
    if missing:
        tools.unavailable(missing)
    return tools.run_vnu([page_dir / name for name in PAGES])


@pytest.fixture(scope="session")
def axe_results(page_dir: Path) -> dict[str, Any]:
    missing = tools.chromium_missing()
    if missing:
        tools.unavailable(missing)
    return chromium_results(page_dir)["axe"]  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def pdf_results(page_dir: Path) -> dict[str, Any]:
    missing = tools.chromium_missing()
    if missing:
        tools.unavailable(missing)
    return chromium_results(page_dir)["pdfs"]  # type: ignore[no-any-return]


_CHROMIUM: dict[Path, dict[str, Any]] = {}


def chromium_results(page_dir: Path) -> dict[str, Any]:
    """One browser run for the session: axe-core on every page, and each handout printed."""
    if page_dir not in _CHROMIUM:
        request = {
            "axe": [{"name": name, "path": str(page_dir / name)} for name in PAGES],
            "pdfs": [
                {"name": f"{name} {paper}", "path": str(page_dir / name), "format": paper}
                for name in ONE_PAGE
                for paper in PAPERS
            ],
        }
        _CHROMIUM[page_dir] = tools.run_chromium(request)
    return _CHROMIUM[page_dir]


@pytest.mark.parametrize("page", PAGES)
def test_nu_html_checker_finds_nothing(
    vnu_messages: dict[str, list[dict[str, Any]]], page: str
) -> None:
    messages = vnu_messages[page]
    assert messages == [], "\n".join(
        f"{m.get('type')}/{m.get('subType', '')} line {m.get('lastLine')}: {m.get('message')}"
        for m in messages
    )


@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_violation(axe_results: dict[str, Any], page: str) -> None:
    result = axe_results[page]
    assert result["passes"] > 10, "axe ran too few rules: did the page load?"
    assert result["violations"] == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    )


def test_checkers_are_the_pinned_versions(axe_results: dict[str, Any]) -> None:
    lock = (tools.HERE / "package-lock.json").read_text(encoding="utf-8")
    version = axe_results[PAGES[0]]["version"]
    assert f'"node_modules/axe-core": {{\n      "version": "{version}"' in lock


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("page", ONE_PAGE)
def test_handout_prints_on_one_page(pdf_results: dict[str, Any], page: str, paper: str) -> None:
    assert pdf_results[f"{page} {paper}"]["pages"] == 1
