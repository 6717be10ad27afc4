"""A missing optional package gives an error that names the extra to install."""

from __future__ import annotations

import sys

import pytest

import arnews
from arnews._extras import MissingExtraError, require
from arnews.entities.camel import CamelBackendError


def test_require_names_the_extra_and_the_missing_dependency(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'arnews\[pandas\]'"):
        require("pandas", "pandas", "to_frame()")
    assert issubclass(MissingExtraError, ImportError)  # `except ImportError` still catches it


def test_frames_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"arnews\[pandas\]"):
        arnews.to_frame([])


def test_html_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(MissingExtraError, match=r"arnews\[html\]"):
        arnews.strip_boilerplate("<html><body><p>نص الخبر</p></body></html>", html=True)


def test_camel_backend_without_camel_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    from arnews.entities import camel

    monkeypatch.setattr(camel, "catalogue_path", lambda: __import__("pathlib").Path(__file__))
    for name in [m for m in sys.modules if m == "camel_tools" or m.startswith("camel_tools.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "camel_tools", None)
    with pytest.raises(CamelBackendError, match=r"arnews\[camel\]"):
        arnews.extract_entities("قال الرئيس", backend="camel")
