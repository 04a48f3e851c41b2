"""Choose a packaged locale for an HTTP ``Accept-Language`` value (RFC 9110 section 12.5.4),
by RFC 4647 lookup."""

from __future__ import annotations

import re

from ._errors import wrong_type
from ._loader import available_locales, default_locale

# One element of the list: a language range (RFC 4647 section 2.1: ``*``, or subtags of one to
# eight letters and digits, the first all letters) and an optional weight (``q=``, 0 to 1 with at
# most three decimals). An element that does not parse is skipped, as RFC 9110 lets a recipient.
_ELEMENT = re.compile(
    r"[ \t]*(?P<range>\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)"
    r"(?:[ \t]*;[ \t]*[qQ][ \t]*=[ \t]*(?P<q>0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?))?[ \t]*"
)


def _ranges(accept_language: str) -> list[tuple[str, float]]:
    """The parsed ranges, lowercase, each with its weight, most wanted first (the header's order
    among equal weights)."""
    ranges = []
    for element in accept_language.split(","):
        match = _ELEMENT.fullmatch(element)
        if match:
            weight = float(match["q"]) if match["q"] else 1.0
            ranges.append((match["range"].lower(), weight))
    return sorted(ranges, key=lambda item: -item[1])


def _lookup(language_range: str, locales: dict[str, str], refused: set[str]) -> str | None:
    """RFC 4647 section 3.4: the range, then the range less its last subtag, and so on, until a
    locale matches; a subtag of one character left last (an extension's singleton) goes too.
    A locale the reader refused (``q=0``) does not match."""
    subtags = language_range.split("-")
    while subtags:
        key = "-".join(subtags)
        if key in locales and key not in refused:
            return locales[key]
        subtags.pop()
        if subtags and len(subtags[-1]) == 1:
            subtags.pop()
    return None


def negotiate_locale(accept_language: str) -> str:
    """The packaged locale that best answers an HTTP ``Accept-Language`` value, such as
    ``"es-MX,es;q=0.9,en;q=0.8"``, for a web page that serves each reader the guide in their
    language.

    Ranges are tried by weight (``q``), then in the order written, each by RFC 4647 lookup
    (``es-MX`` finds ``es``), ignoring case. ``*`` accepts any locale: the default one, unless a
    range with ``q=0`` refuses it. A locale named by a range with ``q=0`` is never chosen, and
    elements that do not parse are skipped. When nothing matches, the default locale is the
    answer, so the result can always be passed to :func:`~oncology_second_opinion.load_guide`.
    """
    if not isinstance(accept_language, str):
        raise wrong_type("negotiate_locale", "accept_language", "a str", accept_language)
    locales = {locale.lower(): locale for locale in available_locales()}
    default = default_locale()
    ranges = _ranges(accept_language)
    refused = {language_range for language_range, weight in ranges if weight == 0}
    for language_range, weight in ranges:
        if weight == 0:
            break  # sorted: every range left is refused too
        if language_range == "*":
            allowed = [locale for key, locale in locales.items() if key not in refused]
            if default.lower() not in refused or not allowed:
                return default
            return allowed[0]
        found = _lookup(language_range, locales, refused)
        if found is not None:
            return found
    return default
