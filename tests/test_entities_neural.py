"""The numpy neural tagger: word vectors as fastText computes them, the same forward pass
as the torch model it was trained as, an exact CRF, and the shipped model's behaviour."""

from __future__ import annotations

import argparse
import itertools
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from arnews.entities import _neural_model, extract_entities
from arnews.entities.embeddings import (
    WordVectors,
    character_ngrams,
    embedding_key,
    fasttext_hash,
    quantize,
)
from arnews.entities.features import Lexicon
from arnews.entities.neural import (
    NeuralModel,
    allowed_transitions,
    bio_to_bioes,
    bioes_to_bio,
    crf_decode,
)
from arnews.tokenization import tokenize
from arnews.types import Token

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["المغرب", "الرباط", "نيمار", "Reuters", "كورونا", "مكتب", "الأمم", "المتحدة", "x"]


# -- word vectors ----------------------------------------------------------------------


def test_ngrams_and_hash_match_gensim() -> None:
    fasttext = pytest.importorskip("gensim.models.fasttext", reason="gensim (training extra)")
    for word in [*WORDS, "", "é😀z", "ب"]:
        ours = character_ngrams(word, 2, 5)
        theirs = [g.decode("utf-8") for g in fasttext.compute_ngrams_bytes(word, 2, 5)]
        assert ours == theirs, word
        assert [fasttext_hash(g) for g in ours] == [
            fasttext.ft_hash_bytes(g.encode("utf-8")) for g in ours
        ]


def test_unseen_word_vectors_equal_gensims() -> None:
    """A tiny gensim FastText, exported like the shipped vectors: numpy gives gensim's
    vector for words in the kept vocabulary and for words it never saw (up to int8)."""
    models = pytest.importorskip("gensim.models", reason="gensim (training extra)")
    sentences = [["قال", "الرئيس", "في", "الرباط", "المغرب"] * 3, ["نيمار", "لاعب", "في", "باريس"]]
    model = models.FastText(
        sentences, vector_size=8, min_count=1, min_n=2, max_n=5, bucket=997, epochs=3, seed=1
    )
    wv = model.wv
    keep = wv.index_to_key[:3]
    wc, ws = quantize(np.asarray(wv.vectors[:3], dtype=np.float32))
    nc, ns = quantize(np.asarray(wv.vectors_ngrams, dtype=np.float32))
    ours = WordVectors({w: i for i, w in enumerate(keep)}, wc, ws, nc, ns, 2, 5)
    for word in [*keep, "باريس", "نيماري", "كيم", "unknownword", "ب"]:
        expected = wv[word] if word in keep else _gensim_ngram_vector(wv, word)
        got = ours.vector(word)
        assert got.shape == (8,)
        assert np.allclose(got, expected, atol=2 * float(np.abs(expected).max()) / 127 + 1e-6)
    words = [*keep, "باريس", "", "unknownword", keep[0]]
    batched = ours.vectors(words)  # known and hashed words mixed, in one pass
    assert batched.shape == (len(words), 8)
    for word, row in zip(words, batched, strict=True):
        assert np.allclose(row, ours.vector(word), atol=1e-6), word


def _gensim_ngram_vector(wv: object, word: str) -> np.ndarray:
    from gensim.models.fasttext import ft_ngram_hashes

    rows = ft_ngram_hashes(word, wv.min_n, wv.max_n, wv.bucket)  # type: ignore[attr-defined]
    return np.asarray(wv.vectors_ngrams[rows].mean(axis=0))  # type: ignore[attr-defined]


def test_quantize_round_trips_within_one_step() -> None:
    m = np.random.default_rng(0).normal(size=(20, 7)).astype(np.float32)
    codes, scale = quantize(m)
    assert codes.dtype == np.int8
    assert np.all(
        np.abs(codes.astype(np.float32) * scale[:, None] - m) <= scale[:, None] / 2 + 1e-7
    )


def test_embedding_key_drops_clitics_and_folds() -> None:
    [tok] = tokenize("وللأمم")
    assert embedding_key(tok) == "امم"
    assert embedding_key(Token("١٢", 0, 2, "number")) in ("00", "١٢")


# -- CRF -----------------------------------------------------------------------------


