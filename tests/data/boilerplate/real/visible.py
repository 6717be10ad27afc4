"""The naive visible text of a saved web page: every block element on its own line.

What a scraper gets from ``BeautifulSoup.get_text("\\n")`` or a browser's "select all":
scripts, styles, templates, ``<head>`` and comments are dropped; every block-level element
(and ``<br>``) starts a new line; whitespace inside a line is collapsed; blank lines go.
Standard library only, so that the evaluation runs wherever the pages are.

>>> visible_text("<html><head><title>x</title></head><body><div>أ <b>ب</b></div><p>ج</p>"
...              "<script>var a;</script></body></html>")
'أ ب\\nج'
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "title"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "button", "label",
        "option", "time", "amp-img", "body", "html",
    }
)  # fmt: skip


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.in_head = True  # until <body> (or any block element) opens

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" or (tag in _BLOCK and tag != "html"):
            self.in_head = False
        if tag in _HIDDEN:
            self.hidden += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden and not self.in_head:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's visible text, one block a line (see the module docstring)."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


if __name__ == "__main__":
    print(visible_text(Path(sys.argv[1]).read_text("utf-8", errors="replace")))
