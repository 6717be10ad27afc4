"""arnews.dask on a real distributed.LocalCluster (2 worker processes) equals process_many.

~200 real news articles (the ANT corpus, tests only) go through a Dask bag and a Dask
DataFrame, partition by partition on the cluster's workers; the results must be exactly
what ``process_many`` gives in this process. Site-template learning is switched off on both
sides: with it each partition learns from its own documents (a BBC footer that repeats in
one partition is template there, not in the whole mixed stream), which is by design.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import samples
from arnews import BoilerplateConfig
from arnews.dask import process_bag, process_dataframe
from arnews.frames import process_frame
from arnews.pipeline import process_many
from extras import need

need("distributed", "dask")
pd = need("pandas", "dask")

ROOT = Path(__file__).resolve().parents[1]
COUNT = 200


NO_TEMPLATES = BoilerplateConfig(learn_templates=False)


@pytest.fixture(scope="module")
def items() -> list[tuple[str, dict[str, Any]]]:
    return samples.ant_articles(COUNT, max_chars=2500, every=120)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def test_bag_on_a_local_cluster_equals_process_many(
    client: Any, items: list[tuple[str, dict[str, Any]]]
) -> None:
    import dask.bag as db

    expected = [a.to_dict() for a in process_many(items, boilerplate=NO_TEMPLATES)]
    bag = db.from_sequence(items, npartitions=8)
    got = process_bag(bag, boilerplate=NO_TEMPLATES).compute()
    assert [a.to_dict() for a in got] == expected
    assert len({a.metadata["outlet"] for a in got}) > 1
    workers = client.run(os.getpid)
    assert len(set(workers.values())) == 2
    assert os.getpid() not in workers.values()


def test_dataframe_on_a_local_cluster_equals_process_frame(
    client: Any, items: list[tuple[str, dict[str, Any]]]
) -> None:
    import dask.dataframe as dd

    frame = pd.DataFrame(
        {"id": [m["id"] for _, m in items], "text": [t for t, _ in items]},
        index=pd.RangeIndex(1000, 1000 + len(items)),
    )
    frame.loc[1003, "text"] = None  # a bad row is recorded, not fatal
    expected = process_frame(frame, boilerplate=NO_TEMPLATES)
    got = process_dataframe(dd.from_pandas(frame, npartitions=6), boilerplate=NO_TEMPLATES)
    got = got.compute()
    # a missing text is NaN here and pd.NA once Dask stores strings with pyarrow: the
    # error names that type, everything else is identical
    pd.testing.assert_frame_equal(
        got.drop(columns="error"), expected.drop(columns="error"), check_dtype=False
    )
    assert got["error"].isna().tolist() == expected["error"].isna().tolist()
    assert got.loc[1003, "error"].startswith("TypeError: texts[3][0] must be str")
    assert got["n_entities"].sum() > len(items)
