"""--edition on every command that takes --locale, and packaged editions in diff."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from oncology_second_opinion import (
    build_handout,
    fingerprint,
    load_guide,
    render,
    split_messages,
    to_fhir_questionnaire,
)

from ..conftest import ROOT, Cli

PLAIN = load_guide("en", "plain")


def test_render_takes_an_edition(cli: Cli) -> None:
    result = cli("render", "--format", "text", "--edition", "plain")
    assert (result.status, result.err) == (0, "")
    assert result.out == render(PLAIN, "text")
    steps = cli("render", "--format", "markdown", "--edition", "plain", "--section", "steps")
    assert steps.out == render(PLAIN, "markdown", sections=["steps"])


def test_every_command_that_takes_a_locale_takes_an_edition(cli: Cli) -> None:
    handout = cli(
        "handout", "--format", "text", "--edition", "plain", "--indication", "feeling-rushed"
    )
    assert handout.out == render(build_handout(PLAIN, indications=["feeling-rushed"]), "text")
    messages = cli("messages", "--max-chars", "160", "--edition", "plain", "--section", "steps")
    assert messages.status == 0
    shown = [json.loads(line) for line in messages.out.splitlines()]
    assert shown == split_messages(PLAIN, max_chars=160, sections=["steps"])
    fhir = cli("export", "--format", "fhir", "--edition", "plain")
    assert json.loads(fhir.out) == to_fhir_questionnaire(PLAIN)
    assert cli("fingerprint", "--edition", "plain").out == fingerprint(PLAIN) + "\n"
    ids = cli("ids", "--edition", "plain")
    assert ids.out.startswith("key-points")
    assert cli("ids", "--locale", "en", "--edition", "standard").out == cli("ids").out


@pytest.mark.parametrize(
    "command", ["render", "handout", "export", "messages", "ids", "fingerprint"]
)
def test_an_unknown_edition_is_a_usage_error_listing_the_editions(cli: Cli, command: str) -> None:
    required = {
        "render": ["--format", "text"],
        "handout": ["--format", "text"],
        "export": ["--format", "json"],
        "messages": ["--max-chars", "160"],
    }
    argv = [command, "--edition", "simple", "--locale", "es", *required.get(command, [])]
    result = cli(*argv)
    assert result.status == 2
    assert result.out == ""
    assert result.err == (
        f"oncology-second-opinion {command}: --edition: no edition 'simple' of the packaged guide "
        "for locale 'es'; available editions: standard\n"
    )


def test_an_empty_edition_is_no_edition(cli: Cli) -> None:
    result = cli("fingerprint", "--edition", "")
    assert (result.status, result.out) == (2, "")
    assert "no edition '' of the packaged guide for locale 'en'" in result.err


def test_extract_takes_an_edition_of_the_packaged_source_only(cli: Cli) -> None:
    source = str(ROOT / "data" / "en.plain.json")
    result = cli("translate", "extract", "--locale", "fr", "--source", source, "--edition", "plain")
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        "oncology-second-opinion translate extract: --edition: only for the packaged source, "
        "not with --source\n"
    )


def test_an_edition_with_a_content_file_is_a_usage_error(cli: Cli) -> None:
    content = str(ROOT / "data" / "en.plain.json")
    assert cli("render", "--format", "text", "--content", content).out == render(PLAIN, "text")
    result = cli("render", "--format", "text", "--content", content, "--edition", "plain")
    assert (result.status, result.out) == (2, "")
    assert "--edition: only for a packaged guide, not with --content" in result.err


def test_diff_names_a_packaged_edition_after_a_colon(cli: Cli) -> None:
    result = cli("diff", "en", "en:plain", "--format", "json")
    assert result.status == 1
    report = json.loads(result.out)
    assert report["new"]["content_version"] == PLAIN.content_version
    # Editions have content versions of their own: no version step between them to check.
    assert report["policy"] == {
        "applies": False,
        "required_bump": "none",
        "actual_bump": "none",
        "problems": [],
    }
    text = cli("diff", "en", "en:plain").out.splitlines()
    assert text[2] == (
        "version policy: not applicable: the guides are different editions or languages, each "
        "with content versions of its own"
    )
    assert cli("diff", "en:plain", "en:plain").status == 0
    assert cli("diff", "en:standard", "en").status == 0
    unknown = cli("diff", "en", "en:simple")
    assert unknown.status == 2
    assert "available editions: standard, plain" in unknown.err


def test_a_translation_of_the_plain_edition_round_trips(cli: Cli, tmp_path: Path) -> None:
    po_path = tmp_path / "fr.po"
    extract = ("translate", "extract", "--locale", "fr", "--edition", "plain")
    assert cli(*extract, "--output", str(po_path)).status == 0
    po = polib.pofile(str(po_path))
    assert po.metadata["X-Source-Edition"] == "plain"
    assert "key_points.heading" in {entry.msgctxt for entry in po}
    for entry in po:
        entry.msgstr = {"key_points.heading": "Points clés"}.get(entry.msgctxt, "")
    po.save(str(po_path))
    content = tmp_path / "fr.json"
    # Built without --source: the packaged guide and edition the PO file's header names.
    assert cli("translate", "build", str(po_path), "--output", str(content)).status == 0
    french = json.loads(content.read_text(encoding="utf-8"))
    assert (french["edition"], french["key_points"]["heading"]) == ("plain", "Points clés")
    assert french["translated_from"]["edition"] == "plain"
    assert "adapted_from" not in french  # the source's map, not the translation's
    check = cli("translate", "check", str(content))
    assert check.status == 1
    assert "key_points.heading" not in check.out
    assert f"{content}: key_points.items.what-it-is.text: untranslated\n" in check.out


def test_check_needs_the_source_of_an_edition_that_is_not_packaged(
    cli: Cli, tmp_path: Path
) -> None:
    spanish = json.loads((ROOT / "data" / "es.json").read_text(encoding="utf-8"))
    spanish["translated_from"]["edition"] = "simple"
    path = tmp_path / "es.json"
    path.write_text(json.dumps(spanish, ensure_ascii=False), encoding="utf-8")
    result = cli("translate", "check", str(path))
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        "oncology-second-opinion translate check: no edition 'simple' of the packaged guide for "
        "locale 'en'; available editions: standard, plain; give its file with --source\n"
    )
    english = str(ROOT / "data" / "en.json")
    assert cli("translate", "check", str(path), "--source", english).status == 0
