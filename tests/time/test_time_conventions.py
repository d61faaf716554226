"""TimeML value conventions of news and results reporting, and the tense cues that decide which
way an unanchored weekday or month goes (sentences written for these tests)."""
from __future__ import annotations

import pytest

from newsprism.time import find_timexes


def timex(text: str, expr: str, reference: str = "2021-01-27"):
    start = text.index(expr)
    end = start + len(expr)
    found = [t for t in find_timexes(text, reference, "en") if t.start < end and start < t.end]
    assert found, f"no time expression found at {expr!r} in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "expr", "value", "type_"),
    [
        # "the past decade" is ten years up to now, not the previous calendar decade
        ("Threats had become routine over the past decade.", "past decade", "P10Y", "DURATION"),
        ("Wages recovered in the 1990s.", "1990s", "199", "DATE"),
        # results news: "the year ended March 31" is the accounting period
        ("Sales were $76 million for the year ended March 31.", "the year", "P1Y", "DURATION"),
        ("In the fiscal year ended Jan. 31, the chain earned $3 million.", "the fiscal year", "P1Y", "DURATION"),
    ],
)
def test_timeml_values(text, expr, value, type_):
    t = timex(text, expr)
    assert (t.value, t.type) == (value, type_)


def test_period_end_date_is_its_own_expression():
    text = "Sales were $76 million for the year ended March 31."
    assert timex(text, "March 31").value == "2020-03-31"  # reported in the past: the one before


@pytest.mark.parametrize(
    ("text", "expr", "reference", "value"),
    [
        # a hyphenated "lower-than-expected" is an adjective, not a future cue
        ("Shares fell after reporting lower-than-expected earnings after the market closed Wednesday.",
         "Wednesday", "2021-01-29", "2021-01-27"),
        # an -ed verb far from a future cue is past ("to be acquired ... ended")
        ("The units to be acquired had revenue of $7 million for the year ended March 31.",
         "March 31", "2021-11-01", "2021-03-31"),
        # but right after one it is a participle
        ("The bonus will be paid on Friday.", "Friday", "2021-01-27", "2021-01-29"),
        # "could" is as often past ability as a plan
        ("The relatives could not be located Wednesday.", "Wednesday", "2021-01-28", "2021-01-27"),
        # a deadline that "had been due" is over
        ("The offer had been due to expire Friday evening.", "Friday", "2021-02-01", "2021-01-29"),
        # a scheduled hearing in the present passive lies ahead; in the past it is over
        ("The appeal is heard in May.", "May", "2021-03-03", "2021-05"),
        ("The appeal was heard in May.", "May", "2021-03-03", "2020-05"),
    ],
)
def test_tense_cues_set_the_direction(text, expr, reference, value):
    assert timex(text, expr, reference).value.split("T")[0] == value


def test_weekday_with_abbreviated_date_before_a_colon_is_one_expression():
    text = "The paper said in an editorial on Monday, Oct. 26: the attack was depraved."
    t = timex(text, "Monday", "1998-10-25")
    assert (t.text, t.value) == ("Monday, Oct. 26", "1998-10-26")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Prices soared in the nineties.", "the nineties", "199"),
        ("The style of the nineteen-sixties is back.", "the nineteen-sixties", "196"),
        ("He fled to a post-1959 exile.", "post-1959", "1959"),
    ],
)
def test_spelled_decades_and_prefixed_years(text, expr, value):
    assert timex(text, expr).value == value


def test_spelled_decade_needs_the_article():
    # "in their forties" is an age, not the 1940s
    assert find_timexes("Most of the voters were men in their forties.", "2021-01-27", "en") == []


