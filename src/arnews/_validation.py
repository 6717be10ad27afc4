"""Argument checks shared by every public function."""

from __future__ import annotations

__all__ = ["ensure_text"]


def ensure_text(value: object, name: str = "text") -> str:
    """Return ``value`` if it is a ``str``; otherwise raise a ``TypeError`` naming ``name``.

    Bytes are refused rather than guessed at: the caller knows the encoding, we don't.

    >>> ensure_text("نص")
    'نص'
    >>> ensure_text(b"x", "html")
    Traceback (most recent call last):
    TypeError: html must be str, not bytes (decode it first, e.g. data.decode('utf-8'))
    >>> ensure_text(None)
    Traceback (most recent call last):
    TypeError: text must be str, not NoneType
    """
    if isinstance(value, str):
        return value
    kind = type(value).__name__
    if isinstance(value, bytes | bytearray | memoryview):
        raise TypeError(
            f"{name} must be str, not {kind} (decode it first, e.g. data.decode('utf-8'))"
        )
    raise TypeError(f"{name} must be str, not {kind}")
