"""Temporal expressions: find them in a sentence and anchor them to the report's date.

News dates events against the day it was published ("last December", "two weeks
ago") and by vague parts ("mid-2015", "the end of the year"); a general date parser
returns None for most of these. So each expression shape is a rule: a compiled regex
and a resolver, and the ``TimeSpan`` it yields names the rule in ``cue``. dateparser
only parses the full calendar dates the regexes found, so its cost stays per candidate.
Calendar tables (parts of a year, seasons, holidays, counting words) live in
``lexicons/timex.yaml``.

Conventions callers can rely on:

- A result is an interval of ISO prefixes at the precision the text supports.
- Relative expressions need ``published``; without it they resolve to None.
- A shift by a unit finer than ``published`` ("last week" in a report dated "2018-01")
  widens to cover both ends of the report's period; day words (yesterday, weekday
  names) stay inside the report's own period.
- "since X" ends at the report date; "after X" is open (end None); "until/by/before X"
  are open at the start. They include X: an event "after the July 2013 coup" may fall
  in July 2013.
- "mid-2015" is 2015-05..2015-08; the other parts of a year are in the lexicon.
- A bare number is a year only in 1900-2099 with a cue word before it ("in", "since",
  "by", ...) or "'s" after it, or inside a clear date or range, so "24 people", "900
  special forces" and "3,000 inhabitants" are not years.
- Narrative anchors ("a year later", "the following month") are not resolved: their
  reference point is an event in the text, not the report.

Cues: absolute-date, absolute-month, absolute-year, decade, day-month, month-name,
season, holiday, weekday, today, now, yesterday, relative-year|month|week,
earlier-this-*, later-this-*, <part>-year / <part>-month (early-year, end-of-year,
mid-month, ...), ago, past, recent, for, range, since, until, by, before, after.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Callable

import yaml
from dateparser.date import DateDataParser

from dyad.model import TimeSpan

# How a cue word bounds the point it governs: which end of the point (or the report
# date) becomes the start and the end of the result; None leaves that end open. Cue
# words of the group "in" leave the point as it is.
_PREP_BOUNDS = {
    "since": ("start", "published"),
    "until": (None, "end"),
    "by": (None, "end"),
    "before": (None, "end"),
    "after": ("start", None),
}


def _load_lexicon() -> dict:
    path = resources.files("dyad.nlp").joinpath("lexicons/timex.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = [*raw["weekdays"], *raw["months"], *(a for short in raw["months"].values() for a in short),
             *(w for group in raw["cue_words"].values() for w in group), *raw["numbers"], *raw["fixed_holidays"]]
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise ValueError(f"E481 {path}: entries {bad} are not words; quote them "
                         "(YAML reads bare on/off/yes/no as booleans)")
    unknown = set(raw["cue_words"]) - {"in", *_PREP_BOUNDS}
    if unknown:
        raise ValueError(f"E482 {path}: unknown cue word group(s) {sorted(unknown)}; "
                         f"use one of {['in', *_PREP_BOUNDS]}")
    return raw


_LEX = _load_lexicon()

_PRECISIONS = ("year", "month", "day")
_UNITS = ("day", "week", "month", "year", "decade")
# The calendar unit an amount of each unit is rounded to (and so its precision).
_ROUND_TO = {"day": "day", "week": "day", "month": "month", "year": "year", "decade": "year"}
# "two weeks ago" is about a fortnight back: widen the point by this many days either side.
_HALF_WIDTH_DAYS = {"week": 3, "decade": 5 * 365}
# Where a look-back window starts ("over the past year" starts in a month, not a year).
_WINDOW_START = {"day": "day", "week": "day", "month": "day", "year": "month", "decade": "year"}

_MONTHS = {name: i for i, (full, short) in enumerate(_LEX["months"].items(), start=1) for name in (full, *short)}
_WEEKDAYS = tuple(_LEX["weekdays"])
_NUMBERS: dict[str, int] = _LEX["numbers"]
_VAGUE = tuple(_LEX["vague_count"])


def _alternation(words, flexible: bool = False) -> str:
    """Longest-first regex alternation, any whitespace between words.

    ``flexible`` also lets words be joined by hyphens, apostrophes drop and the Arabic
    article be spelled al/ul/el ("Eid ul-Fitr").
    """
    out = []
    for word in sorted(words, key=len, reverse=True):
        pattern = re.sub(r"\\? ", r"\\s+", re.escape(word))
        if flexible:
            pattern = re.sub(r"\\s\+|\\-", r"[\\s-]+", pattern).replace("'", "['’]?")
            pattern = re.sub(r"(?<![a-z])al(?=\[)", "(?:al|ul|el)", pattern)
        out.append(pattern)
    return "|".join(out)


# --- building blocks (no named groups, so rules can embed them freely) -----------------
_MONTH = (rf"(?:{_alternation(_LEX['months'])}"
         rf"|(?:{_alternation(a for short in _LEX['months'].values() for a in short)})\.?)(?![a-z])")
_WEEKDAY = rf"(?:{_alternation(_WEEKDAYS)})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])(?!,\d)"
_YEAR = r"(?<![\d,.])(?:19|20)\d\d(?!\d)(?![.,]\d)"
_COUNT = rf"(?:\d{{1,3}}|{_alternation(_NUMBERS)}|a\s+few|few|several|some|many)"
_UNIT = rf"(?:{_alternation(_UNITS)})"
_SEP = r"[\s-]+"
_DMY = rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}"
_MDY = rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"
_ISO = rf"{_YEAR}-[01]\d-[0-3]\d(?![\d-])"

# Cue words before a point, by what they do to it (see the lexicon).
_PREPS: dict[str, list[str]] = _LEX["cue_words"]
_PREP = "|".join(rf"(?P<prep_{name}>(?i:{_alternation(words)}))" for name, words in _PREPS.items())


@dataclass(frozen=True)
class TimeMention:
    """A temporal expression found in a text: character offsets and what it means."""

    start: int
    end: int
    text: str
    span: TimeSpan


@dataclass(frozen=True)
class _Span:
    """An interval of days, both ends inclusive, known to ``precision``."""

    first: date
    last: date
    precision: str
    cue: str = ""

    @property
    def start(self) -> str:
        return _iso(self.first, self.precision)

    @property
    def end(self) -> str:
        return _iso(self.last, self.precision)


# --- calendar arithmetic ----------------------------------------------------------------
def _iso(day: date, precision: str) -> str:
    return day.isoformat()[: {"year": 4, "month": 7, "day": 10}[precision]]


def _coarser(a: str, b: str) -> str:
    return min(a, b, key=_PRECISIONS.index)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: date, unit: str, n: int) -> date:
    if unit in ("day", "week"):
        return day + timedelta(days=n * (7 if unit == "week" else 1))
    return _add_months(day, n * {"month": 1, "year": 12, "decade": 120}[unit])


def _calendar_unit(day: date, unit: str) -> tuple[date, date]:
    """The calendar day, week (Monday-Sunday), month or year that contains ``day``."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), _month_end(day.year, day.month)
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def _year_span(year: int, cue: str = "absolute-year") -> _Span:
    return _Span(date(year, 1, 1), date(year, 12, 31), "year", cue)


