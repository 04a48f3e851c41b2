"""Reusable constrained string types for content fields.

Each type validates with a pattern (run by pydantic-core, and published in the JSON Schema so that
consumers in other languages reach the same verdict) and has a Python check that says, in words a
content editor can act on, why a refused value was refused.
The Python checks and the published patterns are built from the same character classes below, and
the test suite holds them to the same verdict (``tests/content/test_schema_agreement.py``).

Patterns keep to the portable subset of ECMA-262 that JSON Schema recommends: character classes,
anchors, groups, alternation and quantifiers; no ``\\s``, ``\\w`` or ``.`` (engines disagree on what
they match) and no lookaround. Python's ``re`` (and PCRE) also let ``$`` match before a final line
feed, so single-line fields add ``"not": {"pattern": "\\n"}`` to the schema to rule that out.

Two rules cannot be expressed portably and are enforced by the models only: a lone surrogate in a
string (not valid Unicode; not a valid JSON Schema regex range in several engines), and the
uniqueness of ids (checked by ``Guide``) and of keys in an object (checked while decoding).
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, StringConstraints, WithJsonSchema

#: Highest ``schema_version`` this release reads, as (major, minor).
SCHEMA_VERSION = (1, 4)

# Characters refused anywhere in text. Controls: C0 except line feed, DEL, C1. Bidi embeddings,
# overrides and isolates; bidi *marks* (U+200E, U+200F, U+061C) stay allowed: right-to-left
# languages need them. Then the default-ignorable format characters no script needs, which show
# nothing and can carry hidden text: the invisible mathematical operators and the deprecated format
# characters (U+2061-U+206F, the isolates among them), U+FEFF (a byte order mark inside text), the
# interlinear annotation characters, the shorthand and musical format controls, the tag
# characters (U+E0000-U+E007F: hidden ASCII, read by language models and by no reviewer), and the
# code points Unicode reserves as default-ignorable. tests/content/test_invisible_text.py holds
# these classes to the Unicode properties (Default_Ignorable_Code_Point, Variation_Selector, Cf,
# White_Space). Astral characters are written as themselves, not as escapes, so that Python,
# ECMA-262 and Rust read the same class.
FORBIDDEN_CLASS = (
    r"\x00-\x09\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2061-\u206F\uFEFF\uFFF0-\uFFFB"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e00ff\U000e01f0-\U000e0fff"
)
_FORBIDDEN = f"[{FORBIDDEN_CLASS}]"
_SURROGATE = "[\ud800-\udfff]"
# Characters that show nothing on their own: Unicode White_Space that is not a control; the
# zero-width space, word joiner and directional marks; the soft hyphen and combining grapheme
# joiner; the Hangul and Khmer fillers and the blank braille pattern. Allowed, but text made only
# of these (and the joiners and selectors below) is blank. Spelled out rather than ``\s``, which
# Python, ECMA-262 and Rust each define differently.
BLANK_CLASS = (
    r"\n\x20\xA0\xAD\u034F\u061C\u115F\u1160\u1680\u17B4\u17B5\u180E\u2000-\u200B\u200E"
    r"\u200F\u2028\u2029\u202F\u205F\u2060\u2800\u3000\u3164\uFFA0"
)
# Zero-width joiners (ZWNJ, ZWJ): a script or an emoji sequence needs one between two visible
# characters, and nowhere else.
JOINER_CLASS = r"\u200C\u200D"
# Variation selectors choose the form of the visible character they follow, one at a time.
SELECTOR_CLASS = "\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"
_VISIBLE = f"[^{BLANK_CLASS}{JOINER_CLASS}{SELECTOR_CLASS}{FORBIDDEN_CLASS}]"
# A visible character, its variation selector, and what joiners join to it.
_CLUSTER = f"{_VISIBLE}[{SELECTOR_CLASS}]?(?:[{JOINER_CLASS}]{_VISIBLE}[{SELECTOR_CLASS}]?)*"
# Linear on every engine: each character starts exactly one branch (blank, or a cluster).
TEXT_PATTERN = f"^[{BLANK_CLASS}]*{_CLUSTER}(?:[{BLANK_CLASS}]|{_CLUSTER})*$"
_NUMBERING_CHAR = f"[^{{}}\\n{FORBIDDEN_CLASS}]"
MESSAGE_NUMBER_PATTERN = (
    f"^{_NUMBERING_CHAR}*(?:\\{{number\\}}{_NUMBERING_CHAR}*\\{{total\\}}"
    f"|\\{{total\\}}{_NUMBERING_CHAR}*\\{{number\\}}){_NUMBERING_CHAR}*$"
)
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 64
LANGUAGE_TAG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
# A calendar date as YYYY-MM-DD, from the year 1000: the pattern rules out forms that date parsers
# read differently (year 0, week or ordinal dates, times); whether the date exists (no 30
# February) is JSON Schema's "date" format, and the models' check_date.
DATE_PATTERN = r"^[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
#: A string's place in a guide: field names, and an item's id where a list holds identified items.
STRING_PATH_PATTERN = r"^[a-z][a-z0-9_]*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)*$"
STRING_PATH_MAX_LENGTH = 256
#: One sentence of a string: its path, '#', and the sentence's number in the string from 0.
SENTENCE_REF_PATTERN = STRING_PATH_PATTERN[:-1] + r"#(?:0|[1-9][0-9]{0,3})$"
#: The first 16 hexadecimal digits of the SHA-256 of a string's UTF-8 bytes.
FINGERPRINT_PATTERN = r"^[0-9a-f]{16}$"
SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?$"

# URLs: an absolute RFC 3986 URI in ASCII with the https scheme, a DNS host name, an optional
# port from 1 to 65535, and no user information. The host has at least two labels and its last
# label (the top-level domain) starts with a letter: a browser reads a host whose last label is a
# number (decimal, octal or 0x hex) as an IP address, and a single label is a local name. No IP
# literals: "[" and "]" are not allowed.
# Only https: every source in the guide is served over it, and a patient-facing link should not
# send readers over an unencrypted connection.
URL_SCHEMES = frozenset({"https"})
_NOT_URL_CHARACTER = r"[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_TOP_LABEL = r"[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOST = f"(?:{_LABEL}\\.)+{_TOP_LABEL}"
_PORT = r"(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
_PATH = f"(?:/(?:{_PCHAR}|/)*)?"
_QUERY = f"(?:{_PCHAR}|[/?])*"
URL_PATTERN = f"^https://{_HOST}(?::{_PORT})?{_PATH}(?:\\?{_QUERY})?(?:#{_QUERY})?$"

#: Longest excerpt of a content value an error message quotes.
QUOTE_LIMIT = 60


def quote(value: str, limit: int = QUOTE_LIMIT) -> str:
    """Quote a value from a content file for a message: JSON-escaped ASCII, cut to ``limit``.

    Control characters, bidi controls, lone surrogates and every other non-ASCII character come
    out as ``\\u`` escapes, so a hostile value cannot reach a terminal, a log or a page as markup.
    """
    if len(value) > limit:
        return json.dumps(value[:limit]) + "..."
    return json.dumps(value)


_SHOWN_AS_SPACE = "[\t\v\f\r]"
_NOT_SHOWN = f"[{FORBIDDEN_CLASS}\ud800-\udfff]"

#: Unicode noncharacters, as the inside of a character class: no conforming HTML holds one, not even
#: as a character reference, and HTML parsers may flag them.
NONCHARACTER_CLASS = "\ufdd0-\ufdef" + "".join(
    chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)


def showable(text: str) -> str:
    """``text`` without what :func:`check_text` refuses, for writers to build on.

    A validated guide holds none of it; a guide built with ``model_construct`` may. Tabs, vertical
    tabs, form feeds and carriage returns become a space. Every other control character, bidi
    embedding, override or isolate, and lone surrogate becomes U+FFFD (the replacement
    character): the reader sees that something was there, and nothing reaches a terminal or a
    page as a control.
    """
    if text.isprintable():  # every character changed here is a control, format or surrogate
        return text
    return re.sub(_NOT_SHOWN, "\ufffd", re.sub(_SHOWN_AS_SPACE, " ", text))


def _codepoint(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def has_lone_surrogate(value: str) -> bool:
    """Whether ``value`` holds a surrogate code point, which no valid UTF-8 text can carry."""
    return re.search(_SURROGATE, value) is not None


def check_unicode(value: str) -> None:
    """Reject a lone surrogate, saying where it is."""
    surrogate = re.search(_SURROGATE, value)
    if surrogate:
        raise ValueError(
            f"contains a lone surrogate at character {surrogate.start()}; "
            "save the file as valid UTF-8"
        )


def check_text(value: str) -> str:
    """Reject text that is blank or invisible to a reader, or holds what no reader should get.

    Refused: lone surrogates; control characters, bidi embeddings, overrides and isolates, and
    invisible format characters no script needs (tag characters among them); a variation selector
    that does not follow a visible character; a zero-width joiner or non-joiner that does not
    stand between two visible characters; and text made only of whitespace and characters that
    show nothing. ``TEXT_PATTERN`` accepts exactly the same strings.
    """
    check_unicode(value)
    match = re.search(_FORBIDDEN, value)
    if match:
        raise ValueError(
            f"contains the invisible character {_codepoint(match.group())} at character "
            f"{match.start()}; remove it"
        )
    for match in re.finditer(f"[{SELECTOR_CLASS}{JOINER_CLASS}]", value):
        where = match.start()
        before = value[where - 1] if where else ""
        if re.fullmatch(f"[{SELECTOR_CLASS}]", match.group()):
            if not re.fullmatch(_VISIBLE, before):
                raise ValueError(
                    f"has the variation selector {_codepoint(match.group())} at character "
                    f"{where}, which does not follow a visible character; remove it"
                )
            continue
        after = value[where + 1 : where + 2]
        if not (re.fullmatch(f"{_VISIBLE}|[{SELECTOR_CLASS}]", before) and _is_visible(after)):
            raise ValueError(
                f"has the joiner {_codepoint(match.group())} at character {where}, which does "
                "not stand between two visible characters; remove it"
            )
    if re.search(_VISIBLE, value) is None:
        raise ValueError(f"must contain text; {BLANK_TEXT}")
    return value


#: Why blank text is refused, for messages.
BLANK_TEXT = "it is empty or only whitespace and invisible characters"


def _is_visible(char: str) -> bool:
    return re.fullmatch(_VISIBLE, char) is not None


def check_slug(value: str) -> str:
    """Ids are lowercase ASCII words joined by single hyphens."""
    if len(value) > SLUG_MAX_LENGTH or not re.fullmatch(SLUG_PATTERN, value):
        raise ValueError(
            f"must be a lowercase slug of at most {SLUG_MAX_LENGTH} characters, such as "
            "'pathology-reports' (letters a-z, digits, single hyphens between words)"
        )
    return value


def _url_character_problem(value: str) -> str | None:
    match = re.search(_NOT_URL_CHARACTER, value)
    if match is None:
        return None
    char, where = match.group(), f"at character {match.start()}"
    if char.isspace() or re.fullmatch(_FORBIDDEN, char) or not char.isprintable():
        return f"must not contain spaces or control characters ({_codepoint(char)} {where})"
    if not char.isascii():
        return (
            f"must be written in ASCII ({_codepoint(char)} {where}): percent-encode it in "
            "the path, or write the host name in its xn-- form"
        )
    return f"must not contain {char!r} ({where}); percent-encode it"


def _host_problem(host: str) -> str:
    labels = host.split(".")
    if all(re.fullmatch(_LABEL, label) for label in labels):
        if not labels[-1][0].isalpha():
            return (
                f"names the host {host!r}, which ends in a number: browsers read it as an IP "
                "address; use the site's host name, such as 'example.org'"
            )
        return (
            f"names the single-label host {host!r}, a local name; use the site's full host "
            "name, such as 'example.org'"
        )
    return "must name a host such as 'example.org' (letters, digits and hyphens, separated by dots)"


def _names_an_ip_literal(value: str) -> bool:
    return re.match(r"https?://\[", value, re.IGNORECASE) is not None


def check_url(value: str) -> str:
    """Accept an absolute https URL with a host and no credentials, kept exactly as written.

    The value is split with :func:`urllib.parse.urlsplit` and each part is checked on its own;
    nothing is normalised. The published ``URL_PATTERN`` accepts exactly the same strings.
    """
    check_unicode(value)
    if _names_an_ip_literal(value):
        raise ValueError(
            "names its host by an IP address in brackets; use the site's host name, such as "
            "'example.org'"
        )
    character_problem = _url_character_problem(value)
    if character_problem:
        raise ValueError(character_problem)
    try:
        parts = urlsplit(value)
    except ValueError:
        raise ValueError("is not a valid URL") from None
    written_scheme = value.partition(":")[0]
    if parts.scheme not in URL_SCHEMES or written_scheme not in URL_SCHEMES:
        allowed = ", ".join(sorted(URL_SCHEMES))
        raise ValueError(
            f"must be an absolute URL using {allowed} (in lowercase), such as "
            "'https://example.org/page'"
        )
    if not value.startswith(f"{parts.scheme}://") or not parts.netloc:
        raise ValueError("must name a host, such as 'https://example.org/page'")
    if "@" in parts.netloc:
        raise ValueError("must not contain a user name or password")
    host, has_port, port = parts.netloc.partition(":")
    if not re.fullmatch(_HOST, host):
        raise ValueError(_host_problem(host))
    if has_port and not re.fullmatch(_PORT, port):
        raise ValueError("has an invalid port; use a number from 1 to 65535, or none")
    if not re.fullmatch(_PATH, parts.path) or not re.fullmatch(_QUERY, parts.query):
        raise ValueError("has a '%' that is not followed by two hexadecimal digits")
    if not re.fullmatch(_QUERY, parts.fragment):
        if "#" in parts.fragment:
            raise ValueError("has more than one '#'; percent-encode the second as %23")
        raise ValueError("has a '%' that is not followed by two hexadecimal digits")
    if not re.fullmatch(URL_PATTERN, value):
        # Unreachable while the checks above spell out the pattern; kept so that no check of a
        # link is ever laxer than the models and schema.
        raise ValueError("is not a valid https URL")
    return value


def safe_link(url: str) -> str:
    """``url`` if a writer may emit it as a link: exactly what a guide's ``url`` field accepts.

    Links in a validated guide always pass; a guide built with ``model_construct`` skipped
    validation, so every writer checks again. Raises :class:`ValueError` saying why otherwise.
    """
    if re.fullmatch(URL_PATTERN, url):
        return url
    try:
        check_url(url)  # says why
    except ValueError as error:
        raise ValueError(f"refusing to write a link to {quote(url)}: it {error}") from None
    raise ValueError(f"refusing to write a link to {quote(url)}: it is not a valid https URL")


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


def check_date(value: object) -> datetime.date:
    """A date written as ``YYYY-MM-DD`` that exists in the calendar, read as a :class:`date`."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    example = "such as '2026-11-30'"
    if not isinstance(value, str) or not re.fullmatch(DATE_PATTERN, value):
        raise ValueError(f"must be a date written as YYYY-MM-DD, {example}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"is not a date in the calendar ({quote(value)}); {example}") from None


def supported_schema_versions() -> str:
    """Describe, for error messages, which ``schema_version`` values this release reads."""
    major, minor = SCHEMA_VERSION
    return f"{major}.0" if minor == 0 else f"{major}.0 to {major}.{minor}"


# A version as MAJOR.MINOR without leading zeros, short enough to compare as numbers.
_VERSION = r"(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})"


def check_message_number(value: str) -> str:
    """How a message of a series is numbered: ``{number}`` and ``{total}`` once each."""
    if not re.fullmatch(MESSAGE_NUMBER_PATTERN, value):
        raise ValueError(
            "must hold {number} and {total} once each and no other braces, on one line, "
            "such as '{number}/{total}'"
        )
    return value


def check_schema_version(value: str) -> str:
    """Accept the schema major version this release reads, up to its minor version."""
    match = re.fullmatch(_VERSION, value)
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
    """The pattern of every ``schema_version`` this release reads, such as ``^1\\.(?:0|1)$``."""
    major, minor = SCHEMA_VERSION
    minors = "|".join(str(number) for number in range(minor + 1))
    return f"^{major}\\.(?:{minors})$"


def _single_line(pattern: str, **extra: Any) -> dict[str, Any]:
    """A string schema for a one-line value; ``not`` rules out the line feed that ``$`` lets
    through in Python's ``re`` and PCRE."""
    return {"type": "string", "pattern": pattern, **extra, "not": {"pattern": "\n"}}


# The models validate with the patterns alone, in pydantic-core; the check functions above only
# run on a value the pattern refused, to say why.
_EXPLAINERS: dict[str, Callable[[str], str]] = {
    TEXT_PATTERN: check_text,
    SLUG_PATTERN: check_slug,
    URL_PATTERN: check_url,
    LANGUAGE_TAG_PATTERN: check_language_tag,
    SEMVER_PATTERN: check_semver,
    MESSAGE_NUMBER_PATTERN: check_message_number,
    schema_version_pattern(): check_schema_version,
}


def explain(pattern: str, value: str) -> str | None:
    """Why ``value`` does not match ``pattern``, one of the patterns of the types below."""
    checker = _EXPLAINERS.get(pattern)
    if checker is None:
        return None
    try:
        checker(value)
    except ValueError as error:
        return str(error)
    return None


Text = Annotated[
    str,
    StringConstraints(pattern=TEXT_PATTERN),
    WithJsonSchema({"type": "string", "pattern": TEXT_PATTERN}),
]
"""Human-readable text shown to readers: not blank, no control or bidi-override characters."""

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
    WithJsonSchema(_single_line(SLUG_PATTERN, maxLength=SLUG_MAX_LENGTH)),
]
"""A stable identifier: lowercase ASCII words joined by hyphens."""

