"""``translate``: PO files out and back, and a check that finds exactly the untranslated and stale
strings of a translated content file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import load_guide
from oncology_second_opinion._po import _set
from oncology_second_opinion._translation import strings

from ..conftest import ROOT, Cli

ENGLISH = load_guide("en")
PATHS = list(strings(ENGLISH))


def _english_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ROOT / "data" / "en.json").read_text("utf-8"))
    return document


def test_the_packaged_spanish_guide_is_what_its_po_file_builds(cli: Cli, tmp_path: Path) -> None:
    po = tmp_path / "es.po"
    assert cli("translate", "extract", "--locale", "es", "--output", str(po)).status == 0
    entries = list(polib.pofile(str(po)))
    assert [entry.msgctxt for entry in entries] == PATHS
    assert all(entry.msgstr and not entry.fuzzy for entry in entries)
    built = cli("translate", "build", str(po))
    assert built.status == 0, built.err
    assert built.out == (ROOT / "data" / "es.json").read_text("utf-8")


def test_the_packaged_spanish_guide_is_complete_and_fresh(cli: Cli) -> None:
    path = str(ROOT / "data" / "es.json")
    result = cli("translate", "check", path)
    assert (result.status, result.out) == (0, f"{path}: complete and fresh\n")


@given(
    st.sampled_from(PATHS),
    # Braces would make labels.message_number invalid, which is another test's business.
    st.text(
        st.characters(categories=["L", "N", "P", "Zs"], exclude_characters="{}"),
        min_size=1,
        max_size=20,
    ),
)
def test_check_names_exactly_the_english_string_that_changed(
    cli: Cli, tmp_path_factory: pytest.TempPathFactory, path: str, addition: str
) -> None:
    document = _english_document()
    english = strings(ENGLISH)[path]
    _set(document, path, english + " " + addition)
    source = tmp_path_factory.mktemp("source") / "en.json"
    source.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    spanish = str(ROOT / "data" / "es.json")
    result = cli("translate", "check", spanish, "--source", str(source))
    assert (result.status, result.err) == (1, "")
    assert result.out == f"{spanish}: {path}: stale: its source changed after it was translated\n"
    # A fresh PO file flags that entry, and only it, for the translator.
    extracted = cli("translate", "extract", "--locale", "es", "--source", str(source))
    fuzzy = [entry.msgctxt for entry in polib.pofile(extracted.out) if entry.fuzzy]
    assert fuzzy == [path]


def test_a_partial_translation_builds_and_check_lists_the_rest(cli: Cli, tmp_path: Path) -> None:
    po_path = tmp_path / "fr.po"
    assert cli("translate", "extract", "--locale", "fr", "--output", str(po_path)).status == 0
    po = polib.pofile(str(po_path))
    assert not any(entry.msgstr for entry in po)
    translated = {"title": "Demander un deuxième avis sur un cancer", "labels.answer": "Réponse"}
    for entry in po:
        entry.msgstr = translated.get(entry.msgctxt, "")
        if entry.msgctxt == "overview.heading":
            entry.msgstr, entry.flags = "Un deuxième avis", ["fuzzy"]  # not used, as by msgfmt
    po.save(str(po_path))
    content = tmp_path / "fr.json"
    assert cli("translate", "build", str(po_path), "--output", str(content)).status == 0
    guide = json.loads(content.read_text("utf-8"))
    assert (guide["locale"], guide["title"], guide["labels"]["answer"]) == (
        "fr",
        translated["title"],
        "Réponse",
    )
    assert guide["overview"]["heading"] == ENGLISH.overview.heading
    assert guide["review"]["status"] == "not-clinically-reviewed"
    result = cli("translate", "check", str(content))
    assert result.status == 1
    listed = [line.split(": ")[1:] for line in result.out.splitlines()]
    assert listed == [[path, "untranslated"] for path in PATHS if path not in translated]


def test_a_translation_keeps_what_its_source_no_longer_has_obsolete(
    cli: Cli, tmp_path: Path
) -> None:
    document = _english_document()
    del document["indications"]["items"][-1]
    source = tmp_path / "en.json"
    source.write_text(json.dumps(document), "utf-8")
    result = cli("translate", "check", str(ROOT / "data" / "es.json"), "--source", str(source))
    assert result.status == 1
    assert result.out.splitlines()[-1].endswith(
        ": indications.items.feeling-rushed.text: obsolete: its source no longer has it"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "data/en.json"], "records no translation"),
        (["check", "missing.json"], "cannot be read"),
        (["check", "data/es.json", "--source", "missing.json"], "cannot be read"),
    ],
)
def test_check_exits_2_when_it_cannot_tell(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, argv: list[str], message: str
) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("translate", *argv)
    assert (result.status, result.out) == (2, "")
    assert message in result.err


def test_build_locates_a_bad_header(cli: Cli, tmp_path: Path) -> None:
    po = tmp_path / "xx.po"
    po.write_text(cli("translate", "extract", "--locale", "es").out.replace("es\\n", "ES!\\n"))
    result = cli("translate", "build", str(po))
    assert result.status == 1
    assert f"{po}: PO header Language: must be a BCP 47 language tag" in result.err


def test_extract_refuses_a_locale_that_is_no_language_tag(cli: Cli) -> None:
    result = cli("translate", "extract", "--locale", "spanish!")
    assert result.status == 2
    assert "--locale must be a language tag" in result.err


def test_without_polib_the_po_steps_say_how_to_get_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "polib", None)  # import polib now raises ImportError
    result = cli("translate", "extract", "--locale", "es")
    assert result.status == 2
    assert 'pip install "oncology-second-opinion[translate]"' in result.err
    # check reads content files only, and needs no polib
    assert cli("translate", "check", str(ROOT / "data" / "es.json")).status == 0
