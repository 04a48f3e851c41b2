"""``fingerprint``: the SHA-256 of the canonical content JSON, as docs/versioning.md computes it."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import Guide, fingerprint, load_guide, parse_guide

from .. import strategies
from ..conftest import WHOLE_GUIDES, Cli


def documented(content: Any) -> str:
    """The recipe of docs/versioning.md, from the content JSON."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_the_fingerprint_is_the_documented_hash_of_the_exported_content(cli: Cli) -> None:
    exported = json.loads(cli("export", "--format", "json").out)
    value = fingerprint(load_guide())
    assert re.fullmatch("sha256:[0-9a-f]{64}", value)
    assert value == documented(exported)


# One generated guide serves both properties: generating it is most of the cost.
@WHOLE_GUIDES
@given(strategies.guides(), st.integers(0, 4), st.booleans())
def test_the_canonical_json_is_rfc_8785_and_layout_does_not_count(
    document: dict[str, Any], indent: int, ascii_only: bool
) -> None:
    guide = parse_guide(json.dumps(document))
    exported = guide.model_dump(mode="json", exclude_defaults=True)
    assert fingerprint(guide) == f"sha256:{hashlib.sha256(rfc8785.dumps(exported)).hexdigest()}"

    def reversed_keys(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: reversed_keys(value[key]) for key in reversed(value)}
        if isinstance(value, list):
            return [reversed_keys(child) for child in value]
        return value

    # Key order, indentation, escapes and optional fields written with their default.
    relaid = {"gsm7_replacements": [], "local_sections": [], **reversed_keys(document)}
    text = json.dumps(relaid, indent=indent, ensure_ascii=ascii_only)
    assert fingerprint(parse_guide(text)) == fingerprint(guide)


@WHOLE_GUIDES
@given(strategies.guides(), st.data())
def test_any_change_of_wording_changes_the_fingerprint(
    document: dict[str, Any], data: st.DataObject
) -> None:
    before = fingerprint(parse_guide(json.dumps(document)))
    texts = [
        where
        for where, value in strategies.locations(document)
        if isinstance(value, str) and not (set(where) & strategies.FIXED_FORM_KEYS)
    ]
    where = data.draw(st.sampled_from(texts))
    strategies.replace(document, where, strategies.get(document, where) + " more")
    assert fingerprint(parse_guide(json.dumps(document))) != before


def test_the_command_prints_the_fingerprint(
    cli: Cli, guide: Guide, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    assert cli("fingerprint").out == fingerprint(guide) + "\n"
    guide_data["title"] = "Our own title"
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(guide_data, indent=4), encoding="utf-8")
    result = cli("fingerprint", "--content", str(path))
    assert (result.status, result.out) == (0, fingerprint(parse_guide(guide_data)) + "\n")
    assert result.out != cli("fingerprint").out
