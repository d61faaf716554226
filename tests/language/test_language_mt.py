"""Machine-translation likelihood on paragraphs written for these tests (invented events)."""
from __future__ import annotations

from newsprism.language import mt_likelihood

CLEAN = (
    "After taking office, President Harlan spoke with Chancellor Vorden of Estravia by phone on "
    "Tuesday. Both leaders agreed to extend the river treaty for five years. The Estravian "
    "government described the talks as pragmatic and candid, and a spokesman for the US State "
    "Department said further meetings were planned."
)
MACHINE_TRANSLATED = (
    "After taking office, us President Harlan talked with vorden on the phone the day before "
    "yesterday;. Both sides agreed to extend the river treaty , the Estravian government said. "
    "the statement said that vorden congratulated harlan on winning the election. Reports that "
    "the us offered reward to kill estravian troops were also mentioned."
)


def test_machine_translated_paragraph_scores_clearly_higher():
    mt, clean = mt_likelihood(MACHINE_TRANSLATED, "en"), mt_likelihood(CLEAN, "en")
    assert mt >= 0.6
    assert clean <= 0.25
    assert mt - clean >= 0.4


def test_lower_cased_name_capitalised_elsewhere_is_a_trace():
    base = "Minister Vorden arrived in the capital. Officials welcomed the visit warmly."
    slipped = base + " Later vorden met the press."
    assert mt_likelihood(slipped, "en") > mt_likelihood(base, "en")


def test_score_is_bounded_and_total():
    assert mt_likelihood("", "en") == 0.0
    assert mt_likelihood("12 34", None) == 0.0
    assert 0.0 <= mt_likelihood(MACHINE_TRANSLATED * 20, None) <= 1.0
