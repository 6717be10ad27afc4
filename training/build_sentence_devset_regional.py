#!/usr/bin/env python3
"""Pick candidate paragraphs for the regional sentence development set (issue 12).

Reads the ANT corpus v1.1 Jawhara FM news (Tunisia, 2015–2017; Apache-2.0, so the
annotated paragraphs may be committed with attribution) and picks paragraphs by the case
they contain: a double dot ``..``, a dot glued to the next word (``أمس.وأضاف``), runs of
``!``/``؟``, an ellipsis, a closing quote or bracket after the final punctuation, a line
break (two or three consecutive lines of an article, one of them without final
punctuation), dotted numbers/URLs/e-mails, abbreviations, and plain multi-sentence lines.
It writes a DRAFT in the case format of ``tests/data/sentences_dev.txt``, pre-split by a
naive rule (not by arnews): cut after ``. ! ? ؟ …`` and their runs and closers when a space
or an Arabic letter follows, and at every line break. Every case is then read and corrected
by hand; the corrected file is ``tests/data/sentences_dev_regional.txt``.

    .venv/bin/python training/build_sentence_devset_regional.py > /tmp/regional_draft.txt

The committed file also holds seven cases added by hand after the draft: two line-break
cases (a line that ends with a comma or with ``أن`` before a line that starts a new
sentence: two of the three such lines in the corpus; the third, a stray ``و`` at a line end,
was left out) and, as ``[strong-run]`` excerpts (the sentences around the run), the five
paragraphs with ``!!``, ``??``, ``؟؟`` or ``؟!`` that are longer than this script takes.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from build_sentence_devset import write_cases  # training/ is this script's folder

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "data" / "raw" / "ant-jawharafm-2015-2017.jsonl.gz"
SEED = 2026_12
CASES = {
    "double-dot": (r"[^.\s]\s?\.\.(?!\.)\s*\S", 25),
    "glued-dot": (r"[^\s.]\.[\u0621-\u064a]", 25),
    "strong-run": (r"[!؟?]{2,}|[؟?]!|![؟?]", 12),
    "ellipsis": (r"…|[^.]\.{3,}", 20),
    "quote-close": (r"[.!؟?…]\s?[\"”»)]", 20),
    "number-url": (r"\d\.\d|www\.|https?://|\w@\w", 12),
    "abbreviation": (r"(?:^|\s)[دأمجص]\.\s?\S|ق\.م|ص\.ب", 8),
}
RARE = ("strong-run", "abbreviation")
"""Cases so rare in this corpus that paragraphs up to 700 characters are taken for them."""
LINE_BREAK = 25
PLAIN = 20
NAIVE_END = re.compile(r"[.!?؟…]+[\"”»)]*(?=\s|[\u0621-\u064a])")


def naive_split(paragraph: str) -> list[str]:
    """The naive pre-split the annotator corrects."""
    out: list[str] = []
    for line in paragraph.split("\n"):
        pos = 0
        for match in NAIVE_END.finditer(line):
            piece = line[pos : match.end()].strip()
            if piece:
                out.append(piece)
            pos = match.end()
        if line[pos:].strip():
            out.append(line[pos:].strip())
    return out


def read_articles() -> Iterator[tuple[str, list[str]]]:
    """Yield ``(id, lines)`` for each article (lines stripped, blank ones dropped)."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            kept = [x.strip() for x in doc["text"].split("\n")]
            yield str(doc["id"]), [x for x in kept if x]


def main() -> None:
    """Write the draft to stdout."""
    rng = random.Random(SEED)
    pools: dict[str, list[tuple[str, str]]] = {tag: [] for tag in CASES}
    pools["line-break"] = []
    pools["plain"] = []
    patterns = {tag: re.compile(p, re.MULTILINE) for tag, (p, _) in CASES.items()}
    unfinished = re.compile(r"[^.!؟?…:\"”»)]$")
    for doc_id, lines in read_articles():
        for k, para in enumerate(lines):
            if not 60 <= len(para) <= 700:
                continue
            tags = [tag for tag, p in patterns.items() if p.search(para)]
            if len(para) > 380:  # long paragraphs only for the rare cases
                tags = [tag for tag in tags if tag in RARE]
            for tag in tags:
                pools[tag].append((f"{doc_id}#{k}", para))
            if not tags and len(para) <= 380 and len(naive_split(para)) >= 2:
                pools["plain"].append((f"{doc_id}#{k}", para))
        for k in range(len(lines) - 1):
            window = lines[k : k + 2 + (k % 2)]
            joined = "\n".join(window)
            bulleted = window[0].startswith(("-", "*")) or window[1].startswith(("-", "*"))
            if unfinished.search(window[0]) and 40 <= len(joined) <= 420 and not bulleted:
                pools["line-break"].append((f"{doc_id}#{k}-{k + len(window) - 1}", joined))
    seen_ids: set[str] = set()
    seen_text: set[str] = set()
    chosen: list[tuple[str, str, str]] = []
    wants = {tag: want for tag, (_, want) in CASES.items()}
    wants |= {"line-break": LINE_BREAK, "plain": PLAIN}
    for tag, pool in pools.items():
        rng.shuffle(pool)
        got = 0
        for pid, para in pool:
            if got == wants[tag]:
                break
            if pid in seen_ids or para in seen_text:
                continue
            seen_ids.add(pid)
            seen_text.add(para)
            chosen.append((pid, tag, para))
            got += 1
    cases = [(f"jawharafm-{pid}", tag, para) for pid, tag, para in chosen]
    write_cases(sys.stdout, cases, naive_split)


if __name__ == "__main__":
    main()