def _month_span(year: int, month: int, cue: str = "absolute-month") -> _Span:
    return _Span(date(year, month, 1), _month_end(year, month), "month", cue)


def _day_span(day: date, cue: str) -> _Span:
    return _Span(day, day, "day", cue)


@lru_cache(maxsize=256)
def _anchor(published: str | None) -> _Span | None:
    """The report's date as a span; None stays None so relative rules can decline."""
    if not published:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published[:10])
    try:
        if m and m[3]:
            return _day_span(date(int(m[1]), int(m[2]), int(m[3])), "published")
        if m and m[2]:
            return _month_span(int(m[1]), int(m[2]), "published")
        if m:
            return _year_span(int(m[1]), "published")
    except ValueError:
        pass
    raise ValueError(f"E480 published date {published!r} is not an ISO prefix: "
                     "give YYYY, YYYY-MM or YYYY-MM-DD, or None when unknown")


def _moved(anchor: _Span, unit: str, lo: int, hi: int, cue: str) -> _Span:
    """The anchor moved back by ``lo``..``hi`` units, rounded to the unit's calendar unit.

    Both ends of the anchor move, so a coarse anchor gives a wide (but true) span.
    """
    rounding = _ROUND_TO[unit]
    widen = timedelta(days=_HALF_WIDTH_DAYS.get(unit, 0) if lo == hi else 0)
    first = _calendar_unit(_shift(anchor.first, unit, -hi) - widen, rounding)[0]
    last = _calendar_unit(_shift(anchor.last, unit, -lo) + widen, rounding)[1]
    return _Span(first, last, _coarser(rounding, anchor.precision), cue)


