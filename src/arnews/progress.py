"""A dependency-free progress line for long runs, on a terminal and in a notebook alike.

One line on stderr, rewritten in place with a carriage return (Jupyter's output area and
terminals both honour it, so no ipywidgets are needed), at most every ``interval``
seconds, and once more when the run ends.

>>> import io
>>> out = io.StringIO()
>>> line = ProgressLine(total=3, file=out, interval=0.0)
>>> line.update(2); line.close()
>>> out.getvalue().split("\\r")[-1].startswith("arnews: 2/3 articles")
True
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressLine"]


class ProgressLine:
    """Count finished items and show ``done/total``, the rate and the time left."""

    def __init__(
        self,
        total: int | None = None,
        *,
        unit: str = "articles",
        file: TextIO | None = None,
        interval: float = 0.2,
    ) -> None:
        self.total = total
        self.unit = unit
        self.file = file if file is not None else sys.stderr
        self.interval = interval
        self.done = 0
        self._started = time.monotonic()
        self._shown_at = float("-inf")
        self._width = 0

    def update(self, count: int = 1) -> None:
        """Add ``count`` finished items; redraw if ``interval`` has passed."""
        self.done += count
        now = time.monotonic()
        if now - self._shown_at >= self.interval:
            self._show(now)

    def close(self) -> None:
        """Draw the final count and end the line."""
        self._show(time.monotonic())
        self.file.write("\n")
        self.file.flush()

    def _show(self, now: float) -> None:
        self._shown_at = now
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        count = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
        text = f"arnews: {count} {self.unit} ({rate:,.1f}/s"
        if self.total is not None and rate > 0 and self.done < self.total:
            text += f", {(self.total - self.done) / rate:,.0f} s left"
        text += ")"
        padding = " " * max(self._width - len(text), 0)  # wipe a longer previous line
        self._width = len(text)
        self.file.write("\r" + text + padding)
        self.file.flush()
