"""CRF features for one sentence of clitic-aware tokens.

The same function computes the features at training time (``training/train_ner.py``) and
at run time, so the shipped model always sees what it was trained on. A token is
described by its letters folded (alef forms, ى, ة), its stem without proclitics and
article, affixes, shape, word clusters, trigger-word classes and gazetteer matches, and
by the same few attributes of its neighbours up to three tokens away.

>>> from arnews.types import Token
>>> toks = [Token("قال", 0, 3), Token("الرئيس", 4, 10, article="ال")]
>>> feats = sentence_features(toks, Lexicon.empty())
>>> "s=رييس" in feats[1] and "-1:s=قال" in feats[1] and "art" in feats[1]
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, TypeAlias

from arnews._cache import BoundedCache
from arnews.chars import fold
from arnews.types import Token

__all__ = ["Lexicon", "sentence_features", "word_attributes", "word_shape", "word_type_attributes"]


def word_shape(word: str) -> str:
    """A coarse shape: script classes of the characters, runs collapsed.

    >>> word_shape("2018"), word_shape("UN"), word_shape("الرباط"), word_shape("F-16")
    ('d', 'L', 'a', 'L-d')
    """
    out: list[str] = []
    for ch in word:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f":
            c = "a"
        elif ch.isdigit():
            c = "d"
        elif ch.isupper():
            c = "L"
        elif ch.isalpha():
            c = "l"
        else:
            c = ch if ch in "-.،,()\"'«»/:" else "x"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:4])


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Word lists the features look words up in (all keys folded with :func:`fold`).

    Lexicons compare by identity: the description of each word form seen is remembered
    per lexicon (see :func:`_descriptions`), outside this frozen object.
    ``clusters`` maps a folded stem to a bit-string cluster path; ``triggers`` maps a
    folded base form to a trigger class (``title``, ``org``, ``loc``…); ``gazetteer``
    finds typed names in a sentence: a callable from folded stems to per-token tags
    such as ``B-LOC`` (``None`` when no gazetteer is used). ``added`` finds the names
    added since the tagger was trained (``names_added.txt``): the name rules read them
    with the gazetteer's, the features never do.
    """

    clusters: Mapping[str, str] = field(default_factory=dict)
    triggers: Mapping[str, str] = field(default_factory=dict)
    gazetteer: GazetteerTagger | None = None
    added: GazetteerTagger | None = None

    @staticmethod
    def empty() -> Lexicon:
        """A lexicon with no entries (features from the words alone)."""
        return Lexicon()


class GazetteerTagger:
    """Interface: find typed names in a sequence of folded stems."""

    def matches(
        self, stems: Sequence[str], *, remember: bool = True
    ) -> list[tuple[int, int, tuple[str, ...]]]:  # pragma: no cover - interface
        """Every name found in ``stems``: ``(first, stop, classes)`` token ranges, sorted
        (``remember``: whether an implementation may keep the result for the next call)."""
        raise NotImplementedError

    def tag_pairs(
        self,
        stems: Sequence[str],
        names: Sequence[tuple[int, int, tuple[str, ...]]] | None = None,
    ) -> list[tuple[int, str]]:
        """The tags of the names over each stem as ``(index, tag)`` pairs: ``U-`` for a
        one-word name, ``B-``/``I-`` for the first and later words of a longer one (each
        tag once per stem, in the order of :meth:`matches`; ``names``: those matches, when
        the caller has them)."""
        pairs: list[tuple[int, str]] = []
        seen: set[tuple[int, str]] = set()
        for first, stop, kinds in self.matches(stems) if names is None else names:
            for kind in kinds:
                if stop - first == 1:
                    found = [(first, "U-" + kind)]
                else:
                    found = [(first, "B-" + kind)]
                    found += [(j, "I-" + kind) for j in range(first + 1, stop)]
                for pair in found:
                    if pair not in seen:
                        seen.add(pair)
                        pairs.append(pair)
        return pairs

    def tag(self, stems: Sequence[str]) -> list[tuple[str, ...]]:
        """For each stem, the tags of the names that cover it (see :meth:`tag_pairs`)."""
        tags: list[list[str]] = [[] for _ in stems]
        for i, tag in self.tag_pairs(stems):
            tags[i].append(tag)
        return [tuple(t) for t in tags]


_CLUSTER_PREFIXES: Final = (4, 8, 12)


def _cluster_levels(cluster: str) -> list[str]:
    """A cluster at coarse, middle and fine granularity.

    Either ``coarse/middle/fine`` ids, or a Brown bit-string path read at 4, 8 and 12 bits.

    >>> _cluster_levels("3/41/977"), _cluster_levels("0110100111")
    (['3', '3/41', '3/41/977'], ['0110', '01101001', '0110100111'])
    """
    if "/" in cluster:
        levels = cluster.split("/")
        return [levels[0], "/".join(levels[:2]), cluster] if len(levels) > 2 else [cluster] * 3
    return [cluster[:n] for n in _CLUSTER_PREFIXES]


