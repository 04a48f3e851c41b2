"""Reusable constrained string types for content fields.

Each type checks a value in Python with a message a content editor can act on, and publishes an
equivalent constraint in the JSON Schema, so consumers in other languages reach the same verdict.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, WithJsonSchema

#: Highest ``schema_version`` this release reads, as (major, minor).
SCHEMA_VERSION = (1, 0)

# C0 controls except line feed, DEL, C1 controls, bidirectional embeddings, overrides and isolates.
# Bidi *marks* (U+200E, U+200F) stay allowed: right-to-left languages need them.
_FORBIDDEN_CLASS = r"\x00-\x09\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069"
_FORBIDDEN = re.compile(f"[{_FORBIDDEN_CLASS}]")
# ECMA-262 and Python agree on this pattern: at least one non-space character, no forbidden ones.
TEXT_PATTERN = f"^[^{_FORBIDDEN_CLASS}]*[^\\s{_FORBIDDEN_CLASS}][^{_FORBIDDEN_CLASS}]*$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 64
LANGUAGE_TAG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?$"
# Only https: every source in the guide is served over it, and a patient-facing link should not
# send readers over an unencrypted connection.
URL_SCHEMES = frozenset({"https"})
URL_PATTERN = (
    r"^https://(?:[^\s/?#@\\:\[\]]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:[/?#][^\s\\]*)?$"
)


def _codepoint(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _surrogate_at(value: str) -> int | None:
    for index, char in enumerate(value):
        if "\ud800" <= char <= "\udfff":
            return index
    return None


def check_text(value: str) -> str:
    """Reject empty or blank text, control characters, bidi overrides and lone surrogates."""
    if not value.strip():
        raise ValueError("must contain text; it is empty or only whitespace")
    surrogate = _surrogate_at(value)
    if surrogate is not None:
        raise ValueError(
            f"contains a lone surrogate at character {surrogate}; save the file as valid UTF-8"
        )
    match = _FORBIDDEN.search(value)
    if match:
        raise ValueError(
            f"contains the invisible character {_codepoint(match.group())} at character "
            f"{match.start()}; remove it"
        )
    return value


def check_slug(value: str) -> str:
    """Ids are lowercase ASCII words joined by single hyphens."""
    if not re.fullmatch(SLUG_PATTERN, value) or len(value) > SLUG_MAX_LENGTH:
        raise ValueError(
            f"must be a lowercase slug of at most {SLUG_MAX_LENGTH} characters, such as "
            "'pathology-reports' (letters a-z, digits, single hyphens between words)"
        )
    return value


def check_url(value: str) -> str:
    """Accept an absolute https URL with a host and no credentials, kept exactly as written."""
    if _FORBIDDEN.search(value) or any(char.isspace() for char in value):
        raise ValueError("must not contain spaces or control characters")
    if _surrogate_at(value) is not None or "\\" in value:
        raise ValueError("must not contain backslashes or invalid characters")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as error:
        raise ValueError(f"is not a valid URL ({error})") from None
    if parts.scheme not in URL_SCHEMES or not value.startswith(parts.scheme + "://"):
        allowed = ", ".join(sorted(URL_SCHEMES))
        raise ValueError(
            f"must be an absolute URL using {allowed}, such as 'https://example.org/page'"
        )
    if not parts.hostname:
        raise ValueError("must name a host, such as 'https://example.org/page'")
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not contain a user name or password")
    if port is not None and not 0 < port < 65536:
        raise ValueError("has an invalid port")
    return value


def check_language_tag(value: str) -> str:
    """A BCP 47 language tag in its usual spelling: 'en', 'fr-CA', 'pt-BR'."""
    if not re.fullmatch(LANGUAGE_TAG_PATTERN, value):
        raise ValueError("must be a BCP 47 language tag such as 'en' or 'fr-CA'")
    return value


def check_semver(value: str) -> str:
    """Content versions follow semantic versioning."""
    if not re.fullmatch(SEMVER_PATTERN, value):
        raise ValueError("must be a semantic version such as '1.0.0'")
    return value


def supported_schema_versions() -> str:
    """Describe, for error messages, which ``schema_version`` values this release reads."""
    major, minor = SCHEMA_VERSION
    return f"{major}.0" if minor == 0 else f"{major}.0 to {major}.{minor}"


def check_schema_version(value: str) -> str:
    """Accept the schema major version this release reads, up to its minor version."""
    match = re.fullmatch(r"([0-9]+)\.([0-9]+)", value)
    if not match:
        raise ValueError(
            f"must be a version such as '{SCHEMA_VERSION[0]}.0'; this release reads "
            f"schema_version {supported_schema_versions()}"
        )
    major, minor = int(match.group(1)), int(match.group(2))
    if major != SCHEMA_VERSION[0] or minor > SCHEMA_VERSION[1]:
        raise ValueError(
            f"schema_version {value} is not supported: this release reads schema_version "
            f"{supported_schema_versions()}; use a release of oncology-second-opinion that "
            "reads it, or convert the file"
        )
    return value


def schema_version_pattern() -> str:
    """The JSON Schema pattern of the ``schema_version`` values this release reads."""
    major, minor = SCHEMA_VERSION
    minors = "|".join(str(number) for number in range(minor + 1))
    return f"^{major}\\.(?:{minors})$"


Text = Annotated[
    str,
    AfterValidator(check_text),
    WithJsonSchema({"type": "string", "pattern": TEXT_PATTERN}),
]
"""Human-readable text shown to readers: not blank, no control or bidi-override characters."""

Slug = Annotated[
    str,
    AfterValidator(check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH}),
]
"""A stable identifier: lowercase ASCII words joined by hyphens."""

HttpsUrl = Annotated[
    str,
    AfterValidator(check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": URL_PATTERN}),
]
"""An absolute https URL, kept exactly as written."""

LanguageTag = Annotated[
    str,
    AfterValidator(check_language_tag),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_TAG_PATTERN}),
]
"""A BCP 47 language tag."""

SemVer = Annotated[
    str,
    AfterValidator(check_semver),
    WithJsonSchema({"type": "string", "pattern": SEMVER_PATTERN}),
]
"""A semantic version number."""

SchemaVersion = Annotated[
    str,
    AfterValidator(check_schema_version),
    WithJsonSchema({"type": "string", "pattern": schema_version_pattern()}),
]
"""The content-format version a file is written in."""
