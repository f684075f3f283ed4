"""Temporal expressions: found in invented sentences, anchored to a publication date."""
from __future__ import annotations

import time

import pytest

from dyad.nlp.timex import find_times, resolve


def only(text: str, published: str | None):
    """The single expression found in ``text``, as (start, end, cue)."""
    found = find_times(text, published)
    assert len(found) == 1, [m.text for m in found]
    return found[0].span.start, found[0].span.end, found[0].span.cue


@pytest.mark.parametrize("text, start, end, cue", [
    ("The militia seized the town on July 1, 2015.", "2015-07-01", "2015-07-01", "absolute-date"),
    ("The militia seized the town on 1 July 2015.", "2015-07-01", "2015-07-01", "absolute-date"),
    ("The log entry is dated 2015-07-01 in the archive.", "2015-07-01", "2015-07-01", "absolute-date"),
    ("The truce was signed on Wednesday, July 1, 2015.", "2015-07-01", "2015-07-01", "absolute-date"),
    ("The two factions met in July 2015.", "2015-07", "2015-07", "absolute-month"),
    ("The split was announced in Sept. 2021.", "2021-09", "2021-09", "absolute-month"),
    ("The group broke away in 2015.", "2015", "2015", "absolute-year"),
    ("The front was founded in the 1980s.", "1980", "1989", "decade"),
    ("The movement grew in the late 1990s.", "1997", "1999", "decade"),
    ("Attacks rose between 2013 and 2015.", "2013", "2015", "range"),
    ("The alliance held from 2014 to 2016.", "2014", "2016", "range"),
    ("The alliance held 2014-2016 in the north.", "2014", "2016", "range"),
    ("The alliance held during 2014–16 in the north.", "2014", "2016", "range"),
    ("The offensive ran from March to May 2017.", "2017-03", "2017-05", "range"),
    ("Clashes spread between June and August 2015.", "2015-06", "2015-08", "range"),
    ("Fighting resumed in mid-2015.", "2015-05", "2015-08", "mid-year"),
    ("Fighting resumed in early 2016.", "2016-01", "2016-04", "early-year"),
    ("Fighting resumed in late 2017.", "2017-10", "2017-12", "late-year"),
    ("Talks collapsed by the end of 2015 there.", None, "2015-12", "by"),
    ("Talks collapsed at the end of 2015.", "2015-10", "2015-12", "end-of-year"),
    ("The 2015's elections were disputed.", "2015", "2015", "absolute-year"),
])
def test_timex_absolute_expressions(text, start, end, cue):
    assert only(text, "2019-03-10") == (start, end, cue)


@pytest.mark.parametrize("text, published, start, end", [
    ("Raids intensified at the beginning of the year.", "2018-06-15", "2018-01", "2018-04"),
    ("Raids intensified early this year.", "2018-06-15", "2018-01", "2018-04"),
    ("Raids intensified at the end of last year.", "2018-06-15", "2017-10", "2017-12"),
    ("Raids intensified in early December.", "2024-12-20", "2024-12-01", "2024-12-10"),
])
def test_timex_parts_of_years_and_months_follow_published(text, published, start, end):
    assert only(text, published)[:2] == (start, end)


@pytest.mark.parametrize("text, published, day", [
    ("The convoy was ambushed on December 10.", "2024-12-15", "2024-12-10"),
    ("The convoy was ambushed on December 20.", "2024-12-15", "2023-12-20"),
    ("The convoy was ambushed on July 1.", "2018-01", "2017-07-01"),
    ("The convoy was ambushed on 15 June.", "2018", "2018-06-15"),
    ("The convoy was ambushed on Feb. 29.", "2021-03-01", "2020-02-29"),
])
def test_timex_day_month_is_latest_not_after_published(text, published, day):
    assert only(text, published) == (day, day, "day-month")


@pytest.mark.parametrize("text, published, month", [
    ("Talks began in December.", "2018-01", "2017-12"),
    ("Talks began in January.", "2018-01-20", "2018-01"),
    ("Talks began last December.", "2018-01", "2017-12"),
    ("Talks began last December.", "2015-07", "2014-12"),
    ("Talks began last December.", "2015-12-20", "2014-12"),
])
def test_timex_month_names_follow_published(text, published, month):
    assert only(text, published) == (month, month, "month-name")


@pytest.mark.parametrize("text, published, start, end", [
    ("The commander was killed on Wednesday.", "2018-01-15", "2018-01-10", "2018-01-10"),
    ("The commander was killed Wednesday evening.", "2018-01-15", "2018-01-10", "2018-01-10"),
    ("The commander was killed on Monday.", "2018-01-15", "2018-01-15", "2018-01-15"),
    ("The commander was killed last Monday.", "2018-01-15", "2018-01-08", "2018-01-08"),
    ("The commander was killed on Wednesday.", "2018-01", "2018-01", "2018-01"),
])
def test_timex_weekdays_resolve_before_published(text, published, start, end):
    assert only(text, published) == (start, end, "weekday")