@dataclass(frozen=True, slots=True)
class _Word:
    """What the features need of one word form: its folded stem, its own attributes, and
    the attributes it lends its neighbours at each offset."""

    stem: str
    own: tuple[str, ...]
    around: dict[int, tuple[str, ...]]


_CACHE_LIMIT: Final = 200_000
_WordKey: TypeAlias = tuple[str, str, str, str]
_OPEN_QUOTES: Final = frozenset("«“„‹")
_CLOSE_QUOTES: Final = frozenset("»”›")
_OFFSETS: Final = (-3, -2, -1, 1, 2, 3)


_STEM_KEYS: BoundedCache[tuple[str, int, bool], str] = BoundedCache(200_000)


def stem_keys(tokens: Sequence[Token]) -> list[str]:
    """Each token's folded stem (a word without its proclitics and article; any other
    token whole): the key under which the name rules and the document pass compare words.

    Memoized per word form, since a text repeats its words.

    >>> stem_keys([Token("وللأمم", 0, 6, proclitic="ول", article="ل"), Token("،", 6, 7, "punct")])
    ['امم', '،']
    """
    get, put = _STEM_KEYS.get, _STEM_KEYS.put
    out: list[str] = []
    for tok in tokens:
        cut = len(tok.proclitic) + len(tok.article)
        form = (tok.text, cut, tok.kind == "word")
        key = get(form)
        if key is None:
            stem = tok.text[cut:] if form[2] else ""
            key = put(form, fold(stem or tok.text))
        out.append(key)
    return out


def inside_quotes(tokens: Sequence[Token]) -> list[bool]:
    """Per token: does it stand inside quotation marks (« », “ ”, or paired straight ")?

    >>> from arnews.types import Token
    >>> inside_quotes([Token("«", 0, 1, "punct"), Token("نص", 1, 3), Token("»", 3, 4, "punct")])
    [False, True, False]
    """
    flags: list[bool] = []
    quoted = False
    for tok in tokens:
        text = tok.text
        if text in _CLOSE_QUOTES or (text == '"' and quoted):
            quoted = False
            flags.append(False)
        elif quoted:
            flags.append(True)
        else:
            quoted = text in _OPEN_QUOTES or text == '"'
            flags.append(False)
    return flags


def _encodable(text: str) -> str:
    """``text`` with lone surrogates replaced, so that CRFsuite can encode it as UTF-8.

    >>> _encodable("a" + chr(0xD800) + "b")
    'a?b'
    """
    return text.encode("utf-8", "replace").decode("utf-8")


@dataclass(frozen=True, slots=True)
class _Lookup:
    """A word form folded and looked up in the lexicon: what every feature is built from."""

    word: str
    stem: str
    shape: str
    levels: list[str]
    trigger: str

    def type_attributes(self, tok: Token) -> tuple[str, ...]:
        """The attributes of the word type: shape, kind, length, clitics, clusters, trigger."""
        own = ["sh=" + self.shape, "k=" + tok.kind, "ln=" + str(min(len(self.stem), 8))]
        if tok.proclitic:
            own.append("pc=" + tok.proclitic)
        if tok.article:
            own.append("art")
        own.extend(f"c{i}={level}" for i, level in enumerate(self.levels))
        if self.trigger:
            own.append("t=" + self.trigger)
        return tuple(own)


def _look_up(tok: Token, lex: Lexicon) -> _Lookup:
    word = _encodable(fold(tok.text))
    is_word = tok.kind == "word"
    stem = (_encodable(fold(tok.stem)) if is_word else word) or word
    shape = word_shape(tok.text) if is_word else tok.kind
    base = _encodable(fold(tok.base)) if is_word else word
    cluster = lex.clusters.get(base, "") or lex.clusters.get(stem, "")
    trigger = lex.triggers.get(base, "") or lex.triggers.get(stem, "")
    return _Lookup(word, stem, shape, _cluster_levels(cluster) if cluster else [], trigger)


def word_type_attributes(tok: Token, lex: Lexicon) -> tuple[str, tuple[str, ...]]:
    """The folded stem of ``tok`` and the attributes of its word type (not cached).

    The neural tagger's lexical inputs: shape, kind, length, proclitic and article marks,
    cluster levels and trigger class, looked up exactly as for the CRF's features (the
    same attributes appear among :func:`word_attributes`), without the CRF's affix and
    neighbour strings.

    >>> word_type_attributes(Token("وباريس", 0, 6, proclitic="و"), Lexicon.empty())
    ('باريس', ('sh=a', 'k=word', 'ln=5', 'pc=و'))
    """
    found = _look_up(tok, lex)
    return found.stem, found.type_attributes(tok)


