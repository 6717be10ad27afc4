"""Gazetteers, trigger words and word clusters: the word lists behind the CRF features.

Names are matched over folded, clitic-stripped stems with one Aho-Corasick automaton
(pyahocorasick), so a sentence is scanned in linear time whatever the list sizes.
Everything is read lazily from ``arnews/data/entities/`` on first use.

>>> g = StemGazetteer.from_names([("الأمم المتحدة", "ORG"), ("الرباط", "LOC")])
>>> g.tag(["زار", "امم", "متحده", "في", "رباط"])
[(), ('B-ORG',), ('I-ORG',), (), ('U-LOC',)]
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from arnews.chars import fold
from arnews.entities.features import GazetteerTagger, Lexicon
from arnews.entities.resources import (
    gazetteer_names,
    load_added_names,
    load_clusters,
    load_gazetteer,
    load_triggers,
    trigger_kinds,
)

__all__ = ["StemGazetteer", "load_lexicon", "name_stems", "resource_files"]

_DIR = "entities"


def name_stems(name: str) -> str:
    """The folded stems of a name, space-separated: the article of each word set aside,
    and the proclitic of every word after the first (``للصليب`` → ``صليب``), as the tagger's
    tokens have them.

    >>> name_stems("الأمم المتحدة"), name_stems("الرباط"), name_stems("ال")
    ('امم متحده', 'رباط', 'ال')
    >>> name_stems("مكتب الأمم المتحدة لمكافحة الإرهاب")
    'مكتب امم متحده مكافحه ارهاب'
    """
    out = []
    for i, word in enumerate(name.split()):
        if i and word[:1] in _CLITIC_LETTERS:
            word = _inner_stem(word)
        word = fold(word)
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        out.append(word)
    return " ".join(out)


_CLITIC_LETTERS = frozenset("وفبلك")


@cache
def _inner_stem(word: str) -> str:
    """A word inside a name without its proclitic (the article is left to the caller)."""
    from arnews.tokenization import tokenize

    toks = tokenize(word)
    if len(toks) != 1 or not toks[0].proclitic:
        return word
    return toks[0].base


class StemGazetteer(GazetteerTagger):
    """Typed names matched as whole-token sequences of folded stems."""

    def __init__(self, automaton: Any) -> None:
        self._automaton = automaton
        # the last stems matched and what was found (see matches)
        self._last: tuple[list[str], list[tuple[int, int, tuple[str, ...]]]] = ([], [])
        self._first_words: dict[frozenset[str], frozenset[str]] = {}

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

    def matches(
        self, stems: Sequence[str], *, remember: bool = True
    ) -> list[tuple[int, int, tuple[str, ...]]]:
        """Every name found in ``stems``: ``(first, stop, classes)`` token ranges.

        The last stems matched with ``remember`` are kept with what was found: a text's
        stems are matched for the tagger's features, then again by the name rules.

        >>> g = StemGazetteer.from_names([("سان جرمان", "ORG"), ("جرمان", "PER")])
        >>> g.matches(["ضد", "سان", "جرمان"])
        [(1, 3, ('ORG',)), (2, 3, ('PER',))]
        """
        if not stems or not len(self._automaton):
            return []
        last_stems, last_found = self._last  # one read: safe when threads share the object
        if last_stems == stems:
            return list(last_found)
        joined = " ".join(stems)
        if joined.count(" ") != len(stems) - 1:  # a stem with a space in it (rare)
            joined = " ".join(s.replace(" ", "_") for s in stems)
        # keys start and end with a space, so a match starts at a space before a token
        spaces = list(itertools.accumulate((len(s) + 1 for s in stems), initial=0))
        found: list[tuple[int, int, tuple[str, ...]]] = []
        for end, (n_words, key_len, types) in self._automaton.iter(" " + joined + " "):
            first = bisect.bisect_left(spaces, end - key_len + 1)
            found.append((first, first + n_words, types))
        found.sort()
        if remember:
            self._last = (list(stems), found)
        return list(found)

    def first_words(self, classes: frozenset[str]) -> frozenset[str]:
        """The first stems of the listed names of two words or more that carry one of
        ``classes`` (computed once per set of classes).

        >>> g = StemGazetteer.from_names([("أتلتيكو مدريد", "ORG"), ("مدريد", "LOC")])
        >>> sorted(g.first_words(frozenset({"ORG"})))
        ['اتلتيكو']
        """
        found = self._first_words.get(classes)
        if found is None:
            found = frozenset(
                key.split(" ", 2)[1]
                for key, (n_words, _, kinds) in self._automaton.items()
                if n_words > 1 and not classes.isdisjoint(kinds)
            )
            self._first_words[classes] = found
        return found


def resource_files() -> list[str]:
    """The word-list files the features use, relative to ``arnews/data/`` (sorted).

    >>> "entities/clusters.tsv.gz" in resource_files()
    True
    """
    files = [f"{_DIR}/gazetteer/{name}.txt" for name in gazetteer_names()]
    files += [f"{_DIR}/triggers/{kind}.txt" for kind in trigger_kinds()]
    return sorted([*files, f"{_DIR}/clusters.tsv.gz"])


@cache
def load_lexicon() -> Lexicon:
    """The shipped gazetteers, trigger words and clusters (read once per process).

    Each gazetteer gives its class to the features (``per_first`` → ``PER_FIRST``);
    one-word trigger entries are looked up per token (class ``per_title``…) and
    multi-word ones are matched like names (class ``T_PER_TITLE``…). The names added since
    the tagger was trained (``names_added.txt``) go to ``added``, for the name rules only.

    >>> lex = load_lexicon()
    >>> lex.triggers[fold("الرئيس")]
    'per_title'
    """
    names: list[tuple[str, str]] = []
    for name in gazetteer_names():
        names.extend((entry, name.upper()) for entry in load_gazetteer(name))
    triggers: dict[str, str] = {}
    for kind in trigger_kinds():
        for entry in sorted(load_triggers(kind)):
            if " " in entry:
                names.append((entry, "T_" + kind.upper()))
            else:
                triggers.setdefault(fold(entry), kind)
    clusters: dict[str, str] = {}
    for word, ids in load_clusters().items():
        clusters.setdefault(fold(word), ids)
    gazetteer = StemGazetteer.from_names(sorted(names)) if names else None
    added = load_added_names()
    return Lexicon(
        clusters=clusters,
        triggers=triggers,
        gazetteer=gazetteer,
        added=StemGazetteer.from_names(added) if added else None,
    )
