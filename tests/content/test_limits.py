"""Size and depth limits, and validation time that grows at most linearly with the input.

Time is compared within one run, never against a wall-clock threshold: the same input shape at
size n and at 10n. Linear work gives a ratio near 10, quadratic work near 100; the bound of 30
leaves room for a slow or busy machine.
"""

from __future__ import annotations

import copy
import gc
import json
import multiprocessing
import time
import traceback
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from oncology_second_opinion import (
    FORMATS,
    ContentError,
    Guide,
    Problem,
    build_handout,
    json_for_html_script,
    load_guide_file,
    parse_guide,
    render,
    split_messages,
    to_fhir_questionnaire,
    to_jsonld,
)
from oncology_second_opinion._decode import MAX_CONTENT_BYTES, MAX_DEPTH
from oncology_second_opinion._handout import MAX_OWN_QUESTIONS

from .. import strategies
from ..conftest import PROFILE

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkServerContext, SpawnContext

TOO_BIG = Problem("$", "is larger than the 2 MiB limit")
TOO_DEEP = Problem("$", f"nests arrays and objects deeper than {MAX_DEPTH} levels")
RATIO_BOUND = 30


def refused(data: str | bytes | dict[str, Any]) -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as caught:
        parse_guide(data)
    return caught.value.problems


def test_the_limits_are_the_documented_ones() -> None:
    assert MAX_CONTENT_BYTES == 2 * 1024 * 1024
    assert MAX_DEPTH == 32


# Size ------------------------------------------------------------------------------------------


def _padded(guide_data: dict[str, Any], size: int) -> bytes:
    text = json.dumps(guide_data).encode("utf-8")
    return text + b" " * (size - len(text))


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path, guide_data: dict[str, Any]) -> None:
    path = tmp_path / "edition.json"
    path.write_bytes(_padded(guide_data, MAX_CONTENT_BYTES))
    assert load_guide_file(path).title == guide_data["title"]


def test_a_byte_over_the_limit_is_refused(tmp_path: Path, guide_data: dict[str, Any]) -> None:
    data = _padded(guide_data, MAX_CONTENT_BYTES + 1)
    assert refused(data) == (TOO_BIG,)
    assert refused(data.decode("utf-8")) == (TOO_BIG,)
    path = tmp_path / "edition.json"
    path.write_bytes(data)
    with pytest.raises(ContentError) as caught:
        load_guide_file(path)
    assert caught.value.problems == (TOO_BIG,)


