"""Named entities: people, organisations, places and other names in Arabic news text.

``extract_entities(text)`` runs the embedded CRF model (no network, no camel-tools data):
the text is normalized with an offset map, tokenized with its clitics, cut into
sentences, tagged, given a document-level consistency pass, and the spans are mapped
back onto the text you passed. ``backend="camel"`` runs camel-tools' BERT model instead.

>>> extract_entities("")
[]
>>> extract_entities("نص", backend="bert")
Traceback (most recent call last):
ValueError: unknown backend 'bert'; choose one of: 'default', 'camel'
"""

from __future__ import annotations

import threading
from functools import cache
from importlib import resources as _package_files
from typing import Final

from arnews._validation import ensure_text
from arnews.entities import tagger as _tagger
from arnews.entities.document import harmonize_labels
from arnews.entities.gazetteer import load_lexicon
from arnews.entities.rules import apply_name_rules
from arnews.entities.spans import decode_entities
from arnews.types import Entity

__all__ = ["BACKENDS", "extract_entities"]

BACKENDS: Final = ("default", "camel")
"""The names accepted by ``extract_entities(..., backend=...)``."""

MODEL_FILE: Final = "model.crfsuite"
_LOCK = threading.Lock()


def extract_entities(
    text: str, *, backend: str = "default", model: str | None = None
) -> list[Entity]:
    """Find the named entities of ``text``, in order, as spans over ``text``.

    ``backend="default"`` uses the embedded CRF (``model`` may name another CRFsuite
    file trained by ``training/train_ner.py``); ``backend="camel"`` uses camel-tools'
    ``NERecognizer`` (``model``: a BERT token-classification directory or hub id).

    Every entity satisfies ``text[e.start:e.end] == e.text``; spans leave out an attached
    proclitic (و ف ب ل ك), people are the name without the title, and ``canonical`` is
    the normalized name with an article swallowed by لـ restored.

    >>> for e in extract_entities("قال الرئيس عبد المجيد تبون في الجزائر."):
    ...     print(e.label, e.text, e.start, e.end)
    PER عبد المجيد تبون 11 26
    LOC الجزائر 30 37
    >>> extract_entities(None)
    Traceback (most recent call last):
    TypeError: text must be str, not NoneType
    """
    text = ensure_text(text, "text")
    if backend not in BACKENDS:
        choices = ", ".join(repr(b) for b in BACKENDS)
        raise ValueError(f"unknown backend {backend!r}; choose one of: {choices}")
    if model is not None:
        model = ensure_text(model, "model")
    if backend == "camel":
        from arnews.entities.camel import extract_with_camel

        return extract_with_camel(text, model=model)
    if not text.strip():
        return []
    return extract_with_crf(text, _crf_model(model))


def extract_with_crf(text: str, crf: _tagger.CrfModel) -> list[Entity]:
    """Run one CRF model over ``text`` (the default backend's pipeline)."""
    norm_text, tokens, norm = _tagger.analyze(text)
    starts = _tagger.sentence_starts(norm)
    tagged = crf.tag_text(norm_text, tokens, starts)
    tagged = harmonize_labels(apply_name_rules(tagged, norm_text, crf.lexicon))
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


def _crf_model(path: str | None) -> _tagger.CrfModel:
    with _LOCK:
        return _load_crf(path)


@cache
def _load_crf(path: str | None) -> _tagger.CrfModel:
    if path is None:
        ref = _package_files.files("arnews").joinpath("data", "entities", MODEL_FILE)
        with _package_files.as_file(ref) as real:
            path = str(real)
    return _tagger.CrfModel(path, load_lexicon())
