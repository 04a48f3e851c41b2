"""Adding a format is a module and a registration: render() and the CLI find it in the registry."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pytest

from oncology_second_opinion import FORMATS, Guide, RenderOptionError, build_handout, render
from oncology_second_opinion import _writers as registry
from oncology_second_opinion._outline import Heading, Outline
from oncology_second_opinion._writer import option, option_error

from ..conftest import Cli


@dataclass(frozen=True)
class HeadingsOptions:
    marker: str = option("*", "drawn before each heading", parse=str, metavar="TEXT")

    def __post_init__(self) -> None:
        if not isinstance(self.marker, str) or len(self.marker) != 1:
            raise option_error("marker", f"marker must be one character, not {self.marker!r}")


@dataclass(frozen=True)
class HeadingsWriter:
    """A tiny format: the outline's headings, one per line, indented by level."""

    name: str = "headings"
    options: type[HeadingsOptions] = HeadingsOptions

    def write(self, outline: Outline, options: HeadingsOptions, /) -> str:
        return "".join(
            f"{'  ' * (block.level - 1)}{options.marker} {block.text}\n"
            for block in outline.blocks
            if isinstance(block, Heading)
        )


@pytest.fixture
def with_headings(monkeypatch: pytest.MonkeyPatch) -> None:
    writers = {**registry.WRITERS, "headings": HeadingsWriter()}
    monkeypatch.setattr(registry, "WRITERS", MappingProxyType(writers))


def test_the_registry_holds_the_documented_formats() -> None:
    assert tuple(registry.WRITERS) == FORMATS == ("markdown", "html", "text")
    for name, writer in registry.WRITERS.items():
        assert writer.name == name


@pytest.mark.usefixtures("with_headings")
def test_a_registered_writer_renders_guides_and_handouts(guide: Guide) -> None:
    output = render(guide, "headings", sections=["records", "sources"], heading_level=2)
    assert output == (
        f"  * {guide.title}\n    * {guide.records.heading}\n    * {guide.sources.heading}\n"
        f"    * {guide.disclaimer.heading}\n"
    )
    handout = build_handout(guide, questions=["decision-right-now"])
    marker: dict[str, Any] = {"marker": "-"}
    assert render(handout, "headings", **marker).splitlines()[0] == (
        f"- {guide.labels.handout_title}"
    )


@pytest.mark.usefixtures("with_headings")
def test_a_registered_writer_checks_its_own_options(guide: Guide) -> None:
    too_long: dict[str, Any] = {"marker": "**"}
    with pytest.raises(RenderOptionError, match="marker must be one character") as caught:
        render(guide, "headings", **too_long)
    assert caught.value.option == "marker"
    with pytest.raises(RenderOptionError, match="option 'width' does not apply to format"):
        render(guide, "headings", width=40)
    # RenderOptions types the options of the formats this release ships; others go as a dict.
    marker: dict[str, Any] = {"marker": "-"}
    with pytest.raises(RenderOptionError, match="option 'marker' does not apply to format"):
        render(guide, "text", **marker)


@pytest.mark.usefixtures("with_headings")
def test_the_command_line_offers_a_registered_writer_and_its_options(
    cli: Cli, guide: Guide
) -> None:
    result = cli("render", "--format", "headings", "--marker", "#", "--section", "timing")
    assert (result.status, result.err) == (0, "")
    assert result.out == (
        f"# {guide.title}\n  # {guide.timing.heading}\n  # {guide.disclaimer.heading}\n"
    )
    assert "--marker TEXT" in cli("render", "--help").out


def test_an_unregistered_format_is_refused(guide: Guide) -> None:
    with pytest.raises(RenderOptionError, match="unknown format 'headings'"):
        render(guide, "headings")
