"""Train the neural entity tagger (torch, CPU) and export it for numpy inference.

Inputs per token, computed by ``arnews.entities.neural`` itself so that training sees
exactly what run time sees: a character CNN over the word, its frozen subword word vector
(``training/train_embeddings.py``, quantized as shipped), and summed embeddings of the
lexical attributes of the CRF (shape, clitic/article marks, clusters, triggers) plus the
gazetteer tags over the position and "inside quotes". Encoder: an iterated dilated CNN
(``--encoder cnn``) or a BiLSTM (``--encoder lstm``); output: a linear-chain CRF over
BIOES tags with impossible moves forbidden. Adam, step-decayed learning rate, dropout,
early stopping on the end-to-end F1 of the ANERcorp dev split (the last 10% of units;
training uses the first 90%), scored by ``training/evaluate_ner.py``'s scorer through
``extract_entities``' own pipeline.

    .venv/bin/python training/train_tagger.py                      # the shipped model
    .venv/bin/python training/train_tagger.py --encoder lstm --out /tmp/t.npz
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from evaluate_ner import Scores, evaluate  # noqa: E402
from ner_data import Unit, aqmar_units, split_anercorp, wikiann_units  # noqa: E402
from train_ner import gold_labels  # noqa: E402

from arnews.entities import extract_with_model  # noqa: E402
from arnews.entities.embeddings import WordVectors, embedding_key  # noqa: E402
from arnews.entities.features import Lexicon  # noqa: E402
from arnews.entities.gazetteer import load_lexicon, resource_files  # noqa: E402
from arnews.entities.neural import (  # noqa: E402
    EOW,
    NeuralModel,
    allowed_transitions,
    bio_to_bioes,
    char_ids,
    position_features,
    type_features,
)
from arnews.entities.tagger import analyze, sentence_chunks, sentence_starts  # noqa: E402
from arnews.types import Token  # noqa: E402

DATA_DIR = ROOT / "src" / "arnews" / "data" / "entities"
MODEL = DATA_DIR / "tagger.npz"
VECTORS = Path("/tmp/arnews-embeddings/vectors.npz")
KINDS = ("PER", "ORG", "LOC", "MISC")
TAGS = ("O", *(f"{p}-{k}" for k in KINDS for p in "BIES"))


@dataclass
class Sentence:
    """One training chunk: its word-type ids, position feature ids and gold tag ids."""

    types: list[int]
    positions: list[list[int]]
    tags: list[int]


class Vocab:
    """Word types seen in the data, with their chars, vector and lexical features."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str, str, str], int] = {}
        self.tokens: list[Token] = []

    def add(self, tok: Token) -> int:
        key = (tok.text, tok.proclitic, tok.article, tok.kind)
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.tokens)
            self.tokens.append(tok)
        return found


def chunks_of(unit: Unit) -> list[tuple[list[Token], list[str]]]:
    """The unit's sentence chunks via the run-time path, with gold BIO labels."""
    norm_text, tokens, norm = analyze(unit.text)
    out = []
    for chunk in sentence_chunks(tokens, norm_text, sentence_starts(norm)):
        original = [norm.original_span(t.start, t.end)[0] for t in chunk]
        out.append((chunk, gold_labels(unit, chunk, original)))
    return out


def build_data(
    units: Sequence[Unit], vocab: Vocab, lexicon: Lexicon
) -> tuple[list[tuple[list[int], list[list[str]], list[str]]], Counter[str]]:
    """Word-type ids, position features and BIOES tags per chunk; feature counts."""
    out = []
    counts: Counter[str] = Counter()
    for unit in units:
        for chunk, labels in chunks_of(unit):
            ids = [vocab.add(t) for t in chunk]
            stems = []
            for t in chunk:
                stem, feats = type_features(t, lexicon)
                stems.append(stem)
                counts.update(feats)
            pos = position_features(chunk, stems, lexicon)
            for p in pos:
                counts.update(p)
            out.append((ids, pos, bio_to_bioes(labels)))
    return out, counts


