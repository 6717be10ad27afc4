"""Fuzz `arnews.strip_boilerplate(html=True)`.

Checked on every input: any bytes as a web page; offsets index the page's extracted text.
How to run it: ``fuzz/README.md`` (target ``boilerplate_html``).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import arnews
    from arnews.boilerplate import html_to_text

from _common import contracts, text_of  # after instrumenting arnews


def test_one_input(data: bytes) -> None:
    """Run the target on one input; a broken contract raises and libFuzzer saves the input."""
    text = text_of(data)
    contracts.check_cleaned(html_to_text(text), arnews.strip_boilerplate(text, html=True))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
