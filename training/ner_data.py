"""Read the NER corpora in ``../shared/data/ner`` and carve the development split.

A *unit* is one block of ``TOKEN TAG`` lines between blank lines. Tags are mapped to
``B-``/``I-`` plus PER / ORG / LOC / MISC (``PERS`` → PER, ``MIS0``…``MIS3`` → MISC);
anything else (AQMAR's stray ``IO``/``OO``/``B-ENGLISH``) reads as ``O``.

The development split is the LAST 10% of ANERcorp's training units (contiguous, so that
the articles it holds stay out of training, except at most one article cut at the border).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from arnews.entities.spans import split_label  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "ner"
ANERCORP = DATA / "anercorp" / "train.txt"
AQMAR = DATA / "aqmar" / "articles"
WIKIANN = DATA / "wikiann-ar" / "train.tsv"
DEV_SHARE = 0.10


@dataclass(frozen=True)
class Unit:
    """One CoNLL unit: its tokens and their BIO tags (PER/ORG/LOC/MISC)."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    doc: str = ""

    @property
    def text(self) -> str:
        """The unit as raw text: tokens joined with single spaces (the evaluation input)."""
        return " ".join(self.tokens)

    def token_spans(self) -> list[tuple[int, int]]:
        """Character offsets of each token in :attr:`text`."""
        spans = []
        pos = 0
        for tok in self.tokens:
            spans.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        return spans


def clean_tag(tag: str) -> str:
    """Map a corpus tag to ``O`` / ``B-X`` / ``I-X`` with X in PER ORG LOC MISC.

    >>> clean_tag("B-PERS"), clean_tag("I-MIS2"), clean_tag("IO"), clean_tag("B-ENGLISH")
    ('B-PER', 'I-MISC', 'O', 'O')
    """
    prefix, kind = split_label(tag.strip())
    return "O" if kind is None else f"{prefix}-{kind}"


def read_conll(path: Path, *, sep: str | None = None, doc: str = "") -> Iterator[Unit]:
    """Yield the units of a ``TOKEN TAG`` file (``sep=None``: last whitespace field is the tag)."""
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n\r")
            if not line.strip():
                if tokens:
                    yield Unit(tuple(tokens), tuple(tags), doc)
                    tokens, tags = [], []
                continue
            parts = line.rsplit(None, 1) if sep is None else line.rsplit(sep, 1)
            if len(parts) != 2 or not parts[0].strip():
                continue
            token = "".join(parts[0].split())
            tokens.append(token)
            tags.append(clean_tag(parts[1]))
    if tokens:
        yield Unit(tuple(tokens), tuple(tags), doc)


def anercorp_units() -> list[Unit]:
    """All ANERcorp training units, in file order."""
    return list(read_conll(ANERCORP, doc="anercorp"))


def split_anercorp() -> tuple[list[Unit], list[Unit]]:
    """(train, dev): the first 90% and the last 10% of ANERcorp's units."""
    units = anercorp_units()
    cut = int(len(units) * (1 - DEV_SHARE))
    return units[:cut], units[cut:]


def aqmar_units() -> list[Unit]:
    """AQMAR's Wikipedia articles, one document per file."""
    units: list[Unit] = []
    for path in sorted(AQMAR.glob("*.txt")):
        units.extend(read_conll(path, doc=path.stem))
    return units


def wikiann_units(limit: int | None = None) -> list[Unit]:
    """WikiANN Arabic train sentences, without redirect lines and bare page titles.

    Kept: sentences of at least 6 tokens that contain a verb-like context (not just a
    title), have no ``تحويل`` (redirect) token, and end with punctuation.
    """
    kept: list[Unit] = []
    for unit in read_conll(WIKIANN, sep="\t", doc="wikiann"):
        if len(unit.tokens) < 6 or "تحويل" in unit.tokens:
            continue
        if unit.tokens[-1] not in (".", "؟", "!"):
            continue
        kept.append(Unit(tuple(t.split(":", 1)[-1] for t in unit.tokens), unit.tags, unit.doc))
        if limit is not None and len(kept) >= limit:
            break
    return kept


if __name__ == "__main__":
    train, dev = split_anercorp()
    print(f"ANERcorp train {len(train)} units, dev {len(dev)} units")
    print(f"AQMAR {len(aqmar_units())} units, WikiANN kept {len(wikiann_units())}")