def _count(text: str | None) -> tuple[int, int]:
    """(lo, hi) for a counting word: 'four' -> (4, 4), 'several' or none -> the vague range."""
    if text is None:
        return _VAGUE
    word = " ".join(text.lower().split())
    if word.isdigit():
        return int(word), int(word)
    if word in _NUMBERS:
        return _NUMBERS[word], _NUMBERS[word]
    return _VAGUE


def _recurring(occurrences: Callable[[int], list[_Span]], rel: str | None, year: str | None,
               anchor: _Span | None) -> _Span | None:
    """Pick one occurrence of a yearly thing (a month, season, holiday, day of the year).

    With a year: that year's (first) occurrence. Otherwise, against the report date:
    "last" is the latest that ended before it, "next" the first that starts after it,
    anything else the latest that started by then.
    """
    if year:
        found = occurrences(int(year))
        return found[0] if found else None
    if anchor is None:
        return None
    spans = sorted((s for y in range(anchor.first.year - 8, anchor.last.year + 2) for s in occurrences(y)),
                   key=lambda s: s.first)
    rel = (rel or "").lower()
    if rel == "next":
        return next((s for s in spans if s.first > anchor.last), None)
    if rel == "last":
        return next((s for s in reversed(spans) if s.last < anchor.first), None)
    return next((s for s in reversed(spans) if s.first <= anchor.last), None)


@lru_cache(maxsize=1)
def _dateparsers() -> dict[str, DateDataParser]:
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False}
    return {precision: DateDataParser(languages=["en"], settings={**settings, "REQUIRE_PARTS": parts})
            for precision, parts in (("day", ["day", "month", "year"]), ("month", ["month", "year"]))}


@lru_cache(maxsize=4096)
def _parse_calendar_date(text: str, precision: str) -> date | None:
    """A full calendar date (or month) found by a regex, read and validated by dateparser."""
    parsed = _dateparsers()[precision].get_date_data(text).date_obj
    return parsed.date() if parsed else None


# --- point resolvers: a match and the anchor -> _Span or None -----------------------------
def _absolute_date(m: re.Match, anchor: _Span | None) -> _Span | None:
    day = _parse_calendar_date(m["date"], "day")
    return _day_span(day, "absolute-date") if day else None


def _absolute_month(m: re.Match, anchor: _Span | None) -> _Span | None:
    day = _parse_calendar_date(m["date"], "month")
    return _month_span(day.year, day.month) if day else None


def _absolute_year(m: re.Match, anchor: _Span | None) -> _Span:
    return _year_span(int(m["year"]))


def _month_number(text: str) -> int:
    return _MONTHS[text.rstrip(".")]


def _day_month(m: re.Match, anchor: _Span | None) -> _Span | None:
    month, day = _month_number(m["month"]), int(re.match(r"\d+", m["day"])[0])

    def occurrences(year: int) -> list[_Span]:
        try:
            return [_day_span(date(year, month, day), "day-month")]
        except ValueError:  # 30 February, or 29 February outside a leap year
            return []

    return _recurring(occurrences, None, None, anchor)


def _month_name(m: re.Match, anchor: _Span | None) -> _Span | None:
    month = _month_number(m["month"])
    return _recurring(lambda y: [_month_span(y, month, "month-name")], m["rel"], None, anchor)


def _decade(m: re.Match, anchor: _Span | None) -> _Span:
    start = int(m["decade"]) if m["decade"] else (2000 if int(m["short"]) < 30 else 1900) + int(m["short"])
    lo, hi = _LEX["parts_of_decade"][m["part"].lower()] if m["part"] else (0, 9)
    return _Span(date(start + lo, 1, 1), date(start + hi, 12, 31), "year", "decade")


def _part_of(unit: str) -> Callable[[re.Match, _Span | None], _Span | None]:
    """'early 2016', 'the end of last year', 'mid-July': a slice of one year or one month."""
    def resolve(m: re.Match, anchor: _Span | None) -> _Span | None:
        base = _resolve_point(re.sub(r"(?i)^the\s+(year|month)$", r"this \1", m["base"]), anchor)
        if base is None or base.precision != unit or _calendar_unit(base.first, unit)[1] != base.last:
            return None  # e.g. "the end of the month" in a report dated only by its year
        part = " ".join(m["part"].lower().split())
        lo, hi = _LEX[f"parts_of_{unit}"][part]
        cue = f"{part.replace(' ', '-')}-{unit}"
        if unit == "year":
            return _Span(date(base.first.year, lo, 1), _month_end(base.first.year, hi), "month", cue)
        return _Span(base.first.replace(day=lo), base.first.replace(day=min(hi, base.last.day)), "day", cue)
    return resolve


