"""Train and score a small neural tagger against the CRF on the ANERcorp dev split.

An experiment, not a shipped backend: each token's CRF feature strings (the same
``sentence_features`` the CRF sees: stems, affixes, shape, gazetteer classes, triggers,
clusters, window) are hashed into an ``EmbeddingBag``, fed to a one-layer BiLSTM and a
softmax over BIO tags. Training uses the first 90% of units, scoring the last 10%, through
the same tokenization path and the same end-to-end scorer as ``evaluate_ner.py``.

    .venv/bin/python training/train_neural_ner.py --dim 64 --hidden 64 --minutes 5
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import torch  # noqa: E402
from evaluate_ner import evaluate  # noqa: E402
from ner_data import split_anercorp  # noqa: E402
from train_ner import unit_sequences  # noqa: E402

from arnews.entities import extract_with_model  # noqa: E402
from arnews.entities.features import Lexicon, sentence_features  # noqa: E402
from arnews.entities.gazetteer import load_lexicon  # noqa: E402
from arnews.entities.tagger import TaggedToken, sentence_chunks  # noqa: E402
from arnews.types import Token  # noqa: E402

BUCKETS = 1 << 18


def hash_features(feats: Sequence[Sequence[str]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Flat hashed feature ids and per-token offsets for an ``EmbeddingBag``."""
    ids: list[int] = []
    offsets: list[int] = []
    for tok in feats:
        offsets.append(len(ids))
        ids.extend(zlib.crc32(f.encode("utf-8", "replace")) % BUCKETS for f in tok)
    return torch.tensor(ids, dtype=torch.long), torch.tensor(offsets, dtype=torch.long)


class Tagger(torch.nn.Module):
    """Hashed sparse features → BiLSTM → tag scores."""

    def __init__(self, dim: int, hidden: int, n_tags: int) -> None:
        super().__init__()
        self.bag = torch.nn.EmbeddingBag(BUCKETS, dim, mode="sum", sparse=True)
        self.lstm = torch.nn.LSTM(dim, hidden, batch_first=True, bidirectional=True)
        self.drop = torch.nn.Dropout(0.3)
        self.out = torch.nn.Linear(2 * hidden + dim, n_tags)

    def forward(self, ids: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        x = self.bag(ids, offsets).unsqueeze(0)
        h, _ = self.lstm(self.drop(x))
        return self.out(self.drop(torch.cat([h, x], dim=-1))).squeeze(0)


class NeuralModel:
    """Duck-typed stand-in for ``CrfModel`` so ``extract_with_model`` runs unchanged."""

    def __init__(self, net: Tagger, tags: list[str], lexicon: Lexicon) -> None:
        self.net, self.tags, self.lexicon = net, tags, lexicon

    def tag(self, tokens: Sequence[Token]) -> list[TaggedToken]:
        if not tokens:
            return []
        with torch.no_grad():
            probs = self.net(*hash_features(sentence_features(tokens, self.lexicon))).softmax(-1)
        best = probs.argmax(-1).tolist()
        return [
            TaggedToken(tok, self.tags[b], float(probs[i, b]))
            for i, (tok, b) in enumerate(zip(tokens, best, strict=True))
        ]

    def tag_text(self, text: str, tokens: Sequence[Token]) -> list[TaggedToken]:
        out: list[TaggedToken] = []
        for chunk in sentence_chunks(tokens, text):
            out.extend(self.tag(chunk))
        return out


def main(argv: Sequence[str] | None = None) -> None:
    """Train within a time budget, then print dev F1 per type and tagging speed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--lr", type=float, default=2e-3)
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    torch.manual_seed(0)
    lexicon = load_lexicon()
    train, dev = split_anercorp()
    t0 = time.perf_counter()
    seqs = [s for unit in train for s in unit_sequences(unit, lexicon)]
    tags = sorted({t for _, labels in seqs for t in labels})
    index = {t: i for i, t in enumerate(tags)}
    data = [(*hash_features(f), torch.tensor([index[t] for t in y])) for f, y in seqs]
    print(f"{len(data)} training sentences, features in {time.perf_counter() - t0:.0f} s")
    net = Tagger(args.dim, args.hidden, len(tags))
    dense = [p for n, p in net.named_parameters() if not n.startswith("bag.")]
    opts = [
        torch.optim.SparseAdam(list(net.bag.parameters()), lr=args.lr),
        torch.optim.Adam(dense, lr=args.lr),
    ]
    deadline = time.perf_counter() + 60 * args.minutes
    for epoch in range(args.epochs):
        net.train()
        order = torch.randperm(len(data)).tolist()
        total = 0.0
        for i in order:
            ids, offs, y = data[i]
            loss = torch.nn.functional.cross_entropy(net(ids, offs), y)
            for opt in opts:
                opt.zero_grad()
            loss.backward()
            for opt in opts:
                opt.step()
            total += loss.item()
            if time.perf_counter() > deadline:
                break
        print(f"epoch {epoch + 1}: loss {total / len(order):.4f}")
        if time.perf_counter() > deadline:
            print("time budget reached")
            break
    net.eval()
    model = NeuralModel(net, tags, lexicon)
    t1 = time.perf_counter()
    scores = evaluate(dev, lambda text: extract_with_model(text, model))  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t1
    n_tok = sum(len(u.tokens) for u in dev)
    print(f"dim {args.dim} hidden {args.hidden}: end-to-end {n_tok / elapsed:,.0f} tokens/s")
    print(scores.table())


if __name__ == "__main__":
    main()
