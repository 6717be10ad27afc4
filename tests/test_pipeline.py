"""process() and process_many(): composition, names, dicts, streaming, workers, errors.

The first half replaces the stages with small fakes to pin down the pipeline's own logic
(what goes where, ordering, error policies); the second half runs the real stages end to
end on the bundled example and on real news articles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

import arnews
import contracts
import samples
from arnews.pipeline import Document, error_article, process, process_many
from arnews.types import Article, Cleaned, Entity, Removed, Sentence, Span

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "rabat-water-summit.txt"

# --------------------------------------------------------------------------- fakes

NAMES = {"نزار بركة": "PER", "بركة": "PER", "الرباط": "LOC", "البنك الدولي": "ORG"}
CALLS: list[str] = []


def fake_strip(text: str, *, html: bool = False, config: Any = None) -> Cleaned:
    """Lines starting with '#' are boilerplate; the rest is the body."""
    kept: list[Span] = []
    removed: list[Removed] = []
    at = 0
    for line in text.split("\n"):
        target = removed if line.startswith("#") else kept
        if line.startswith("#"):
            removed.append(Removed(line, at, at + len(line), "fake"))
        elif line.strip():
            target.append(Span(line, at, at + len(line)))  # type: ignore[arg-type]
        at += len(line) + 1
    return Cleaned("\n".join(s.text for s in kept), tuple(kept), tuple(removed), title="T")


def fake_sentences(text: str, config: Any = None) -> list[Sentence]:
    return [Sentence(m.group(), m.start(), m.end()) for m in re.finditer(r"[^.\n]+\.?", text)]


def fake_entities(text: str, *, backend: str = "default", model: Any = None) -> list[Entity]:
    CALLS.append(text)
    if text.rpartition("\n\n")[2] == "boom":  # the body, after the title
        raise RuntimeError("stage failed")
    found: list[Entity] = []
    taken: set[int] = set()
    for name in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if taken.isdisjoint(range(m.start(), m.end())):
                taken.update(range(m.start(), m.end()))
                label = NAMES[name]
                found.append(Entity(name, label, m.start(), m.end(), 0.9, name))  # type: ignore[arg-type]
    return sorted(found, key=lambda e: e.start)


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("arnews.pipeline.strip_boilerplate", fake_strip)
    monkeypatch.setattr("arnews.pipeline.split_sentences", fake_sentences)
    monkeypatch.setattr("arnews.entities.extract_entities", fake_entities)
    CALLS.clear()


def check_offsets(article: Article) -> None:
    contracts.check_spans("process (sentences)", article.text, article.sentences)
    contracts.check_entities(article.title or "", article.title_entities, "process (title)")
    contracts.check_entities(article.text, article.body_entities, "process (entities)")
    for e in article.entities:  # each entity indexes the text its field names
        assert article.field_text(e)[e.start : e.end] == e.text
    assert article.entities == article.title_entities + article.body_entities
    for e in article.body_entities:
        assert any(s.start <= e.start and e.end <= s.end for s in article.sentences), e


# --------------------------------------------------------------------------- process (fakes)


@pytest.mark.usefixtures("fakes")
def test_process_composes_the_stages_over_the_clean_text() -> None:
    article = process("# menu\nزار نزار بركة الرباط. ثم غادر.\n# footer")
    assert article.text == "زار نزار بركة الرباط. ثم غادر."
    assert article.title == "T"
    assert [r.reason for r in article.removed] == ["fake", "fake"]
    assert [s.text for s in article.sentences] == ["زار نزار بركة الرباط.", " ثم غادر."]
    assert [(e.label, e.text) for e in article.entities] == [
        ("PER", "نزار بركة"),
        ("LOC", "الرباط"),
    ]
    assert ["T\n\n" + article.text] == CALLS  # one call: the title, then the whole body
    check_offsets(article)


@pytest.mark.usefixtures("fakes")
def test_entity_across_a_sentence_boundary_is_dropped_not_tagged_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "قال نزار. بركة الرباط."

    def crossing(t: str, **_: Any) -> list[Entity]:
        others = [e for e in fake_entities(t) if e.text == "الرباط"]  # fake_entities logs it
        at = t.index("نزار. بركة")  # a backend that cut elsewhere: a span over the full stop
        return [Entity("نزار. بركة", "PER", at, at + 10, 0.5, "نزار بركة"), *others]

    monkeypatch.setattr("arnews.entities.extract_entities", crossing)
    article = process(text)
    assert [(e.text, e.start) for e in article.entities] == [("الرباط", 15)]
    assert ["T\n\n" + text] == CALLS  # one call, nothing tagged a second time
    check_offsets(article)


def test_real_entities_stay_inside_the_sentences_process_reports() -> None:
    text = "استقبل د. أحمد العلوي وفدا في الرباط. وقال العلوي؛ إن نزار بركة سيزور طنجة."
    article = process(text)
    assert article.entities
    for e in article.entities:
        inside = [s for s in article.sentences if s.start <= e.start and e.end <= s.end]
        assert inside, e
    check_offsets(article)


@pytest.mark.usefixtures("fakes")
def test_process_passes_options_to_the_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def strip(text: str, *, html: bool = False, config: Any = None) -> Cleaned:
        seen.update(html=html, config=config)
        return fake_strip(text)

    def entities(text: str, *, backend: str = "default", model: Any = None) -> list[Entity]:
        seen.update(backend=backend, model=model)
        return []

    def sentences(text: str, config: Any = None) -> list[Sentence]:
        seen.update(sentences=config)
        return fake_sentences(text)

    monkeypatch.setattr("arnews.pipeline.strip_boilerplate", strip)
    monkeypatch.setattr("arnews.pipeline.split_sentences", sentences)
    monkeypatch.setattr("arnews.entities.extract_entities", entities)
    config = arnews.BoilerplateConfig(max_title_words=9)
    segment = arnews.SegmentConfig(split_lines=False)
    expected = {
        "html": True,
        "config": config,
        "sentences": segment,
        "backend": "camel",
        "model": "m",
    }
    process("نص.", html=True, backend="camel", model="m", boilerplate=config, sentences=segment)
    assert seen == expected
    seen.clear()  # the same through one PipelineConfig, and overrides win over it
    whole = arnews.PipelineConfig(
        html=True, boilerplate=config, sentences=segment, backend="default", model="m"
    )
    process("نص.", config=whole, backend="camel")
    assert seen == expected
    seen.clear()  # and through process_many, with a Document overriding html
    list(arnews.process_many([arnews.Document("نص.", html=False)], config=whole))
    assert seen == {**expected, "html": False, "backend": "default"}


def test_pipeline_options_are_checked_before_any_work() -> None:
    with pytest.raises(TypeError, match="unknown pipeline option 'colour'"):
        process("نص", colour="red")
    with pytest.raises(TypeError, match="sentences must be a SegmentConfig, not dict"):
        process("نص", sentences={"split_lines": False})
    with pytest.raises(TypeError, match="config must be a PipelineConfig"):
        process("نص", config=arnews.BoilerplateConfig())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown backend 'bert'"):
        list(process_many(["نص"], backend="bert"))


@pytest.mark.usefixtures("fakes")
def test_overlapping_entities_keep_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    def overlapping(t: str, **_: Any) -> list[Entity]:
        return [Entity("﷽", "MISC", 0, 1, 0.9, "الله"), Entity("﷽", "PER", 0, 1, 0.8, "الرحيم")]

    monkeypatch.setattr("arnews.entities.extract_entities", overlapping)
    assert [e.label for e in process("﷽").entities] == ["MISC"]


def test_process_refuses_non_text() -> None:
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        process(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="model must be str"):
        process("", model=3)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- process_many (fakes)


@pytest.mark.usefixtures("fakes")
def test_process_many_keeps_order_and_carries_metadata() -> None:
    items: list[Any] = ["زار الرباط.", ("نزار بركة.", {"id": 2}), Document("# x\nنص.", {"id": 3})]
    articles = list(process_many(items))
    assert [a.text for a in articles] == ["زار الرباط.", "نزار بركة.", "نص."]
    assert [a.metadata for a in articles] == [{}, {"id": 2}, {"id": 3}]
    assert articles[2].removed[0].text == "# x"


@pytest.mark.usefixtures("fakes")
def test_process_many_reads_a_generator_lazily() -> None:
    consumed = 0

    def million() -> Iterator[str]:
        nonlocal consumed
        for i in range(1_000_000):
            consumed += 1
            yield f"مقال رقم {i}."

    first = list(islice(process_many(million()), 3))
    assert [a.text for a in first] == ["مقال رقم 0.", "مقال رقم 1.", "مقال رقم 2."]
    assert consumed <= 4


@pytest.mark.usefixtures("fakes")
def test_errors_raise_names_the_document() -> None:
    with pytest.raises(TypeError, match=r"texts\[1\] must be str") as info:
        list(process_many(["نص.", None]))
    assert "process_many: document texts[1]" in " ".join(info.value.__notes__)
    with pytest.raises(RuntimeError, match="stage failed"):
        list(process_many(["boom"]))


@pytest.mark.usefixtures("fakes")
def test_errors_skip_and_record(caplog: pytest.LogCaptureFixture) -> None:
    items: list[Any] = ["أ.", None, ("boom", {"id": 9}), b"bytes", "ب."]
    assert [a.text for a in process_many(items, errors="skip")] == ["أ.", "ب."]
    assert "skipped texts[1]" in caplog.text
    recorded = list(process_many(items, errors="record"))
    assert [a.text for a in recorded] == ["أ.", "", "", "", "ب."]
    assert recorded[1].error == (
        "TypeError: texts[1] must be str or a (text, metadata) pair, not NoneType"
    )
    assert recorded[2].metadata == {"id": 9, "error": "RuntimeError: stage failed"}
    assert recorded[3].error is not None
    assert "decode it first" in recorded[3].error
    assert recorded[0].error is None


def test_error_article_is_defined() -> None:
    article = error_article(KeyError("x"), {"path": "a.txt"})
    assert article.text == ""
    assert article.entities == ()
    assert article.sentences == ()
    assert article.metadata == {"path": "a.txt", "error": "KeyError: 'x'"}


def test_process_many_refuses_bad_arguments() -> None:
    with pytest.raises(TypeError, match="not one str"):
        process_many("نص")
    with pytest.raises(TypeError, match="iterable"):
        process_many(None)  # type: ignore[arg-type]
    for bad in (0, -2, 1.5, True):
        with pytest.raises(ValueError, match="n_jobs"):
            process_many([], n_jobs=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="batch_size"):
        process_many([], batch_size=0)
    with pytest.raises(ValueError, match="errors must be one of"):
        process_many([], errors="ignore")  # type: ignore[arg-type]


@pytest.mark.usefixtures("fakes")
def test_progress_bar_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(list(process_many(["أ.", "ب.", "ج."], progress=True))) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "3/3" in captured.err
    assert "\r" in captured.err  # one line rewritten in place: no widget, no new lines
    assert captured.err.count("\n") == 1


# --------------------------------------------------------------------------- the real stages


def real_articles(count: int, max_chars: int = 3000) -> list[tuple[str, dict[str, Any]]]:
    """The first ``count`` ANT articles (tests only; see shared/data/README.md)."""
    return samples.ant_articles(count, max_chars=max_chars)


@pytest.fixture(scope="module")
def example() -> Article:
    return process(EXAMPLE.read_text(encoding="utf-8"))


def test_example_article_end_to_end(example: Article) -> None:
    assert example.published == dt.date(2025, 5, 14)
    assert example.title is not None
    assert "الأمن المائي" in example.title
    assert example.source is not None
    assert "وكالة المغرب العربي للأنباء" in example.source
    assert example.text.startswith("افتتح وزير التجهيز والماء نزار بركة")
    assert "ملفات تعريف الارتباط" not in example.text
    assert any("ملفات تعريف الارتباط" in r.text for r in example.removed)
    assert len(example.sentences) >= 4
    check_offsets(example)
    assert example.entities, "the model finds entities in the example"
    labels = {e.label for e in example.entities}
    assert {"PER", "LOC"} <= labels
    canonical = {e.canonical for e in example.entities if e.label == "PER"}
    for name in example.people:  # a canonical name, perhaps with a title set aside
        assert any(c.endswith(name) for c in canonical), name
    assert Article.from_dict(json.loads(json.dumps(example.to_dict()))) == example


def test_real_articles_keep_the_invariants() -> None:
    items = real_articles(30)
    articles = list(process_many(items))
    assert [a.metadata["id"] for a in articles] == [m["id"] for _, m in items]
    for article in articles:
        check_offsets(article)
        assert Article.from_dict(article.to_dict()) == article
    assert sum(len(a.entities) for a in articles) > 30


def test_hostile_input_does_not_crash() -> None:
    text = "قال \ud800 الرئيس\x00\x07 عبد المجيد تبون في الجزائر.\u202e\n\n" * 200 + "abc 𝔘 ☃"
    article = process(text)
    check_offsets(article)
    assert article.text.endswith("abc 𝔘 ☃")


def test_workers_give_the_same_results_in_order() -> None:
    items = real_articles(40)
    serial = [a.to_dict() for a in process_many(items)]
    parallel = [a.to_dict() for a in process_many(items, n_jobs=2, batch_size=4)]
    assert parallel == serial


def test_workers_stream_a_generator_in_bounded_memory() -> None:
    consumed = 0

    def million() -> Iterator[Any]:
        nonlocal consumed
        for i in range(1_000_000):
            consumed += 1
            yield None if i == 5 else f"زار الرئيس الرباط يوم {i}."

    stream = process_many(million(), n_jobs=2, batch_size=8, errors="record")
    first = list(islice(stream, 10))
    stream.close()  # type: ignore[attr-defined]
    assert [a.error is not None for a in first] == [i == 5 for i in range(10)]
    assert first[9].text == "زار الرئيس الرباط يوم 9."
    assert consumed <= 10 + 2 * 2 * 8 + 8  # what is in flight, never the whole stream


def test_workers_raise_the_first_error() -> None:
    with pytest.raises(TypeError, match=r"texts\[3\] must be str"):
        list(process_many(["أ.", "ب.", "ج.", 42, "د."], n_jobs=2, batch_size=2))


def test_workers_without_a_main_guard_fail_with_advice(tmp_path: Path) -> None:
    script = tmp_path / "no_guard.py"
    script.write_text("import arnews\nlist(arnews.process_many(['نص.'] * 4, n_jobs=2))\n")
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("RuntimeError: ")
    assert 'if __name__ == "__main__":' in last
    assert "BrokenProcessPool" not in last


# --------------------------------------------------------------------------- input kinds


ENGLISH = (
    "President Emmanuel Macron met Prime Minister Keir Starmer in London on Monday. "
    "The two leaders discussed trade and security with officials from NATO."
)


def test_mostly_non_arabic_text_gets_no_entities_and_says_why() -> None:
    article = process(ENGLISH)
    assert article.text == ENGLISH
    assert len(article.sentences) == 2  # the other stages still run
    assert article.entities == ()
    assert article.arabic_ratio == 0.0
    assert any(n.startswith("entities skipped: 0% of the body's letters") for n in article.notes)
    tagged = process(ENGLISH, min_arabic_ratio=0.0)
    assert not any(n.startswith("entities skipped") for n in tagged.notes)
    arabic = process("قال الرئيس عبد المجيد تبون في الجزائر إن الحكومة ستعلن خطة جديدة.")
    assert arabic.arabic_ratio == 1.0
    assert ("LOC", "الجزائر") in [(e.label, e.text) for e in arabic.entities]
    with pytest.raises(ValueError, match="min_arabic_ratio"):
        process("نص", min_arabic_ratio=2)


def test_html_is_sniffed_by_default_and_the_decision_recorded() -> None:
    body = "قال الرئيس عبد المجيد تبون في الجزائر إن الحكومة ستعلن خطة جديدة قبل نهاية العام."
    page = (
        f"<html><head><title>خبر</title></head><body><article><p>{body}</p></article></body></html>"
    )
    article = process(page)
    assert article.input_kind == "html"
    assert "<p>" not in article.text
    assert body in article.text
    assert process(page, html=False).input_kind == "text"  # an explicit choice wins
    assert process(body).input_kind == "text"
    back = arnews.Article.from_dict(json.loads(json.dumps(article.to_dict(), ensure_ascii=False)))
    assert back == article
    assert back.notes == article.notes
