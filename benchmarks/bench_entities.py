#!/usr/bin/env python3
"""Named entities: speed on one core, and end-to-end F1 of the default backend.

    .venv/bin/python benchmarks/bench_entities.py [--camel-sentences 200] [--skip-camel]

Speed, in tokens per CPU second on ONE core (the process is pinned to one CPU, torch to
one thread, and the time is the process's CPU time, so a busy machine does not skew it):

- ``arnews.extract_entities`` (the default neural backend) and the previous default, the
  CRF, on the ANERcorp dev units (the last 10% of ``../shared/data/ner/anercorp/train.txt``)
  and on the modern news dev set (``tests/data/ner_modern``), one call per unit (~30
  tokens), best of ``--repeat`` passes, plus the first pass over unseen words; and on
  whole articles (the first ``--articles`` of the ANT 2018 corpus, benchmark use only);
- camel-tools' ``NERecognizer.predict`` (batches of 32, as it does by default) and
  arnews ``backend="camel"`` on the first ``--camel-sentences`` ANERcorp dev units.

camel-tools' ``ner-arabert`` data cannot be downloaded here, so both camel rows run a
BERT-BASE-SHAPED model with RANDOM weights that this script builds in a temporary
directory (hidden size 768, 12 layers, 12 heads, 64,000 wordpieces: the ANERcorp
training-split word forms seen twice or more, Arabic letters and frequent word endings,
then synthetic pieces).
Its speed is that of the real model; its labels are noise. When no camel-tools
catalogue exists, a minimal one is written to a temporary ``CAMELTOOLS_DATA``.

F1 (entity-level exact match, GUIDE §3, with ``training/evaluate_ner.py``) is printed
for the default backend on the ANERcorp dev split, the modern news set and the example
article.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# One core, one thread: set before torch (or anything using OpenMP) is imported.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_var] = "1"
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))

from bert_models import save_token_classifier  # noqa: E402
from evaluate_ner import Scores, evaluate  # noqa: E402
from ner_data import Unit, read_conll, split_anercorp  # noqa: E402

MODERN = ROOT / "tests" / "data" / "ner_modern"
LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
VOCAB_SIZE = 64_000
WORD_FORMS = 40_000
CATALOGUE: dict[str, Any] = {
    "version": "1.6",
    "packages": {},
    "components": {
        "NamedEntityRecognition": {
            "default": "arabert",
            "datasets": {"arabert": {"path": "ner/arabert"}},
        }
    },
}


def count_tokens(units: Sequence[Unit]) -> int:
    """Tokens in ``units``."""
    return sum(len(u.tokens) for u in units)


def modern_units() -> list[Unit]:
    """The units of the hand-annotated modern news dev set."""
    return [u for p in sorted(MODERN.glob("*.conll")) for u in read_conll(p, doc=p.stem)]


def time_calls(fn: Callable[[str], object], texts: Sequence[str]) -> float:
    """CPU seconds of this process to run ``fn`` on every text, one call each."""
    start = time.process_time()
    for text in texts:
        fn(text)
    return time.process_time() - start


def ant_articles(limit: int) -> list[str]:
    """Bodies of the first ``limit`` articles of the ANT 2018 corpus (benchmark use only)."""
    import gzip

    path = ROOT.parent / "shared" / "data" / "raw" / "ant-multisource-2018.jsonl.gz"
    out: list[str] = []
    if not path.exists():
        return out
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            if text.strip():
                out.append(text)
            if len(out) >= limit:
                break
    return out


def synthetic_vocab() -> list[str]:
    """A 64,000-piece BERT vocabulary: specials, frequent ANERcorp words, letters, fillers."""
    counts = Counter(t for u in split_anercorp()[0] for t in u.tokens)  # not the dev split
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    letters = [chr(c) for c in range(0x0621, 0x064B)] + list("0123456789.,:;!?()-\"'%")
    vocab += letters + ["##" + c for c in letters]
    suffixes = Counter(w[-k:] for w in counts for k in (2, 3) if len(w) > k + 1)
    vocab += ["##" + s for s, _ in suffixes.most_common(4_000)]
    seen = set(vocab)
    vocab += [w for w, n in counts.most_common(WORD_FORMS) if n > 1 and w not in seen]
    rng = random.Random(0)
    arabic = [chr(c) for c in range(0x0628, 0x064B) if chr(c).isalpha()]
    seen = set(vocab)
    while len(vocab) < VOCAB_SIZE:
        piece = "##" + "".join(rng.choices(arabic, k=rng.randint(3, 6)))
        if piece not in seen:
            seen.add(piece)
            vocab.append(piece)
    return vocab[:VOCAB_SIZE]


def build_bert_base(directory: Path) -> None:
    """Save a randomly initialised BERT-base token classifier with the 9 ANERcorp labels."""
    save_token_classifier(
        directory, synthetic_vocab(), LABELS, hidden=768, layers=12, heads=12, intermediate=3072
    )


def ensure_catalogue(tmp: Path) -> str:
    """Point CAMELTOOLS_DATA at a minimal catalogue unless camel-tools already has one."""
    from arnews.entities.camel import catalogue_path

    if catalogue_path().is_file():
        return f"camel-tools catalogue: {catalogue_path()}"
    data = tmp / "camel_data"
    data.mkdir()
    (data / "catalogue.json").write_text(json.dumps(CATALOGUE), encoding="utf-8")
    os.environ["CAMELTOOLS_DATA"] = str(data)
    return f"camel-tools catalogue: none installed; a minimal one written to {data}"


def default_backend_ready() -> str | None:
    """``None`` if the default backend runs, else why it does not."""
    import arnews

    try:
        arnews.extract_entities("قال الرئيس في الرباط.")
    except Exception as err:  # no model file yet, or a stage mid-change: report, don't stop
        return f"{type(err).__name__}: {err}"
    return None


def speed_rows(args: argparse.Namespace) -> tuple[list[tuple[str, str, int, int, float]], str]:
    """(system, text, units, tokens, seconds) for every measured system."""
    import arnews

    rows: list[tuple[str, str, int, int, float]] = []
    dev = split_anercorp()[1]
    modern = modern_units()
    notes = []
    problem = default_backend_ready()
    if problem is None:
        from arnews.entities import crf_model, extract_with_model

        articles = ant_articles(args.articles)
        article_tokens = sum(len(arnews.tokenize(t)) for t in articles)
        crf = crf_model()
        systems: list[tuple[str, Callable[[str], object]]] = [
            ("arnews default (neural)", arnews.extract_entities),
            ("arnews CRF (previous default)", lambda t: extract_with_model(t, crf)),
        ]
        for system, fn in systems:
            cold = [u.text for u in dev]
            fn("قال الرئيس في الرباط.")  # load the model; the words of dev stay unseen
            first = time_calls(fn, cold)
            rows.append((system, "ANERcorp dev, first sight", len(dev), count_tokens(dev), first))
            for name, units in (("ANERcorp dev", dev), ("modern news", modern)):
                texts = [u.text for u in units]
                seconds = min(time_calls(fn, texts) for _ in range(args.repeat))
                rows.append((system, name, len(units), count_tokens(units), seconds))
            first = time_calls(fn, articles)
            rows.append(
                (system, "ANT 2018 articles, first sight", len(articles), article_tokens, first)
            )
            seconds = min(time_calls(fn, articles) for _ in range(max(1, args.repeat // 2)))
            rows.append((system, "ANT 2018 whole articles", len(articles), article_tokens, seconds))
        notes.append(
            "ANERcorp dev and modern news: one call per unit (a sentence, ~30 tokens); "
            "'first sight': the first pass over words the process has not seen; ANT 2018 "
            "articles: one call per whole article (tokens counted by arnews.tokenize)"
        )
    else:
        notes.append(f"default backend not available: {problem}")
    if args.skip_camel:
        return rows, "\n".join(notes)

    import torch

    torch.set_num_threads(1)
    from arnews.entities.camel import extract_with_camel

    sample = dev[: args.camel_sentences]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        notes.append(ensure_catalogue(tmp))
        model_dir = tmp / "bert-base-random"
        model_dir.mkdir()
        t0 = time.perf_counter()
        build_bert_base(model_dir)
        notes.append(f"built the random BERT-base model in {time.perf_counter() - t0:.0f}s")
        from camel_tools.ner import NERecognizer

        recognizer = NERecognizer(str(model_dir), use_gpu=False)
        words = [list(u.tokens) for u in sample]
        pieces = sum(len(recognizer.tokenizer.tokenize(w)) for s in words for w in s)
        ratio = pieces / sum(map(len, words))
        notes.append(f"wordpieces per token with the synthetic vocabulary: {ratio:.2f}")
        recognizer.predict(words[:2])  # warm-up
        t0 = time.process_time()
        recognizer.predict(words)
        seconds = time.process_time() - t0
        rows.append(
            ("camel-tools NERecognizer", "ANERcorp dev", len(sample), count_tokens(sample), seconds)
        )
        extract_with_camel(sample[0].text, model=str(model_dir))  # load + warm-up
        seconds = time_calls(
            lambda t: extract_with_camel(t, model=str(model_dir)), [u.text for u in sample]
        )
        rows.append(
            ("arnews backend='camel'", "ANERcorp dev", len(sample), count_tokens(sample), seconds)
        )
    notes.append(
        "both camel rows: BERT-base-shaped model with RANDOM weights (the real ner-arabert "
        "data cannot be downloaded here); speed only"
    )
    return rows, "\n".join(notes)


def print_speed(rows: list[tuple[str, str, int, int, float]]) -> None:
    """The speed table, with each row's ratio to camel-tools' NERecognizer."""
    base = next(
        (tok / sec for sys_, _, _, tok, sec in rows if sys_.startswith("camel-tools")), None
    )
    print("| system | text | units | tokens | CPU s | tokens/s (1 core) | × camel-tools |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for system, text, units, tokens, seconds in rows:
        rate = tokens / seconds
        ratio = f"{rate / base:,.0f}×" if base else "–"
        if base and rate / base < 10:
            ratio = f"{rate / base:.1f}×"
        print(f"| {system} | {text} | {units} | {tokens} | {seconds:.1f} | {rate:,.0f} | {ratio} |")


def print_f1() -> None:
    """End-to-end F1 of the default backend on the three evaluation sets."""
    import arnews

    sets = {
        "ANERcorp dev": split_anercorp()[1],
        "modern news": modern_units(),
        "UNOCT example": [u for p in sorted(MODERN.glob("extra/*.conll")) for u in read_conll(p)],
    }
    for name, units in sets.items():
        scores: Scores = evaluate(units, arnews.extract_entities)
        print(f"\nDefault backend, {name} ({len(units)} units, {count_tokens(units)} tokens):\n")
        print(scores.table())


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--camel-sentences", type=int, default=200)
    parser.add_argument("--skip-camel", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="default backend: best of N")
    parser.add_argument("--articles", type=int, default=300, help="ANT 2018 articles to time")
    args = parser.parse_args(argv)
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(f"pinned to CPU {cpus}; OMP_NUM_THREADS=1; torch threads=1\n")
    rows, notes = speed_rows(args)
    print_speed(rows)
    print("\n" + notes)
    if default_backend_ready() is None:
        print_f1()


if __name__ == "__main__":
    main()
