"""The wheel, the sdist and an editable install all ship and load the content and the schema.

Nothing here downloads: distributions are built without build isolation, and the fresh virtual
environments borrow this environment's installed dependencies through a path entry (which, unlike
a site directory, does not pick up this environment's own install of the package).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

from oncology_second_opinion import __version__ as package_version

from ..conftest import ROOT

PROBE = textwrap.dedent(
    """
    import json, sys
    import jsonschema
    import oncology_second_opinion as package
    guide = package.load_guide()
    schema = package.guide_schema()
    jsonschema.validate(guide.model_dump(mode="json"), schema)
    print(json.dumps({
        "file": package.__file__,
        "title": guide.title,
        "records": len(guide.records.items),
        "schema_id": schema["$id"],
        "locales": package.available_locales(),
        "editions": [[e.locale, e.edition] for e in package.available_editions()],
        "rendered": [package.render(guide, f).splitlines()[0] for f in package.FORMATS],
        "stylesheet": ".oso-checklist" in package.stylesheet(),
    }))
    """
)
PROJECT_FILES = (
    "pyproject.toml",
    "MANIFEST.in",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "src",
    "data",
    "schemas",
    "docs",
)


def _copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
    return destination


def _fresh_env(path: Path) -> Path:
    venv.EnvBuilder(with_pip=False).create(path)
    python = path / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    borrowed = sysconfig.get_paths()["purelib"]
    (Path(site) / "borrowed-test-dependencies.pth").write_text(borrowed + "\n", encoding="utf-8")
    return python


def _pip(python: Path, *args: str | Path) -> None:
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "--disable-pip-version-check",
            "-q",
            "install",
            "--no-index",
            "--no-deps",
            "--no-build-isolation",
            *args,
        ],
        check=True,
        capture_output=True,
    )


def _probe(python: Path, cwd: Path) -> dict[str, object]:
    import json

    result = subprocess.run(
        [python, "-I", "-c", PROBE], cwd=cwd, capture_output=True, text=True, check=True
    )
    probed: dict[str, object] = json.loads(result.stdout)
    return probed


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    source = _copy_project(tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def test_wheel_contains_content_schema_and_marker(dists: dict[str, Path]) -> None:
    names = set(zipfile.ZipFile(dists["wheel"]).namelist())
    for expected in (
        "oncology_second_opinion/data/en.json",
        "oncology_second_opinion/data/manifest.json",
        "oncology_second_opinion/schemas/guide.schema.json",
        "oncology_second_opinion/py.typed",
        "oncology_second_opinion/oncology-second-opinion.css",
    ):
        assert expected in names
    assert not any(name.startswith(("tests/", "data/", "schemas/", "docs/")) for name in names)


def test_the_sdist_carries_the_docs_and_the_changelog(dists: dict[str, Path]) -> None:
    with tarfile.open(dists["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
        top = sdist.getnames()[0].split("/", 1)[0]
        member = sdist.extractfile(f"{top}/CHANGELOG.md")
        assert member is not None
        changelog = member.read().decode("utf-8")
    documents = {f"docs/{path.name}" for path in (ROOT / "docs").glob("*.md")}
    assert documents
    assert {"CHANGELOG.md", "README.md", "LICENSE", *documents} <= names
    assert top == f"oncology_second_opinion-{package_version}"
    assert f"## [{package_version}] - " in changelog


def test_the_core_requires_pydantic_alone(dists: dict[str, Path]) -> None:
    wheel = zipfile.ZipFile(dists["wheel"])
    (metadata,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
    requires = [
        line.removeprefix("Requires-Dist: ")
        for line in wheel.read(metadata).decode("utf-8").splitlines()
        if line.startswith("Requires-Dist: ")
    ]
    core = [requirement for requirement in requires if "extra ==" not in requirement]
    assert [requirement.split(">")[0].split("<")[0] for requirement in core] == ["pydantic"]
    assert 'jsonschema>=4.18; extra == "schema"' in requires


EXPECTED = {
    "title": "Seeking a cancer second opinion",
    "records": 8,
    "schema_id": "urn:oncology-second-opinion:schema:guide:1",
    "locales": ["en", "es"],
    "editions": [["en", "standard"], ["en", "plain"], ["es", "standard"]],
    "rendered": [
        "# Seeking a cancer second opinion",
        '<article class="oso-guide" lang="en">',
        "Seeking a cancer second opinion",
    ],
    "stylesheet": True,
}


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_distribution_installs_and_loads_outside_the_source_tree(
    kind: str, dists: dict[str, Path], tmp_path: Path
) -> None:
    python = _fresh_env(tmp_path / "env")
    _pip(python, dists[kind])
    probed = _probe(python, tmp_path)
    assert str(probed.pop("file")).startswith(str(tmp_path / "env"))
    assert probed == EXPECTED


def test_strict_editable_install_loads(tmp_path: Path) -> None:
    source = _copy_project(tmp_path / "source")
    python = _fresh_env(tmp_path / "env")
    _pip(python, "-e", source, "--config-settings", "editable_mode=strict")
    probed = _probe(python, tmp_path)
    assert "site-packages" not in str(probed.pop("file"))
    assert probed == EXPECTED
