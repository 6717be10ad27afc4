"""The visible text of a web page, one block a line (the text-mode view of a page).

What a browser's "select all" gives, without layout: scripts, styles, templates, the
``<head>`` and comments are dropped, every block-level element (and ``<br>``) starts a
new line, whitespace inside a line is collapsed and blank lines go. Uses lxml (installed
with the ``arnews[html]`` extra); markup lxml cannot read gives ``""``.

>>> visible_text("<html><head><title>x</title></head><body><div>أ <b>ب</b></div>"
...              "<p>ج</p><script>var a;</script></body></html>")
'أ ب\\nج'
"""

from __future__ import annotations

__all__ = ["visible_text"]

_DROPPED = ("script", "style", "noscript", "template", "svg", "head", "title")
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "button", "label",
        "option", "time", "body", "html",
    }
)  # fmt: skip


def visible_text(html: str) -> str:
    """The page's visible text, one block a line (see the module docstring)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        doc = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for node in doc.iter(*_DROPPED, etree.Comment, etree.ProcessingInstruction):
        node.text = None  # keep the tail: it is visible text after the element
    parts: list[str] = []
    skip = 0
    for event, node in etree.iterwalk(doc, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _DROPPED:
                skip += 1
            if tag in _BLOCK:
                parts.append("\n")
            if node.text and not skip:
                parts.append(node.text)
        else:
            if tag in _DROPPED:
                skip -= 1
            if tag in _BLOCK:
                parts.append("\n")
            if node.tail and not skip:
                parts.append(node.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
