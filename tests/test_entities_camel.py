"""The camel-tools backend, on tiny BERT models built here (random or fixed-output weights).

Every model is saved to a temporary directory with transformers and loaded through
camel-tools' ``NERecognizer`` — the real loading path, with no download. camel-tools reads
``$CAMELTOOLS_DATA/catalogue.json`` when ``camel_tools.ner`` is first imported, so the
in-process tests point that variable at a minimal catalogue written here; what happens
without a catalogue (or with a broken one, or without the default model) is checked in a
fresh interpreter, because camel-tools fixes its data directory at first import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bert_models import save_token_classifier

from arnews import extract_entities
from arnews.entities import camel
from arnews.entities.camel import CamelBackendError, extract_with_camel, tag_sentences
from extras import need

need("camel_tools", "camel")
need("transformers", "camel")

LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")

# A small Arabic wordpiece vocabulary: special tokens, whole words, then continuation pieces.
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
_WORD_LIST = """
و ف ب ل ال في من إلى على عن مع قال قالت أن إن الذي التي هذا هذه بين بعد قبل
الرئيس الملك الوزير وزير وزارة الأمين العام مدير مكتب الأمم المتحدة مجلس الأمن
المغرب الرباط الجزائر تونس مصر القاهرة باريس فرنسا لبنان بيروت الساحل الصحراء
محمد السادس عبد اللطيف حموشي ماكرون ألكسندر زوييف أحمد علي حسن
مكافحة الإرهاب زيارة اليوم أمس يوم الأحد الاثنين مدينة منطقة الحكومة البرلمان
فريق مباراة الدوري كأس العالم الاقتصاد النفط سعر دولار مليون . ، : ؟ ! ( ) « » - 2018 1 2
"""
_PIECE_LIST = "##ة ##ات ##ون ##ين ##ي ##ه ##ها ##هم ##ا ##و ##ن ##ت ##م ##ل ##ر ##ب ##د ##س ##ك"
WORDS = _WORD_LIST.split()
PIECES = _PIECE_LIST.split()

SENTENCE = "قال الرئيس ماكرون في باريس إن فرنسا وزارة مكافحة الإرهاب ."

MINIMAL_CATALOGUE: dict[str, Any] = {
    "version": "1.6",
    "packages": {
        "ner-arabert": {
            "description": "stand-in entry for the tests",
            "package_type": "http",
            "url": "https://example.invalid/ner-arabert.zip",
            "destination": "ner/arabert",
            "version": "0",
            "license": "MIT",
            "files": [],
            "private": False,
            "sha256": "0" * 64,
            "size": 0,
        }
    },
    "components": {
        "NamedEntityRecognition": {
            "default": "arabert",
            "datasets": {"arabert": {"path": "ner/arabert"}},
        }
    },
}


def build_model(
    directory: Path, *, favour: str | None = None, labels: tuple[str, ...] = LABELS
) -> Path:
    """Save a 2-layer BERT token classifier with hidden size 32 (random weights, seed 0).

    ``favour``: zero the classifier and give that label a large bias, so that the model
    predicts it everywhere with a probability close to 1.
    """
    import torch

    model = save_token_classifier(
        directory, SPECIAL + WORDS + PIECES, labels, hidden=32, layers=2, heads=2, intermediate=64
    )
    if favour is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.zero_()
            model.classifier.bias[labels.index(favour)] = 10.0
        model.save_pretrained(directory)
    return directory


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Tiny models on disk, and a minimal camel-tools catalogue so the import stays offline."""
    root = tmp_path_factory.mktemp("camel")
    data = root / "camel_data"
    data.mkdir()
    (data / "catalogue.json").write_text(json.dumps(MINIMAL_CATALOGUE), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CAMELTOOLS_DATA", str(data))
        found = {
            "random": build_model(root / "random"),
            "per": build_model(root / "per", favour="B-PERS"),
            "misc": build_model(root / "misc", favour="I-MISC"),
            "none": build_model(root / "none", favour="O"),
            "generic": build_model(root / "generic", labels=("LABEL_0", "LABEL_1")),
        }
        yield {name: str(path) for name, path in found.items()}


# --- alignment: one label per word, whatever the wordpiece tokenizer does -----------------


def test_every_word_gets_a_label_even_when_the_tokenizer_drops_it(models: dict[str, str]) -> None:
    from camel_tools.ner import NERecognizer

    words = ["قال", "\u200f", "الرئيس", "\x00", "😀", "ماكرون", "\ufffd", "", "في", "باريس"]
    words += ["\ud800", "م\udfffم"]  # lone surrogates: the Rust tokenizer refuses them
    ours = tag_sentences([words], model=models["random"])[0]
    assert len(ours) == len(words)
    assert all(label in LABELS and 0.0 < score <= 1.0 for label, score in ours)
    # camel-tools itself loses the four words its tokenizer turns into nothing (issue #105)
    theirs = NERecognizer(models["random"], use_gpu=False).predict_sentence(words[:-2])
    assert len(theirs) == len(words) - 2 - 4


def test_same_labels_as_camel_tools_when_nothing_is_dropped(models: dict[str, str]) -> None:
    from camel_tools.ner import NERecognizer

    sentence = SENTENCE.split()
    long_sentence = sentence * 40  # over 254 wordpieces: cut into several runs
    recognizer = NERecognizer(models["random"], use_gpu=False)
    ours = tag_sentences([sentence, long_sentence], model=models["random"])
    assert [label for label, _ in ours[0]] == recognizer.predict_sentence(sentence)
    assert [label for label, _ in ours[1]] == recognizer.predict_sentence(long_sentence)
    assert len(ours[1]) == len(long_sentence)


def test_long_words_and_long_sentences_keep_one_label_each(models: dict[str, str]) -> None:
    huge_word = "محمد" * 2000  # thousands of wordpieces
    words = ["في", huge_word, "الرباط", *(["مدينة"] * 700)]
    tagged = tag_sentences([words, [], ["مصر"]], model=models["per"])
    assert [len(s) for s in tagged] == [len(words), 0, 1]
    assert {label for s in tagged for label, _ in s} == {"B-PERS"}


def test_fixed_output_model_gives_near_certain_scores(models: dict[str, str]) -> None:
    [tagged] = tag_sentences([["أحمد", "علي"]], model=models["per"])
    assert [label for label, _ in tagged] == ["B-PERS", "B-PERS"]
    assert all(score > 0.99 for _, score in tagged)


# --- entities over the text ---------------------------------------------------------------


TEXT = (
    "الرباط – استقبل المدير العام عبد اللطيف حموشي، يوم الاثنين، وفدا من مكتب الأمم المتحدة "
    "لمكافحة الإرهاب 😀 برئاسة ألكسندر زوييف.\n"
    "وقالَ الوزيـــر إن المغرب‏ سيواصل التعاون مع فرنسا (France) سنة 2018، بنسبة 3.5%.\n"
    "\ud800 \x00 \ufffd نهاية"
)


def test_offsets_scores_and_labels_are_valid_on_messy_text(models: dict[str, str]) -> None:
    found = extract_with_camel(TEXT, model=models["random"])
    assert found, "a random model tags something in two sentences"
    for e in found:
        assert TEXT[e.start : e.end] == e.text
        assert e.label in ("PER", "ORG", "LOC", "MISC")
        assert 0.0 <= e.score <= 1.0
        assert e.text.strip() == e.text
    assert [e.start for e in found] == sorted(e.start for e in found)


def test_b_pers_maps_to_per_one_entity_per_token(models: dict[str, str]) -> None:
    text = "قال الرئيس ماكرون ."
    found = extract_with_camel(text, model=models["per"])
    assert [(e.label, e.text) for e in found] == [
        ("PER", "قال"),
        ("PER", "الرئيس"),
        ("PER", "ماكرون"),
        ("PER", "."),
    ]


def test_every_token_of_a_messy_text_is_labelled(models: dict[str, str]) -> None:
    from arnews.entities.tagger import analyze

    tokens = analyze(TEXT)[1]
    found = extract_with_camel(TEXT, model=models["per"])  # B-PERS everywhere: one per token
    assert len(found) == len(tokens)
    assert all(TEXT[e.start : e.end] == e.text and e.label == "PER" for e in found)


def test_misc_span_leaves_out_the_proclitic(models: dict[str, str]) -> None:
    text = "والمغرب بلد"
    [e] = extract_with_camel(text, model=models["misc"])
    assert (e.label, e.text, e.start, e.end, e.canonical) == (
        "MISC",
        "المغرب بلد",
        1,
        11,
        "المغرب بلد",
    )
    assert e.score > 0.99


def test_model_predicting_o_finds_nothing(models: dict[str, str]) -> None:
    assert extract_with_camel(TEXT, model=models["none"]) == []


def test_extract_entities_dispatches_to_camel(models: dict[str, str]) -> None:
    text = "زار ماكرون الرباط"
    assert extract_entities(text, backend="camel", model=models["per"]) == extract_with_camel(
        text, model=models["per"]
    )


def test_path_objects_and_strings_share_one_loaded_model(
    models: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    extract_with_camel("في الرباط", model=models["random"])
    loaded = len(camel._CACHE)
    monkeypatch.chdir(Path(models["random"]).parent)
    extract_with_camel("في الرباط", model="./random")
    extract_with_camel("في الرباط", model=Path(models["random"]))
    assert len(camel._CACHE) == loaded
    assert extract_with_camel("في الرباط", model=Path(models["random"])) == extract_with_camel(
        "في الرباط", model=models["random"]
    )


def test_threads_get_the_same_answers(models: dict[str, str]) -> None:
    expected = extract_with_camel(TEXT, model=models["random"])
    results: list[object] = []

    def work() -> None:
        results.append(extract_with_camel(TEXT, model=models["random"]))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


# --- bad input and bad models -------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_gives_nothing(models: dict[str, str], text: str) -> None:
    assert extract_with_camel(text, model=models["random"]) == []


def test_wrong_types_name_the_argument(models: dict[str, str]) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        extract_with_camel(None, model=models["random"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        extract_with_camel("نص".encode(), model=models["random"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="model must be str"):
        extract_with_camel("نص", model=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="word must be str"):
        tag_sentences([["نص", None]], model=models["random"])  # type: ignore[list-item]


def test_missing_directory_is_a_clear_error(tmp_path: Path, models: dict[str, str]) -> None:
    with pytest.raises(CamelBackendError, match=r"does not exist.*camel_data -i ner-arabert"):
        extract_with_camel("نص", model=str(tmp_path / "nowhere"))


def test_directory_without_a_model_is_a_clear_error(tmp_path: Path, models: dict[str, str]) -> None:
    with pytest.raises(CamelBackendError, match=r"no config\.json"):
        extract_with_camel("نص", model=str(tmp_path))
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CamelBackendError, match="could not load a BERT"):
        extract_with_camel("نص", model=str(tmp_path))


def test_model_without_entity_labels_is_refused(models: dict[str, str]) -> None:
    with pytest.raises(CamelBackendError, match="BIO entity labels"):
        extract_with_camel("نص", model=models["generic"])


# --- camel-tools' catalogue and default model, in a fresh interpreter ---------------------

CATALOGUE_SCRIPT = """
import json, os, shutil, sys
from pathlib import Path
from arnews.entities.camel import CamelBackendError, extract_with_camel

data, tiny, catalogue = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
report = {}

def attempt(name, **kwargs):
    try:
        found = extract_with_camel("زار ماكرون الرباط", **kwargs)
        report[name] = {"ok": [(e.label, e.text) for e in found]}
    except CamelBackendError as err:
        report[name] = {"error": str(err)}
    report[name]["ner_imported"] = "camel_tools.ner" in sys.modules
    report[name]["catalogue_exists"] = (data / "catalogue.json").exists()

attempt("no_catalogue_default")
attempt("no_catalogue_model", model=tiny)
(data / "catalogue.json").write_text("<html>404: Not Found</html>", encoding="utf-8")
attempt("broken_catalogue")
(data / "catalogue.json").write_text(catalogue, encoding="utf-8")
attempt("default_not_installed")
shutil.copytree(tiny, data / "data" / "ner" / "arabert")
attempt("default_installed")
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def catalogue_report(models: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    data = tmp_path_factory.mktemp("fresh_camel_data")
    env = {**os.environ, "CAMELTOOLS_DATA": str(data)}
    catalogue = json.dumps(MINIMAL_CATALOGUE)
    done = subprocess.run(
        [sys.executable, "-c", CATALOGUE_SCRIPT, str(data), models["per"], catalogue],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", ["no_catalogue_default", "no_catalogue_model"])
def test_no_catalogue_fails_fast_without_a_download(catalogue_report: Any, case: str) -> None:
    step = catalogue_report[case]
    assert "no data catalogue" in step["error"]
    assert "camel_data -i ner-arabert" in step["error"]
    assert "model=" in step["error"]
    assert not step["ner_imported"], "camel_tools.ner would have started a download"
    assert not step["catalogue_exists"]


def test_broken_catalogue_is_a_clear_error(catalogue_report: Any) -> None:
    step = catalogue_report["broken_catalogue"]
    assert "could not read its data catalogue" in step["error"]
    assert "camel_data -i ner-arabert" in step["error"]


def test_default_model_not_installed_says_how_to_install(catalogue_report: Any) -> None:
    step = catalogue_report["default_not_installed"]
    assert "NER model is not installed" in step["error"]
    assert "camel_data -i ner-arabert" in step["error"]


def test_default_model_loads_through_the_catalogue(catalogue_report: Any) -> None:
    step = catalogue_report["default_installed"]
    assert step["ok"] == [["PER", "زار"], ["PER", "ماكرون"], ["PER", "الرباط"]]


def test_camel_is_not_imported_with_arnews() -> None:
    code = "import sys, arnews; print(sorted(m for m in ('torch', 'transformers', "
    code += "'camel_tools.ner', 'camel_tools.data') if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"


# --- the hand-annotated modern news dev set (tests/data/ner_modern) ------------------------

MODERN = Path(__file__).parent / "data" / "ner_modern"
TAGS = {"O"} | {f"{p}-{k}" for p in "BI" for k in ("PERS", "LOC", "ORG", "MISC")}


@pytest.mark.parametrize(
    "path",
    sorted(MODERN.glob("*.conll")) + sorted(MODERN.glob("extra/*.conll")),
    ids=lambda p: p.stem,
)
def test_modern_dev_set_file_is_well_formed(path: Path) -> None:
    units = path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    entities = 0
    for unit in units:
        previous = "O"
        assert unit.strip(), f"{path.name}: empty unit"
        for line in unit.split("\n"):
            fields = line.split(" ")
            assert len(fields) == 2, f"{path.name}: bad line {line!r}"
            token, tag = fields
            assert token, f"{path.name}: empty token in {line!r}"
            assert tag in TAGS, f"{path.name}: bad tag in {line!r}"
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:], f"{path.name}: {line!r} continues nothing"
            entities += tag.startswith("B-")
            previous = tag
    assert entities > 0


def test_modern_dev_set_has_at_least_twenty_articles_from_every_outlet() -> None:
    names = [p.stem for p in MODERN.glob("*.conll")]
    assert len(names) >= 20
    assert {n[:2] for n in names} == {"AL", "BB", "CN", "FR", "SK"}