def _brute_force(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray):
    n, t = em.shape
    scores = {}
    for path in itertools.product(range(t), repeat=n):
        s = start[path[0]] + end[path[-1]] + sum(em[i, p] for i, p in enumerate(path))
        s += sum(trans[a, b] for a, b in itertools.pairwise(path))
        scores[path] = s
    best = max(scores, key=scores.__getitem__)
    z = np.logaddexp.reduce(np.array(list(scores.values())))
    marg = np.zeros((n, t))
    for path, s in scores.items():
        for i, p in enumerate(path):
            marg[i, p] += np.exp(s - z)
    return list(best), marg


@pytest.mark.parametrize("length", [1, 2, 4])
def test_crf_decode_is_exact(length: int) -> None:
    rng = np.random.default_rng(length)
    em = rng.normal(size=(length, 3)).astype(np.float32) * 2
    trans = rng.normal(size=(3, 3)).astype(np.float32)
    start, end = rng.normal(size=3).astype(np.float32), rng.normal(size=3).astype(np.float32)
    path, marg = crf_decode(em, trans, start, end)
    best, expected = _brute_force(em, trans, start, end)
    assert path == best
    assert np.allclose(marg, expected, atol=1e-4)


def test_forbidden_transitions_never_decoded() -> None:
    tags = ["O", "B-PER", "I-PER", "E-PER", "S-PER"]
    trans, start, end = allowed_transitions(tags)
    em = np.zeros((5, 5), np.float32)
    em[:, 2] = 5.0  # emissions that favour I-PER everywhere
    path, _ = crf_decode(em, trans, start, end)
    labels = [tags[p] for p in path]
    assert labels[0] == "B-PER"
    assert labels[-1] == "E-PER"


def test_bioes_round_trip() -> None:
    bio = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG", "I-ORG", "O", "I-MISC"]
    bioes = bio_to_bioes(bio)
    assert bioes == ["B-PER", "E-PER", "O", "S-LOC", "S-LOC", "B-ORG", "E-ORG", "O", "S-MISC"]
    assert bioes_to_bio(bioes) == [
        "B-PER",
        "I-PER",
        "O",
        "B-LOC",
        "B-LOC",
        "B-ORG",
        "I-ORG",
        "O",
        "B-MISC",
    ]


# -- numpy vs torch --------------------------------------------------------------------


def _tiny_torch_tagger(encoder: str):
    torch = pytest.importorskip("torch", reason="torch (training extra)")
    sys.path.insert(0, str(ROOT / "training"))
    import train_tagger

    args = argparse.Namespace(
        encoder=encoder,
        hidden=12,
        dilations=[1, 2, 3],
        char_dim=5,
        char_filters=7,
        char_width=3,
        feat_dim=4,
        dropout=0.5,
        layer_dropout=False,
    )
    torch.manual_seed(0)
    net = train_tagger.Net(args, n_chars=40, n_feats=9, vec_dim=6)
    with torch.no_grad():
        for p in (net.trans, net.start, net.end):
            p.normal_()
    net.eval()
    rng = np.random.default_rng(0)
    codes, scale = quantize(rng.normal(size=(50, 6)).astype(np.float32))
    vectors = {
        "emb_words": np.frombuffer("كلمة".encode(), dtype=np.uint8),
        "emb_word_codes": codes[:1],
        "emb_word_scale": scale[:1],
        "emb_ngram_codes": codes,
        "emb_ngram_scale": scale,
        "emb_ngram_range": np.array([2, 5], dtype=np.int32),
    }
    chars = ["<pad>", "<unk>", "<w>", "</w>", *"ابتثجحخدذرزسشصضطظعغفقكلمنهوي"]
    feats = ["", "sh=a", "k=word", "art", "pc=و", "g=B-LOC", "g=I-LOC", "inq", "ln=3"]
    arrays = train_tagger.export_arrays(net, args, chars, feats, vectors)
    return torch, net, NeuralModel.from_arrays(arrays, Lexicon.empty())


