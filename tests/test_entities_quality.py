"""Quality floor of the shipped entity model, end to end on raw text (GUIDE §3).

The whole ANERcorp development split (the last 10% of the units of ANERcorp's
``train.txt``, never trained on by the shipped model) is run through
``arnews.extract_entities``; the test fails when entity F1 drops more than one point
below the figure recorded when the model was built. It loads the model; it never trains.
Reproduce the figure with ``.venv/bin/python training/evaluate_ner.py``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

import arnews
from arnews.entities.gazetteer import resource_files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

from evaluate_ner import evaluate  # noqa: E402
from ner_data import ANERCORP, split_anercorp  # noqa: E402

MANIFEST = ROOT / "src" / "arnews" / "data" / "entities" / "manifest.json"

RECORDED_F1 = 73.61
"""Dev-split micro F1 of the shipped model (``manifest.json``, ``dev_scores``)."""

MARGIN = 1.0

needs_data = pytest.mark.skipif(
    not ANERCORP.exists(), reason=f"ANERcorp is not at {ANERCORP} (see shared/data/README.md)"
)


def test_manifest_records_the_figure_this_test_guards() -> None:
    info = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert info["dev_scores"]["all"]["f1"] == pytest.approx(RECORDED_F1, abs=0.05)
    model = MANIFEST.parent / info["model"]
    assert model.stat().st_size == info["bytes"]


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
        assert scores.prf(kind)[2] > 50.0, kind
