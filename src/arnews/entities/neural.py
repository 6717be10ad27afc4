"""The neural entity tagger, run in numpy: words → context → BIOES labels with a CRF.

Each token is described once per word form (and cached): a character CNN over its
letters, its subword-aware word vector (:mod:`arnews.entities.embeddings`), and learned
embeddings of the lexical attributes the CRF also uses (shape, clitic and article marks,
word clusters, trigger classes). Per position, gazetteer matches and "inside quotes" are
added. A contextual encoder (an iterated dilated CNN or a BiLSTM, as trained) turns the
sentence into label scores, and a linear-chain CRF finds the best BIOES labelling
(Viterbi) and each token's marginal probability (forward-backward), which becomes the
token's score. All sentences of a text run together as one batch.

The weights come from ``training/train_tagger.py`` (torch, at training time only) as an
``.npz`` of plain arrays, loaded without pickle on first use.

>>> bioes_to_bio(["S-PER", "B-ORG", "I-ORG", "E-ORG", "O"])
['B-PER', 'B-ORG', 'I-ORG', 'I-ORG', 'O']
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from arnews._cache import BoundedCache
from arnews.entities.embeddings import WordVectors, embedding_key
from arnews.entities.features import Lexicon, inside_quotes, word_type_attributes
from arnews.entities.tagger import TaggedToken, sentence_chunks
from arnews.types import Token

__all__ = [
    "NeuralModel",
    "Weights",
    "bioes_to_bio",
    "char_ids",
    "crf_decode",
    "local_scores",
    "position_feature_pairs",
    "position_features",
    "type_features",
    "viterbi_batch",
]


def _tiny_model() -> NeuralModel:
    """A model with zero weights and one O tag (for doctests)."""
    zeros = np.zeros
    arrays: dict[str, npt.NDArray[np.generic]] = {
        "config": np.frombuffer(
            json.dumps({"encoder": "cnn", "dilations": [1], "char_width": 3}).encode(), np.uint8
        ),
        "tags": np.frombuffer(b"O", np.uint8),
        "chars": np.frombuffer(b"p\nu\nb\ne", np.uint8),
        "feats": np.zeros(0, np.uint8),
        "char_emb": zeros((4, 2)),
        "char_conv_w": zeros((6, 2)),
        "char_conv_b": zeros(2),
        "feat_emb": zeros((1, 2)),
        "proj_w": zeros((6, 3)),
        "proj_b": zeros(3),
        "cnn0_w": zeros((9, 3)),
        "cnn0_b": zeros(3),
        "out_w": zeros((3, 1)),
        "out_b": zeros(1),
        "crf_trans": zeros((1, 1)),
        "crf_start": zeros(1),
        "crf_end": zeros(1),
        "emb_words": np.zeros(0, np.uint8),
        "emb_word_codes": zeros((0, 2), np.int8),
        "emb_word_scale": zeros(0),
        "emb_ngram_codes": zeros((5, 2), np.int8),
        "emb_ngram_scale": zeros(5),
        "emb_ngram_range": np.array([2, 5]),
    }
    return NeuralModel.from_arrays(arrays, Lexicon.empty())


Floats = npt.NDArray[np.float32]
Weights = Mapping[str, npt.NDArray[np.generic]]

PAD, UNK, BOW, EOW = 0, 1, 2, 3
"""Reserved character ids: padding, unknown character, start and end of word."""
MAX_CHARS: Final = 24
"""Letters of a word the character CNN reads (longer words: the first ones)."""
_CACHE_LIMIT: Final = 100_000
BATCH_TOKENS: Final = 2_048
"""Tokens tagged in one batch (sentences are never split across batches)."""
_NEG: Final = -1e4


def bioes_to_bio(labels: Sequence[str]) -> list[str]:
    """Map BIOES labels to the BIO labels the span decoder reads."""
    out = []
    for label in labels:
        head = label[:2]
        if head == "S-":
            out.append("B-" + label[2:])
        elif head == "E-":
            out.append("I-" + label[2:])
        else:
            out.append(label)
    return out


def bio_to_bioes(labels: Sequence[str]) -> list[str]:
    """Map BIO labels (CoNLL reading) to BIOES.

    >>> bio_to_bioes(["B-PER", "I-PER", "O", "I-LOC", "B-LOC"])
    ['B-PER', 'E-PER', 'O', 'S-LOC', 'S-LOC']
    """
    out = []
    n = len(labels)
    for i, label in enumerate(labels):
        if label == "O" or len(label) < 3:
            out.append("O")
            continue
        kind = label[2:]
        starts = label[0] == "B" or i == 0 or labels[i - 1][2:] != kind or labels[i - 1] == "O"
        ends = i + 1 == n or labels[i + 1] != "I-" + kind
        if starts:
            out.append(("S-" if ends else "B-") + kind)
        else:
            out.append(("E-" if ends else "I-") + kind)
    return out


def allowed_transitions(tags: Sequence[str]) -> tuple[Floats, Floats, Floats]:
    """Penalties (0 or a large negative) that forbid impossible BIOES moves.

    Returns ``(trans, start, end)``: ``trans[i, j]`` for tag i followed by tag j.

    >>> trans, start, end = allowed_transitions(["O", "B-PER", "E-PER"])
    >>> trans.tolist(), start.tolist(), end.tolist()
    ([[0.0, 0.0, -10000.0], [-10000.0, -10000.0, 0.0], [0.0, 0.0, -10000.0]], \
[0.0, 0.0, -10000.0], [0.0, -10000.0, 0.0])
    """
    n = len(tags)
    trans = np.zeros((n, n), dtype=np.float32)
    start = np.zeros(n, dtype=np.float32)
    end = np.zeros(n, dtype=np.float32)
    for j, b in enumerate(tags):
        inside = b[:2] in ("I-", "E-")
        if inside:
            start[j] = _NEG
        if b[:2] in ("B-", "I-"):
            end[j] = _NEG
        for i, a in enumerate(tags):
            open_a = a[:2] in ("B-", "I-")
            ok = inside and a[2:] == b[2:] if open_a else not inside
            if not ok:
                trans[i, j] = _NEG
    return trans, start, end


def char_ids(word: str, chars: Mapping[str, int]) -> list[int]:
    """Character ids of ``word`` framed by start and end marks.

    >>> char_ids("ab", {"a": 4})
    [2, 4, 1, 3]
    """
    get = chars.get
    return [BOW, *(get(c, UNK) for c in word[:MAX_CHARS]), EOW]


def type_features(tok: Token, lex: Lexicon) -> tuple[str, list[str]]:
    """The folded stem of ``tok`` and the lexical attributes of its word form.

    >>> type_features(Token("وباريس", 0, 6, proclitic="و"), Lexicon.empty())
    ('باريس', ['sh=a', 'k=word', 'ln=5', 'pc=و'])
    """
    stem, own = word_type_attributes(tok, lex)
    return stem, list(own)


def position_features(
    tokens: Sequence[Token], stems: Sequence[str], lex: Lexicon
) -> list[list[str]]:
    """Per token: the gazetteer tags over it (``g=B-LOC``…) and ``inq`` inside quotes.

    >>> toks = [Token("«", 0, 1, "punct"), Token("نص", 1, 3), Token("»", 3, 4, "punct")]
    >>> position_features(toks, ["«", "نص", "»"], Lexicon.empty())
    [[], ['inq'], []]
    """
    out: list[list[str]] = [[] for _ in tokens]
    for i, feature in position_feature_pairs(tokens, stems, lex):
        out[i].append(feature)
    return out


def position_feature_pairs(
    tokens: Sequence[Token],
    stems: Sequence[str],
    lex: Lexicon,
    names: Sequence[tuple[int, int, tuple[str, ...]]] | None = None,
) -> list[tuple[int, str]]:
    """:func:`position_features` as ``(token index, feature)`` pairs, in the same order
    for each token (most tokens have none, so the tagger reads these). ``names``: the
    gazetteer's matches over ``stems``, when the caller has them.

    >>> from arnews.entities.gazetteer import StemGazetteer
    >>> lex = Lexicon(gazetteer=StemGazetteer.from_names([("الأمم المتحدة", "ORG")]))
    >>> toks = [Token("في", 0, 2), Token("الأمم", 3, 8), Token("المتحدة", 9, 16)]
    >>> position_feature_pairs(toks, ["في", "امم", "متحده"], lex)
    [(1, 'g=B-ORG'), (2, 'g=I-ORG')]
    """
    pairs: list[tuple[int, str]] = []
    if lex.gazetteer is not None and tokens:
        pairs = [(i, "g=" + tag) for i, tag in lex.gazetteer.tag_pairs(stems, names)]
    pairs += [(i, "inq") for i, inside in enumerate(inside_quotes(tokens)) if inside]
    return pairs


def _names_by_chunk(
    lex: Lexicon, stems: Sequence[str], lengths: Sequence[int]
) -> list[list[tuple[int, int, tuple[str, ...]]]]:
    """The gazetteer's names within each of the chunks that ``stems`` holds back to back
    (``lengths`` tokens each), with offsets into their chunk.

    The stems are matched once, in one piece (the name rules then match the same stems
    and find them remembered); a name that runs across two chunks belongs to neither,
    as when each chunk was matched alone.

    >>> from arnews.entities.gazetteer import StemGazetteer
    >>> lex = Lexicon(gazetteer=StemGazetteer.from_names([("الأمم المتحدة", "ORG")]))
    >>> _names_by_chunk(lex, ["امم", "متحده", "امم", "متحده"], [1, 3])
    [[], [(1, 3, ('ORG',))]]
    """
    if lex.gazetteer is None or not stems:
        return [[] for _ in lengths]
    found = lex.gazetteer.matches(stems)  # sorted by first token
    out: list[list[tuple[int, int, tuple[str, ...]]]] = []
    k = 0
    first = 0
    for length in lengths:
        stop = first + length
        mine = []
        while k < len(found) and found[k][0] < stop:
            start, end, kinds = found[k]
            if end <= stop:
                mine.append((start - first, end - first, kinds))
            k += 1
        out.append(mine)
        first = stop
    return out


def _tap_reach(
    lengths: Sequence[int], dilations: Sequence[int]
) -> dict[int, tuple[Floats, Floats]]:
    """For sentences back to back (``lengths`` rows each) and each dilation ``d``: 0/1
    columns saying whether row ``i``'s left tap (row ``i - d``) and right tap (row
    ``i + d``) fall in its own sentence, aligned with ``conv[d:]`` and ``conv[:-d]``.

    >>> left, right = _tap_reach([2, 1], [1])[1]
    >>> left.ravel().tolist(), right.ravel().tolist()
    ([1.0, 0.0], [1.0, 0.0])
    >>> [a.shape for a in _tap_reach([1, 2], [4])[4]]  # a dilation longer than the batch
    [(0, 1), (0, 1)]
    """
    n = sum(lengths)
    firsts = np.repeat(np.cumsum([0, *lengths[:-1]]), lengths)  # each row's sentence start
    stops = firsts + np.repeat(lengths, lengths)
    rows = np.arange(n)
    reach: dict[int, tuple[Floats, Floats]] = {}
    for d in set(dilations):
        left = (rows[d:] - d >= firsts[d:]).astype(np.float32)[:, None]
        inner = max(n - d, 0)  # rows whose right tap is inside the batch
        right = (rows[:inner] + d < stops[:inner]).astype(np.float32)[:, None]
        reach[d] = (left, right)
    return reach


def _sigmoid(x: Floats) -> Floats:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)  # type: ignore[no-any-return]


def crf_decode(
    emissions: Floats, trans: Floats, start: Floats, end: Floats
) -> tuple[list[int], Floats]:
    """Best tag path of one sentence (Viterbi) and each position's marginal probabilities.

    ``emissions`` is (length, tags); returns the path and a (length, tags) array whose
    rows sum to 1.

    >>> em = np.array([[2.0, 0.0], [0.0, 3.0]], dtype=np.float32)
    >>> path, marg = crf_decode(em, np.zeros((2, 2), np.float32), np.zeros(2, np.float32),
    ...                         np.zeros(2, np.float32))
    >>> path, marg.sum(axis=1).round(4).tolist()
    ([0, 1], [1.0, 1.0])
    """
    path = _viterbi_one(emissions, np.ascontiguousarray(trans.T), start, end)
    return path, _marginals(emissions, trans, start, end)


def viterbi_batch(
    emissions: Sequence[Floats], trans: Floats, start: Floats, end: Floats
) -> list[list[int]]:
    """Best tag paths of several sentences at once (one Viterbi step per position, for
    all sentences together).

    >>> em = [np.array([[2.0, 0.0], [0.0, 3.0]], np.float32), np.zeros((1, 2), np.float32)]
    >>> z = np.zeros(2, np.float32)
    >>> viterbi_batch(em, np.zeros((2, 2), np.float32), z, z)
    [[0, 1], [0]]
    """
    into = np.ascontiguousarray(trans.T)  # into[j, i]: the score of moving from tag i to j
    if len(emissions) == 1:  # a short call's one sentence: half the array operations
        return [_viterbi_one(emissions[0], into, start, end)]
    lengths = [len(e) for e in emissions]
    batch, longest, tags = len(emissions), max(lengths), trans.shape[0]
    em = np.zeros((longest, batch, tags), dtype=np.float32)
    ending: dict[int, list[int]] = {}  # position -> the sentences that end there
    for b, e in enumerate(emissions):
        em[: len(e), b] = e
        ending.setdefault(len(e) - 1, []).append(b)
    flat = np.arange(batch * tags) * tags  # where each (sentence, tag) row starts in `total`
    back = np.zeros((longest, batch, tags), dtype=np.intp)
    score = start + em[0]
    final = np.zeros((batch, tags), dtype=np.float32)
    for t in range(longest):
        if t:
            total = score[:, None, :] + into  # (sentence, to, from)
            best = total.argmax(axis=2)
            back[t] = best
            # the max through the argmax: one gather, about twice as fast as max()
            score = total.ravel().take(flat + best.ravel()).reshape(batch, tags) + em[t]
        done = ending.get(t)
        if done is not None:
            final[done] = score[done] + end
    # trace all sentences back together; each joins the trace at its own last position
    paths = np.empty((batch, longest), dtype=np.intp)
    rows = np.arange(batch)
    tag = final.argmax(axis=1)
    cur = tag.copy()
    for t in range(longest - 1, -1, -1):
        if t < longest - 1:
            cur = back[t + 1, rows, cur]
        done = ending.get(t)
        if done is not None:
            cur[done] = tag[done]
        paths[:, t] = cur
    return [row[:n] for row, n in zip(paths.tolist(), lengths, strict=True)]


def _viterbi_one(em: Floats, into: Floats, start: Floats, end: Floats) -> list[int]:
    """:func:`viterbi_batch` for one sentence (the same sums, so the same path)."""
    tags = into.shape[0]
    flat = np.arange(tags) * tags  # where each "to" tag's row starts in `total`
    backs: list[npt.NDArray[np.intp]] = []
    score = start + em[0]
    for t in range(1, len(em)):
        total = into + score  # (to, from)
        best = total.argmax(axis=1)
        backs.append(best)
        score = total.take(flat + best) + em[t]
    tag = int((score + end).argmax())
    path = [tag]
    for best in reversed(backs):
        tag = int(best[tag])
        path.append(tag)
    path.reverse()
    return path


def local_scores(
    emission: Floats,
    path: Sequence[int],
    trans: Floats,
    start: Floats,
    end: Floats,
    lengths: Sequence[int] | None = None,
) -> Floats:
    """Each token's probability of its tag given the sentence and its neighbours' tags.

    The CRF's conditional for one position with the rest of the best path fixed: cheap
    (a few array operations) and in 0-1, it is what ``Entity.score`` averages.
    ``lengths`` reads ``emission`` and ``path`` as several sentences back to back.

    >>> em = np.array([[2.0, 0.0], [0.0, 0.0]], np.float32)
    >>> z = np.zeros(2, np.float32)
    >>> [round(float(x), 3) for x in local_scores(em, [0, 1], np.zeros((2, 2), np.float32), z, z)]
    [0.881, 0.5]
    """
    p = np.asarray(path, dtype=np.intp)
    stops = np.cumsum([len(p)] if lengths is None else lengths)
    firsts = np.concatenate([[0], stops[:-1]])
    before = np.empty((len(p), len(start)), dtype=np.float32)
    before[1:] = trans[p[:-1]]  # from the previous tag; a sentence's first: the start
    before[firsts] = start
    after = np.empty_like(before)
    after[:-1] = trans[:, p[1:]].T  # to the next tag; a sentence's last: the end
    after[stops - 1] = end
    logits = emission.astype(np.float32) + before + after
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    chosen: Floats = (probs[np.arange(len(p)), p] / probs.sum(axis=1)).astype(np.float32)
    return chosen


def _marginals(emissions: Floats, trans: Floats, start: Floats, end: Floats) -> Floats:
    """Forward-backward in scaled probability space (per-row shift keeps exp in range)."""
    n, t = emissions.shape
    shift = emissions.max(axis=1, keepdims=True)
    e = np.exp(emissions - shift)
    m = np.exp(trans - trans.max())
    alpha = np.empty((n, t), dtype=np.float64)
    beta = np.empty((n, t), dtype=np.float64)
    a = np.exp(start - start.max()) * e[0]
    alpha[0] = a / a.sum()
    for i in range(1, n):
        a = (alpha[i - 1] @ m) * e[i]
        alpha[i] = a / a.sum()
    b = np.exp(end - end.max()).astype(np.float64)
    beta[n - 1] = b / b.sum()
    for i in range(n - 2, -1, -1):
        b = m @ (beta[i + 1] * e[i + 1])
        beta[i] = b / b.sum()
    post = alpha * beta
    post /= post.sum(axis=1, keepdims=True)
    return post.astype(np.float32)


@dataclass(frozen=True)
class _Net:
    """The arrays of a trained tagger and the settings that say how to use them."""

    config: dict[str, object]
    tags: tuple[str, ...]
    chars: dict[str, int]
    feats: dict[str, int]
    arrays: dict[str, Floats]

    @property
    def input_weights(self) -> tuple[Floats, Floats]:
        """The encoder's first, linear step as one ``(weights, bias)`` pair.

        The dilated CNN starts with a projection and the BiLSTM with its two input
        products; either is linear in a token's input vector, so a word form's share of
        it is computed once and cached (see :meth:`NeuralModel.inputs`).
        """
        a = self.arrays
        if str(self.config["encoder"]) == "lstm":
            wih, bias = a["lstm_wih"], a["lstm_b"]
            return np.concatenate([wih[0], wih[1]], axis=1), np.concatenate([bias[0], bias[1]])
        return a["proj_w"], a["proj_b"]

    @cached_property
    def char_conv_wide(self) -> npt.NDArray[np.float64]:
        """The character convolution's weights in float64 (see ``NeuralModel._char_cnn``)."""
        return self.arrays["char_conv_w"].astype(np.float64)

    @cached_property
    def input_weights_wide(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """:attr:`input_weights` in float64 (see :meth:`NeuralModel._first_layer`)."""
        weights, bias = self.input_weights
        return weights.astype(np.float64), bias.astype(np.float64)

    @staticmethod
    def from_arrays(arrays: Weights) -> _Net:
        def text(key: str) -> str:
            return bytes(np.asarray(arrays[key], dtype=np.uint8)).decode("utf-8")

        config = json.loads(text("config"))
        tags = tuple(text("tags").split("\n"))
        chars = {c: i for i, c in enumerate(text("chars").split("\n")) if i > EOW}
        feats = {f: i for i, f in enumerate(text("feats").split("\n")) if i > 0}
        skip = {"config", "tags", "chars", "feats"}
        floats = {
            k: np.ascontiguousarray(v, dtype=np.float32)
            for k, v in arrays.items()
            if k not in skip and not k.startswith("emb_")
        }
        for key in [k for k in floats if k.startswith("cnn") and k.endswith("_w")]:
            w = floats[key]  # (3 * d_in, d_out): the left, centre and right taps stacked
            d_in = w.shape[0] // 3
            taps = w.reshape(3, d_in, -1).transpose(1, 0, 2).reshape(d_in, -1)
            floats[key[:-2] + "_taps"] = np.ascontiguousarray(taps)
        net = _Net(config, tags, chars, feats, floats)
        weights, _ = net.input_weights
        lex_dim = floats["feat_emb"].shape[1]
        # each lexical attribute's embedding already through the first layer
        floats["feat_in"] = np.ascontiguousarray(floats["feat_emb"] @ weights[-lex_dim:])
        return net


@dataclass(frozen=True)
class NeuralModel:
    """A trained neural tagger with its word vectors and the lexicon of its features.

    ``tag_text`` has the signature of :meth:`arnews.entities.tagger.CrfModel.tag_text`, so
    both run through the same chunking, document pass and span decoding. ``marginals``
    gives the per-token probabilities of every BIOES tag (used to combine models).
    """

    net: _Net
    vectors: WordVectors
    lexicon: Lexicon
    _cache: BoundedCache[tuple[str, str, str, str], tuple[Floats, str]] = field(
        default_factory=lambda: BoundedCache(_CACHE_LIMIT), compare=False, repr=False
    )
    _attributes: BoundedCache[tuple[str, ...], Floats] = field(
        default_factory=lambda: BoundedCache(_CACHE_LIMIT // 10), compare=False, repr=False
    )

    @staticmethod
    def from_arrays(arrays: Weights, lexicon: Lexicon) -> NeuralModel:
        """Build from the arrays of ``tagger.npz`` (tagger weights and ``emb_*`` vectors)."""
        return NeuralModel(_Net.from_arrays(arrays), WordVectors.from_arrays(dict(arrays)), lexicon)

    @property
    def tags(self) -> tuple[str, ...]:
        """The BIOES tags, in the order of the marginal columns."""
        return self.net.tags

    # -- word representations -------------------------------------------------------

    def _char_cnn(self, words: Sequence[str]) -> Floats:
        """The character CNN over several words at once: one (words, filters) matrix.

        Words are zero-padded to the longest (at most ``MAX_CHARS`` + 2 ids, and at least
        the filter width); windows that reach into a word's padding are left out of its
        max-pooling, so each row is what the word alone would give.
        """
        a = self.net.arrays
        width = int(self.net.config["char_width"])  # type: ignore[call-overload]
        ids = [char_ids(w, self.net.chars) for w in words]
        longest = max(width, *(len(i) for i in ids))
        padded = np.zeros((len(ids), longest), dtype=np.intp)
        valid = np.zeros((len(ids), longest), dtype=bool)
        for row, word_ids in enumerate(ids):
            padded[row, : len(word_ids)] = word_ids
            valid[row, : len(word_ids)] = True
        emb = a["char_emb"][padded] * valid[..., None]
        dim = emb.shape[2]
        windows = np.lib.stride_tricks.sliding_window_view(emb, (width, dim), axis=(1, 2))
        flat = windows.reshape(len(ids), longest - width + 1, width * dim)
        # float64 for the reason given in _first_layer: BLAS picks its kernel (and so the
        # order of its sums) by the size of the product, that is, by the batch
        out = flat.astype(np.float64) @ self.net.char_conv_wide + a["char_conv_b"]
        counts = np.array([max(len(i), width) - width + 1 for i in ids])
        out[np.arange(out.shape[1])[None, :] >= counts[:, None]] = -np.inf
        pooled: Floats = np.maximum(out.max(axis=1), 0.0).astype(np.float32)
        return pooled

    def _first_layer(self, toks: Sequence[Token]) -> tuple[Floats, list[str]]:
        """Word forms through the encoder's first, linear layer, and their folded stems.

        A form's input is its character CNN, its word vector and the sum of its lexical
        attributes' embeddings; the layer's product is split along those three blocks, and
        the attributes' share comes pre-multiplied (``feat_in``). One row per form.
        """
        # In float64: BLAS sums a one-row (or a small) product in another order than a
        # large one, and rounding back to float32 hides that, so a form's row does not
        # depend on which other forms were first seen with it (nor results on a
        # process's history).
        weights, bias = self.net.input_weights_wide
        chars = self._char_cnn([t.text for t in toks])
        vecs = self.vectors.vectors([embedding_key(t) for t in toks])
        n_chars, n_vec = chars.shape[1], vecs.shape[1]
        out = (
            chars.astype(np.float64) @ weights[:n_chars]
            + vecs.astype(np.float64) @ weights[n_chars : n_chars + n_vec]
            + bias
        )
        stems: list[str] = []
        lexical: list[Floats] = []
        embed = self._attributes.get_or_make
        for tok in toks:
            stem, own = word_type_attributes(tok, self.lexicon)
            stems.append(stem)
            lexical.append(embed(own, self._embed_attributes))
        out += np.array(lexical, dtype=np.float32)
        rows: Floats = out.astype(np.float32)
        return rows, stems

    def _embed_attributes(self, attributes: tuple[str, ...]) -> Floats:
        """The first-layer share of a set of lexical attributes (unknown ones add nothing)."""
        feats = self.net.feats
        rows = [feats[f] for f in attributes if f in feats]
        return self.net.arrays["feat_in"][rows].sum(axis=0)  # type: ignore[no-any-return]

    def _words(self, chunks: Sequence[Sequence[Token]]) -> list[tuple[Floats, str]]:
        """The first-layer row and folded stem of every token of ``chunks``, from the cache;
        the word forms not seen before are computed together (one batched pass) and cached."""
        tokens = [t for chunk in chunks for t in chunk]
        keys = [(t.text, t.proclitic, t.article, t.kind) for t in tokens]
        get = self._cache.get
        words = [get(key) for key in keys]
        if None not in words:
            return words  # type: ignore[return-value]
        new: dict[tuple[str, str, str, str], Token] = {}
        for key, tok, found in zip(keys, tokens, words, strict=True):
            if found is None:
                new.setdefault(key, tok)
        rows, stems = self._first_layer(list(new.values()))
        learnt = {
            key: self._cache.put(key, (row, stem))
            for key, row, stem in zip(new, rows, stems, strict=True)
        }
        return [learnt[key] if w is None else w for key, w in zip(keys, words, strict=True)]

    def inputs(self, chunks: Sequence[Sequence[Token]]) -> list[Floats]:
        """Sentences through the encoder's first layer: one (tokens, width) matrix each."""
        words = self._words(chunks)
        x = np.array([w[0] for w in words], dtype=np.float32)
        feats = self.net.feats
        at: list[int] = []
        rows: list[int] = []
        stems = [w[1] for w in words]
        names = _names_by_chunk(self.lexicon, stems, [len(chunk) for chunk in chunks])
        first = 0
        for chunk, found in zip(chunks, names, strict=True):
            pairs = position_feature_pairs(
                chunk, stems[first : first + len(chunk)], self.lexicon, found
            )
            for i, feature in pairs:
                row = feats.get(feature)
                if row is not None:
                    at.append(first + i)
                    rows.append(row)
            first += len(chunk)
        if rows:
            np.add.at(x, np.asarray(at, dtype=np.intp), self.net.arrays["feat_in"][rows])
        out: list[Floats] = []
        first = 0
        for chunk in chunks:
            out.append(x[first : first + len(chunk)])
            first += len(chunk)
        return out

    # -- encoders ---------------------------------------------------------------------

    def emissions(self, sentences: Sequence[Floats]) -> list[Floats]:
        """Label scores of each sentence, given as (tokens, input features) matrices."""
        weights, bias = self.net.input_weights
        return self._encode([s @ weights + bias for s in sentences])

    def _encode(self, sentences: Sequence[Floats]) -> list[Floats]:
        """Label scores from first-layer outputs (:meth:`inputs`), all sentences in one batch."""
        if str(self.net.config["encoder"]) == "lstm":
            return self._lstm(sentences)
        return self._cnn(sentences)

    def _cnn(self, sentences: Sequence[Floats]) -> list[Floats]:
        a = self.net.arrays
        dilations = [int(d) for d in self.net.config["dilations"]]  # type: ignore[attr-defined]
        lengths = [len(s) for s in sentences]
        # the sentences back to back, one product per layer for all of them; a tap that
        # would reach into the sentence before or after reads zeros instead (the zero
        # padding the model was trained with), through a 0/1 column per side and dilation
        h = np.concatenate(sentences) if len(sentences) > 1 else sentences[0].copy()
        reach = _tap_reach(lengths, dilations) if len(sentences) > 1 else None
        width = h.shape[1]
        for layer, d in enumerate(dilations):
            # one product for the three taps (left, centre, right), then shifted sums
            taps = h @ a[f"cnn{layer}_taps"]
            conv = taps[:, width : 2 * width] + a[f"cnn{layer}_b"]
            if reach is None:
                conv[d:] += taps[:-d, :width]
                conv[:-d] += taps[d:, 2 * width :]
            else:
                left, right = reach[d]
                conv[d:] += taps[:-d, :width] * left
                conv[:-d] += taps[d:, 2 * width :] * right
            np.maximum(conv, 0.0, out=conv)
            h += conv
        out: Floats = (h @ a["out_w"] + a["out_b"]).astype(np.float32)
        bounds = np.cumsum([0, *lengths]).tolist()
        return [out[s:e] for s, e in pairwise(bounds)]

    def _lstm(self, sentences: Sequence[Floats]) -> list[Floats]:
        a = self.net.arrays
        whh = a["lstm_whh"]  # (2, H, 4H); the inputs hold both directions' input gates
        hidden = whh.shape[1]
        lengths = [len(s) for s in sentences]
        batch, longest = len(sentences), max(lengths)
        gates_in = np.zeros((2, batch, longest, 4 * hidden), dtype=np.float32)
        for b, s in enumerate(sentences):
            gates_in[0, b, : len(s)] = s[:, : 4 * hidden]
            # the backward direction reads each sentence reversed
            gates_in[1, b, : len(s)] = s[::-1, 4 * hidden :]
        h = np.zeros((2, batch, hidden), dtype=np.float32)
        c = np.zeros((2, batch, hidden), dtype=np.float32)
        outs = np.empty((2, batch, longest, hidden), dtype=np.float32)
        for t in range(longest):
            g = gates_in[:, :, t] + np.matmul(h, whh)
            i = _sigmoid(g[..., :hidden])
            f = _sigmoid(g[..., hidden : 2 * hidden])
            cell = np.tanh(g[..., 2 * hidden : 3 * hidden])
            o = _sigmoid(g[..., 3 * hidden :])
            c = f * c + i * cell
            h = o * np.tanh(c)
            outs[:, :, t] = h
        result = []
        for b, n in enumerate(lengths):
            both = np.concatenate([outs[0, b, :n], outs[1, b, :n][::-1]], axis=1)
            result.append(both @ a["out_w"] + a["out_b"])
        return result

    # -- tagging ----------------------------------------------------------------------

    def marginals(self, chunks: Sequence[Sequence[Token]]) -> list[tuple[list[int], Floats]]:
        """For each chunk: the Viterbi tag ids and the (tokens, tags) marginals."""
        chunks = [c for c in chunks if c]
        if not chunks:
            return []
        a = self.net.arrays
        ems = self._encode(self.inputs(chunks))
        return [crf_decode(e, a["crf_trans"], a["crf_start"], a["crf_end"]) for e in ems]

    def tag_chunks(self, chunks: Sequence[Sequence[Token]]) -> list[TaggedToken]:
        """Label sentence chunks with BIO labels and scores (see :func:`local_scores`), in
        batches of about ``BATCH_TOKENS`` tokens (memory stays bounded on huge texts).

        >>> model = _tiny_model()
        >>> [t.label for t in model.tag_chunks([[Token("نص", 0, 2)]])]
        ['O']
        """
        out: list[TaggedToken] = []
        batch: list[Sequence[Token]] = []
        size = 0
        with _one_blas_thread():
            for chunk in chunks:
                if not chunk:
                    continue
                batch.append(chunk)
                size += len(chunk)
                if size >= BATCH_TOKENS:
                    out.extend(self._tag_batch(batch))
                    batch, size = [], 0
            if batch:
                out.extend(self._tag_batch(batch))
        return out

    def _tag_batch(self, chunks: Sequence[Sequence[Token]]) -> list[TaggedToken]:
        a = self.net.arrays
        trans, start, end = a["crf_trans"], a["crf_start"], a["crf_end"]
        ems = self._encode(self.inputs(chunks))
        paths = viterbi_batch(ems, trans, start, end)
        ids = [tag for path in paths for tag in path]
        scores = local_scores(
            np.concatenate(ems), ids, trans, start, end, [len(c) for c in chunks]
        ).tolist()
        labels = bioes_to_bio(self.net.tags)
        tokens = [tok for chunk in chunks for tok in chunk]
        return list(map(TaggedToken, tokens, [labels[i] for i in ids], scores))

    def tag(self, tokens: Sequence[Token]) -> list[TaggedToken]:
        """Label one sentence of tokens."""
        return self.tag_chunks([tokens]) if tokens else []

    def tag_text(
        self, text: str, tokens: Sequence[Token], starts: Sequence[int] | None = None
    ) -> list[TaggedToken]:
        """Label all tokens of ``text``: its sentence chunks (:func:`sentence_chunks`,
        ``starts`` where sentences start), tagged together."""
        return self.tag_chunks(sentence_chunks(tokens, text, starts))


@cache
def _blas_libraries() -> list[Any]:
    """The BLAS libraries loaded in this process (threadpoolctl's controllers, listed once)."""
    from threadpoolctl import ThreadpoolController

    return list(ThreadpoolController().select(user_api="blas").lib_controllers)


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Run the tagger's matrix products on this thread only, for the duration of a call.

    The products are small (a batch of words by a few hundred features), where a
    multi-threaded BLAS spends more time waking and syncing threads than computing: on a
    2-core machine with other work running, whole articles tagged 3.4x slower with
    OpenBLAS's default threads (benchmarks/bench_entities.py). The limit is restored when
    the call returns; the libraries are listed once per process and set directly, which
    costs a short call about 3 µs where threadpoolctl's ``limit`` took about 10.
    """
    libraries = _blas_libraries()
    before = [lib.num_threads for lib in libraries]
    for lib in libraries:
        lib.set_num_threads(1)
    try:
        yield
    finally:
        for lib, threads in zip(libraries, before, strict=True):
            lib.set_num_threads(threads)
