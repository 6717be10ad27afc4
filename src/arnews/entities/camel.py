"""The ``camel`` backend: camel-tools' BERT NER model, with one label for every token.

camel-tools' :class:`NERecognizer` loads a BERT token-classification directory (its own
``ner-arabert`` data by default) and labels pre-split words. Its ``predict`` skips words
that the wordpiece tokenizer turns into nothing (camel-tools issue #105), so its output can
be shorter than its input. This module loads the model through ``NERecognizer`` but runs
the model itself: every word gets at least one wordpiece (``[UNK]`` when the tokenizer
yields none), the label of a word is read at its first wordpiece, and its score is the
softmax probability of that label.

Nothing heavy is imported until a text is tagged: torch, transformers and
``camel_tools.ner`` load on first use, and ``camel_tools.ner`` only once we know its data
catalogue exists (importing it without one starts a download with no timeout). Every
failure to load ends in a :class:`CamelBackendError` that says what to install.

>>> extract_with_camel("   ")
[]
>>> tag_sentences([])
[]
>>> issubclass(CamelBackendError, RuntimeError)
True
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from arnews._extras import MissingExtraError, require
from arnews._validation import ensure_text
from arnews.entities.spans import decode_entities, split_label
from arnews.types import Entity

__all__ = [
    "INSTALL_HINT",
    "MAX_PIECES",
    "CamelBackendError",
    "extract_with_camel",
    "tag_sentences",
]

INSTALL_HINT: Final = (
    "install camel-tools' NER model with `camel_data -i ner-arabert` "
    "(this also fetches its data catalogue; set CAMELTOOLS_DATA to keep the data elsewhere), "
    "or pass model= a local BERT token-classification directory"
)
"""What every loading error tells the user to do."""

MAX_PIECES: Final = 254
"""Most wordpieces the model sees at once (plus ``[CLS]`` and ``[SEP]``), as in camel-tools."""

BATCH_SIZE: Final = 16
"""Chunks run through the model together."""

_DEFAULT_KEY: Final = "<camel-tools ner-arabert>"
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_LOCK = threading.Lock()
_CACHE: dict[str, _Recognizer] = {}


class CamelBackendError(RuntimeError):
    """camel-tools, its data or the requested model could not be loaded (the message says why)."""


@dataclass(frozen=True)
class _Recognizer:
    """A loaded model: the torch module, its tokenizer, and its labels by class id."""

    model: Any
    tokenizer: Any
    labels: tuple[str, ...]
    device: str


def extract_with_camel(text: str, *, model: str | os.PathLike[str] | None = None) -> list[Entity]:
    """Find the named entities of ``text`` with camel-tools' BERT model.

    The text goes through the same normalization and clitic-aware tokenization as the
    default backend; each sentence (at most :data:`MAX_PIECES` wordpieces at a time) is
    labelled by the model, and the labels become spans over ``text`` that leave out an
    attached proclitic. ``model`` is a BERT token-classification directory or hub id whose
    labels are BIO tags (``B-PERS``, ``I-ORG``, ``O``…); ``None`` means the ``ner-arabert``
    model installed with ``camel_data -i ner-arabert``. Models are loaded once per process.

    Raises :class:`CamelBackendError` when camel-tools, its data or the model is missing.

    >>> extract_with_camel(b"x")
    Traceback (most recent call last):
    TypeError: text must be str, not bytes (decode it first, e.g. data.decode('utf-8'))
    """
    text = ensure_text(text, "text")
    key = _model_key(model)
    if not text.strip():
        return []
    load_recognizer(key)  # a missing model is reported before any work is done
    from arnews.entities.tagger import analyze, sentence_chunks, sentence_starts

    norm_text, tokens, norm = analyze(text)
    if not tokens:
        return []
    chunks = sentence_chunks(tokens, norm_text, sentence_starts(norm))
    tagged = tag_sentences([[t.text for t in chunk] for chunk in chunks], model=key)
    labels = [label for sentence in tagged for label, _ in sentence]
    scores = [score for sentence in tagged for _, score in sentence]
    ordered = [t for chunk in chunks for t in chunk]
    entities: list[Entity] = []
    for e in decode_entities(norm_text, ordered, labels, scores):
        start, end = norm.original_span(e.start, e.end)
        if end > start:
            entities.append(Entity(text[start:end], e.label, start, end, e.score, e.canonical))
    return entities


def tag_sentences(
    sentences: Sequence[Sequence[str]], *, model: str | os.PathLike[str] | None = None
) -> list[list[tuple[str, float]]]:
    """Label pre-split words: one ``(label, probability)`` per word, always.

    This is what camel-tools' ``NERecognizer.predict`` does, without its habit of dropping
    words that its tokenizer turns into nothing: such words are read as ``[UNK]``. Labels are
    the model's own (``B-PERS``…). A sentence longer than :data:`MAX_PIECES` wordpieces is
    cut between words; a single word longer than that keeps only its first pieces.

    >>> tag_sentences([["x"]], model=42)
    Traceback (most recent call last):
    TypeError: model must be str, not int
    """
    key = _model_key(model)
    words = [[ensure_text(w, "word") for w in sentence] for sentence in sentences]
    if not any(words):
        return [[] for _ in words]
    recognizer = load_recognizer(key)
    return _run(recognizer, words)


def _model_key(model: object) -> str:
    if model is None:
        return _DEFAULT_KEY
    if isinstance(model, os.PathLike):
        model = os.fspath(model)
    key = ensure_text(model, "model")
    path = Path(key).expanduser()
    return str(path.resolve()) if path.exists() else key  # one cache entry per directory


def load_recognizer(key: str) -> _Recognizer:
    """The model for ``key`` (a directory, a hub id, or the default), loaded once per process."""
    with _LOCK:
        recognizer = _CACHE.get(key)
        if recognizer is None:
            recognizer = _load(key)
            _CACHE[key] = recognizer
        return recognizer


def _load(key: str) -> _Recognizer:
    ner = _import_camel_ner()
    try:
        if key == _DEFAULT_KEY:
            _check_default_model()
            loaded = ner.NERecognizer.pretrained(use_gpu=False)
        else:
            _check_model_path(key)
            loaded = ner.NERecognizer(key, use_gpu=False)
    except CamelBackendError:
        raise
    except Exception as err:  # transformers raises OSError, ValueError, KeyError…
        where = "camel-tools' default NER model" if key == _DEFAULT_KEY else repr(key)
        raise CamelBackendError(
            f"could not load a BERT token-classification model from {where}: {err}; " + INSTALL_HINT
        ) from err
    labels = _check_labels(loaded.model.config.id2label, key)
    import torch

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = loaded.model.to(device)
    model.eval()
    return _Recognizer(model, loaded.tokenizer, labels, device)


def catalogue_path() -> Path:
    """Where camel-tools looks for its data catalogue (``$CAMELTOOLS_DATA/catalogue.json``).

    >>> catalogue_path().name
    'catalogue.json'
    """
    loaded = sys.modules.get("camel_tools.data.catalogue")
    if loaded is not None:
        return Path(loaded.CT_DATA_DIR, "catalogue.json")
    env = os.environ.get("CAMELTOOLS_DATA")
    if env is not None:
        return Path(env).expanduser().absolute() / "catalogue.json"
    if sys.platform == "win32":
        return Path.home() / "AppData" / "Roaming" / "camel_tools" / "catalogue.json"
    return Path.home() / ".camel_tools" / "catalogue.json"


def _import_camel_ner() -> Any:
    if "camel_tools.ner" in sys.modules:
        return sys.modules["camel_tools.ner"]
    catalogue = catalogue_path()
    if "camel_tools.data" not in sys.modules and not catalogue.is_file():
        raise CamelBackendError(
            f"camel-tools has no data catalogue at {catalogue}, and importing camel_tools.ner "
            "without one starts a download; " + INSTALL_HINT
        )
    try:
        ner = require("camel_tools.ner", "camel", 'extract_entities(backend="camel")')
    except MissingExtraError as err:
        raise CamelBackendError(str(err)) from err
    except Exception as err:  # a corrupt catalogue: JSONDecodeError, KeyError, DownloaderError…
        raise CamelBackendError(
            f"camel-tools could not read its data catalogue at {catalogue} "
            f"({type(err).__name__}: {err}); " + INSTALL_HINT
        ) from err
    return ner


def _check_default_model() -> None:
    from camel_tools.data import CATALOGUE

    try:
        path = Path(CATALOGUE.get_dataset("NamedEntityRecognition").path)
    except Exception as err:
        raise CamelBackendError(
            f"camel-tools' catalogue names no NER model ({err}); " + INSTALL_HINT
        ) from err
    if not (path / "config.json").is_file():
        raise CamelBackendError(
            f"camel-tools' NER model is not installed (nothing at {path}); " + INSTALL_HINT
        )


def _check_model_path(key: str) -> None:
    path = Path(key).expanduser()
    if path.exists():
        if not (path / "config.json").is_file():
            raise CamelBackendError(
                f"{key!r} is not a BERT token-classification directory (no config.json)"
            )
        return
    if path.is_absolute() or key.startswith((".", "~")) or key.count("/") > 1 or "\\" in key:
        raise CamelBackendError(f"model directory {key!r} does not exist; " + INSTALL_HINT)


def _check_labels(id2label: Any, key: str) -> tuple[str, ...]:
    labels = tuple(str(id2label[i]) for i in range(len(id2label)))
    odd = [lab for lab in labels if lab != "O" and split_label(lab)[1] is None]
    if odd or "O" not in labels:
        raise CamelBackendError(
            f"model {key!r} does not predict BIO entity labels (B-PERS, I-ORG, O…): {labels}"
        )
    return labels


def _run(recognizer: _Recognizer, sentences: list[list[str]]) -> list[list[tuple[str, float]]]:
    import torch

    tokenizer = recognizer.tokenizer
    limit = min(MAX_PIECES, recognizer.model.config.max_position_embeddings - 2)
    # the Rust tokenizer refuses lone surrogates: the model reads them as U+FFFD (→ [UNK])
    flat = [_SURROGATE.sub("\ufffd", w) for sentence in sentences for w in sentence]
    encoded = tokenizer(flat, add_special_tokens=False)["input_ids"] if flat else []
    unk = tokenizer.unk_token_id
    pieces = [list(ids[:limit]) or [unk] for ids in encoded]
    chunks = _pack(sentences, pieces, limit)
    tagged: list[list[tuple[str, float]]] = [[] for _ in chunks]
    order = sorted(range(len(chunks)), key=lambda i: len(chunks[i][1]))  # less padding
    with torch.inference_mode():
        for b in range(0, len(order), BATCH_SIZE):
            batch = order[b : b + BATCH_SIZE]
            results = _predict(recognizer, [chunks[i][1] for i in batch], tokenizer)
            for i, (best, probs) in zip(batch, results, strict=True):
                tagged[i] = [
                    (recognizer.labels[int(best[p])], float(probs[p])) for p in chunks[i][2]
                ]
    out: list[list[tuple[str, float]]] = [[] for _ in sentences]
    for (sent, _, _), labels in zip(chunks, tagged, strict=True):
        out[sent].extend(labels)
    return out


def _pack(
    sentences: list[list[str]], pieces: list[list[int]], limit: int
) -> list[tuple[int, list[int], list[int]]]:
    """Cut each sentence into runs of at most ``limit`` pieces, in word order.

    Returns ``(sentence index, piece ids, position of each word's first piece)`` per run,
    in sentence order, so that a sentence's runs concatenate to all its words.
    """
    chunks: list[tuple[int, list[int], list[int]]] = []
    w = 0
    for s, sentence in enumerate(sentences):
        ids: list[int] = []
        firsts: list[int] = []
        for _ in sentence:
            word = pieces[w]
            w += 1
            if ids and len(ids) + len(word) > limit:
                chunks.append((s, ids, firsts))
                ids, firsts = [], []
            firsts.append(len(ids) + 1)  # +1: [CLS] comes first
            ids.extend(word)
        if firsts:
            chunks.append((s, ids, firsts))
    return chunks


def _predict(recognizer: _Recognizer, runs: list[list[int]], tokenizer: Any) -> list[Any]:
    import torch

    width = max(len(r) for r in runs) + 2
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    input_ids = torch.full((len(runs), width), pad, dtype=torch.long)
    mask = torch.zeros((len(runs), width), dtype=torch.long)
    for i, run in enumerate(runs):
        row = [tokenizer.cls_token_id, *run, tokenizer.sep_token_id]
        input_ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
        mask[i, : len(row)] = 1
    logits = recognizer.model(
        input_ids=input_ids.to(recognizer.device),
        attention_mask=mask.to(recognizer.device),
        token_type_ids=torch.zeros_like(input_ids).to(recognizer.device),
    ).logits
    probs, best = torch.softmax(logits.float(), dim=-1).max(dim=-1)
    return list(zip(best.cpu().numpy(), probs.cpu().numpy(), strict=True))
