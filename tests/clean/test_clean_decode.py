"""Charset handling: legacy pages must come out as the text a browser shows."""
from __future__ import annotations

import pytest

from newsprism.clean import extract
from newsprism.clean.decode import decode, looks_like_html
from newsprism.records import RawDocument

RU = "Городской совет Северограда утвердил новый бюджет на строительство моста через реку."
ZH = "北岭市议会今天批准了修建跨河大桥的新预算，工程将于明年春天开工。"
JA = "北嶺市議会は本日、川に架かる新しい橋の建設予算を承認しました。工事は来春に始まります。"
FR = "Le conseil municipal de Valbrune a voté le budget du nouveau pont : travaux prévus à l'été."


def _page(body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{body} {i}</p>" for i in range(6))
    return f"<html><head>{meta}<title>Report</title></head><body><article>{paras}</article></body></html>"


@pytest.mark.parametrize(
    "text, codec",
    [(RU, "cp1251"), (ZH, "gb18030"), (JA, "shift_jis"), (FR, "latin-1")],
    ids=["cp1251", "gb18030", "shift_jis", "latin-1"],
)
def test_declared_legacy_charset_decodes(text, codec):
    raw = _page(text, codec).encode(codec)
    art = extract(RawDocument(source="p.html", content=raw))
    assert art.status == "ok", art.error
    assert text in art.text


@pytest.mark.parametrize("text, codec", [(RU, "cp1251"), (ZH, "gb18030"), (JA, "shift_jis")])
def test_undeclared_legacy_charset_is_guessed(text, codec):
    raw = _page(text, None).encode(codec)
    assert text in decode(raw, 10**7).text


def test_utf8_page_declared_as_latin1_is_read_as_utf8():
    raw = _page(RU, "iso-8859-1").encode("utf-8")
    assert RU in decode(raw, 10**7).text


def test_cp1251_page_declared_as_utf8_falls_back_to_detection():
    raw = _page(RU, "utf-8").encode("cp1251")
    decoded = decode(raw, 10**7)
    assert RU in decoded.text
    assert decoded.encoding != "utf-8"


def test_invalid_utf8_bytes_do_not_stop_extraction():
    raw = _page(FR, "utf-8").encode("utf-8").replace(b"conseil", b"cons\xff\xfeil")
    art = extract(RawDocument(source="p.html", content=raw))
    assert art.status == "ok"
    assert "municipal de Valbrune" in art.text


def test_utf16_with_bom():
    raw = "\ufeff".encode("utf-16-le") + _page(FR, None).encode("utf-16-le")
    assert FR in decode(raw, 10**7).text


def test_kind_sniffing():
    assert looks_like_html(_page(FR, None))
    assert not looks_like_html("A plain dump.\nWith a <b>stray</b> tag in one line.\n")
