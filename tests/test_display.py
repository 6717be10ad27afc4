"""Article._repr_html_(): escaping and structure here, the real rendering in headless Chromium.

The browser test loads the rendered article into Debian's chromium with a small script that
reports what the browser laid out (computed direction, where the first letter landed, the
highlighted spans) into the DOM, reads it back with ``--dump-dom``, and checks it against
the article. In CI a missing browser is a failure, not a skip (``.ci/run`` installs it).
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from arnews.pipeline import process
from arnews.types import Article, Entity, Removed, Sentence

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "rabat-water-summit.txt"

TEXT = 'قال الرئيس <عبد المجيد تبون> في الجزائر إن "الأمم المتحدة" & الاتحاد الإفريقي.\n\nسطر ثان.'


def sample() -> Article:
    def at(name: str, label: str) -> Entity:
        start = TEXT.index(name)
        return Entity(name, label, start, start + len(name), 0.875, f'{name}"')  # type: ignore[arg-type]

    entities = (
        at("عبد المجيد تبون", "PER"),
        at("الجزائر", "LOC"),
        at("الأمم المتحدة", "ORG"),
        at("الاتحاد الإفريقي", "ORG"),
    )
    return Article(
        TEXT,
        title="عنوان <b>غامق</b>",
        source="الجزائر - <وكالة>",
        sentences=(Sentence(TEXT[:79], 0, 79),),
        entities=entities,
        removed=(Removed("<script>alert(1)</script>", 0, 25, "cookie"),),
    )


class Marks(HTMLParser):
    """Collects each <mark>'s attributes and text, and every tag name seen."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, Any]] = []
        self.tags: list[str] = []
        self.open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "mark":
            self.open = {**dict(attrs), "text": ""}

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.open["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self.open is not None:
            self.marks.append(self.open)
            self.open = None


def parse(markup: str) -> Marks:
    parser = Marks()
    parser.feed(markup)
    return parser


def test_every_entity_is_one_mark_with_its_label() -> None:
    article = sample()
    marks = parse(article._repr_html_()).marks
    assert [(m["data-label"], m["text"]) for m in marks] == [
        (e.label, e.text) for e in article.entities
    ]
    assert [(int(m["data-start"]), int(m["data-end"])) for m in marks] == [
        (e.start, e.end) for e in article.entities
    ]
    assert marks[0]["title"] == 'PER: عبد المجيد تبون" (0.88)'


def test_everything_is_escaped() -> None:
    markup = sample()._repr_html_()
    assert "<script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "&lt;b&gt;غامق&lt;/b&gt;" in markup
    assert "&lt;<mark" in markup
    assert "</mark>&gt;" in markup
    assert "&amp; <mark" in markup
    assert "script" not in parse(markup).tags


def test_layout_rtl_legend_and_collapsed_removed_blocks() -> None:
    markup = sample()._repr_html_()
    assert markup.startswith('<div class="arnews-article" dir="rtl" lang="ar">')
    assert '<details class="arnews-removed">' in markup  # no `open`: collapsed
    assert "1 removed block (boilerplate)" in markup
    for label in ("PER", "ORG", "LOC", "MISC"):
        assert f'class="arnews-{label}" data-label="{label}"' in markup


def test_legend_counts_mentions_and_lists_count_unique_names() -> None:
    text = "زار ماكرون الرباط ثم غادر ماكرون"
    twice = Article(
        text,
        entities=(
            Entity("ماكرون", "PER", 4, 10, 1.0, "ماكرون"),
            Entity("الرباط", "LOC", 11, 17, 1.0, "الرباط"),
            Entity("ماكرون", "PER", 26, 32, 1.0, "ماكرون"),
        ),
    )
    markup = twice._repr_html_()
    assert "PER · 2 mentions" in markup
    assert "LOC · 1 mention<" in markup
    assert "ORG · 0 mentions" in markup
    assert "people (1 name):</b> ماكرون<" in markup


def test_overlapping_or_out_of_range_spans_are_not_drawn() -> None:
    bad = Article(
        "أبجد هوز",
        entities=(
            Entity("أبجد", "PER", 0, 4, 1.0, "أبجد"),
            Entity("بجد", "LOC", 1, 4, 1.0, "بجد"),
            Entity("x", "ORG", 50, 51, 1.0, "x"),
        ),
    )
    assert [m["text"] for m in parse(bad._repr_html_()).marks] == ["أبجد"]


def test_error_article_shows_the_error() -> None:
    markup = Article("", metadata={"error": "TypeError: <bad>"})._repr_html_()
    assert "TypeError: &lt;bad&gt;" in markup


# --------------------------------------------------------------------------- a real browser

PROBE = """
<script>
(function () {
  const root = document.querySelector(".arnews-article");
  const body = root.querySelector(".arnews-text");
  const box = body.getBoundingClientRect();
  const first = document.createRange();
  const node = body.firstChild;
  first.setStart(node, 0);
  first.setEnd(node, 1);
  const letter = first.getBoundingClientRect();
  const marks = Array.from(body.querySelectorAll("mark")).map(m => ({
    label: m.dataset.label, text: m.textContent,
    start: Number(m.dataset.start), end: Number(m.dataset.end),
    background: getComputedStyle(m).backgroundColor,
  }));
  const details = root.querySelector("details");
  document.getElementById("probe").textContent = JSON.stringify({
    direction: getComputedStyle(root).direction,
    lang: root.lang,
    text: body.textContent,
    firstLetterFromRight: box.right - letter.right,
    firstLetterFromLeft: letter.left - box.left,
    marks: marks,
    detailsOpen: details ? details.open : null,
    scripts: document.scripts.length,
  });
})();
</script>
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is missing in CI (.ci/run installs Debian's chromium)")
    pytest.skip("no chromium on this machine")


def chromium_args(profile: Path) -> list[str]:
    return [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]


def render_in_browser(article: Article, tmp_path: Path) -> dict[str, Any]:
    page = tmp_path / "article.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head><body>'
        f'{article._repr_html_()}<pre id="probe"></pre>{PROBE}</body></html>',
        encoding="utf-8",
    )
    result = subprocess.run(
        [*chromium_args(tmp_path / "profile"), "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    start = result.stdout.index('<pre id="probe">') + len('<pre id="probe">')
    end = result.stdout.index("</pre>", start)
    return dict(json.loads(html.unescape(result.stdout[start:end])))


def check_rendering(article: Article, seen: dict[str, Any]) -> None:
    assert seen["direction"] == "rtl"
    assert seen["lang"] == "ar"
    assert seen["text"] == article.text  # the body shows the article's text, all of it
    assert seen["firstLetterFromRight"] < 40 < seen["firstLetterFromLeft"]  # laid out RTL
    assert [(m["label"], m["text"], m["start"], m["end"]) for m in seen["marks"]] == [
        (e.label, e.text, e.start, e.end)
        for e in article.body_entities  # marks in the body
    ]
    backgrounds = {m["label"]: m["background"] for m in seen["marks"]}
    assert len(set(backgrounds.values())) == len(backgrounds)  # one colour per type
    assert seen["scripts"] == 1  # only the probe: nothing in the article ran as a script


def test_rendering_in_chromium(tmp_path: Path) -> None:
    article = sample()
    seen = render_in_browser(article, tmp_path)
    check_rendering(article, seen)
    assert seen["detailsOpen"] is False


def test_real_article_rendering_in_chromium(tmp_path: Path) -> None:
    article = process(EXAMPLE.read_text(encoding="utf-8"))
    assert article.entities
    seen = render_in_browser(article, tmp_path)
    check_rendering(article, seen)
    assert seen["detailsOpen"] is False
