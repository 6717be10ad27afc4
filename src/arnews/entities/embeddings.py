"""Subword-aware word vectors in numpy, computed exactly as fastText computes them.

The vectors are trained by ``training/train_embeddings.py`` (gensim's FastText,
skip-gram with character n-grams) and shipped as one ``.npz`` of plain arrays: a pruned
vocabulary of frequent words with their vectors, and the table of hashed n-gram vectors,
both quantized to int8 with one scale per row. A word in the vocabulary reads its row; any
other word gets the mean of the vectors of its character n-grams, found by fastText's
FNV-1a hash of their UTF-8 bytes modulo the number of buckets — so a name never seen in
training still gets a vector close to those of similar names.

:func:`embedding_key` is how a token is spelled for the vectors, at training and at run
time alike: the folded word without proclitic and article, digits as ``0``.

>>> from arnews.types import Token
>>> embedding_key(Token("والمغرب", 0, 7, proclitic="و", article="ال"))
'مغرب'
>>> embedding_key(Token("2018", 0, 4, "number"))
'0000'
>>> character_ngrams("ab", 2, 3)
['<a', '<ab', 'ab', 'ab>', 'b>']
>>> fasttext_hash("<a")
1761008750
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from arnews._cache import BoundedCache
from arnews.chars import fold
from arnews.types import Token

__all__ = ["WordVectors", "character_ngrams", "embedding_key", "fasttext_hash", "quantize"]

_DIGITS: Final = re.compile(r"\d")
_FNV_OFFSET: Final = 2166136261
_FNV_PRIME: Final = 16777619
_MASK: Final = 0xFFFFFFFF
_NGRAM_MEMO: Final = 300_000
"""Hashed n-grams remembered (n-grams recur across words: most new words cost lookups)."""
_SPECIAL: Final[dict[str, str]] = {
    "url": "<url>",
    "email": "<email>",
    "mention": "<mention>",
}

Floats = npt.NDArray[np.float32]


def embedding_key(tok: Token) -> str:
    """The spelling of ``tok`` that the word vectors are indexed by.

    >>> embedding_key(Token("Reuters", 0, 7))
    'reuters'
    >>> embedding_key(Token("https://x.org", 0, 13, "url"))
    '<url>'
    """
    special = _SPECIAL.get(tok.kind)
    if special is not None:
        return special
    word = fold(tok.stem) if tok.kind == "word" else fold(tok.text)
    word = word or fold(tok.text)
    return _DIGITS.sub("0", word) if tok.kind != "word" else word


def fasttext_hash(ngram: str) -> int:
    """fastText's hash of a string: 32-bit FNV-1a over its UTF-8 bytes, each byte read as
    a *signed* char (fastText's own quirk, which gensim reproduces).

    >>> fasttext_hash(""), fasttext_hash("a")
    (2166136261, 3826002220)
    """
    h = _FNV_OFFSET
    for byte in ngram.encode("utf-8", "surrogatepass"):
        h ^= byte | 0xFFFFFF00 if byte & 0x80 else byte
        h = (h * _FNV_PRIME) & _MASK
    return h


def character_ngrams(word: str, minn: int, maxn: int) -> list[str]:
    """The character n-grams (``minn`` to ``maxn`` long) of ``<word>``, in fastText's order.

    Single ``<`` or ``>`` are left out, as in fastText; the whole ``<word>`` is kept when
    it is short enough.

    >>> character_ngrams("", 1, 2)
    ['<>']
    """
    padded = "<" + word + ">"
    size = len(padded)
    out: list[str] = []
    for i in range(size):
        for n in range(max(minn, 1), maxn + 1):
            j = i + n
            if j > size:
                break
            if n == 1 and (i == 0 or j == size):
                continue
            out.append(padded[i:j])
    return out


def quantize(matrix: Floats) -> tuple[npt.NDArray[np.int8], Floats]:
    """Rows of ``matrix`` as int8 codes and one float32 scale per row.

    >>> codes, scale = quantize(np.array([[0.5, -1.0], [0.0, 0.0]], dtype=np.float32))
    >>> codes.tolist(), scale.tolist()
    ([[64, -127], [0, 0]], [0.007874015718698502, 0.0])
    """
    peak = np.abs(matrix).max(axis=1) if matrix.size else np.zeros(len(matrix), np.float32)
    scale = (peak / 127.0).astype(np.float32)
    safe = np.where(scale > 0, scale, 1.0).astype(np.float32)
    codes = np.rint(matrix / safe[:, None]).clip(-127, 127).astype(np.int8)
    return codes, scale


@dataclass(frozen=True)
class WordVectors:
    """Word vectors for any word: vocabulary rows, else the mean of hashed n-gram rows.

    ``words`` maps a vocabulary word to its row; ``word_codes``/``word_scale`` and
    ``ngram_codes``/``ngram_scale`` are the int8 rows and their per-row scales.
    """

    words: dict[str, int]
    word_codes: npt.NDArray[np.int8]
    word_scale: Floats
    ngram_codes: npt.NDArray[np.int8]
    ngram_scale: Floats
    minn: int
    maxn: int
    _rows: BoundedCache[str, int] = field(
        default_factory=lambda: BoundedCache(_NGRAM_MEMO), compare=False, repr=False
    )

    @property
    def dim(self) -> int:
        """Length of every vector."""
        return int(self.ngram_codes.shape[1])

    @property
    def buckets(self) -> int:
        """Number of rows of the n-gram table."""
        return int(self.ngram_codes.shape[0])

    def ngram_rows(self, word: str) -> list[int]:
        """Rows of the n-gram table that ``word``'s n-grams hash to (with repeats)."""
        buckets = self.buckets
        if not buckets:
            return []
        rows = self._rows
        out = []
        for gram in character_ngrams(word, self.minn, self.maxn):
            row = rows.get(gram)
            if row is None:
                row = rows.put(gram, fasttext_hash(gram) % buckets)
            out.append(row)
        return out

    def vector(self, word: str) -> Floats:
        """The vector of ``word`` (float32, length :attr:`dim`); zeros if it has no n-gram.

        >>> wv = WordVectors.empty(4)
        >>> wv.vector("سلام").shape
        (4,)
        """
        row: Floats = self.vectors([word])[0]
        return row

    def vectors(self, words: Sequence[str]) -> Floats:
        """The vectors of several words at once, one row each (see :meth:`vector`).

        >>> WordVectors.empty(3).vectors(["أ", "ب"]).tolist()
        [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
        """
        out = np.zeros((len(words), self.dim), dtype=np.float32)
        known_at: list[int] = []
        known: list[int] = []
        hashed_at: list[int] = []
        counts: list[int] = []
        grams: list[int] = []
        for i, word in enumerate(words):
            row = self.words.get(word)
            if row is not None:
                known_at.append(i)
                known.append(row)
                continue
            rows = self.ngram_rows(word)
            if rows:
                hashed_at.append(i)
                counts.append(len(rows))
                grams.extend(rows)
        if known:
            idx = np.asarray(known, dtype=np.intp)
            out[known_at] = self.word_codes[idx].astype(np.float32) * self.word_scale[idx, None]
        if grams:
            idx = np.asarray(grams, dtype=np.intp)
            rows_f = self.ngram_codes[idx].astype(np.float32) * self.ngram_scale[idx, None]
            firsts = np.cumsum([0, *counts[:-1]])
            sums = np.add.reduceat(rows_f, firsts, axis=0)
            out[hashed_at] = sums / np.asarray(counts, dtype=np.float32)[:, None]
        return out

    @staticmethod
    def empty(dim: int) -> WordVectors:
        """Vectors that are all zeros (no vocabulary, no n-gram table)."""
        return WordVectors(
            {},
            np.zeros((0, dim), np.int8),
            np.zeros(0, np.float32),
            np.zeros((0, dim), np.int8),
            np.zeros(0, np.float32),
            2,
            5,
        )

    @staticmethod
    def from_arrays(arrays: dict[str, npt.NDArray[np.generic]]) -> WordVectors:
        """Build from the arrays written by ``training/train_embeddings.py``.

        Keys: ``emb_words`` (newline-joined vocabulary as UTF-8 bytes, uint8),
        ``emb_word_codes``, ``emb_word_scale``, ``emb_ngram_codes``, ``emb_ngram_scale``,
        ``emb_ngram_range`` (``[minn, maxn]``).
        """
        raw = bytes(np.asarray(arrays["emb_words"], dtype=np.uint8)).decode("utf-8")
        vocab = raw.split("\n") if raw else []
        minn, maxn = (int(x) for x in np.asarray(arrays["emb_ngram_range"]).tolist())
        return WordVectors(
            {w: i for i, w in enumerate(vocab)},
            np.asarray(arrays["emb_word_codes"], dtype=np.int8),
            np.asarray(arrays["emb_word_scale"], dtype=np.float32),
            np.asarray(arrays["emb_ngram_codes"], dtype=np.int8),
            np.asarray(arrays["emb_ngram_scale"], dtype=np.float32),
            minn,
            maxn,
        )
