#!/usr/bin/env python3
"""Pick candidate paragraphs for the hand-checked sentence development set.

Reads the ANT multi-source news corpus (evaluation use only: nothing built from it ships)
and the example articles in ``../shared/examples/``, picks paragraphs by the hard case they
contain (abbreviations, numbers with dots, ellipses, quotes around final punctuation, URLs,
bidi marks…) plus plain multi-sentence ones, and writes them as a DRAFT in the readable
case format (input, ``---``, one sentence a line, ``===``). The draft is pre-split by a
naive rule (cut after ``. ! ? ؟`` and a space), deliberately not by arnews, so that the
annotator starts from something different from the system under test. The annotator then
reads every case and corrects it by hand (and drops exact duplicates: syndicated copies);
the corrected file is ``tests/data/sentences_dev.txt``.

    .venv/bin/python training/build_sentence_devset.py > /tmp/sentences_draft.txt

``--heldout`` draws, with another seed, a small held-out set of multi-sentence paragraphs
(HELDOUT_PER_CASE per hard case, HELDOUT_PLAIN plain) that are not in the dev set; it is
annotated the same way (``tests/data/sentences_heldout.txt``) and only measured, never used
to tune the rules.

    .venv/bin/python training/build_sentence_devset.py --heldout > /tmp/heldout_draft.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "data" / "raw" / "ant-multisource-2018.jsonl.gz"
EXAMPLES = SHARED / "examples"
SEED = 20181

BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
HARD_CASES = {
    "abbreviation": r"(?:^|\s)[دأمجصتش]\.\s|ق\.م|ص\.ب|أ\.د|\b(?:Mr|Dr|St|Mrs|Jr|Inc)\.",
    "initials": r"\b[A-Z]\.\s?[A-Z]|(?:^|\s)[\u0621-\u064a]\.\s[\u0621-\u064a]\.",
    "number-dots": r"\d\.\d",
    "url-email": r"www\.|https?://|\w@\w+\.\w",
    "ellipsis": r"\.\.|…",
    "quote-strong": r"[؟?!][\"”»)]\s\S",
    "quote-dot": r"\.[\"”»)]\s\S",
    "space-dot": r"\s\.\s\S",
    "bidi": f"[{BIDI}][.؟?!]|[.؟?!][{BIDI}]",
    "era": r"\d\s?(?:م|هـ|ه)\.\s",
    "list-number": r"^\d{1,2}[.)]\s",
    "hashtag": r"#\S+[.؟!]\s",
    "latin": r"[A-Za-z]\.\s",
    "strong-run": r"[؟?!]{2,}|[؟?!]\.",
}
PER_CASE = 10
PLAIN = 50
EXTRA_PER_CASE = 5
"""A second round per hard case, among paragraphs the naive rule splits (multi-sentence)."""
EXTRA_PLAIN = 10
HELDOUT_SEED = 20182
HELDOUT_PER_CASE = 3
HELDOUT_PLAIN = 10
DEV = Path(__file__).resolve().parents[1] / "tests" / "data" / "sentences_dev.txt"
NAIVE_END = re.compile(r"(?<=[.!?؟])\s+")


def read_paragraphs() -> Iterator[tuple[str, str]]:
    """Yield ``(id, paragraph)``: each line of each corpus article is one paragraph."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            for k, para in enumerate(doc["text"].split("\n")):
                yield f"{doc['id']}#{k}", para.strip()


def naive_split(paragraph: str) -> list[str]:
    """The naive pre-split the annotator corrects: lines, then a space after . ! ? ؟."""
    out: list[str] = []
    for line in paragraph.split("\n"):
        out.extend(s for s in NAIVE_END.split(line.strip()) if s)
    return out


def collect_pools() -> dict[str, list[tuple[str, str]]]:
    """Corpus paragraphs of 80–450 characters, by the hard cases they contain."""
    pools: dict[str, list[tuple[str, str]]] = {tag: [] for tag in HARD_CASES}
    pools["plain"] = []
    patterns = {tag: re.compile(p, re.MULTILINE) for tag, p in HARD_CASES.items()}
    for pid, para in read_paragraphs():
        if not 80 <= len(para) <= 450:
            continue
        tags = [tag for tag, p in patterns.items() if p.search(para)]
        for tag in tags:
            pools[tag].append((pid, para))
        if not tags and len(naive_split(para)) >= 2:
            pools["plain"].append((pid, para))
    return pools


def pick(rng: random.Random) -> list[tuple[str, str, str]]:
    """Choose ``(id, tag, paragraph)`` candidates: PER_CASE per hard case, PLAIN plain ones."""
    pools = collect_pools()
    chosen: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for tag, pool in pools.items():
        rng.shuffle(pool)
        chosen += take(pool, tag, PLAIN if tag == "plain" else PER_CASE, seen, multi=False)
    for tag, pool in pools.items():
        chosen += take(
            pool, tag, EXTRA_PLAIN if tag == "plain" else EXTRA_PER_CASE, seen, multi=True
        )
    return chosen


def pick_heldout(rng: random.Random) -> list[tuple[str, str, str]]:
    """Multi-sentence candidates that share neither id nor text with the dev set."""
    dev = DEV.read_text(encoding="utf-8")
    seen = set(re.findall(r"^# (\S+) \[", dev, flags=re.MULTILINE))
    chosen: list[tuple[str, str, str]] = []
    for tag, pool in collect_pools().items():
        rng.shuffle(pool)
        fresh = [(pid, para) for pid, para in pool if para not in dev]
        want = HELDOUT_PLAIN if tag == "plain" else HELDOUT_PER_CASE
        chosen += take(fresh, tag, want, seen, multi=True)
    return chosen


def take(
    pool: list[tuple[str, str]], tag: str, want: int, seen: set[str], *, multi: bool
) -> list[tuple[str, str, str]]:
    """The first ``want`` unseen paragraphs of ``pool`` (with two naive sentences if ``multi``)."""
    out: list[tuple[str, str, str]] = []
    for pid, para in pool:
        if len(out) == want:
            break
        if pid in seen or (multi and len(naive_split(para)) < 2):
            continue
        seen.add(pid)
        out.append((pid, tag, para))
    return out


def example_blocks() -> Iterator[tuple[str, str]]:
    """Blocks (separated by blank lines) of the example articles that hold two sentences."""
    for path in sorted(EXAMPLES.glob("*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        for k, block in enumerate(blocks):
            block = block.strip()
            if len(naive_split(block)) >= 2:
                yield f"{path.stem}#{k}", block


def main() -> None:
    """Write the draft to stdout."""
    parser = argparse.ArgumentParser(description="Draft sentence cases for hand annotation.")
    parser.add_argument("--heldout", action="store_true", help="draw the held-out sample")
    args = parser.parse_args()
    out = sys.stdout
    if args.heldout:
        cases = pick_heldout(random.Random(HELDOUT_SEED))
    else:
        rng = random.Random(SEED)
        cases = [(pid, "example", para) for pid, para in example_blocks()] + pick(rng)
    write_cases(out, cases, naive_split)


def write_cases(
    out: TextIO, cases: Sequence[tuple[str, str, str]], split: Callable[[str], list[str]]
) -> None:
    """Write ``(id, tag, paragraph)`` cases in the golden format, each pre-split by ``split``
    for the annotator to correct (input, ``---``, one sentence a line, ``===`` between)."""
    for i, (pid, tag, para) in enumerate(cases):
        if i:
            out.write("===\n")
        out.write(f"# {pid} [{tag}]\n{para}\n---\n")
        out.write("\n".join(split(para)) + "\n")


if __name__ == "__main__":
    main()
