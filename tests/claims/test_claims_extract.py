"""Claim extraction: clause splitting, numbers with units, status, negation and attribution."""
from __future__ import annotations

from newsprism.claims import extract_claims
from newsprism.records import Article, TimeExpr


def _claims(text: str, lang: str = "en", **kw):
    return extract_claims(Article(id="t", source="t", language=lang, text=text, **kw))


def test_compound_sentence_splits_into_one_claim_per_statement():
    claims = _claims(
        "The council approved the budget on Monday; the mayor will sign it next week. "
        "Officials confirmed the vote, and the opposition filed a complaint with the court."
    )
    texts = [c.text for c in claims]
    assert len(claims) == 4, texts
    assert texts[0].startswith("The council approved") and texts[1].startswith("the mayor will sign")
    assert texts[3].startswith("the opposition filed")
    # every claim points back to its whole sentence
    assert all(c.sentence in claims[0].sentence or c.start >= claims[0].end for c in claims)


def test_however_run_on_without_full_stop_is_split():
    claims = _claims("Both sides agreed to resume talks as soon as possible However, the envoy left the capital.")
    assert [c.status for c in claims] == ["agreed", "done"]
    assert claims[1].text.startswith("the envoy") or claims[1].text.startswith("The envoy")


def test_numbers_carry_units_and_years_are_not_amounts():
    (claim,) = _claims("The treaty limits each side to 1,550 nuclear warheads for five years, as agreed in 2010.")
    found = {(q.value, q.unit) for q in claim.numbers}
    assert (1550.0, "warhead") in found and (5.0, "year") in found
    assert all(q.value != 2010 for q in claim.numbers)
    (fr,) = _claims("Les 399 députés ont voté la prolongation de 2,5 millions d'euros.", lang="fr")
    assert {(q.value, q.unit) for q in fr.numbers} >= {(399.0, "member"), (2_500_000.0, None)} or \
        (399.0, "member") in {(q.value, q.unit) for q in fr.numbers}


def test_status_from_tense_and_cue_words():
    cases = {
        "The ministry extended the fishing ban until the end of the season.": "done",
        "The ministry will extend the fishing ban until the end of the season.": "planned",
        "The two ministers agreed to extend the fishing ban as soon as possible.": "agreed",
        "The ministry denied that the fishing ban had been extended.": "denied",
        "The ministry allegedly extended the fishing ban without a vote.": "alleged",
        "El ministerio ampliará la prohibición de pesca hasta el final de la temporada.": "planned",
        "Le ministère a prolongé l'interdiction de pêche jusqu'à la fin de la saison.": "done",
    }
    for text, status in cases.items():
        lang = "es" if text.startswith("El ") else "fr" if text.startswith("Le ") else "en"
        (claim,) = _claims(text, lang=lang)
        assert claim.status == status, (text, claim.status)


def test_negation_is_flagged():
    (claim,) = _claims("The rival candidate did not concede defeat after the count.")
    assert claim.negated
    (plain,) = _claims("The rival candidate conceded defeat after the count.")
    assert not plain.negated


def test_attribution_is_separated_from_what_is_asserted():
    cases = [
        ("The dam gave way after three days of rain, the regional authorities said.", "the regional authorities"),
        ("According to a spokesman, the dam gave way after three days of rain.", "a spokesman"),
        ("The operator said in a statement that the dam gave way after heavy rain.", "The operator"),
        ("Selon la ministre de la Santé, Ana Ruiz, la campagne a touché un million d'enfants.", "la ministre de la Santé, Ana Ruiz"),
    ]
    for text, party in cases:
        (claim,) = _claims(text, lang="fr" if text.startswith("Selon") else "en")
        assert claim.attribution == party, (text, claim.attribution)
        assert party not in claim.text


def test_questions_and_headings_are_not_claims():
    claims = _claims("Flood Damage In The Valley\n\nWho will pay for the repairs?\nThe river rose two metres overnight.")
    assert [c.text for c in claims] == ["The river rose two metres overnight."]


def test_dates_come_from_timexes_and_fallback_to_written_dates():
    text = "The commission will meet on Friday in the capital."
    at = text.index("Friday")
    (claim,) = _claims(text, timexes=[TimeExpr(text="Friday", start=at, end=at + 6, type="DATE", value="2025-10-17")])
    assert claim.dates == ["2025-10-17"]
    (bare,) = _claims("La comisión se reunirá el 5 de febrero en la capital.", lang="es")
    assert bare.dates == ["XXXX-02-05"]


def test_bad_input_gives_no_claims():
    assert extract_claims(Article(id="x", source="x", status="error", error="unreadable")) == []
    assert _claims("") == []
