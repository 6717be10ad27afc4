"""The whole pipeline: boilerplate → sentences → entities, for one article or a stream of them.

:func:`process` turns one scraped article into an :class:`~arnews.types.Article`;
:func:`process_many` does the same for any iterable of texts (or ``(text, metadata)``
pairs), streaming in bounded memory, in input order, on one or several processes.

>>> article = process("")
>>> article.text, article.sentences, article.entities
('', (), ())
>>> process(None)
Traceback (most recent call last):
TypeError: text must be str, not NoneType
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import islice
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from arnews._validation import ensure_text
from arnews.boilerplate import BoilerplateConfig, strip_boilerplate
from arnews.chars import has_surrogates, replace_surrogates
from arnews.progress import ProgressLine
from arnews.segmentation import DEFAULT_CONFIG as DEFAULT_SEGMENT_CONFIG
from arnews.segmentation import SegmentConfig, split_sentences
from arnews.types import Article, Entity, Sentence

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "ERROR_POLICIES",
    "Document",
    "ErrorPolicy",
    "PipelineConfig",
    "configure",
    "error_article",
    "process",
    "process_many",
]

ErrorPolicy: TypeAlias = Literal["raise", "skip", "record"]
"""What :func:`process_many` does with a document that fails: stop, leave it out, or
yield an error article in its place (see :func:`error_article`)."""

ERROR_POLICIES: Final = ("raise", "skip", "record")
DEFAULT_BATCH_SIZE: Final = 32
"""Documents sent to a worker process at a time (``n_jobs > 1``)."""
_IN_FLIGHT_PER_WORKER: Final = 2
"""Batches queued per worker: enough to keep workers busy, few enough to bound memory."""


Item: TypeAlias = "str | tuple[str, Mapping[str, Any]] | Document"


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Every option of the pipeline, one stage config nested per stage.

    :func:`process`, :func:`process_many`, the frame and Dask helpers and the CLI all take
    one of these (``config=``) and keyword overrides of its fields, ftfy-style:
    ``process(text, backend="camel")`` is ``process(text, config=PipelineConfig(backend=
    "camel"))``.

    * ``html`` — the input is a page's HTML; ``None`` (the default) sniffs markup (see
      :func:`arnews.strip_boilerplate`; ``Article.input_kind`` says what was decided);
    * ``boilerplate`` — :class:`~arnews.BoilerplateConfig` of the boilerplate stage;
    * ``sentences`` — :class:`~arnews.SegmentConfig` of the sentence splitter;
    * ``backend``, ``model`` — the entity model (see :func:`arnews.extract_entities`);
    * ``min_arabic_ratio`` — a body whose letters are less Arabic than this (English or
      French pages, say) gets no entities, since the model reads Arabic only; its
      ``Article.notes`` says so. ``0.0`` tags every text.

    >>> PipelineConfig().backend
    'default'
    >>> PipelineConfig(backend="bert")
    Traceback (most recent call last):
    ValueError: unknown backend 'bert'; choose one of: 'default', 'camel'
    """

    html: bool | None = None
    boilerplate: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    sentences: SegmentConfig = DEFAULT_SEGMENT_CONFIG
    backend: str = "default"
    model: str | None = None
    min_arabic_ratio: float = 0.3

    def __post_init__(self) -> None:
        from arnews.entities import check_backend

        if self.html is not None and not isinstance(self.html, bool):
            raise TypeError(f"html must be True, False or None, not {type(self.html).__name__}")
        ratio = self.min_arabic_ratio
        if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 <= ratio <= 1:
            raise ValueError(f"min_arabic_ratio must be a number in [0, 1], not {ratio!r}")
        for name, kind in (("boilerplate", BoilerplateConfig), ("sentences", SegmentConfig)):
            value = getattr(self, name)
            if not isinstance(value, kind):
                raise TypeError(f"{name} must be a {kind.__name__}, not {type(value).__name__}")
        check_backend(self.backend)
        if self.model is not None:
            ensure_text(self.model, "model")


def configure(config: PipelineConfig | None = None, **overrides: Any) -> PipelineConfig:
    """``config`` (default: ``PipelineConfig()``) with keyword overrides of its fields.

    >>> configure(backend="camel").backend
    'camel'
    >>> configure(PipelineConfig(html=True), model="m").html
    True
    >>> configure(colour="red")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: unknown pipeline option 'colour'; options: html, boilerplate, ...
    """
    if config is None:
        config = PipelineConfig()
    elif not isinstance(config, PipelineConfig):
        raise TypeError(f"config must be a PipelineConfig or None, not {type(config).__name__}")
    if not overrides:
        return config
    names = [f.name for f in fields(PipelineConfig)]
    for name in overrides:
        if name not in names:
            raise TypeError(f"unknown pipeline option {name!r}; options: {', '.join(names)}")
    return replace(config, **overrides)


