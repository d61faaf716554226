"""Machine-translation likelihood on paragraphs written for these tests (invented events)."""
from __future__ import annotations

from newsprism.language import mt_likelihood

CLEAN = (
    "After taking office, President Harlan spoke with Chancellor Vorden of Estravia by phone on "
    "Tuesday. Both leaders agreed to extend the river treaty for five years. The Estravian "
    "government described the talks as pragmatic and candid, and a spokesman for the US State "
    "Department said further meetings were planned. Officials told us the next round would "
    "follow in spring."
)
MACHINE_TRANSLATED = (
    "After taking office, us President Harlan talked with vorden on the phone the day before "
    "yesterday;. Both sides agreed to extend the river treaty, a declared the Estravian government. "
    "The statement said that Vorden congratulated harlan on winning the election. Reports that "
    "the us offered reward to kill estravian troops were also mentioned for each. border posts."
)


def test_machine_translated_paragraph_scores_clearly_higher():
    mt, clean = mt_likelihood(MACHINE_TRANSLATED, "en"), mt_likelihood(CLEAN, "en")
    assert mt >= 0.6
    assert clean <= 0.1
    assert mt - clean >= 0.5


def test_lower_cased_name_capitalised_elsewhere_is_a_trace():
    base = "Minister Vorden arrived in the capital on Monday. Officials welcomed the visit warmly."
    slipped = base + " Later vorden met the press and the unions."
    assert mt_likelihood(slipped, "en") > mt_likelihood(base, "en")


def test_us_pronoun_is_not_taken_for_the_country():
    assert mt_likelihood("The minister told us on Monday that all of us would be heard.", "en") == 0.0
    assert mt_likelihood("The minister said us troops would stay in the region for now.", "en") > 0.3


def test_new_coinages_are_not_mistaken_for_lower_cased_names():
    text = ("The cyberattack hit the ransomware group after a rollout of new cybersecurity rules "
            "amid pushback from lawmakers over the coronavirus reinfection data.")
    assert mt_likelihood(text, "en") <= 0.1


def test_headline_in_title_case_is_not_a_trace():
    text = "Harbour Authority Approves The New Ferry Line\nThe harbour authority approved the line."
    assert mt_likelihood(text, "en") == 0.0


def test_seed_pages_read_as_machine_translation(seeds):
    scores = [mt_likelihood(p.read_text(encoding="utf-8"), "en") for p in sorted(seeds.glob("*.txt"))]
    assert scores and min(scores) >= 0.25


def test_score_is_bounded_and_total():
    assert mt_likelihood("", "en") == 0.0
    assert mt_likelihood("12 34", None) == 0.0
    assert mt_likelihood(None, "en") == 0.0  # type: ignore[arg-type]
    assert 0.0 <= mt_likelihood(MACHINE_TRANSLATED * 20, None) <= 1.0


def test_split_company_name_and_close_spelling_are_traces():
    base = "The attack on BlueHarbor was confirmed by Minister Kovacs on Friday after a long review."
    assert mt_likelihood(base, "en") == 0.0
    assert mt_likelihood(base + " Experts said the blue harbor breach was serious.", "en") > 0.3
    assert mt_likelihood(base + " Later kovach told reporters more was coming.", "en") > 0.3
