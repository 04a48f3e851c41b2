"""A guide's content as JSON, and the fingerprint that pins it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ._models import Guide

#: The hash algorithm of :func:`fingerprint`, and the prefix that names it in a fingerprint.
FINGERPRINT_ALGORITHM = "sha256"


def content_json(guide: Guide) -> dict[str, Any]:
    """The guide's content JSON, as an editor writes a content file: the optional parts the guide
    does not use (those holding their default) are left out."""
    return guide.model_dump(mode="json", exclude_defaults=True)


def canonical_json(guide: Guide) -> bytes:
    """The content JSON in canonical form: keys sorted, no whitespace between tokens, strings as
    UTF-8 with only what JSON requires escaped. The content holds no numbers, so these are the
    bytes RFC 8785 (the JSON Canonicalization Scheme) gives."""
    text = json.dumps(
        content_json(guide), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return text.encode("utf-8")


def fingerprint(guide: Guide) -> str:
    """A stable fingerprint of the guide's content: ``"sha256:"`` and the SHA-256 of its canonical
    JSON in lowercase hexadecimal.

    Equal content gives an equal fingerprint whatever the file's layout, key order or optional
    fields written with their default value, in every release that reads the content; any change
    of wording, id, order, version or review data gives another. Pin it in your tests to notice a
    change of the wording you approved.
    """
    digest = hashlib.new(FINGERPRINT_ALGORITHM, canonical_json(guide)).hexdigest()
    return f"{FINGERPRINT_ALGORITHM}:{digest}"
