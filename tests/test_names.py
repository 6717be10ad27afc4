"""Name grouping (arnews.names) and the Article record that derives its names from it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from arnews.names import group_names, mention_names, resolve_mentions
from arnews.types import Article, Entity, Removed, Sentence


def ent(text: str, label: str, start: int = 0) -> Entity:
    return Entity(text, label, start, start + len(text), 1.0, text)  # type: ignore[arg-type]


def test_short_mentions_merge_into_the_full_name() -> None:
    people = [ent("ألكسندر زوييف", "PER"), ent("زوييف", "PER", 30), ent("نزار بركة", "PER", 50)]
    article = Article("", entities=(*people, ent("بركة", "PER", 70)))
    assert article.people == ("ألكسندر زوييف", "نزار بركة")


def test_title_and_order_of_first_mention() -> None:
    article = Article(
        "",
        entities=(
            ent("زوييف", "PER"),  # before the full name: still the same person
            ent("الملك محمد السادس", "PER", 10),
            ent("ألكسندر زوييف", "PER", 40),
            ent("محمد السادس", "PER", 60),
            ent("إليزي", "PER", 80),
        ),
    )
    assert article.people == ("ألكسندر زوييف", "محمد السادس", "إليزي")


def test_hashtags_and_titles_are_set_aside() -> None:
    names = ["دونالد #ترمب", "#ترمب", "البابا فرانسيس", "فرانسيس", "#جوني_هاليداي"]
    assert resolve_mentions(names) == [
        "دونالد ترمب",
        "دونالد ترمب",
        "فرانسيس",
        "فرانسيس",
        "جوني هاليداي",
    ]


def test_ambiguous_short_name_stays_apart() -> None:
    names = ["محمد بن سلمان", "محمد السادس", "محمد"]
    assert resolve_mentions(names) == names


def test_variant_spellings_fold_together() -> None:
    assert resolve_mentions(["أحمد التوفيق", "احمد التوفيق"]) == ["أحمد التوفيق"] * 2


def test_places_merge_only_identical_names() -> None:
    article = Article(
        "",
        entities=(ent("المغرب", "LOC"), ent("المغرب العربي", "LOC", 9), ent("المغرب", "LOC", 30)),
    )
    assert article.places == ("المغرب", "المغرب العربي")
    orgs = Article(
        "", entities=(ent("منظمة الأغذية والزراعة", "ORG"), ent("الأغذية والزراعة", "ORG", 40))
    )
    assert orgs.organizations == ("منظمة الأغذية والزراعة",)


def test_names_are_derived_and_cached() -> None:
    entities = (ent("الرباط", "LOC"), ent("نزار بركة", "PER", 10))
    article = Article("", entities=entities)
    assert article.people is article.people  # computed once per entity tuple
    assert mention_names(entities) == ("الرباط", "نزار بركة")
    assert group_names(entities, "ORG") == ()


def test_many_names_stay_fast_and_correct() -> None:
    # 20,000 distinct two-word names sharing first names: no quadratic blow-up
    names = [f"اسم{i % 50} عائلة{i}" for i in range(20_000)]
    resolved = resolve_mentions([*names, "عائلة7"])
    assert resolved[-1] == "اسم7 عائلة7"
    assert resolved[:-1] == names


# --------------------------------------------------------------------------- dicts (types.Article)


def test_to_dict_is_json_ready_and_round_trips() -> None:
    article = Article(
        "زار نزار بركة الرباط.",
        title="عنوان",
        published=dt.date(2025, 5, 14),
        source="الرباط - وكالة",
        sentences=(Sentence("زار نزار بركة الرباط.", 0, 21),),
        entities=(ent("نزار بركة", "PER", 4), ent("الرباط", "LOC", 14)),
        removed=(Removed("شارك المقال", 40, 51, "share"),),
        metadata={"id": "x-1", "tags": ["a"]},
    )
    data = json.loads(json.dumps(article.to_dict(), ensure_ascii=False))
    assert data["published"] == "2025-05-14"
    assert data["people"] == ["نزار بركة"]
    assert data["places"] == ["الرباط"]
    back = Article.from_dict(data)
    assert back == article
    assert back.metadata == article.metadata


def test_from_dict_refuses_what_is_not_an_article() -> None:
    with pytest.raises(ValueError, match="'text'"):
        Article.from_dict({"text": None})
    with pytest.raises(TypeError, match="mapping"):
        Article.from_dict([("text", "x")])  # type: ignore[arg-type]


def test_articles_that_differ_only_in_metadata_are_not_equal() -> None:
    assert Article("نص", metadata={"id": 1}) != Article("نص", metadata={"id": 2})
    assert Article("نص", metadata={"id": 1}) == Article("نص", metadata={"id": 1})
    assert hash(Article("نص", metadata={"id": 1})) == hash(Article("نص"))  # still hashable


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-14", dt.date(2025, 5, 14)),
        ("2025-05-14T10:00", dt.date(2025, 5, 14)),
        ("2025-05-14T23:30:00+03:00", dt.date(2025, 5, 14)),
        (dt.datetime(2025, 5, 14, 10, 0), dt.date(2025, 5, 14)),
        (None, None),
    ],
)
def test_published_always_reads_as_a_date(value: object, expected: dt.date | None) -> None:
    published = Article.from_dict({"text": "", "published": value}).published
    assert published == expected
    assert type(published) is type(expected)  # a date, never a datetime
