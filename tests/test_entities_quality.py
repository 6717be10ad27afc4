"""Quality floor of the shipped entity model, end to end on raw text (GUIDE §3).

The whole ANERcorp development split (the last 10% of the units of ANERcorp's
``train.txt``, never trained on by the shipped model) is run through
``arnews.extract_entities``; the test fails when entity F1 drops more than one point
below the figure recorded when the model was built. It loads the model; it never trains.
The modern news dev set (``tests/data/ner_modern``) has its own floor. Reproduce the
figures with ``.venv/bin/python training/evaluate_ner.py`` (``--conll
tests/data/ner_modern/*.conll`` for the modern set).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from evaluate_ner import evaluate  # training/ is on pytest's pythonpath
from ner_data import ANERCORP, read_conll, split_anercorp

import arnews
from arnews.entities.gazetteer import resource_files

ROOT = Path(__file__).resolve().parent.parent

MANIFEST = ROOT / "src" / "arnews" / "data" / "entities" / "tagger.json"
MODERN = ROOT / "tests" / "data" / "ner_modern"

RECORDED_F1 = 77.58
"""Dev-split micro F1 of the shipped (neural) model (``tagger.json``, ``dev_scores``)."""

RECORDED_MODERN_F1 = 84.56
"""Micro F1 on the modern news dev set (``tagger.json``, ``modern_dev_scores``)."""

MARGIN = 1.0

needs_data = pytest.mark.skipif(
    not ANERCORP.exists(), reason=f"needs ../shared beside the checkout: {ANERCORP} is missing"
)


def test_manifest_records_the_figure_this_test_guards() -> None:
    info = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert info["dev_scores"]["all"]["f1"] == pytest.approx(RECORDED_F1, abs=0.05)
    assert info["modern_dev_scores"]["all"]["f1"] == pytest.approx(RECORDED_MODERN_F1, abs=0.05)
    model = MANIFEST.parent / info["model"]
    assert model.stat().st_size == info["bytes"]
    assert hashlib.sha256(model.read_bytes()).hexdigest() == info["sha256"]


def test_entity_model_directory_stays_small() -> None:
    """The whole shipped entity model (weights, vectors, word lists) fits in 40 MB."""
    total = sum(p.stat().st_size for p in MANIFEST.parent.rglob("*") if p.is_file())
    assert total <= 40_000_000


def test_word_lists_are_those_the_model_was_trained_with() -> None:
    """Features must be computed at run time exactly as at training time: a changed
    gazetteer, trigger list or cluster file needs ``training/train_ner.py`` run again."""
    info = json.loads(MANIFEST.read_text(encoding="utf-8"))
    data = MANIFEST.parent.parent
    recorded = info["feature_resources"]
    assert sorted(recorded) == resource_files()
    for name, digest in recorded.items():
        assert hashlib.sha256((data / name).read_bytes()).hexdigest() == digest, name


@needs_data
def test_dev_split_f1_stays_above_the_floor() -> None:
    dev = split_anercorp()[1]
    assert len(dev) > 300
    scores = evaluate(dev, arnews.extract_entities)
    _, _, f1 = scores.prf()
    print(scores.table())
    assert f1 >= RECORDED_F1 - MARGIN
    for kind in ("PER", "ORG", "LOC"):
        assert scores.prf(kind)[2] > 60.0, kind


def test_modern_news_f1_stays_above_the_floor() -> None:
    units = [u for p in sorted(MODERN.glob("*.conll")) for u in read_conll(p, doc=p.stem)]
    assert len(units) > 100
    scores = evaluate(units, arnews.extract_entities)
    print(scores.table())
    assert scores.prf()[2] >= RECORDED_MODERN_F1 - MARGIN