def _season(m: re.Match, anchor: _Span | None) -> _Span | None:
    lo, hi = _LEX["seasons"][m["season"].lower()]
    rel = "last" if (m["rel"] or "").lower() == "past" else m["rel"]

    def occurrences(year: int) -> list[_Span]:
        first = date(year - 1 if lo > hi else year, lo, 1)
        return [_Span(first, _month_end(year, hi), "month", "season")]

    return _recurring(occurrences, rel, m["year"], anchor)


# Islamic holidays as (first, last) days; the table is good to about a day, so they
# resolve to months.
_LUNAR_HOLIDAYS = {
    "ramadan": [(first, last) for first, last in _LEX["ramadan"]],
    "eid al-fitr": [(last + timedelta(days=1),) * 2 for _, last in _LEX["ramadan"]],
    "eid al-adha": [(day, day) for day in _LEX["eid_al_adha"]],
}


def _holiday_occurrences(name: str) -> Callable[[int], list[_Span]]:
    if name in _LUNAR_HOLIDAYS:
        table = [_Span(first, last, "month", "holiday") for first, last in _LUNAR_HOLIDAYS[name]]
        return lambda year: [s for s in table if s.first.year == year]
    month, day = (int(x) for x in _LEX["fixed_holidays"][name].split("-"))
    return lambda year: [_day_span(date(year, month, day), "holiday")]


_HOLIDAYS = {name: _holiday_occurrences(name) for name in [*_LEX["fixed_holidays"], *_LUNAR_HOLIDAYS]}


def _holiday_name(text: str) -> str:
    folded = re.sub(r"[\s-]+", " ", text.lower().replace("’", "'"))
    folded = re.sub(r"\b(?:ul|el)\b", "al", folded)
    return next(name for name in _HOLIDAYS
                if folded in (name.replace("-", " "), name.replace("-", " ").replace("'", "")))


def _holiday(m: re.Match, anchor: _Span | None) -> _Span | None:
    return _recurring(_HOLIDAYS[_holiday_name(m["name"])], m["rel"], m["year"], anchor)


def _weekday(m: re.Match, anchor: _Span | None) -> _Span | None:
    """The latest such weekday on or before the report day ('last': before, 'next': after)."""
    if anchor is None:
        return None
    if anchor.precision != "day":
        return _Span(anchor.first, anchor.last, anchor.precision, "weekday")
    target, today = _WEEKDAYS.index(m["weekday"]), anchor.first.weekday()
    rel = (m["rel"] or "").lower()
    if rel == "next":
        return _day_span(anchor.first + timedelta(days=(target - today - 1) % 7 + 1), "weekday")
    back = (today - target - 1) % 7 + 1 if rel == "last" else (today - target) % 7
    return _day_span(anchor.first - timedelta(days=back), "weekday")


def _now(cue: str):
    def resolve(m: re.Match, anchor: _Span | None) -> _Span | None:
        return _Span(anchor.first, anchor.last, anchor.precision, cue) if anchor else None
    return resolve


def _yesterday(m: re.Match, anchor: _Span | None) -> _Span | None:
    if anchor is None:
        return None
    if anchor.precision != "day":
        return _Span(anchor.first, anchor.last, anchor.precision, "yesterday")
    step = -1 if m[0].lower() == "yesterday" else 1
    return _day_span(anchor.first + timedelta(days=step), "yesterday")


