"""to_frame, entities_frame and process_frame: rows, columns, dtypes, joins."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import arnews
from arnews.frames import ARTICLE_COLUMNS, ENTITY_COLUMNS, process_frame
from arnews.types import Article, Entity, Sentence
from extras import need

pd = need("pandas", "pandas")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "rabat-water-summit.txt"

TEXT = "زار ألكسندر زوييف الرباط. وقال زوييف إن الرباط جميلة."


def sample() -> list[Article]:
    def at(name: str, label: str, nth: int = 0) -> Entity:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(name, start + 1)
        return Entity(name, label, start, start + len(name), 0.75, name)  # type: ignore[arg-type]

    first = Article(
        TEXT,
        title="عنوان",
        published=dt.date(2025, 5, 14),
        sentences=(Sentence(TEXT[:25], 0, 25), Sentence(TEXT[26:], 26, len(TEXT))),
        entities=(
            at("ألكسندر زوييف", "PER"),
            at("الرباط", "LOC"),
            at("زوييف", "PER", 1),
            at("الرباط", "LOC", 1),
        ),
        metadata={"url": "https://example.org/1", "title": "from the feed"},
    )
    empty = Article("", metadata={"url": "https://example.org/2"})
    failed = Article("", metadata={"error": "TypeError: x"})
    return [first, empty, failed]


def test_to_frame_one_row_per_article() -> None:
    frame = arnews.to_frame(iter(sample()))
    assert list(frame.columns) == [*ARTICLE_COLUMNS, "url", "metadata_title"]
    assert frame.index.name == "article"
    assert frame.index.tolist() == [0, 1, 2]
    assert frame["published"].dtype.kind == "M"
    assert frame.loc[0, "published"] == pd.Timestamp("2025-05-14")
    assert pd.isna(frame.loc[1, "published"])
    assert frame["n_sentences"].tolist() == [2, 0, 0]
    assert frame["n_entities"].tolist() == [4, 0, 0]
    assert frame.loc[0, "people"] == ["ألكسندر زوييف"]
    assert frame.loc[0, "places"] == ["الرباط"]
    assert frame.loc[0, "metadata_title"] == "from the feed"  # clashes are prefixed
    assert frame["error"].isna().tolist() == [True, True, False]
    assert frame.loc[2, "error"] == "TypeError: x"
    assert pd.isna(frame.loc[2, "url"])


def test_entities_frame_one_row_per_mention() -> None:
    articles = sample()
    frame = arnews.entities_frame(articles)
    assert list(frame.columns) == list(ENTITY_COLUMNS)
    assert len(frame) == 4
    assert frame["article"].tolist() == [0, 0, 0, 0]
    assert frame["sentence"].tolist() == [0, 0, 1, 1]
    assert frame["name"].tolist() == ["ألكسندر زوييف", "الرباط", "ألكسندر زوييف", "الرباط"]
    for row in frame.itertuples():
        assert TEXT[row.start : row.end] == row.text
    assert str(frame["start"].dtype) == "int64"
    assert str(frame["score"].dtype) == "float64"
    joined = frame.join(arnews.to_frame(articles)[["url"]], on="article")
    assert set(joined["url"]) == {"https://example.org/1"}


def test_empty_inputs_give_typed_empty_frames() -> None:
    assert list(arnews.to_frame([]).columns) == list(ARTICLE_COLUMNS)
    assert arnews.entities_frame([]).empty


def test_frames_refuse_what_is_not_articles() -> None:
    with pytest.raises(TypeError, match="wrap one article"):
        arnews.to_frame(sample()[0])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not str"):
        arnews.entities_frame(["نص"])  # type: ignore[list-item]


def test_process_frame_keeps_index_and_columns() -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    frame = pd.DataFrame(
        {"id": [10, 11, 12], "text": [source, None, ""]}, index=pd.Index([5, 6, 7], name="k")
    )
    out = process_frame(frame)
    assert out.index.tolist() == [5, 6, 7]
    assert out["id"].tolist() == [10, 11, 12]
    assert out.loc[5, "published"] == pd.Timestamp("2025-05-14")
    assert out.loc[5, "n_entities"] > 0
    assert out.loc[6, "error"].startswith("TypeError")
    with pytest.raises(KeyError, match="body"):
        process_frame(frame, text_column="body")


def test_real_articles_to_frames() -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    articles = list(arnews.process_many([(source, {"id": "rabat"})]))
    table = arnews.to_frame(articles)
    mentions = arnews.entities_frame(articles)
    assert table.loc[0, "n_entities"] == len(mentions)
    assert table.loc[0, "id"] == "rabat"
    article = articles[0]
    assert set(mentions["field"]) == {"title", "body"}  # the example's title names places
    for row in mentions.itertuples():
        text = article.text if row.field == "body" else article.title or ""
        assert text[row.start : row.end] == row.text
        if row.field == "title":
            assert row.sentence == -1
            continue
        sentence = article.sentences[row.sentence]
        assert sentence.start <= row.start
        assert row.end <= sentence.end
    assert set(table.loc[0, "people"]) == set(mentions[mentions.label == "PER"]["name"])


def test_import_arnews_does_not_import_pandas() -> None:
    code = "import sys, arnews; print('pandas' in sys.modules, 'dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
