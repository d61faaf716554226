"""Narrative day references, decades and tense cues outside English (sentences written for
these tests, reference 2021-01-27, a Wednesday)."""
from __future__ import annotations

import pytest

from newsprism.time import find_timexes


def value_of(text: str, expr: str, lang: str) -> str | None:
    found = [t for t in find_timexes(text, "2021-01-27", lang) if t.text.lower() == expr.lower()]
    assert found, f"{expr!r} not found in {text!r}: {find_timexes(text, '2021-01-27', lang)}"
    return found[0].value


@pytest.mark.parametrize(
    ("lang", "text", "expr", "value"),
    [
        # the day after / before the day the story is at, not the publication date
        ("en", "The rebels attacked on Jan. 12. The next day, troops arrived.", "The next day", "2021-01-13"),
        ("fr", "Il est arrivé le 12 janvier. Le lendemain, il est reparti.", "Le lendemain", "2021-01-13"),
        ("es", "Llegó el 12 de enero. Al día siguiente se fue.", "Al día siguiente", "2021-01-13"),
        ("de", "Er kam am 12. Januar. Am nächsten Tag reiste er ab.", "Am nächsten Tag", "2021-01-13"),
        ("de", "Er kam am 12. Januar. Am Vortag war er in Rom.", "Am Vortag", "2021-01-11"),
        ("ru", "Он прибыл 12 января. На следующий день он уехал.", "На следующий день", "2021-01-13"),
        ("ru", "Он прибыл 12 января. Накануне он был в Риме.", "Накануне", "2021-01-11"),
        ("zh", "他于1月12日抵达。第二天他离开了。", "第二天", "2021-01-13"),
    ],
)
def test_day_after_and_before_follow_the_story(lang, text, expr, value):
    assert value_of(text, expr, lang) == value


@pytest.mark.parametrize(
    ("lang", "text"), [("fr", "Il a été élu le lendemain du scrutin."), ("ru", "Он выступил накануне выборов.")])
def test_eve_of_something_else_is_left_alone(lang, text):
    assert find_timexes(text, "2021-01-27", lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "expr", "value"),
    [
        ("fr", "Les années 1990 ont été difficiles.", "Les années 1990", "199"),
        ("fr", "La crise des années 80 a marqué le pays.", "années 80", "198"),
        ("es", "La economía creció en la década de 1990.", "la década de 1990", "199"),
        ("es", "La economía creció en los años 80.", "los años 80", "198"),
        ("de", "Die Wirtschaft wuchs in den 1990er Jahren.", "den 1990er Jahren", "199"),
        ("ru", "Экономика росла в 1990-х годах.", "1990-х годах", "199"),
        ("zh", "1990年代的经济增长很快。", "1990年代", "199"),
    ],
)
def test_decades(lang, text, expr, value):
    assert value_of(text, expr, lang) == value


@pytest.mark.parametrize(
    ("lang", "text", "expr", "value"),
    [
        ("de", "Das Treffen findet am Dienstag statt.", "am Dienstag", "2021-02-02"),
        ("de", "Das Treffen fand am Dienstag statt.", "am Dienstag", "2021-01-26"),
        ("ru", "Встреча состоится во вторник.", "во вторник", "2021-02-02"),
        ("ru", "Встреча состоялась во вторник.", "во вторник", "2021-01-26"),
    ],
)
def test_present_forms_that_announce_the_future(lang, text, expr, value):
    assert value_of(text, expr, lang) == value


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The temple dates from the 5th century BC."),
        ("en", "The city was founded in 1200 BC."),
        ("fr", "La ville fut fondée en 1500 av. J.-C."),
        ("ru", "Колонию на Марсе обещают основать в 2999 году."),
    ],
)
def test_eras_and_far_years_get_no_confident_value(lang, text):
    assert all(t.value is None or t.confidence < 0.5 for t in find_timexes(text, "2021-01-27", lang))


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("民國一百一十年的預算已通過。", "民國一百一十年", "2021"),
        ("新法自民国110年3月5日起施行。", "民国110年3月5日", "2021-03-05"),
    ],
)
def test_republic_of_china_years(text, expr, value):
    assert value_of(text, expr, "zh") == value


@pytest.mark.parametrize(
    ("lang", "text", "expr"),
    [
        ("en", "Sales rose in 2019. The next day, shares fell.", "The next day"),
        ("de", "Im Jahr 2019 stiegen die Preise. Am nächsten Tag fielen sie.", "Am nächsten Tag"),
    ],
)
def test_a_year_in_focus_does_not_anchor_the_next_day(lang, text, expr):
    assert not value_of(text, expr, lang).startswith("2019-01")
