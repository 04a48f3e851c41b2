"""``ids``: every section and item id of a guide with its wording, for integrators' forms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from oncology_second_opinion import Guide, build_handout, parse_guide

from ..conftest import Cli
from ..content.test_local_sections import LINKS, LIST, PROSE, edition


def listing(cli: Cli, *argv: str) -> list[dict[str, Any]]:
    result = cli("ids", "--format", "json", *argv)
    assert (result.status, result.err) == (0, "")
    sections: list[dict[str, Any]] = json.loads(result.out)
    return sections


def test_every_section_and_item_id_in_render_order(cli: Cli, guide: Guide) -> None:
    sections = listing(cli)
    assert [section["id"] for section in sections] == list(guide.section_ids)
    listed = [(item["kind"], item["id"]) for section in sections for item in section["items"]]
    assert sorted(listed) == sorted(guide.item_ids())
    records = next(section for section in sections if section["id"] == "records")
    assert records["heading"] == guide.records.heading
    assert [(item["id"], item["label"]) for item in records["items"]] == [
        (record.id, record.label) for record in guide.records.items
    ]


def test_the_listed_ids_are_the_ones_the_handout_takes(cli: Cli, guide: Guide) -> None:
    by_kind: dict[str, list[str]] = {}
    for section in listing(cli):
        for item in section["items"]:
            by_kind.setdefault(item["kind"], []).append(item["id"])
    handout = build_handout(
        guide,
        indications=by_kind["indication"],
        records_on_hand=by_kind["record"],
        questions=by_kind["question"],
    )
    assert len(handout.questions) == len(guide.questions.items)


def test_text_lists_the_same_as_json(cli: Cli) -> None:
    expected = []
    for section in listing(cli):
        expected.append(f"{section['id']}: {section['heading']}")
        expected += [f"  {item['kind']} {item['id']}: {item['label']}" for item in section["items"]]
    result = cli("ids")
    assert (result.status, result.out.splitlines()) == (0, expected)


def test_an_editions_own_sections_and_items_are_listed_in_place(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    data = edition(guide_data, PROSE, LINKS, LIST)
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    sections = listing(cli, "--content", str(path))
    assert [section["id"] for section in sections] == list(parse_guide(data).section_ids)
    own = {section["id"]: section["items"] for section in sections}
    assert own["request-at-our-centre"] == []
    assert own["our-pages"] == [
        {"kind": "local-item", "id": "our-service", "label": "Our second-opinion service"}
    ]
    assert [item["id"] for item in own["our-clinics"]] == ["north-clinic", "south"]


def test_text_output_escapes_what_a_terminal_would_obey(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["records"]["heading"] = "Records\u2028\u2029to bring"
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(guide_data), encoding="utf-8")
    result = cli("ids", "--content", str(path))
    assert "records: Records\\u2028\\u2029to bring" in result.out.splitlines()
