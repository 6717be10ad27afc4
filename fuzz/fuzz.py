"""Fuzz one arnews target with atheris: ``python fuzz/fuzz.py TARGET [libFuzzer options]``.

TARGET is a key of ``tests/contracts.py``'s ``TARGETS`` (normalize, tokenize, sentences,
boilerplate, boilerplate_html, entities, process): the target runs on every input and its
contract is checked, so a broken promise is a crash that libFuzzer saves. Inputs are read
as UTF-8 with undecodable bytes as lone surrogates, so mutations produce broken encodings,
lone surrogates and control characters as well as Arabic text. See ``fuzz/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the contracts

with atheris.instrument_imports():
    import arnews  # noqa: F401  (instrumented before the contracts import it)

import contracts


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in contracts.TARGETS:
        sys.exit(
            f"usage: python fuzz/fuzz.py {{{'|'.join(contracts.TARGETS)}}} [libFuzzer options]"
        )
    check = contracts.TARGETS[sys.argv.pop(1)]

    def test_one_input(data: bytes) -> None:
        check(data.decode("utf-8", "surrogateescape"))

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
