"""Export a guide as schema.org JSON-LD, and serialise JSON-LD safely for an HTML ``<script>``.

Search engines read a ``MedicalWebPage`` from a ``<script type="application/ld+json">`` element. The
page's human-readable strings all come from the guide; the other strings are schema.org names.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ._errors import wrong_type
from ._fields import FORBIDDEN_CLASS, NONCHARACTER_CLASS
from ._models import Guide, Source

SCHEMA_ORG = "https://schema.org"
#: The ``propertyID`` of the identifier that names a guide's edition, such as ``plain``.
EDITION_PROPERTY = "urn:oncology-second-opinion:edition"

# Everything that could end the script element or open a comment or another script in it
# (``</script``, ``<!--``, ``<script``), '&' for good measure, the two line terminators old
# JavaScript parsers choke on, what HTML parsers may alter or flag (DEL and C1 controls, surrogates
# and noncharacters), and every other character text validation refuses (bidi controls, invisible
# format characters, tag characters), so that an unvalidated guide cannot hide text in the page's
# JSON-LD either. None of them can occur in JSON text outside a string, and inside a string the
# \u escape means the same character.
_UNSAFE = f"[<>&\u2028\u2029{FORBIDDEN_CLASS}\ud800-\udfff{NONCHARACTER_CLASS}]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_for_html_script(data: Any) -> str:
    """Serialise JSON-able ``data`` as text safe between ``<script ...>`` and ``</script>``.

    The result is compact JSON that decodes to ``data``. ``<``, ``>``, ``&``, U+2028, U+2029,
    characters an HTML parser may alter (DEL, C1 controls, lone surrogates, noncharacters) and
    every other character text validation refuses anywhere (bidi embeddings, overrides and
    isolates, invisible format characters such as tag characters) are written as ``\\uXXXX``
    escapes, so no content can close the element, open a comment or a nested script, hide text,
    or change on its way through the parser. Other characters stay as they are
    (UTF-8 pages show non-English text unescaped). ``NaN`` and infinities are refused with
    :class:`ValueError`, as JSON has no spelling for them.
    """
    return script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def script_safe(json_text: str) -> str:
    """JSON text with every character :func:`json_for_html_script` escapes written as a ``\\u``
    escape; it decodes to the same value, however it is indented."""
    return re.sub(_UNSAFE, _escape, json_text)


def _organization(name: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name}


def _citation(source: Source) -> dict[str, Any]:
    citation = {
        "@type": "CreativeWork",
        "name": source.title,
        "url": source.url,
        "publisher": _organization(source.publisher),
    }
    if source.language is not None:
        citation["inLanguage"] = source.language
    return citation


def _edition(edition: str) -> dict[str, str]:
    return {"@type": "PropertyValue", "propertyID": EDITION_PROPERTY, "value": edition}


def _based_on(guide: Guide) -> dict[str, Any]:
    """The guides this one restates, as far as the content records them: an adapted edition's
    source edition, a translation's source."""
    origins = {"isBasedOn": guide.adapted_from, "translationOfWork": guide.translated_from}
    return {
        key: {
            "@type": "MedicalWebPage",
            "inLanguage": origin.locale,
            "version": origin.content_version,
            "identifier": _edition(origin.edition),
        }
        for key, origin in origins.items()
        if origin is not None
    }


def to_jsonld(guide: Guide) -> dict[str, Any]:
    """Export ``guide`` as a schema.org ``MedicalWebPage`` (JSON-LD), as a JSON-able dict.

    ``name`` is the title, ``description`` the overview (paragraphs separated by a blank line),
    ``inLanguage`` the locale, ``version`` the content version, ``publisher`` the guide's
    publisher, ``audience`` a ``MedicalAudience`` of patients (``audienceType`` ``Patient`` is the
    schema.org name of that audience: a vocabulary term, not text shown to readers), and
    ``citation`` one ``CreativeWork`` per source (title, URL as written, publisher, and
    ``inLanguage`` where the content states the source's language). ``identifier`` names the
    edition (a ``PropertyValue`` whose ``propertyID`` is
    ``urn:oncology-second-opinion:edition`` and whose ``value`` is ``standard``, ``plain``, ...).
    The guide it restates, where the content records one, is ``isBasedOn`` (an adapted edition,
    such as the plain-language one) or ``translationOfWork`` (a translation): a
    ``MedicalWebPage`` with that guide's language, content version and edition. The page's own
    URL is the integrator's to add.

    Review properties are written only from a clinical review the content records:
    ``lastReviewed`` its date and ``reviewedBy`` the reviewer, a ``Person`` with their role as
    ``jobTitle`` and their organisation as ``affiliation``. The packaged guides record none, and
    none is ever invented: that would mislead readers and search engines. Use
    :func:`json_for_html_script` to embed the result in an HTML page.
    """
    if not isinstance(guide, Guide):
        raise wrong_type("to_jsonld", "guide", "a Guide", guide)
    review = guide.review.clinical_review
    reviewed: dict[str, Any] = {}
    if review is not None:
        reviewer: dict[str, Any] = {
            "@type": "Person",
            "name": review.reviewer,
            "jobTitle": review.role,
        }
        if review.organization is not None:
            reviewer["affiliation"] = _organization(review.organization)
        reviewed = {"lastReviewed": str(review.reviewed_on), "reviewedBy": reviewer}
    return {
        "@context": SCHEMA_ORG,
        "@type": "MedicalWebPage",
        "name": guide.title,
        "description": "\n\n".join(guide.overview.paragraphs),
        "inLanguage": guide.locale,
        "version": guide.content_version,
        "identifier": _edition(guide.edition),
        **_based_on(guide),
        "publisher": _organization(guide.publisher),
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "citation": [_citation(source) for source in guide.sources.items],
        **reviewed,
    }
