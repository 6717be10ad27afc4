"""Turn per-token BIO labels into entity spans over the text, and name them canonically.

Every tagger (the embedded CRF, camel-tools' BERT model) ends with one label per token;
this module is where those labels become :class:`~arnews.types.Entity` objects, so that
every backend agrees on where a span starts (after any proclitic), where it ends, and
what its ``canonical`` form is.

>>> from arnews.types import Token
>>> text = "زار بالرباط وفد من للأمم المتحدة"
>>> toks = [
...     Token("زار", 0, 3),
...     Token("بالرباط", 4, 11, proclitic="ب", article="ال"),
...     Token("وفد", 12, 15),
...     Token("من", 16, 18),
...     Token("للأمم", 19, 24, proclitic="ل", article="ل"),
...     Token("المتحدة", 25, 32, article="ال"),
... ]
>>> labels = ["O", "B-LOC", "O", "O", "B-ORG", "I-ORG"]
>>> for e in decode_entities(text, toks, labels, [1.0, 0.9, 1.0, 1.0, 0.8, 0.6]):
...     print(e.label, e.text, "|", e.canonical, e.start, e.end, round(e.score, 2))
LOC الرباط | الرباط 5 11 0.9
ORG لأمم المتحدة | الأمم المتحدة 20 32 0.7
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from arnews.chars import DIACRITICS, INVISIBLE, TATWEEL
from arnews.types import Entity, EntityLabel, Token

__all__ = ["bio_spans", "canonical_form", "canonical_label", "decode_entities", "split_label"]

_LABELS: Final[dict[str, EntityLabel]] = {
    "PER": "PER",
    "PERS": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "MISC": "MISC",
}

# Characters dropped from a canonical name: diacritics, tatweel and invisible controls.
_DROP: Final = str.maketrans(dict.fromkeys(DIACRITICS + TATWEEL + INVISIBLE))


def canonical_label(tag: str) -> EntityLabel | None:
    """Map a type name from any corpus to PER / ORG / LOC / MISC (``None`` if unknown).

    >>> canonical_label("PERS"), canonical_label("MIS2"), canonical_label("LOC")
    ('PER', 'MISC', 'LOC')
    >>> canonical_label("ENGLISH") is None
    True
    """
    upper = tag.upper()
    if upper.startswith("MIS"):
        return "MISC"
    return _LABELS.get(upper)


@lru_cache(maxsize=4096)  # a tagger has a handful of labels; documents repeat them
def split_label(label: str) -> tuple[str, EntityLabel | None]:
    """Split a BIO label into its prefix (``B``, ``I`` or ``O``) and its type.

    Unknown types and malformed labels read as ``O``.

    >>> split_label("B-PERS"), split_label("I-MIS1"), split_label("O"), split_label("B-XYZ")
    (('B', 'PER'), ('I', 'MISC'), ('O', None), ('O', None))
    """
    prefix, sep, kind = label.partition("-")
    if not sep or prefix not in ("B", "I"):
        return "O", None
    entity_type = canonical_label(kind)
    if entity_type is None:
        return "O", None
    return prefix, entity_type


def canonical_form(name: str) -> str:
    """Normalize a name for indexing: no diacritics, tatweel or format marks; single spaces.

    >>> canonical_form("مُحمّـد   السّادس")
    'محمد السادس'
    """
    return " ".join(name.translate(_DROP).split())


def _canonical(text: str, first: Token, end: int) -> str:
    return canonical_form(first.base + text[first.end : end])


def decode_entities(
    text: str,
    tokens: Sequence[Token],
    labels: Sequence[str],
    scores: Sequence[float],
) -> list[Entity]:
    """Read BIO ``labels`` (one per token, with ``scores`` in 0–1) as entities over ``text``.

    A span starts at its first token's ``base_start`` (after a leading و ف ب ل ك; for لل
    at the second ل) and ends where its last token ends. An ``I-`` label that does not
    continue an entity of the same type starts a new one (CoNLL reading). The score is the
    mean of the token scores; ``canonical`` drops the proclitic, restores an article
    swallowed by لـ and removes diacritics.

    >>> from arnews.types import Token
    >>> text = "قال الرئيس عبد المجيد تبون"
    >>> toks = [Token("قال", 0, 3), Token("الرئيس", 4, 10, article="ال"),
    ...         Token("عبد", 11, 14), Token("المجيد", 15, 21, article="ال"),
    ...         Token("تبون", 22, 26)]
    >>> [e] = decode_entities(text, toks, ["O", "O", "I-PERS", "I-PERS", "I-PERS"], [1.0] * 5)
    >>> e.text, e.label, e.start, e.end, e.score, e.canonical
    ('عبد المجيد تبون', 'PER', 11, 26, 1.0, 'عبد المجيد تبون')
    >>> decode_entities(text, toks, ["O"] * 4, [1.0] * 5)
    Traceback (most recent call last):
    ValueError: tokens, labels and scores must have the same length (5, 4, 5)
    """
    if not len(tokens) == len(labels) == len(scores):
        raise ValueError(
            "tokens, labels and scores must have the same length "
            f"({len(tokens)}, {len(labels)}, {len(scores)})"
        )
    return [
        _make_entity(text, tokens, scores, first, stop, label)
        for first, stop, label in bio_spans(labels)
    ]


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, EntityLabel]]:
    """Read BIO labels as ``(first, stop, type)`` token ranges, CoNLL style.

    An ``I-`` label that does not continue an entity of the same type starts a new one.

    >>> bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC')]
    """
    spans: list[tuple[int, int, EntityLabel]] = []
    current: EntityLabel | None = None
    first = stop = 0
    for i in [i for i, label in enumerate(labels) if label != "O"]:  # most labels are O
        prefix, kind = split_label(labels[i])
        if current is not None and (i != stop or prefix != "I" or kind != current):
            spans.append((first, stop, current))
            current = None
        if current is None:
            current, first = kind, i
        stop = i + 1
    if current is not None:
        spans.append((first, stop, current))
    return spans


def _make_entity(
    text: str,
    tokens: Sequence[Token],
    scores: Sequence[float],
    first: int,
    stop: int,
    label: EntityLabel,
) -> Entity:
    head = tokens[first]
    start = head.base_start if head.base_start < head.end else head.start
    end = tokens[stop - 1].end
    score = sum(scores[first:stop]) / (stop - first)
    score = min(1.0, max(0.0, score))
    return Entity(text[start:end], label, start, end, score, _canonical(text, head, end))
