"""The embedded tagger: normalize with an offset map, tokenize, cut into sentences, run the CRF.

The model is CRFsuite's own file (no pickle), opened lazily on first use; each thread
gets its own ``pycrfsuite.Tagger`` because those objects keep per-call state.
``pycrfsuite`` is imported only here and only when a text is tagged.

>>> toks = [Token("أ", 0, 1), Token(".", 1, 2, "punct"), Token("ب", 3, 4)]
>>> chunks = sentence_chunks(toks, "أ. ب")
>>> [[t.text for t in c] for c in chunks]
[['أ', '.'], ['ب']]
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from arnews.entities.features import Lexicon, sentence_features
from arnews.types import Token

__all__ = ["CrfModel", "TaggedToken", "analyze", "sentence_chunks"]

_SENTENCE_ENDS: Final = frozenset({".", "!", "?", "؟", "…", "؛"})
MAX_CHUNK: Final = 150
"""Longest run of tokens tagged at once: keeps long unpunctuated input linear."""


def analyze(text: str) -> tuple[str, list[Token], Any]:
    """Normalize ``text`` with its offset map and tokenize the normalized text.

    Returns the normalized text, its tokens, and the ``Normalized`` object whose
    ``original_span`` maps offsets back onto ``text``.
    """
    from arnews.normalization import normalize_with_map
    from arnews.tokenization import tokenize

    norm = normalize_with_map(text)
    return norm.text, tokenize(norm.text), norm


def sentence_chunks(tokens: Sequence[Token], text: str) -> list[list[Token]]:
    """Cut tokens into sentence-sized runs: after . ! ? ؟ … ؛, at line breaks, every 150.

    >>> sentence_chunks([], "")
    []
    """
    chunks: list[list[Token]] = []
    current: list[Token] = []
    prev_end = -1
    for tok in tokens:
        if current and (
            len(current) >= MAX_CHUNK or (prev_end >= 0 and "\n" in text[prev_end : tok.start])
        ):
            chunks.append(current)
            current = []
        current.append(tok)
        prev_end = tok.end
        if tok.text in _SENTENCE_ENDS or (tok.kind == "punct" and tok.text[-1:] in _SENTENCE_ENDS):
            chunks.append(current)
            current = []
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

    def tag_text(self, text: str, tokens: Sequence[Token]) -> list[TaggedToken]:
        """Label all tokens of ``text``, one sentence-sized chunk at a time."""
        out: list[TaggedToken] = []
        for chunk in sentence_chunks(tokens, text):
            out.extend(self.tag(chunk))
        return out
