"""Entities on today's news, end to end with the shipped model (issue 13's example cases).

The articles in ``tests/data/entities/`` were written for these tests: a UN counter-terrorism
visit to Rabat (the same facts as ``../shared/examples/morocco-unoct-visit.txt``, other
sentences), a football report that names نيمار in the title and the body, and a paragraph
of names of today (acronyms, chains, companies).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from arnews import extract_entities, process
from arnews.entities.tagger import analyze, sentence_chunks, sentence_starts
from arnews.types import Article, Entity

DATA = Path(__file__).parent / "data" / "entities"
ROOT = Path(__file__).resolve().parent.parent
SHARED_EXAMPLE = ROOT.parent / "shared" / "examples" / "morocco-unoct-visit.txt"
DOCS_EXAMPLE = ROOT / "docs" / "examples" / "rabat-water-summit.txt"
UNOCT = "مكتب الأمم المتحدة لمكافحة الإرهاب"


@cache
def article(name: str) -> Article:
    return process((DATA / name).read_text(encoding="utf-8"))


@cache
def entities(name: str) -> tuple[Entity, ...]:
    return tuple(extract_entities((DATA / name).read_text(encoding="utf-8")))


def named(found: tuple[Entity, ...], label: str) -> set[str]:
    return {e.canonical for e in found if e.label == label}


def check_unoct_article(a: Article) -> None:
    for person in ("عبد اللطيف حموشي", "ألكسندر زوييف", "محمد السادس"):
        assert person in a.people, (person, a.people)
    assert UNOCT in a.organizations
    assert "الرباط" in a.places
    places = " | ".join(a.places)
    for region in ("الساحل", "الصحراء", "القرن الإفريقي"):
        assert region in places, (region, a.places)
    assert all(not (e.label == "PER" and e.canonical.startswith("زيارة")) for e in a.entities), (
        "a word of the title glued to a name"
    )


def test_unoct_visit_all_people_the_office_whole_and_the_regions() -> None:
    a = article("unoct-visit.txt")
    check_unoct_article(a)
    assert [e.canonical for e in a.body_entities if e.label == "ORG"].count(UNOCT) == 2


def test_unoct_visit_rabat_is_found_in_the_title() -> None:
    a = article("unoct-visit.txt")
    assert a.title is not None
    assert "الرباط" in a.title
    assert "الرباط" not in a.text  # only the title names it
    rabat = [e for e in a.title_entities if e.canonical == "الرباط"]
    assert rabat
    assert rabat[0].label == "LOC"
    assert a.title[rabat[0].start : rabat[0].end] == rabat[0].text
    assert "الرباط" in a.places
    assert a.to_dict()["entities"][0]["field"] == "title"
    assert Article.from_dict(a.to_dict()) == a


@pytest.mark.skipif(not SHARED_EXAMPLE.exists(), reason="../shared/examples is not checked out")
def test_shared_example_article() -> None:
    check_unoct_article(process(SHARED_EXAMPLE.read_text(encoding="utf-8")))


def test_football_report_finds_neymar_in_title_and_body() -> None:
    a = article("football-neymar.txt")
    assert "نيمار" in a.people
    title_people = [e.canonical for e in a.title_entities if e.label == "PER"]
    assert title_people == ["نيمار"]
    body = [e for e in a.body_entities if e.canonical == "نيمار"]
    assert len(body) == a.text.count("نيمار") == 5
    assert all(e.label == "PER" for e in body)


def test_football_report_no_name_from_inside_a_word() -> None:
    a = article("football-neymar.txt")
    assert "بديلا" in a.text
    assert all("ديلا" not in e.text for e in a.entities)


def test_football_report_saint_germain_is_not_a_person() -> None:
    a = article("football-neymar.txt")
    for e in a.entities:
        if "جرمان" in e.text:
            assert e.label == "ORG", e
    assert "باريس سان جرمان" in a.organizations
    assert not [p for p in a.people if "جرمان" in p]


def test_football_report_lille_is_never_a_person() -> None:
    a = article("football-neymar.txt")
    assert not [e for e in a.entities if e.canonical == "ليل" and e.label != "ORG"]


@pytest.mark.xfail(
    strict=True,
    reason="known miss of the shipped model: ليل (Lille, also 'night') after على is not "
    "tagged; the previous model found it only through a person tag that the "
    "ambiguous-club rule turned into the club (docs/evaluation.md)",
)
def test_football_report_finds_lille_the_club() -> None:
    a = article("football-neymar.txt")
    lille = [e for e in a.entities if e.canonical == "ليل"]
    assert len(lille) == 3  # title, the match, the equaliser «لليل»


def test_docs_example_keeps_the_surname() -> None:
    a = process(DOCS_EXAMPLE.read_text(encoding="utf-8"))
    assert "عبد الحكيم الواعر" in a.people
    assert "عبد الحكيم" not in a.people


def test_latin_acronyms_are_organisations() -> None:
    found = entities("names-today.txt")
    orgs = named(found, "ORG")
    assert {"CNN", "BBC", "FIFA"} <= orgs
    assert "الاتحاد الدولي لكرة القدم" in orgs  # the Arabic name stays apart from FIFA


def test_names_written_like_people_but_not_people() -> None:
    found = entities("names-today.txt")
    people = named(found, "PER")
    for name in ("بي بي سي", "كريم", "ديزني لاند", "أوبر"):
        assert not [p for p in people if name in p], (name, people)
    assert "بي بي سي" in named(found, "ORG")


def test_hyphen_and_bin_chains_stay_whole() -> None:
    people = named(entities("names-today.txt"), "PER")
    assert "كيم جونغ-أون" in people
    assert "حمدان بن محمد بن راشد آل مكتوم" in people
    assert not people & {"كيم جونغ", "أون", "حمدان بن محمد بن راشد"}


def test_doctor_title_stays_in_the_sentence_of_the_name() -> None:
    text = "قال د. أحمد العلوي إن الوضع صعب؛ وأضاف أن الحل قريب."
    norm_text, tokens, norm = analyze(text)
    chunks = sentence_chunks(tokens, norm_text, sentence_starts(norm))
    assert len(chunks) == 1  # neither the dot of د. nor ؛ cuts the sentence
    people = [e.text for e in extract_entities(text) if e.label == "PER"]
    assert people == ["أحمد العلوي"]


def test_sentence_chunks_keep_a_cap_for_long_sentences() -> None:
    text = " ".join(["كلمة"] * 400)
    norm_text, tokens, norm = analyze(text)
    chunks = sentence_chunks(tokens, norm_text, sentence_starts(norm))
    assert [len(c) for c in chunks] == [150, 150, 100]


def test_a_name_written_as_a_hashtag_is_found_with_its_underscore() -> None:
    text = "قال وزير الدفاع الأميركي #جيمس_ماتيس إن بلاده لم تتأكد بعد من الهجوم"
    people = [e for e in extract_entities(text) if e.label == "PER"]
    assert [(e.text, e.canonical) for e in people] == [("جيمس_ماتيس", "جيمس ماتيس")]
    assert text[people[0].start : people[0].end] == people[0].text