@pytest.mark.parametrize("text, start, end, cue", [
    ("The cell was dismantled last year.", "2017", "2017", "relative-year"),
    ("The cell was dismantled this year.", "2018", "2018", "relative-year"),
    ("The cell was dismantled this month.", "2018-01", "2018-01", "relative-month"),
    ("The cell was dismantled last month.", "2017-12", "2017-12", "relative-month"),
    ("The cell was dismantled last week.", "2018-01-08", "2018-01-14", "relative-week"),
    ("The cell was dismantled earlier this month.", "2018-01-01", "2018-01-15", "earlier-this-month"),
    ("The cell was dismantled two weeks ago.", "2017-12-29", "2018-01-04", "ago"),
    ("The cell was dismantled four months ago.", "2017-09", "2017-09", "ago"),
    ("The cell was dismantled a year ago.", "2017", "2017", "ago"),
    ("The cell was dismantled three years ago.", "2015", "2015", "ago"),
    ("The cell was dismantled decades ago.", "1958", "1998", "ago"),
    ("The cell was dismantled today.", "2018-01-15", "2018-01-15", "today"),
    ("The cell is now dismantled.", "2018-01-15", "2018-01-15", "now"),
    ("The cell is currently dismantled.", "2018-01-15", "2018-01-15", "now"),
    ("The cell was dismantled yesterday.", "2018-01-14", "2018-01-14", "yesterday"),
])
def test_timex_relative_expressions(text, start, end, cue):
    assert only(text, "2018-01-15") == (start, end, cue)


@pytest.mark.parametrize("text, start, cue", [
    ("The group has recently expanded.", "2017-07-15", "recent"),
    ("The group has expanded in recent months.", "2017-07-15", "recent"),
    ("The group has expanded over the past year.", "2017-01", "past"),
    ("The group has expanded in the past two years.", "2016-01", "past"),
    ("The group has expanded over the past week.", "2018-01-08", "past"),
    ("The group has held the valley for four decades.", "1978", "for"),
])
def test_timex_windows_end_at_published(text, start, cue):
    assert only(text, "2018-01-15") == (start, "2018-01-15", cue)


@pytest.mark.parametrize("text, start, end, cue", [
    ("The two groups have cooperated since June 2013.", "2013-06", "2018-01-15", "since"),
    ("The two groups have cooperated ever since 2009.", "2009", "2018-01-15", "since"),
    ("The two groups have cooperated since last year.", "2017", "2018-01-15", "since"),
    ("The two groups cooperated until 2014.", None, "2014", "until"),
    ("The two groups must disarm by 2016.", None, "2016", "by"),
    ("The two groups cooperated before March 2012.", None, "2012-03", "before"),
    ("The two groups split after the July 2013 overthrow.", "2013-07", None, "after"),
])
def test_timex_cue_words_bound_the_interval(text, start, end, cue):
    assert only(text, "2018-01-15") == (start, end, cue)


@pytest.mark.parametrize("text, published, start, end", [
    ("Recruitment peaked in summer 2017.", "2019-03-10", "2017-06", "2017-08"),
    ("Recruitment peaked in the summer of 2017.", "2019-03-10", "2017-06", "2017-08"),
    ("Recruitment peaked last summer.", "2018-01-15", "2017-06", "2017-08"),
    ("Recruitment peaked last summer.", "2018-10-01", "2018-06", "2018-08"),
    ("Recruitment peaked in the spring.", "2018-01-15", "2017-03", "2017-05"),
    ("Recruitment peaked in the spring.", "2018-04-02", "2018-03", "2018-05"),
    ("Recruitment peaked in winter 2017.", "2019-03-10", "2016-12", "2017-02"),
])
def test_timex_seasons_northern_hemisphere(text, published, start, end):
    assert only(text, published) == (start, end, "season")


@pytest.mark.parametrize("text, published, start, end", [
    ("A truce held during Ramadan 2015.", "2019-03-10", "2015-06", "2015-07"),
    ("A truce held during Ramadan.", "2020-06-01", "2020-04", "2020-05"),
    ("A truce held over Eid al-Fitr 2015.", "2019-03-10", "2015-07", "2015-07"),
    ("A truce held over Eid ul-Adha 2024.", "2025-03-10", "2024-06", "2024-06"),
    ("A truce held on Christmas 2015.", "2019-03-10", "2015-12-25", "2015-12-25"),
    ("A truce held on New Year's Day.", "2019-03-10", "2019-01-01", "2019-01-01"),
])
def test_timex_holidays(text, published, start, end):
    assert only(text, published) == (start, end, "holiday")


