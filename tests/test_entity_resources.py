"""The entity word lists: loaders, the form of every entry, coverage of modern names."""

from __future__ import annotations

import gzip
import re
from importlib import resources
from pathlib import Path

import pytest

from arnews import normalize
from arnews.entities.resources import (
    gazetteer_names,
    load_clusters,
    load_gazetteer,
    load_triggers,
    trigger_kinds,
)
from arnews.tokenization import tokenize

DATA = resources.files("arnews").joinpath("data", "entities")
EXAMPLE = Path(__file__).parent / "data" / "ner_modern" / "extra" / "morocco-unoct-visit.conll"
MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
CLASSES = ("per", "loc", "org", "misc")


def data_files() -> list[str]:
    files = [f"gazetteer/{n}.txt" for n in gazetteer_names()]
    files += [f"triggers/{k}.txt" for k in trigger_kinds()]
    return [*files, "organizations.txt"]


def raw_text(name: str) -> str:
    data = DATA.joinpath(name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")  # strict: raises on invalid UTF-8


def entries(name: str) -> list[str]:
    lines = raw_text(name).splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


def every_entry() -> set[str]:
    return {e for name in gazetteer_names() for e in load_gazetteer(name)}


def test_every_list_is_present_and_non_empty() -> None:
    names = set(gazetteer_names())
    for kind in CLASSES:
        assert any(n == kind or n.startswith(kind + "_") for n in names), kind
    for name in names:
        assert len(load_gazetteer(name)) >= 10, name
    for kind in trigger_kinds():
        assert load_triggers(kind), kind
    for kind in ("per_title", "org_head", "loc_head"):
        assert len(load_triggers(kind)) >= 40, kind


def test_loaders_are_cached_read_only_sets() -> None:
    assert load_gazetteer("loc") is load_gazetteer("loc")
    assert isinstance(load_triggers("per_title"), frozenset)
    clusters = load_clusters()
    with pytest.raises(TypeError):
        clusters["x"] = "1/2/3"  # type: ignore[index]


@pytest.mark.parametrize("loader", [load_gazetteer, load_triggers])
def test_loaders_reject_bad_names(loader: object) -> None:
    with pytest.raises(TypeError, match="must be str"):
        loader(None)  # type: ignore[operator]
    with pytest.raises(TypeError, match="must be str"):
        loader(b"loc")  # type: ignore[operator]
    with pytest.raises(ValueError, match="unknown"):
        loader("../clusters")  # type: ignore[operator]
    with pytest.raises(ValueError, match="unknown"):
        loader("")  # type: ignore[operator]


@pytest.mark.parametrize("name", data_files())
def test_files_are_utf8_with_a_header(name: str) -> None:
    text = raw_text(name)
    header = [ln for ln in text.splitlines()[:12] if ln.startswith("#")]
    assert text.startswith("#"), name
    said = " ".join(header).lower()
    assert "source" in said, name
    assert "format" in said, name
    assert "licence" in said or "license" in said, name
    body = entries(name)
    assert len(body) == len(set(body)), f"duplicates in {name}"


def test_clusters_file_is_utf8_with_a_header_and_small() -> None:
    text = raw_text("clusters.tsv.gz")
    assert text.startswith("#")
    assert "Source" in text[:400]
    assert "Format" in text[:800]
    assert len(DATA.joinpath("clusters.tsv.gz").read_bytes()) < 3_000_000


def test_shipped_resources_stay_small() -> None:
    total = sum(len(DATA.joinpath(n).read_bytes()) for n in data_files())
    total += len(DATA.joinpath("clusters.tsv.gz").read_bytes())
    assert total < 10_000_000


@pytest.mark.parametrize("name", data_files())
def test_entries_are_in_the_form_the_tagger_sees(name: str) -> None:
    for entry in entries(name):
        assert entry == " ".join(entry.split()), (name, entry)
        assert not MARKS.search(entry), (name, entry)
        assert not PRESENTATION.search(entry), (name, entry)
        assert normalize(entry) == entry, (name, entry)


def test_no_entry_starts_with_an_attached_proclitic() -> None:
    # والمغرب, بالرباط, للأمم: a proclitic glued in front of an article, as the tokenizer
    # reads it; names whose first letters only look so (بالينا, فالنسيا) are fine
    glued = []
    for name in data_files():
        for entry in entries(name):
            tok = tokenize(entry.split()[0])[0]
            if tok.proclitic and tok.article:
                glued.append((name, entry))
    assert not glued


def test_multi_word_names_also_come_with_bare_alef() -> None:
    bare = str.maketrans("أإآ", "ااا")
    for name in gazetteer_names():
        names = load_gazetteer(name)
        for entry in names:
            if " " in entry:
                assert entry.translate(bare) in names, (name, entry)


def test_ambiguous_lists_do_not_repeat_the_main_ones() -> None:
    for kind in ("per", "loc", "org"):
        weak = load_gazetteer(kind + "_ambiguous")
        main = set().union(*(load_gazetteer(n) for n in gazetteer_names() if n.startswith(kind)))
        assert not (weak & (main - weak)), kind


def test_function_words_are_no_names() -> None:
    for name in gazetteer_names():
        assert not {"في", "من", "إلى", "على", "عن", "أن"} & load_gazetteer(name), name


def gold_spans(path: Path, label: str) -> list[str]:
    """Spans of ``label`` in a CoNLL file, each as the tagger's entry form."""
    spans: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        tag = parts[-1]
        if tag == "B-" + label:
            spans.append([parts[0]])
        elif tag == "I-" + label and spans:
            spans[-1].append(parts[0])
    out = []
    for words in spans:
        first = tokenize(normalize(words[0]))[0].base
        out.append(" ".join([first, *(normalize(w) for w in words[1:])]))
    return out


def test_organisations_of_the_modern_example_are_listed() -> None:
    orgs = gold_spans(EXAMPLE, "ORG")
    assert orgs  # the example does name organisations
    assert set(orgs) <= load_gazetteer("org")
    assert {"الأمم المتحدة", "مكتب الأمم المتحدة لمكافحة الإرهاب"} <= load_gazetteer("org")


def test_places_of_the_modern_example_are_listed() -> None:
    places = set(gold_spans(EXAMPLE, "LOC"))
    assert len(places) >= 5
    assert places <= load_gazetteer("loc")


def test_curated_names_across_the_region() -> None:
    org = load_gazetteer("org")
    for name in (
        "منظمة الصحة العالمية",
        "اليونسكو",
        "حلف شمال الأطلسي",
        "جامعة الدول العربية",
        "الاتحاد الإفريقي",
        "الاتحاد الأفريقي",
        "الاتحاد الافريقي",
        "صندوق النقد الدولي",
        "وكالة المغرب العربي للأنباء",
        "المديرية العامة للأمن الوطني",
        "حزب العدالة والتنمية",
        "أرامكو",
        "اتصالات المغرب",
        "بي بي سي",
    ):
        assert name in org, name
    assert {"الرجاء", "الوداد", "الزمالك"} <= org | load_gazetteer("org_ambiguous")
    assert {"المغرب", "الرباط", "مصر", "القاهرة", "تونس"} <= load_gazetteer("loc")
    assert {"محمد", "أحمد", "فاطمة"} <= load_gazetteer("per_first")
    assert {"الدولار", "كأس العالم"} <= load_gazetteer("misc")


def test_triggers_hold_the_usual_heads() -> None:
    assert {"الرئيس", "الملك", "الأمير", "الشيخ", "الأمين العام"} <= load_triggers("per_title")
    assert {"وزارة", "مديرية", "منظمة", "وكالة", "حزب", "جامعة"} <= load_triggers("org_head")
    assert {"مدينة", "منطقة", "إقليم", "ولاية", "جزيرة", "نهر"} <= load_triggers("loc_head")
    assert {"قال", "أكد", "أوضح"} <= load_triggers("per_verbs")
    assert {"بن", "أبو"} <= load_triggers("per_particles")


def test_clusters_map_known_words_and_group_alike_words() -> None:
    clusters = load_clusters()
    assert len(clusters) >= 20_000
    for word in ("المغرب", "محمد", "وزارة", "قال", "الرباط"):
        levels = clusters[word].split("/")
        assert len(levels) == 3, word
        assert all(x.isdigit() for x in levels), word
    assert not [w for w in clusters if MARKS.search(w)]
    # keys are clitic-free: the glued forms of frequent words are not keys of their own
    for word in ("المغرب", "الحكومة", "الأمم", "المدينة"):
        assert word in clusters
        assert not {"و" + word, "ب" + word, "لل" + word[2:]} & set(clusters)
    glued = [w for w in clusters if w.startswith(("وال", "بال", "فال", "كال"))]
    assert len(glued) < 0.02 * len(clusters)

    def coarse(w: str) -> str:
        return clusters[w].split("/")[0]

    def fine(w: str) -> str:
        return clusters[w].split("/")[2]

    countries = ["الجزائر", "تونس", "ليبيا", "سوريا", "العراق", "الأردن", "لبنان"]
    assert sum(coarse(c) == coarse("المغرب") for c in countries) >= 5
    verbs = ["أوضح", "أضاف", "صرح", "أعلن"]
    assert sum(coarse(v) == coarse("أكد") for v in verbs) >= 2
    names = ["أحمد", "علي", "حسن", "محمود", "إبراهيم"]
    assert sum(fine(n) == fine("محمد") for n in names) >= 3
    # the fine level is finer than the coarse one
    assert len({fine(w) for w in clusters}) > len({coarse(w) for w in clusters})