@dataclass(frozen=True, slots=True)
class Document:
    """One input of :func:`process_many` with its own options.

    ``metadata`` is copied onto the article; ``html`` overrides ``process_many``'s ``html``
    for this document (``None``: use it), so a stream may mix text and HTML pages.

    >>> Document("<p>نص</p>", {"path": "a.html"}, html=True).html
    True
    """

    text: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    html: bool | None = None


def process(text: str, *, config: PipelineConfig | None = None, **overrides: Any) -> Article:
    """Run the whole pipeline on one scraped article.

    ``config`` is a :class:`PipelineConfig`; keywords override its fields
    (``process(text, html=True, backend="camel")``).

    1. :func:`arnews.strip_boilerplate` (``html``, ``boilerplate``) gives the clean body,
       the title, the date, the source line and the removed blocks (their offsets index
       the *input*);
    2. :func:`arnews.split_sentences` (``sentences``) cuts the body into sentences;
    3. :func:`arnews.extract_entities` (``backend``, ``model``) finds the entities of the
       title and the whole body in one call (the title as a paragraph of its own before
       the body), sentence by sentence (the sentences :func:`arnews.split_sentences`
       finds), so that its document-level pass sees every mention — a name found in the
       title labels its mentions in the body and the other way round — and no entity
       runs across a sentence end.

    Sentence offsets index ``Article.text``; an entity's offsets index the text its
    ``field`` names (``Article.title`` for the title's entities, which come first).

    >>> process("   \\n\\n ").sentences
    ()
    >>> process("نص", colour="red")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: unknown pipeline option 'colour'; options: html, boilerplate, ...
    """
    text = ensure_text(text, "text")
    config = configure(config, **overrides)
    cleaned = strip_boilerplate(text, html=config.html, config=config.boilerplate)
    body = cleaned.text
    sentences = tuple(split_sentences(body, config.sentences))
    notes = cleaned.notes
    entities: tuple[Entity, ...] = ()
    if cleaned.arabic_ratio >= config.min_arabic_ratio:
        entities = _find_entities(body, cleaned.title, sentences, config.backend, config.model)
    else:
        notes += (
            f"entities skipped: {cleaned.arabic_ratio:.0%} of the body's letters are Arabic "
            f"(min_arabic_ratio={config.min_arabic_ratio:g})",
        )
    return Article(
        text=body,
        title=cleaned.title,
        published=cleaned.published,
        source=cleaned.source,
        sentences=sentences,
        entities=entities,
        removed=cleaned.removed,
        input_kind=cleaned.input_kind,
        arabic_ratio=cleaned.arabic_ratio,
        notes=notes,
    )


def _find_entities(
    body: str, title: str | None, sentences: Sequence[Sentence], backend: str, model: str | None
) -> tuple[Entity, ...]:
    """Entities of the title (``field="title"``), then of ``body``, none crossing a sentence end.

    One call tags ``title + "\\n\\n" + body``, so the document-level pass sees both.
    :func:`arnews.extract_entities` tags the sentences :func:`arnews.split_sentences` finds
    (with its default settings), so its entities stay within them; one that would not (a
    backend that cuts otherwise, or ``sentences`` split with other settings) is dropped,
    never tagged a second time.
    """
    from arnews.entities import extract_entities

    head = title + "\n\n" if title and title.strip() else ""
    doc = head + body
    if has_surrogates(doc):  # C extensions cannot encode them: same length, then restore
        safe = replace_surrogates(doc)
        found = [
            replace(e, text=doc[e.start : e.end])
            for e in extract_entities(safe, backend=backend, model=model)
        ]
    else:
        found = extract_entities(doc, backend=backend, model=model)
    in_title: list[Entity] = []
    kept: list[Entity] = []
    starts = [s.start for s in sentences]
    shift = len(head)
    for entity in found:
        if head and entity.end <= len(head) - 2:
            in_title.append(replace(entity, field="title"))
            continue
        if entity.start < shift:
            continue
        start, end = entity.start - shift, entity.end - shift
        index = bisect_right(starts, start) - 1
        if index >= 0 and end <= sentences[index].end:
            kept.append(replace(entity, start=start, end=end))
    return _without_overlaps(in_title) + _without_overlaps(kept)


