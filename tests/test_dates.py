"""arnews.dates: publication dates in the forms news sites use."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arnews.dates import find_dates, parse_date

D = dt.date

GOLDEN = [
    # Maghreb month names
    ("الأربعاء 14 ماي 2025", D(2025, 5, 14)),
    ("7 يوليوز 2025", D(2025, 7, 7)),
    ("03 غشت 2025", D(2025, 8, 3)),
    ("22 شتنبر 2024", D(2024, 9, 22)),
    ("21 نونبر 2024", D(2024, 11, 21)),
    ("الثلاثاء 30 دجنبر 2025", D(2025, 12, 30)),
    ("04 جوان 2025", D(2025, 6, 4)),
    ("13 أفريل 2025", D(2025, 4, 13)),
    ("1 جانفي 2026", D(2026, 1, 1)),
    ("5 أوت 2025", D(2025, 8, 5)),
    # Egypt / Gulf
    ("الثلاثاء، 19 أغسطس 2025 09:15 ص", D(2025, 8, 19)),
    ("14 مايو 2025", D(2025, 5, 14)),
    ("2 يوليو 2025", D(2025, 7, 2)),
    ("9 سبتمبر 2025", D(2025, 9, 9)),
    ("16 نوفمبر 2025 م", D(2025, 11, 16)),
    ("2 ديسمبر 2025", D(2025, 12, 2)),
    # Levant / Iraq
    ("السبت، 1 كانون الثاني 2026", D(2026, 1, 1)),
    ("3 شباط 2025", D(2025, 2, 3)),
    ("27 آذار 2025", D(2025, 3, 27)),
    ("22 نيسان 2025", D(2025, 4, 22)),
    ("8 تموز 2025", D(2025, 7, 8)),
    ("12 آب 2025", D(2025, 8, 12)),
    ("21 أيلول 2025", D(2025, 9, 21)),
    ("15 تشرين الأول 2025", D(2025, 10, 15)),
    ("21 تشرين الثاني 2025", D(2025, 11, 21)),
    ("2 كانون الأول 2025", D(2025, 12, 2)),
    ("14 أيار/مايو 2025", D(2025, 5, 14)),
    ("14 مايو (أيار) 2025", D(2025, 5, 14)),
    # spelling variants: hamza-less alef, diacritics-free
    ("10 اكتوبر 2025", D(2025, 10, 10)),
    ("4 ابريل 2025", D(2025, 4, 4)),
    # numeric
    ("2025/12/02", D(2025, 12, 2)),
    ("02-12-2025", D(2025, 12, 2)),
    ("2.12.2025", D(2025, 12, 2)),
    ("09.12.2025", D(2025, 12, 9)),
    ("2025-12-02T10:30:00Z", D(2025, 12, 2)),
    ("12/31/2025", D(2025, 12, 31)),  # month-first when the day cannot be a month
    # Arabic-Indic and Persian digits
    ("١٤ أيار ٢٠٢٥", D(2025, 5, 14)),
    ("١٩/١٠/٢٠٢٥ - ١٠:٣٠", D(2025, 10, 19)),
    ("۱۴ مايو ۲۰۲۵", D(2025, 5, 14)),
    # French and English
    ("Publié le mercredi 1er octobre 2025 à 10h30", D(2025, 10, 1)),
    ("mardi 18 Mars 2025", D(2025, 3, 18)),
    ("14 juillet 2024", D(2024, 7, 14)),
    ("5 févr. 2025", D(2025, 2, 5)),
    ("December 2, 2025", D(2025, 12, 2)),
    ("Oct 22, 2025", D(2025, 10, 22)),
    ("Wednesday 3 December 2025 - 08:15 GMT", D(2025, 12, 3)),
    ("2 Dec. 2025", D(2025, 12, 2)),
    # labels, weekdays and times around the date
    ("نشر في: 03 غشت 2025 على الساعة 18:45", D(2025, 8, 3)),
    ("آخر تحديث: الإثنين 13 أكتوبر 2025 - 10:30", D(2025, 10, 13)),
    # Hijri
    ("2 رمضان 1446هـ", D(2025, 3, 2)),
    ("11 جمادى الآخرة 1447 هـ", D(2025, 12, 2)),
    ("10 ذو الحجة 1446", D(2025, 6, 6)),
    ("1446/09/05 هـ", D(2025, 3, 5)),
    ("25 جمادى الأولى 1447 هـ", D(2025, 11, 16)),
    # Hijri and Gregorian together: the Gregorian date wins
    ("الجمعة 10 ذو الحجة 1446 هـ الموافق 6 يونيو 2025", D(2025, 6, 6)),
    ("1447/06/11 هـ الموافق 2 كانون الأول 2025", D(2025, 12, 2)),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "منذ ساعتين",
        "31/02/2025",  # no such day
        "31 أبريل 2025",
        "40/40/2025",
        "14 ماي",  # no year
        "2025",
        "العدد 1234 من الجريدة",
        "1 محرم 1200 هـ",  # outside what can be converted
        "3.5 في المائة",
        "",
    ],
)
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_offsets_index_the_input_even_with_arabic_indic_digits() -> None:
    text = "نشر يوم ١٤ أيار ٢٠٢٥ في عمان"
    (m,) = find_dates(text)
    assert text[m.start : m.end] == "١٤ أيار ٢٠٢٥"
    assert m.calendar == "gregorian"


def test_both_calendars_are_found_in_order() -> None:
    found = find_dates("11 جمادى الآخرة 1447 هـ / 2 ديسمبر 2025")
    assert [m.calendar for m in found] == ["hijri", "gregorian"]
    assert {m.date for m in found} == {D(2025, 12, 2)}


@pytest.mark.parametrize("bad", [None, b"2025-01-01", 20250101, ["2025"]])
def test_non_str_is_a_type_error_naming_the_argument(bad: object) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        parse_date(bad)  # type: ignore[arg-type]


def test_long_input_is_scanned_once() -> None:
    text = "كلمة 12 " * 200_000 + "وأخيرا 2 ديسمبر 2025"
    assert parse_date(text) == D(2025, 12, 2)


@given(st.text(max_size=300))
def test_never_crashes_and_offsets_hold(text: str) -> None:
    for m in find_dates(text):
        assert 0 <= m.start < m.end <= len(text)
        assert parse_date(text[m.start : m.end]) == m.date or m.calendar == "hijri"


@given(st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31)))
def test_numeric_round_trip(day: dt.date) -> None:
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d.%m.%Y")) == day
