"""Publication dates: validate given ones, guess missing ones from the text.

A report's date anchors every relative time in it ("last month"), so a guess must be
explainable: it is the latest absolute date the text names (never one after today),
with that date's precision. When the text says it was written close to that date
("earlier this month"), the guess keeps the month and drops the day. Cue words live in
``pubdate.yaml``.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache
from pathlib import Path

import yaml

_MONTHS = {name: i for i in range(1, 13) for name in (calendar.month_name[i], calendar.month_abbr[i])}
_MONTHS["Sept"] = 9
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO_PREFIX = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ].*)?)?)?")


def _month(group: str) -> str:
    return rf"(?P<{group}>{_MONTH_NAMES})\.?"


def _day(group: str) -> str:
    return rf"(?P<{group}>[0-3]?\d)(?:st|nd|rd|th)?"


@cache
def _rules() -> dict[str, list[str]]:
    return yaml.safe_load(Path(__file__).with_name("pubdate.yaml").read_text(encoding="utf-8"))


def _words(phrases: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


@cache
def _date_pattern() -> re.Pattern[str]:
    """Absolute dates, most precise form first so '3 July 2015' is not read as 'July 2015'."""
    cues = _words(_rules()["year_cues"])
    return re.compile(
        "|".join(
            [
                rf"\b{_day('d1')}(?:\s+of)?\s+{_month('m1')},?\s+(?P<y1>\d{{4}})\b",
                rf"\b{_month('m2')}\s+{_day('d2')},?\s+(?P<y2>\d{{4}})\b",
                r"\b(?P<y3>\d{4})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)\b",
                rf"\b{_month('m4')},?\s+(?P<y4>\d{{4}})\b",
                rf"(?i:\b(?:{cues}))(?:\s+|-)(?P<y5>\d{{4}})\b",
            ]
        )
    )


@cache
def _anchor_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_words(_rules()['recent_anchors'])})\b", re.IGNORECASE)


def _prefix(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO prefix, or None when the parts are not a real date."""
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")


def _from_match(match: re.Match[str]) -> str | None:
    parts = {k[0]: v for k, v in match.groupdict().items() if v is not None}
    month = parts.get("m")
    return _prefix(
        int(parts["y"]),
        (_MONTHS[month] if month.isalpha() else int(month)) if month else None,
        int(parts["d"]) if "d" in parts else None,
    )


def _sort_key(prefix: str) -> tuple[int, ...]:
    """Later dates first; within one period the more precise date is the later."""
    return tuple(int(p) for p in prefix.split("-")) + (0,) * (3 - prefix.count("-") - 1)


@cache
def _bare_day_pattern() -> re.Pattern[str]:
    """A month and day with no year ("Feb. 2", "on December 10"): a date of the writing year."""
    return re.compile(rf"\b{_month('m')}\s+{_day('d')}\b(?!,?\s+\d{{4}})(?!\d)")


def _bare_days(text: str, latest: str) -> list[str]:
    """Year-less dates, placed in the latest year the text names (news leaves the year out
    for dates of the current year), so "March 9" refines a guess of "March 2018"."""
    year = int(latest[:4])
    out = []
    for m in _bare_day_pattern().finditer(text):
        found = _prefix(year, _MONTHS[m.group("m")], int(m.group("d")))
        if found:
            out.append(found)
    return out


def infer_published(text: str, today: date | None = None) -> str | None:
    """Guess when ``text`` was written: the latest date it names, as an ISO prefix."""
    limit = _sort_key((today or date.today()).isoformat())
    dates = [d for d in map(_from_match, _date_pattern().finditer(text)) if d and _sort_key(d) <= limit]
    if not dates:
        return None
    dates += [d for d in _bare_days(text, max(dates, key=_sort_key)) if _sort_key(d) <= limit]
    latest = max(dates, key=_sort_key)
    if len(latest) == 10 and _anchor_pattern().search(text):
        return latest[:7]
    return latest


def _parse_with_dateparser(value: str) -> str | None:
    """Less common forms ('Fri, 03 Jul 2015 10:00 GMT'); imported late as it loads slowly."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(settings={"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["year"]})
    data = parser.get_date_data(value)
    if data.date_obj is None:
        return None
    found = data.date_obj
    precision = {"year": 1, "month": 2}.get(data.period or "day", 3)
    return _prefix(found.year, found.month if precision > 1 else None, found.day if precision > 2 else None)


def parse_date_prefix(value: str) -> str:
    """``value`` as an ISO prefix (YYYY, YYYY-MM or YYYY-MM-DD); ValueError if it is no date.

    Accepts ISO dates and datetimes, 'July 2015', '3 July 2015', 'July 3, 2015' and the
    forms dateparser reads.
    """
    text = str(value).strip()
    iso = _ISO_PREFIX.fullmatch(text)
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
        found = _prefix(year, month, day)
    else:
        match = _date_pattern().fullmatch(text)
        found = _from_match(match) if match else _parse_with_dateparser(text) if text else None
    if found is None:
        raise ValueError(
            f"E211 published date {value!r} is not a date — use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2015-07-03)"
        )
    return found
