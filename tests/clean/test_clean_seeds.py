"""The two real flattened pages from ../shared/seeds: chrome out, stale page date flagged."""
from __future__ import annotations

from newsprism.clean import extract
from newsprism.records import RawDocument


def _extract(seeds, name):
    path = seeds / name
    return extract(RawDocument(source=str(path), content=path.read_bytes()))


def test_seed_with_stale_page_date_and_widgets(seeds):
    art = _extract(seeds, "000_8be3aac5b32ea045.txt")
    removed = {r.text: r.reason for r in art.removed}
    assert art.page_date == "2023-09-28" and art.published is None and art.page_date_flag
    assert removed["- Advertisement -spot_img"] == "ad"
    assert removed["Please enter your comment!"] == "comment-form"
    for chrome in ("Must read", "More articles", "Latest article", "Please enter your name here"):
        assert chrome in removed and chrome not in art.text
    assert art.title.startswith("Biden speaks to Putin for the first time")
    assert art.text.split("\n\n")[-1].endswith("indicates the White House press release.")
    assert "Call with NATO" in art.text


def test_seed_with_caption_and_foreign_comment_form(seeds):
    art = _extract(seeds, "002_c4bdc70b95f4253a.txt")
    removed = {r.text: r.reason for r in art.removed}
    assert removed["您的电子邮箱地址不会被公开。 必填项已用*标注"] == "foreign-language"
    assert any("Agence France Presse" in c for c in art.captions)
    assert "Agence France Presse" not in art.text
    assert art.text.count("Biden calls Putin to point out") == 0  # the repeated headline is not body
    assert art.language == "en"
