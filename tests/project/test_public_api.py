"""The public surface users and docs rely on."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from importlib.metadata import version
from typing import Any

import pytest

import oncology_second_opinion as package
from oncology_second_opinion import (
    ContentError,
    Guide,
    UnknownLocaleError,
    available_locales,
    clear_cache,
    load_guide,
)
from oncology_second_opinion import _loader as loader

PUBLIC_NAMES = [
    "ContentChange",
    "ContentError",
    "Edition",
    "FORMATS",
    "Format",
    "Guide",
    "GuideDiff",
    "Handout",
    "Problem",
    "RenderOptionError",
    "RenderOptions",
    "ResponseError",
    "SECTION_IDS",
    "SectionId",
    "SelectionError",
    "UnknownEditionError",
    "UnknownLocaleError",
    "__version__",
    "available_editions",
    "available_locales",
    "build_handout",
    "clear_cache",
    "diff_guides",
    "fingerprint",
    "guide_schema",
    "handout_from_questionnaire_response",
    "json_for_html_script",
    "load_guide",
    "load_guide_file",
    "negotiate_locale",
    "parse_guide",
    "render",
    "sms_segments",
    "split_messages",
    "stylesheet",
    "to_fhir_questionnaire",
    "to_jsonld",
]


def test_all_is_pinned_and_sorted() -> None:
    assert package.__all__ == PUBLIC_NAMES
    assert package.__all__ == sorted(package.__all__)
    for name in package.__all__:
        assert hasattr(package, name), name


def test_version_matches_the_installed_metadata() -> None:
    assert package.__version__ == version("oncology-second-opinion")


def test_content_error_is_a_value_error() -> None:
    assert issubclass(ContentError, ValueError)


def test_available_locales() -> None:
    assert available_locales() == ("en", "es")


def test_load_guide_is_cached(fresh_caches: object) -> None:
    first = load_guide()
    assert isinstance(first, Guide)
    assert load_guide("en") is first


def test_threads_loading_at_once_share_one_guide(
    fresh_caches: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse = loader._parse

    def slow_parse(*args: Any) -> Guide:
        time.sleep(0.05)  # widens the window in which a second thread could parse as well
        return parse(*args)

    monkeypatch.setattr(loader, "_parse", slow_parse)
    start = threading.Barrier(16)
    guides: list[Guide] = []

    def load() -> None:
        start.wait()
        guides.append(load_guide("en"))

    threads = [threading.Thread(target=load) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(guides) == 16
    assert len({id(guide) for guide in guides}) == 1


def test_clear_cache_reads_again(fresh_caches: object) -> None:
    first = load_guide()
    clear_cache()
    second = load_guide()
    assert second is not first
    assert second == first


def test_unknown_locale_names_the_available_ones(fresh_caches: object) -> None:
    with pytest.raises(UnknownLocaleError) as caught:
        load_guide("xx-YY")
    error = caught.value
    assert isinstance(error, LookupError)
    assert error.locale == "xx-YY"
    assert error.available == ("en", "es")
    assert "'xx-YY'" in str(error)
    assert "available locales: en, es" in str(error)
    assert "load_guide_file" in str(error)


def test_import_parses_nothing_and_imports_no_heavy_module() -> None:
    probe = textwrap.dedent(
        """
        import sys
        import oncology_second_opinion
        from oncology_second_opinion import _loader as loader
        heavy = sorted(
            name for name in sys.modules
            if name.split(".")[0] in {"jsonschema", "jsonschema_rs", "markdown_it", "html5lib"}
        )
        cached = [loader._load_packaged.cache_info(), loader._manifest.cache_info()]
        print(heavy, sum(info.currsize for info in cached))
        oncology_second_opinion.load_guide()
        oncology_second_opinion.render(oncology_second_opinion.load_guide(), "html")
        loaded = {n.split(".")[0] for n in sys.modules}
        ours = {n for n in sys.modules if n.startswith("oncology_second_opinion.")}
        print(sorted(loaded & {"jsonschema", "jsonschema_rs", "markdown_it", "html5lib"}))
        lazy = {f"oncology_second_opinion.{m}" for m in ("_fhir", "_schema")}
        print(sorted(ours & lazy))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    # Loading and rendering the guide needs neither the FHIR export nor the schema.
    assert result.stdout.splitlines() == ["[] 0", "[]", "[]"]
