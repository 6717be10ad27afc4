"""Evaluation of arnews.boilerplate on the hand-written pages in ``pages/`` and ``html/``.

Each ``pages/*.txt`` file is a scraped page with its gold annotation on every line:

    @date 2025-05-14 | @date none      gold publication date
    T| title line                      D| date line        S| source line
    R| repeated title                  B| body line        X reason| chrome line
    N| neutral line (byline, caption): may go or stay, counted neither way

A blank line is a blank line of the page; any other untagged line is an error. The page
itself is the file with the tags (and the ``@`` headers) removed.

``html/*.html`` are web pages; ``html/gold.json`` lists for each one the body paragraphs
that must survive, the chrome snippets that must not, and the title and date.

Run ``python tests/data/boilerplate/evaluate.py`` to print the table of docs/boilerplate.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_TAG = re.compile(r"^(T|D|S|R|B|N|X [a-z_]+)\| (.*)$")
_SENTENCE = re.compile(r"[^.!?؟…]+[.!?؟…]*")


@dataclass
class Page:
    name: str
    text: str
    lines: list[tuple[str, int, int]]  # (tag, start, end) for every non-blank line
    published: dt.date | None
    title: str | None
    source: str | None


@dataclass
class Score:
    body_sentences: int = 0
    body_sentences_kept: int = 0
    body_lines: int = 0
    body_lines_kept: int = 0
    chrome_lines: int = 0
    chrome_removed: int = 0
    reasons_right: int = 0
    reasons_checked: int = 0
    body_chars_kept: int = 0
    chrome_chars_kept: int = 0
    page_precision: list[float] = field(default_factory=list)
    page_recall: list[float] = field(default_factory=list)
    titles: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    sources: list[bool] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def sentence_recall(self) -> float:
        return self.body_sentences_kept / max(self.body_sentences, 1)

    @property
    def precision(self) -> float:
        """Share of kept characters (body + chrome lines; neutral left out) that are body."""
        return self.body_chars_kept / max(self.body_chars_kept + self.chrome_chars_kept, 1)

    @property
    def chrome_removed_share(self) -> float:
        return self.chrome_removed / max(self.chrome_lines, 1)


def parse_page(path: Path) -> Page:
    """Read one annotated page; raise ValueError on a malformed line."""
    out: list[str] = []
    lines: list[tuple[str, int, int]] = []
    published: dt.date | None = None
    title = source = None
    pos = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.startswith("@date "):
            value = raw[6:].strip()
            published = None if value == "none" else dt.date.fromisoformat(value)
            continue
        if not raw.strip():
            out.append("")
            pos += 1
            continue
        m = _TAG.match(raw)
        if not m:
            raise ValueError(f"{path.name}:{number}: untagged line {raw!r}")
        tag, content = m.groups()
        lines.append((tag, pos, pos + len(content)))
        if tag == "T":
            title = content
        if tag == "S" and source is None:
            source = content
        out.append(content)
        pos += len(content) + 1
    return Page(path.stem, "\n".join(out), lines, published, title, source)


def load_pages(group: str = "pages") -> list[Page]:
    """``pages`` (the development set) or ``fresh`` (written after the rules were frozen)."""
    return [parse_page(p) for p in sorted((HERE / group).glob("*.txt"))]


def score_pages(pages: list[Page]) -> Score:
    from arnews import strip_boilerplate

    score = Score()
    for page in pages:
        cleaned = strip_boilerplate(page.text)
        kept = [(s.start, s.end) for s in cleaned.kept]
        reasons = {(r.start, r.end): r.reason for r in cleaned.removed}
        page_body = page_body_kept = page_chrome_kept = 0
        for tag, start, end in page.lines:
            is_kept = any(s <= start and end <= e for s, e in kept)
            content = page.text[start:end]
            if tag == "N":
                continue
            if tag == "B":
                n = len(_SENTENCE.findall(content)) or 1
                score.body_lines += 1
                score.body_sentences += n
                page_body += n
                if is_kept:
                    score.body_lines_kept += 1
                    score.body_sentences_kept += n
                    score.body_chars_kept += end - start
                    page_body_kept += n
                else:
                    score.misses.append(
                        f"{page.name}: body lost ({reasons.get((start, end))}): {content[:60]}"
                    )
                continue
            score.chrome_lines += 1
            if is_kept:
                score.chrome_chars_kept += end - start
                page_chrome_kept += end - start
                score.misses.append(f"{page.name}: {tag} kept: {content[:60]}")
                continue
            score.chrome_removed += 1
            expected = {"T": "title", "D": "date", "S": "source", "R": "repeated_title"}.get(
                tag, tag[2:]
            )
            score.reasons_checked += 1
            got = reasons.get((start, end))
            if got == expected:
                score.reasons_right += 1
            else:
                score.misses.append(f"{page.name}: {tag} as {got}: {content[:60]}")
        body_chars = sum(e - s for t, s, e in page.lines if t == "B" and _kept(kept, s, e))
        score.page_recall.append(page_body_kept / max(page_body, 1))
        score.page_precision.append(body_chars / max(body_chars + page_chrome_kept, 1))
        score.titles.append(cleaned.title == page.title)
        score.dates.append(cleaned.published == page.published)
        score.sources.append(cleaned.source == page.source)
        if cleaned.title != page.title:
            score.misses.append(f"{page.name}: title {cleaned.title!r}")
        if cleaned.published != page.published:
            score.misses.append(f"{page.name}: date {cleaned.published}")
        if cleaned.source != page.source:
            score.misses.append(f"{page.name}: source {cleaned.source!r}")
    return score


def _kept(kept: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in kept)


def load_html() -> list[tuple[str, str, dict[str, Any]]]:
    """(name, html, gold) for every page in ``html/``."""
    gold: dict[str, dict[str, Any]] = json.loads((HERE / "html" / "gold.json").read_text("utf-8"))
    return [(name, (HERE / "html" / name).read_text("utf-8"), g) for name, g in gold.items()]


@dataclass
class HtmlScore:
    body_found: int = 0
    body_total: int = 0
    chrome_gone: int = 0
    chrome_total: int = 0
    titles: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)


def score_html(extract: Callable[[str], tuple[str, str | None, dt.date | None]]) -> HtmlScore:
    """Body snippets that survive and chrome snippets that go, for any extractor."""
    score = HtmlScore()
    for _, html, gold in load_html():
        text, title, published = extract(html)
        score.body_total += len(gold["body"])
        score.body_found += sum(b in text for b in gold["body"])
        score.chrome_total += len(gold["chrome"])
        score.chrome_gone += sum(c not in text for c in gold["chrome"])
        score.titles.append(title == gold["title"])
        score.dates.append(str(published) == gold["published"])
    return score


def arnews_html(html: str) -> tuple[str, str | None, dt.date | None]:
    from arnews import strip_boilerplate

    c = strip_boilerplate(html, html=True)
    return c.text, c.title, c.published


def trafilatura_html(html: str) -> tuple[str, str | None, dt.date | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or isinstance(doc, dict):
        return "", None, None
    published = dt.date.fromisoformat(doc.date[:10]) if doc.date else None
    return doc.text or "", doc.title, published


def share(values: list[bool]) -> float:
    return sum(values) / max(len(values), 1)


def _text_rows(label: str, s: Score) -> list[str]:
    return [
        f"| {label} | {s.sentence_recall:.1%} ({s.body_sentences_kept}/{s.body_sentences}) "
        f"| {s.chrome_removed_share:.1%} ({s.chrome_removed}/{s.chrome_lines}) "
        f"| {s.reasons_right / max(s.reasons_checked, 1):.1%} "
        f"| {share(s.titles):.0%} | {share(s.dates):.0%} | {share(s.sources):.0%} "
        f"| {s.precision:.3f} |"
    ]


def main() -> int:
    print(
        "| set | body-sentence recall | chrome + metadata lines removed | right reason "
        "| title | date | source | precision (chars) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    misses = []
    for group, label in (
        ("pages", "development"),
        ("fresh", "fresh"),
        ("wholepage", "whole-page dumps"),
        ("wholepage-fresh", "whole-page dumps, fresh"),
    ):
        pages = load_pages(group)
        s = score_pages(pages)
        print(*_text_rows(f"{label} ({len(pages)} pages)", s))
        misses += s.misses
    print()
    head = "body paragraphs kept | chrome snippets removed | title | date"
    print(f"| HTML pages ({len(load_html())}) | {head} |")
    print("|---|---|---|---|---|")
    for label, fn in (("arnews `html=True`", arnews_html), ("trafilatura alone", trafilatura_html)):
        h = score_html(fn)
        print(
            f"| {label} | {h.body_found}/{h.body_total} | {h.chrome_gone}/{h.chrome_total} "
            f"| {sum(h.titles)}/{len(h.titles)} | {sum(h.dates)}/{len(h.dates)} |"
        )
    real = load_real_scorer()
    if real.available():
        print()
        print("Real pages (../shared/data/pages, gold in real/gold.json):")
        print()
        print(real.table())
    else:
        print("\n(real pages not found next to the checkout: ../shared/data/pages)")
    for miss in misses:
        print("  -", miss)
    return 0


def load_real_scorer() -> Any:
    """The scorer of the real saved pages (``real/score.py``), importable from anywhere."""
    folder = str(HERE / "real")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    import score

    return score


if __name__ == "__main__":
    sys.exit(main())