def _without_overlaps(entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """Entities in text order, each starting where or after the previous one ends.

    (One character can stand for several words, e.g. the ligature ﷽; the first name
    found on it is kept.)

    >>> a = Entity("﷽", "MISC", 0, 1, 0.9, "الله")
    >>> [e.label for e in _without_overlaps([a, replace(a, label="PER")])]
    ['MISC']
    """
    kept: list[Entity] = []
    for entity in entities:
        if not kept or entity.start >= kept[-1].end:
            kept.append(entity)
    return tuple(kept)


# --------------------------------------------------------------------------- many articles


def process_many(
    texts: Iterable[Item],
    *,
    n_jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = False,
    errors: ErrorPolicy = "raise",
    config: PipelineConfig | None = None,
    **overrides: Any,
) -> Iterator[Article]:
    """Process a stream of articles; yield one :class:`Article` per input, in input order.

    ``texts`` is any iterable of ``str``, of ``(text, metadata)`` pairs (the metadata
    mapping is copied onto ``Article.metadata``) or of :class:`Document`. It is read
    lazily: at most about ``2 × n_jobs × batch_size`` documents are held at once, so a
    generator over millions of articles streams in bounded memory.

    ``n_jobs > 1`` runs that many worker processes (``-1``: one per CPU); each loads the
    model once and receives ``batch_size`` documents at a time. Workers are *spawned*, so a
    script that calls this must do so under ``if __name__ == "__main__":`` (without it, a
    ``RuntimeError`` says so). ``progress=True`` keeps a progress line on stderr (see
    :class:`arnews.progress.ProgressLine`; it works in Jupyter without ipywidgets).

    ``config`` and the keyword ``overrides`` are those of :func:`process`
    (:class:`PipelineConfig`); a :class:`Document` may override ``html`` for itself.

    ``errors`` says what happens when a document fails (a ``None`` in the stream, a
    malformed pair, an exception inside a stage): ``"raise"`` re-raises it (with a note
    naming the document's position), ``"skip"`` leaves the document out (and logs a
    warning on the ``arnews`` logger), ``"record"`` yields :func:`error_article` in its
    place: empty text, the document's metadata, and ``metadata["error"]`` (also
    ``Article.error``) = ``"ExceptionType: message"``.

    >>> found = [a.text for a in process_many(["", ("", {"id": 1})])]
    >>> found
    ['', '']
    >>> next(process_many(["", ("", {"id": 1})])).metadata, list(process_many([]))
    ({}, [])
    >>> found = [a.error for a in process_many([None, ""], errors="record")]
    >>> found
    ['TypeError: texts[0] must be str or a (text, metadata) pair, not NoneType', None]
    """
    if isinstance(texts, str | bytes | bytearray):
        raise TypeError(
            f"texts must be an iterable of str or (text, metadata) pairs, not one "
            f"{type(texts).__name__}"
        )
    if not isinstance(texts, Iterable):
        raise TypeError(f"texts must be iterable, not {type(texts).__name__}")
    workers = _resolve_jobs(n_jobs)
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, not {batch_size!r}")
    if errors not in ERROR_POLICIES:
        choices = ", ".join(repr(p) for p in ERROR_POLICIES)
        raise ValueError(f"errors must be one of {choices}, not {errors!r}")
    config = configure(config, **overrides)
    total = _length(texts)
    results: Iterator[list[Article | None]]
    if workers == 1:
        results = _run_serially(texts, config, errors)
    else:
        _refuse_while_bootstrapping()
        results = _run_in_processes(texts, config, errors, batch_size, workers)
    return _flatten(results, progress, total)


def _resolve_jobs(n_jobs: int) -> int:
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive int or -1 (one per CPU), not {n_jobs!r}")
    return n_jobs if n_jobs > 0 else os.cpu_count() or 1


def _length(texts: Iterable[Any]) -> int | None:
    try:
        return len(texts)  # type: ignore[arg-type]
    except TypeError:
        return None


def _flatten(
    batches: Iterator[list[Article | None]], progress: bool, total: int | None
) -> Iterator[Article]:
    line = ProgressLine(total) if progress else None
    try:
        for batch in batches:
            for article in batch:
                if article is not None:
                    yield article
            if line is not None:
                line.update(len(batch))
    finally:
        if line is not None:
            line.close()


def _batches(texts: Iterable[Item], size: int) -> Iterator[list[tuple[int, Any]]]:
    numbered = enumerate(texts)
    while batch := list(islice(numbered, size)):
        yield batch


def _run_serially(
    texts: Iterable[Item], config: PipelineConfig, errors: ErrorPolicy
) -> Iterator[list[Article | None]]:
    if not _learns_templates(config):
        for index, item in enumerate(texts):
            yield [_run_item(index, item, config, errors)]
        return
    from arnews.templates import TemplateLearner

    learner = TemplateLearner()  # learns as it reads: no document is read ahead
    for index, item in enumerate(texts):
        yield [_run_item(index, item, _learn(learner, [item], config), errors)]


def _learns_templates(config: PipelineConfig) -> bool:
    return config.boilerplate.learn_templates and config.boilerplate.template is None


def _learn(learner: Any, items: Sequence[Any], config: PipelineConfig) -> PipelineConfig:
    """Count the text documents of ``items`` (HTML is not learnt from); the config with the
    site template known so far (lines repeated across documents: menus, footers)."""
    from arnews.boilerplate import looks_like_html

    for item in items:
        text = item.text if isinstance(item, Document) and not item.html else item
        if isinstance(item, tuple | list) and len(item) == 2:
            text = item[0]
        if isinstance(text, str) and not config.html and not looks_like_html(text):
            learner.add(text)
    if not learner.model.lines:
        return config
    return replace(config, boilerplate=replace(config.boilerplate, template=learner.model))


def _run_in_processes(
    texts: Iterable[Item], config: PipelineConfig, errors: ErrorPolicy, size: int, workers: int
) -> Iterator[list[Article | None]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    pending: deque[Future[list[Article | None]]] = deque()
    from arnews.templates import TemplateLearner

    learner = TemplateLearner() if _learns_templates(config) else None
    try:
        for batch in _batches(texts, size):
            configs = None
            if learner is not None:  # as in the serial path: each document learns first
                configs = [_learn(learner, [item], config) for _, item in batch]
            pending.append(pool.submit(run_batch, batch, config, errors, configs))
            if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as exc:
        raise RuntimeError(_BROKEN_POOL) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_MAIN_GUARD = (
    "arnews.process_many(n_jobs > 1) starts worker processes that re-import your script; "
    'put the code that calls it under `if __name__ == "__main__":` (or use n_jobs=1)'
)
_BROKEN_POOL = (
    "an arnews worker process died. The usual cause: " + _MAIN_GUARD + ". Otherwise a worker "
    "ran out of memory or was killed; try a smaller batch_size or fewer n_jobs"
)


def _refuse_while_bootstrapping() -> None:
    """Fail clearly when a spawned worker re-runs a script that has no main guard."""
    import multiprocessing

    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise RuntimeError(_MAIN_GUARD)


def run_batch(
    batch: Sequence[tuple[int, Any]],
    config: PipelineConfig,
    errors: ErrorPolicy,
    configs: Sequence[PipelineConfig] | None = None,
) -> list[Article | None]:
    """Process numbered documents in the current process (what each worker runs).

    ``configs``, when given, holds one config per document (``process_many`` passes the
    site template learnt up to each one) and takes the place of ``config``.

    >>> found = [a.text for a in run_batch([(0, "")], PipelineConfig(), "raise")]
    >>> found
    ['']
    """
    if configs is not None:  # one per document (the site template learnt so far)
        return [
            _run_item(index, item, own, errors)
            for (index, item), own in zip(batch, configs, strict=True)
        ]
    return [_run_item(index, item, config, errors) for index, item in batch]


def _run_item(index: int, item: Any, config: PipelineConfig, errors: ErrorPolicy) -> Article | None:
    try:
        text, metadata, html = _unpack(index, item)
        article = process(text, config=config if html is None else replace(config, html=html))
    except Exception as exc:
        if errors == "raise":
            exc.add_note(f"(arnews.process_many: document texts[{index}])")
            raise
        if errors == "skip":
            import logging

            logging.getLogger("arnews").warning(
                "arnews: skipped texts[%d]: %s: %s", index, type(exc).__name__, exc
            )
            return None
        return error_article(exc, _metadata_of(item))
    return replace(article, metadata=metadata) if metadata else article


def _metadata_of(item: Any) -> dict[str, Any]:
    if isinstance(item, Document) and isinstance(item.metadata, Mapping):
        return dict(item.metadata)
    if isinstance(item, tuple | list) and len(item) == 2 and isinstance(item[1], Mapping):
        return dict(item[1])
    return {}


def _unpack(index: int, item: Any) -> tuple[str, dict[str, Any], bool | None]:
    if isinstance(item, str):
        return item, {}, None
    if isinstance(item, Document):
        return ensure_text(item.text, f"texts[{index}].text"), dict(item.metadata), item.html
    if isinstance(item, tuple | list) and len(item) == 2 and isinstance(item[1], Mapping):
        metadata = dict(item[1])
        return ensure_text(item[0], f"texts[{index}][0]"), metadata, None
    if isinstance(item, bytes | bytearray | memoryview):
        ensure_text(item, f"texts[{index}]")
    raise TypeError(
        f"texts[{index}] must be str or a (text, metadata) pair, not {type(item).__name__}"
    )


def error_article(error: BaseException, metadata: Mapping[str, Any] | None = None) -> Article:
    """The article ``errors="record"`` yields for a document that failed.

    Its text is empty; its metadata is the document's own plus ``"error"``:
    ``"ExceptionType: message"``.

    >>> a = error_article(ValueError("bad"), {"id": 3})
    >>> a.text, a.metadata, a.error
    ('', {'id': 3, 'error': 'ValueError: bad'}, 'ValueError: bad')
    """
    message = f"{type(error).__name__}: {error}"
    return Article(text="", metadata={**(metadata or {}), "error": message})
