"""Patient guidance about seeking a cancer second opinion, as typed, validated data."""

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    ContentError,
    Problem,
    RenderOptionError,
    SelectionError,
    UnknownLocaleError,
)
from .loader import available_locales, load_guide, load_guide_file, parse_guide
from .models import Guide
from .outline import SECTION_IDS, SectionId
from .render import FORMATS, Format, RenderOptions, render

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .fhir import to_fhir_questionnaire
    from .handout import Handout, build_handout
    from .jsonld import json_for_html_script, to_jsonld
    from .schema import guide_schema

# Names whose modules load on first use (PEP 562), so that importing the package to load and render
# the guide does not pay for the exporters, the handout and the schema.
_LAZY = {
    "Handout": "handout",
    "build_handout": "handout",
    "guide_schema": "schema",
    "json_for_html_script": "jsonld",
    "to_fhir_questionnaire": "fhir",
    "to_jsonld": "jsonld",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


# Plain code-point order, as tests/test_public_api.py pins (not ruff's isort-style grouping).
__all__ = [  # noqa: RUF022
    "ContentError",
    "FORMATS",
    "Format",
    "Guide",
    "Handout",
    "Problem",
    "RenderOptionError",
    "RenderOptions",
    "SECTION_IDS",
    "SectionId",
    "SelectionError",
    "UnknownLocaleError",
    "__version__",
    "available_locales",
    "build_handout",
    "guide_schema",
    "json_for_html_script",
    "load_guide",
    "load_guide_file",
    "parse_guide",
    "render",
    "to_fhir_questionnaire",
    "to_jsonld",
]
