"""pandas tables of processed articles: one row per article, or one row per entity mention.

pandas is imported only when one of these functions runs (it is not a dependency of
``import arnews``). Both take any iterable of :class:`~arnews.types.Article` (a list, or
:func:`arnews.process_many` itself) and number the articles from 0 in the order given:
that number is ``to_frame``'s index and ``entities_frame``'s ``article`` column, so the
two join.

>>> from arnews.types import Article, Entity, Sentence
>>> a = Article("زار ماكرون الرباط.", sentences=(Sentence("زار ماكرون الرباط.", 0, 18),),
...             entities=(Entity("ماكرون", "PER", 4, 10, 0.9, "ماكرون"),), metadata={"url": "u"})
>>> to_frame([a])[["n_sentences", "people", "url"]].to_dict("records")
[{'n_sentences': 1, 'people': ['ماكرون'], 'url': 'u'}]
>>> entities_frame([a])[["article", "label", "text", "start", "sentence"]].to_dict("records")
[{'article': 0, 'label': 'PER', 'text': 'ماكرون', 'start': 4, 'sentence': 0}]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from arnews._extras import require
from arnews.names import mention_names
from arnews.pipeline import ErrorPolicy, PipelineConfig, process_many
from arnews.types import Article

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "ARTICLE_COLUMNS",
    "ENTITY_COLUMNS",
    "entities_frame",
    "process_frame",
    "to_frame",
]

ARTICLE_COLUMNS: Final = (
    "title",
    "published",
    "source",
    "text",
    "n_sentences",
    "n_entities",
    "n_removed",
    "people",
    "organizations",
    "places",
    "error",
)
"""The columns :func:`to_frame` always has (metadata keys follow them)."""

ENTITY_COLUMNS: Final = (
    "article",
    "field",
    "sentence",
    "label",
    "text",
    "canonical",
    "name",
    "start",
    "end",
    "score",
)
"""The columns of :func:`entities_frame`: ``field`` is ``"title"`` or ``"body"`` (the text
``start``/``end`` index; ``sentence`` is -1 in the title), ``name`` is the full name the
mention stands for (the one listed in ``Article.people``/``organizations``/``places``)."""


def to_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per article: metadata, counts, the names, the text; index ``article`` (0, 1…).

    ``published`` becomes a pandas datetime column (``NaT`` when unknown). Each key of
    ``Article.metadata`` becomes a column of its own; a key that clashes with a built-in
    column is prefixed with ``metadata_``.

    >>> to_frame([]).columns.tolist() == list(ARTICLE_COLUMNS)
    True
    """
    pd = require("pandas", "pandas", "arnews.frames")

    rows = [_article_row(a) for a in _articles(articles)]
    frame = pd.DataFrame.from_records(rows, columns=_columns(rows, ARTICLE_COLUMNS))
    frame.index.name = "article"
    frame["published"] = pd.to_datetime(frame["published"])
    for column in ("n_sentences", "n_entities", "n_removed"):
        frame[column] = frame[column].astype("int64")
    for column in ("title", "source", "text", "error"):  # the same dtype in every partition
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def entities_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per entity mention, with the article number and the sentence index.

    >>> entities_frame([]).columns.tolist() == list(ENTITY_COLUMNS)
    True
    """
    pd = require("pandas", "pandas", "arnews.frames")

    rows: list[tuple[Any, ...]] = []
    for number, article in enumerate(_articles(articles)):
        rows.extend(_entity_rows(number, article))
    frame = pd.DataFrame.from_records(rows, columns=list(ENTITY_COLUMNS))
    for column in ("article", "sentence", "start", "end"):
        frame[column] = frame[column].astype("int64")
    frame["score"] = frame["score"].astype("float64")
    return frame


def process_frame(
    frame: pd.DataFrame,
    *,
    text_column: str = "text",
    errors: ErrorPolicy = "record",
    config: PipelineConfig | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """Process the ``text_column`` of a pandas DataFrame; return :func:`to_frame`'s table.

    The other columns of ``frame`` come along as metadata columns and the index is kept
    (``errors="record"`` keeps one row per input row, so it is the default here). This is
    the function to run per partition on Dask (:mod:`arnews.dask`) or in PySpark's
    ``mapInPandas``.

    >>> import pandas as pd
    >>> out = process_frame(pd.DataFrame({"id": [7], "text": [""]}))
    >>> out[["id", "n_sentences", "error"]].to_dict("records")
    [{'id': 7, 'n_sentences': 0, 'error': None}]
    """
    if text_column not in frame.columns:
        raise KeyError(f"no column {text_column!r} in the frame (columns: {list(frame.columns)})")
    others = [c for c in frame.columns if c != text_column]
    records = frame[others].to_dict("records") if others else [{} for _ in range(len(frame))]
    items = zip(frame[text_column].tolist(), records, strict=True)
    articles = process_many(items, errors=errors, config=config, **overrides)
    result = to_frame(articles)
    for column in others:  # an empty frame (a Dask meta) still gets every column
        name = _metadata_column(str(column))
        if name not in result.columns:
            result[name] = frame[column].iloc[:0].astype(frame[column].dtype)
    if len(result) == len(frame):
        result.index = frame.index
    return result


def _articles(articles: Iterable[Article]) -> Iterable[Article]:
    if isinstance(articles, Article):
        raise TypeError("articles must be an iterable of Article; wrap one article in a list")
    for article in articles:
        if not isinstance(article, Article):
            raise TypeError(f"articles must hold Article objects, not {type(article).__name__}")
        yield article


def _article_row(article: Article) -> dict[str, Any]:
    row: dict[str, Any] = {
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "text": article.text,
        "n_sentences": len(article.sentences),
        "n_entities": len(article.entities),
        "n_removed": len(article.removed),
        "people": list(article.people),
        "organizations": list(article.organizations),
        "places": list(article.places),
        "error": article.error,
    }
    for key, value in article.metadata.items():
        if key != "error":
            row[_metadata_column(str(key))] = value
    return row


def _metadata_column(key: str) -> str:
    return f"metadata_{key}" if key in ARTICLE_COLUMNS else key


def _columns(rows: Sequence[Mapping[str, Any]], fixed: Sequence[str]) -> list[str]:
    extra: dict[str, None] = {}
    for row in rows:
        extra.update(dict.fromkeys(k for k in row if k not in fixed))
    return [*fixed, *extra]


def _entity_rows(number: int, article: Article) -> list[tuple[Any, ...]]:
    starts = [s.start for s in article.sentences]
    rows = []
    for e, name in zip(article.entities, mention_names(article.entities), strict=True):
        index = bisect_right(starts, e.start) - 1
        if e.field != "body" or index < 0 or e.start >= article.sentences[index].end:
            index = -1
        rows.append(
            (number, e.field, index, e.label, e.text, e.canonical, name, e.start, e.end, e.score)
        )
    return rows
