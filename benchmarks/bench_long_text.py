#!/usr/bin/env python3
"""One very long text (a dump of many articles): time, throughput and peak memory.

Builds a text of ``--mb`` million characters (default 5) from the ANT multi-source corpus
(``../shared/data/raw/ant-multisource-2018.jsonl.gz``, evaluation use only: articles
joined by blank lines) and, each in a fresh process so that its peak memory is its own,
runs ``arnews.extract_entities`` and ``arnews.process`` on it, plus the same calls on a
fifth of it (time should grow linearly). Memory is the growth of the peak resident size
(``ru_maxrss``) during the call, after the model and word lists are loaded, per input
character. For scale, camel-tools' light part of the work (``normalize_unicode`` +
``dediac_ar`` + ``simple_word_tokenize``) runs on the same text when it is installed.

    .venv/bin/python benchmarks/bench_long_text.py [--mb 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "data" / "raw" / "ant-multisource-2018.jsonl.gz"

MEASURE = """
import json, os, resource, sys, time
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
call, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
if call == "camel-tools":
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_unicode
    run = lambda: len(simple_word_tokenize(dediac_ar(normalize_unicode(text))))
else:
    import arnews
    arnews.process("قال الرئيس في الرباط.")  # load the model and word lists first
    if call == "extract_entities":
        run = lambda: len(arnews.extract_entities(text))
    else:
        run = lambda: len(arnews.process(text).entities)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
found = run()
seconds = time.process_time() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
print(json.dumps({"seconds": seconds, "grown": grown, "found": found}))
"""


def long_text(chars: int) -> str:
    """Articles of the corpus, in order, joined by blank lines, cut at ``chars``."""
    parts: list[str] = []
    total = 0
    with gzip.open(ANT, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            parts.append(text)
            total += len(text) + 2
            if total >= chars:
                break
    return "\n\n".join(parts)[:chars]


def measure(call: str, text: str) -> dict[str, Any]:
    """Run one call on ``text`` in a fresh interpreter; its CPU time and memory growth."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, call, f.name],
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def camel_available() -> bool:
    try:
        import camel_tools.tokenizers.word  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="million characters")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not ANT.exists():
        sys.exit(f"missing {ANT}")

    big = long_text(int(args.mb * 1_000_000))
    small = big[: len(big) // 5]
    calls = ["extract_entities", "process"] + (["camel-tools"] if camel_available() else [])
    rows = []
    for call in calls:
        for text in (small, big):
            found = measure(call, text)
            tokens = len(text.split())
            rows.append(
                {
                    "call": call,
                    "chars": len(text),
                    "tokens": tokens,
                    **found,
                    "tokens_per_s": tokens / max(found["seconds"], 1e-9),
                    "bytes_per_char": found["grown"] / len(text),
                }
            )
    print(f"one text of {len(big):,} characters (ANT multi-source articles joined)\n")
    print("| call | characters | CPU s | tokens/s | peak memory growth | bytes/char |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['call']} | {r['chars']:,} | {r['seconds']:.1f} | {r['tokens_per_s']:,.0f} "
            f"| {r['grown'] / 2**20:,.0f} MiB | {r['bytes_per_char']:.0f} |"
        )
    print("\n5x the text, CPU time ratio (linear: 5):")
    for call in calls:
        small_row, big_row = (r for r in rows if r["call"] == call)
        print(f"  {call}: {big_row['seconds'] / max(small_row['seconds'], 1e-9):.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