def test_counts_and_index_levels_are_not_timexes():
    found = find_timexes("A second group of directors sold shares as the index closed at 2082.1 points.",
                         "2021-01-27", "en")
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "The maker wants to close about a quarter, of its 900 outlets.",
        "Nearly a quarter of the voters stayed home.",
        "Pilots criticised the now-defunct carrier's safety record.",
        "The envoy, formerly a trade negotiator, arrived with the formerly state-owned bank's chief.",
    ],
)
def test_fractions_and_adjective_parts_are_not_timexes(text):
    assert find_timexes(text, "2021-01-27", "en") == []


def test_a_quarter_of_a_century_is_still_time():
    assert timex("The rules stood for a quarter of a century.", "a quarter").type == "DURATION"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("On Friday at 10 a.m. the talks resumed.", "10 a.m.", "2021-01-22T10:00"),
        ("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a wall.", "10:35 a.m.",
         "2021-01-22T10:35"),
        # no day next to it: the reference day, with low confidence
        ("At 3 p.m. the crowd left the square.", "3 p.m.", "2021-01-27T15:00"),
    ],
)
def test_clock_time_takes_the_day_named_next_to_it(text, expr, value):
    t = timex(text, expr)
    assert t.value == value
    assert (t.confidence > 0.6) == (value[:10] != "2021-01-27")


def test_quarter_a_year_ago_is_the_same_quarter_of_the_year_before():
    text = "Sales rose 5% in the third quarter. For the quarter a year ago, the company lost money."
    assert timex(text, "the quarter a year ago", "2021-10-27").value == "2020-Q3"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Shares lagged for eight trading days after the crash.", "eight trading days", "P8D"),
        ("Refunds are paid within five business days.", "five business days", "P5D"),
        ("Over the next couple of years demand should double.", "the next couple of years", "P2Y"),
    ],
)
def test_counted_durations(text, expr, value):
    t = timex(text, expr)
    assert (t.text, t.value, t.type) == (expr, value, "DURATION")


def test_year_quarter_is_the_quarter_in_focus():
    text = "Profit rose in the third quarter. It earned $3 million in the 1988 quarter."
    assert timex(text, "the 1988 quarter", "1989-10-27").value == "1988-Q3"


def test_spelled_number_before_years_is_no_year():
    text = "Families have kept their glass-making secrets for more than two thousand years."
    assert all(t.value != "2000" for t in find_timexes(text, "1998-01-21", "en"))
    assert timex("The approach of the year two thousand has many worried.", "two thousand", "1998-01-21").value == "2000"


@pytest.mark.parametrize(
    ("text", "expr", "value", "type_"),
    [
        ("In fiscal year 1990 sales rose.", "fiscal year 1990", "1990", "DATE"),
        ("FY2021 revenue beat forecasts.", "FY2021", "2021", "DATE"),
        ("The board meets twice a week.", "twice a week", "P1W", "SET"),
        ("Inspectors visit three times a year.", "three times a year", "P1Y", "SET"),
        ("The hearing is set for the week of March 6.", "the week of March 6", "2021-W09", "DATE"),
    ],
)
def test_fiscal_years_frequencies_and_weeks(text, expr, value, type_):
    t = timex(text, expr)
    assert (t.text, t.value, t.type) == (expr, value, type_)


@pytest.mark.parametrize(
    ("lang", "text", "expr"),
    [
        ("fr", "Le conseil se réunit deux fois par semaine.", "deux fois par semaine"),
        ("es", "El consejo se reúne dos veces por semana.", "dos veces por semana"),
        ("de", "Der Rat tagt zweimal pro Woche.", "zweimal pro Woche"),
        ("ru", "Совет собирается два раза в неделю.", "два раза в неделю"),
        ("zh", "理事会会议每周两次。", "每周两次"),
    ],
)
def test_frequencies_in_other_languages(lang, text, expr):
    found = [t for t in find_timexes(text, "2021-01-27", lang) if t.text == expr]
    assert found and (found[0].type, found[0].value) == ("SET", "P1W")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Police said 1500 officers were deployed."),
        ("en", "The team scored 2019 points."),
        ("fr", "Il y avait 1500 manifestants."),
    ],
)
def test_a_number_before_a_plural_noun_is_no_confident_year(lang, text):
    assert all(t.confidence < 0.5 for t in find_timexes(text, "2021-01-27", lang))