def without_misc(unit: Unit) -> Unit:
    """The unit with its MISC names read as O (other corpora draw MISC differently)."""
    return Unit(unit.tokens, tuple("O" if t.endswith("MISC") else t for t in unit.tags), unit.doc)


class Net(torch.nn.Module):
    """Char CNN + frozen vectors + lexical bag → encoder → emissions; CRF parameters."""

    def __init__(self, args: argparse.Namespace, n_chars: int, n_feats: int, vec_dim: int):
        super().__init__()
        self.args = args
        self.char_emb = torch.nn.Embedding(n_chars, args.char_dim, padding_idx=0)
        self.char_conv = torch.nn.Conv1d(args.char_dim, args.char_filters, args.char_width)
        self.feat_emb = torch.nn.EmbeddingBag(n_feats, args.feat_dim, mode="sum", padding_idx=0)
        rep = args.char_filters + vec_dim + args.feat_dim
        self.drop = torch.nn.Dropout(args.dropout)
        n_tags = len(TAGS)
        if args.encoder == "lstm":
            self.lstm = torch.nn.LSTM(rep, args.hidden, batch_first=True, bidirectional=True)
            out_dim = 2 * args.hidden
        else:
            self.proj = torch.nn.Linear(rep, args.hidden)
            self.convs = torch.nn.ModuleList(
                torch.nn.Conv1d(args.hidden, args.hidden, 3, dilation=d, padding=d)
                for d in args.dilations
            )
            out_dim = args.hidden
        self.out = torch.nn.Linear(out_dim, n_tags)
        self.trans = torch.nn.Parameter(torch.zeros(n_tags, n_tags))
        self.start = torch.nn.Parameter(torch.zeros(n_tags))
        self.end = torch.nn.Parameter(torch.zeros(n_tags))
        t, s, e = allowed_transitions(TAGS)
        self.register_buffer("trans_mask", torch.from_numpy(t))
        self.register_buffer("start_mask", torch.from_numpy(s))
        self.register_buffer("end_mask", torch.from_numpy(e))

    def char_features(self, chars: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Max-pooled char CNN over padded words (windows past a word's end are ignored)."""
        x = self.char_emb(chars).transpose(1, 2)  # (W, C, L)
        conv = self.char_conv(x)  # (W, F, L - k + 1)
        valid = lengths - self.args.char_width + 1
        pos = torch.arange(conv.shape[2])
        conv = conv.masked_fill((pos[None, :] >= valid[:, None])[:, None, :], float("-inf"))
        return torch.relu(conv.max(dim=2).values)

    def emissions(
        self, reps: torch.Tensor, mask: torch.Tensor, lengths: torch.Tensor
    ) -> torch.Tensor:
        x = self.drop(reps)
        if self.args.encoder == "lstm":
            packed = torch.nn.utils.rnn.pack_padded_sequence(
                x, lengths, batch_first=True, enforce_sorted=False
            )
            out, _ = self.lstm(packed)
            h, _ = torch.nn.utils.rnn.pad_packed_sequence(
                out, batch_first=True, total_length=x.shape[1]
            )
        else:
            m = mask.unsqueeze(-1)
            h = self.proj(x) * m
            for conv in self.convs:
                h = h + torch.relu(conv(h.transpose(1, 2)).transpose(1, 2)) * m
                h = self.drop(h) if self.args.layer_dropout else h
        return self.out(self.drop(h))

    def crf_terms(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        return (
            self.trans + self.trans_mask,
            self.start + self.start_mask,
            self.end + self.end_mask,
        )

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood of the gold paths (summed over the batch)."""
        trans, start, end = self.crf_terms()
        length = em.shape[1]
        lengths = mask.sum(1).long()
        # gold score
        emitted = (em.gather(2, tags.unsqueeze(2)).squeeze(2) * mask).sum(1)
        moves = (trans[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]).sum(1)
        score = start[tags[:, 0]] + emitted + moves
        last = tags.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)
        score = score + end[last]
        # partition
        alpha = start.unsqueeze(0) + em[:, 0]
        for t in range(1, length):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + em[:, t]
            alpha = torch.where(mask[:, t : t + 1] > 0, nxt, alpha)
        log_z = torch.logsumexp(alpha + end.unsqueeze(0), dim=1)
        return (log_z - score).sum()


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy().astype(np.float32)


def export_arrays(
    net: Net, args: argparse.Namespace, chars: list[str], feats: list[str], vectors: dict
) -> dict[str, np.ndarray]:
    """The tagger as plain arrays (see ``arnews.entities.neural``)."""

    def text(s: str) -> np.ndarray:
        return np.frombuffer(s.encode("utf-8"), dtype=np.uint8)

    config = {
        "encoder": args.encoder,
        "dilations": list(args.dilations),
        "char_width": args.char_width,
    }
    w = net.char_conv.weight
    arrays = {
        "config": text(json.dumps(config)),
        "tags": text("\n".join(TAGS)),
        "chars": text("\n".join(chars)),
        "feats": text("\n".join(feats)),
        "char_emb": to_numpy(net.char_emb.weight),
        "char_conv_w": to_numpy(w.permute(2, 1, 0).reshape(-1, w.shape[0])),
        "char_conv_b": to_numpy(net.char_conv.bias),
        "feat_emb": to_numpy(net.feat_emb.weight),
        "out_w": to_numpy(net.out.weight.T),
        "out_b": to_numpy(net.out.bias),
    }
    trans, start, end = net.crf_terms()
    arrays |= {"crf_trans": to_numpy(trans), "crf_start": to_numpy(start), "crf_end": to_numpy(end)}
    if args.encoder == "lstm":
        lstm = net.lstm
        arrays["lstm_wih"] = np.stack(
            [to_numpy(lstm.weight_ih_l0.T), to_numpy(lstm.weight_ih_l0_reverse.T)]
        )
        arrays["lstm_whh"] = np.stack(
            [to_numpy(lstm.weight_hh_l0.T), to_numpy(lstm.weight_hh_l0_reverse.T)]
        )
        arrays["lstm_b"] = np.stack(
            [
                to_numpy(lstm.bias_ih_l0 + lstm.bias_hh_l0),
                to_numpy(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
            ]
        )
    else:
        arrays["proj_w"] = to_numpy(net.proj.weight.T)
        arrays["proj_b"] = to_numpy(net.proj.bias)
        for i, conv in enumerate(net.convs):
            cw = conv.weight
            arrays[f"cnn{i}_w"] = to_numpy(cw.permute(2, 1, 0).reshape(-1, cw.shape[0]))
            arrays[f"cnn{i}_b"] = to_numpy(conv.bias)
    arrays |= vectors
    return arrays


def main(argv: Sequence[str] | None = None) -> None:
    """Train, keep the epoch with the best dev F1, export it (and its manifest)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoder", choices=["cnn", "lstm"], default="cnn")
    ap.add_argument("--hidden", type=int, default=160)
    ap.add_argument("--dilations", type=int, nargs="+", default=[1, 2, 4, 1, 2, 4])
    ap.add_argument("--char-dim", type=int, default=30)
    ap.add_argument("--char-filters", type=int, default=60)
    ap.add_argument("--char-width", type=int, default=3)
    ap.add_argument("--feat-dim", type=int, default=32)
    ap.add_argument("--min-feat", type=int, default=2)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--layer-dropout", action="store_true")
    ap.add_argument(
        "--word-dropout",
        type=float,
        default=0.0,
        help="share of tokens whose word vector is zeroed in training (leans on chars and lists)",
    )
    ap.add_argument(
        "--ema",
        type=float,
        default=0.0,
        help="evaluate and export an exponential moving average of the weights (e.g. 0.998)",
    )
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--decay", type=float, default=0.9, help="LR factor per epoch after warmup")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--patience", type=int, default=8)
    ap.add_argument("--minutes", type=float, default=12.0)
    ap.add_argument("--eval-from", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-lexicon", action="store_true")
    ap.add_argument(
        "--extra",
        nargs="*",
        choices=["aqmar", "wikiann"],
        default=[],
        help="corpora mixed into the first --extra-epochs epochs (then ANERcorp alone)",
    )
    ap.add_argument("--extra-epochs", type=int, default=3)
    ap.add_argument("--wikiann-limit", type=int, default=8000)
    ap.add_argument("--extra-misc", action="store_true", help="keep the extra corpora's MISC")
    ap.add_argument("--vectors", type=Path, default=VECTORS)
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)

    lexicon = Lexicon.empty() if args.no_lexicon else load_lexicon()
    with np.load(args.vectors, allow_pickle=False) as data:
        vec_arrays = {k: data[k] for k in data.files}
    wv = WordVectors.from_arrays(vec_arrays)
    train_units, dev_units = split_anercorp()
    t0 = time.time()
    vocab = Vocab()
    train_raw, feat_counts = build_data(train_units, vocab, lexicon)
    extra_units: list[Unit] = []
    if "aqmar" in args.extra:
        extra_units += aqmar_units()
    if "wikiann" in args.extra:
        extra_units += wikiann_units(args.wikiann_limit)
    if not args.extra_misc:
        extra_units = [without_misc(u) for u in extra_units]
    extra_raw, _ = build_data(extra_units, vocab, lexicon)
    char_counts: Counter[str] = Counter(c for t in vocab.tokens for c in t.text)
    kept_chars = sorted(c for c, n in char_counts.items() if n >= 2 and c != "\n")
    chars = ["<pad>", "<unk>", "<w>", "</w>", *kept_chars]
    char_index = {c: i for i, c in enumerate(chars) if i > EOW}
    feats = ["", *sorted(f for f, n in feat_counts.items() if n >= args.min_feat and "\n" not in f)]
    feat_index = {f: i for i, f in enumerate(feats) if i > 0}
    n_types = len(vocab.tokens)
    print(
        f"{len(train_raw)} chunks, {n_types} word types, {len(chars)} chars, "
        f"{len(feats)} features ({time.time() - t0:.0f}s)",
        flush=True,
    )

    # per word type: char ids, vector, type feature ids
    type_chars = [char_ids(t.text, char_index) for t in vocab.tokens]
    type_vecs = torch.from_numpy(np.stack([wv.vector(embedding_key(t)) for t in vocab.tokens]))
    type_feats = [
        [feat_index[f] for f in type_features(t, lexicon)[1] if f in feat_index]
        for t in vocab.tokens
    ]
    tag_index = {t: i for i, t in enumerate(TAGS)}

    def to_sentences(raw: list[tuple[list[int], list[list[str]], list[str]]]) -> list[Sentence]:
        return [
            Sentence(
                ids,
                [[feat_index[f] for f in p if f in feat_index] for p in pos],
                [tag_index[t] for t in tags],
            )
            for ids, pos, tags in raw
        ]

    sentences = to_sentences(train_raw)
    extra_sentences = to_sentences(extra_raw)
    if extra_sentences:
        print(f"{len(extra_sentences)} extra chunks for the first {args.extra_epochs} epochs")

    net = Net(args, len(chars), len(feats), wv.dim)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda e: 1.0 if e < args.eval_from else args.decay ** (e - args.eval_from)
    )

    def batch_tensors(batch: list[Sentence]) -> tuple[torch.Tensor, ...]:
        words = sorted({w for s in batch for w in s.types})
        where = {w: i for i, w in enumerate(words)}
        longest = max(len(type_chars[w]) for w in words)
        ch = torch.zeros(len(words), max(longest, args.char_width), dtype=torch.long)
        ch_len = torch.tensor([len(type_chars[w]) for w in words])
        for i, w in enumerate(words):
            ch[i, : len(type_chars[w])] = torch.tensor(type_chars[w])
        length = max(len(s.types) for s in batch)
        tok_idx = torch.zeros(len(batch), length, dtype=torch.long)
        tags = torch.zeros(len(batch), length, dtype=torch.long)
        mask = torch.zeros(len(batch), length)
        bag_ids: list[int] = []
        offsets: list[int] = []
        word_ids = torch.tensor(words)
        for b, s in enumerate(batch):
            for i, w in enumerate(s.types):
                tok_idx[b, i] = where[w]
                offsets.append(len(bag_ids))
                bag_ids.extend(type_feats[w] + s.positions[i])
            offsets.extend([len(bag_ids)] * (length - len(s.types)))  # padding: empty bags
            tags[b, : len(s.tags)] = torch.tensor(s.tags)
            mask[b, : len(s.types)] = 1
        lengths = mask.sum(1).long()
        return (
            ch,
            ch_len,
            word_ids,
            tok_idx,
            torch.tensor(bag_ids, dtype=torch.long),
            torch.tensor(offsets),
            tags,
            mask,
            lengths,
        )

    def forward(size: int, tensors: tuple[torch.Tensor, ...]) -> torch.Tensor:
        ch, ch_len, word_ids, tok_idx, bag, offs, tags, mask, lengths = tensors
        char_rep = net.char_features(ch, ch_len)[tok_idx]  # (B, L, F)
        vec = type_vecs[word_ids][tok_idx]
        if net.training and args.word_dropout > 0:
            vec = vec * (torch.rand(vec.shape[:2]) >= args.word_dropout).unsqueeze(-1)
        lex = net.feat_emb(bag, offs).view(size, -1, args.feat_dim)
        reps = torch.cat([char_rep, vec, lex], dim=-1) * mask.unsqueeze(-1)
        em = net.emissions(reps, mask, lengths)
        return net.nll(em, tags, mask)

    def snapshot() -> dict[str, torch.Tensor]:
        return {k: v.detach().clone() for k, v in net.state_dict().items()}

    ema = snapshot() if args.ema else None

    def update_ema() -> None:
        assert ema is not None
        with torch.no_grad():
            for k, v in net.state_dict().items():
                if v.dtype.is_floating_point:
                    ema[k].mul_(args.ema).add_(v, alpha=1 - args.ema)

    def dev_scores(state: dict[str, torch.Tensor] | None = None) -> Scores:
        """Dev F1 of the live weights, or of ``state`` (the live ones are restored)."""
        live = snapshot()
        if state is not None:
            net.load_state_dict(state)
        net.eval()
        arrays = export_arrays(net, args, chars, feats, vec_arrays)
        model = NeuralModel.from_arrays(arrays, lexicon)
        net.load_state_dict(live)
        net.train()
        return evaluate(dev_units, lambda text: extract_with_model(text, model))

    best, best_epoch, best_state = -1.0, -1, None
    deadline = time.time() + 60 * args.minutes

    # batches of sentences of similar length (little padding), built once
    def batches_of(pool: list[Sentence]) -> list[tuple[int, tuple[torch.Tensor, ...]]]:
        by_length = sorted(range(len(pool)), key=lambda i: (len(pool[i].types), i))
        groups = (by_length[k : k + args.batch] for k in range(0, len(by_length), args.batch))
        return [(len(g), batch_tensors([pool[i] for i in g])) for g in groups]

    main_batches = batches_of(sentences)
    mixed_batches = main_batches + batches_of(extra_sentences) if extra_sentences else []
    for epoch in range(args.epochs):
        t1 = time.time()
        batches = mixed_batches if epoch < args.extra_epochs and mixed_batches else main_batches
        random.shuffle(batches)
        net.train()
        total = 0.0
        for size, tensors in batches:
            loss = forward(size, tensors)
            opt.zero_grad()
            (loss / size).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            if ema is not None:
                update_ema()
            total += float(loss.detach())
        sched.step()
        line = f"epoch {epoch + 1}: loss {total / len(sentences):.3f} ({time.time() - t1:.0f}s)"
        if epoch + 1 >= args.eval_from:
            f1 = dev_scores(ema).prf()[2]
            line += f" dev F1 {f1:.2f}"
            if f1 > best:
                best, best_epoch = f1, epoch
                best_state = {k: v.clone() for k, v in (ema or net.state_dict()).items()}
        print(line, flush=True)
        if epoch - best_epoch >= args.patience and best_epoch >= 0:
            print("early stop")
            break
        if time.time() > deadline:
            print("time budget reached")
            break
    assert best_state is not None
    net.load_state_dict(best_state)
    scores = dev_scores()
    print(f"best epoch {best_epoch + 1}, dev F1 {best:.2f}")
    print(scores.table())
    net.eval()
    arrays = export_arrays(net, args, chars, feats, vec_arrays)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, **arrays)
    size = args.out.stat().st_size
    print(f"-> {args.out} ({size / 1e6:.1f} MB)")
    given = list(argv) if argv is not None else sys.argv[1:]
    write_manifest(args, given, scores, best_epoch + 1, len(sentences), vec_arrays)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def training_sources(args: argparse.Namespace) -> list[str]:
    """What the model was trained on, for the manifest (and NOTICE)."""
    sources = [
        "ANERcorp train.txt (first 90% of units): tagger training",
        "word vectors (training/train_embeddings.py): Arabic Wikipedia 2017 extract "
        "(CC BY-SA 4.0), ANT Jawhara FM 2015-2017 (Apache-2.0), ANERcorp train.txt "
        "first 90% of units",
    ]
    mixed = f"mixed into the first {args.extra_epochs} epochs" + (
        "" if args.extra_misc else ", MISC labels dropped"
    )
    if "aqmar" in args.extra:
        sources.append(f"AQMAR Arabic Wikipedia NER corpus (CC BY-SA 3.0): {mixed}")
    if "wikiann" in args.extra:
        sources.append(
            f"WikiANN / PAN-X Arabic train split (silver labels derived from Wikipedia; "
            f"licence not stated): up to {args.wikiann_limit} sentences, {mixed}"
        )
    return sources


