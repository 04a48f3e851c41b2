"""The versioning promises in docs/versioning.md, held by tests."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files

from oncology_second_opinion import SECTION_IDS, __version__, guide_schema, load_guide
from oncology_second_opinion._fields import SCHEMA_VERSION

from ..conftest import ROOT

# One fingerprint per (locale, content_version). Editing the wording of a packaged guide without
# raising its content_version fails here: bump the version, add a CHANGELOG line, then add the new
# fingerprint (keep the old ones).
CONTENT_FINGERPRINTS = {
    ("en", "1.0.0"): "fbdda74ec75ba7849b28a3fd87e1410fda079b64a988a211202862ecb358a069",
    ("en", "1.1.0"): "f2b6ae6647c120ec9007b27fe37786df1e8560f9dbf0cd263333ad2cc4525d06",
    ("en", "1.2.0"): "274c8695b813824eb89836e9508a7bcdab3ba030c9e33661e815bfdde8fde42d",
}


def _fingerprint(name: str) -> str:
    data = (files("oncology_second_opinion.data") / name).read_bytes()
    return hashlib.sha256(data).hexdigest()


def test_section_ids_are_pinned() -> None:
    # Integrators pass these to render(sections=...) and link to their HTML anchors.
    assert SECTION_IDS == (
        "overview",
        "indications",
        "clarifications",
        "timing",
        "records",
        "questions",
        "how-to-use",
        "disclaimer",
        "sources",
    )


def test_schema_major_version_is_pinned() -> None:
    assert SCHEMA_VERSION[0] == 1
    assert guide_schema()["$id"].endswith(":1")


def test_content_wording_changes_only_with_its_version() -> None:
    guide = load_guide("en")
    key = (guide.locale, guide.content_version)
    assert key in CONTENT_FINGERPRINTS, f"no fingerprint pinned for {key}"
    assert _fingerprint("en.json") == CONTENT_FINGERPRINTS[key], (
        "data/en.json changed without a new content_version: raise it, add a CHANGELOG line and "
        "pin the new fingerprint"
    )


def test_changelog_follows_keep_a_changelog() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog\n")
    releases = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert releases, "no release sections"
    assert releases[0] == "Unreleased" or releases[0] == __version__
    for section in re.findall(r"^### (.+)$", changelog, re.MULTILINE):
        assert section in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