def _relative_unit(m: re.Match, anchor: _Span | None) -> _Span | None:
    """'last year', 'this month', 'next week': the calendar unit, moved."""
    if anchor is None:
        return None
    unit, n = m["unit"].lower(), {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    first = _calendar_unit(_shift(anchor.first, unit, n), unit)[0]
    last = _calendar_unit(_shift(anchor.last, unit, n), unit)[1]
    return _Span(first, last, _coarser(_ROUND_TO[unit], anchor.precision), f"relative-{unit}")


def _earlier_later(m: re.Match, anchor: _Span | None) -> _Span | None:
    """'earlier this year': from the unit's start to the report; 'later': from it to the end."""
    if anchor is None:
        return None
    mod, unit = m["mod"].lower(), m["unit"].lower()
    first, last = _calendar_unit(anchor.first, unit)[0], _calendar_unit(anchor.last, unit)[1]
    span = (first, anchor.last) if mod == "earlier" else (anchor.first, last)
    return _Span(*span, anchor.precision, f"{mod}-this-{unit}")


def _ago(m: re.Match, anchor: _Span | None) -> _Span | None:
    if anchor is None or (m["count"] is None and not m["plural"]):
        return None
    lo, hi = _count(m["count"])
    return _moved(anchor, m["unit"].lower(), lo, hi, "ago")


@dataclass(frozen=True)
class _Rule:
    """A point expression: its regex (named groups) and how to resolve a match.

    ``licensed`` rules (bare years, bare month names) count only after a cue word.
    ``gate`` is a cheap regex that must occur in the lower-cased text before the rule's
    own regex runs: it keeps the per-sentence cost small.
    """

    name: str
    pattern: str
    resolve: Callable[[re.Match, _Span | None], _Span | None]
    gate: str
    licensed: bool = False

    @property
    def unnamed(self) -> str:
        return re.sub(r"\(\?P<\w+>", "(?:", self.pattern)


_PART_Y = re.sub(r"\\? ", r"\\s+", _alternation(_LEX["parts_of_year"]))
_PART_M = re.sub(r"\\? ", r"\\s+", _alternation(_LEX["parts_of_month"]))
_SEASONS = _alternation(_LEX["seasons"])
_BARE_SEASONS = _alternation(s for s in _LEX["seasons"] if s != "fall")  # "the fall of Kabul"
_REL = r"(?i:last|this|next)"
_REL_GATE = "last|this|next"
_DIGIT = r"\d"


def _first_words(words) -> str:
    return "|".join(sorted({re.escape(w.split()[0].lower()) for w in words}))


# Most specific first: ranges embed these alternatives in this order.
_POINT_RULES = (
    _Rule("absolute-date", rf"(?:the\s+)?(?:{_WEEKDAY},?\s+)?(?P<date>{_DMY}|{_MDY}|{_ISO})", _absolute_date, _DIGIT),
    _Rule("absolute-month", rf"(?:the\s+)?(?P<date>{_MONTH},?\s+(?:of\s+)?{_YEAR})", _absolute_month, _DIGIT),
    _Rule("part-of-year", rf"(?:(?i:the)\s+)?(?P<part>(?i:{_PART_Y})){_SEP}(?:of\s+)?"
                          rf"(?P<base>{_YEAR}|(?i:(?:this|last|next|the)\s+year))", _part_of("year"),
          _first_words(_LEX["parts_of_year"])),
    _Rule("part-of-month", rf"(?:(?i:the)\s+)?(?P<part>(?i:{_PART_M})){_SEP}(?:of\s+)?"
                           rf"(?P<base>{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?|(?i:(?:this|last|next|the)\s+month))",
          _part_of("month"), _first_words(_LEX["parts_of_month"])),
    _Rule("decade", rf"(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late)){_SEP})?"
                    rf"(?:(?P<decade>(?<![\d,.])(?:19|20)\d0)s|['’](?P<short>\d0)s)", _decade, r"\d0s"),
    _Rule("season", rf"(?:(?i:the)\s+)?(?P<rel>)(?P<season>(?i:{_SEASONS}))\s+(?:of\s+)?(?P<year>{_YEAR})",
          _season, _DIGIT),
    _Rule("season", rf"(?:(?i:the)\s+)?(?P<rel>{_REL}|(?i:past))\s+(?P<season>(?i:{_SEASONS}))(?P<year>)", _season,
          _first_words(_LEX["seasons"])),
    _Rule("season", rf"(?:(?i:the)\s+)?(?P<rel>)(?P<season>(?i:{_BARE_SEASONS}))(?P<year>)", _season,
          _first_words(_LEX["seasons"]), licensed=True),
    _Rule("holiday", rf"(?:(?P<rel>{_REL})\s+)?(?P<name>(?i:{_alternation(_HOLIDAYS, flexible=True)}))"
                     rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?", _holiday,
          _first_words(_HOLIDAYS)),
    _Rule("day-month", rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})", _day_month,
          _DIGIT),
    _Rule("day-month", rf"(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})", _day_month, _DIGIT),
    _Rule("earlier-later", r"(?P<mod>(?i:earlier|later))\s+(?i:this)\s+(?P<unit>(?i:year|month|week))",
          _earlier_later, "this"),
    _Rule("relative-unit", rf"(?P<rel>{_REL})\s+(?P<unit>(?i:year|month|week))(?![\w-])", _relative_unit,
          _REL_GATE),
    _Rule("month-name", rf"(?P<rel>{_REL})\s+(?P<month>{_MONTH})", _month_name, _REL_GATE),
    _Rule("weekday", rf"(?:(?P<rel>{_REL})\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?i:morning|afternoon|evening|night))?",
          _weekday, "day"),
    _Rule("ago", rf"(?:(?P<count>(?i:{_COUNT}))\s+)?(?P<unit>(?i:{_UNIT}))(?P<plural>s)?\s+(?i:ago)", _ago, "ago"),
    _Rule("yesterday", r"(?i:yesterday|tomorrow)", _yesterday, "yesterday|tomorrow"),
    _Rule("today", r"(?i:today|tonight|this\s+(?:morning|afternoon|evening))", _now("today"), "today|tonight|this"),
    _Rule("now", r"(?i:now|currently|presently|at\s+present|at\s+the\s+moment|nowadays)", _now("now"),
          "now|current|present|moment"),
    _Rule("absolute-year", rf"(?P<year>{_YEAR})(?=['’]s\b)", _absolute_year, _DIGIT),
    _Rule("absolute-year", rf"(?P<year>{_YEAR})", _absolute_year, _DIGIT, licensed=True),
    _Rule("month-name", rf"(?P<rel>)(?P<month>{_MONTH})", _month_name,
          "|".join(m[:3].lower() for m in _MONTHS), licensed=True),
)


