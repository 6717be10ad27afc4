"""Threads, worker processes and determinism.

* ``process`` called from 8 threads at once gives what sequential calls give, both when
  the threads race to load the model and data files (a fresh process) and when warm;
* forked workers (before and after the parent loaded the model) and spawned workers give
  the parent's results, and so does ``process_many(n_jobs=2)``;
* the same input gives byte-identical ``json.dumps(article.to_dict(), sort_keys=True,
  ensure_ascii=False)`` across runs in one process and across fresh processes with
  different hash seeds.

Fresh-process checks run a script in a subprocess so that nothing is loaded yet.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import arnews

HERE = Path(__file__).resolve().parent


import samples  # noqa: E402  (tests/ is on pytest's pythonpath)

TEXTS: list[str] = samples.news_texts()
ENCODABLE = [t for t in TEXTS if not any("\ud800" <= c <= "\udfff" for c in t)]
"""The texts without lone surrogates: what stages are called on here (the battery in
``test_reliability.py`` holds each stage to surrogates; this file is about threads)."""


def dump(article: arnews.Article) -> bytes:
    """The article as the bytes a JSON writer would store."""
    text = json.dumps(article.to_dict(), sort_keys=True, ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")


def digest(article: arnews.Article) -> str:
    return hashlib.sha256(dump(article)).hexdigest()


def _run_script(body: str, *, env: dict[str, str] | None = None) -> Any:
    """Run ``body`` as a script file in a fresh interpreter; return its last stdout line."""
    prelude = textwrap.dedent(
        """
        import hashlib, json, sys
        import samples
        TEXTS = samples.news_texts()

        def digest(article):
            text = json.dumps(article.to_dict(), sort_keys=True, ensure_ascii=False)
            return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        """
    )
    script = prelude + textwrap.dedent(body)
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = folder / f"arnews_concurrency_{os.getpid()}_{threading.get_ident()}.py"
    path.write_text(script, encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, str(path)],
            capture_output=True,
            text=True,
            timeout=600,
            env=samples.child_env(**(env or {})),
        )
    finally:
        path.unlink()
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def expected() -> list[str]:
    """Digests of sequential, single-threaded ``process`` calls in this process."""
    return [digest(arnews.process(t)) for t in TEXTS]


# --------------------------------------------------------------------------- threads


def test_eight_threads_equal_sequential_calls(expected: list[str]) -> None:
    work = TEXTS * 4
    barrier = threading.Barrier(8)

    def run(index: int) -> list[tuple[int, str]]:
        barrier.wait()
        return [(i, digest(arnews.process(work[i]))) for i in range(index, len(work), 8)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [pair for chunk in pool.map(run, range(8)) for pair in chunk]
    got = dict(results)
    assert [got[i] for i in range(len(work))] == expected * 4


def test_stages_from_eight_threads_equal_sequential_calls() -> None:
    stages = (
        arnews.normalize,
        arnews.tokenize,
        arnews.split_sentences,
        arnews.strip_boilerplate,
        arnews.extract_entities,
    )
    sequential = [[repr(stage(t)) for t in ENCODABLE] for stage in stages]
    barrier = threading.Barrier(8)

    def run(index: int) -> list[list[str]]:
        barrier.wait()
        return [[repr(stage(t)) for t in ENCODABLE] for stage in stages]

    with ThreadPoolExecutor(max_workers=8) as pool:
        for result in pool.map(run, range(8)):
            assert result == sequential


COLD_THREADS = """
import threading
import arnews

barrier = threading.Barrier(8)
results = {}

def run(k):
    barrier.wait()  # all eight threads load the model and data files at the same moment
    order = [(i + k) % len(TEXTS) for i in range(len(TEXTS))]
    got = {i: digest(arnews.process(TEXTS[i])) for i in order}
    results[k] = [got[i] for i in range(len(TEXTS))]

threads = [threading.Thread(target=run, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sequential = [digest(arnews.process(t)) for t in TEXTS]
print(json.dumps({"threads": [results[k] for k in range(8)], "sequential": sequential}))
"""


def test_cold_model_loading_races_in_eight_threads(expected: list[str]) -> None:
    report = _run_script(COLD_THREADS)
    assert report["sequential"] == expected
    for result in report["threads"]:
        assert result == expected


# --------------------------------------------------------------------------- processes

WORKERS = """
import multiprocessing as mp
import arnews

def main():
    out = {}
    with mp.get_context("fork").Pool(2) as pool:  # nothing loaded in the parent yet
        out["fork_cold"] = [digest(a) for a in pool.map(arnews.process, TEXTS)]
    out["parent"] = [digest(arnews.process(t)) for t in TEXTS]
    with mp.get_context("fork").Pool(2) as pool:  # the parent's model is inherited
        out["fork_warm"] = [digest(a) for a in pool.map(arnews.process, TEXTS)]
    with mp.get_context("spawn").Pool(2) as pool:
        out["spawn"] = [digest(a) for a in pool.map(arnews.process, TEXTS)]
    out["process_many"] = [digest(a) for a in arnews.process_many(TEXTS, n_jobs=2, batch_size=3)]
    print(json.dumps(out))

if __name__ == "__main__":
    main()
"""


@pytest.fixture(scope="module")
def workers_report() -> Any:
    return _run_script(WORKERS)


@pytest.mark.parametrize("how", ["parent", "fork_cold", "fork_warm", "spawn", "process_many"])
def test_worker_processes_give_the_same_articles(
    workers_report: Any, expected: list[str], how: str
) -> None:
    assert workers_report[how] == expected


# --------------------------------------------------------------------------- determinism


def test_same_input_same_bytes_within_a_process() -> None:
    first = [dump(arnews.process(t)) for t in TEXTS]
    for t in reversed(TEXTS):  # other documents in between must leave no trace
        arnews.process(t)
    again = [dump(arnews.process(t)) for t in TEXTS]
    assert again == first


DIGESTS = """
import arnews
print(json.dumps([digest(arnews.process(t)) for t in TEXTS]))
"""


def test_same_input_same_bytes_across_fresh_processes(expected: list[str]) -> None:
    one = _run_script(DIGESTS, env={"PYTHONHASHSEED": "1"})
    two = _run_script(DIGESTS, env={"PYTHONHASHSEED": "4242"})
    assert one == two == expected
