"""Patient guidance about seeking a cancer second opinion, as typed, validated data."""

from .errors import (
    ContentError,
    Problem,
    RenderOptionError,
    SelectionError,
    UnknownLocaleError,
)
from .fhir import to_fhir_questionnaire
from .handout import Handout, build_handout
from .jsonld import json_for_html_script, to_jsonld
from .loader import available_locales, load_guide, load_guide_file, parse_guide
from .models import Guide
from .outline import SECTION_IDS, SectionId
from .render import FORMATS, Format, RenderOptions, render
from .schema import guide_schema

__version__ = "0.1.0"

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
