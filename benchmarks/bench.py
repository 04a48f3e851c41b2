"""Performance budgets, measured as ratios against baselines timed in the same run.

Run from the repository root after installing the test extra:

    python benchmarks/bench.py [--quick | --repetitions N] [--json]

Absolute times on shared machines are noise; the ratios are what the budgets in docs/performance.md
are about. Each ratio is the median over several repetitions of the two sides timed back to back.
Every timed render is of a guide or handout object not rendered before.
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
from collections.abc import Callable
from importlib.metadata import version
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oncology_second_opinion import Guide, Handout

# The library and markdown-it-py are imported inside the functions that time them, after the cold
# start: Linux counts the memory a parent holds when it starts a child in the child's peak, so this
# process must stay small while it measures the children.

FORMATS = ("markdown", "html", "text")

COLD_BASELINE = """
from pydantic import BaseModel
class Point(BaseModel):
    x: int
    y: int
Point(x=1, y=2)
"""
COLD_PACKAGE = """
import oncology_second_opinion as package
package.render(package.load_guide(), "html")
"""


def _child(code: str) -> tuple[float, int]:
    """Wall seconds and peak resident kilobytes of a fresh interpreter running ``code``."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"child failed: {code}")
    return elapsed, usage.ru_maxrss


def _compile_bytecode() -> bool:
    """Write the package's bytecode, as pip does when it installs a wheel.

    pydantic's bytecode was written when it was installed; the package's may not be (an editable
    install, or PYTHONDONTWRITEBYTECODE set), and then every fresh process would compile it from
    source: a cost no installed copy pays.
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
    pairs = [(_child(COLD_BASELINE), _child(COLD_PACKAGE)) for _ in range(repeats)]
    return {
        "baseline_s": statistics.median(base[0] for base, _ in pairs),
        "package_s": statistics.median(package[0] for _, package in pairs),
        "time_ratio": statistics.median(package[0] / base[0] for base, package in pairs),
        "baseline_kb": statistics.median(base[1] for base, _ in pairs),
        "package_kb": statistics.median(package[1] for _, package in pairs),
        "memory_ratio": statistics.median(package[1] / base[1] for base, package in pairs),
    }


def _seconds_per_call(function: Callable[[Any], object], arguments: list[Any]) -> float:
    start = time.perf_counter()
    for argument in arguments:
        function(argument)
    return (time.perf_counter() - start) / len(arguments)


def _median_ratio(
    subject: Callable[[Any], object],
    subject_arguments: Callable[[], list[Any]],
    baseline: Callable[[Any], object],
    baseline_arguments: Callable[[], list[Any]],
    repeats: int,
) -> float:
    """The median over ``repeats`` of subject time / baseline time per call.

    Each pair is timed back to back, so that a slow spell on a shared machine touches both sides.
    The arguments of each side are made afresh for every timing, outside the timed region.
    """
    ratios = []
    for _ in range(repeats):
        base = _seconds_per_call(baseline, baseline_arguments())
        timed = _seconds_per_call(subject, subject_arguments())
        ratios.append(timed / base)
    return statistics.median(ratios)


def _copies(subject: Guide | Handout, count: int) -> list[Guide | Handout]:
    """``count`` fresh objects holding ``subject``'s content, none of them rendered yet."""
    return [subject.model_copy() for _ in range(count)]


def _repeated(value: object, count: int) -> list[object]:
    return [value] * count


def _renderer(fmt: str) -> Callable[[Guide | Handout], str]:
    from oncology_second_opinion import render

    return lambda subject: render(subject, fmt)


def fresh_render(repeats: int) -> dict[str, float]:
    """Rendering a guide and a handout not rendered before, against markdown-it-py turning the
    same Markdown into HTML."""
    from markdown_it import MarkdownIt

    from oncology_second_opinion import build_handout, load_guide, render

    guide = load_guide()
    handout = build_handout(  # a typical reader's choice, as in the tests' golden handout
        guide,
        indications=["feeling-rushed", "more-than-one-option"],
        records_on_hand=["lab-results", "pathology-reports"],
        questions=["benefits-risks-alternatives", "decision-right-now"],
        own_questions=[
            "How soon do I need to decide?",
            "Can someone come with me to the appointment?",
        ],
    )
    subjects: dict[str, Guide | Handout] = {"guide": guide, "handout": handout}
    parser = MarkdownIt("commonmark")
    result = {}
    for name, subject in subjects.items():
        markdown = render(subject.model_copy(), "markdown")
        result[f"{name}_markdown_it_s"] = _seconds_per_call(parser.render, _repeated(markdown, 100))
        for fmt in FORMATS:
            result[f"{name}_{fmt}_ratio"] = _median_ratio(
                _renderer(fmt),
                functools.partial(_copies, subject, 50),
                parser.render,
                functools.partial(_repeated, markdown, 20),
                repeats,
            )
    return result


