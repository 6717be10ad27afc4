"""Names of an article: which mentions stand for the same person, organisation or place.

An article says ``ألكسندر زوييف`` once and ``زوييف`` afterwards, ``الملك محمد السادس`` and
``محمد السادس``: :func:`group_names` gives each name once, in its full form, in order of
first mention. This is what :attr:`arnews.Article.people` and its siblings return. The
module sits below :mod:`arnews.types` (it only needs each mention's ``label`` and
``canonical``), so the result types can derive their names without importing a stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Final, Protocol

from arnews._resources import read_lines
from arnews.chars import fold

__all__ = ["Mention", "group_names", "mention_names", "resolve_mentions"]

_MAX_NAME_TOKENS: Final = 12
"""Names longer than this (in words) only merge with identical mentions."""
_MAX_CONTAINERS: Final = 8


class Mention(Protocol):
    """What name grouping reads of an entity: its type and canonical name."""

    @property
    def label(self) -> str: ...

    @property
    def canonical(self) -> str: ...


def resolve_mentions(names: Sequence[str], *, merge: bool = True) -> list[str]:
    """The full name each mention stands for (one result per mention).

    Names are compared, and shown, without hashtag marks (``#ماكرون`` → ``ماكرون``, ``_``
    as a space) and with leading titles set aside (``الملك``, ``الرئيس``… from
    ``data/titles.txt``) and alef/ya/ta-marbuta variants folded. With ``merge``, a name
    whose words appear, in a row, inside exactly one longer name of the same article stands
    for that longer name (``زوييف`` → ``ألكسندر زوييف``); when two different longer names
    contain it, it stays as it is. Results are shown as first written, without the title.

    >>> resolve_mentions(["ألكسندر زوييف", "زوييف", "الملك محمد السادس", "محمد السادس"])
    ['ألكسندر زوييف', 'ألكسندر زوييف', 'محمد السادس', 'محمد السادس']
    >>> resolve_mentions(["ايمانويل #ماكرون", "#ماكرون", "#جوني_هاليداي"])
    ['ايمانويل ماكرون', 'ايمانويل ماكرون', 'جوني هاليداي']
    >>> resolve_mentions(["محمد", "محمد السادس", "محمد بن سلمان"])
    ['محمد', 'محمد السادس', 'محمد بن سلمان']
    >>> resolve_mentions(["المغرب", "المغرب العربي"], merge=False)
    ['المغرب', 'المغرب العربي']
    """
    titles = _titles()
    keys: list[tuple[str, ...]] = []
    shown: dict[tuple[str, ...], str] = {}
    for name in names:
        words = [w.lstrip("#") for w in name.replace("_", " ").split() if w.lstrip("#")]
        words = words or name.split()
        while len(words) > 1 and fold(words[0]) in titles:
            words = words[1:]
        key = tuple(fold(w) for w in words)
        keys.append(key)
        shown.setdefault(key, " ".join(words))
    target = _merge_targets(list(shown), merge)
    return [shown[target.get(k, k)] for k in keys]


def _merge_targets(
    keys: list[tuple[str, ...]], merge: bool
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Map each key found inside exactly one maximal longer key to that key.

    Linear in the number of names: each name of at most ``_MAX_NAME_TOKENS`` words indexes
    its runs of words, and a run shared by more than ``_MAX_CONTAINERS`` names is common
    enough to be ambiguous anyway.
    """
    if not merge:
        return {}
    containers: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in keys:
        if len(key) > _MAX_NAME_TOKENS:
            continue
        for part in _parts(key) - {key}:
            found = containers.setdefault(part, [])
            if len(found) <= _MAX_CONTAINERS:
                found.append(key)
    target: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in keys:
        longer = containers.get(key, [])
        if not longer or len(longer) > _MAX_CONTAINERS:
            continue
        maximal = [c for c in longer if not any(c in _parts(o) - {o} for o in longer)]
        if len(maximal) == 1:
            target[key] = maximal[0]
    return target


def _parts(key: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1)}


@cache
def _titles() -> frozenset[str]:
    return frozenset(fold(w) for w in read_lines("titles.txt"))


@lru_cache(maxsize=512)
def mention_names(entities: tuple[Mention, ...]) -> tuple[str, ...]:
    """The full name each entity mention stands for (cached per article).

    People, organisations and other names merge short mentions into longer names (see
    :func:`resolve_mentions`); places merge only identical names, since ``المغرب`` inside
    ``المغرب العربي`` is another place.

    >>> from arnews.types import Entity
    >>> rabat = Entity("الرباط", "LOC", 0, 6, 1.0, "الرباط")
    >>> mention_names((rabat, Entity("زوييف", "PER", 9, 14, 1.0, "زوييف")))
    ('الرباط', 'زوييف')
    """
    names = [""] * len(entities)
    for label in {e.label for e in entities}:
        positions = [i for i, e in enumerate(entities) if e.label == label]
        mentions = [entities[i].canonical for i in positions]
        for i, name in zip(
            positions, resolve_mentions(mentions, merge=label != "LOC"), strict=True
        ):
            names[i] = name
    return tuple(names)


@lru_cache(maxsize=512)
def group_names(entities: tuple[Mention, ...], label: str) -> tuple[str, ...]:
    """Unique full names of one entity type, in order of first mention (cached per article).

    >>> from arnews.types import Entity
    >>> rabat = Entity("الرباط", "LOC", 0, 6, 1.0, "الرباط")
    >>> group_names((rabat, Entity("الرباط", "LOC", 9, 15, 1.0, "الرباط")), "LOC")
    ('الرباط',)
    """
    names = mention_names(entities)
    return tuple(dict.fromkeys(n for n, e in zip(names, entities, strict=True) if e.label == label))
