"""Named entities: people, organisations, places and other names in Arabic news text.

``extract_entities(text)`` runs the embedded neural tagger in numpy (no network, no
camel-tools data, no torch): the text is normalized with an offset map, tokenized with
its clitics, cut into sentences, tagged, given a document-level consistency pass, and the
spans are mapped back onto the text you passed. ``backend="camel"`` runs camel-tools'
BERT model instead. The earlier CRF model stays available to Python code through
:func:`extract_with_model` and :func:`crf_model`.

>>> extract_entities("")
[]
>>> extract_entities("نص", backend="bert")
Traceback (most recent call last):
ValueError: unknown backend 'bert'; choose one of: 'default', 'camel'
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources as _package_files
from typing import TYPE_CHECKING, Final, Protocol

from arnews._validation import ensure_text
from arnews.entities import tagger as _tagger
from arnews.entities.document import harmonize_labels
from arnews.entities.features import Lexicon
from arnews.entities.gazetteer import load_lexicon
from arnews.entities.rules import apply_name_rules
from arnews.entities.spans import decode_entities
from arnews.entities.tagger import TaggedToken
from arnews.types import Entity, Token

if TYPE_CHECKING:
    from arnews.entities.neural import NeuralModel

__all__ = [
    "BACKENDS",
    "SequenceModel",
    "check_backend",
    "crf_model",
    "extract_entities",
    "extract_with_model",
]

BACKENDS: Final = ("default", "camel")
"""The names accepted by ``extract_entities(..., backend=...)``."""

MODEL_FILE: Final = "model.crfsuite"
BLOCK_CHARS: Final = 100_000
"""Longest text tagged in one piece (longer ones go block by block; see extract_with_model)."""
NEURAL_FILE: Final = "tagger.npz"
_LOCK = threading.Lock()


class SequenceModel(Protocol):
    """What the pipeline needs of a tagger: BIO labels and scores for a text's tokens."""

    @property
    def lexicon(self) -> Lexicon:  # pragma: no cover - interface
        """The word lists its features (and the name rules) read."""
        ...

    def tag_text(
        self, text: str, tokens: Sequence[Token], starts: Sequence[int] | None = None
    ) -> list[TaggedToken]:  # pragma: no cover - interface
        """Label all tokens of ``text``, sentence by sentence (``starts``: where they start)."""
        ...


def check_backend(backend: str) -> None:
    """Raise a ``ValueError`` that lists :data:`BACKENDS` unless ``backend`` is one of them.

    >>> check_backend("camel")
    """
    if backend not in BACKENDS:
        choices = ", ".join(repr(b) for b in BACKENDS)
        raise ValueError(f"unknown backend {backend!r}; choose one of: {choices}")


def extract_entities(
    text: str, *, backend: str = "default", model: str | None = None
) -> list[Entity]:
    """Find the named entities of ``text``, in order, as spans over ``text``.

    ``backend="default"`` uses the embedded neural tagger (``model`` may name another
    ``.npz`` written by ``training/train_tagger.py``, or a CRFsuite file written by
    ``training/train_ner.py``); ``backend="camel"`` uses camel-tools' ``NERecognizer``
    (``model``: a BERT token-classification directory or hub id).

    Every entity satisfies ``text[e.start:e.end] == e.text``; spans leave out an attached
    proclitic (و ف ب ل ك), people are the name without the title, and ``canonical`` is
    the normalized name with an article swallowed by لـ restored.

    >>> for e in extract_entities("قال الرئيس الفرنسي إيمانويل ماكرون في باريس."):
    ...     print(e.label, e.text, e.start, e.end)
    PER إيمانويل ماكرون 19 34
    LOC باريس 38 43
    >>> extract_entities(None)
    Traceback (most recent call last):
    TypeError: text must be str, not NoneType
    """
    text = ensure_text(text, "text")
    check_backend(backend)
    if model is not None:
        model = ensure_text(model, "model")
    if backend == "camel":
        from arnews.entities.camel import extract_with_camel

        return extract_with_camel(text, model=model)
    if not text.strip():
        return []
    if model is not None and model.endswith(".crfsuite"):
        return extract_with_model(text, crf_model(model))
    return extract_with_model(text, _neural_model(model))


def extract_with_model(text: str, tagger: SequenceModel) -> list[Entity]:
    """Run one tagger over ``text`` through the default backend's pipeline.

    A text longer than ``BLOCK_CHARS`` (a book, a dump of many articles) is tagged block
    by block (:func:`arnews.entities.tagger.text_blocks`: cut at paragraph or line ends
    where it can), so time stays linear and memory bounded; the document pass then works
    within each block.
    """
    blocks = _tagger.text_blocks(text, BLOCK_CHARS)
    if len(blocks) == 1:
        return _extract_block(text, tagger)
    entities: list[Entity] = []
    for start, end in blocks:
        entities.extend(
            replace(e, start=e.start + start, end=e.end + start)
            for e in _extract_block(text[start:end], tagger)
        )
    return entities


def _extract_block(text: str, tagger: SequenceModel) -> list[Entity]:
    norm_text, tokens, norm = _tagger.analyze(text)
    starts = _tagger.sentence_starts(norm)
    tagged = tagger.tag_text(norm_text, tokens, starts)
    tagged = harmonize_labels(apply_name_rules(tagged, norm_text, tagger.lexicon), tagger.lexicon)
    found = decode_entities(
        norm_text,
        [t.token for t in tagged],
        [t.label for t in tagged],
        [t.score for t in tagged],
    )
    entities: list[Entity] = []
    last_end = 0
    for e in found:
        start, end = norm.original_span(e.start, e.end)
        if end <= start or start < last_end:  # one expanded ligature can hold two names
            continue
        last_end = end
        entities.append(Entity(text[start:end], e.label, start, end, e.score, e.canonical))
    return entities


def crf_model(path: str | None = None) -> _tagger.CrfModel:
    """The CRF model (the shipped one when ``path`` is None), loaded once per process."""
    with _LOCK:
        return _load_crf(path)


def _neural_model(path: str | None) -> NeuralModel:
    with _LOCK:
        return _load_neural(path)


@cache
def _load_neural(path: str | None) -> NeuralModel:
    import numpy as np

    from arnews.entities.neural import NeuralModel

    if path is None:
        ref = _package_files.files("arnews").joinpath("data", "entities", NEURAL_FILE)
        with ref.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    else:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    return NeuralModel.from_arrays(arrays, load_lexicon())


@cache
def _load_crf(path: str | None) -> _tagger.CrfModel:
    if path is None:
        ref = _package_files.files("arnews").joinpath("data", "entities", MODEL_FILE)
        with _package_files.as_file(ref) as real:
            path = str(real)
    return _tagger.CrfModel(path, load_lexicon())