@pytest.mark.parametrize("encoder", ["cnn", "lstm"])
def test_numpy_forward_equals_torch(encoder: str) -> None:
    torch, net, model = _tiny_torch_tagger(encoder)
    rng = np.random.default_rng(1)
    lengths = [5, 1, 9, 3]
    reps = [rng.normal(size=(n, 7 + 6 + 4)).astype(np.float32) for n in lengths]
    ours = model.emissions(reps)
    padded = torch.zeros(len(reps), max(lengths), reps[0].shape[1])
    mask = torch.zeros(len(reps), max(lengths))
    for b, r in enumerate(reps):
        padded[b, : len(r)] = torch.from_numpy(r)
        mask[b, : len(r)] = 1
    with torch.no_grad():
        theirs = net.emissions(padded, mask, torch.tensor(lengths)).numpy()
    for b, n in enumerate(lengths):
        assert ours[b].shape == (n, len(model.tags))
        assert np.allclose(ours[b], theirs[b, :n], atol=1e-4), encoder


def test_numpy_char_cnn_equals_torch() -> None:
    torch, net, model = _tiny_torch_tagger("cnn")
    from arnews.entities.neural import char_ids

    words = ["بيت", "ب", "مدرسة", "zz", "استراتيجياتهما" * 3]  # the last: longer than MAX_CHARS
    ids = [char_ids(w, model.net.chars) for w in words]
    chars = torch.zeros(len(ids), max(map(len, ids)), dtype=torch.long)
    for i, row in enumerate(ids):
        chars[i, : len(row)] = torch.tensor(row)
    with torch.no_grad():
        theirs = net.char_features(chars, torch.tensor([len(r) for r in ids])).numpy()
    batched = model._char_cnn(words)  # padded to the longest, padding kept out of the max
    for i, w in enumerate(words):
        assert np.allclose(batched[i], theirs[i], atol=1e-5), w
        assert np.allclose(model._char_cnn([w])[0], theirs[i], atol=1e-5), w


def test_numpy_crf_loss_terms_agree_with_torch() -> None:
    """The torch training loss uses the same transition terms that numpy decodes with:
    its log-partition equals the brute-force one over all paths."""
    torch, net, model = _tiny_torch_tagger("cnn")
    em = torch.randn(1, 3, len(model.tags))
    tags = torch.tensor([[0, 0, 0]])
    mask = torch.ones(1, 3)
    trans, start, end = (t.detach().numpy() for t in net.crf_terms())
    e = em[0].numpy()
    gold = start[0] + end[0] + e[0, 0] + e[1, 0] + e[2, 0] + 2 * trans[0, 0]
    # log Z by a forward pass in float64
    alpha = start + e[0]
    for i in (1, 2):
        alpha = np.logaddexp.reduce(alpha[:, None] + trans, axis=0) + e[i]
    log_z = np.logaddexp.reduce(alpha + end)
    with torch.no_grad():
        assert float(net.nll(em, tags, mask)) == pytest.approx(log_z - gold, abs=1e-3)
    assert np.allclose(model.net.arrays["crf_trans"], trans)


# -- the shipped model ---------------------------------------------------------------


def test_results_do_not_depend_on_what_the_model_read_before() -> None:
    """Word forms are cached when first seen, alone or with others: the cached rows (and
    so entities and scores) must not depend on which (a worker and the parent process
    read different texts before)."""
    from importlib import resources

    from arnews.entities import extract_with_model
    from arnews.entities.gazetteer import load_lexicon

    ref = resources.files("arnews").joinpath("data", "entities", "tagger.npz")
    with ref.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    text = (
        "اختار الاتحاد الدولي المغني البريطاني إد شيران كأفضل فنان، وقال الاتحاد في لندن "
        "إنه باع ملايين النسخ من #موناليزا و#الاستراتيجيات_الاقتصادية_الجديدة."
    )
    fresh = NeuralModel.from_arrays(arrays, load_lexicon())
    warm = NeuralModel.from_arrays(arrays, load_lexicon())
    for word in text.split():  # every form first seen alone
        extract_with_model(word, warm)
    chunks = [tokenize(text)]
    # all forms first seen together, among hundreds of others (BLAS picks other kernels)
    others = [Token(f"كلمة{i}", 0, 5 + len(str(i))) for i in range(600)]
    fresh.inputs([*chunks, others])
    for ours, theirs in zip(warm.inputs(chunks), fresh.inputs(chunks), strict=True):
        assert np.array_equal(ours, theirs)
    assert extract_with_model(text, warm) == extract_with_model(text, fresh)