def parsing(repeats: int) -> dict[str, float]:
    """``parse_guide`` and ``json.loads`` given the same compact JSON text."""
    from oncology_second_opinion import parse_guide

    data = (files("oncology_second_opinion.data") / "en.json").read_text(encoding="utf-8")
    compact = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":"))
    return {
        "json_loads_s": _seconds_per_call(json.loads, _repeated(compact, 200)),
        "ratio": _median_ratio(
            parse_guide,
            functools.partial(_repeated, compact, 200),
            json.loads,
            functools.partial(_repeated, compact, 200),
            repeats,
        ),
    }


def _scaled(document: dict[str, Any], factor: int) -> dict[str, Any]:
    """The guide with every list of items repeated ``factor`` times under fresh ids, and every
    section's paragraphs repeated ``factor`` times. (The packaged guide has no local sections.)"""
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
    """A guide 100 times larger against the normal one: validated, and rendered fresh."""
    from oncology_second_opinion import parse_guide

    document = json.loads((files("oncology_second_opinion.data") / "en.json").read_bytes())
    big_document = _scaled(document, 100)
    small, large = parse_guide(document), parse_guide(big_document)
    result = {
        "validate_ratio": _median_ratio(
            parse_guide,
            functools.partial(_repeated, big_document, 1),
            parse_guide,
            functools.partial(_repeated, document, 20),
            repeats,
        )
    }
    for fmt in FORMATS:
        result[f"{fmt}_render_ratio"] = _median_ratio(
            _renderer(fmt),
            functools.partial(_copies, large, 1),
            _renderer(fmt),
            functools.partial(_copies, small, 20),
            repeats,
        )
    return result


FRESH_RENDER_LIMIT = 0.1
GROWTH_LIMIT = 110.0

BUDGETS = [
    ("cold start: wall time vs pydantic baseline", "cold", "time_ratio", 1.2),
    ("cold start: peak memory vs pydantic baseline", "cold", "memory_ratio", 1.2),
    *[
        (
            f"fresh render: {name} {fmt} vs markdown-it-py",
            "render",
            f"{name}_{fmt}_ratio",
            FRESH_RENDER_LIMIT,
        )
        for name in ("guide", "handout")
        for fmt in FORMATS
    ],
    ("parse_guide vs json.loads, same compact str", "parse", "ratio", 5.0),
    ("100x guide: validate", "growth", "validate_ratio", GROWTH_LIMIT),
    *[
        (f"100x guide: {fmt} render", "growth", f"{fmt}_render_ratio", GROWTH_LIMIT)
        for fmt in FORMATS
    ],
]


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 repetitions instead of 15")
    parser.add_argument(
        "--repetitions", type=_positive, metavar="N", help="N repetitions instead of 15"
    )
    parser.add_argument("--json", action="store_true", help="print raw figures as JSON too")
    args = parser.parse_args()
    repeats = args.repetitions or (5 if args.quick else 15)
    results = {
        "cold": cold_start(repeats),
        "render": fresh_render(repeats),
        "parse": parsing(repeats),
        "growth": growth(max(3, repeats // 3)),
    }
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(
        f"python {platform.python_version()}, pydantic {version('pydantic')}, "
        f"pydantic-core {version('pydantic-core')}, markdown-it-py {version('markdown-it-py')}; "
        f"repetitions: {repeats}; medians\n"
    )
    print(f"{'budget':<56} {'ratio':>9} {'limit':>9}  verdict")
    failed = 0
    for label, group, key, limit in BUDGETS:
        ratio = results[group][key]
        ok = ratio <= limit
        failed += not ok
        print(f"{label:<56} {ratio:>9.4f} {limit:>9.4f}  {'ok' if ok else 'OVER'}")
    print(
        f"\nbaselines: pydantic cold start {results['cold']['baseline_s'] * 1000:.1f} ms, "
        f"{results['cold']['baseline_kb'] / 1024:.1f} MiB peak; markdown-it-py render "
        f"{results['render']['guide_markdown_it_s'] * 1e6:.0f} µs (guide), "
        f"{results['render']['handout_markdown_it_s'] * 1e6:.0f} µs (handout); json.loads "
        f"{results['parse']['json_loads_s'] * 1e6:.1f} µs"
    )
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
