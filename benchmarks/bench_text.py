"""Text stage speed: arnews normalize/tokenize next to camel-tools and pyarabic.

    python benchmarks/bench_text.py                      # both corpora, 3 runs each
    python benchmarks/bench_text.py --news-chars 500000 --runs 5 --no-memory

Corpora (read from ``../shared/data``; evaluation use only, nothing here ships):
(a) the ANERcorp training split, its units joined with newlines into one text;
(b) about 2 M characters of news articles from the ANT multisource corpus, one call per
article.

Speed is CPU time of this one process (per core), best of ``--runs``; ``words/s`` divides
the same whitespace-separated word count for every tool, so the rows compare directly, and
``tokens`` is what each tokenizer itself returned. Ratios are arnews over the other tool.
Then the import time of ``arnews`` (fresh interpreter, best of 5) and peak Python memory
(tracemalloc) of each call on corpus (b).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
ANERCORP = DATA / "ner" / "anercorp" / "train.txt"
NEWS = DATA / "raw" / "ant-multisource-2018.jsonl.gz"

Run = Callable[[str], Sized]


@dataclass(frozen=True)
class Tool:
    """One function under test: its stage, who provides it, how to call it."""

    stage: str
    name: str
    run: Run


def load_anercorp(path: Path = ANERCORP) -> list[str]:
    """ANERcorp training units (tokens joined by spaces), joined into one text."""
    units, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.append(line.split()[0])
        elif words:
            units.append(" ".join(words))
            words = []
    if words:
        units.append(" ".join(words))
    return ["\n".join(units)]


def load_news(chars: int, path: Path = NEWS) -> list[str]:
    """Article bodies from the ANT multisource corpus, about ``chars`` characters in all."""
    docs, total = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            docs.append(text)
            total += len(text)
            if total >= chars:
                break
    return docs


def tools() -> list[Tool]:
    """The six functions compared (heavy imports happen here, not at module import)."""
    import pyarabic.araby as araby
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_unicode

    import arnews

    return [
        Tool("normalize", "arnews", arnews.normalize),
        Tool("normalize", "camel-tools", lambda t: dediac_ar(normalize_unicode(t))),
        Tool("normalize", "pyarabic", lambda t: araby.strip_tatweel(araby.strip_tashkeel(t))),
        Tool("tokenize", "arnews", arnews.tokenize),
        Tool("tokenize", "camel-tools", simple_word_tokenize),
        Tool("tokenize", "pyarabic", araby.tokenize),
    ]


def best_time(run: Run, docs: Sequence[str], runs: int) -> tuple[float, int]:
    """Best CPU time over ``runs`` passes over ``docs`` and the items returned in all.

    Each result is measured (``len``) and dropped, as a streaming caller would.
    """
    run(docs[0][:1000])  # warm-up: lazy regexes and tables
    best, items = float("inf"), 0
    for _ in range(runs):
        start = time.process_time()
        items = sum(len(run(d)) for d in docs)
        best = min(best, time.process_time() - start)
    return best, items


def peak_memory(run: Run, docs: Sequence[str]) -> int:
    """Peak bytes traced while running over ``docs`` (results dropped as they come)."""
    tracemalloc.start()
    try:
        for d in docs:
            run(d)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def import_time(statement: str = "import arnews", repeats: int = 5) -> float:
    """Best wall time in seconds of ``statement`` in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(done.stdout))
    return min(times)


def bench_corpus(label: str, docs: list[str], runs: int) -> dict[tuple[str, str], float]:
    """Print one table for ``docs``; return seconds per (stage, tool)."""
    chars = sum(len(d) for d in docs)
    words = sum(len(d.split()) for d in docs)
    print(f"\n## {label}: {len(docs)} text(s), {chars:,} characters, {words:,} words\n")
    print("| stage | tool | M chars/s | k words/s | tokens | arnews is × faster |")
    print("|---|---|---:|---:|---:|---:|")
    seconds: dict[tuple[str, str], float] = {}
    for tool in tools():
        try:
            took, items = best_time(tool.run, docs, runs)
        except NotImplementedError:
            print(f"| {tool.stage} | {tool.name} | n/a | n/a | | |")
            continue
        seconds[tool.stage, tool.name] = took
        ours = seconds.get((tool.stage, "arnews"))
        ratio = "" if tool.name == "arnews" or ours is None else f"{took / ours:.1f}"
        count = f"{items:,}" if tool.stage == "tokenize" else ""
        print(
            f"| {tool.stage} | {tool.name} | {chars / took / 1e6:.2f} | "
            f"{words / took / 1e3:.0f} | {count} | {ratio} |"
        )
    return seconds


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news-chars", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    args = parser.parse_args(argv)

    print(f"python {sys.version.split()[0]}; CPU time of one process, best of {args.runs}")
    bench_corpus("(a) ANERcorp train, joined", load_anercorp(), args.runs)
    news = load_news(args.news_chars)
    bench_corpus("(b) ANT multisource news", news, args.runs)

    print("\n## import time (fresh interpreter, best of 5)\n")
    print("| import | ms |")
    print("|---|---:|")
    for statement in (
        "import arnews",
        "import camel_tools.tokenizers.word",
        "import pyarabic.araby",
    ):
        print(f"| `{statement}` | {import_time(statement) * 1000:.0f} |")

    if not args.no_memory:
        print("\n## peak traced memory on (b), one article at a time\n")
        print("| stage | tool | peak MiB |")
        print("|---|---|---:|")
        for tool in tools():
            try:
                peak = peak_memory(tool.run, news)
            except NotImplementedError:
                print(f"| {tool.stage} | {tool.name} | n/a |")
                continue
            print(f"| {tool.stage} | {tool.name} | {peak / 2**20:.1f} |")


if __name__ == "__main__":
    main()
