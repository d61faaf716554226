"""find_mentions: spaCy where a model ships, a measured fallback elsewhere, MT candidates."""
from newsprism.entities import find_mentions
from newsprism.records import Article


def _article(text, lang="en", mt=0.0, status="ok"):
    return Article(id="a", source="test", language=lang, text=text, mt_likelihood=mt, status=status)


def test_english_mentions_have_types_and_exact_offsets():
    art = _article("Chancellor Ilse Brandvold met the board of Norvatek Systems in Geneva on Monday.")
    mentions = find_mentions(art)
    assert all(art.text[m.start:m.end] == m.text and m.article_id == "a" for m in mentions)
    by_text = {m.text: m.type for m in mentions}
    assert by_text.get("Ilse Brandvold") == "PERSON"
    assert by_text.get("Geneva") == "GPE"


def test_french_labels_are_mapped_to_the_shared_types():
    mentions = find_mentions(_article("Le ministre Luc Ferrand a rencontré Anne Dubreuil à Lyon.", lang="fr"))
    types = {m.text: m.type for m in mentions}
    assert types.get("Anne Dubreuil") == "PERSON"
    assert types.get("Lyon") == "GPE"


def test_language_without_model_uses_capitalised_runs_not_sentence_starts():
    text = "Ayer Marta Kovalenko se reunió con el ministro en Vantorra. Después habló con Radu Pelinescu."
    texts = [m.text for m in find_mentions(_article(text, lang="es"))]
    assert "Marta Kovalenko" in texts and "Radu Pelinescu" in texts and "Vantorra" in texts
    assert "Ayer" not in texts and "Después" not in texts


def test_lowercase_non_words_are_candidates_only_in_mt_looking_text():
    text = "the minister say sorokatov has confirm the plan with the committee ."
    mt = [m.text for m in find_mentions(_article(text, mt=0.9))]
    assert "sorokatov" in mt
    assert not {"minister", "plan", "committee", "confirm"} & set(mt)
    assert "sorokatov" not in [m.text for m in find_mentions(_article(text, mt=0.1))]


def test_bad_input_gives_no_mentions():
    assert find_mentions(_article("", lang="en")) == []
    assert find_mentions(_article("Some Name here.", status="error")) == []
    assert find_mentions(_article("Texto con Nombre Propio.", lang=None)) is not None
