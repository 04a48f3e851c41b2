"""Performance budgets, measured as ratios against baselines timed in the same run.

Run from the repository root after installing the test extra:

    python benchmarks/bench.py [--quick]

Absolute times on shared machines are noise; the ratios are what the budgets in docs/performance.md
are about. Each ratio is the median over several repetitions of the two sides timed back to back.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from importlib.resources import files
from typing import Any

COLD_BASELINE = """
from pydantic import BaseModel
class Point(BaseModel):
    x: int
    y: int
Point(x=1, y=2)
"""
COLD_PACKAGE = """
import sys
import oncology_second_opinion as package
package.render(package.load_guide(), "html")
assert "jsonschema" not in sys.modules, "jsonschema imported on the cold path"
"""


def _child(code: str) -> tuple[float, int]:
    """Wall seconds and peak resident kilobytes of a fresh interpreter running ``code``."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"child failed: {code}")
    return elapsed, usage.ru_maxrss


def _compile_bytecode() -> bool:
    """Write the package's bytecode, as pip does when it installs a wheel.

    pydantic's bytecode was written when it was installed; the package's may not be (an editable
    install, or PYTHONDONTWRITEBYTECODE set), and then every fresh process would compile it from
    source: a cost no installed copy pays. A child process does it: Linux counts the memory a
    parent holds when it starts a child in the child's peak, so this process must stay small.
    """
    code = (
        "import compileall, os, oncology_second_opinion as package\n"
        "raise SystemExit(not compileall.compile_dir(os.path.dirname(package.__file__), quiet=1))"
    )
    return subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def cold_start(repeats: int) -> dict[str, float]:
    if not _compile_bytecode():
        print("warning: could not write the package's bytecode; cold start includes compiling it")
    _child(COLD_PACKAGE)  # warm the file-system cache for both sides
    _child(COLD_BASELINE)
    pairs = []
    for _ in range(repeats):
        pairs.append((_child(COLD_BASELINE), _child(COLD_PACKAGE)))
    return {
        "baseline_s": statistics.median(base[0] for base, _ in pairs),
        "package_s": statistics.median(package[0] for _, package in pairs),
        "time_ratio": statistics.median(package[0] / base[0] for base, package in pairs),
        "baseline_kb": statistics.median(base[1] for base, _ in pairs),
        "memory_ratio": statistics.median(package[1] / base[1] for base, package in pairs),
    }


def _median_seconds(function: Callable[[], object], repeats: int, number: int) -> float:
    return statistics.median(timeit.repeat(function, repeat=repeats, number=number)) / number


def _median_ratio(
    subject: Callable[[], object],
    baseline: Callable[[], object],
    repeats: int,
    numbers: tuple[int, int],
) -> float:
    """The median over ``repeats`` of subject time / baseline time, each pair timed back to back
    (``numbers`` calls of each), so that a slow spell on a shared machine touches both sides."""
    subject_number, baseline_number = numbers
    ratios = []
    for _ in range(repeats):
        base = timeit.timeit(baseline, number=baseline_number) / baseline_number
        timed = timeit.timeit(subject, number=subject_number) / subject_number
        ratios.append(timed / base)
    return statistics.median(ratios)


def _fresh_render(guide: Any, fmt: str) -> str:
    from oncology_second_opinion import render

    return render(guide, fmt)


def warm_render(repeats: int) -> dict[str, float]:
    from markdown_it import MarkdownIt

    from oncology_second_opinion import load_guide, render

    guide = load_guide()
    markdown = render(guide, "markdown")
    parser = MarkdownIt("commonmark")

    def baseline() -> object:
        return parser.render(markdown)

    result = {"markdown_it_s": _median_seconds(baseline, repeats, 20)}
    for fmt in ("markdown", "html", "text"):
        remembered = functools.partial(render, guide, fmt)
        fresh = functools.partial(_fresh_render, guide, fmt)
        result[f"{fmt}_ratio"] = _median_ratio(remembered, baseline, repeats, (200, 20))
        result[f"{fmt}_fresh_ratio"] = _median_ratio(fresh, baseline, repeats, (50, 20))
    first = _median_seconds(load_guide, repeats, 1000)
    result["cached_load_s"] = first
    result["cached_load_is_hit"] = float(load_guide() is guide)
    return result


def parsing(repeats: int) -> dict[str, float]:
    from oncology_second_opinion import parse_guide

    data = (files("oncology_second_opinion.data") / "en.json").read_bytes()

    def baseline() -> object:
        return json.loads(data)

    def parse() -> object:
        return parse_guide(data)

    return {
        "json_loads_s": _median_seconds(baseline, repeats, 200),
        "parse_guide_s": _median_seconds(parse, repeats, 200),
        "ratio": _median_ratio(parse, baseline, repeats, (200, 200)),
    }


