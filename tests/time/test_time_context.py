"""Values that depend on the context of the expression: the period a results story reports on,
the day a narrative is at, the clause's tense and scheduling words that say which way a weekday
or month goes, and words that only look like time expressions (sentences written for these
tests, invented companies and places)."""
from __future__ import annotations

import pytest

from newsprism.time import find_timexes

RESULTS = (
    "Orlamo Corp. said its third-quarter loss widened. The loss compares with net income of "
    "$2.1 million for the corresponding period last year. This quarter's loss includes a charge "
    "of $3 million. Sales for last year's quarter were $40 million."
)


def values(text: str, reference: str) -> dict[str, str | None]:
    return {t.text: t.value for t in find_timexes(text, reference, "en")}


def test_corresponding_period_last_year_is_the_reported_quarter_a_year_back():
    found = values(RESULTS, "2021-11-02")
    assert found["the corresponding period last year"] == "2020-Q3"
    assert found["last year's quarter"] == "2020-Q3"


def test_this_quarter_in_a_results_story_is_the_reported_quarter():
    assert values(RESULTS, "2021-11-02")["This quarter"] == "2021-Q3"


def test_current_quarter_stays_the_calendar_quarter():
    text = "Velunda reported third-quarter profit, with the current quarter having begun well."
    assert values(text, "2021-11-02")["the current quarter"] == "2021-Q4"


def test_last_years_quarter_without_a_period_in_focus_is_the_last_completed_one_a_year_back():
    assert values("Its sales for last year's quarter fell.", "2021-11-02")["last year's quarter"] == "2020-Q3"


def test_previous_weekday_counts_from_the_day_the_story_is_at():
    text = "The Brantford index closed lower on Friday, down 2% from the previous Friday."
    found = values(text, "2021-11-01")  # a Monday: the story is at Friday October 29
    assert found["Friday"] == "2021-10-29"
    assert found["the previous Friday"] == "2021-10-22"


def test_previous_weekday_without_a_day_in_focus_counts_from_the_reference():
    assert values("Talks resumed the previous Friday.", "2021-11-03")["the previous Friday"] == "2021-10-29"


def test_infinitive_after_a_past_verb_leaves_the_month_ahead():
    text = "Harlow Bank announced an agreement to acquire the Dunmore savings group in January."
    assert values(text, "2021-11-02")["January"] == "2022-01"


def test_past_verb_governing_the_month_keeps_it_behind():
    assert values("Harlow Bank acquired the Dunmore savings group in January.", "2021-11-02")["January"] == "2021-01"


def test_futurate_present_puts_a_scheduled_weekday_ahead():
    # said on a Friday: "they meet Monday" is the coming Monday, as "will meet" would be
    text = "The two ministers meet separately Monday with the mediator."
    assert values(text, "2021-10-29")["Monday"] == "2021-11-01"


def test_a_noun_is_no_futurate_verb():
    text = "The rally marked a return to the protests. On Wednesday, the head of the assembly spoke."
    assert values(text, "2021-10-29")["Wednesday"] == "2021-10-27"


def test_fiscal_first_quarter_is_the_period_a_year_ago_refers_to():
    text = ("Kelvane Ltd. earned C$4 million for the fiscal-first quarter ended Sept. 30. "
            "It had a net loss of C$2 million a year ago.")
    found = values(text, "2021-10-28")
    assert found["the fiscal-first quarter"] == "2021-Q1"
    assert found["a year ago"] == "2020-Q1"


def test_same_month_a_year_ago_repeats_the_month_in_focus():
    text = "Car sales fell 30% in January from the same period last year."
    assert values(text, "2021-02-03")["the same period last year"] == "2020-01"


def test_quarter_of_last_year_and_final_quarter():
    found = values("Losses narrowed from the first quarter of last year. The final quarter of 2019 was worse.",
                   "2021-05-07")
    assert found["the first quarter of last year"] == "2020-Q1"
    assert found["The final quarter of 2019"] == "2019-Q4"


def test_utc_clock_time_takes_the_day_named_after_it_and_the_utc_mark():
    assert values("Trading resumes at 12:00 UTC Monday.", "2021-05-07")["12:00 UTC Monday"] == "2021-05-10T12:00Z"
    assert values("The vote closed at 4 p.m. EST Tuesday.", "2021-05-07")["4 p.m. EST Tuesday"] == "2021-05-04T16:00"


def test_lower_case_may_after_this_is_a_verb():
    assert "this may" not in values("Officials said this may take weeks.", "2021-10-13")


def test_a_second_before_a_name_is_an_ordinal():
    assert not any(t.type == "DURATION" for t in find_timexes("A second A380 is also travelling.", "2021-10-13", "en"))


def test_decades_written_with_two_digits():
    found = values("Cars of the '70s gave way to the 80s designs.", "2021-10-13")
    assert found["the '70s"] == "197"
    assert found["the 80s"] == "198"
    assert "70s" not in str(values("She is in her 70s.", "2021-10-13"))


def test_now_as_a_discourse_marker_is_no_time():
    found = values('Now, the mayor said, the plan will change. Prices now stand higher.', "2021-10-13")
    assert found == {"now": "PRESENT_REF"}


def test_year_to_date_period_takes_over_from_the_quarter():
    text = ("Tessaly Inc. posted third-quarter net of $5 million, up from $4 million a year earlier. "
            "For the nine months, net was $12 million, compared with year-earlier net of $9 million.")
    found = {t.start: t.value for t in find_timexes(text, "2021-10-28", "en")}
    first = text.index("a year earlier")
    second = text.index("year-earlier net")
    assert found[first] == "2020-Q3"
    assert found[second] == "2020"


