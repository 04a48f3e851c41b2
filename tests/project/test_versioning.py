"""The versioning promises in docs/versioning.md, held by tests."""

from __future__ import annotations

import datetime
import re

import pytest

from oncology_second_opinion import (
    SECTION_IDS,
    __version__,
    fingerprint,
    guide_schema,
)
from oncology_second_opinion._fields import SCHEMA_VERSION

from ..conftest import ROOT
from ..golden import PACKAGED, packaged_guide

# The public fingerprint of each packaged guide, per (locale, edition, content_version). Editing
# the content of a packaged guide without raising its content_version fails here: bump the
# version, add a CHANGELOG line, then add the new fingerprint (keep the old ones).
CONTENT_FINGERPRINTS = {
    ("en", "standard", "1.0.0"): (
        "sha256:f73f75b8b9875425f58bc35b474a0394876cba64387ba4aa4c289d46afb4d566"
    ),
    ("en", "standard", "1.1.0"): (
        "sha256:7bef95f1955581161acd31e5c0366dd96bc3fe87a1b52681901b46bb80b3abcc"
    ),
    ("en", "standard", "1.2.0"): (
        "sha256:b6398b238d50143b9760f92f811d9d0e0da783c60d066d8d955ae381879200a5"
    ),
    ("en", "standard", "1.3.0"): (
        "sha256:c98783cfadfba549073da5440234ef5615dd6b56a10ca8e8aaf7ed604917834d"
    ),
    ("en", "plain", "1.0.0"): (
        "sha256:69f99949f8e7d7defd6b48c4497119fc01013cb125e261afc83218041bd81cd0"
    ),
    ("es", "standard", "1.0.0"): (
        "sha256:659f9fc93dac5f4a16967e0cac14945aa55687c32840f8215f25cf273f32e1f7"
    ),
}


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


@pytest.mark.parametrize("name", PACKAGED)
def test_content_wording_changes_only_with_its_version(name: str) -> None:
    guide = packaged_guide(name)
    key = (guide.locale, guide.edition, guide.content_version)
    assert key in CONTENT_FINGERPRINTS, f"no fingerprint pinned for {key}"
    assert fingerprint(guide) == CONTENT_FINGERPRINTS[key], (
        f"data/{name}.json changed without a new content_version: raise it, add a CHANGELOG "
        "line and pin the new fingerprint"
    )


RELEASE = re.compile(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", re.MULTILINE)
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


def _releases() -> list[tuple[str, str]]:
    """The changelog's sections as (version, date), newest first; "Unreleased" has no date."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## .*$", changelog, re.MULTILINE)
    releases = RELEASE.findall(changelog)
    assert len(releases) == len(headings), (
        f"a section heading is not '## [X.Y.Z] - DATE': {headings}"
    )
    return releases


def test_changelog_follows_keep_a_changelog() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog\n")
    for section in re.findall(r"^### (.+)$", changelog, re.MULTILINE):
        assert section in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    releases = _releases()
    assert releases, "no release sections"
    assert [version for version, _ in releases].count("Unreleased") <= 1
    if releases[0][0] == "Unreleased":
        assert releases[0][1] == "", "the Unreleased section has no date"
        releases = releases[1:]
    for version, day in releases:
        assert SEMVER.fullmatch(version), f"{version} is not a semantic version"
        assert datetime.date.fromisoformat(day), f"{version} has no release date"
    ordered = sorted(releases, key=lambda release: _semver(release[0]), reverse=True)
    assert releases == ordered, "release sections must run from the newest version down"
    days = [day for _, day in releases]
    assert days == sorted(days, reverse=True), "release dates must run from the newest down"


def _semver(version: str) -> tuple[int, ...]:
    match = SEMVER.fullmatch(version)
    assert match is not None, version
    return tuple(int(number) for number in match.groups())


def test_the_package_version_is_the_newest_release_in_the_changelog() -> None:
    released = [version for version, _ in _releases() if version != "Unreleased"]
    assert released, "CHANGELOG.md has no released version"
    assert __version__ == released[0], (
        f"the package is {__version__} but the newest release in CHANGELOG.md is {released[0]}: "
        "move the Unreleased entries into a dated section for the new version, and set "
        "__version__ to it"
    )
