"""Publication dates as news sites write them: Arabic, French and English, Gregorian and Hijri.

Month names come from ``data/boilerplate/months.txt``: the Maghreb forms (ماي, يوليوز, غشت,
شتنبر, نونبر, دجنبر, جانفي…), the Egyptian/Gulf forms (مايو, يوليو, أغسطس…), the Levantine
and Iraqi forms (كانون الثاني, شباط, آذار… تشرين الأول), French and English names. Digits
may be Western or Arabic-Indic; numeric dates read day first (``02-12-2025``,
``2.12.2025``) unless the year leads (``2025/12/02``). Hijri dates need a Hijri month name
or the ``هـ`` mark and are converted with :mod:`hijridate`; when a text holds both
calendars, the Gregorian date wins.

>>> parse_date("الثلاثاء 2 ديسمبر 2025 - 10:30")
datetime.date(2025, 12, 2)
>>> parse_date("11 جمادى الآخرة 1447 هـ")
datetime.date(2025, 12, 2)
>>> parse_date("١٤ أيار ٢٠٢٥")
datetime.date(2025, 5, 14)
>>> parse_date("منذ ساعتين") is None
True
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from arnews._resources import read_lines
from arnews._validation import ensure_text
from arnews.chars import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS, fold

__all__ = ["DateMatch", "find_dates", "parse_date", "weekday_names"]


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regex compiled on first use, so that importing arnews stays cheap."""
    return cache(lambda: re.compile(pattern, flags))


Calendar = Literal["gregorian", "hijri"]

_MONTHS_FILE = "boilerplate/months.txt"
_DIGITS = str.maketrans(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS, "0123456789" * 2)
_YEAR = _lazy(r"\d{4}")
_GREGORIAN_YEARS = range(1900, 2101)
_HIJRI_YEARS = range(1343, 1501)  # what hijridate converts
_LETTER_CLASSES = {
    "ا": "[اأإآ]",
    "أ": "[اأإآ]",
    "إ": "[اأإآ]",
    "آ": "[اأإآ]",
    "ي": "[يى]",
    "ى": "[يى]",
    "ة": "[ةه]",
    "ه": "[ةه]",
    " ": r"\s+",
}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text: ``text[start:end]`` is how it was written."""

    date: _dt.date
    start: int
    end: int
    calendar: Calendar


@cache
def _sections() -> dict[str, tuple[tuple[int, str], ...]]:
    sections: dict[str, list[tuple[int, str]]] = {}
    current = ""
    for line in read_lines(_MONTHS_FILE):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        number, _, name = line.partition(" ")
        sections[current].append((int(number), name.strip()))
    return {k: tuple(v) for k, v in sections.items()}


def _fold(name: str) -> str:
    """The key under which a month name is looked up (alef/ya/ta marbuta, case, spaces)."""
    return " ".join(fold(name).split()).rstrip(".")


@cache
def _lookup(section: str) -> dict[str, int]:
    return {_fold(name): number for number, name in _sections()[section]}


def _alternation(section: str) -> str:
    names = sorted({name for _, name in _sections()[section]}, key=len, reverse=True)
    parts = ("".join(_LETTER_CLASSES.get(c, re.escape(c)) for c in n) for n in names)
    return "(?:" + "|".join(parts) + ")"


@cache
def weekday_names() -> frozenset[str]:
    """Weekday names (folded: casefolded, أ/إ/آ→ا, ى→ي, ة→ه) in Arabic, French and English.

    >>> "الاربعاء" in weekday_names()
    True
    """
    return frozenset(_lookup("weekday"))


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Calendar], ...]:
    month = _alternation("gregorian")
    hmonth = _alternation("hijri")
    day = r"(?<!\d)(?P<d>[0-3]?\d)(?:er|st|nd|rd|th)?"
    year = r"(?P<y>\d{4})(?!\d)"
    # "14 أيار/مايو 2025", "14 مايو (أيار) 2025": a second name for the same month
    second = r"(?:\s*[/(\-–]\s*" + month + r"\.?\s*\)?)?"
    flags = re.IGNORECASE
    hijri_mark = r"\s*(?:هـ|ه)(?!\w)"
    return (
        (re.compile(day + r"\s*(?P<m>" + hmonth + r")\s*[,،]?\s*" + year), "hijri"),
        (re.compile(r"(?<!\d)(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)"
                    + hijri_mark), "hijri"),
        (re.compile(r"(?<!\d)(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})(?!\d)"
                    + hijri_mark), "hijri"),
        (re.compile(day + r"\s*(?:[-/.]\s*)?(?P<m>" + month + r")(?!\w)\.?" + second
                    + r"\s*[,،]?\s*" + year, flags), "gregorian"),
        (re.compile(r"(?<!\w)(?P<m>" + month + r")(?!\w)\.?\s+" + day + r"\s*[,،]?\s*" + year,
                    flags), "gregorian"),
        (re.compile(r"(?<!\d)(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)"),
         "gregorian"),
        (re.compile(r"(?<!\d)(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})(?!\d)"),
         "gregorian"),
    )  # fmt: skip


def _month_number(value: str, calendar: Calendar) -> int:
    if value.isdigit():
        return int(value)
    return _lookup(calendar)[_fold(value)]


def _to_date(year: int, month: int, day: int, calendar: Calendar) -> _dt.date | None:
    if calendar == "gregorian":
        if year not in _GREGORIAN_YEARS:
            return None
        if month > 12 >= day:  # month-first (US) numeric dates: 12/31/2025
            month, day = day, month
        try:
            return _dt.date(year, month, day)
        except ValueError:
            return None
    if year not in _HIJRI_YEARS:
        return None
    from hijridate import Hijri  # small, but only needed for Hijri dates

    try:
        return _dt.date(*Hijri(year, month, day).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every well-formed date in ``text``, in order of position (impossible dates are skipped).

    Offsets index ``text`` (Arabic-Indic digits are read in place, nothing is rewritten).

    >>> found = find_dates("2 ديسمبر 2025 / 11 جمادى الآخرة 1447هـ")
    >>> tuple(m.calendar for m in found), {m.date.isoformat() for m in found}
    (('gregorian', 'hijri'), {'2025-12-02'})
    >>> find_dates("31/02/2025")
    []
    """
    text = ensure_text(text)
    if not _YEAR().search(text):  # every form has a four-digit year
        return []
    digits = text.translate(_DIGITS)  # one character for one: offsets are unchanged
    found: dict[int, DateMatch] = {}
    taken: list[tuple[int, int]] = []
    for pattern, calendar in _patterns():
        for m in pattern.finditer(digits):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            month = _month_number(m.group("m"), calendar)
            value = _to_date(int(m.group("y")), month, int(m.group("d")), calendar)
            if value is None:
                continue
            taken.append((start, end))
            found[start] = DateMatch(value, start, end, calendar)
    return [found[k] for k in sorted(found)]


def parse_date(text: str) -> _dt.date | None:
    """The publication date written in ``text``: the first Gregorian date, else the first Hijri.

    >>> parse_date("Publié le mercredi 1er octobre 2025 à 10h30")
    datetime.date(2025, 10, 1)
    >>> parse_date("2025/12/02"), parse_date("02-12-2025"), parse_date("2.12.2025")
    (datetime.date(2025, 12, 2), datetime.date(2025, 12, 2), datetime.date(2025, 12, 2))
    >>> parse_date("1447/06/11 هـ الموافق 2 كانون الأول 2025")
    datetime.date(2025, 12, 2)
    """
    matches = find_dates(text)
    for m in matches:
        if m.calendar == "gregorian":
            return m.date
    return matches[0].date if matches else None