def test_text_is_measured_in_utf8_bytes_not_characters(guide_data: dict[str, Any]) -> None:
    guide_data["labels"]["answer"] = "\u00e9" * (MAX_CONTENT_BYTES // 2)  # 2 bytes each
    text = json.dumps(guide_data, ensure_ascii=False)
    assert len(text) < MAX_CONTENT_BYTES < len(text.encode("utf-8"))
    assert refused(text) == (TOO_BIG,)


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    def refuse(size: int) -> Callable[[], None]:
        path = tmp_path / f"huge-{size}.json"
        with path.open("wb") as handle:
            handle.truncate(size)  # sparse: costs no disk

        def run() -> None:
            with pytest.raises(ContentError) as caught:
                load_guide_file(path)
            assert caught.value.problems == (TOO_BIG,)

        return run

    small, large = refuse(4 * MAX_CONTENT_BYTES), refuse(1024 * MAX_CONTENT_BYTES)
    assert _seconds(large) < 10 * _seconds(small)  # 256 times the size, about the same time


# Depth -----------------------------------------------------------------------------------------


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_nesting_up_to_the_limit_is_parsed_and_beyond_it_is_refused(
    guide_data: dict[str, Any],
) -> None:
    text = json.dumps(guide_data)[:-1]
    # The unknown key's value sits at depth 2; the guide object itself is level 1.
    deepest_allowed = f'{text}, "extra": {_nested(MAX_DEPTH - 1)}}}'
    assert refused(deepest_allowed) == (
        Problem("$.extra", "is not a known field; remove it or correct its spelling"),
    )
    too_deep = f'{text}, "extra": {_nested(MAX_DEPTH)}}}'
    # Within the decoder's reach, the problem is located where the nesting passes the limit.
    assert refused(too_deep) == (Problem("$.extra" + "[0]" * (MAX_DEPTH - 1), TOO_DEEP.message),)
    assert refused(_nested(100_000)) == (TOO_DEEP,)


def test_brackets_inside_strings_do_not_count(guide_data: dict[str, Any]) -> None:
    guide_data["labels"]["answer"] = '[{"\\' * 1000
    assert parse_guide(json.dumps(guide_data)).labels.answer == guide_data["labels"]["answer"]


def test_a_deep_python_mapping_is_refused_with_its_path(guide_data: dict[str, Any]) -> None:
    deep: Any = "x"
    for _ in range(5000):
        deep = [deep]
    guide_data["labels"]["deep"] = deep
    [problem] = refused(guide_data)
    assert problem.path == "$.labels.deep" + "[0]" * (MAX_DEPTH - 2)
    assert problem.message == TOO_DEEP.message


def test_a_python_mapping_that_shares_containers_is_bounded(guide_data: dict[str, Any]) -> None:
    # 25 levels of a list holding the same list twice: 2**25 values if walked naively.
    shared: Any = []
    for _ in range(25):
        shared = [shared, shared]
    guide_data["labels"]["shared"] = shared
    assert refused(guide_data) == (TOO_BIG,)


def test_a_mapping_is_held_to_the_size_limit_of_a_file(guide_data: dict[str, Any]) -> None:
    """As compact UTF-8 JSON, a mapping of exactly the limit is read and a byte more is not."""
    compact = json.dumps(guide_data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    room = MAX_CONTENT_BYTES - len(compact)
    guide_data["labels"]["answer"] += "\u00e9" * (room // 2) + "a" * (room % 2)
    exact = json.dumps(guide_data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert len(exact) == MAX_CONTENT_BYTES
    assert parse_guide(guide_data).labels.answer == guide_data["labels"]["answer"]
    guide_data["labels"]["answer"] += "a"
    assert refused(guide_data) == (TOO_BIG,)
    guide_data["labels"]["answer"] = "a" * (50 * MAX_CONTENT_BYTES)
    assert refused(guide_data) == (TOO_BIG,)


# Linear time -----------------------------------------------------------------------------------


def _seconds(run: Callable[[], object], repeat: int = 3) -> float:
    """Best of ``repeat`` runs in CPU time, with the garbage collector paused: it measures the
    algorithm, not the other processes of a shared machine."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _parse_and_render(text: str) -> Callable[[], object]:
    """Parse; build a handout that chooses every item, with every other parameter at its most;
    render both in every format and as messages; export the guide in every export format."""

    def run() -> object:
        guide = parse_guide(text)
        handout = build_handout(
            guide,
            indications=[item.id for item in guide.indications.items],
            records_on_hand=[item.id for item in guide.records.items],
            questions=[item.id for item in guide.questions.items],
            own_questions=["What should I ask?"] * MAX_OWN_QUESTIONS,
            treatment_starts_soon=True,
        )
        subjects = (guide, handout)
        return [
            *(render(subject, fmt) for subject in subjects for fmt in FORMATS),
            *(split_messages(subject, max_chars=160, gsm7=True) for subject in subjects),
            json_for_html_script(to_jsonld(guide)),
            to_fhir_questionnaire(guide),
            guide.model_dump(mode="json"),
        ]

    return run


def _parse_or_refuse(text: str) -> Callable[[], object]:
    def run() -> object:
        try:
            return parse_guide(text)
        except ContentError as error:
            return error

    return run


Build = Callable[[int], str]
Factory = Callable[[dict[str, Any]], Build]
Edit = tuple[tuple[str | int, ...], Callable[[int], Any]]


def _edited(*edits: Edit) -> Factory:
    """Inputs made from the packaged guide with values replaced by ones that grow with n."""

    def factory(guide_data: dict[str, Any]) -> Build:
        def build(n: int) -> str:
            data = copy.deepcopy(guide_data)
            for location, make in edits:
                strategies.replace(data, location, make(n))
            return json.dumps(data, ensure_ascii=False)

        return build

    return factory


def _raw(build_text: Callable[[str, int], str]) -> Factory:
    """Inputs made from the packaged guide's JSON text, its closing brace left to ``build_text``."""

    def factory(guide_data: dict[str, Any]) -> Build:
        base = json.dumps(guide_data)[:-1]
        return lambda n: build_text(base, n)

    return factory


def _items(n: int) -> list[dict[str, str]]:
    return [{"id": f"record-{i}", "label": f"Record {i}"} for i in range(n)]


def _local_sections(n: int) -> list[dict[str, Any]]:
    """Local sections each placed after the one before: the longest chain a file can hold."""
    return [
        {
            "id": f"local-{i}",
            "shape": "prose",
            "after": f"local-{i - 1}" if i else "questions",
            "heading": f"Section {i}",
            "paragraphs": ["Words."],
        }
        for i in range(n)
    ]


def _statements(prefix: str, n: int) -> list[dict[str, str]]:
    return [{"id": f"{prefix}-{i}", "text": f"Statement {i}."} for i in range(n)]


def _same_ids(n: int) -> list[dict[str, str]]:
    return [{"id": f"record-{i // 2}", "label": "Record"} for i in range(n)]


PATHOLOGICAL: dict[str, Factory] = {
    "huge-text": _edited((("overview", "paragraphs", 0), lambda n: "word " * (n // 5))),
    "huge-text-bad-at-end": _edited((("overview", "paragraphs", 0), lambda n: "a" * n + "\x00")),
    "huge-blank-text": _edited((("overview", "paragraphs", 0), lambda n: " " * n)),
    "many-paragraphs": _edited((("overview", "paragraphs"), lambda n: ["Words."] * (n // 8))),
    "many-items": _edited((("records", "items"), lambda n: _items(n // 40))),
    "many-items-in-every-list": _edited(
        (("indications", "items"), lambda n: _statements("indication", n // 150)),
        (("records", "items"), lambda n: _items(n // 150)),
        (("questions", "items"), lambda n: _statements("question", n // 150)),
    ),
    "many-repeated-ids": _edited((("records", "items"), lambda n: _same_ids(n // 40))),
    "many-bad-items": _edited(
        (("records", "items"), lambda n: [{"id": "X", "label": "Record"}] * (n // 30))
    ),
    "many-unknown-keys": _edited((("labels", "x"), lambda n: {f"k{i}": 0 for i in range(n // 12)})),
    "long-unknown-key": _raw(lambda base, n: base + f', "{"k" * n}": 1' + "}"),
    "long-url": _edited(
        (("sources", "items", 0, "url"), lambda n: "https://example.org/" + "a/" * (n // 2))
    ),
    "long-bad-url": _edited(
        (("sources", "items", 0, "url"), lambda n: "https://example.org/" + "a" * n + " ")
    ),
    "long-host": _edited(
        (("sources", "items", 0, "url"), lambda n: "https://" + "a-b." * (n // 4) + "org")
    ),
    "long-bad-host": _edited(
        (("sources", "items", 0, "url"), lambda n: "https://" + "a-b." * (n // 4) + "-/")
    ),
    "long-pattern-slug": _edited((("records", "items", 0, "id"), lambda n: "a-" * (n // 2))),
    "many-duplicate-keys": _raw(lambda base, n: base + ', "x": 1' * (n // 8) + "}"),
    "many-distinct-duplicate-keys": _raw(
        lambda base, n: base + "".join(f', "k{i}": 1, "k{i}": 1' for i in range(n // 24)) + "}"
    ),
    "deep-nesting-many-times": _raw(
        lambda base, n: base + ', "x": [' + ",".join([_nested(MAX_DEPTH - 2)] * (n // 60)) + "]}"
    ),
    "many-escapes-and-brackets": _raw(
        lambda base, n: base + ', "x": ["' + '\\"[' * (n // 3) + '", ' + _nested(20) + "]}"
    ),
    "unterminated-string-with-escapes": _raw(
        lambda base, n: base + ', "x": [' * 40 + '"' + '\\"' * (n // 2)
    ),
    "huge-integer": _raw(lambda base, n: base + ', "x": ' + "7" * n + "}"),
    "many-local-sections": _edited((("local_sections",), lambda n: _local_sections(n // 120))),
}
VALID = {
    "huge-text",
    "many-paragraphs",
    "many-items",
    "many-items-in-every-list",
    "long-url",
    "long-host",
    "many-local-sections",
}
#: Inputs whose guide is also rendered in every format, as a page that shows it would.
RENDERED = {"many-items-in-every-list", "many-local-sections"}


#: Size of the small input in characters; the large one is ten times as big. The thorough profiles
#: measure at the size of a large content file; ``dev`` at a quarter of it, where the packaged
#: guide is still a small part of the input and quadratic work still gives a ratio near 100.
N = 25_000 if PROFILE == "dev" else 100_000


def _inputs(name: str, guide_data: dict[str, Any]) -> tuple[str, str]:
    build = PATHOLOGICAL[name](guide_data)
    return build(N), build(10 * N)


def _growth_ratio(name: str) -> float:
    """CPU time of parsing the input of size 10n over that of size n."""
    text = (files("oncology_second_opinion.data") / "en.json").read_text(encoding="utf-8")
    small, large = _inputs(name, json.loads(text))
    work = _parse_and_render if name in RENDERED else _parse_or_refuse
    return _seconds(work(large)) / _seconds(work(small))


def _send_growth_ratio(name: str, connection: Connection) -> None:
    try:
        connection.send(("ratio", _growth_ratio(name)))
    except BaseException:
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()


# A long test session leaves the heap fragmented: the many small objects a large input makes then
# lie far apart in memory, and walking them misses the CPU cache (one duplicate-key input measured
# 10x alone and 33x after the hostile-content tests). Each ratio is measured in a process forked
# from a server that only imported this module, as any program would start.
# Where there is no forkserver (Windows), each process starts from scratch.
_FRESH: SpawnContext | ForkServerContext = multiprocessing.get_context("spawn")
if "forkserver" in multiprocessing.get_all_start_methods():
    _FRESH = forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload([__name__])
FRESH_PROCESS_TIMEOUT = 300  # seconds; one measurement takes about one


def _growth_ratio_in_fresh_process(name: str) -> float:
    receiver, sender = _FRESH.Pipe(duplex=False)
    process = _FRESH.Process(target=_send_growth_ratio, args=(name, sender), daemon=True)
    process.start()
    sender.close()  # so that the receiver sees the end if the process dies without a word
    try:
        if not receiver.poll(FRESH_PROCESS_TIMEOUT):
            pytest.fail(f"{name}: no measurement after {FRESH_PROCESS_TIMEOUT} s")
        try:
            kind, value = receiver.recv()
        except EOFError:
            pytest.fail(f"{name}: the measuring process ended without a result")
    finally:
        process.kill()
        process.join()
        receiver.close()
    if kind == "error":
        pytest.fail(f"{name}: the measuring process failed:\n{value}")
    return float(value)


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_validation_time_grows_at_most_linearly(guide_data: dict[str, Any], name: str) -> None:
    small, large = _inputs(name, guide_data)
    assert len(large.encode("utf-8")) <= MAX_CONTENT_BYTES, "keep the large input under the limit"
    if name in VALID:
        assert isinstance(parse_guide(small), Guide)
    else:
        with pytest.raises(ContentError):
            parse_guide(small)
    ratio = _growth_ratio_in_fresh_process(name)
    assert ratio < RATIO_BOUND, f"{name}: 10x the input took {ratio:.1f}x the time"
