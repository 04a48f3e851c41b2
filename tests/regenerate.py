"""Regenerate every committed file that is generated, in dependency order, then review the diff:

    python -m tests.regenerate

1. ``schemas/guide.schema.json``: the JSON Schema of this version's models, as
   ``oncology-second-opinion schema --from-models`` prints it;
2. ``docs/content-model.md``, from that schema (:mod:`tests.content_model_doc`);
3. the golden files in ``tests/golden/`` (:mod:`tests.golden`);
4. the outputs shown in README.md and docs/ (:mod:`tests.doc_outputs`);
5. ``docs/plain-language-review.md``, the plain-language edition beside the standard one
   (:mod:`tests.review_page`).

Each file is written atomically, and only if it changed; the path of each one written is printed.
Run it after a deliberate change to the models, a writer or the content.
"""

from __future__ import annotations

import io
import sys

from oncology_second_opinion.cli import main as cli

from . import content_model_doc, doc_outputs, golden, review_page
from .conftest import ROOT
from .generated import write_generated

SCHEMA = ROOT / "schemas" / "guide.schema.json"


def regenerate_schema() -> int:
    out = io.StringIO()
    status = cli(["schema", "--from-models"], out=out)
    if status == 0 and write_generated(SCHEMA, out.getvalue()):
        print(SCHEMA.relative_to(ROOT))
    return status


def main() -> int:
    # The content-model page reads the packaged schema, which is the file written first.
    steps = (
        regenerate_schema,
        content_model_doc.main,
        golden.main,
        doc_outputs.main,
        review_page.main,
    )
    for step in steps:
        status = step()
        if status != 0:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