@pytest.mark.parametrize("text", [
    "The cell was dismantled last year.",
    "The convoy was ambushed on December 10.",
    "The group has expanded over the past year.",
    "The commander was killed on Wednesday.",
    "Talks began in December.",
])
def test_timex_relative_needs_published(text):
    assert find_times(text, None) == []


@pytest.mark.parametrize("text, start, end", [
    ("The militia seized the town on July 1, 2015.", "2015-07-01", "2015-07-01"),
    ("Fighting resumed in mid-2015.", "2015-05", "2015-08"),
    ("The two groups have cooperated since June 2013.", "2013-06", None),
])
def test_timex_absolute_works_without_published(text, start, end):
    assert only(text, None)[:2] == (start, end)


@pytest.mark.parametrize("text", [
    "The raid left at least 24 people dead.",
    "About 900 special forces remain in the area.",
    "The 10th Front moved into the valley.",
    "More than 3,000 inhabitants were confined to their farms.",
    "The groups number between 2,000 and 3,500 fighters.",
    "Police counted 2000 fighters at the rally.",
    "May the commanders reach an agreement.",
    "The collapse followed the fall of the city.",
])
def test_timex_numbers_and_words_that_are_not_dates(text):
    assert find_times(text, "2018-01-15") == []


@pytest.mark.parametrize("text, expected", [
    ("In 2014 the rebels took Bama; since June 2016 they have lost it, as recently as last week.",
     ["In 2014", "since June 2016", "as recently as last week"]),
    ("Clashes were reported on 25 December 2015 and again on Christmas 2016.",
     ["on 25 December 2015", "on Christmas 2016"]),
])
def test_timex_finds_all_in_order_with_offsets(text, expected):
    found = find_times(text, "2018-01-15")
    assert [m.text for m in found] == expected
    assert all(text[m.start:m.end] == m.text == m.span.text for m in found)


@pytest.mark.parametrize("text, expected", [
    ("The talks lasted from 2014 to 2016.", "from 2014 to 2016"),
    ("The raid came on July 1, 2015 at dawn.", "on July 1, 2015"),
    ("Attacks grew at the end of 2015.", "at the end of 2015"),
])
def test_timex_longest_match_wins(text, expected):
    assert [m.text for m in find_times(text, "2018-01-15")] == [expected]


@pytest.mark.parametrize("expression, start, end", [
    ("2015", "2015", "2015"),
    ("December", "2017-12", "2017-12"),
    ("July 1, 2015", "2015-07-01", "2015-07-01"),
    ("after the July 2013 overthrow", "2013-07", None),
    ("mid-2015", "2015-05", "2015-08"),
])
def test_timex_resolve_one_expression(expression, start, end):
    span = resolve(expression, "2018-01-15")
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize("expression", [
    "since the Islamic State's rise",
    "a year later",
    "the following month",
    "February 30, 2016",
])
def test_timex_resolve_without_a_date_is_none(expression):
    assert resolve(expression, "2018-01-15") is None


@pytest.mark.parametrize("text, published, start, end", [
    ("The cell was dismantled last week.", "2018-01", "2017-12", "2018-01"),
    ("The cell was dismantled last month.", "2018", "2017", "2018"),
    ("The cell was dismantled yesterday.", "2018-01", "2018-01", "2018-01"),
])
def test_timex_coarse_published_widens_or_keeps_its_period(text, published, start, end):
    assert only(text, published)[:2] == (start, end)


@pytest.mark.parametrize("published", ["15 January 2018", "2018-13", "2018/01/15"])
def test_timex_rejects_a_published_date_that_is_not_iso(published):
    with pytest.raises(ValueError, match="E480"):
        find_times("The cell was dismantled last year.", published)


@pytest.mark.parametrize("year", [1990, 2005, 2015, 2030, 2035])
def test_timex_ramadan_table_covers_1990_to_2035(year):
    span = resolve(f"Ramadan {year}", None)
    assert span is not None and span.start.startswith(str(year))


@pytest.mark.parametrize("sentence", [
    "The war between dissidents and the guerrillas for control of the border province has worsened "
    "at the beginning of the year, leaving at least 24 people dead since June 2013, officials said on Thursday.",
])
def test_timex_stays_fast_per_sentence(sentence):
    find_times(sentence, "2022-01-10")  # warm the caches
    began = time.perf_counter()
    for i in range(200):
        find_times(f"{sentence} {i}", "2022-01-10")
    assert (time.perf_counter() - began) / 200 < 0.005  # 5 ms: thousands of words a second


@pytest.mark.parametrize("text, start, end", [
    ("They marched together as recently as October 2021.", "2021-10", "2021-10"),
    ("They were allied as early as 2009.", "2009", "2009"),
])
def test_timex_as_recently_as_names_the_date_itself(text, start, end):
    assert only(text, "2025-02-01")[:2] == (start, end)
