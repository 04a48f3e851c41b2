"""Translations as gettext PO files, the format translators' tools read and write.

Each translatable string of a guide is one entry: ``msgctxt`` its path (see
:mod:`._translation`), ``msgid`` the source text, ``msgstr`` the translation, flagged ``fuzzy``
when the source changed after it was translated. The header says which guide the file
translates (``X-Source-Locale``, ``X-Source-Edition``, ``X-Source-Content-Version``), into which
language (``Language``) and the translation's own content version (``X-Content-Version``).

PO files are read and written with polib, an optional dependency: ``pip install
"oncology-second-opinion[translate]"``.
"""

from __future__ import annotations

from typing import Any

from ._errors import ContentError, Problem
from ._fingerprint import content_json
from ._loader import parse_guide
from ._models import STANDARD, Guide
from ._translation import recorded_fingerprints, string_fingerprint, strings, translated_from

#: The content version a new translation starts at, when no earlier translation gives one.
FIRST_VERSION = "1.0.0"

INSTALL_HINT = (
    'PO files need polib, an optional dependency: pip install "oncology-second-opinion[translate]"'
)


def _polib() -> Any:
    try:
        import polib
    except ImportError:
        raise ModuleNotFoundError(INSTALL_HINT, name="polib") from None
    return polib


def extract(source: Guide, locale: str, translation: Guide | None = None) -> str:
    """A PO file of every translatable string of ``source``, for a translation into ``locale``.

    Where ``translation`` (an earlier translation) recorded a translation of a string, it is the
    ``msgstr``, flagged ``fuzzy`` when its source string has changed since.
    """
    polib = _polib()
    recorded: dict[str, str] = {}
    current: dict[str, str] = {}
    version = FIRST_VERSION
    if translation is not None:
        version = translation.content_version
        current = strings(translation)
        recorded = recorded_fingerprints(translation)
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": f"oncology-second-opinion {source.locale} {source.content_version}",
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Locale": source.locale,
        "X-Source-Edition": source.edition,
        "X-Source-Content-Version": source.content_version,
        "X-Content-Version": version,
    }
    for path, text in strings(source).items():
        done = path in recorded and path in current
        stale = done and recorded[path] != string_fingerprint(text)
        po.append(
            polib.POEntry(
                msgctxt=path,
                msgid=text,
                msgstr=current[path] if done else "",
                flags=["fuzzy"] if stale else [],
            )
        )
    return str(po)


def source_of(po_text: str) -> tuple[str, str]:
    """The locale and edition of the guide a PO file says it translates (``X-Source-Locale``,
    ``X-Source-Edition``): English and the standard edition where it does not say."""
    try:
        metadata = _polib().pofile(po_text).metadata
    except (OSError, ValueError):
        metadata = {}  # build reports the file as not valid
    return metadata.get("X-Source-Locale", "en"), metadata.get("X-Source-Edition", STANDARD)


def _set(document: dict[str, Any], path: str, text: str) -> None:
    """Put ``text`` at ``path`` in a guide document: an identified item by its id, else by index."""
    *parents, last = path.split(".")
    node: Any = document
    for part in parents:
        node = _child(node, part)
    if isinstance(node, list):
        node[_index(node, last)] = text
    else:
        node[last] = text


def _index(items: list[Any], part: str) -> int:
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == part:
            return index
    return int(part)


def _child(node: Any, part: str) -> Any:
    return node[_index(node, part)] if isinstance(node, list) else node[part]


def build(po_text: str, source: Guide) -> Guide:
    """The translated guide a PO file gives: ``source`` with every translated string replaced,
    validated, recording what it was translated from.

    As gettext's ``msgfmt`` does, an entry that is ``fuzzy`` or has an empty ``msgstr`` is not
    used: the source text stays, and the string is not recorded as translated, so
    ``translate check`` lists it. An entry whose path the source does not have is ignored. The
    review status is ``not-clinically-reviewed``: a translation has not had the review its
    source may have had. Raises :class:`ContentError` for a header or a result that is not
    valid, each problem located.
    """
    polib = _polib()
    try:
        po = polib.pofile(po_text)
    except (OSError, ValueError) as error:
        raise ContentError([Problem("PO", f"is not a valid PO file: {error}")]) from None
    metadata = po.metadata
    texts = strings(source)
    document = content_json(source)
    document["locale"] = metadata.get("Language", "")
    document["content_version"] = metadata.get("X-Content-Version", "")
    # Only the review's wording carries over: whatever review the source had, the translation
    # has not had it.
    wording = {key: document["review"][key] for key in ("statement", "short_statement")}
    document["review"] = {"status": "not-clinically-reviewed", **wording}
    document.pop("gsm7_replacements", None)  # the source language's, not the translation's
    document.pop("adapted_from", None)  # maps the source's sentences, not the translation's
    done: list[str] = []
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgstr or entry.msgctxt not in texts:
            continue
        _set(document, entry.msgctxt, entry.msgstr)
        done.append(entry.msgctxt)
    record = translated_from(source, [])
    fingerprints = {entry.msgctxt: string_fingerprint(entry.msgid) for entry in po}
    document["translated_from"] = {
        **record.model_dump(mode="json"),
        "strings": [
            {"path": path, "fingerprint": fingerprints[path]} for path in texts if path in done
        ],
    }
    try:
        return parse_guide(document)
    except ContentError as error:
        headers = {"$.locale": "Language", "$.content_version": "X-Content-Version"}
        raise ContentError(
            [
                Problem(f"PO header {headers[p.path]}", p.message) if p.path in headers else p
                for p in error.problems
            ]
        ) from None
