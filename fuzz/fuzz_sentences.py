"""Fuzz `arnews.split_sentences`.

Checked on every input: trimmed spans that cover every non-space character once. How to run
it: ``fuzz/README.md`` (target ``sentences``).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import arnews

from _common import contracts, text_of  # after instrumenting arnews


def test_one_input(data: bytes) -> None:
    """Run the target on one input; a broken contract raises and libFuzzer saves the input."""
    text = text_of(data)
    contracts.check_sentences(text, arnews.split_sentences(text))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
