"""Language identification on sentences written for these tests (invented events and names)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.language import LANGUAGES, detect, detect_lines

SENTENCES = {
    "en": "The harbour authority said on Monday that the new ferry line would open in early spring.",
    "fr": "La mairie a annoncé lundi que la nouvelle ligne de tramway ouvrira au début du printemps.",
    "es": "El ayuntamiento anunció el lunes que la nueva línea de autobuses abrirá en primavera.",
    "de": "Die Stadtverwaltung teilte am Montag mit, dass die neue Buslinie im Frühjahr eröffnet wird.",
    "ru": "Городская администрация в понедельник сообщила, что новая линия откроется весной.",
    "zh": "市政府周一宣布，新的公交线路将于明年春天开通。",
    "ar": "أعلنت البلدية يوم الاثنين أن خط الحافلات الجديد سيفتتح في الربيع المقبل.",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_detects_language_of_a_news_sentence(lang):
    code, confidence = detect(SENTENCES[lang])
    assert code == lang
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize(
    "text", ["", "   ", "2024 - 17:45 / 3,200", "😀🎉👍🏽", "••• ---- ###", "\ufeff", "٣٤٥ ،؟ ١٢", "\u0301\u0302"]
)
def test_text_without_letters_has_no_language(text):
    assert detect(text) == (None, 0.0)


def test_bad_input_does_not_raise():
    assert detect(None) == (None, 0.0)  # type: ignore[arg-type]
    assert detect_lines([]) == []
    assert detect("Le ministre \ud800 a parlé hier soir devant les députés.")[0] == "fr"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=20))
def test_any_text_gets_a_supported_code_or_none_and_a_bounded_confidence(lines):
    results = detect_lines(lines)
    assert len(results) == len(lines)
    for lang, confidence in results:
        assert lang is None or lang in LANGUAGES
        assert 0.0 <= confidence <= 1.0
        assert lang is not None or confidence == 0.0


def test_foreign_comment_line_at_end_of_english_page_is_found():
    page = [
        "Harbour ferry line to open in spring",
        "The harbour authority said on Monday that the new line would carry 4,000 people a day.",
        "Officials expect the first boats to run in April, weather permitting.",
        "Share this article",
        "您的评论将在审核后显示。请填写必填项。",
    ]
    langs = [lang for lang, _ in detect_lines(page)]
    assert langs[:4] == ["en"] * 4
    assert langs[4] == "zh"


def test_japanese_and_korean_are_told_apart_from_chinese():
    assert detect("市役所は月曜日、新しいバス路線を春に開通すると発表した。")[0] == "ja"
    assert detect("시청은 월요일 새 버스 노선이 봄에 개통된다고 밝혔다.")[0] == "ko"


def test_ukrainian_is_not_taken_for_russian():
    assert detect("Міська рада повідомила, що нова лінія відкриється навесні.")[0] == "uk"
