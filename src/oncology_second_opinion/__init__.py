"""Patient guidance about seeking a cancer second opinion, as typed, validated data."""

import importlib
from typing import TYPE_CHECKING, Any

from ._errors import (
    ContentError,
    Problem,
    RenderOptionError,
    ResponseError,
    SelectionError,
    UnknownEditionError,
    UnknownLocaleError,
)
from ._handout import Handout, build_handout
from ._jsonld import json_for_html_script, to_jsonld
from ._loader import (
    Edition,
    available_editions,
    available_locales,
    clear_cache,
    load_guide,
    load_guide_file,
    parse_guide,
)
from ._models import Guide, SectionId
from ._negotiate import negotiate_locale
from ._outline import SECTION_IDS
from ._render import FORMATS, Format, RenderOptions, render
from ._sms import sms_segments
from ._split import split_messages
from ._stylesheet import stylesheet

__version__ = "0.2.0"

if TYPE_CHECKING:
    from ._diff import ContentChange, GuideDiff, diff_guides
    from ._fhir import to_fhir_questionnaire
    from ._fingerprint import fingerprint
    from ._response import handout_from_questionnaire_response
    from ._schema import guide_schema

# Exporters and review tools that reading and rendering a guide never use load on first use
# (PEP 562).
_LAZY = {
    "ContentChange": "_diff",
    "GuideDiff": "_diff",
    "diff_guides": "_diff",
    "fingerprint": "_fingerprint",
    "guide_schema": "_schema",
    "handout_from_questionnaire_response": "_response",
    "to_fhir_questionnaire": "_fhir",
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


# Plain code-point order, as tests pin (not ruff's isort-style grouping).
__all__ = [  # noqa: RUF022
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
