"""Optional dependencies: import one on the path that needs it, or say which extra brings it.

=========  ================================  =====================================
extra      brings                            enables
=========  ================================  =====================================
camel      camel-tools (torch, transformers)  ``extract_entities(backend="camel")``
html       trafilatura, lxml_html_clean       ``strip_boilerplate(html=True)``
pandas     pandas                             ``to_frame``, ``entities_frame``
dask       dask, distributed, pandas          :mod:`arnews.dask`
training   torch, gensim, pyarabic            the scripts in ``training/``
=========  ================================  =====================================

>>> require("json", "pandas", "a test").dumps([])
'[]'
>>> require("no_such_module_here", "pandas", "to_frame()")
Traceback (most recent call last):
arnews._extras.MissingExtraError: to_frame() needs the optional package no_such_module_here: pip install 'arnews[pandas]'
"""  # noqa: E501

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(ImportError):
    """An optional package is not installed; the message names the extra that brings it."""


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtraError` naming ``extra``."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as err:
        missing = err.name or module
        detail = "" if missing == module else f" (its dependency {missing} is missing)"
        raise MissingExtraError(
            f"{feature} needs the optional package {module}{detail}: pip install 'arnews[{extra}]'"
        ) from err
