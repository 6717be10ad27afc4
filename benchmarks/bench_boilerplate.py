"""Boilerplate stage: quality and speed, side by side with trafilatura.

    python benchmarks/bench_boilerplate.py                # evaluation tables + speed
    python benchmarks/bench_boilerplate.py --corpus ../shared/data/raw/ant-multisource-2018.jsonl.gz

Quality comes from the hand-written pages in ``tests/data/boilerplate`` (see its
``evaluate.py``). Speed is measured in CPU time of one process (per core), on the same
pages. ``--corpus`` also runs the stage over real article bodies (ANT corpus, evaluation
use only): they were scraped without page chrome, so every removal there is either chrome
the scraper kept or a false positive; the script prints them by reason for auditing.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_evaluation() -> ModuleType:
    path = ROOT / "tests" / "data" / "boilerplate" / "evaluate.py"
    spec = importlib.util.spec_from_file_location("boilerplate_evaluation", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def rate(fn: Callable[[str], object], docs: list[str], min_seconds: float = 1.0) -> float:
    """Documents per CPU second, repeating the list until ``min_seconds`` of CPU time."""
    for doc in docs[:2]:
        fn(doc)  # warm caches (phrase automaton, regexes)
    done, start = 0, time.process_time()
    while True:
        for doc in docs:
            fn(doc)
        done += len(docs)
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return done / elapsed


def corpus_texts(path: Path, limit: int, step: int) -> Iterator[tuple[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        taken = 0
        for i, line in enumerate(f):
            if i % step:
                continue
            record = json.loads(line)
            yield record["source"], record["text"]
            taken += 1
            if taken >= limit:
                return


def audit_corpus(path: Path, limit: int, step: int) -> None:
    from arnews import strip_boilerplate

    reasons: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    lines = chars = articles = 0
    elapsed = 0.0
    for source, text in corpus_texts(path, limit, step):
        start = time.process_time()
        cleaned = strip_boilerplate(text)
        elapsed += time.process_time() - start
        articles += 1
        chars += len(text)
        lines += sum(1 for x in text.splitlines() if x.strip())
        for r in cleaned.removed:
            reasons[r.reason] += 1
            if len(examples[r.reason]) < 5:
                examples[r.reason].append(f"{source}: {r.text[:80]}")
    print(f"\n## Real article bodies: {articles} articles, {lines} lines ({path.name})")
    print(f"speed: {articles / elapsed:,.0f} articles/s, {chars / elapsed / 1e6:.2f} MB/s")
    print(f"lines removed: {sum(reasons.values())} ({sum(reasons.values()) / lines:.2%})")
    for reason, count in reasons.most_common():
        print(f"  {reason}: {count}")
        for example in examples[reason]:
            print(f"      {example}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a JSON-lines .gz file with a 'text' field")
    parser.add_argument("--limit", type=int, default=3000, help="articles to take (default 3000)")
    parser.add_argument("--step", type=int, default=10, help="take every n-th article")
    args = parser.parse_args()

    import trafilatura

    from arnews import strip_boilerplate

    evaluation = load_evaluation()
    print("## Quality")
    evaluation.main()

    pages = [p.text for p in evaluation.load_pages("pages") + evaluation.load_pages("fresh")]
    htmls = [html for _, html, _ in evaluation.load_html()]
    size = sum(map(len, pages)) / len(pages)
    print(f"\n## Speed (CPU time, one process; {len(pages)} pages of {size:.0f} characters)")
    print("| task | pages/s |")
    print("|---|---|")
    print(f"| arnews, scraped text | {rate(strip_boilerplate, pages):,.0f} |")
    print(f"| arnews `html=True` | {rate(lambda h: strip_boilerplate(h, html=True), htmls):,.0f} |")
    print(f"| trafilatura.extract alone | {rate(trafilatura.extract, htmls):,.0f} |")
    wholes = [p.text for p in evaluation.load_pages("wholepage")]
    size = sum(map(len, wholes)) / len(wholes)
    rows = [(f"whole-page dumps ({len(wholes)}, {size:.0f} characters)", wholes)]
    real = evaluation.load_real_scorer()
    if real.available():
        loaded = real.load()
        texts = [p.text for p in loaded]
        size = sum(map(len, texts)) / len(texts)
        rows.append((f"real pages' visible text ({len(texts)}, {size:.0f} characters)", texts))
        real_html = [p.html for p in loaded]
    print("\n| whole-page text | arnews pages/s |")
    print("|---|---|")
    for label, docs in rows:
        print(f"| {label} | {rate(strip_boilerplate, docs):,.0f} |")
    if real.available():
        size = sum(map(len, real_html)) / len(real_html)
        print(f"\n| real pages' HTML ({len(real_html)}, {size:,.0f} characters) | pages/s |")
        print("|---|---|")
        ours = rate(lambda h: strip_boilerplate(h, html=True), real_html)
        print(f"| arnews `html=True` | {ours:,.1f} |")
        print(f"| trafilatura.extract alone | {rate(trafilatura.extract, real_html):,.1f} |")
        import justext

        stoplist = justext.get_stoplist("Arabic")
        theirs = rate(lambda h: justext.justext(h.encode(), stoplist), real_html)
        print(f"| jusText alone | {theirs:,.1f} |")
    if args.corpus:
        audit_corpus(args.corpus, args.limit, args.step)
    return 0


if __name__ == "__main__":
    sys.exit(main())
