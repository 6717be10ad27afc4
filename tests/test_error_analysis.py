"""The mistake categories of ``training/error_analysis.py`` (used to compare two models)."""

from __future__ import annotations

from error_analysis import compare  # training/ is on pytest's pythonpath
from ner_data import Unit

UNIT = Unit(
    tokens=("زار", "محمد", "صلاح", "مدينة", "القاهرة", "مع", "فريق", "ليفربول", "أمس"),
    tags=("O", "B-PER", "I-PER", "O", "B-LOC", "O", "O", "B-ORG", "O"),
    doc="d",
)


def test_a_perfect_prediction_has_no_mistake() -> None:
    gold = {(1, 3, "PER"), (4, 5, "LOC"), (7, 8, "ORG")}
    assert compare(UNIT, gold, 3) == []


def test_each_category_with_its_unit_and_token_span() -> None:
    predicted = {(2, 3, "PER"), (4, 5, "ORG"), (8, 9, "MISC")}
    found = [
        (m.category, m.unit, m.first, m.stop, m.gold, m.predicted)
        for m in compare(UNIT, predicted, 3)
    ]
    assert found == [
        ("boundary", 3, 1, 3, "PER محمد صلاح", "PER صلاح"),
        ("type", 3, 4, 5, "LOC القاهرة", "ORG القاهرة"),
        ("missed", 3, 7, 8, "ORG ليفربول", ""),
        ("spurious", 3, 8, 9, "", "MISC أمس"),
    ]


def test_the_context_brackets_the_entity() -> None:
    (mistake,) = compare(UNIT, {(1, 3, "PER"), (4, 5, "LOC")} | {(6, 8, "LOC")}, 0)
    assert mistake.category == "boundary+type"
    assert mistake.context == "محمد صلاح مدينة القاهرة مع [ فريق ليفربول ] أمس"
