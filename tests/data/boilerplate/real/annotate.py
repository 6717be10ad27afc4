"""Build ``gold.json`` (hashes of the hand-judged lines) from the line numbers below.

The line numbers index the naive visible text of each page (``visible.py``, 1-based). They
were judged by hand by reading every page: ``body`` lines are the article (lead, paragraphs,
subheadings), ``title`` the headline, ``neutral`` lines count neither way (date line, byline,
photo caption and credit, agency tag, a repeated headline). Everything else is chrome.
``gold.json`` keeps only the sha256 of each whitespace-collapsed line and its length, so the
article text is not reproduced in the repository; the scorer re-derives the text from the
local pages. Run ``python annotate.py /path/to/shared/data/pages`` after changing a number.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the sibling modules, however this file is imported
    sys.path.insert(0, str(HERE))

from visible import visible_text  # noqa: E402

# page id: (title line, body line ranges, neutral line ranges)
LINES: dict[str, tuple[int, str, str]] = {
    "cnnarabic-1": (20, "22-28", "21"),
    "assabahnews-tn-1": (19, "22,24-46", "20,23"),
    "nogold/sputnikarabic-1": (25, "44-45,49-56", "26-30,46-47"),
    "nogold/almadenahnews-1": (39, "42-43", "40-41,44"),
    "nogold/albayan-1": (118, "131-133", "127-130"),
    "nogold/youm7-1": (37, "43-48", "38-40"),
    "nogold/akhbarelyom-1": (96, "100-103", "97-99"),
    "nogold/beirutobserver-1": (25, "27-32", "26,33-34"),
    "nogold/alyaum-1": (62, "71-86", "63-69"),
    "nogold/elbaladtv-1": (69, "73-74,80-81", "70-71"),
}


def numbers(ranges: str) -> list[int]:
    out: list[int] = []
    for part in filter(None, ranges.split(",")):
        first, _, last = part.partition("-")
        out.extend(range(int(first), int(last or first) + 1))
    return out


def digest(line: str) -> str:
    return hashlib.sha256(" ".join(line.split()).encode("utf-8")).hexdigest()


def main(pages: Path) -> None:
    gold: dict[str, dict[str, object]] = {}
    for page, (title, body, neutral) in LINES.items():
        lines = visible_text((pages / page / "page.html").read_text("utf-8", "replace")).split("\n")

        def entry(n: int, lines: list[str] = lines) -> dict[str, object]:
            return {"line": n, "sha256": digest(lines[n - 1]), "chars": len(lines[n - 1])}

        gold[page] = {
            "lines": len(lines),
            "title": entry(title),
            "body": [entry(n) for n in numbers(body)],
            "neutral": [entry(n) for n in numbers(neutral)],
        }
    (HERE / "gold.json").write_text(json.dumps(gold, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