@pytest.mark.parametrize(
    ("lang", "text", "year"),
    [
        ("en", "The 2020 elections were close.", "2020"),
        ("en", "Prices in 1998 dollars rose.", "1998"),
        ("es", "Desde 1998 las ventas subieron.", "1998"),
    ],
)
def test_a_year_modifying_a_plural_noun_stays(lang, text, year):
    assert [(t.value, t.confidence > 0.9) for t in find_timexes(text, "2021-01-27", lang)] == [(year, True)]


def test_the_next_morning_follows_the_story_day():
    text = "The rebels attacked on Jan. 12. The next morning, troops arrived."
    assert timex(text, "The next morning").value == "2021-01-13"
    assert timex("The next morning troops arrived.", "The next morning").value == "2021-01-28"


def test_reference_words_match_whole_words_only():
    assert find_timexes("The tasks ran concurrently with a recurrent fault.", "2021-01-27", "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The auction house usually does most of its business in the second and fourth quarters.",
         [("the second", "XXXX-Q2"), ("fourth quarters", "XXXX-Q4")]),
        ("Output fell in the first and second quarters of 1990.",
         [("the first", "1990-Q1"), ("second quarters of 1990", "1990-Q2")]),
        ("Cars of the 70s and 80s were boxy.", [("the 70s", "197"), ("80s", "198")]),
        ("The boom of the 1970s and 80s ended.", [("the 1970s", "197"), ("80s", "198")]),
        ("Voters in their 70s and 80s turned out.", []),
    ],
)
def test_coordinated_quarters_and_decades_are_two_expressions(text, expected):
    assert [(t.text, t.value) for t in find_timexes(text, "1989-10-26", "en")] == expected


def test_the_short_term_is_a_vague_future_but_short_term_debt_is_not():
    text = "The plan cuts short-term debt and should placate holders in the short term."
    assert [(t.text, t.value) for t in find_timexes(text, "2021-01-27", "en")] == [("the short term", "FUTURE_REF")]


def test_later_in_the_day_marks_the_day_the_story_is_at():
    found = find_timexes("The envoy landed in the port on Tuesday and flew home later in the day. "
                         "Earlier that day she met the mayor.", "2021-01-27", "en")
    assert [(t.text, t.value) for t in found] == [
        ("Tuesday", "2021-01-26"), ("the day", "2021-01-26"), ("Earlier that day", "2021-01-26")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In the quarter ended July 31, the retailer lost money.", "1989-Q2"),  # May-July: mostly Q2
        ("For the quarter ended Nov. 30, the chain earned $2 million.", "1988-Q4"),  # closed, so last year's
        ("For the quarter ending Dec. 31, sales should rise.", "1989-Q4"),
    ],
)
def test_the_quarter_ended_a_day_is_the_calendar_quarter_holding_most_of_it(text, value):
    assert timex(text, "the quarter", "1989-10-30").value == value


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The envoy waited half an hour outside.", "half an hour", "PT30M"),
        ("The call lasted a half-hour.", "a half-hour", "PT30M"),
        ("Thanks for your work over the years.", "the years", "PXY"),
    ],
)
def test_half_units_and_vague_spans(text, expr, value):
    assert timex(text, expr).value == value


def test_then_current_is_a_past_reference():
    assert timex("Holders may buy shares at half the then current market price.", "current").value == "PAST_REF"
    assert timex("Holders may buy shares at half the current market price.", "current").value == "PRESENT_REF"


def test_earlier_and_later_belong_to_today_and_yesterday():
    found = find_timexes("The plant closed earlier today. Later yesterday the union met.", "2021-01-27", "en")
    assert [(t.text, t.value) for t in found] == [("earlier today", "2021-01-27"), ("Later yesterday", "2021-01-26")]
