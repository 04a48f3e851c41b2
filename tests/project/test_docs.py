"""Documentation that is generated or checked against the code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import FORMATS, guide_schema

from ..conftest import ROOT, Cli
from ..content_model_doc import DOC, render_doc
from ..doc_outputs import DOCUMENTS, Shown, evaluate, shown_outputs
from ..review_page import DOC as REVIEW_PAGE
from ..review_page import readability_table
from ..review_page import render_doc as render_review_page

RE_BLOCK = re.DOTALL | re.MULTILINE


def test_content_model_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render_doc(), (
        "docs/content-model.md is out of date; regenerate: python -m tests.regenerate"
    )


def test_plain_language_review_page_is_current() -> None:
    assert REVIEW_PAGE.read_text(encoding="utf-8") == render_review_page(), (
        "docs/plain-language-review.md is out of date; regenerate: python -m tests.regenerate"
    )


def test_the_editions_page_shows_the_measured_readability() -> None:
    table = readability_table()
    editions = (ROOT / "docs" / "editions.md").read_text(encoding="utf-8")
    assert table in editions, f"docs/editions.md should show:\n{table}"


def test_content_model_doc_names_every_field() -> None:
    text = DOC.read_text(encoding="utf-8")
    schema = guide_schema()
    for definition in [schema, *schema["$defs"].values()]:
        for field in definition["properties"]:
            assert f"| `{field}` |" in text, field


@pytest.mark.parametrize("shown", shown_outputs(), ids=lambda shown: shown.id)
def test_shown_output_is_the_real_output(shown: Shown) -> None:
    real = evaluate(shown.expression)
    if shown.kind == "output":
        assert shown.body == real, (
            f"{shown.document.name} shows an outdated output of {shown.expression}; "
            "regenerate: python -m tests.regenerate"
        )
    else:
        assert shown.body.endswith("\n")
        assert "\n" + shown.body in "\n" + real, (
            f"{shown.document.name}: this excerpt is no longer in {shown.expression}; "
            "update it by hand"
        )


def test_rendering_doc_shows_every_format() -> None:
    expressions = " ".join(shown.expression for shown in shown_outputs())
    for format_ in FORMATS:
        assert f'render(guide, "{format_}"' in expressions, format_


def test_custom_content_shows_real_validate_output(
    cli: Cli, guide_data: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The problems docs/custom-content.md shows, made in a file and validated."""
    text = (ROOT / "docs" / "custom-content.md").read_text(encoding="utf-8")
    match = re.search(r"^<!-- validate: guide.fr.json -->\n```text\n(.*?)^```$", text, RE_BLOCK)
    assert match is not None
    guide_data["locale"] = "fr"
    guide_data["records"]["items"][2]["label"] = " "
    guide_data["sources"]["items"][0]["url"] = "http://example.org/page"
    monkeypatch.chdir(tmp_path)
    Path("guide.fr.json").write_text(json.dumps(guide_data, ensure_ascii=False), encoding="utf-8")
    result = cli("validate", "guide.fr.json")
    assert (result.status, result.out) == (1, match[1])


MARKDOWN_LINK = re.compile(r"\]\((?!https?:|#)([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_relative_links_resolve(path: Path) -> None:
    for target in MARKDOWN_LINK.findall(path.read_text(encoding="utf-8")):
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def test_docs_index_links_every_page_and_the_readme_links_the_index() -> None:
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name != "README.md":
            assert f"]({page.name})" in index, f"docs/README.md does not link {page.name}"
    assert "](docs/README.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
