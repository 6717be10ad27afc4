"""Train the word vectors of the neural entity tagger and export them compact.

Corpus: the permitted raw text in ``../shared/data/raw`` (Arabic Wikipedia 2017 and Jawhara
FM 2015-2017; never the 2018 multi-source corpus, kept for evaluation) plus the TRAINING
part of ANERcorp (the first 90% of units; the dev split stays out). Every text goes
through the run-time path: ``arnews`` normalization, tokenization with clitics, and
:func:`arnews.entities.embeddings.embedding_key` (folded stem, digits as 0).

Model: gensim ``FastText`` skip-gram with character n-grams. Export: the most frequent
words with their vectors, and the n-gram bucket table, int8 with one scale per row, in an
``.npz`` of plain arrays (no pickle). The export checks that the numpy reader gives
gensim's own vectors for in-vocabulary, pruned and unseen words.

    .venv/bin/python training/train_embeddings.py                       # all steps
    .venv/bin/python training/train_embeddings.py --step export --keep 50000
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from ner_data import split_anercorp  # noqa: E402

from arnews.entities.embeddings import WordVectors, embedding_key, quantize  # noqa: E402
from arnews.normalization import normalize  # noqa: E402
from arnews.tokenization import tokenize  # noqa: E402

RAW = ROOT.parent / "shared" / "data" / "raw"
SOURCES = ("arwiki-2017.jsonl.gz", "ant-jawharafm-2015-2017.jsonl.gz")
WORK = Path("/tmp/arnews-embeddings")
OUT = WORK / "vectors.npz"


def line_keys(text: str) -> Iterator[list[str]]:
    """The embedding keys of each non-empty line of ``text`` (one training sentence each)."""
    for line in normalize(text).split("\n"):
        keys = [embedding_key(t) for t in tokenize(line)]
        if keys:
            yield keys


def raw_texts() -> Iterator[str]:
    """Titles and texts of the permitted raw corpora, then ANERcorp's training units."""
    for name in SOURCES:
        with gzip.open(RAW / name, "rt", encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                yield "\n".join(x for x in (doc.get("title") or "", doc.get("text") or "") if x)
    train, _ = split_anercorp()
    for unit in train:
        yield unit.text


def write_corpus(path: Path) -> int:
    """Write one tokenized line per input line (space-separated keys); return the tokens."""
    n = 0
    t0 = time.time()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(raw_texts()):
            for keys in line_keys(text):
                out.write(" ".join(k.replace(" ", "_") for k in keys) + "\n")
                n += len(keys)
            if i % 20000 == 0:
                print(f"  {i} docs, {n} tokens, {time.time() - t0:.0f}s", flush=True)
    return n


def train(corpus: Path, args: argparse.Namespace) -> None:
    """Train gensim FastText on the corpus file and save it (gensim's format, work dir only)."""
    from gensim.models import FastText

    model = FastText(
        corpus_file=str(corpus),
        vector_size=args.dim,
        window=5,
        min_count=args.min_count,
        sg=1,
        min_n=args.minn,
        max_n=args.maxn,
        bucket=args.bucket,
        epochs=args.epochs,
        workers=args.workers,
        seed=1,
    )
    model.save(str(WORK / "fasttext.model"))


def export(args: argparse.Namespace) -> None:
    """Prune, quantize and write the vectors; check the numpy reader against gensim."""
    from gensim.models import FastText

    model = FastText.load(str(WORK / "fasttext.model"))
    wv = model.wv
    keep = wv.index_to_key[: args.keep]  # gensim sorts the vocabulary by frequency
    word_codes, word_scale = quantize(np.asarray(wv.vectors[: len(keep)], dtype=np.float32))
    ngram_codes, ngram_scale = quantize(np.asarray(wv.vectors_ngrams, dtype=np.float32))
    arrays = {
        "emb_words": np.frombuffer("\n".join(keep).encode("utf-8"), dtype=np.uint8),
        "emb_word_codes": word_codes,
        "emb_word_scale": word_scale,
        "emb_ngram_codes": ngram_codes,
        "emb_ngram_scale": ngram_scale,
        "emb_ngram_range": np.array([wv.min_n, wv.max_n], dtype=np.int32),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, **arrays)  # type: ignore[arg-type]
    print(f"{len(keep)} words, {wv.vectors_ngrams.shape} n-grams -> {args.out}")
    print(f"  {args.out.stat().st_size / 1e6:.1f} MB")
    check(wv, args.out, keep)


def check(wv: object, path: Path, keep: Sequence[str]) -> None:
    """Compare the numpy reader with gensim for kept, pruned and unseen words."""
    with np.load(path, allow_pickle=False) as data:
        ours = WordVectors.from_arrays(dict(data))
    vocab = wv.index_to_key  # type: ignore[attr-defined]
    pruned = vocab[len(keep) : len(keep) + 200]
    unseen = ["نيمارينيو", "كورونافيروس", "xyzzyq", "ب", "تويتريات", "ماكرونيه"]
    worst = 0.0
    for word in [*keep[:200], *keep[-200:], *pruned, *unseen]:
        gensim_vec = wv[word] if word in keep else oov_vector(wv, word)  # type: ignore[index]
        cos = float(
            np.dot(ours.vector(word), gensim_vec)
            / (np.linalg.norm(ours.vector(word)) * np.linalg.norm(gensim_vec) + 1e-9)
        )
        worst = max(worst, 1 - cos)
    exact = all(
        sorted(ours.ngram_rows(w))
        == sorted(int(h) for h in _gensim_hashes(wv, w))  # same buckets as gensim
        for w in [*pruned[:50], *unseen]
    )
    print(f"  numpy vs gensim: same n-gram buckets {exact}; worst 1-cosine {worst:.5f}")
    if not exact or worst > 1e-3:
        raise SystemExit("numpy word vectors differ from gensim's")


def _gensim_hashes(wv: object, word: str) -> list[int]:
    from gensim.models.fasttext import ft_ngram_hashes

    return list(ft_ngram_hashes(word, wv.min_n, wv.max_n, wv.bucket))  # type: ignore[attr-defined]


def oov_vector(wv: object, word: str) -> np.ndarray:
    """gensim's vector for ``word`` computed from n-grams alone (as for a word it never saw)."""
    rows = _gensim_hashes(wv, word)
    table = wv.vectors_ngrams  # type: ignore[attr-defined]
    return np.asarray(table[rows].mean(axis=0), dtype=np.float32)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the requested steps."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--step", choices=["all", "corpus", "train", "export"], default="all")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--minn", type=int, default=2)
    ap.add_argument("--maxn", type=int, default=5)
    ap.add_argument("--bucket", type=int, default=150_000)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=int, default=60_000, help="vocabulary words to ship")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    corpus = WORK / "corpus.txt"
    t0 = time.time()
    if args.step in ("all", "corpus"):
        n = write_corpus(corpus)
        print(f"corpus: {n} tokens in {time.time() - t0:.0f}s")
    if args.step in ("all", "train"):
        t1 = time.time()
        train(corpus, args)
        print(f"trained in {time.time() - t1:.0f}s")
    if args.step in ("all", "export"):
        export(args)


if __name__ == "__main__":
    main()