def _resolve_point(text: str, anchor: _Span | None) -> _Span | None:
    for rule, regex in _POINT_REGEXES:
        m = regex.fullmatch(text)
        if m:
            span = rule.resolve(m, anchor)
            if span:
                return span
    return None


_POINT_REGEXES = [(rule, re.compile(rule.pattern)) for rule in _POINT_RULES]


# --- top-level rules: a match, the anchor and the cue word before it -> bounds ------------
# Each returns (start, end, cue), or None when the match does not hold up.
_Bounds = tuple[str | None, str | None, str]


def _point_finder(rule: _Rule) -> Callable[[re.Match, _Span | None, str | None], _Bounds | None]:
    """A point; the cue word before it licenses bare years and months and may bound it."""
    def resolve(m: re.Match, anchor: _Span | None, prep: str | None) -> _Bounds | None:
        if rule.licensed and prep is None:
            return None
        span = rule.resolve(m, anchor)
        if span is None:
            return None
        if prep not in _PREP_BOUNDS:
            return span.start, span.end, span.cue or rule.name
        ends = {"start": span.start, "end": span.end, "published": anchor.end if anchor else None, None: None}
        start, end = _PREP_BOUNDS[prep]
        return ends[start], ends[end], prep
    return resolve


def _range(m: re.Match, anchor: _Span | None, prep: str | None) -> _Bounds | None:
    """'from 2014 to 2016', 'between June and August 2015', '2014-16'."""
    left, right, sep = m["left"], m["right"], m["sep"].strip().lower()
    if sep == "and" and not m["between"]:
        return None
    if re.fullmatch(r"\d\d", right):
        if not re.fullmatch(_YEAR, left):
            return None
        right = left[:2] + right
    right_span = _resolve_point(right, anchor)
    year = re.search(_YEAR, right)
    left_span = None
    if year and not re.search(_YEAR, left):  # "March to May 2017": the left end borrows the year
        for y in (int(year[0]), int(year[0]) - 1):
            left_span = _resolve_point(f"{left} {y}", anchor)
            if left_span and right_span and left_span.first <= right_span.first:
                break
    else:
        left_span = _resolve_point(left, anchor)
    if not (left_span and right_span) or left_span.first > right_span.last:
        return None
    return left_span.start, right_span.end, "range"