def _describe(tok: Token, lex: Lexicon) -> _Word:
    """Build the cached description of a token's word form."""
    found = _look_up(tok, lex)
    word, stem, shape, levels, trigger = (
        found.word,
        found.stem,
        found.shape,
        found.levels,
        found.trigger,
    )
    own = [
        "b",
        "w=" + word,
        "s=" + stem,
        "sh=" + shape,
        "k=" + tok.kind,
        "p1=" + stem[:1],
        "p2=" + stem[:2],
        "p3=" + stem[:3],
        "x1=" + stem[-1:],
        "x2=" + stem[-2:],
        "x3=" + stem[-3:],
        "p4=" + stem[:4],
        "x4=" + stem[-4:],
        "ln=" + str(min(len(stem), 8)),
    ]
    if tok.proclitic:
        own.append("pc=" + tok.proclitic)
    if tok.article:
        own.append("art")
    own.extend(f"c{i}={level}" for i, level in enumerate(levels))
    if trigger:
        own.append("t=" + trigger)
    around: dict[int, tuple[str, ...]] = {}
    for d in _OFFSETS:
        off = f"{d:+d}:"
        feats = [off + "s=" + stem]
        if trigger:
            feats.append(off + "t=" + trigger)
        if levels:
            feats.append(off + "c1=" + levels[1])
        if abs(d) == 1:
            feats += [off + "w=" + word, off + "sh=" + shape, off + "x2=" + stem[-2:]]
            if levels:
                feats.append(off + "c2=" + levels[-1])
        around[d] = tuple(feats)
    return _Word(stem, tuple(own), around)


@lru_cache(maxsize=8)
def _descriptions(lex: Lexicon) -> BoundedCache[_WordKey, _Word]:
    """The bounded memo of word descriptions made with ``lex`` (one per lexicon)."""
    return BoundedCache(_CACHE_LIMIT)


def _word(tok: Token, lex: Lexicon, cache: BoundedCache[_WordKey, _Word]) -> _Word:
    key = (tok.text, tok.proclitic, tok.article, tok.kind)
    found = cache.get(key)
    return found if found is not None else cache.put(key, _describe(tok, lex))


def word_attributes(tok: Token, lex: Lexicon) -> tuple[str, tuple[str, ...]]:
    """The folded stem of ``tok`` and the CRF attributes of its own word form (cached).

    The neural tagger reads its lexical inputs (shape, clusters, triggers, clitic marks)
    from here, so both models see the same word lists the same way.

    >>> stem, own = word_attributes(Token("والمغرب", 0, 7, proclitic="و", article="ال"),
    ...                             Lexicon.empty())
    >>> stem, "pc=و" in own, "art" in own
    ('مغرب', True, True)
    """
    word = _word(tok, lex, _descriptions(lex))
    return word.stem, word.own


def sentence_features(tokens: Sequence[Token], lex: Lexicon) -> list[list[str]]:
    """Return one list of CRFsuite attribute strings per token of a sentence.

    >>> from arnews.types import Token
    >>> sentence_features([], Lexicon.empty())
    []
    >>> f = sentence_features([Token("تونس", 0, 4)], Lexicon.empty())[0]
    >>> "BOS" in f and "EOS" in f
    True
    """
    n = len(tokens)
    cache = _descriptions(lex)
    words = [_word(t, lex, cache) for t in tokens]
    stems = [w.stem for w in words]
    gaz = lex.gazetteer.tag(stems) if lex.gazetteer and n else [()] * n
    out: list[list[str]] = []
    for i, inside in enumerate(inside_quotes(tokens)):
        feats = list(words[i].own)
        feats.extend("g=" + tag for tag in gaz[i])
        for d in _OFFSETS:
            j = i + d
            if 0 <= j < n:
                feats.extend(words[j].around[d])
        if inside:
            feats.append("inq")
        if i > 0:
            feats.extend("-1:g=" + tag for tag in gaz[i - 1])
            feats.append(f"-1|0={stems[i - 1]}|{stems[i]}")
        else:
            feats.append("BOS")
        if i < n - 1:
            feats.extend("+1:g=" + tag for tag in gaz[i + 1])
            feats.append(f"0|+1={stems[i]}|{stems[i + 1]}")
        else:
            feats.append("EOS")
        if i > 1:
            feats.append(f"-2|-1={stems[i - 2]}|{stems[i - 1]}")
        feats.append("pos=" + str(min(i, 3)))
        out.append(feats)
    return out
