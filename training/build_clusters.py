"""Build the word clusters that the entity tagger uses as features.

Reads only the raw corpora that may feed shipped files (Arabic Wikipedia 2017, CC BY-SA
4.0, and the ANT Jawhara FM news corpus, Apache-2.0; never ant-multisource, which is for
evaluation only). Each Arabic word is normalized the way the tagger sees it (arnews'
default normalization: no diacritics or tatweel, presentation forms folded) and reduced to
its clitic-free form with :func:`arnews.tokenize` (``Token.base``: ``وبالمغرب`` →
``المغرب``, ``للأمم`` → ``الأمم``).

Method: a PPMI matrix of the ``--vocab`` most frequent words against the ``--contexts``
most frequent ones (window ±2 inside a line, context counts smoothed with exponent 0.75),
a truncated SVD (``--dims``), rows L2-normalized, then k-means at several granularities.
Output, ``src/arnews/data/entities/clusters.tsv.gz``: a ``#`` header, then
``word<TAB>c64<TAB>c256<TAB>c1024`` lines (one column per ``--k``).

Usage::

    .venv/bin/python training/build_clusters.py [--max-words 12000000] [--show المغرب]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from arnews import normalize  # noqa: E402
from arnews.tokenization import tokenize  # noqa: E402

RAW = ROOT.parent / "shared" / "data" / "raw"
SOURCES = ("arwiki-2017.jsonl.gz", "ant-jawharafm-2015-2017.jsonl.gz")
OUT = ROOT / "src" / "arnews" / "data" / "entities" / "clusters.tsv.gz"

_TOKEN = re.compile(
    r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u064b-\u065f\u0640\u0670]+|\d+|[A-Za-z]+"
)
_ARABIC = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")
_NUM = "<NUM>"
_LATIN = "<LAT>"


def read_lines(max_words: int) -> Iterator[list[str]]:
    """Yield the raw tokens of each non-empty line, sources interleaved, up to ``max_words``.

    The news corpus is read whole first (it is the closest to the tagger's text), then
    Wikipedia until the word budget is spent.
    """
    seen = 0
    for name in reversed(SOURCES):
        with gzip.open(RAW / name, "rt", encoding="utf-8") as lines:
            for raw in lines:
                doc = json.loads(raw)
                for line in (doc.get("title") or "", *(doc.get("text") or "").splitlines()):
                    words = _TOKEN.findall(line)
                    if words:
                        seen += len(words)
                        yield words
                if seen >= max_words:
                    return


def base_form(word: str) -> str:
    """The normalized, clitic-free form of a raw token (``<NUM>``/``<LAT>`` for others).

    >>> base_form("وبالمغرب"), base_form("2017"), base_form("UN")
    ('المغرب', '<NUM>', '<LAT>')
    """
    if word[0].isdigit():
        return _NUM
    if word[0].isascii():
        return _LATIN
    norm = normalize(word)
    if not _ARABIC.match(norm):
        return norm
    toks = tokenize(norm)
    return toks[0].base if len(toks) == 1 else norm


def encode(max_words: int) -> tuple[list[np.ndarray], list[str], np.ndarray]:
    """Corpus lines as arrays of type ids, the type strings, and type counts."""
    ids: dict[str, int] = {}
    cache: dict[str, int] = {}
    lines: list[np.ndarray] = []
    for words in read_lines(max_words):
        row = []
        for w in words:
            t = cache.get(w)
            if t is None:
                b = base_form(w)
                t = ids.setdefault(b, len(ids))
                cache[w] = t
            row.append(t)
        lines.append(np.asarray(row, dtype=np.int32))
    types = [""] * len(ids)
    for w, i in ids.items():
        types[i] = w
    counts = np.bincount(np.concatenate(lines), minlength=len(types))
    return lines, types, counts


def cooccurrences(lines: list[np.ndarray], rows: np.ndarray, cols: np.ndarray, window: int) -> Any:
    """Sparse counts of (target row, context column) pairs at distance ≤ ``window``."""
    from scipy import sparse

    flat = np.concatenate([np.append(line, -1) for line in lines])  # -1 cuts lines apart
    r = np.where(flat >= 0, rows[np.maximum(flat, 0)], -1)
    c = np.where(flat >= 0, cols[np.maximum(flat, 0)], -1)
    n_rows, n_cols = int(rows.max()) + 1, int(cols.max()) + 1
    cut = np.cumsum(flat < 0)  # a pair must not span a line cut: equal cut counts
    out = []
    for d in range(1, window + 1):
        same = cut[:-d] == cut[d:]
        for a, b in ((r[:-d], c[d:]), (r[d:], c[:-d])):
            keep = same & (a >= 0) & (b >= 0)
            out.append((a[keep], b[keep]))
    ra = np.concatenate([a for a, _ in out])
    cb = np.concatenate([b for _, b in out])
    data = np.ones(len(ra), dtype=np.float32)
    return sparse.csr_matrix((data, (ra, cb)), shape=(n_rows, n_cols))


def ppmi(matrix: Any, alpha: float = 0.75) -> Any:
    """Positive PMI with context-distribution smoothing."""
    m = matrix.tocoo()
    total = m.data.sum()
    row_p = np.asarray(matrix.sum(axis=1)).ravel() / total
    col = np.asarray(matrix.sum(axis=0)).ravel() ** alpha
    col_p = col / col.sum()
    pmi = np.log(m.data / total) - np.log(row_p[m.row]) - np.log(col_p[m.col])
    keep = pmi > 0
    from scipy import sparse

    return sparse.csr_matrix(
        (pmi[keep].astype(np.float32), (m.row[keep], m.col[keep])), shape=matrix.shape
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-words", type=int, default=12_000_000)
    ap.add_argument("--vocab", type=int, default=50_000)
    ap.add_argument("--contexts", type=int, default=20_000)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--k", type=int, nargs="+", default=[64, 256, 1024])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--show", nargs="*", default=["المغرب", "محمد", "وزارة", "قال", "الرباط"])
    args = ap.parse_args()
    t0 = time.time()

    lines, types, counts = encode(args.max_words)
    order = np.argsort(-counts, kind="stable")
    words = [i for i in order if types[i] not in (_NUM, _LATIN) and len(types[i]) > 1]
    vocab = np.asarray(words[: args.vocab])
    rows = np.full(len(types), -1, dtype=np.int64)
    rows[vocab] = np.arange(len(vocab))
    cols = np.full(len(types), -1, dtype=np.int64)
    cols[order[: args.contexts]] = np.arange(min(args.contexts, len(order)))
    print(f"{counts.sum():,} tokens, {len(types):,} types, {time.time() - t0:.0f}s", flush=True)

    counts_m = cooccurrences(lines, rows, cols, args.window)
    del lines
    weights = ppmi(counts_m)
    print(f"PPMI {weights.shape}, nnz {weights.nnz:,}, {time.time() - t0:.0f}s", flush=True)

    from sklearn.cluster import MiniBatchKMeans
    from sklearn.utils.extmath import randomized_svd

    u, s, _ = randomized_svd(weights, args.dims, n_iter=5, random_state=args.seed)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms > 0, norms, 1.0)
    print(f"SVD {vectors.shape}, {time.time() - t0:.0f}s", flush=True)

    labels = []
    for k in args.k:
        km = MiniBatchKMeans(k, random_state=args.seed, batch_size=4096, n_init=1, max_iter=100)
        labels.append(km.fit_predict(vectors))
        print(f"k-means {k}, {time.time() - t0:.0f}s", flush=True)

    names = [types[i] for i in vocab]
    index = {w: i for i, w in enumerate(names)}
    for w in args.show:
        if w not in index:
            print(f"{w}: not in vocabulary")
            continue
        sims = vectors @ vectors[index[w]]
        near = [names[j] for j in np.argsort(-sims)[1:11]]
        fine = labels[-1][index[w]]
        mates = [names[j] for j in np.flatnonzero(labels[-1] == fine)[:12] if names[j] != w]
        print(f"{w}: nearest {' '.join(near)} | cluster {fine}: {' '.join(mates)}")

    header = (
        "# Word clusters for the arnews entity tagger.\n"
        "# Source: Arabic Wikipedia 2017 (CC BY-SA 4.0) and the ANT corpus, Jawhara FM news\n"
        "# 2015-2017 (Apache-2.0); built by training/build_clusters.py "
        f"(first {args.max_words:,} tokens,\n"
        f"# PPMI window ±{args.window}, {args.vocab:,} words x {args.contexts:,} contexts, "
        f"SVD {args.dims} dims, k-means k={'/'.join(map(str, args.k))}, seed {args.seed}).\n"
        "# Licence of this file: CC BY-SA 4.0 (derived from Wikipedia text).\n"
        "# Format: word<TAB>" + "<TAB>".join(f"c{k}" for k in args.k) + "; words are\n"
        "# arnews-normalized clitic-free forms (Token.base), most frequent first.\n"
    )
    body = "".join(
        w + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n" for i, w in enumerate(names)
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write((header + body).encode("utf-8"))
    f_size = args.out.stat().st_size
    print(f"wrote {args.out} ({len(names):,} words, {f_size:,} bytes), {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