def _window(cue: str) -> Callable[[re.Match, _Span | None, str | None], _Bounds | None]:
    """'over the past two years', 'in recent months', 'for four decades': back from the report."""
    def resolve(m: re.Match, anchor: _Span | None, prep: str | None) -> _Bounds | None:
        if anchor is None:
            return None
        unit = (m["unit"] or "month").lower()
        if cue == "recent" or (not m["count"] and m["plural"]):
            n = _VAGUE[1]
        else:
            n = _count(m["count"])[1] if m["count"] else 1
        start = _shift(anchor.first, unit, -n)
        return _iso(start, _coarser(_WINDOW_START[unit], anchor.precision)), anchor.end, cue
    return resolve


_RANGE_POINT = "|".join(rule.unnamed for rule in _POINT_RULES
                        if rule.name in ("absolute-date", "absolute-month", "part-of-year", "part-of-month",
                                         "decade", "season", "day-month", "absolute-year", "month-name"))
_RANGE_SEP = r"\s*[-–—/]\s*|\s+(?i:to|until|till|through|and)\s+"
_PREP_BEFORE = re.compile(rf"(?<![\w'’])(?:{_PREP})\s+\Z")


@dataclass(frozen=True)
class _Finder:
    regex: re.Pattern
    resolve: Callable[[re.Match, _Span | None, str | None], _Bounds | None]
    gate: re.Pattern  # see _Rule.gate
    takes_prep: bool = True  # look for a cue word ("in", "since", ...) just before the match


def _finder(pattern: str, resolve, gate: str, takes_prep: bool = True) -> _Finder:
    return _Finder(re.compile(rf"(?<![\w'’]){pattern}(?![\w-])"), resolve, re.compile(gate), takes_prep)


_FINDERS = (
    _finder(rf"(?:(?P<between>(?i:between))\s+)?(?P<left>{_RANGE_POINT})(?P<sep>{_RANGE_SEP})"
            rf"(?P<right>{_RANGE_POINT}|\d\d(?!\d))", _range, r"\d|from|between"),
    _finder(rf"(?:(?i:over|in|during|within|for|throughout)\s+)?(?i:the)\s+(?i:past|last|previous)\s+"
            rf"(?:(?P<count>(?i:{_COUNT}))\s+)?(?P<unit>(?i:{_UNIT}))(?P<plural>s)?", _window("past"),
            "past|last|previous", False),
    _finder(rf"(?:(?i:in|over|during)\s+)?(?i:recent)\s+(?P<unit>(?i:{_UNIT}))(?P<plural>s)"
            r"|(?i:recently|lately)", _window("recent"), "recent|lately", False),
    _finder(rf"(?i:for)\s+(?:(?P<count>(?i:{_COUNT}))\s+)?(?P<unit>(?i:{_UNIT}))(?P<plural>s)?", _window("for"),
            "for", False),
    *(_finder(rule.pattern, _point_finder(rule), rule.gate) for rule in _POINT_RULES),
)


def _candidates(text: str, published: str | None) -> list[TimeMention]:
    anchor, lowered = _anchor(published), text.lower()
    found = []
    for finder in _FINDERS:
        if not finder.gate.search(lowered):
            continue
        for m in finder.regex.finditer(text):
            start, prep = m.start(), None
            before = finder.takes_prep and _PREP_BEFORE.search(text, max(0, start - 16), start)
            if before:
                start, prep = before.start(), next(name for name in _PREPS if before[f"prep_{name}"])
            bounds = finder.resolve(m, anchor, prep)
            if bounds:
                (first, last, cue), said = bounds, text[start:m.end()]
                found.append(TimeMention(start, m.end(), said, TimeSpan(first, last, said, cue)))
    return found


def find_times(text: str, published: str | None) -> list[TimeMention]:
    """All temporal expressions in ``text``, in order, non-overlapping; the longest wins."""
    chosen: list[TimeMention] = []
    for mention in sorted(_candidates(text, published), key=lambda c: (c.start - c.end, c.start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda c: c.start)


def resolve(expression: str, published: str | None) -> TimeSpan | None:
    """One expression as a TimeSpan; a bare year or month name is accepted on its own.

    An expression with extra words ("after the July 2013 overthrow") resolves to its
    longest temporal part; one with no date ("since the group's rise") to None.
    """
    expression = expression.strip()
    bare = _resolve_point(expression, _anchor(published))
    found = find_times(expression, published)
    whole = [c for c in found if c.start == 0 and c.end == len(expression)]
    if whole or not bare:
        return max(found, key=lambda c: c.end - c.start).span if found else None
    return TimeSpan(bare.start, bare.end, expression, bare.cue)
