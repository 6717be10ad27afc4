"""Combine the neural tagger with the CRF by averaging their per-token marginals.

For each sentence chunk both models give every token a probability for each BIO label
(the neural BIOES marginals folded: B = B + S, I = I + E); the average
``w * neural + (1 - w) * crf`` is decoded with a BIO-constrained Viterbi over its logs.
Scored end to end on the ANERcorp dev split (and the modern news set with ``--conll``)
through ``extract_entities``' own pipeline, for each weight given.

    .venv/bin/python training/combine_ner.py --weights 1 0.7 0.5
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from evaluate_ner import evaluate  # noqa: E402
from ner_data import read_conll, split_anercorp  # noqa: E402

from arnews.entities import _neural_model, crf_model, extract_with_model  # noqa: E402
from arnews.entities.features import Lexicon, sentence_features  # noqa: E402
from arnews.entities.neural import NeuralModel, crf_decode  # noqa: E402
from arnews.entities.tagger import CrfModel, TaggedToken, sentence_chunks  # noqa: E402
from arnews.types import Token  # noqa: E402

BIO = ("O", *(f"{p}-{k}" for k in ("PER", "ORG", "LOC", "MISC") for p in "BI"))


def bio_constraints() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Transition penalties that forbid I-X after anything but B-X / I-X."""
    n = len(BIO)
    trans = np.zeros((n, n), np.float32)
    start = np.zeros(n, np.float32)
    for j, b in enumerate(BIO):
        if b.startswith("I-"):
            start[j] = -1e4
            for i, a in enumerate(BIO):
                if a[2:] != b[2:]:
                    trans[i, j] = -1e4
    return trans, start, np.zeros(n, np.float32)


class Averaged:
    """A tagger whose labels come from the averaged marginals of two models."""

    def __init__(self, neural: NeuralModel, crf: CrfModel, weight: float) -> None:
        self.neural, self.crf, self.weight = neural, crf, weight
        self.lexicon: Lexicon = neural.lexicon
        tags = neural.tags
        self.fold = np.zeros((len(tags), len(BIO)), np.float32)
        for i, tag in enumerate(tags):
            head = {"S": "B", "E": "I"}.get(tag[0], tag[0])
            self.fold[i, BIO.index("O" if tag == "O" else f"{head}-{tag[2:]}")] = 1.0
        self.constraints = bio_constraints()

    def crf_marginals(self, chunk: Sequence[Token]) -> np.ndarray:
        tagger = self.crf._tagger()
        tagger.set(sentence_features(chunk, self.crf.lexicon))
        labels = set(tagger.labels())
        out = np.zeros((len(chunk), len(BIO)), np.float32)
        for j, label in enumerate(BIO):
            if label in labels:
                out[:, j] = [tagger.marginal(label, i) for i in range(len(chunk))]
        return out

    def tag_text(
        self, text: str, tokens: Sequence[Token], starts: Sequence[int] | None = None
    ) -> list[TaggedToken]:
        chunks = [c for c in sentence_chunks(tokens, text, starts) if c]
        out: list[TaggedToken] = []
        trans, start, end = self.constraints
        for chunk, (_, marg) in zip(chunks, self.neural.marginals(chunks), strict=True):
            p = self.weight * (marg @ self.fold)
            if self.weight < 1:
                p = p + (1 - self.weight) * self.crf_marginals(chunk)
            path, _ = crf_decode(np.log(p + 1e-9).astype(np.float32), trans, start, end)
            out.extend(
                TaggedToken(tok, BIO[k], float(p[i, k]))
                for i, (tok, k) in enumerate(zip(chunk, path, strict=True))
            )
        return out


def main(argv: Sequence[str] | None = None) -> None:
    """Print dev (and modern) F1 for each weight of the neural model."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", type=float, nargs="+", default=[1.0, 0.8, 0.6, 0.5])
    ap.add_argument("--model", default=None, help="neural .npz (default: the shipped one)")
    ap.add_argument("--crf", default=None, help="CRFsuite file (default: the shipped one)")
    ap.add_argument("--conll", nargs="*", type=Path, default=[])
    args = ap.parse_args(argv)
    sets = {"ANERcorp dev": split_anercorp()[1]}
    if args.conll:
        sets["modern news"] = [u for p in args.conll for u in read_conll(p, doc=p.stem)]
    neural, crf = _neural_model(args.model), crf_model(args.crf)
    print("| neural weight | set | PER | ORG | LOC | MISC | all |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for w in args.weights:
        model = Averaged(neural, crf, w)
        for name, units in sets.items():
            s = evaluate(units, lambda text, m=model: extract_with_model(text, m))  # type: ignore[misc]
            cells = " | ".join(f"{s.prf(k)[2]:.1f}" for k in ("PER", "ORG", "LOC", "MISC", None))
            print(f"| {w:g} | {name} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
