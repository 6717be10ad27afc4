"""Run the pipeline on Dask, partition by partition (``pip install arnews[dask]``).

Dask is imported only inside these functions. Each partition is processed by
:func:`arnews.process_many` in the worker that holds it, so each worker process loads the
entity model once and reuses it for every partition it gets; results keep the input order.

* :func:`process_bag` maps a ``dask.bag.Bag`` of texts (or ``(text, metadata)`` pairs)
  to a bag of :class:`~arnews.types.Article`;
* :func:`process_dataframe` maps a ``dask.dataframe.DataFrame`` with a text column to a
  DataFrame with one row per article (the columns of :func:`arnews.to_frame`, the other
  input columns carried along), via :func:`arnews.frames.process_frame`.

>>> import dask.bag as db
>>> found = [a.text for a in process_bag(db.from_sequence(["", ""], npartitions=2)).compute()]
>>> found
['', '']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from arnews.pipeline import ErrorPolicy, PipelineConfig, configure, process_many
from arnews.types import Article

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe

__all__ = ["process_bag", "process_dataframe", "process_partition"]


def process_partition(
    items: Iterable[Any],
    *,
    errors: ErrorPolicy = "raise",
    config: PipelineConfig | None = None,
    **overrides: Any,
) -> list[Article]:
    """Process one partition's items in this process (what :func:`process_bag` maps).

    >>> found = [a.error for a in process_partition([None], errors="record")]
    >>> found
    ['TypeError: texts[0] must be str or a (text, metadata) pair, not NoneType']
    """
    return list(process_many(items, errors=errors, config=config, **overrides))


def process_bag(
    bag: dask.bag.Bag,
    *,
    errors: ErrorPolicy = "raise",
    config: PipelineConfig | None = None,
    **overrides: Any,
) -> dask.bag.Bag:
    """A bag of :class:`~arnews.types.Article`, one per item of ``bag``, partition by partition.

    ``errors`` works as in :func:`arnews.process_many` (``"record"`` keeps one article per
    item, so the result lines up with the input).
    """
    untyped: Any = bag  # dask's map_partitions is not annotated
    config = configure(config, **overrides)  # checked here, before any task is built
    mapped = untyped.map_partitions(process_partition, errors=errors, config=config)
    return cast("dask.bag.Bag", mapped)


def process_dataframe(
    frame: dask.dataframe.DataFrame,
    *,
    text_column: str = "text",
    errors: ErrorPolicy = "record",
    config: PipelineConfig | None = None,
    **overrides: Any,
) -> dask.dataframe.DataFrame:
    """One row per article for a Dask DataFrame holding a text column.

    The result has :func:`arnews.to_frame`'s columns plus every other input column, and
    keeps the input index (with the default ``errors="record"``, one row per input row).

    >>> import dask.dataframe as dd, pandas as pd
    >>> df = dd.from_pandas(pd.DataFrame({"id": [1, 2], "text": ["", ""]}), npartitions=2)
    >>> process_dataframe(df).compute()[["id", "n_sentences"]].to_dict("records")
    [{'id': 1, 'n_sentences': 0}, {'id': 2, 'n_sentences': 0}]
    """
    from arnews.frames import process_frame

    options: dict[str, Any] = {
        "text_column": text_column,
        "errors": errors,
        "config": configure(config, **overrides),
    }
    untyped: Any = frame  # dask's map_partitions is not annotated
    meta = process_frame(untyped._meta, **options)
    mapped = untyped.map_partitions(process_frame, meta=meta, **options)
    return cast("dask.dataframe.DataFrame", mapped)