def test_a_word_form_gets_the_same_row_in_any_batch() -> None:
    """BLAS picks its kernel, and so the order of its sums, by the size of a product: the
    character CNN and the first layer must give a word the same row (to the last bit)
    whether it is learnt alone or among thousands of others, next to short or long words."""
    model = _neural_model(None)
    fillers = [f"كلمة{i}" for i in range(2000)]
    for word in ["#موناليزا", "بيت", "الاستراتيجيات_الاقتصادية_الجديدة", "وقال", "ا"]:
        alone = model._char_cnn([word])[0]
        row = model._first_layer([Token(word, 0, len(word))])[0][0]
        for n in (1, 3, 10, 60, 300, 2000):
            batch = [word, *fillers[:n], "الاستراتيجيات_الاقتصادية_الجديدة_جدا"]
            assert np.array_equal(model._char_cnn(batch)[0], alone), (word, n)
            toks = [Token(w, 0, len(w)) for w in [word, *fillers[:n]]]
            assert np.array_equal(model._first_layer(toks)[0][0], row), (word, n)


def test_shipped_model_tags_a_sentence() -> None:
    text = "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن وزارة الخارجية ستستقبل الوفد."
    found = {(e.label, e.text) for e in extract_entities(text)}
    assert ("PER", "إيمانويل ماكرون") in found
    assert ("LOC", "باريس") in found
    for e in extract_entities(text):
        assert text[e.start : e.end] == e.text
        assert 0.0 <= e.score <= 1.0


def test_shipped_model_marginals_are_distributions() -> None:
    model = _neural_model(None)
    chunks = [tokenize("زار نيمار باريس."), tokenize("ثم عاد")]
    for (path, marg), chunk in zip(model.marginals(chunks), chunks, strict=True):
        assert marg.shape == (len(chunk), len(model.tags))
        assert np.allclose(marg.sum(axis=1), 1.0, atol=1e-4)
        assert len(path) == len(chunk)


def test_batching_does_not_change_labels() -> None:
    model = _neural_model(None)
    chunks = [tokenize("زار نيمار باريس ."), tokenize("وقالت وكالة رويترز إن الأمم المتحدة")]
    together = model.tag_chunks(chunks)
    apart = [t for c in chunks for t in model.tag_chunks([c])]
    assert [t.label for t in together] == [t.label for t in apart]
    assert np.allclose([t.score for t in together], [t.score for t in apart], atol=1e-5)


def test_chunks_read_together_get_the_inputs_each_gets_alone() -> None:
    """The gazetteer matches a batch's stems in one piece; a listed name cut in two by a
    chunk end (الأمم | المتحدة) must mark neither half, as when each chunk is read alone."""
    model = _neural_model(None)
    first = tokenize("قالت الأمم")
    second = tokenize("المتحدة إن الأمم المتحدة ستساعد")
    together = model.inputs([first, second])
    apart = [model.inputs([first])[0], model.inputs([second])[0]]
    whole = model.inputs([first + second])[0]
    for got, alone in zip(together, apart, strict=True):
        assert np.array_equal(got, alone)
    # read as one chunk, the name is listed and its rows differ: the check can fail
    assert not np.array_equal(whole[1:3], np.concatenate(apart)[1:3])


def test_sentences_shorter_than_a_dilation_batch_as_alone() -> None:
    """The widest dilation (4) reaches past the whole batch, or past a sentence of one
    word: the taps that would cross a sentence end must read nothing."""
    model = _neural_model(None)
    words = ["زار", "نيمار باريس", "ثم", "عاد إلى قطر"]
    for batch in (words[:1] + words[2:3], words[:2], words):
        chunks = [tokenize(w) for w in batch]
        together = model.tag_chunks(chunks)
        apart = [t for c in chunks for t in model.tag_chunks([c])]
        assert [t.label for t in together] == [t.label for t in apart]
        assert np.allclose([t.score for t in together], [t.score for t in apart], atol=1e-5)


def test_tagging_runs_blas_on_one_thread_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    seen: list[list[int]] = []
    real = NeuralModel._encode

    def spy(self: NeuralModel, sentences: list[np.ndarray]) -> list[np.ndarray]:
        seen.append(blas_threads())
        return real(self, sentences)

    monkeypatch.setattr(NeuralModel, "_encode", spy)
    before = blas_threads()
    _neural_model(None).tag_chunks([tokenize("زار نيمار باريس .")])
    assert seen
    assert all(n == 1 for n in seen[0])
    assert blas_threads() == before


