"""Find and run the pinned checkers: the Nu HTML Checker (Java), axe-core and LHC-Forms in headless
Chromium, and fhirpath.js.

The npm tools are pinned in ``tests/browser/package.json`` and its ``package-lock.json``; install
them with ``npm ci --ignore-scripts --prefix tests/browser``. Chromium and Java come from the
system (Debian: ``apt-get install chromium default-jre-headless``). Nothing is fetched at run time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
DRIVER = HERE / "chromium.mjs"
FHIRPATH = HERE / "fhirpath.mjs"
NPM_CI = "npm ci --ignore-scripts --prefix tests/browser"


def in_ci() -> bool:
    """CI sets CI=true; there a missing checker is a failure, not a skip."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable(reason: str) -> None:
    """Skip the test for want of a checker, or fail it in CI, where every checker must run."""
    if in_ci():
        pytest.fail(f"CI is set and a checker is missing: {reason}", pytrace=False)
    pytest.skip(reason)


def vnu_missing() -> str | None:
    """Why the Nu HTML Checker cannot run here, or None if it can."""
    if shutil.which("java") is None:
        return "Java is not installed (Debian: apt-get install default-jre-headless)"
    if not VNU_JAR.is_file():
        return f"the Nu HTML Checker (npm vnu-jar) is not installed: run `{NPM_CI}`"
    return None


def chromium_missing() -> str | None:
    """Why axe-core cannot run in Chromium here, or None if it can."""
    if chromium_path() is None:
        return "Chromium is not installed (Debian: apt-get install chromium; or set CHROMIUM)"
    return node_package_missing("axe-core", "playwright-core")


def node_package_missing(*packages: str) -> str | None:
    """Why Node.js cannot run with these pinned npm packages here, or None if it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed (Debian: apt-get install nodejs npm)"
    for package in packages:
        if not (NODE_MODULES / package / "package.json").is_file():
            return f"npm {package} is not installed: run `{NPM_CI}`"
    return None


def run_vnu(paths: Sequence[Path]) -> dict[str, list[dict[str, Any]]]:
    """Check HTML files with one run of the Nu HTML Checker; messages by file name."""
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    done = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, timeout=300, check=True
    )
    report = json.loads(done.stderr)
    messages: dict[str, list[dict[str, Any]]] = {path.name: [] for path in paths}
    for message in report["messages"]:
        name = Path(message.get("url", "").removeprefix("file:")).name
        messages.setdefault(name, []).append(message)
    return messages


def run_chromium(request: dict[str, Any]) -> dict[str, Any]:
    """Run ``chromium.mjs`` (one browser for the whole request) and return its result."""
    chromium = chromium_path()
    if chromium is None:
        raise RuntimeError(chromium_missing())
    env = {**os.environ, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    done = subprocess.run(
        ["node", str(DRIVER)],
        input=json.dumps({**request, "chromium": chromium}),
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=HERE,
    )
    if done.returncode != 0:
        raise RuntimeError(f"chromium.mjs failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run_fhirpath(
    resources: Sequence[dict[str, Any]], constraints: Sequence[dict[str, str]]
) -> list[dict[str, int]]:
    """Evaluate FHIRPath ``constraints`` (key, context, expression) on each resource with
    fhirpath.js; per resource, the keys it breaks with the number of nodes that break each."""
    done = subprocess.run(
        ["node", str(FHIRPATH)],
        input=json.dumps({"resources": list(resources), "constraints": list(constraints)}),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=HERE,
    )
    if done.returncode != 0:
        raise RuntimeError(f"fhirpath.mjs failed ({done.returncode}):\n{done.stderr}")
    failures: list[dict[str, int]] = json.loads(done.stdout)["failures"]
    return failures
