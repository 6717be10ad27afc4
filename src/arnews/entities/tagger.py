"""The embedded tagger: normalize with an offset map, tokenize, cut into sentences, run the CRF.

Sentences are the ones :func:`arnews.split_sentences` finds in the text you passed (so
``د. أحمد العلوي`` keeps its title and no entity runs across a sentence end that
``process`` reports); a sentence longer than ``MAX_CHUNK`` tokens is tagged in pieces, which
keeps long unpunctuated input linear.

The model is CRFsuite's own file (no pickle), opened lazily on first use; each thread
gets its own ``pycrfsuite.Tagger`` because those objects keep per-call state.
``pycrfsuite`` is imported only here and only when a text is tagged.

>>> toks = [Token("غادر", 0, 4), Token(".", 4, 5, "punct"), Token("ثم", 6, 8)]
>>> chunks = sentence_chunks(toks, "غادر. ثم")
>>> [[t.text for t in c] for c in chunks]
[['غادر', '.'], ['ثم']]
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from arnews.entities.features import Lexicon, sentence_features
from arnews.types import Token

__all__ = [
    "CrfModel",
    "TaggedToken",
    "analyze",
    "sentence_chunks",
    "sentence_starts",
    "text_blocks",
]

MAX_CHUNK: Final = 150
"""Longest run of tokens tagged at once: keeps long unpunctuated input linear."""
_BREAKS: Final = (("\n\n",), ("\n",), (". ", "؟ ", "! ", "? "), (" ", "\t"))
"""Where a long text may be cut, best first: paragraph, line, sentence end, space."""
_HASHTAG_MARKS: Final = re.compile(r"(?<=[^\W_])_+(?=[^\W\d_])|#(?=[^\W\d_])")
"""A hashtag's ``#`` and the underscores between its words (``#جيمس_ماتيس``)."""


def analyze(text: str) -> tuple[str, list[Token], Any]:
    """Normalize ``text`` with its offset map and tokenize the normalized text.

    A hashtag is read as its words: its ``#`` and the underscores between words count as
    spaces, so ``#جيمس_ماتيس`` is the two words of a name (the entity's text, taken from
    ``text``, keeps the underscore).

    Returns the normalized text, its tokens, and the ``Normalized`` object whose
    ``original_span`` maps offsets back onto ``text``.

    >>> words, tokens, _ = analyze("زار #جيمس_ماتيس الرباط")
    >>> words, [t.text for t in tokens]
    ('زار  جيمس ماتيس الرباط', ['زار', 'جيمس', 'ماتيس', 'الرباط'])
    """
    from arnews.normalization import normalize_with_map
    from arnews.tokenization import tokenize

    norm = normalize_with_map(text)
    words = norm.text
    if "#" in words or "_" in words:  # same length: offsets unchanged
        words = _HASHTAG_MARKS.sub(lambda m: " " * len(m[0]), words)
    return words, tokenize(words), norm


def text_blocks(text: str, size: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` blocks of at most ``size`` characters.

    Each cut falls in the second half of its window, after the last paragraph break
    there, else the last line end, sentence end or space (a run of ``size // 2``
    characters without any of them is cut where the window ends). Together the blocks
    cover the text exactly; a text of at most ``size`` characters is one block.

    >>> text = "أولى.\\n\\nثانية هنا. ثالثة"
    >>> [text[s:e] for s, e in text_blocks(text, 12)]
    ['أولى.\\n\\n', 'ثانية هنا. ', 'ثالثة']
    >>> text_blocks("", 8)
    [(0, 0)]
    """
    if size < 2:
        raise ValueError(f"size must be at least 2, not {size}")
    blocks: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while length - start > size:
        limit, floor = start + size, start + size // 2
        cut = limit
        for marks in _BREAKS:
            found = max(text.rfind(m, floor, limit) + len(m) for m in marks)
            if found > floor:
                cut = found
                break
        blocks.append((start, cut))
        start = cut
    blocks.append((start, length))
    return blocks


def sentence_starts(norm: Any) -> list[int]:
    """Where the sentences of the original text start, as offsets into the normalized text.

    ``norm`` is the ``Normalized`` object :func:`analyze` returns; the sentences are those
    :func:`arnews.split_sentences` finds in ``norm.source``.

    >>> from arnews.normalization import normalize_with_map
    >>> sentence_starts(normalize_with_map("قال د. أحمد العلوي.  ثم غادر."))
    [0, 20]
    """
    from arnews.segmentation import split_sentences

    offsets = norm.offsets
    return [bisect_left(offsets, s.start) for s in split_sentences(norm.source)]


def sentence_chunks(
    tokens: Sequence[Token], text: str, starts: Sequence[int] | None = None
) -> list[list[Token]]:
    """Cut tokens into their sentences, and every ``MAX_CHUNK`` tokens within a sentence.

    ``starts`` are the offsets (into ``text``, which the tokens index) where sentences
    start; by default those of :func:`arnews.split_sentences` on ``text``.

    >>> sentence_chunks([], "")
    []
    >>> toks = [Token("د", 0, 1), Token(".", 1, 2, "punct"), Token("زيد", 3, 6)]
    >>> [len(c) for c in sentence_chunks(toks, "د. زيد")]
    [3]
    """
    if not tokens:
        return []
    if starts is None:
        from arnews.segmentation import split_sentences

        starts = [s.start for s in split_sentences(text)]
    chunks: list[list[Token]] = []
    current: list[Token] = []
    k = 0  # index of the next sentence start not yet reached
    n_starts = len(starts)
    for tok in tokens:
        new_sentence = False
        while k < n_starts and starts[k] <= tok.start:
            new_sentence = True
            k += 1
        if current and (new_sentence or len(current) >= MAX_CHUNK):
            chunks.append(current)
            current = []
        current.append(tok)
    if current:
        chunks.append(current)
    return chunks


@dataclass(frozen=True)
class TaggedToken:
    """A token with its BIO label and the model's probability for that label."""

    token: Token
    label: str
    score: float


@dataclass(frozen=True)
class CrfModel:
    """A CRFsuite model file and the lexicon its features were computed with."""

    path: str
    lexicon: Lexicon
    _local: threading.local = field(default_factory=threading.local, compare=False, repr=False)

    def _tagger(self) -> Any:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(self.path)
            self._local.tagger = tagger
        return tagger

    def tag(self, tokens: Sequence[Token]) -> list[TaggedToken]:
        """Label one sentence of tokens.

        >>> CrfModel("unused.crfsuite", Lexicon.empty()).tag([])
        []
        """
        if not tokens:
            return []
        tagger = self._tagger()
        labels: list[str] = tagger.tag(sentence_features(tokens, self.lexicon))
        return [
            TaggedToken(tok, label, float(tagger.marginal(label, i)))
            for i, (tok, label) in enumerate(zip(tokens, labels, strict=True))
        ]

    def tag_text(
        self, text: str, tokens: Sequence[Token], starts: Sequence[int] | None = None
    ) -> list[TaggedToken]:
        """Label all tokens of ``text``, one sentence (see :func:`sentence_chunks`) at a time."""
        out: list[TaggedToken] = []
        for chunk in sentence_chunks(tokens, text, starts):
            out.extend(self.tag(chunk))
        return out