def test_half_years_with_their_year():
    found = values("Sales rose in the first half of 2020 and fell in the second half of last year.", "2022-03-02")
    assert found["the first half of 2020"] == "2020-H1"
    assert found["the second half of last year"] == "2021-H2"
    assert values("He scored in the second half of the match.", "2022-03-02") == {}


def test_untensed_weekday_takes_the_nearer_occurrence():
    # said on a Monday, with no verb to go by: tomorrow, not six days ago
    text = "The envoy lands in Nairobi, her first stop Tuesday morning, and then in Kampala."
    assert values(text, "2021-11-01")["Tuesday morning"] == "2021-11-02"


def test_untensed_weekday_a_few_days_either_way_stays_in_the_past():
    # four days back against three ahead: going ahead costs more, as for dates
    assert values("The index, down 2% since Thursday, stands at 400.", "2021-11-01")["Thursday"] == "2021-10-28"


def test_clock_abbreviation_does_not_end_the_sentence():
    # the past verb after "a.m." still governs the weekday
    assert values("On Friday at 10 a.m. the talks resumed.", "2021-01-27")["Friday"] == "2021-01-22"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        # said on Wednesday 2021-03-10: scheduling words put the weekday or month ahead
        ("Talks are set for Monday.", "Monday", "2021-03-15"),
        ("He arrived Monday and leaves Friday.", "Friday", "2021-03-12"),
        ("The embassy reopens Monday.", "Monday", "2021-03-15"),
        ("Voting ends Sunday.", "Sunday", "2021-03-14"),
        ("Elections are due in October.", "October", "2021-10"),
        ("The index is likely to rise in April.", "April", "2021-04"),
        # and past verbs keep them behind
        ("He arrived Monday and leaves Friday.", "Monday", "2021-03-08"),
        ("The ban took effect in January.", "January", "2021-01"),
    ],
)
def test_scheduling_words_decide_the_direction(text, expr, value):
    assert values(text, "2021-03-10")[expr] == value


def test_last_as_a_verb_is_no_modifier():
    found = values("The deployment could last months, as in the last months of 1989.", "1990-08-15")
    assert "last months" not in found
    assert found["the last months"] == "PXM"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("It was a decades-long battle.", "decades-long", "PXY"),
        ("Workers held a day-long strike.", "day-long", "P1D"),
        ("He followed a several-year tenure abroad.", "several-year", "PXY"),
        ("The plant stayed closed for the entire year.", "the entire year", "P1Y"),
    ],
)
def test_duration_adjectives(text, expr, value):
    assert values(text, "2021-05-07")[expr] == value


def test_a_planned_event_may_lie_ahead_of_the_plan():
    # said on a Friday: the rally planned "on Saturday" is tomorrow's; a service planned "for
    # Saturday" that "was canceled" is yesterday's, the nearer of the two
    assert values("Protesters planned a large rally on Saturday.", "2021-01-08")["Saturday"] == "2021-01-09"
    assert values("A service planned for Saturday was canceled.", "2021-01-10")["Saturday"] == "2021-01-09"


def test_a_deadline_after_until_takes_the_nearer_occurrence_unless_the_clause_is_future():
    # said on a Monday
    assert values("The agency gave the owners until 9 a.m. Tuesday to sign.", "2021-03-01")["9 a.m. Tuesday"] == \
        "2021-03-02T09:00"
    assert values("The border stayed closed until Saturday.", "2021-03-01")["Saturday"] == "2021-02-27"
    # said on a Wednesday: "will" further back keeps Monday ahead
    assert values("The museum will stay closed until Monday.", "2021-03-03")["Monday"] == "2021-03-08"


def test_the_verb_of_a_long_clause_sets_the_month_direction():
    # the past verb comes 130 characters after the month, past "vs." (no sentence end)
    text = ("In January, a week after the tenth anniversary of the Dorne vs. Castell ruling on river rights, "
            "a flood at the Orlamo dam in the northern province destroyed a bridge.")
    assert values(text, "2021-10-25")["January"] == "2021-01"


def test_an_untensed_quarter_still_ahead_is_this_years():
    # no tense in the clause: the coming fourth quarter; a past verb makes it last year's
    assert values("The plan foresees plant closures during the fourth quarter.", "2021-08-19")[
        "the fourth quarter"] == "2021-Q4"
    assert values("Sales rose 5% in the fourth quarter.", "2021-08-19")["the fourth quarter"] == "2020-Q4"


def test_a_clock_time_takes_the_day_named_earlier_in_its_sentence():
    found = values("The prototype made its first flight Tuesday in Orlamo at 18:00 UTC. Crowds left at 20:00 UTC.",
                   "2021-01-28")
    assert found["18:00 UTC"] == "2021-01-26T18:00Z"
    assert found["20:00 UTC"] == "2021-01-28T20:00Z"  # another sentence: the reference day


def test_the_day_before_a_named_day_is_one_expression():
    assert values("The day before last Tuesday's hearing, the envoy flew to Orlamo.", "2000-02-24") == {
        "The day before last Tuesday": "2000-02-21"}
    assert values("The court sits again the day after March 3.", "2000-02-24")["the day after March 3"] == "2000-03-04"


def test_latest_is_the_last_completed_period_and_names_the_period_in_focus():
    found = values("Sales in the latest fiscal year rose. Assets grew in the latest quarter from a year earlier.",
                   "1989-10-26")
    assert found["the latest fiscal year"] == "1988"
    assert found["the latest quarter"] == "1989-Q3"
    assert found["a year earlier"] == "1988-Q3"