HttpsUrl = Annotated[
    str,
    StringConstraints(pattern=URL_PATTERN),
    WithJsonSchema(_single_line(URL_PATTERN, format="uri")),
]
"""An absolute https URL, kept exactly as written."""

LanguageTag = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_TAG_PATTERN),
    WithJsonSchema(_single_line(LANGUAGE_TAG_PATTERN)),
]
"""A BCP 47 language tag."""

MessageNumber = Annotated[
    str,
    StringConstraints(pattern=MESSAGE_NUMBER_PATTERN),
    WithJsonSchema(_single_line(MESSAGE_NUMBER_PATTERN)),
]
"""How a message of a series is numbered, with ``{number}`` and ``{total}``."""

# GSM 03.38's default alphabet and extension table, as a character class (see _sms).
_GSM7_CLASS = (
    "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,\\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\\\\\[~\\]|€"
)
GSM7_TEXT_PATTERN = f"^[{_GSM7_CLASS}]+$"
NON_GSM7_CHARACTER_PATTERN = f"^[^{_GSM7_CLASS}{FORBIDDEN_CLASS}\\n]$"

Gsm7Text = Annotated[
    str,
    StringConstraints(pattern=GSM7_TEXT_PATTERN),
    WithJsonSchema(_single_line(GSM7_TEXT_PATTERN)),
]
"""Text made only of characters an SMS can carry in GSM-7."""

