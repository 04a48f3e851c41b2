"""Translations: which strings of a guide a translator translates, where each one is, and whether
a translated guide still restates its source string by string.

A string's path names it in both guides: field names, and an item's id where a list holds
identified items (ids are the same in every edition), else its index. Sources are not
translated: a source is a published page, cited by its title as published.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

from ._models import Guide, SourceString, TranslatedFrom

#: The guide's own data, not wording: the same in every language, or the translation's own.
_GUIDE_DATA = frozenset(
    {
        "schema_version",
        "locale",
        "edition",
        "content_version",
        "translated_from",
        "adapted_from",
        # A language's own ways of writing characters for SMS, not a restatement of the source.
        "gsm7_replacements",
    }
)
#: Keys that hold data wherever they are: ids, a local section's place and shape.
_ITEM_DATA = frozenset({"id", "after", "shape"})
#: Paths of other data: the review status is a code, and a clinical review the source had is the
#: source's own (a translation has not had it), so neither is translated.
_DATA_PATHS = frozenset({("review", "status"), ("review", "clinical_review")})

State = Literal["untranslated", "stale", "obsolete"]


class Finding(NamedTuple):
    """A string that keeps a translation from being complete and fresh.

    ``untranslated``: the source has it and the translation records no translation of it.
    ``stale``: the source string changed after it was translated. ``obsolete``: the translation
    has a string the source no longer has.
    """

    path: str
    state: State


def string_fingerprint(text: str) -> str:
    """The first 16 hexadecimal digits of the SHA-256 of ``text``'s UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _walk(node: Any, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        if "url" in node:  # a source, kept as published
            return
        for key, child in node.items():
            data = _GUIDE_DATA if not path else _ITEM_DATA
            if key not in data and (*path, key) not in _DATA_PATHS:
                yield from _walk(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            key = child["id"] if isinstance(child, dict) and "id" in child else str(index)
            yield from _walk(child, (*path, key))
    elif isinstance(node, str):
        yield ".".join(path), node


def strings(guide: Guide) -> dict[str, str]:
    """Every translatable string of ``guide`` by its path, in reading order of the content file."""
    return dict(_walk(guide.model_dump(mode="json", exclude_none=True), ()))


def translated_from(source: Guide, paths: list[str]) -> TranslatedFrom:
    """The record a translation of ``source`` keeps: the source's locale, edition and content
    version, and the fingerprint of the source string at each translated path."""
    texts = strings(source)
    return TranslatedFrom(
        locale=source.locale,
        edition=source.edition,
        content_version=source.content_version,
        strings=tuple(
            SourceString(path=path, fingerprint=string_fingerprint(texts[path])) for path in paths
        ),
    )


def recorded_fingerprints(translation: Guide) -> dict[str, str]:
    """The fingerprint of each source string ``translation`` records, by path; empty for a guide
    that records no translation."""
    if translation.translated_from is None:
        return {}
    return {entry.path: entry.fingerprint for entry in translation.translated_from.strings}


def check(translation: Guide, source: Guide) -> list[Finding]:
    """Every string of ``translation`` that is untranslated, stale or obsolete against
    ``source``, in the source's order (obsolete ones last). Empty when the translation is
    complete and fresh. A guide that records no translation has translated nothing."""
    record = recorded_fingerprints(translation)
    present = strings(translation)
    findings: list[Finding] = []
    source_strings = strings(source)
    for path, text in source_strings.items():
        if path not in record or path not in present:
            findings.append(Finding(path, "untranslated"))
        elif record[path] != string_fingerprint(text):
            findings.append(Finding(path, "stale"))
    findings.extend(
        Finding(path, "obsolete") for path in {**present, **record} if path not in source_strings
    )
    return findings
