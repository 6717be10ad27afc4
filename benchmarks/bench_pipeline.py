#!/usr/bin/env python3
"""The whole pipeline on real news: articles/s, tokens/s, peak memory, share of each stage.

Reads ``--articles`` (default 1,000) articles spread over the ANT multi-source corpus
(``../shared/data/raw/ant-multisource-2018.jsonl.gz``: AlArabiya, Sky News Arabia, BBC
Arabic, France 24, CNN Arabic; evaluation use only) and reports:

* ``process_many`` on one process, then with ``--jobs`` worker processes (default 2; the
  worker start-up, which loads the model once per worker, is included);
* the time share of each stage (boilerplate, sentences, entities; and, inside entities,
  normalization with its offset map and tokenization), timed stage by stage;
* peak resident memory (``ru_maxrss``) of this process (all texts and results held) and
  of one worker (a fresh process: imports, model, 200 articles);
* side by side, camel-tools doing its part of the same work on the same texts:
  ``normalize_unicode`` + ``dediac_ar`` + ``simple_word_tokenize`` (its NER is measured
  in ``docs/entities.md``: about 66 tokens/s here).

Tokens are the input's whitespace-separated words, the same count for every system. Times
are CPU seconds of this process (the figures hold on a busy machine: per core), except the
worker run, which reports wall-clock time (worker start-up included) and the workers' CPU.

    .venv/bin/python benchmarks/bench_pipeline.py [--articles 1000] [--jobs 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "data" / "raw" / "ant-multisource-2018.jsonl.gz"
CORPUS_SIZE = 31_523


def load_articles(count: int) -> list[str]:
    """``count`` article texts spread evenly over the corpus (every k-th line)."""
    step = max(1, CORPUS_SIZE // count)
    texts: list[str] = []
    with gzip.open(ANT, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f):
            if number % step == 0:
                texts.append(json.loads(line)["text"])
                if len(texts) == count:
                    break
    return texts


def timed(run: Callable[[], Any], clock: Callable[[], float] = time.process_time) -> float:
    """Seconds ``run`` takes: CPU time of this process by default (robust to other load)."""
    start = clock()
    run()
    return clock() - start


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stage_times(texts: Sequence[str]) -> dict[str, float]:
    """Seconds spent in each stage, run one after the other as ``process`` does."""
    from arnews import extract_entities, split_sentences, strip_boilerplate, tokenize
    from arnews.normalization import normalize_with_map

    spent = dict.fromkeys(
        (
            "boilerplate",
            "sentences",
            "entities",
            "  normalize (in entities)",
            "  tokenize (in entities)",
        ),
        0.0,
    )
    for text in texts:
        t0 = time.process_time()
        body = strip_boilerplate(text).text
        t1 = time.process_time()
        split_sentences(body)
        t2 = time.process_time()
        extract_entities(body)
        t3 = time.process_time()
        norm = normalize_with_map(body)
        t4 = time.process_time()
        tokenize(norm.text)
        t5 = time.process_time()
        spent["boilerplate"] += t1 - t0
        spent["sentences"] += t2 - t1
        spent["entities"] += t3 - t2
        spent["  normalize (in entities)"] += t4 - t3
        spent["  tokenize (in entities)"] += t5 - t4
    return spent


def camel_part(texts: Sequence[str]) -> float:
    """camel-tools' share of the same work: Unicode normalization, diacritics, tokens."""
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_unicode

    def run() -> None:
        for text in texts:
            simple_word_tokenize(dediac_ar(normalize_unicode(text)))

    return timed(run)


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


WORKER = """
import json, resource, sys
import arnews
for text in json.load(open(sys.argv[1], encoding="utf-8")):
    arnews.process(text)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def worker_peak_mib(texts: Sequence[str]) -> float:
    """Peak memory of a fresh process that loads everything and processes ``texts``.

    (A pool's ``RUSAGE_CHILDREN`` figure is no use here: a child counts the parent's
    memory at the moment it was forked.)
    """
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as f:
        json.dump(list(texts), f, ensure_ascii=False)
        f.flush()
        done = subprocess.run(
            [sys.executable, "-c", WORKER, f.name], capture_output=True, text=True, check=True
        )
    return float(done.stdout.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not ANT.exists():
        sys.exit(f"missing {ANT}")

    import arnews

    texts = load_articles(args.articles)
    tokens = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} articles, {tokens:,} tokens, {chars:,} characters (ANT multi-source)")

    load = timed(lambda: arnews.process(texts[0]), time.perf_counter)  # model and data files
    for text in texts[:50]:  # warm the per-process caches
        arnews.process(text)
    wall_start = time.perf_counter()
    single = timed(lambda: list(arnews.process_many(texts)))
    single_wall = time.perf_counter() - wall_start
    single_peak = peak_mib(resource.RUSAGE_SELF)
    parallel = workers_cpu = 0.0
    if args.jobs > 1:
        before = children_cpu()
        parallel = timed(
            lambda: list(arnews.process_many(texts, n_jobs=args.jobs)), time.perf_counter
        )
        workers_cpu = children_cpu() - before
    worker_peak = worker_peak_mib(texts[:200])
    stages = stage_times(texts)
    camel = camel_part(texts)
    own_part = stages["  normalize (in entities)"] + stages["  tokenize (in entities)"]

    rows = [
        ("arnews.process_many, 1 process", single),
        ("arnews.process_many, 1 process: wall clock", single_wall),
        (f"arnews.process_many, n_jobs={args.jobs}: wall clock, with start-up", parallel),
        (f"arnews.process_many, n_jobs={args.jobs}: workers' CPU, start-up included", workers_cpu),
        ("arnews normalize_with_map + tokenize only", own_part),
        ("camel-tools normalize_unicode + dediac_ar + simple_word_tokenize", camel),
    ]
    print(f"\nfirst call (loads model and data): {load:.2f} s")
    print("\n| run (CPU seconds unless said) | seconds | articles/s | tokens/s |")
    print("|---|---:|---:|---:|")
    for name, seconds in rows:
        if not seconds:
            continue
        print(f"| {name} | {seconds:.2f} | {len(texts) / seconds:,.0f} | {tokens / seconds:,.0f} |")
    total = stages["boilerplate"] + stages["sentences"] + stages["entities"]
    print("\n| stage (CPU) | seconds | share |\n|---|---:|---:|")
    for name, seconds in stages.items():
        print(f"| {name} | {seconds:.2f} | {100 * seconds / total:.1f}% |")
    print(
        f"\npeak memory: {single_peak:.0f} MiB (this process),"
        f" {worker_peak:.0f} MiB (one worker: a fresh process after 200 articles)"
    )

    if args.json:
        figures = {
            "articles": len(texts),
            "tokens": tokens,
            "load_s": load,
            "runs_s": dict(rows),
            "stages_s": stages,
            "peak_mib": {"process": single_peak, "worker": worker_peak},
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
