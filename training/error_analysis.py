"""List the entity mistakes of the tagger on a CoNLL set, by category, with context.

Runs ``extract_entities`` end to end on each unit (as ``evaluate_ner.py`` does), projects
the predicted spans onto the gold tokens and compares them with the gold entities:

- ``missed``: a gold entity that no prediction overlaps;
- ``spurious``: a prediction that overlaps no gold entity;
- ``type``: same tokens, another type;
- ``boundary``: overlapping, same type, other tokens (too short or too long);
- ``boundary+type``: overlapping, other tokens and another type.

Default set: the modern news dev set (``tests/data/ner_modern/*.conll``, 2018 news, for
evaluation only). Prints a summary table by category and type, then the first ``--show``
mistakes (document order) with five tokens of context on each side.

    .venv/bin/python training/error_analysis.py                    # modern set, 50 mistakes
    .venv/bin/python training/error_analysis.py --show 0 --json /tmp/errors.json
    .venv/bin/python training/error_analysis.py --model /tmp/other.npz   # another model file
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_ner import bio_spans, project  # noqa: E402
from ner_data import Unit, read_conll  # noqa: E402

CATEGORIES = ("missed", "spurious", "type", "boundary", "boundary+type")
MODERN = ROOT / "tests" / "data" / "ner_modern"


@dataclass(frozen=True)
class Mistake:
    """One disagreement between gold and predicted entities in a unit."""

    doc: str
    unit: int  # index of the unit in the files read, in order
    first: int  # token span of the gold and predicted entities together
    stop: int
    category: str
    gold: str  # "PER محمد صلاح" or ""
    predicted: str  # "ORG صلاح" or ""
    context: str  # the unit's words around the mistake, the entity in [brackets]


def _words(unit: Unit, span: tuple[int, int, str] | None) -> str:
    if span is None:
        return ""
    s, e, kind = span
    return f"{kind} {' '.join(unit.tokens[s:e])}"


def _context(unit: Unit, first: int, stop: int, width: int = 5) -> str:
    left = unit.tokens[max(0, first - width) : first]
    right = unit.tokens[stop : stop + width]
    return " ".join([*left, "[", *unit.tokens[first:stop], "]", *right])


def compare(unit: Unit, predicted: set[tuple[int, int, str]], index: int = 0) -> list[Mistake]:
    """The mistakes of one unit (gold spans from its tags, ``predicted`` on its tokens)."""
    gold = bio_spans(unit.tags)
    out: list[tuple[int, Mistake]] = []
    matched_pred: set[tuple[int, int, str]] = set()
    for g in sorted(gold):
        if g in predicted:
            matched_pred.add(g)
            continue
        overlap = [p for p in sorted(predicted) if p[0] < g[1] and g[0] < p[1]]
        if not overlap:
            cat, p = "missed", None
        else:
            p = overlap[0]
            same_tokens = (p[0], p[1]) == (g[0], g[1])
            cat = "type" if same_tokens else "boundary" if p[2] == g[2] else "boundary+type"
            matched_pred.update(overlap)
        first = min(g[0], p[0]) if p else g[0]
        stop = max(g[1], p[1]) if p else g[1]
        out.append(
            (
                g[0],
                Mistake(
                    unit.doc,
                    index,
                    first,
                    stop,
                    cat,
                    _words(unit, g),
                    _words(unit, p),
                    _context(unit, first, stop),
                ),
            )
        )
    for p in sorted(predicted - matched_pred):
        if any(g[0] < p[1] and p[0] < g[1] for g in gold):
            continue  # already reported with the gold entity it overlaps
        out.append(
            (
                p[0],
                Mistake(
                    unit.doc,
                    index,
                    p[0],
                    p[1],
                    "spurious",
                    "",
                    _words(unit, p),
                    _context(unit, p[0], p[1]),
                ),
            )
        )
    return [m for _, m in sorted(out, key=lambda x: x[0])]


def analyse(units: Sequence[Unit], model: str | None = None) -> list[Mistake]:
    """All mistakes of the default backend (or of ``model``) on ``units``, in document order."""
    import arnews.entities as ents

    mistakes: list[Mistake] = []
    for i, unit in enumerate(units):
        found = (
            ents.extract_entities(unit.text, model=model)
            if model
            else ents.extract_entities(unit.text)
        )
        predicted = bio_spans(project(unit, found))
        mistakes.extend(compare(unit, predicted, i))
    return mistakes


def summary(mistakes: Sequence[Mistake]) -> str:
    """A Markdown table: mistakes by category and by (gold, else predicted) type."""
    types = ("PER", "ORG", "LOC", "MISC")
    counts: Counter[tuple[str, str]] = Counter()
    for m in mistakes:
        kind = (m.gold or m.predicted).split(" ", 1)[0]
        counts[m.category, kind] += 1
    rows = ["| category | " + " | ".join(types) + " | all |", "|---|" + "---:|" * 5]
    for cat in CATEGORIES:
        cells = [counts[cat, t] for t in types]
        rows.append(f"| {cat} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    totals = [sum(counts[c, t] for c in CATEGORIES) for t in types]
    rows.append("| **all** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the summary and the first mistakes."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conll", nargs="*", type=Path, help="CoNLL files (default: modern set)")
    ap.add_argument("--show", type=int, default=50, help="how many mistakes to print")
    ap.add_argument("--json", type=Path, help="write every mistake to this JSON file")
    ap.add_argument("--model", help="a neural .npz or CRFsuite file (default: the shipped one)")
    args = ap.parse_args(argv)
    paths = args.conll or sorted(MODERN.glob("*.conll"))
    units = [u for p in paths for u in read_conll(p, doc=p.stem)]
    mistakes = analyse(units, args.model)
    print(f"{len(units)} units from {len(paths)} files: {len(mistakes)} mistakes\n")
    print(summary(mistakes))
    for m in mistakes[: args.show]:
        print(f"\n{m.doc} {m.category}: gold [{m.gold}] predicted [{m.predicted}]\n  {m.context}")
    if args.json:
        args.json.write_text(
            json.dumps([asdict(m) for m in mistakes], ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
