"""Gazetteers, trigger words and word clusters: the word lists behind the CRF features.

Names are matched over folded, clitic-stripped stems with one Aho-Corasick automaton
(pyahocorasick), so a sentence is scanned in linear time whatever the list sizes.
Everything is read lazily from ``arnews/data/entities/`` on first use.

>>> g = StemGazetteer.from_names([("الأمم المتحدة", "ORG"), ("الرباط", "LOC")])
>>> g.tag(["زار", "امم", "متحده", "في", "رباط"])
[(), ('B-ORG',), ('I-ORG',), (), ('B-LOC',)]
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

from arnews._resources import read_text
from arnews.entities.features import GazetteerTagger, Lexicon, fold

__all__ = ["StemGazetteer", "load_lexicon", "name_stems", "resource_files"]

_DIR = "entities"


def name_stems(name: str) -> str:
    """The folded stems of a name, space-separated: the article of each word set aside.

    >>> name_stems("الأمم المتحدة"), name_stems("الرباط"), name_stems("ال")
    ('امم متحده', 'رباط', 'ال')
    """
    out = []
    for word in fold(name).split():
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        out.append(word)
    return " ".join(out)


class StemGazetteer(GazetteerTagger):
    """Typed names matched as whole-token sequences of folded stems."""

    def __init__(self, automaton: Any) -> None:
        self._automaton = automaton

    @classmethod
    def from_names(cls, names: Iterable[tuple[str, str]]) -> StemGazetteer:
        """Build the automaton from ``(name, type)`` pairs (a name may carry several types)."""
        import ahocorasick

        kinds: dict[str, set[str]] = {}
        for name, kind in names:
            key = name_stems(name)
            if key:
                kinds.setdefault(" " + key + " ", set()).add(kind)
        automaton = ahocorasick.Automaton()
        for key, types in kinds.items():
            automaton.add_word(key, (key.count(" ") - 1, len(key), tuple(sorted(types))))
        if len(automaton):
            automaton.make_automaton()
        return cls(automaton)

    def tag(self, stems: Sequence[str]) -> list[tuple[str, ...]]:
        """For each stem, the ``B-``/``I-`` type tags of the names that cover it."""
        tags: list[list[str]] = [[] for _ in stems]
        if not stems or not len(self._automaton):
            return [() for _ in stems]
        line = " " + " ".join(s.replace(" ", "_") for s in stems) + " "
        # Index of the token that starts after each space.
        token_at: dict[int, int] = {}
        pos = 0
        for i, s in enumerate(stems):
            token_at[pos] = i
            pos += len(s) + 1
        for end, (n_words, key_len, types) in self._automaton.iter(line):
            first = token_at.get(end - key_len + 1)
            if first is None:
                continue
            for kind in types:
                tags[first].append("B-" + kind)
                for j in range(first + 1, first + n_words):
                    tags[j].append("I-" + kind)
        return [tuple(dict.fromkeys(t)) for t in tags]


def resource_files() -> list[str]:
    """The word-list files the features use, relative to ``arnews/data/`` (sorted).

    >>> all(name.startswith("entities/") for name in resource_files())
    True
    """
    root = resources.files("arnews").joinpath("data", _DIR)
    names = []
    for sub in ("gazetteer", "triggers"):
        folder = root.joinpath(sub)
        if folder.is_dir():
            names += [f"{_DIR}/{sub}/{p.name}" for p in folder.iterdir() if p.name.endswith(".txt")]
    if root.joinpath(_CLUSTERS).is_file():
        names.append(f"{_DIR}/{_CLUSTERS}")
    return sorted(names)


_CLUSTERS = "clusters.tsv.gz"


def _entries(name: str) -> list[str]:
    """The entries of a one-entry-a-line list (``#`` comments and blank lines skipped)."""
    return [ln for ln in (x.strip() for x in read_text(name).splitlines()) if ln and ln[0] != "#"]


def _read_clusters(name: str) -> dict[str, str]:
    """``word<TAB>coarse<TAB>middle<TAB>fine`` lines → folded word → ``coarse/middle/fine``."""
    ref = resources.files("arnews").joinpath("data", name)
    clusters: dict[str, str] = {}
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4:
                clusters.setdefault(fold(parts[0]), "/".join(parts[1:4]))
    return clusters


@cache
def load_lexicon() -> Lexicon:
    """The shipped gazetteers, trigger words and clusters (read once per process).

    Gazetteer files give their class to the features (``gazetteer/per_first.txt`` →
    ``PER_FIRST``); one-word trigger entries are looked up per token (class ``per_title``…)
    and multi-word ones are matched with the names (class ``T_PER_TITLE``…).
    """
    names: list[tuple[str, str]] = []
    triggers: dict[str, str] = {}
    clusters: dict[str, str] = {}
    for name in resource_files():
        stem = name.rsplit("/", 1)[-1].split(".", 1)[0]
        if name.endswith(_CLUSTERS):
            clusters = _read_clusters(name)
        elif "/triggers/" in name:
            kind = stem.removesuffix("s")
            for entry in _entries(name):
                if " " in entry:
                    names.append((entry, "T_" + kind.upper()))
                else:
                    triggers.setdefault(fold(entry), kind)
        else:
            names.extend((entry, stem.upper()) for entry in _entries(name))
    gazetteer = StemGazetteer.from_names(names) if names else None
    return Lexicon(clusters=clusters, triggers=triggers, gazetteer=gazetteer)
