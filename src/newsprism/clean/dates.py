"""Publication dates: parse the date strings pages print, and tell a stale page date from a real one.

Pages carry many dates: the publication date in metadata, the date in the URL, a byline
("Published March 3, 2026"), and often a date printed at the top that is just the day the page
was scraped or rendered. A hand-written parser for the common shapes (ISO, "3 March 2026",
"March 3, 2026", 03.03.2026, 2026/03/03, month names in the biggest news languages) is ~100x
faster than dateparser and does not invent dates from stray numbers.

A page date is "stale" when the text itself contradicts it: the text names years after it, or
all the years it names are more than a year before it while it speaks of recent time ("last
year", "yesterday"...). Such a date goes to `Article.page_date` with the reason, never to
`published`.
"""
from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    # en, fr, de, es, it, pt, nl: full names and the usual abbreviations (prefix match below)
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    "janv": 1, "févr": 2, "fevr": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7,
    "août": 8, "aout": 8, "sept": 9, "déc": 12,
    "jän": 1, "märz": 3, "okt": 10, "dez": 12,
    "ene": 1, "abr": 4, "ago": 8, "dic": 12, "set": 9, "out": 10,
    "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ott": 10,
    "fev": 2, "mei": 5, "maart": 3,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "janvier": 1, "février": 2, "avril": 4, "juillet": 7,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "januar": 1, "februar": 2,
    "juni": 6, "juli": 7, "oktober": 10, "dezember": 12, "gennaio": 1, "febbraio": 2,
    "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10,
    "dicembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6,
    "julho": 7, "outubro": 10, "dezembro": 12,
    # ru / uk genitive stems (prefix match)
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}
_MONTH_WORD = r"[A-Za-zÀ-ÿа-яА-Я]{3,10}\.?"

_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)")
_YMD = re.compile(r"\b((?:19|20)\d\d)[/.](\d{1,2})[/.](\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")
_D_MON_Y = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?({_MONTH_WORD})\s+(?:de\s+)?((?:19|20)\d\d)\b")
_MON_D_Y = re.compile(rf"\b({_MONTH_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_CJK = re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
_URL = re.compile(r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|\b)")
_YEAR = re.compile(r"(?<![\d.,:/-])((?:19|20)\d\d)(?![\d.,:/-]\d)")


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in _MONTHS:
        return _MONTHS[word]
    for cut in (5, 4, 3):
        if len(word) >= cut and word[:cut] in _MONTHS:
            return _MONTHS[word[:cut]]
    return None


def _iso(year: int | str, month: int | str | None, day: int | str) -> str | None:
    try:
        return date(int(year), int(month or 0), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def parse_date(text: str) -> str | None:
    """First full calendar date (day precision) written in `text`, as YYYY-MM-DD."""
    if not text:
        return None
    text = text[:400]
    found: list[tuple[int, str]] = []
    for rx, order in ((_ISO, "ymd"), (_YMD, "ymd"), (_CJK, "ymd"), (_DMY, "dmy")):
        m = rx.search(text)
        if m:
            g = m.groups()
            y, mo, d = (g[0], g[1], g[2]) if order == "ymd" else (g[2], g[1], g[0])
            value = _iso(y, mo, d)
            if value:
                found.append((m.start(), value))
    for m in _D_MON_Y.finditer(text):
        value = _iso(m.group(3), _month(m.group(2)), m.group(1))
        if value:
            found.append((m.start(), value))
            break
    for m in _MON_D_Y.finditer(text):
        value = _iso(m.group(3), _month(m.group(1)), m.group(2))
        if value:
            found.append((m.start(), value))
            break
    return min(found)[1] if found else None


def url_date(url: str | None) -> str | None:
    """Date encoded in a URL path (/2021/01/26/ or /20210126-), as YYYY-MM-DD."""
    if not url:
        return None
    m = _URL.search(url)
    return _iso(*m.groups()) if m else None


# "about 2000 vehicles": a rounded count of things, not a year.
_COUNT = re.compile(r"\b(?:about|around|nearly|almost|roughly|approximately|some|over|than|least)\s+$", re.I)


def years_in(text: str) -> list[int]:
    """Four-digit years (1900-2099) written in `text`, not parts of longer numbers nor counts."""
    return [int(m.group(1)) for m in _YEAR.finditer(text)
            if not (_COUNT.search(text, max(0, m.start() - 16), m.start())
                    and re.match(r"\s+[a-z]", text[m.end():m.end() + 2]))]


# "Recent time" words: when a text uses them, the years it names are close to its own date.
_RECENT = re.compile(
    r"\b(?:yesterday|today|last (?:year|week|month|night)|this (?:year|week|month)|next year|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"hier|aujourd'hui|l'an dernier|l'année dernière|cette année|gestern|heute|letztes jahr|"
    r"dieses jahr|ayer|hoy|el año pasado|este año|ieri|oggi|l'anno scorso|ontem|hoje|"
    r"вчера|сегодня|в прошлом году|в этом году)\b|昨天|今天|去年|今年|前天",
    re.I,
)


# Plans and forecasts name later years without contradicting the date ("to finish in 2030").
_FUTURE = re.compile(
    r"\b(?:will|would|expected|expects?|plans?|planned|scheduled|due|target\w*|forecast\w*|"
    r"aims?|wird|werden|soll|sera|seront|prévu\w*|será|serán|previst\w*|sarà|"
    r"будет|планир\w*)\b|将|计划|預定|予定",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|\n+")


def _past_years(text: str) -> list[int]:
    """Years named in sentences that do not speak of the future."""
    years: list[int] = []
    for sentence in _SENTENCE.split(text):
        found = years_in(sentence)
        if found and not _FUTURE.search(sentence):
            years.extend(found)
    return years


def stale_reason(page_date: str, text: str) -> str | None:
    """Why `page_date` cannot be the publication date of `text`, or None when nothing contradicts it."""
    try:
        page_year = int(page_date[:4])
    except ValueError:
        return None
    past = [y for y in _past_years(text) if y <= date.today().year + 1]
    if past and max(past) > page_year:
        return f"text reports {max(past)} as past, after the page date {page_date}"
    years = [y for y in years_in(text) if y <= date.today().year + 1]
    latest = max(years, default=page_year)
    if page_year - latest > 1 and _RECENT.search(text):
        return (
            f"text speaks of recent time but its latest year is {latest}, "
            f"{page_year - latest} years before the page date {page_date}"
        )
    return None
