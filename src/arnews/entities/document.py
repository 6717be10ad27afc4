"""The document-level pass: one name, one type, everywhere in the text.

After the CRF has labelled every sentence, a name it tagged in one place keeps its type
where it recurs untagged or with another type (the majority type wins), and a lone first
name or surname of a person named in full earlier in the text becomes that person. A
lone word is never relabelled when it is a function word (the name علي folds like the
preposition على) or a fragment the tokenizer split off a longer word, nor made a person
by a one-word name or first name when it is a common noun (see ``harmonize_labels``).
A word that is و ف ب ل ك glued to a one-word name of the text gets that letter back as
its proclitic (``لتيلرسون``: the tokenizer keeps unknown words whole), so the name's span
and canonical form leave it out.

>>> from arnews.entities.tagger import TaggedToken
>>> from arnews.types import Token
>>> words = "التقى حموشي زوييف ثم قال حموشي".split()
>>> labels = ["O", "B-PER", "B-PER", "O", "O", "O"]
>>> toks = [TaggedToken(Token(w, 0, len(w)), l, 0.9) for w, l in zip(words, labels)]
>>> [t.label for t in harmonize_labels(toks)]
['O', 'B-PER', 'B-PER', 'O', 'O', 'B-PER']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from arnews.entities.features import Lexicon, stem_keys
from arnews.entities.rules import is_split_fragment
from arnews.entities.spans import bio_spans
from arnews.entities.tagger import TaggedToken
from arnews.layout import function_words
from arnews.tokenization import word_count
from arnews.types import Token

__all__ = ["harmonize_labels"]

_MIN_PART = 3
"""Shortest name part (in letters) that may be propagated alone."""
_CLITICS = frozenset("وفبلك")


def harmonize_labels(
    tagged: Sequence[TaggedToken], lexicon: Lexicon | None = None
) -> list[TaggedToken]:
    """Make the labels of one document consistent (see the module docstring).

    With ``lexicon``, a person's one-word name or first name is not spread to a common
    noun (:func:`_common_noun`) that no person list holds (``فيلم كلينك`` … ``فيلم``); the
    surname of a person named in full still is (``ريان قطب`` … ``قطب``).
    """
    spans = bio_spans([t.label for t in tagged])
    if not spans:
        return list(tagged)
    keys = stem_keys([t.token for t in tagged])
    votes: dict[tuple[str, ...], Counter[str]] = {}
    articled: dict[str, set[bool]] = {}  # one-word names and parts: written with ال or not
    for s, e, kind in spans:
        votes.setdefault(tuple(keys[s:e]), Counter())[kind] += 1
        for j in {s, e - 1}:
            articled.setdefault(keys[j], set()).add(bool(tagged[j].token.article))
    names = {name: c.most_common(1)[0][0] for name, c in votes.items()}
    # Parts of full person names (first and last word) stand for the person.
    parts: dict[tuple[str, ...], str] = {}
    surnames: set[str] = set()
    for name, label in names.items():
        if label == "PER" and len(name) > 1:
            surnames.add(name[-1])
            for part in (name[:1], name[-1:]):
                if len(part[0]) >= _MIN_PART and part not in names:
                    parts.setdefault(part, "PER")
    known = names | parts
    lengths: dict[str, set[int]] = {}  # first word of a known name -> the names' lengths
    for name in known:
        lengths.setdefault(name[0], set()).add(len(name))
    sizes = {first: sorted(found, reverse=True) for first, found in lengths.items()}
    common = function_words()  # علي the name folds like على the preposition
    tagged = _unglue_known_names(tagged, keys, known, common, lexicon)
    labels = [t.label for t in tagged]
    i = 0
    n = len(tagged)
    while i < n:
        for size in sizes.get(keys[i], ()):
            found = known.get(tuple(keys[i : i + size])) if i + size <= n else None
            if found is None or not _replaceable(labels, i, i + size):
                continue
            if size == 1 and (
                tagged[i].token.kind != "word"
                or keys[i] in common
                or is_split_fragment(tagged[i].token)
                or bool(tagged[i].token.article) not in articled.get(keys[i], (False, True))
                or (
                    found == "PER"
                    and keys[i] not in surnames  # ريان قطب … قطب: the person
                    and _common_noun(tagged[i].token, keys[i], lexicon)
                )
            ):
                continue  # e.g. السورية (the Syrian) is not سورية (Syria)
            labels[i] = "B-" + found
            for j in range(i + 1, i + size):
                labels[j] = "I-" + found
            i += size - 1
            break
        i += 1
    return [
        t if t.label == lab else TaggedToken(t.token, lab, t.score)
        for t, lab in zip(tagged, labels, strict=True)
    ]


_NOUN_MIN_COUNT = 50
"""Fewest corpus occurrences of a word for its article count to say it is a noun."""


def _common_noun(tok: Token, key: str, lexicon: Lexicon | None) -> bool:
    """A word without the article that the raw corpora write with it at least half as
    often, and that no person list of ``lexicon`` holds: a common noun (فيلم, نجمة,
    سفينة), which one name the tagger saw in it must not spread to. Names rarely take
    the article (ترمب, نيمار); those that do are listed (صالح, شريف, هادي).

    >>> from arnews.entities.gazetteer import load_lexicon
    >>> lex = load_lexicon()
    >>> [_common_noun(Token(w, 0, len(w)), w, lex) for w in ("فيلم", "نيمار", "صالح")]
    [True, False, False]
    """
    if tok.article or lexicon is None or lexicon.gazetteer is None:
        return False
    alone = word_count(tok.stem)
    if alone < _NOUN_MIN_COUNT or 2 * word_count("ال" + tok.stem) < alone:
        return False
    listed = lexicon.gazetteer.matches([key], remember=False)
    return not any(_PERSON_LISTS.intersection(kinds) for _, _, kinds in listed)


_PERSON_LISTS = frozenset({"PER_FIRST", "PER_LAST", "PER_FULL", "PER_TOKEN", "PER_AMBIGUOUS"})


def _unglue_known_names(
    tagged: Sequence[TaggedToken],
    keys: list[str],
    known: dict[tuple[str, ...], str],
    common: frozenset[str],
    lexicon: Lexicon | None = None,
) -> list[TaggedToken]:
    """Give back the proclitic of a word that is و ف ب ل ك + a one-word name of the text
    (``لتيلرسون`` where ``تيلرسون`` is named): the tokenizer keeps unknown words whole.
    Not when a list of ``lexicon`` holds the whole word and not the rest (``بيراميدز``,
    the club, beside one typo ``يراميدز`` tagged a person). ``keys`` is updated in place."""
    out = list(tagged)
    for i, t in enumerate(tagged):
        tok = t.token
        rest = keys[i][1:]
        if (
            tok.kind != "word"
            or tok.proclitic
            or tok.article
            or tok.text[:1] not in _CLITICS
            or len(rest) < _MIN_PART
            or (rest,) not in known
            or rest in common
            or _listed_whole(keys[i], rest, lexicon)
        ):
            continue
        split = Token(tok.text, tok.start, tok.end, tok.kind, tok.text[0])
        if not is_split_fragment(split):  # not when the whole word is the common one
            out[i] = TaggedToken(split, t.label, t.score)
            keys[i] = rest
    return out


def _listed_whole(word: str, rest: str, lexicon: Lexicon | None) -> bool:
    """Does a list of ``lexicon`` hold the folded ``word`` as a name, and not ``rest``?"""
    if lexicon is None or lexicon.gazetteer is None:
        return False
    spans = {(a, b) for a, b, _ in lexicon.gazetteer.matches([word, rest], remember=False)}
    return (0, 1) in spans and (1, 2) not in spans


def _replaceable(labels: Sequence[str], start: int, end: int) -> bool:
    """True when ``labels[start:end]`` is all O, or exactly one whole entity."""
    inside = labels[start:end]
    if all(lab == "O" for lab in inside):
        return True
    if not inside[0].startswith("B-"):
        return False
    kind = inside[0][2:]
    if any(lab != "I-" + kind for lab in inside[1:]):
        return False
    return end == len(labels) or labels[end] != "I-" + kind