NonGsm7Character = Annotated[
    str,
    StringConstraints(pattern=NON_GSM7_CHARACTER_PATTERN),
    WithJsonSchema(_single_line(NON_GSM7_CHARACTER_PATTERN)),
]
"""One character (one Unicode code point) that the GSM-7 alphabet does not have."""

StringPath = Annotated[
    str,
    StringConstraints(pattern=STRING_PATH_PATTERN, max_length=STRING_PATH_MAX_LENGTH),
    WithJsonSchema(_single_line(STRING_PATH_PATTERN, maxLength=STRING_PATH_MAX_LENGTH)),
]
"""Where a string is in a guide, such as ``indications.items.feeling-rushed.text``."""

SentenceRef = Annotated[
    str,
    StringConstraints(pattern=SENTENCE_REF_PATTERN, max_length=STRING_PATH_MAX_LENGTH + 5),
    WithJsonSchema(_single_line(SENTENCE_REF_PATTERN, maxLength=STRING_PATH_MAX_LENGTH + 5)),
]
"""One sentence of a guide's string, such as ``overview.paragraphs.0#1``."""

Fingerprint = Annotated[
    str,
    StringConstraints(pattern=FINGERPRINT_PATTERN),
    WithJsonSchema(_single_line(FINGERPRINT_PATTERN)),
]
"""A short fingerprint of a string: it changes whenever the string does."""

SemVer = Annotated[
    str,
    StringConstraints(pattern=SEMVER_PATTERN),
    WithJsonSchema(_single_line(SEMVER_PATTERN)),
]
"""A semantic version number."""

IsoDate = Annotated[
    datetime.date,
    BeforeValidator(check_date),
    WithJsonSchema(_single_line(DATE_PATTERN, format="date")),
]
"""A calendar date, written ``YYYY-MM-DD`` in a content file."""

SchemaVersion = Annotated[
    str,
    StringConstraints(pattern=schema_version_pattern()),
    WithJsonSchema(_single_line(schema_version_pattern())),
]
"""The content-format version a file is written in."""
