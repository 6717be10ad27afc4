"""Fuzz `arnews.normalize / normalize_with_map`.

Checked on every input: idempotent, equal to the offset map's text, offsets in range and in
order. How to run it: ``fuzz/README.md`` (target ``normalize``).
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
    contracts.check_normalize(text, arnews.normalize(text))
    contracts.check_normalized(text, arnews.normalize_with_map(text))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
