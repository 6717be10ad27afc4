"""Gazetteers, trigger words and word clusters: the word lists behind the CRF features.

Names are matched over folded, clitic-stripped stems with one Aho-Corasick automaton
(pyahocorasick), so a sentence is scanned in linear time whatever the list sizes.
Everything is read lazily from ``arnews/data/entities/`` on first use.

>>> g = StemGazetteer.from_names([("الأمم المتحدة", "ORG"), ("الرباط", "LOC")])
>>> g.tag(["زار", "امم", "متحده", "في", "رباط"])
[(), ('B-ORG',), ('I-ORG',), (), ('B-LOC',)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

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
    """Names of the word-list files in ``arnews/data/entities/`` (sorted)."""
    root = resources.files("arnews").joinpath("data", _DIR)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.name.endswith((".txt", ".tsv")))


def _read(name: str) -> list[str]:
    text = resources.files("arnews").joinpath("data", _DIR, name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def load_lexicon() -> Lexicon:
    """The shipped gazetteers, trigger words and clusters (read once per process)."""
    return Lexicon()