def test_threads_share_the_model() -> None:
    text = "استقبل الملك محمد السادس في الرباط الأمين العام للأمم المتحدة أنطونيو غوتيريش."
    expected = extract_entities(text)
    results: list[object] = []

    def run() -> None:
        for _ in range(5):
            results.append(extract_entities(text))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 20
    assert all(r == expected for r in results)


def _random_crf(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]]:
    """Random BIOES transitions (impossible moves still forbidden) and four sentences'
    random emissions, of 1, 7, 3 and 12 tokens."""
    rng = np.random.default_rng(seed)
    tags = ["O", "B-PER", "I-PER", "E-PER", "S-PER", "S-LOC"]
    trans, start, end = allowed_transitions(tags)
    trans = trans + rng.normal(size=trans.shape).astype(np.float32)
    ems = [rng.normal(size=(n, len(tags))).astype(np.float32) * 3 for n in (1, 7, 3, 12)]
    return trans, start, end, ems


def test_batched_viterbi_equals_one_sentence_viterbi() -> None:
    from arnews.entities.neural import viterbi_batch

    trans, start, end, ems = _random_crf(3)
    batched = viterbi_batch(ems, trans, start, end)
    assert batched == [crf_decode(e, trans, start, end)[0] for e in ems]
    assert [viterbi_batch([e], trans, start, end)[0] for e in ems] == batched  # alone


@pytest.mark.parametrize("seed", range(5))
def test_one_sentence_viterbi_finds_the_best_scoring_path(seed: int) -> None:
    from arnews.entities.neural import viterbi_batch

    trans, start, end, ems = _random_crf(seed)
    em = ems[3][:6]  # 6 tokens, 6 tags: every path can be scored

    def total(path: tuple[int, ...]) -> float:
        moves = sum(trans[a, b] for a, b in itertools.pairwise(path))
        return float(start[path[0]] + em[np.arange(6), path].sum() + moves + end[path[-1]])

    best = max(itertools.product(range(6), repeat=6), key=total)
    assert viterbi_batch([em], trans, start, end) == [list(best)]


def test_local_scores_of_sentences_back_to_back_equal_each_alone() -> None:
    from arnews.entities.neural import local_scores

    trans, start, end, ems = _random_crf(4)
    paths = [crf_decode(e, trans, start, end)[0] for e in ems]
    together = local_scores(
        np.concatenate(ems), [t for p in paths for t in p], trans, start, end, [len(e) for e in ems]
    )
    alone = np.concatenate(
        [local_scores(e, p, trans, start, end) for e, p in zip(ems, paths, strict=True)]
    )
    assert np.allclose(together, alone, atol=1e-6)
    assert ((together > 0) & (together <= 1)).all()


def test_long_texts_are_tagged_in_bounded_batches() -> None:
    from arnews.entities.neural import BATCH_TOKENS

    model = _neural_model(None)
    sentence = tokenize(
        "وقال وزير الخارجية الأمريكي مايك بومبيو في واشنطن إن الاتفاق مع إيران انتهى ."
    )
    chunks = [sentence] * (2 * BATCH_TOKENS // len(sentence) + 3)
    tagged = model.tag_chunks(chunks)
    assert len(tagged) == sum(map(len, chunks))
    one = [t.label for t in model.tag_chunks([sentence])]
    assert [t.label for t in tagged] == one * len(chunks)


def test_word_type_attributes_are_the_crf_attributes_of_the_word_type() -> None:
    # the neural tagger's slim lookup must give exactly what it was trained on: the CRF's
    # own-word attributes with these prefixes, in the same order
    from arnews.entities.features import word_attributes, word_type_attributes
    from arnews.entities.gazetteer import load_lexicon

    prefixes = ("sh=", "k=", "pc=", "art", "c0=", "c1=", "c2=", "t=", "ln=")
    lexicon = load_lexicon()
    text = (
        "قال الرئيس الفرنسي إيمانويل ماكرون للصحفيين في باريس، وبالمغرب 2025 و#أخبار "
        "www.example.com إن «الأمم المتحدة» ستعقد اجتماعا؛ وأضاف: ١٢٣ CNN 3.5%."
    )
    tokens = tokenize(text)
    assert len(tokens) > 20
    for token in tokens:
        stem, own = word_attributes(token, lexicon)
        expected = tuple(f for f in own if f.startswith(prefixes))
        assert word_type_attributes(token, lexicon) == (stem, expected), token.text
