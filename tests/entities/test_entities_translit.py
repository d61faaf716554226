"""The shipped transliteration model: cross-script names score above look-alike distractors."""
from newsprism.entities import translit


def test_model_ships_and_stays_small():
    assert translit.MODEL_PATH.is_file()
    assert translit.MODEL_PATH.stat().st_size < 1_000_000


def test_cyrillic_name_prefers_its_english_spelling_over_distractors():
    right = translit.similarity("Уэксфорд", "wexford")
    assert right > 0.8
    assert right > max(translit.similarity("Уэксфорд", d) for d in ("woodford", "wexler", "oxford"))


def test_unknown_script_falls_back_to_edit_distance():
    assert translit.log_prob("Ψαράς", "psaras") is None
    assert translit.similarity("Ψαράς", "psaras") > 0.8
