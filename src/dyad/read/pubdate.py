"""Publication dates: validate given ones, guess missing ones from the text.

A report's date anchors every relative time in it ("last month"), so a guess must be
explainable. It is the latest date the text names as having happened (never one after
today), with that date's precision:

- Deadlines and plans ("withdraw by May 2021", "talks will resume in June 2022") are
  left out: they may lie after the writing.
- Dates without a year ("on Feb. 2", "in early December") are dates of the writing
  year, so they refine the guess. That year is the latest year named, or the one after
  it when the text writes a month with its year ("in September 2021") and every
  year-less date would fall before it: news writes the year out only for earlier
  years. Full dates ("July 2, 2015", in captions and datelines) do not move the year.
  A weekday beside a year-less date ("Wednesday, May 19") picks whichever of the two
  years fits the calendar.
- When the text says it was written close to the latest date ("earlier this month"),
  the guess keeps the month and drops the day.

Archives often name files by date ("2021-05-20_reuters.txt", "shabaab_iss_2016.txt").
A date in the file name outranks the text's latest date, which may be a backstory
year, but the text may refine it ("2022" and "Feb. 2" -> "2022-02-02"), also when the
text names no year at all.

Cue words live in ``pubdate.yaml``.
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
_WEEKDAYS = {calendar.day_name[i]: i for i in range(7)}
_ISO_PREFIX = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ].*)?)?)?")
_CLAUSE_START = re.compile(r"[.;:!?,\n][^.;:!?,\n]*\Z")


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
                rf"\b{_month('m4')},?\s+(?:of\s+)?(?P<y4>\d{{4}})\b",
                rf"(?i:\b(?:{cues}))(?:\s+|-)(?P<y5>\d{{4}})\b",
                r"(?i:\bof)\s+(?P<y6>\d{4})(?=\s*(?:[,.;:!?)]|$))",
            ]
        )
    )


@cache
def _anchor_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_words(_rules()['recent_anchors'])})\b", re.IGNORECASE)


@cache
def _deadline_before() -> re.Pattern[str]:
    """A deadline cue right before a date, allowing 'by the end of' and 'by early'."""
    return re.compile(rf"(?i:\b(?:{_words(_rules()['deadline_cues'])}))\s+(?:the\s+)?"
                      r"(?:(?i:end|start|beginning|middle|close)\s+of\s+(?:the\s+)?)?\Z")


@cache
def _future_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i:(?<![\w’'])(?:{_words(_rules()['future_cues'])})\b)")


def _is_planned(text: str, start: int) -> bool:
    """True when the date at ``start`` is a deadline or lies in a future-tense clause."""
    before = text[max(0, start - 200):start]
    clause = _CLAUSE_START.search(before)
    clause_text = clause.group()[1:] if clause else before
    return bool(_deadline_before().search(before[-40:]) or _future_cue().search(clause_text))


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
def _yearless_pattern() -> re.Pattern[str]:
    """A month and day with no year ("Feb. 2", "Wednesday, May 19"), or a month name after
    a cue word ("in early December"): a date of the writing year."""
    weekday = "|".join(_WEEKDAYS)
    return re.compile(
        rf"(?:\b(?P<w>{weekday}),?\s+(?:the\s+)?)?\b{_month('m')}\s+{_day('d')}\b(?!,?\s+\d{{4}})(?!\d)"
        rf"|(?i:\b(?:{_words(_rules()['month_cues'])}))(?:\s+|-){_month('n')}(?![a-z])"
        rf"(?!,?\s+(?:of\s+)?\d)(?!\s*(?:and|or|to|through|until|-|–)\s*(?:{_MONTH_NAMES}))"
    )


def _yearless(text: str) -> list[tuple[int, int | None, int | None]]:
    """(month, day or None, weekday or None) for each year-less date that is not planned."""
    out = []
    for m in _yearless_pattern().finditer(text):
        if _is_planned(text, m.start()):
            continue
        if m.group("n"):
            out.append((_MONTHS[m.group("n")], None, None))
        else:
            out.append((_MONTHS[m.group("m")], int(m.group("d")), _WEEKDAYS.get(m.group("w") or "")))
    return out


def _fits(year: int, month: int, day: int | None, weekday: int | None) -> bool:
    if _prefix(year, month, day) is None:
        return False
    return weekday is None or day is None or date(year, month, day).weekday() == weekday


def _writing_year(latest: str, yearless: list[tuple[int, int | None, int | None]]) -> int:
    """The year of the year-less dates: the latest year named, or the one after it when the
    weekdays say so or every year-less date would fall before ``latest``."""
    year = int(latest[:4])
    weekdays = [x for x in yearless if x[2] is not None]
    fitting = [y for y in (year, year + 1) if all(_fits(y, *x) for x in weekdays)]
    if weekdays and len(fitting) == 1:
        return fitting[0]
    placed = [_prefix(year, month, day) for month, day, _ in yearless]
    if all(p is not None and _sort_key(p[:len(latest)]) < _sort_key(latest) for p in placed):
        return year + 1
    return year


def infer_published(text: str, today: date | None = None, year: int | None = None) -> str | None:
    """Guess when ``text`` was written: the latest date it names, as an ISO prefix. ``year``
    (from a file name) places year-less dates when the text names no year at all."""
    limit = _sort_key((today or date.today()).isoformat())
    dates = [d for m in _date_pattern().finditer(text)
             if (d := _from_match(m)) and _sort_key(d) <= limit and not _is_planned(text, m.start())]
    if not dates and year is not None:
        dates = [f"{year:04d}"]
    if not dates:
        return None
    latest = max(dates, key=_sort_key)
    yearless = _yearless(text)
    if len(latest) < 10 and yearless:  # a full date is a dateline or caption: year-less dates defer to it
        year = _writing_year(latest, yearless)
        dates += [p for month, day, _ in yearless if (p := _prefix(year, month, day)) and _sort_key(p) <= limit]
        latest = max(dates, key=_sort_key)
    if len(latest) == 10 and _anchor_pattern().search(text):
        return latest[:7]
    return latest


_NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)(?:[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?)?(?![0-9A-Za-z])")


def date_in_name(name: str, today: date | None = None) -> str | None:
    """The date a file name carries (the last one when it carries several), as an ISO prefix."""
    limit = _sort_key((today or date.today()).isoformat())
    found = [p for m in _NAME_DATE.finditer(name)
             if (p := _prefix(*(int(g) if g else None for g in m.groups()))) and _sort_key(p) <= limit]
    return found[-1] if found else None


def published_from(name: str, text: str, today: date | None = None) -> str | None:
    """The file name's date, refined by the text's when they agree; else the text's guess."""
    named = date_in_name(name, today)
    guessed = infer_published(text, today, int(named) if named and len(named) == 4 else None)
    if named is None:
        return guessed
    if guessed and len(guessed) > len(named) and guessed.startswith(named):
        return guessed
    return named


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
