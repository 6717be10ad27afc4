"""Train the embedded CRF named-entity model and write it to ``src/arnews/data/entities/``.

Every training unit goes through the run-time path: its tokens are joined with single
spaces, normalized with the offset map, tokenized, cut into sentences and featurized by
``arnews.entities`` itself; gold tags are carried over to our tokens by character offsets
(the first of our tokens inside a gold token takes its tag, the others continue it).

    .venv/bin/python training/train_ner.py                    # the shipped model
    .venv/bin/python training/train_ner.py --out /tmp/m.crfsuite --c1 0.1 --c2 0.05 --aqmar
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite  # noqa: E402
from ner_data import Unit, aqmar_units, split_anercorp, wikiann_units  # noqa: E402

from arnews.entities.features import Lexicon, sentence_features  # noqa: E402
from arnews.entities.gazetteer import load_lexicon, resource_files  # noqa: E402
from arnews.entities.tagger import analyze, sentence_chunks, sentence_starts  # noqa: E402
from arnews.types import Token  # noqa: E402

DATA_DIR = ROOT / "src" / "arnews" / "data" / "entities"
MODEL = DATA_DIR / "model.crfsuite"


def gold_labels(unit: Unit, tokens: Sequence[Token], original: Sequence[int]) -> list[str]:
    """Carry the unit's gold tags over to our tokens (``original``: each token's start in
    the unit text)."""
    spans = unit.token_spans()
    starts = [s for s, _ in spans]
    labels: list[str] = []
    last_gold = -1
    for pos in original:
        g = bisect.bisect_right(starts, pos) - 1
        if g < 0 or pos >= spans[g][1]:
            labels.append("O")
            continue
        tag = unit.tags[g]
        if g == last_gold and tag != "O":
            tag = "I-" + tag[2:]
        labels.append(tag)
        last_gold = g
    return labels


def unit_sequences(unit: Unit, lexicon: Lexicon) -> list[tuple[list[list[str]], list[str]]]:
    """Features and gold labels for each sentence chunk of a unit, via the run-time path."""
    text = unit.text
    norm_text, tokens, norm = analyze(text)
    out = []
    for chunk in sentence_chunks(tokens, norm_text, sentence_starts(norm)):
        original = [norm.original_span(t.start, t.end)[0] for t in chunk]
        out.append((sentence_features(chunk, lexicon), gold_labels(unit, chunk, original)))
    return out


def drop_misc(unit: Unit) -> Unit:
    """The unit with its MISC tags read as O (AQMAR's MIS0-3 follow other guidelines)."""
    tags = tuple("O" if t.endswith("MISC") else t for t in unit.tags)
    return Unit(unit.tokens, tags, unit.doc)


def sha256(path: Path) -> str:
    """Hex digest of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: Sequence[str] | None = None) -> None:
    """Train with the given settings; write the model (and the manifest for the default out)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--algorithm", default="lbfgs", choices=["lbfgs", "ap", "pa", "l2sgd"])
    ap.add_argument("--minfreq", type=float, default=1.0)
    ap.add_argument("--aqmar", action="store_true", help="add AQMAR (hurt dev F1: off)")
    ap.add_argument("--aqmar-misc", action="store_true", help="keep AQMAR's MISC (else O)")
    ap.add_argument("--wikiann", type=int, default=0, help="WikiANN sentences to add (0: none)")
    ap.add_argument("--no-lexicon", action="store_true", help="no gazetteers/clusters/triggers")
    ap.add_argument("--full", action="store_true", help="train on ANERcorp dev split too")
    args = ap.parse_args(argv)

    lexicon = Lexicon.empty() if args.no_lexicon else load_lexicon()
    train, dev = split_anercorp()
    sources = ["ANERcorp train.txt (first 90% of units)"]
    units = list(train)
    if args.full:
        units += dev
        sources[0] = "ANERcorp train.txt (all units)"
    if args.aqmar:
        extra = aqmar_units()
        if not args.aqmar_misc:
            extra = [drop_misc(u) for u in extra]
        units += extra
        sources.append("AQMAR (all 28 articles" + (")" if args.aqmar_misc else "; MISC read as O)"))
    if args.wikiann:
        units += wikiann_units(args.wikiann)
        sources.append(f"WikiANN-ar train (first {args.wikiann} filtered sentences)")

    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tokens = 0
    for unit in units:
        for xseq, yseq in unit_sequences(unit, lexicon):
            trainer.append(xseq, yseq)
            n_tokens += len(yseq)
    print(f"featurized {len(units)} units, {n_tokens} tokens in {time.time() - t0:.0f}s")
    trainer.select(args.algorithm)
    params: dict[str, object] = {
        "max_iterations": args.iterations,
        "feature.minfreq": args.minfreq,
        "feature.possible_transitions": True,
    }
    if args.algorithm == "lbfgs":
        params |= {"c1": args.c1, "c2": args.c2}
    trainer.set_params(params)
    t1 = time.time()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    size = args.out.stat().st_size
    print(f"trained in {time.time() - t1:.0f}s -> {args.out} ({size / 1e6:.1f} MB)")
    settings = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.minfreq": args.minfreq,
        "feature.possible_transitions": True,
        "algorithm": args.algorithm,
        "lexicon": not args.no_lexicon,
        "training_units": len(units),
        "training_tokens": n_tokens,
    }
    data = ROOT / "src" / "arnews" / "data"
    resources = {} if args.no_lexicon else {n: sha256(data / n) for n in resource_files()}
    info = {"model": args.out.name, "sha256": sha256(args.out), "bytes": size}
    info |= {"sources": sources, "settings": settings, "feature_resources": resources}
    info["retrain"] = "python training/train_ner.py && python training/evaluate_ner.py --record"
    manifest = DATA_DIR / "manifest.json" if args.out == MODEL else args.out.with_suffix(".json")
    manifest.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
