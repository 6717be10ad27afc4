"""Sample articles written for the tests, and a reader for real articles from the ANT corpus.

>>> len(news_texts()) >= 12
True
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

__all__ = ["ANT", "ARTICLE", "PARAGRAPH", "ant_articles", "news_texts"]

ANT = Path(__file__).resolve().parents[2] / "shared/data/raw/ant-multisource-2018.jsonl.gz"
"""Real 2018 news (../shared; for tests and evaluation only, see its data/README.md)."""

ARTICLE = """\
الرباط - (وكالات)
حرر بتاريخ 14 مايو 2025

اجتمع وزير الخارجية ناصر بوريطة مع الأمين العام للأمم المتحدة في الرباط يوم الثلاثاء، \
وبحث الجانبان ملف المياه في منطقة الساحل.
وقال بوريطة إن المحادثات تناولت تمويل محطات تحلية المياه، مضيفا أن المغرب مستعد \
لتقاسم تجربته مع دول الجوار. وأشار إلى أن الاتحاد الأفريقي سيعقد اجتماعا في أديس أبابا.
اقرأ أيضا: قمة المياه تختتم أعمالها في مراكش

وتأتي الزيارة بعد أسبوعين من لقاء في جنيف حضره د. أحمد العلوي، مدير مكتب الأرصاد، \
الذي قدّر نسبة الجفاف بـ 3.5% هذا العام (مقابل ٢٫١٪ في 2024).
جميع الحقوق محفوظة © 2025
"""

PARAGRAPH = (
    "وأكد رئيس الحكومة عزيز أخنوش في مدينة طنجة أن وزارة الاقتصاد والمالية رصدت 12.5 "
    "مليار درهم للبرنامج، وأن شركة المكتب الوطني للكهرباء ستشرف على التنفيذ حتى 2030. "
    "وقالت منظمة الصحة العالمية في بيان إن الوضع «مستقر» في الدار البيضاء وفاس؟ نعم! "
)

_PEOPLE = ("عبد المجيد تبون", "محمد بن سلمان", "إيمانويل ماكرون", "قيس سعيد", "أنطونيو غوتيريش")
_PLACES = ("الجزائر", "الرياض", "باريس", "تونس", "نيويورك", "القاهرة")
_BODIES = ("وزارة الخارجية", "جامعة الدول العربية", "البنك الدولي", "وكالة الأنباء الرسمية")


def news_texts() -> list[str]:
    """Varied short articles: datelines, chrome, entities, numbers, quotes, mixed scripts."""
    texts = [ARTICLE, PARAGRAPH * 3]
    for i, person in enumerate(_PEOPLE):
        place = _PLACES[i % len(_PLACES)]
        body = _BODIES[i % len(_BODIES)]
        texts.append(
            f"{place} - أ ف ب\n\n"
            f"قال الرئيس {person} في {place} اليوم إن {body} ستعلن خطة جديدة قبل نهاية "
            f"العام. وأضاف {person.split()[-1]} أن نسبة النمو بلغت {i + 2}.{i}% في 202{i}.\n"
            f"«نحن مستعدون» قال المتحدث باسم {body}، وغادر إلى {_PLACES[i - 1]}؟\n"
            "تابعونا على فيسبوك وتويتر\nشارك هذا الخبر"
        )
    texts += [
        "",
        "   \n\n ",
        "قال Emmanuel Macron في Paris إن Россия и 北京 😀 في 2024. نعم.",
        "\u200fقال الرئيس\u200e في\u061c الرباط\u202b.\u202c ثم غادر\u2067!\u2069",
        "نص \ud800 فيه\x00 محارف\x1b غريبة\x85 وبعدها جملة.",
        "أ.د. محمد علي، م. سارة حسن، ص.ب 123، ق.م 500... ثم «انتهى».",
    ]
    return texts


def ant_articles(count: int, *, max_chars: int, every: int = 1) -> list[tuple[str, dict[str, Any]]]:
    """``(text, {"id", "outlet"})`` of the first ``count`` ANT articles of at most
    ``max_chars`` characters, taking every ``every``-th record (to spread over outlets).

    A missing corpus fails under CI and skips elsewhere.
    """
    need_shared(ANT)
    found: list[tuple[str, dict[str, Any]]] = []
    with gzip.open(ANT, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f):
            if number % every:
                continue
            record = json.loads(line)
            if len(record["text"]) <= max_chars:
                found.append((record["text"], {"id": record["id"], "outlet": record["source"]}))
            if len(found) == count:
                break
    return found


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a test's child interpreter: this one's, with the test helpers
    (this folder) importable by name there as they are here (``import samples``)."""
    here = str(Path(__file__).resolve().parent)
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def need_shared(path: Path) -> Path:
    """``path`` (a file of ../shared) if it exists; else skip the test, saying which file is
    missing (pytest's summary lists the reason), or fail it under CI, where ../shared is
    always laid beside the checkout."""
    if not path.exists():
        message = f"needs ../shared beside the checkout: {path} is missing"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
