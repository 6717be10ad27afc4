"""End-to-end NER evaluation on raw text (GUIDE §3), on the ANERcorp dev split by default.

For each unit: join its tokens with single spaces, run ``extract_entities``, project the
predicted character spans onto the tokens (a token belongs to an entity when the span
covers its letters after any proclitic), and score CoNLL entity-level exact match.

    .venv/bin/python training/evaluate_ner.py                       # shipped model, dev split
    .venv/bin/python training/evaluate_ner.py --model /tmp/m.crfsuite   # or a neural .npz
    .venv/bin/python training/evaluate_ner.py --conll tests/data/ner_modern/*.conll
    .venv/bin/python training/evaluate_ner.py --record              # dev scores -> manifest
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ner_data import Unit, read_conll, split_anercorp  # noqa: E402

from arnews.entities.spans import bio_spans as token_spans  # noqa: E402
from arnews.types import Entity  # noqa: E402

TYPES = ("PER", "ORG", "LOC", "MISC")
_PROCLITICS = re.compile(r"[وفبلك]{1,3}")


@dataclass(frozen=True)
class Scores:
    """Entity-level counts and micro P/R/F1, overall and per type."""

    tp: Counter[str]
    n_pred: Counter[str]
    n_gold: Counter[str]

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 in percent (``kind=None``: all types)."""
        keys = TYPES if kind is None else (kind,)
        tp = sum(self.tp[k] for k in keys)
        p = sum(self.n_pred[k] for k in keys)
        g = sum(self.n_gold[k] for k in keys)
        prec = 100 * tp / p if p else 0.0
        rec = 100 * tp / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f1

    def table(self) -> str:
        """A Markdown table: one row per type, then the micro average."""
        rows = ["| type | precision | recall | F1 | gold |", "|---|---:|---:|---:|---:|"]
        for kind in (*TYPES, None):
            p, r, f = self.prf(kind)
            gold = sum(self.n_gold.values()) if kind is None else self.n_gold[kind]
            name = "**all (micro)**" if kind is None else kind
            rows.append(f"| {name} | {p:.1f} | {r:.1f} | {f:.1f} | {gold} |")
        return "\n".join(rows)

    def as_dict(self) -> dict[str, dict[str, float]]:
        """Scores as JSON-ready numbers."""
        out = {}
        for kind in (*TYPES, None):
            p, r, f = self.prf(kind)
            out[kind or "all"] = {
                "precision": round(p, 2),
                "recall": round(r, 2),
                "f1": round(f, 2),
            }
        return out


def bio_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity spans (token start, token end, type) of a BIO sequence, CoNLL reading.

    >>> sorted(bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC"]))
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC')]
    """
    return set(token_spans(tags))


def project(unit: Unit, entities: Iterable[Entity]) -> list[str]:
    """BIO tags on the unit's tokens from predicted character spans."""
    text = unit.text
    spans = unit.token_spans()
    tags = ["O"] * len(spans)
    for ent in entities:
        covered = []
        for i, (s, e) in enumerate(spans):
            if e <= ent.start or s >= ent.end or ent.end < e:
                continue
            if ent.start > s and not _PROCLITICS.fullmatch(text[s : ent.start]):
                continue
            covered.append(i)
        for n, i in enumerate(covered):
            if tags[i] == "O":
                tags[i] = ("B-" if n == 0 else "I-") + ent.label
    return tags


def evaluate(units: Sequence[Unit], extract: Callable[[str], list[Entity]]) -> Scores:
    """Score ``extract`` end to end on ``units``."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for unit in units:
        pred = bio_spans(project(unit, extract(unit.text)))
        gold = bio_spans(unit.tags)
        n_pred.update(k for _, _, k in pred)
        n_gold.update(k for _, _, k in gold)
        tp.update(k for _, _, k in pred & gold)
    return Scores(tp, n_pred, n_gold)


def main(argv: Sequence[str] | None = None) -> None:
    """Evaluate and print the per-type table."""
    import arnews.entities as ents

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--model", default=None, help="a neural .npz or CRFsuite file (default: the shipped one)"
    )
    ap.add_argument("--backend", default="default")
    ap.add_argument("--conll", nargs="*", type=Path, help="score these CoNLL files instead")
    ap.add_argument("--limit", type=int, default=0, help="only the first N units")
    ap.add_argument("--record", action="store_true", help="write the dev scores to the manifest")
    args = ap.parse_args(argv)

    if args.conll:
        units = [u for p in args.conll for u in read_conll(p, doc=p.stem)]
        name = f"{len(args.conll)} CoNLL files"
    else:
        units = split_anercorp()[1]
        name = "ANERcorp dev split (last 10% of train.txt units)"
    if args.limit:
        units = units[: args.limit]

    def extract(text: str) -> list[Entity]:
        return ents.extract_entities(text, backend=args.backend, model=args.model)

    t0 = time.perf_counter()
    scores = evaluate(units, extract)
    elapsed = time.perf_counter() - t0
    n_tok = sum(len(u.tokens) for u in units)
    print(
        f"{name}: {len(units)} units, {n_tok} tokens, {elapsed:.1f}s ({n_tok / elapsed:.0f} tok/s)"
    )
    print(scores.table())
    if args.record:
        data = ROOT / "src" / "arnews" / "data" / "entities"
        if args.model is None:
            manifest = data / "tagger.json"  # the default (neural) model
        elif args.model.endswith(".crfsuite") and Path(args.model).parent == data:
            manifest = data / "manifest.json"
        else:
            manifest = Path(args.model).with_suffix(".json")
        info = json.loads(manifest.read_text(encoding="utf-8"))
        key = "modern_dev_scores" if args.conll else "dev_scores"
        info[key] = {"split": name, "units": len(units), **scores.as_dict()}
        manifest.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
