"""Named entities: the public contract of extract_entities and its building blocks."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arnews
import contracts
import samples
from arnews.chars import fold
from arnews.entities.document import harmonize_labels
from arnews.entities.features import Lexicon, sentence_features
from arnews.entities.gazetteer import StemGazetteer, load_lexicon
from arnews.entities.spans import bio_spans, decode_entities, split_label
from arnews.entities.tagger import TaggedToken, analyze, sentence_chunks, text_blocks
from arnews.types import Token

ROOT = Path(__file__).resolve().parent.parent
MOROCCO = ROOT.parent / "shared" / "examples" / "morocco-unoct-visit.txt"
RABAT = ROOT / "docs" / "examples" / "rabat-water-summit.txt"

ALPHABET = "ابتمرلوكن الأ.،\n\u064e\u0640\u200f\x00\ud800ZQ9"
SENTENCE = (
    "استقبل المدير العام للأمن الوطني عبد اللطيف حموشي، يوم الاثنين بالرباط، ألكسندر زوييف، "
    "الأمين العام المساعد لمكتب الأمم المتحدة لمكافحة الإرهاب."
)


def labelled(words: list[str], labels: list[str]) -> list[TaggedToken]:
    """Tagged tokens for hand-labelled words (offsets do not matter to the passes tested)."""
    return [
        TaggedToken(Token(w, 0, len(w)), lab, 0.9) for w, lab in zip(words, labels, strict=True)
    ]


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, b"\xd8\xa7", 3, ["نص"]])
def test_non_str_is_a_type_error_naming_text(bad: object) -> None:
    with pytest.raises(TypeError, match="text"):
        arnews.extract_entities(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("blank", ["", "   ", "\n\n", "\u200f"])
def test_blank_text_has_no_entities(blank: str) -> None:
    assert arnews.extract_entities(blank) == []


def test_unknown_backend_lists_the_choices() -> None:
    with pytest.raises(ValueError, match=r"'default', 'camel'"):
        arnews.extract_entities("نص", backend="bert")


def test_camel_backend_is_dispatched_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    camel = pytest.importorskip("arnews.entities.camel")
    seen: list[tuple[str, str | None]] = []

    def fake(text: str, *, model: str | None = None) -> list[arnews.Entity]:
        seen.append((text, model))
        return []

    monkeypatch.setattr(camel, "extract_with_camel", fake)
    assert arnews.extract_entities("نص", backend="camel", model="/m") == []
    assert seen == [("نص", "/m")]


# --- the default backend end to end -------------------------------------------------------


def test_names_titles_and_proclitics() -> None:
    found = arnews.extract_entities(SENTENCE)
    contracts.check_entities(SENTENCE, found)
    by_text = {e.text: e for e in found}
    assert by_text["عبد اللطيف حموشي"].label == "PER"
    assert by_text["ألكسندر زوييف"].label == "PER"  # the name, not the title before it
    rabat = by_text["الرباط"]  # بالرباط: the span leaves the ب out
    assert (rabat.label, SENTENCE[rabat.start - 1]) == ("LOC", "ب")
    assert all(not e.text.startswith(("المدير", "الأمين")) for e in found)


def test_canonical_restores_the_article_swallowed_by_lam() -> None:
    text = "وجه الملك رسالة للأمم المتحدة في نيويورك."
    orgs = [e for e in arnews.extract_entities(text) if e.label == "ORG"]
    assert [(e.text, e.canonical) for e in orgs] == [("لأمم المتحدة", "الأمم المتحدة")]


def test_diacritics_and_tatweel_map_back_to_the_original_text() -> None:
    text = "زار الرئيسُ إيمانويل ماكرون مدينةَ الربـــاط."
    found = arnews.extract_entities(text)
    contracts.check_entities(text, found)
    places = [e for e in found if e.label == "LOC"]
    assert [(e.text, e.canonical) for e in places] == [("الربـــاط", "الرباط")]


@pytest.mark.parametrize("path", [MOROCCO, RABAT], ids=["morocco", "rabat"])
def test_real_articles_keep_the_offset_invariant(path: Path) -> None:
    text = samples.need_shared(path).read_text(encoding="utf-8")
    found = arnews.extract_entities(text)
    contracts.check_entities(text, found)
    assert found


def test_morocco_article_people_and_places() -> None:
    found = arnews.extract_entities(samples.need_shared(MOROCCO).read_text(encoding="utf-8"))
    names = {(e.label, e.canonical) for e in found}
    for expected in [
        ("PER", "عبد اللطيف حموشي"),
        ("PER", "ألكسندر زوييف"),
        ("PER", "محمد السادس"),
        ("LOC", "الرباط"),
        ("LOC", "سوريا"),
        ("LOC", "أفغانستان"),
    ]:
        assert expected in names


def test_long_input_is_tagged_in_chunks_without_losing_entities() -> None:
    unit = "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الحكومة ستعمل مع المغرب "
    text = unit * 400  # no sentence punctuation at all: chunks bound the work
    found = arnews.extract_entities(text)
    contracts.check_entities(text, found)
    assert sum(e.canonical == "باريس" for e in found) == 400


def test_text_over_the_block_size_is_tagged_block_by_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paragraphs = [
        f"زار الرئيس الفرنسي إيمانويل ماكرون مدينة طنجة في الزيارة رقم {i}." for i in range(40)
    ]
    text = "\n\n".join(paragraphs)
    whole = arnews.extract_entities(text)
    monkeypatch.setattr(arnews.entities, "BLOCK_CHARS", 300)
    assert len(text_blocks(text, 300)) >= 10
    blocked = arnews.extract_entities(text)
    contracts.check_entities(text, blocked)
    # every cut falls between paragraphs, so no name is lost or cut at a block border
    assert [(e.label, e.start, e.end) for e in blocked] == [
        (e.label, e.start, e.end) for e in whole
    ]
    assert sum(e.canonical == "طنجة" for e in blocked) == 40


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("اب .\n؟"), max_size=300), st.integers(2, 40))
def test_text_blocks_cover_the_text_within_the_size(text: str, size: int) -> None:
    blocks = text_blocks(text, size)
    assert blocks[0][0] == 0
    assert blocks[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(blocks):
        assert end == start
    assert all(0 < e - s <= size for s, e in blocks) or text == ""
    for s, e in blocks[:-1]:  # a paragraph break in a window's second half is used
        window = text[s + size // 2 : s + size]
        assert "\n\n" not in window[:-1] or text[e - 2 : e] == "\n\n"


def test_document_pass_unglues_a_proclitic_from_a_name_of_the_text() -> None:
    words = ["قال", "تيلرسون", "إن", "الرسالة", "وجهت", "لتيلرسون", "وبيتا"]
    labels = ["O", "B-PER", "O", "O", "O", "O", "O"]
    toks = labelled(words, labels)
    out = harmonize_labels(toks)
    assert [t.label for t in out] == ["O", "B-PER", "O", "O", "O", "B-PER", "O"]
    assert out[5].token.proclitic == "ل"
    assert out[5].token.stem == "تيلرسون"
    assert out[6].token.proclitic == ""  # و + بيتا: no such name in the text


def test_document_pass_keeps_a_listed_word_whole_beside_a_typo_of_it() -> None:
    """بيراميدز (the club, listed) must not become ب + a person because one mention lost
    its first letter (يراميدز) and was tagged a person."""
    words = ["فاز", "بيراميدز", "ثم", "لعب", "يراميدز", "وخسر", "بيراميدز"]
    labels = ["O", "B-ORG", "O", "O", "B-PER", "O", "B-ORG"]
    out = harmonize_labels(labelled(words, labels), load_lexicon())
    assert [t.label for t in out] == labels
    assert [t.token.proclitic for t in out][1::5] == ["", ""]
    # without a list holding the whole word, the letter is given back as before
    assert harmonize_labels(labelled(words, labels))[1].token.proclitic == "ب"


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ابتمرلوكن الأ.،\n\u064e\u0640\u200f\x00\ud800ZQ9"), max_size=80
    )
)
def test_any_text_keeps_the_offset_invariant(text: str) -> None:
    contracts.check_entities(text, arnews.extract_entities(text))


def test_threads_get_the_same_answers() -> None:
    texts = [SENTENCE, "وصل الوزير إلى القاهرة أمس.", "التقى بوتين وترامب في هلسنكي."] * 6
    expected = [arnews.extract_entities(t) for t in texts]
    results: dict[int, list[arnews.Entity]] = {}

    def work(i: int) -> None:
        for _ in range(5):
            results[i] = arnews.extract_entities(texts[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(texts))] == expected


# --- building blocks ----------------------------------------------------------------------


def _tagged(words: list[str], labels: list[str]) -> list[TaggedToken]:
    pairs = zip(words, labels, strict=True)
    return [TaggedToken(Token(w, 0, len(w)), lab, 0.9) for w, lab in pairs]


def test_decode_reads_aliases_and_stray_inside_labels() -> None:
    text = "أ ب ج د"
    toks = [Token(w, i * 2, i * 2 + 1) for i, w in enumerate(text.split())]
    found = decode_entities(text, toks, ["I-PERS", "B-MIS2", "I-MIS2", "I-ORG"], [1, 0.5, 0, 1])
    assert [(e.text, e.label, e.score) for e in found] == [
        ("أ", "PER", 1),
        ("ب ج", "MISC", 0.25),
        ("د", "ORG", 1),
    ]


def test_decode_starts_after_the_second_lam_of_lil() -> None:
    text = "للمغرب"
    [e] = decode_entities(text, [Token(text, 0, 6, proclitic="ل", article="ل")], ["B-LOC"], [1])
    assert (e.text, e.start, e.canonical) == ("لمغرب", 1, "المغرب")


@pytest.mark.parametrize(
    ("words", "labels", "expected"),
    [
        pytest.param(
            ["زار", "جلال", "طالباني", "انقرة", "وقال", "طالباني", "إن", "انقرة"],
            ["O", "B-PER", "I-PER", "B-LOC", "O", "O", "O", "O"],
            ["O", "B-PER", "I-PER", "B-LOC", "O", "B-PER", "O", "B-LOC"],
            id="spreads a type to later mentions",
        ),
        pytest.param(
            ["مصر", "ثم", "جامعة", "مصر"],
            ["B-LOC", "O", "B-ORG", "I-ORG"],
            ["B-LOC", "O", "B-ORG", "I-ORG"],
            id="does not cut a longer entity",
        ),
        pytest.param(  # the name علي folds like the preposition على
            ["قال", "علي", "حسن", "إنه", "على", "حق", "وأكد", "حسن"],
            ["O", "B-PER", "I-PER", "O", "O", "O", "O", "O"],
            ["O", "B-PER", "I-PER", "O", "O", "O", "O", "B-PER"],
            id="leaves function words alone",
        ),
    ],
)
def test_document_pass_labels(words: list[str], labels: list[str], expected: list[str]) -> None:
    assert [t.label for t in harmonize_labels(labelled(words, labels))] == expected


def test_document_pass_tells_a_word_with_the_article_from_the_name_without() -> None:
    _, tokens, _ = analyze("زار سورية وقالت الحكومة السورية إن سورية آمنة")
    labels = ["B-LOC" if t.text == "سورية" else "O" for t in tokens]
    labels[1] = "O"  # found again by the pass; السورية (the Syrian) is not Syria
    out = harmonize_labels(
        [TaggedToken(t, lab, 0.9) for t, lab in zip(tokens, labels, strict=True)]
    )
    assert [t.token.text for t in out if t.label != "O"] == ["سورية", "سورية"]


def test_gazetteer_matches_whole_tokens_only() -> None:
    g = StemGazetteer.from_names([("مصر", "LOC"), ("الأمم المتحدة", "ORG")])
    assert g.tag(["مصرف", "امم", "متحده", "مصر"]) == [(), ("B-ORG",), ("I-ORG",), ("U-LOC",)]
    assert g.tag([]) == []


def test_gazetteer_finds_names_at_the_ends_and_after_a_stem_with_a_space() -> None:
    g = StemGazetteer.from_names([("مصر", "LOC"), ("الأمم المتحدة", "ORG")])
    stems = ["مصر", "ب ج", "امم", "متحده"]
    assert g.matches(stems) == [(0, 1, ("LOC",)), (2, 4, ("ORG",))]
    assert g.matches(["امم", "متحده", "مصر"]) == [(0, 2, ("ORG",)), (2, 3, ("LOC",))]


@given(
    st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-XYZ", "B"]), max_size=9)
)
def test_bio_spans_read_labels_conll_style(labels: list[str]) -> None:
    expected: list[tuple[int, int, str]] = []
    for i, label in enumerate(labels):  # one label at a time, the CoNLL reading
        prefix, kind = split_label(label)
        if kind is None:
            continue
        if prefix == "I" and expected and expected[-1][1:] == (i, kind):
            expected[-1] = (expected[-1][0], i + 1, kind)
        else:
            expected.append((i, i + 1, kind))
    assert bio_spans(labels) == expected


def test_features_describe_neighbours_and_fold_spelling() -> None:
    toks = [Token("إلى", 0, 3), Token("للأمم", 4, 9, proclitic="ل", article="ل")]
    feats = sentence_features(toks, Lexicon.empty())
    assert {"s=امم", "pc=ل", "-1:s=الي"} <= set(feats[1])
    assert fold("أحمد") == fold("احمد")


def test_sentence_chunks_cut_at_line_breaks_and_full_stops() -> None:
    text = "أ ب.\nج د"
    toks = [Token("أ", 0, 1), Token("ب", 2, 3), Token(".", 3, 4, "punct")]
    toks += [Token("ج", 5, 6), Token("د", 7, 8)]
    assert [len(c) for c in sentence_chunks(toks, text)] == [3, 2]
    assert [len(c) for c in sentence_chunks(toks[:2] + toks[3:], text)] == [2, 2]


def test_shipped_lexicon_loads() -> None:
    assert isinstance(load_lexicon(), Lexicon)


def test_document_pass_spreads_no_first_name_to_a_common_noun() -> None:
    """فيلم كلينك (a company) tagged a person must not make every فيلم ("film") one; a
    surname still stands for its person, and a word a person list holds still spreads."""
    words = ["شارك", "فيلم", "كلينك", "ثم", "عرض", "فيلم", "جديد", "وقال", "كلينك"]
    labels = ["O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "O"]
    out = harmonize_labels(labelled(words, labels), load_lexicon())
    assert [t.label for t in out][5] == "O"
    assert [t.label for t in out][8] == "B-PER"
    # without the lexicon (nothing to tell a noun by) the first name spreads as before
    assert [t.label for t in harmonize_labels(labelled(words, labels))][5] == "B-PER"
    words = ["قال", "صالح", "حسن", "إن", "صالح", "غادر"]
    labels = ["O", "B-PER", "I-PER", "O", "O", "O"]
    assert [t.label for t in harmonize_labels(labelled(words, labels), load_lexicon())][4] == (
        "B-PER"
    )
