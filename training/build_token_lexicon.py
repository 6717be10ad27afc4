"""Build the word-frequency lexicon that the tokenizer's clitic decisions consult.

Reads the two corpora that may feed shipped files (Arabic Wikipedia 2017 and the ANT
Jawhara FM news corpus; never ant-multisource, which is for evaluation only), counts Arabic
word forms and writes the most frequent ones to
``src/arnews/data/tokenization/lexicon.tsv.gz`` as ``form<TAB>count`` lines.

Forms are keyed the way :mod:`arnews.tokenization` looks them up: diacritics, tatweel and
invisible marks removed, alef wasla ٱ written as ا. Hamza stays: بأن (ب + أن) and باراك
(Barack) must not share the evidence of one bare-alef remainder.

Usage::

    .venv/bin/python training/build_token_lexicon.py [--top 100000] [--min-count 3]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT.parent / "shared" / "data" / "raw"
SOURCES = ("arwiki-2017.jsonl.gz", "ant-jawharafm-2015-2017.jsonl.gz")
OUT = ROOT / "src" / "arnews" / "data" / "tokenization" / "lexicon.tsv.gz"

_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u061c]")
_ALEF = str.maketrans("ٱ", "ا")
_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")


def count_forms(paths: list[Path]) -> collections.Counter[str]:
    """Count normalized Arabic word forms in JSON-lines corpora (``text`` and ``title``)."""
    counts: collections.Counter[str] = collections.Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                doc = json.loads(line)
                text = _DROP.sub("", f"{doc.get('title') or ''}\n{doc['text']}").translate(_ALEF)
                counts.update(_WORD.findall(text))
    return counts


def write_lexicon(counts: collections.Counter[str], top: int, min_count: int, out: Path) -> int:
    """Write the ``top`` most frequent forms seen at least ``min_count`` times; return how many."""
    rows = [(w, c) for w, c in counts.most_common(top) if c >= min_count and len(w) > 1]
    header = (
        "# arnews tokenizer lexicon: normalized Arabic word form<TAB>count.\n"
        "# Built by training/build_token_lexicon.py from Arabic Wikipedia (2017-01-20 dump,"
        " CC BY-SA 4.0)\n# and the ANT corpus v1.1 Jawhara FM news (Apache-2.0).\n"
    )
    body = "".join(f"{w}\t{c}\n" for w, c in rows)
    # mtime=0 keeps the file byte-identical across rebuilds
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write((header + body).encode("utf-8"))
    return len(rows)


def main() -> None:
    """Count, cut and write the lexicon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=100_000)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    counts = count_forms([RAW / name for name in SOURCES])
    n = write_lexicon(counts, args.top, args.min_count, OUT)
    print(f"{len(counts)} distinct forms, {sum(counts.values())} words; wrote {n} to {OUT}")


if __name__ == "__main__":
    main()
