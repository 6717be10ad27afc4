"""Loaders for the entity word lists shipped in ``arnews/data/entities/``.

Three kinds of files, each read on first use and cached for the process:

- gazetteers (``gazetteer/<name>.txt``): names by class, e.g. ``per_first``, ``loc``,
  ``org``, ``misc``, and ``*_ambiguous`` lists of one-word names that are also common
  words;
- trigger words (``triggers/<kind>.txt``): titles before people (``per_title``), heads
  of organisation names (``org_head``) and of place names (``loc_head``), reporting verbs
  (``per_verbs``), particles inside names (``per_particles``);
- word clusters (``clusters.tsv.gz``): a clitic-free word form mapped to its k-means
  cluster ids at three granularities, as ``"c64/c256/c1024"``;
- names added since the tagger was trained (``names_added.txt``, ``CLASS<TAB>name``): read
  by the name rules only, never by the tagger's features.

Every entry is written as the tagger sees text: arnews-normalized, without an attached
proclitic, the article as written, one entry a line, words separated by one space.

>>> "الرباط" in load_gazetteer("loc"), "الأمين العام" in load_triggers("per_title")
(True, True)
>>> load_clusters()["المغرب"].count("/")
2
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from arnews._resources import read_lines
from arnews._validation import ensure_text

__all__ = [
    "gazetteer_names",
    "load_added_names",
    "load_clusters",
    "load_gazetteer",
    "load_triggers",
    "trigger_kinds",
]

_DIR = "entities"


def _names(folder: str) -> tuple[str, ...]:
    root = resources.files("arnews").joinpath("data", _DIR, folder)
    if not root.is_dir():
        return ()
    return tuple(sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".txt")))


@cache
def gazetteer_names() -> tuple[str, ...]:
    """Names of the shipped gazetteers, sorted.

    >>> {"per_first", "per_last", "loc", "org", "misc"} <= set(gazetteer_names())
    True
    """
    return _names("gazetteer")


@cache
def trigger_kinds() -> tuple[str, ...]:
    """Kinds of the shipped trigger-word lists, sorted.

    >>> trigger_kinds()[:3]
    ('loc_head', 'org_head', 'per_particles')
    """
    return _names("triggers")


def _load(folder: str, name: object, known: tuple[str, ...], arg: str) -> frozenset[str]:
    name = ensure_text(name, arg)
    if name not in known:
        raise ValueError(f"unknown {arg} {name!r}; expected one of {', '.join(known)}")
    return frozenset(read_lines(f"{_DIR}/{folder}/{name}.txt"))


@cache
def load_gazetteer(name: str) -> frozenset[str]:
    """The entries of gazetteer ``name`` (see :func:`gazetteer_names`).

    >>> "منظمة الصحة العالمية" in load_gazetteer("org")
    True
    >>> load_gazetteer("planets")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unknown name 'planets'; expected one of loc, loc_ambiguous, misc, ...
    """
    return _load("gazetteer", name, gazetteer_names(), "name")


@cache
def load_triggers(kind: str) -> frozenset[str]:
    """The trigger words of ``kind`` (see :func:`trigger_kinds`).

    >>> {"وزارة", "مديرية", "مكتب"} <= load_triggers("org_head")
    True
    """
    return _load("triggers", kind, trigger_kinds(), "kind")


@cache
def load_clusters() -> Mapping[str, str]:
    """Clitic-free word form → ``"coarse/middle/fine"`` cluster ids (read-only mapping).

    >>> c = load_clusters()
    >>> c["الرباط"].split("/")[0] == c["باريس"].split("/")[0]
    True
    """
    ref = resources.files("arnews").joinpath("data", _DIR, "clusters.tsv.gz")
    text = gzip.decompress(ref.read_bytes()).decode("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, ids = line.partition("\t")
            out[word] = ids.replace("\t", "/")
    return MappingProxyType(out)


_ADDED_CLASSES = frozenset({"ORG", "LOC", "MISC", "TITLE"})


@cache
def load_added_names() -> tuple[tuple[str, str], ...]:
    """The ``(name, class)`` pairs of ``names_added.txt``: names the name rules read but the
    tagger's features do not (they were added after the model was trained).

    >>> ("كوالكوم", "ORG") in load_added_names()
    True
    """
    pairs = []
    for line in read_lines(f"{_DIR}/names_added.txt"):
        kind, _, name = line.partition("\t")
        if kind not in _ADDED_CLASSES or not name.strip():
            raise ValueError(f"names_added.txt: expected CLASS<TAB>name, got {line!r}")
        pairs.append((name.strip(), kind))
    return tuple(pairs)
