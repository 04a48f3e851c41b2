"""Patient guidance about seeking a cancer second opinion, as typed, validated data."""

from .errors import ContentError, Problem, UnknownLocaleError
from .fhir import to_fhir_questionnaire
from .jsonld import json_for_html_script, to_jsonld
from .loader import available_locales, load_guide, load_guide_file, parse_guide
from .models import Guide
from .schema import guide_schema

__version__ = "0.1.0"

__all__ = [
    "ContentError",
    "Guide",
    "Problem",
    "UnknownLocaleError",
    "__version__",
    "available_locales",
    "guide_schema",
    "json_for_html_script",
    "load_guide",
    "load_guide_file",
    "parse_guide",
    "to_fhir_questionnaire",
    "to_jsonld",
]