def retrain_command(given: Sequence[str]) -> str:
    """The commands that rebuild the model: this run's options, without its paths."""
    options: list[str] = []
    skip = False
    for arg in given:
        if skip:
            skip = False
        elif arg in ("--out", "--vectors"):
            skip = True
        else:
            options.append(arg)
    steps = [
        "python training/train_embeddings.py",
        " ".join(["python training/train_tagger.py", *options]),
        "python training/evaluate_ner.py --record",
    ]
    return " && ".join(steps)


def write_manifest(
    args: argparse.Namespace,
    given: Sequence[str],
    scores: Scores,
    epoch: int,
    n_chunks: int,
    vectors: dict,
) -> None:
    """Digest, sources, settings and dev scores next to the model."""
    settings = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    settings |= {"best_epoch": epoch, "training_chunks": n_chunks}
    data = ROOT / "src" / "arnews" / "data"
    resources = {} if args.no_lexicon else {n: sha256(data / n) for n in resource_files()}
    info = {
        "model": args.out.name,
        "sha256": sha256(args.out),
        "bytes": args.out.stat().st_size,
        "sources": training_sources(args),
        "vectors": {
            "words": len(vectors["emb_word_scale"]),
            "buckets": len(vectors["emb_ngram_scale"]),
            "dim": int(vectors["emb_ngram_codes"].shape[1]),
            "ngram_range": [int(x) for x in vectors["emb_ngram_range"]],
        },
        "settings": settings,
        "feature_resources": resources,
        "retrain": retrain_command(given),
        "dev_scores": {
            "split": "ANERcorp dev split (last 10% of train.txt units)",
            "units": 367,
            **scores.as_dict(),
        },
    }
    target = DATA_DIR / "tagger.json" if args.out == MODEL else args.out.with_suffix(".json")
    target.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
