"""Performance budgets, measured as ratios against baselines timed in the same run.

Run from the repository root after installing the test extra:

    python benchmarks/bench.py [--quick]

Absolute times on shared machines are noise; the ratios are what the budgets in docs/performance.md
are about. Each figure is the median of several repetitions.
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


def cold_start(repeats: int) -> dict[str, float]:
    baseline: list[tuple[float, int]] = []
    package: list[tuple[float, int]] = []
    _child(COLD_PACKAGE)  # warm the file-system cache and bytecode for both sides
    _child(COLD_BASELINE)
    for _ in range(repeats):
        baseline.append(_child(COLD_BASELINE))
        package.append(_child(COLD_PACKAGE))
    base_time = statistics.median(t for t, _ in baseline)
    base_memory = statistics.median(m for _, m in baseline)
    return {
        "baseline_s": base_time,
        "package_s": statistics.median(t for t, _ in package),
        "time_ratio": statistics.median(t for t, _ in package) / base_time,
        "baseline_kb": base_memory,
        "memory_ratio": statistics.median(m for _, m in package) / base_memory,
    }


def _median_seconds(function: Callable[[], object], repeats: int, number: int) -> float:
    return statistics.median(timeit.repeat(function, repeat=repeats, number=number)) / number


def _fresh_render(guide: Any, fmt: str) -> str:
    """A render that does the work: the per-guide memory of results is cleared first."""
    from oncology_second_opinion import render
    from oncology_second_opinion.render import clear_cache

    clear_cache()
    return render(guide, fmt)  # type: ignore[arg-type]


def warm_render(repeats: int) -> dict[str, float]:
    from markdown_it import MarkdownIt

    from oncology_second_opinion import load_guide, render

    guide = load_guide()
    markdown = render(guide, "markdown")
    parser = MarkdownIt("commonmark")
    baseline = _median_seconds(lambda: parser.render(markdown), repeats, 20)
    result = {"markdown_it_s": baseline}
    for fmt in ("markdown", "html", "text"):
        remembered = functools.partial(render, guide, fmt)
        fresh = functools.partial(_fresh_render, guide, fmt)
        result[f"{fmt}_ratio"] = _median_seconds(remembered, repeats, 200) / baseline
        result[f"{fmt}_fresh_ratio"] = _median_seconds(fresh, repeats, 50) / baseline
    first = _median_seconds(load_guide, repeats, 1000)
    result["cached_load_s"] = first
    result["cached_load_is_hit"] = float(load_guide() is guide)
    return result


def parsing(repeats: int) -> dict[str, float]:
    from oncology_second_opinion import parse_guide

    data = (files("oncology_second_opinion.data") / "en.json").read_bytes()
    baseline = _median_seconds(lambda: json.loads(data), repeats, 200)
    parsed = _median_seconds(lambda: parse_guide(data), repeats, 200)
    return {"json_loads_s": baseline, "parse_guide_s": parsed, "ratio": parsed / baseline}


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
        "validate_ratio": _median_seconds(lambda: parse_guide(big_document), repeats, 1)
        / _median_seconds(lambda: parse_guide(document), repeats, 20)
    }
    for fmt in ("markdown", "html", "text"):
        large_render = _median_seconds(functools.partial(_fresh_render, large, fmt), repeats, 1)
        small_render = _median_seconds(functools.partial(_fresh_render, small, fmt), repeats, 20)
        result[f"{fmt}_render_ratio"] = large_render / small_render
    return result


BUDGETS = [
    ("cold start: wall time vs pydantic baseline", "cold", "time_ratio", 1.15),
    ("cold start: peak memory vs pydantic baseline", "cold", "memory_ratio", 1.10),
    ("warm: markdown render vs markdown-it-py", "warm", "markdown_ratio", 1 / 20),
    ("warm: html render vs markdown-it-py", "warm", "html_ratio", 1 / 20),
    ("warm: text render vs markdown-it-py", "warm", "text_ratio", 1 / 20),
    (
        "first render (no memory): markdown vs markdown-it-py",
        "warm",
        "markdown_fresh_ratio",
        1 / 20,
    ),
    ("first render (no memory): html vs markdown-it-py", "warm", "html_fresh_ratio", 1 / 20),
    ("first render (no memory): text vs markdown-it-py", "warm", "text_fresh_ratio", 1 / 20),
    ("parse_guide vs json.loads", "parse", "ratio", 2.0),
    ("100x guide: validate", "growth", "validate_ratio", 110.0),
    ("100x guide: markdown render", "growth", "markdown_render_ratio", 110.0),
    ("100x guide: html render", "growth", "html_render_ratio", 110.0),
    ("100x guide: text render", "growth", "text_render_ratio", 110.0),
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
