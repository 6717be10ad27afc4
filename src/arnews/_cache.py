"""A bounded memo for the per-word caches of the hot paths (tokenizer, entity features).

A plain ``dict`` lookup is the fast path; once the cache holds ``maxsize`` entries, the
oldest quarter (insertion order) is dropped, so memory stays bounded on endless streams of
new words and the words seen most recently stay. Safe to share between threads: each
operation is a single dict operation, and losing a race only costs a recomputation.

>>> squares = BoundedCache[int, int](maxsize=4)
>>> [squares.get_or_make(n, lambda k: k * k) for n in (1, 2, 3, 2)]
[1, 4, 9, 4]
>>> for n in range(10):
...     _ = squares.get_or_make(n, lambda k: k * k)
>>> len(squares) <= 4, squares.get(9)
(True, 81)
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import Generic, TypeVar

__all__ = ["BoundedCache"]

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """A dict of at most ``maxsize`` entries that forgets its oldest quarter when full."""

    __slots__ = ("_data", "get", "maxsize")

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, not {maxsize}")
        self.maxsize = maxsize
        self._data: dict[K, V] = {}
        self.get: Callable[[K], V | None] = self._data.get
        """The cached value for a key, or ``None`` (a bound ``dict.get``: the fast path)."""

    def __len__(self) -> int:
        return len(self._data)

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` (making room first when full); return ``value``."""
        data = self._data
        if len(data) >= self.maxsize:
            for old in list(islice(data, max(len(data) // 4, 1))):
                data.pop(old, None)
        data[key] = value
        return value

    def get_or_make(self, key: K, make: Callable[[K], V]) -> V:
        """The cached value for ``key``, computing and remembering it on a miss."""
        found = self._data.get(key)
        return found if found is not None else self.put(key, make(key))
