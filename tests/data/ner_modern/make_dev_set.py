"""Pick and tokenize the articles of the modern news dev set (run once; tags are added by hand).

    .venv/bin/python tests/data/ner_modern/make_dev_set.py \\
        ../shared/data/raw/ant-multisource-2018.jsonl.gz ../shared/examples/morocco-unoct-visit.txt

For each (source, section) pair below, one article is drawn with ``random.Random(2018)``
among those with at least 1,200 characters of text. Its title and the first sentences of
its body (until at least 150 tokens, at most 250) are tokenized ANERcorp-style: split on
whitespace, punctuation split off the edges of words, clitics kept (``والمغرب``). The
tokens are written one a line with the tag ``O``, a blank line after each sentence, to
``<id>.conll`` next to this script, unless that file exists (annotations are not
overwritten). The example article (second argument) goes to ``extra/`` the same way.
The tags were then set by hand (see README.md).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

GROUPS = [
    ("BBC", "BB-middleEast"),
    ("BBC", "BB-economy"),
    ("BBC", "BB-sport"),
    ("BBC", "BB-culture"),
    ("BBC", "BB-internationalNews"),
    ("CNN", "CN-middleEast"),
    ("CNN", "CN-economy"),
    ("CNN", "CN-sport"),
    ("CNN", "CN-internationalNews"),
    ("alarabia", "AL-culture"),
    ("alarabia", "AL-economy"),
    ("alarabia", "AL-sport"),
    ("alarabia", "AL-internationalNews"),
    ("alarabia", "AL-technology"),
    ("france24", "FR-internationalNews"),
    ("france24", "FR-middleEast"),
    ("france24", "FR-culture"),
    ("france24", "FR-sport"),
    ("france24", "FR-economy"),
    ("skynews", "SK-middleEast"),
    ("skynews", "SK-economy"),
    ("skynews", "SK-sport"),
    ("skynews", "SK-internationalNews"),
    ("skynews", "SK-technology"),
]
MIN_CHARS = 1200
MIN_TOKENS, MAX_TOKENS = 150, 250
HERE = Path(__file__).resolve().parent

_ENDS = {".", "...", "؟", "?", "!", "…"}
_JOINERS = re.compile(r"([،,؛:\"«»()])")


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _marks(run: str) -> list[str]:
    """Punctuation marks one a token, a run of one repeated mark (``...``) as one token."""
    return [m.group() for m in re.finditer(r"(.)\1*", run)]


def split_word(word: str) -> list[str]:
    """Split punctuation off both edges of a whitespace-separated word."""
    start, end = 0, len(word)
    while start < end and _is_mark(word[start]):
        start += 1
    while end > start and _is_mark(word[end - 1]):
        end -= 1
    out = _marks(word[:start])
    # punctuation inside a word that joins two words (a comma with no space after it)
    out.extend(t for t in _JOINERS.split(word[start:end]) if t)
    out.extend(_marks(word[end:]))
    return out


def sentences(text: str) -> list[list[str]]:
    """Tokens of ``text`` cut into sentences (after . ؟ ! and at line breaks)."""
    units: list[list[str]] = []
    for line in text.splitlines():
        current: list[str] = []
        for word in line.split():
            for tok in split_word(word):
                current.append(tok)
                if tok in _ENDS:
                    units.append(current)
                    current = []
        if current:
            units.append(current)
    return units


def write_units(out: Path, units: list[list[str]]) -> None:
    """Write tokens with the tag ``O``, one a line, a blank line after each unit."""
    if out.exists():
        return
    out.parent.mkdir(exist_ok=True)
    text = "\n\n".join("\n".join(f"{t} O" for t in unit) for unit in units) + "\n"
    out.write_text(text, encoding="utf-8")


def write_example(path: str) -> None:
    """The example article: its title and its six body paragraphs (no date, dateline, cookies)."""
    paragraphs = [p for p in Path(path).read_text(encoding="utf-8").splitlines() if p.strip()]
    title, body = paragraphs[0], paragraphs[4:10]
    units = [u for p in [title, *body] for u in sentences(p)]
    write_units(HERE / "extra" / f"{Path(path).stem}.conll", units)


def main(path: str) -> None:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            prefix = re.sub(r"-\d+-\d+$", "", doc["id"])
            if len(doc["text"]) >= MIN_CHARS:
                groups[prefix].append(doc)
    rng = random.Random(2018)
    for _, prefix in GROUPS:
        docs = sorted(groups[prefix], key=lambda d: d["id"])
        doc = rng.choice(docs)
        units = [u for u in sentences(doc["title"]) if u]
        count = 0
        for unit in sentences(doc["text"]):
            if count >= MIN_TOKENS or count + len(unit) > MAX_TOKENS:
                break
            units.append(unit)
            count += len(unit)
        write_units(HERE / f"{doc['id']}.conll", units)
        print(doc["id"], count, doc["url"])


if __name__ == "__main__":
    main(sys.argv[1])
    if len(sys.argv) > 2:
        write_example(sys.argv[2])