def _scaled(document: dict[str, Any], factor: int) -> dict[str, Any]:
    """The guide with every list of items repeated ``factor`` times under fresh ids."""
    scaled: dict[str, Any] = json.loads(json.dumps(document))

    def grow(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**item, "id": f"{item['id']}-{copy}"} for copy in range(factor) for item in items]

    for section, key in [
        ("indications", "items"),
        ("clarifications", "topics"),
        ("clarifications", "treatment_goals"),
        ("records", "items"),
        ("questions", "items"),
        ("sources", "items"),
    ]:
        scaled[section][key] = grow(scaled[section][key])
    for section in ("overview", "clarifications", "timing", "how_to_use", "disclaimer"):
        scaled[section]["paragraphs"] = scaled[section]["paragraphs"] * factor
    return scaled


def growth(repeats: int) -> dict[str, float]:
    from oncology_second_opinion import parse_guide

    document = json.loads((files("oncology_second_opinion.data") / "en.json").read_bytes())
    big_document = _scaled(document, 100)
    small, large = parse_guide(document), parse_guide(big_document)
    result = {
        "validate_ratio": _median_ratio(
            lambda: parse_guide(big_document), lambda: parse_guide(document), repeats, (1, 20)
        )
    }
    for fmt in ("markdown", "html", "text"):
        large_render = functools.partial(_fresh_render, large, fmt)
        small_render = functools.partial(_fresh_render, small, fmt)
        result[f"{fmt}_render_ratio"] = _median_ratio(large_render, small_render, repeats, (1, 20))
    return result


WARM_RENDER_LIMIT = 1 / 20

BUDGETS = [
    ("cold start: wall time vs pydantic baseline", "cold", "time_ratio", 1.15),
    ("cold start: peak memory vs pydantic baseline", "cold", "memory_ratio", 1.10),
    ("warm: markdown render vs markdown-it-py", "warm", "markdown_ratio", WARM_RENDER_LIMIT),
    ("warm: html render vs markdown-it-py", "warm", "html_ratio", WARM_RENDER_LIMIT),
    ("warm: text render vs markdown-it-py", "warm", "text_ratio", WARM_RENDER_LIMIT),
    ("parse_guide vs json.loads", "parse", "ratio", 2.0),
    ("100x guide: validate", "growth", "validate_ratio", 110.0),
    ("100x guide: markdown render", "growth", "markdown_render_ratio", 110.0),
    ("100x guide: html render", "growth", "html_render_ratio", 110.0),
    ("100x guide: text render", "growth", "text_render_ratio", 110.0),
]
# Reported against the warm budget's ratio, not a budget: what a render costs when no result is
# remembered (the first render of a guide, and every handout).
REPORTED = [
    (
        f"first render (no memory): {fmt} vs markdown-it-py",
        "warm",
        f"{fmt}_fresh_ratio",
        WARM_RENDER_LIMIT,
    )
    for fmt in ("markdown", "html", "text")
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", action="store_true", help="print raw figures as JSON too")
    args = parser.parse_args()
    repeats = 5 if args.quick else 15
    results = {
        "cold": cold_start(repeats),
        "warm": warm_render(repeats),
        "parse": parsing(repeats),
        "growth": growth(max(3, repeats // 3)),
    }
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(f"python {platform.python_version()}; repetitions: {repeats}; medians\n")
    print(f"{'budget':<56} {'ratio':>9} {'limit':>9}  verdict")
    failed = 0
    for label, group, key, limit in BUDGETS:
        ratio = results[group][key]
        ok = ratio <= limit
        failed += not ok
        print(f"{label:<56} {ratio:>9.4f} {limit:>9.4f}  {'ok' if ok else 'OVER'}")
    print(f"\n{'reported, not a budget':<56} {'ratio':>9} {'target':>9}")
    for label, group, key, target in REPORTED:
        ratio = results[group][key]
        verdict = "under" if ratio <= target else "above"
        print(f"{label:<56} {ratio:>9.4f} {target:>9.4f}  {verdict}")
    print(f"\ncached load_guide is a cache hit: {bool(results['warm']['cached_load_is_hit'])}")
    print(
        f"baselines: pydantic cold start {results['cold']['baseline_s'] * 1000:.1f} ms, "
        f"{results['cold']['baseline_kb'] / 1024:.1f} MiB peak; markdown-it-py render "
        f"{results['warm']['markdown_it_s'] * 1e6:.0f} µs; json.loads "
        f"{results['parse']['json_loads_s'] * 1e6:.1f} µs"
    )
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
