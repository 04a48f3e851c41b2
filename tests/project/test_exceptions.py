"""The library's exceptions survive pickling and copying with every attribute, as a worker
process's exception must to reach the parent."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from collections.abc import Callable

import pytest

from oncology_second_opinion import (
    ContentError,
    Problem,
    RenderOptionError,
    ResponseError,
    SelectionError,
    UnknownLocaleError,
    build_handout,
    load_guide,
)

ERRORS: list[BaseException] = [
    ContentError([Problem("$.title", "must not be empty")], "edition.json"),
    UnknownLocaleError("xx", ["en"]),
    RenderOptionError("unknown format 'pdf'", option="format", valid=["markdown", "html"]),
    SelectionError("unknown id 'x'", field="questions", value="x", valid=["a", "b"]),
    ResponseError("must be 'QuestionnaireResponse'", path="$.resourceType"),
]
COPIES: dict[str, Callable[[BaseException], BaseException]] = {
    "pickle": lambda error: pickle.loads(pickle.dumps(error)),
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
}


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: type(error).__name__)
@pytest.mark.parametrize("how", sorted(COPIES))
def test_an_exception_survives_pickle_and_copy(error: BaseException, how: str) -> None:
    again = COPIES[how](error)
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert again.args == error.args
    assert vars(again) == vars(error)


def _refuse_in_worker(question: str) -> None:
    build_handout(load_guide(), questions=[question])


def test_an_exception_raised_in_a_worker_reaches_the_caller() -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result = pool.map_async(_refuse_in_worker, ["no-such-question"])
        with pytest.raises(SelectionError) as caught:
            result.get(timeout=60)
    assert caught.value.field == "questions"
    assert caught.value.value == "no-such-question"
    assert "decision-right-now" in caught.value.valid
