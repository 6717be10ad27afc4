"""Paragraphs of the saved news pages in ``../shared/data/pages`` (local fixtures only).

The pages belong to their outlets: nothing read here is committed. The sentence benchmark
and test use :func:`read_page_paragraphs` to rebuild the paragraphs on the fly and match them
against ``tests/data/sentences_pages.tsv``, which holds only a digest of each paragraph and
the offsets of its hand-marked sentence boundaries (no page text).

A paragraph is the text of one ``<p>`` element (``<br>`` kept as a line break, scripts and
styles dropped) with at least 40 Arabic letters; for ``cnnarabic-1`` the lines of its
``gold.txt`` (the gold body) are used instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pages"
_ARABIC = re.compile("[\u0621-\u064a]")


class _Paragraphs(HTMLParser):
    """Collect the text of each ``<p>`` element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._buffer: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "p":
            self._buffer = []
        elif tag == "br" and self._buffer is not None:
            self._buffer.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "p" and self._buffer is not None:
            text = "".join(self._buffer).strip()
            if text:
                self.paragraphs.append(text)
            self._buffer = None

    def handle_data(self, data: str) -> None:
        if self._buffer is not None and not self._skip:
            self._buffer.append(data)


def digest(paragraph: str) -> str:
    """A short digest that identifies a paragraph without reproducing it."""
    return hashlib.sha256(paragraph.encode("utf-8")).hexdigest()[:16]


def read_page_paragraphs(root: Path = PAGES) -> Iterator[tuple[str, str]]:
    """Yield ``(page id, paragraph)`` for every page under ``root`` (nothing if it is absent)."""
    for page in sorted(root.glob("**/page.html")):
        page_id = page.parent.relative_to(root).as_posix()
        gold = page.parent / "gold.txt"
        if gold.exists():
            paragraphs = [x.strip() for x in gold.read_text(encoding="utf-8").split("\n")]
        else:
            parser = _Paragraphs()
            parser.feed(page.read_text(encoding="utf-8", errors="replace"))
            paragraphs = parser.paragraphs
        for paragraph in paragraphs:
            if len(_ARABIC.findall(paragraph)) >= 40:
                yield page_id, paragraph
