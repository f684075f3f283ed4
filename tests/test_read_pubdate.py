"""Validating given publication dates and guessing missing ones from the text."""
from __future__ import annotations

from datetime import date

import pytest

from dyad.read import date_in_name, infer_published, parse_date_prefix, published_from

TODAY = date(2024, 6, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The groups met on July 3, 2015 and again on 12 June 2015.", "2015-07-03"),
        ("Talks held 2016-02-09 followed a truce of 3rd of January 2016.", "2016-02-09"),
        ("The front was founded in March 2011. Fighting resumed in August 2013.", "2013-08"),
        ("They split in 2009 and reunited in 2012.", "2012"),
        ("They allied in mid-2014, after the clashes of 2 May 2014.", "2014-05-02"),
        ("Clashes in July 2015 ended on 3 July 2015.", "2015-07-03"),  # same month: the day is the later
        ("Since 2017 the group has grown; it raided a town on 4 May 2016.", "2017"),
        ("Earlier this month, on 14 August 2019, the brigade attacked.", "2019-08"),
        ("Last week the front denied the report of 2 Feb. 2020.", "2020-02"),
        ("The movement, formed in 1998, now has a force of 2000 fighters.", "1998"),  # a count is not a year
        ("The truce of the summer of 2019 broke down.", "2019"),
        ("Elections are due in 2031; the truce held on 1 March 2023.", "2023-03-01"),  # future ignored
        ("Fighters were killed on February 30, 2015, in March 2014.", "2014-03"),  # impossible day ignored
        ("The leader may 2015 have fled; the market was quiet.", None),  # 'may' is a verb here
        ("No dates at all in this sentence.", None),
    ],
)
def test_read_pubdate_infers_latest_date(text, expected):
    assert infer_published(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015", "2015"),
        ("2015-07", "2015-07"),
        ("2015-7-3", "2015-07-03"),
        ("2015-07-03T10:00:00Z", "2015-07-03"),
        ("2015/07/03", "2015-07-03"),
        ("July 2015", "2015-07"),
        ("3 July 2015", "2015-07-03"),
        ("July 3, 2015", "2015-07-03"),
        ("Fri, 03 Jul 2015 10:00:00 GMT", "2015-07-03"),
    ],
)
def test_read_pubdate_parse_date_prefix_normalises(value, expected):
    assert parse_date_prefix(value) == expected


@pytest.mark.parametrize("value", ["", "yesterday", "2015-13", "2015-02-30", "sometime soon"])
def test_read_pubdate_parse_date_prefix_rejects_non_dates(value):
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_date_prefix(value)


@pytest.mark.parametrize("text,expected", [
    ("Talks began in March 2018. On March 9 the two sides met again.", "2018-03-09"),
    ("Talks began in March 2018 and failed.", "2018-03"),
])
def test_read_pubdate_year_less_days_refine_the_latest_year(text, expected):
    assert infer_published(text, today=date(2026, 1, 1)) == expected


@pytest.mark.parametrize("text,expected", [
    ("The deal signed in February 2020 requires a withdrawal by May 2021.", "2020-02"),
    ("The truce broke in March 2022, and fighters must leave before June 2023.", "2022-03"),
    ("Talks collapsed in 2019; the front plans to hold a congress in August 2023.", "2019"),
    ("The front said elections will be held in June 2023. The truce broke in March 2022.", "2022-03"),
])
def test_read_pubdate_ignores_deadlines_and_plans(text, expected):
    assert infer_published(text, today=TODAY) == expected


@pytest.mark.parametrize("text,expected", [
    ("The militia lashed out against the army in February of 2007.", "2007-02"),
    ("From the wars of 1988 to the talks of 2019, they stayed allies.", "2019"),
])
def test_read_pubdate_reads_years_after_of(text, expected):
    assert infer_published(text, today=TODAY) == expected


@pytest.mark.parametrize("text,expected", [
    ("The cell was formed in September 2021. On Feb. 2 its leader was arrested.", "2022-02-02"),
    ("The offensive began in September 2022. A convoy was ambushed on September 2.", "2022-09-02"),
    ("Raids started in 2021. On Feb. 2 a leader was arrested.", "2021-02-02"),
])
def test_read_pubdate_year_less_days_before_a_written_month_belong_to_the_next_year(text, expected):
    assert infer_published(text, today=TODAY) == expected


@pytest.mark.parametrize("text,expected", [
    ("Fighting flared in June 2023. The latest clash came in early December.", "2023-12"),
    ("The groups fought in April and May 2017 near the oasis.", "2017-05"),
    ("The front formed in March 2020, and in May it was still small.", "2020-05"),
])
def test_read_pubdate_year_less_months_refine_the_guess(text, expected):
    assert infer_published(text, today=TODAY) == expected


def test_read_pubdate_full_date_is_not_moved_by_year_less_months():
    text = "Velm, 9 March 2018: the panel noted raids in 2017. Around mid-October, three commanders defected."
    assert infer_published(text, today=TODAY) == "2018-03-09"


@pytest.mark.parametrize("text,expected", [
    ("The front formed in March 2020. It struck the base on Wednesday, May 19.", "2021-05-19"),
    ("The front formed in March 2021. It struck the base on Wednesday, May 19.", "2021-05-19"),
])
def test_read_pubdate_weekday_picks_the_year_of_a_year_less_date(text, expected):
    assert infer_published(text, today=TODAY) == expected


@pytest.mark.parametrize("name,expected", [
    ("shabaab_iss_2016.txt", "2016"),
    ("2021-05-20_wire.txt", "2021-05-20"),
    ("20210520.html", "2021-05-20"),
    ("2021_05_report.md", "2021-05"),
    ("archive_1998_2007.txt", "2007"),  # several: the last
    ("004_db9fec5580dde3d6.txt", None),  # digits inside a hash are no year
    ("x20210520.txt", None),
    ("plan_2031.txt", None),  # after today
])
def test_read_pubdate_date_in_file_name(name, expected):
    assert date_in_name(name, today=TODAY) == expected


@pytest.mark.parametrize("name,text,expected", [
    ("clash_2022.txt", "On Feb. 2, 2022 the fronts met.", "2022-02-02"),  # the text refines the name
    ("clash_2021.txt", "The front was founded in 2016 and fought in May 2016.", "2021"),  # backstory loses
    ("clash.txt", "The front was founded in 2016 and fought in May 2016.", "2016-05"),  # no name date
    # a text naming no year at all: its year-less dates fall in the name's year
    ("clash_2022.txt", "In a December 11 conversation, the commander said the front attacked.", "2022-12-11"),
])
def test_read_pubdate_name_outranks_text(name, text, expected):
    assert published_from(name, text, today=TODAY) == expected
