"""Normalisers: one function per rule kind, turning a regex match into a TIMEX3 type and value.

Each returns `Resolved` or None (the match is not a time expression after all, e.g. "may" the
verb). Confidence says how much the value can be trusted: explicit dates high, values that needed
a guess (the year of "February 5", the week of a bare "Friday", narrative anchors such as "a year
later") lower, and values that could not be resolved (no reference date) low with X placeholders.
Impossible dates ("February 31") keep their span but get no value, so nothing downstream is fed a
confident wrong date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from newsprism.time import dates
from newsprism.time.lexicon import Lexicon, alternation, lookup

EXPLICIT, INFERRED, GUESSED, NARRATIVE, UNRESOLVED, INVALID = 0.95, 0.85, 0.75, 0.55, 0.3, 0.1

_ZH_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2, "兩": 2}


@dataclass
class Context:
    ref: date | None
    find_tense: Callable[[], int]  # -1 past cue, +1 future cue, 0 none near the expression
    lang: str
    lex: Lexicon
    text: str
    focus: str | None = None  # the last date the text mentioned: the anchor of "a year earlier"
    period: str | None = None  # reporting period in focus: a quarter, or its year after "the nine months"
    _tense: int | None = None

    @property
    def tense(self) -> int:
        """Computed on first use: most expressions (years, durations) never ask."""
        if self._tense is None:
            self._tense = self.find_tense()
        return self._tense

    @property
    def future(self) -> bool:
        return self.tense > 0


@dataclass
class Resolved:
    type: str
    value: str | None
    relative: bool = False
    confidence: float = EXPLICIT
    floating: bool = False  # a clock time without its day: a day named next to it is its day


def _zh_number(text: str) -> int | None:
    if all(c in _ZH_DIGIT for c in text):
        if len(text) >= 3:  # digit-by-digit: 二〇二一
            return int("".join(str(_ZH_DIGIT[c]) for c in text))
        if len(text) == 1:
            return _ZH_DIGIT[text]
    total, current = 0, 0
    for c in text:
        if c in _ZH_DIGIT:
            current = _ZH_DIGIT[c]
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        elif c == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def number(text: str | None, lex: Lexicon) -> float | None:
    """Value of a cardinal as written: "5", "5 1/2", "twenty-four", "a couple of", "两"."""
    if not text:
        return None
    text = text.strip()
    m = re.fullmatch(r"(\d+)(?:[.,](\d+))?(\s+1/2)?", text)
    if m:
        value = float(f"{m[1]}.{m[2]}") if m[2] and len(m[2]) != 3 else float(m[1] + (m[2] or ""))
        return value + (0.5 if m[3] else 0)
    if re.fullmatch(r"[一二两兩三四五六七八九十百〇零]+", text):
        return _zh_number(text)
    whole = lookup(text, lex.numbers)
    if whole is not None:
        return float(whole)
    total = 0.0
    for part in re.split(r"[-\s]+", text):
        value = lookup(part, lex.numbers)
        if value is None:
            return None
        total += value
    return total


def _int(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return _zh_number(text)


def _month(m: re.Match[str], ctx: Context) -> int | None:
    text = m["month"]
    if text.isdigit():
        return int(text)
    if ctx.lang == "zh":
        return _int(text)
    return lookup(text, ctx.lex.months)  # type: ignore[return-value]


def _weekday(m: re.Match[str], ctx: Context) -> int | None:
    found = lookup(m["weekday"], ctx.lex.weekdays)
    return None if found is None else int(found) - 1  # type: ignore[call-overload]


def _mod(text: str | None, lex: Lexicon) -> int | None:
    """-1 last, +1 next, 0 this; None when absent."""
    if not text:
        return None
    for shift, pattern in ((-1, lex.last), (1, lex.next), (0, lex.this)):
        if lookup(text, {shift: pattern}) is not None:
            return shift
    return None


def _unit(m: re.Match[str], ctx: Context) -> str | None:
    word = m.groupdict().get("unit") or m.groupdict().get("unit2") or ("year" if "year" in m.group(0).lower() else "")
    return lookup(word, ctx.lex.units)  # type: ignore[return-value]


def _year_ok(year: int, ctx: Context) -> bool:
    if not dates.MIN_YEAR <= year <= dates.MAX_YEAR:
        return False
    return ctx.ref is None or year <= ctx.ref.year + 100


def _date_value(year: int | None, month: int | None, day: int | None, ctx: Context) -> Resolved:
    """DATE for explicit parts; impossible combinations keep the span with no value."""
    if year is None or month is None or not _year_ok(year, ctx):
        return Resolved("DATE", None, confidence=INVALID)
    if day is None:
        if not 1 <= month <= 12:
            return Resolved("DATE", None, confidence=INVALID)
        return Resolved("DATE", f"{year:04d}-{month:02d}")
    d = dates.make_date(year, month, day)
    if d is None:
        return Resolved("DATE", None, confidence=INVALID)
    return Resolved("DATE", d.isoformat())


def _with_time(base: Resolved, suffix: str) -> Resolved:
    if base.value is None:
        return base
    return Resolved("TIME", base.value + suffix, base.relative, base.confidence)


def iso(m: re.Match[str], ctx: Context) -> Resolved:
    res = _date_value(int(m["year"]), int(m["mon"]), int(m["day"]), ctx)
    if m["hh"] and res.value:
        return _with_time(res, f"T{m['hh']}:{m['mm']}")
    return res


def ymd(m: re.Match[str], ctx: Context) -> Resolved:
    return _date_value(_int(m["year"]), _month(m, ctx), _int(m["day"]), ctx)


def numeric(m: re.Match[str], ctx: Context) -> Resolved | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if len(m["year"]) == 2:
        pivot = (ctx.ref.year % 100 + 10) if ctx.ref else 30
        year += 1900 if year > pivot else 2000
    # US order in English, day first elsewhere; a field above 12 settles it either way.
    month, day = (a, b) if ctx.lang == "en" else (b, a)
    if month > 12 and day <= 12:
        month, day = day, month
    res = _date_value(year, month, day, ctx)
    if res.value and a != b and a <= 12 and b <= 12:
        res.confidence = GUESSED
    return res


def md(m: re.Match[str], ctx: Context) -> Resolved | None:
    return md_values(_month(m, ctx), _int(m["day"]), ctx)


def md_values(month: int | None, day: int | None, ctx: Context) -> Resolved:
    if month is None or day is None or dates.make_date(2000, month, day) is None:
        return Resolved("DATE", None, confidence=INVALID)
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", confidence=UNRESOLVED + 0.2)
    year = dates.year_for(ctx.ref, month, day, ctx.tense)
    return Resolved("DATE", f"{year:04d}-{month:02d}-{day:02d}", True, INFERRED)


def my(m: re.Match[str], ctx: Context) -> Resolved:
    return _date_value(_int(m["year"]), _month(m, ctx), None, ctx)


_AMBIGUOUS_MONTH = re.compile(r"may|march|august|mar|jan|sun|sat|wed|mai", re.IGNORECASE)
_MONTH_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|by|during|through|from|to|before|after|of|early|late|mid|"
    r"last|next|this|en|de|im|seit|bis|desde|hasta|depuis|jusqu'en|ab|à|à\s+partir\s+de)\s*-?\s*)$",
    re.IGNORECASE,
)


def month_alone(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["month"]
    if ctx.lang in ("en", "de") and not word[0].isupper():
        return None
    if ctx.lang != "zh" and (word.endswith(".") or len(word) < 3):
        return None  # abbreviations stand alone only in tables and datelines
    if _AMBIGUOUS_MONTH.fullmatch(word) and not _MONTH_CUE.search(ctx.text[max(0, m.start() - 20):m.start()]):
        return None
    month = _month(m, ctx)
    if month is None:
        return None
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}", confidence=UNRESOLVED)
    year = dates.year_for(ctx.ref, month, None, ctx.tense)
    return Resolved("DATE", f"{year:04d}-{month:02d}", True, GUESSED)


def month_rel(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["month"]
    if ctx.lang in ("en", "de") and not word[0].isupper() and _AMBIGUOUS_MONTH.fullmatch(word):
        return None  # "this may change", "the last march": a verb or a noun
    month, shift = _month(m, ctx), _mod(m["mod"], ctx.lex)
    if month is None or shift is None:
        return None
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}", confidence=UNRESOLVED)
    year = ctx.ref.year
    if m.group(0).lower().rstrip().endswith("year") or (ctx.lang == "zh" and "年" in m.group(0)):
        # "June last year", 去年6月
        year += shift
    elif shift < 0:  # "last April": the latest April before this month
        year -= 1 if month >= ctx.ref.month else 0
    elif shift > 0:
        year += 1 if month <= ctx.ref.month else 0
    return Resolved("DATE", f"{year:04d}-{month:02d}", True, INFERRED)


_ONES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}


def _spelled_below_100(words: list[str]) -> int | None:
    total = 0
    for w in words:
        if w in _TENS:
            total += _TENS[w]
        elif w in _ONES:
            total += _ONES[w]
        elif w != "and":
            return None
    return total


def spelled_year(text: str) -> int | None:
    """"nineteen ninety-six" -> 1996, "two thousand one" -> 2001 (how broadcast transcripts write)."""
    words = re.split(r"[-\s]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        rest = _spelled_below_100(words[2:])
        return None if rest is None else 2000 + rest
    century = _ONES.get(words[0]) if words else None
    if century is None or len(words) < 2:
        return None
    if words[1] == "hundred":
        return century * 100
    if words[1] == "o":
        rest = _spelled_below_100(words[2:])
    else:
        rest = _spelled_below_100(words[1:])
    return None if rest is None else century * 100 + rest


def year(m: re.Match[str], ctx: Context) -> Resolved | None:
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if re.search(r"[$€£#№]\s?$|\d[.,]$|\b(?:page|p\.|pp\.|no\.|number|room|flight|route|model|article|art\.)\s*$",
                 before, re.IGNORECASE) or re.match(r"[.,]\d", ctx.text[m.end():m.end() + 2]):
        return None  # an amount, a page, a flight number, an index level ("closed at 2082.1")
    groups = m.groupdict()
    if groups.get("spelledyear"):
        value = spelled_year(groups["spelledyear"])
        month = _month(m, ctx) if groups.get("month") else None
        if value is None:
            return None
        return _date_value(value, month, None, ctx) if month else Resolved("DATE", f"{value:04d}")
    value = _int(m["year"])
    if value is None or not _year_ok(value, ctx) or _BEFORE_CHRIST.match(ctx.text, m.end()):
        return Resolved("DATE", None, confidence=INVALID)  # out of range, or "1200 BC"
    bare = m.group(0).strip().isdigit()
    if bare and _COUNT_BEFORE.search(before) and _COUNT_AFTER.match(ctx.text, m.end()):
        return None  # "a maximum of 1550 warheads": a count
    plausible = ctx.ref is None or value <= ctx.ref.year + 30
    if bare and ctx.lang in ("en", "fr", "es") and _PLURAL_NEXT.match(ctx.text, m.end()) \
            and not _YEAR_BEFORE.search(before):
        plausible = False  # "said 1500 officers were" counts; "said 1998 sales rose" dates
    return Resolved("DATE", f"{value:04d}", confidence=EXPLICIT if plausible else UNRESOLVED)


# A bare four-digit number after a quantity word and before a plural noun counts things.
_COUNT_BEFORE = re.compile(
    r"\b(?:than|about|nearly|almost|some|approximately|roughly|around|only|least|most|over|under|to|"
    r"(?:maximum|minimum|total|number|average|ceiling|cap|limit)\s+of|plus\s+de|moins\s+de|más\s+de|"
    r"menos\s+de|über|unter|rund|etwa)\s*$", re.IGNORECASE)
_COUNT_AFTER = re.compile(
    r"\s+(?:[a-z]\w*\s+)?(?!years\b|months\b|days\b|weeks\b)(?:[a-z]\w*s|people|children|men|women|staff|personnel)\b")


# A year modifies a plural noun after an article, a possessive or a preposition ("the 2020
# elections", "in 1998 prices"); a bare number right before one may count it ("said 1500
# officers") or date it ("said 1998 sales"): such a value is kept with low confidence.
_PLURAL_NEXT = re.compile(
    r"\s+(?!(?:years|months|days|weeks|ans|años|les|des|las|los|ses|ces|sus|nos|vos)\b)[a-zà-ÿ]\w*[sx]\b")
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|this|that|in|of|since|by|for|from|until|to|during|after|before|"
    r"and|or|between|mid|early|late|le|la|les|l'|en|de|des|du|el|los|las|del|al)|'s|[,(-])\s*$", re.IGNORECASE)
_TENS_WORDS = {w: i for i, w in enumerate(
    "_ _ twenties thirties forties fifties sixties seventies eighties nineties".split()) if i > 1}


def roc_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """民国110年: the Republic of China calendar of Taiwanese news counts from 1912."""
    n = number(m["num"], ctx.lex)
    if n is None or not float(n).is_integer() or n < 1:
        return None
    value = 1911 + int(n)
    if m["month"]:
        return _date_value(value, _month(m, ctx), _int(m["day"]), ctx)
    return Resolved("DATE", f"{value:04d}" if _year_ok(value, ctx) else None,
                    confidence=EXPLICIT if _year_ok(value, ctx) else INVALID)


def decade(m: re.Match[str], ctx: Context) -> Resolved:
    groups = m.groupdict()
    if groups.get("decade"):
        return Resolved("DATE", m["decade"])
    short = groups.get("short") or groups.get("short2")
    if short:  # "les années 80", "90-х", "the '70s": the twentieth century's
        return Resolved("DATE", f"19{short}", confidence=INFERRED)
    tens = _TENS_WORDS[m["tens"].lower()]
    if groups.get("century"):
        century = 19 if m["century"].lower() == "nineteen" else 20
    elif ctx.ref is None:
        return Resolved("DATE", f"XX{tens}", confidence=UNRESOLVED)
    else:  # "the nineties": the latest such decade that has begun
        century = ctx.ref.year // 100 - (1 if ctx.ref.year % 100 < tens * 10 else 0)
    return Resolved("DATE", f"{century:02d}{tens}", confidence=EXPLICIT if groups.get("century") else INFERRED)


_BEFORE_CHRIST = re.compile(r"\s*(?:BC|B\.C\.|BCE|av\.\s*J\.-C\.|a\.\s*C\.|v\.\s*Chr\.|до\s+н\.\s*э\.)(?!\w)", re.IGNORECASE)


def century(m: re.Match[str], ctx: Context) -> Resolved | None:
    n = int(m["ordinal"])
    if not 1 <= n <= 30:
        return None
    if _BEFORE_CHRIST.match(ctx.text, m.end()):
        return Resolved("DATE", None, confidence=INVALID)  # "the 5th century BC": no era in the value
    return Resolved("DATE", f"{n - 1:02d}")


def _day(offset: int, ctx: Context) -> Resolved:
    if ctx.ref is None:
        return Resolved("DATE", "XXXX-XX-XX", True, UNRESOLVED)
    return Resolved("DATE", (ctx.ref + timedelta(days=offset)).isoformat(), True, INFERRED)


def _pod(m: re.Match[str], ctx: Context) -> str:
    return "T" + str(lookup(m["pod"], ctx.lex.parts_of_day))


def dayword(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["dayword"]
    before = ctx.text[max(0, m.start() - 30):m.start()]
    if word[:1].isupper() and re.search(r"[A-Z][\w'&.-]*\s+$", before) and not re.search(r"[.!?:]\s*$", before):
        return None  # "USA Today", "World Wire Today": a name, not a date
    offset = lookup(word, ctx.lex.day_words)
    return None if offset is None else _day(int(offset), ctx)  # type: ignore[call-overload]


# A part of the day ("Thursday evening", "hier soir", "last night") resolves to its day, not to
# TimeML's 2021-02-04TEV: reports of one event say "Thursday", "Thursday night" and "late on
# Thursday", and timelines and claim comparison must see one date.


def dayword_pod(m: re.Match[str], ctx: Context) -> Resolved | None:
    return dayword(m, ctx)


def this_pod(m: re.Match[str], ctx: Context) -> Resolved:
    return _day(0, ctx)


def last_night(m: re.Match[str], ctx: Context) -> Resolved:
    return _day(-1, ctx)


def _story_day(shift: int, ctx: Context) -> Resolved:
    """The day `shift` days from the one the story is at: the last date mentioned, if a day,
    else the reference ("the next morning", "le lendemain", "накануне", "later in the day")."""
    span = dates.interval(ctx.focus) if ctx.focus else None
    day_in_focus = span is not None and span[0] == span[1]
    if ctx.ref is None or not (shift or day_in_focus):
        return _day(shift, ctx)
    base = span[0] if span and day_in_focus else ctx.ref
    return Resolved("DATE", (base + timedelta(days=shift)).isoformat(), True, NARRATIVE)


def next_pod(m: re.Match[str], ctx: Context) -> Resolved:
    return _story_day(_mod(m["mod"], ctx.lex) or 0, ctx)


def story_day(m: re.Match[str], ctx: Context, value: str) -> Resolved:
    return _story_day(int(value), ctx)


def _resolve_weekday(weekday: int, shift: int | None, ctx: Context, week: bool, end: int) -> Resolved:
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-WXX-{weekday + 1}", True, UNRESOLVED)
    if week:  # "Friday next week": that weekday inside the shifted ISO week
        monday = ctx.ref - timedelta(days=ctx.ref.weekday()) + timedelta(weeks=shift or 0)
        return Resolved("DATE", (monday + timedelta(days=weekday)).isoformat(), True, INFERRED)
    if shift is None or shift == 0:
        possessive = ctx.text.startswith("'s", end) or ctx.text.startswith("’s", end)
        direction = 1 if ctx.future and not possessive else -1  # "Tuesday's call" happened
        d = dates.weekday_near(ctx.ref, weekday, direction)
        if ctx.lang == "en" and ctx.tense == 0 and not possessive:
            # no tense to go by: the nearer occurrence, going ahead costing 1.5x as for dates
            # ("her first stop Tuesday" said on a Monday is tomorrow). English only: its cue
            # list sees every regular past ("-ed"); elsewhere a past verb often goes unseen.
            ahead = dates.weekday_near(ctx.ref, weekday, 1)
            if (ahead - ctx.ref).days * 1.5 < (ctx.ref - d).days:
                d = ahead
        return Resolved("DATE", d.isoformat(), True, GUESSED)
    d = dates.weekday_near(ctx.ref, weekday, shift, strict=True)
    # "next Friday" said on a Tuesday may also mean the Friday of next week (and "last Monday"
    # the Monday of last week): when the two readings differ, say so through the confidence.
    same_week = d.isocalendar()[:2] == ctx.ref.isocalendar()[:2]
    return Resolved("DATE", d.isoformat(), True, GUESSED if same_week else INFERRED)


def weekday_md(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"Sunday, March eighth": the date decides; the weekday only checks it."""
    groups = m.groupdict()
    day = _int(groups.get("day")) if groups.get("day") else _ORDINALS.get(re.sub(r"[-\s]+", " ", groups["spelledday"].lower()))
    month = _month(m, ctx)
    if day is None or month is None:
        return None
    res = md_values(month, day, ctx)
    wd = _weekday(m, ctx)
    if ctx.ref is None or res.value is None or wd is None:
        return res
    # The weekday names the year: "Thursday, April 6" is the April 6 that fell on a Thursday.
    fits = [d for d in (dates.make_date(ctx.ref.year + k, month, day) for k in (0, -1, 1)) if d and d.weekday() == wd]
    if fits:
        return Resolved("DATE", fits[0].isoformat(), True, INFERRED)
    res.confidence = min(res.confidence, GUESSED)
    return res


_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINALS |= {f"twenty {w}": 20 + i for w, i in list(_ORDINALS.items())[:9]}
_ORDINALS |= {f"twenty{w}": 20 + i for w, i in list(_ORDINALS.items())[:9]}
_ORDINALS |= {"thirtieth": 30, "thirty first": 31, "thirtyfirst": 31}


def weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    wd = _weekday(m, ctx)
    if wd is None:
        return None
    groups = m.groupdict()
    shift = _mod(groups.get("mod") or groups.get("mod2"), ctx.lex)
    if shift is None and re.match(r"ce\s", m.group(0), re.IGNORECASE):
        shift = 0  # "ce vendredi"
    if re.match(r"this\s+(?:coming|past)", m.group(0), re.IGNORECASE):
        shift = 1 if "coming" in m.group(0).lower() else -1
    # "Friday next week", "this Friday" / "este viernes" (the current week's), and Chinese
    # 上周五/本周五/下周五, always name the weekday of a given ISO week
    week = bool(re.search(r"week\W*$", m.group(0), re.IGNORECASE)) or shift == 0 or \
        (ctx.lang == "zh" and shift is not None)
    span = dates.interval(ctx.focus) if ctx.focus else None
    if shift and not week and span and span[0] == span[1] and _NARRATIVE_MOD.match(m.group(0)):
        # "down 4.5% from the previous Friday": counted from the day the story is at, like "the
        # following day", not from the publication date
        d = dates.weekday_near(span[0], wd, shift, strict=True)
        return Resolved("DATE", d.isoformat(), True, NARRATIVE)
    return _resolve_weekday(wd, shift, ctx, week, m.end())


_NARRATIVE_MOD = re.compile(r"(?:the\s+)?(?:previous|preceding|following)\b", re.IGNORECASE)


_GRANULE = {"Y": "Y", "M": "M", "W": "W", "D": "D", "Q": "Q", "DE": "DE", "CE": "CE", "WE": "WE"}


def rel_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = _unit(m, ctx)
    groups = m.groupdict()
    shift = _mod(groups.get("mod"), ctx.lex) if groups.get("mod") else 0
    if unit is None or shift is None:
        return None
    if ctx.lang == "en" and (groups.get("unit") or "").lower().endswith("s") and unit != "WE":
        if m.group(0).startswith("last"):
            return None  # "could last months": the verb (a sentence may still open "Last weeks")
        return Resolved("DURATION", dates.duration(None, unit))  # "the past years"
    if unit not in _GRANULE or (unit in ("DE", "CE") and _SPAN_FROM_NOW.search(groups.get("mod") or "")):
        return Resolved("DURATION", dates.duration(1, unit))  # "the past hour", "the past decade"
    if unit == "Q" and dates.is_quarter(ctx.period) and re.match(r"this\b", groups.get("mod") or "", re.IGNORECASE):
        # "This quarter's loss" in a results story: the demonstrative points at the quarter being
        # reported, not at the calendar quarter of the publication date ("the current quarter")
        return Resolved("DATE", ctx.period, True, NARRATIVE)
    if ctx.ref is None:
        placeholder = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX"}
        return Resolved("DATE", placeholder.get(unit, "XXXX"), True, UNRESOLVED)
    # "the next day" (in any language) and "the following year" count from the story's time,
    # "tomorrow" and "next year" from the reference
    narrative = re.search(r"following|preceding|previous|that|next\s+day", m.group(0), re.IGNORECASE) or \
        (unit == "D" and shift)
    base = ctx.ref
    # a year in focus says nothing about "the next day": the focus must be as fine as the unit
    focus_days = dates.granularity_days(ctx.focus)
    if narrative and focus_days and focus_days <= _UNIT_DAYS.get(unit, 366):
        base = dates.interval(ctx.focus)[0]  # type: ignore[index]
    value = dates.fmt(dates.shift(base, shift, unit) if unit != "WE"
                      else base + timedelta(weeks=shift), _GRANULE[unit])
    return Resolved("DATE", value, True, NARRATIVE if narrative else INFERRED)


_UNIT_DAYS = {"D": 1, "W": 7, "WE": 7, "M": 31, "Q": 92, "Y": 366}

# "the past decade" runs up to now (ten years, not the 1990s); "the last decade" may be either.
_SPAN_FROM_NOW = re.compile(r"^(?:past|next|coming)$", re.IGNORECASE)


def _offset(n: float, unit: str, ctx: Context, sign: int, confidence: float) -> Resolved:
    if ctx.ref is None:
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", True, UNRESOLVED)
    granule = {"DE": "Y", "CE": "Y", "H": "D", "MIN": "D", "S": "D", "WE": "W"}.get(unit, unit)
    base_unit = {"H": "D", "MIN": "D", "S": "D", "WE": "W"}.get(unit, unit)
    n = 0 if base_unit == "D" and unit in ("H", "MIN", "S") else n
    d = dates.shift(ctx.ref, sign * n, base_unit)
    return Resolved("DATE", dates.fmt(d, granule), True, confidence)


def _from_focus(n: float, unit: str, ctx: Context, quarters_only: bool) -> Resolved | None:
    """Shift the last mentioned date, keeping its granularity: "the third quarter ... a year
    earlier" is the third quarter of the year before, not the year before the article."""
    focus = ctx.period if ctx.period and (quarters_only or unit == "Y") else ctx.focus
    if focus is None or unit not in ("Y", "M", "Q", "W", "D") or not float(n).is_integer():
        return None
    span = dates.interval(focus)
    quarter = re.fullmatch(r"\d{4}-Q[1-4]", focus)
    if span is None or (quarters_only and not quarter):
        return None
    granule = "Q" if quarter else {1: "D", 7: "W"}.get(dates.granularity_days(focus) or 0)
    if granule is None:
        length = dates.granularity_days(focus) or 0
        granule = "M" if length <= 31 else "Y"
    return Resolved("DATE", dates.fmt(dates.shift(span[0], -n, unit), granule), True, NARRATIVE)


def ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = _unit(m, ctx)
    if unit is None:
        return None
    if m.groupdict().get("vague"):
        return Resolved("DATE", "PAST_REF", True, GUESSED)
    n = number(m["num"], ctx.lex) if m.groupdict().get("num") else 1.0  # "неделю назад"
    if n is None:
        return None
    narrative = bool(re.search(r"earlier\W*$", m.group(0), re.IGNORECASE))
    anchored = _from_focus(n, unit, ctx, quarters_only=not narrative) if unit == "Y" else None
    return anchored or _offset(n, unit, ctx, -1, NARRATIVE if narrative else INFERRED)


def after(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit, n = _unit(m, ctx), number(m["num"], ctx.lex)
    if unit is None or n is None:
        return None
    from_now = bool(re.search(r"(?:from\s+now|hence)\W*$", m.group(0), re.IGNORECASE))
    return _offset(n, unit, ctx, 1, INFERRED if from_now else NARRATIVE)


def within(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"dans deux semaines", "через две недели": a planned day, so day granularity for days
    and weeks."""
    unit, n = _unit(m, ctx), number(m["num"], ctx.lex)
    if unit is None or n is None:
        return None
    if unit == "W" and ctx.ref is not None:
        return Resolved("DATE", dates.shift(ctx.ref, n, "W").isoformat(), True, INFERRED)
    return _offset(n, unit, ctx, 1, INFERRED)


_ORDINAL_USE = re.compile(r"\s+(?!(?:or|and|of|to|in|for|later|earlier|ago|before|after|the|a|an)\b)[a-zA-Z0-9]")


def duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = _unit(m, ctx)
    if unit is None:
        return None
    groups = m.groupdict()
    if unit == "Q" and (re.search(r"-quarters", m.group(0), re.IGNORECASE) or _FRACTION_OF.match(ctx.text, m.end())):
        return None  # "three-quarters of", "about a quarter, of its dealers": a fraction
    if ctx.lang == "ru" and re.search(r"году\W*$", m.group(0), re.IGNORECASE):
        return None  # "в 2999 году": a (far) year, a length would be "лет"
    if groups.get("half"):
        return Resolved("DURATION", dates.duration(0.5, unit))
    if groups.get("vague") or not groups.get("num"):
        # "for years", "decades-long" count units the text does not give; "the entire year" and
        # "day-long" are one
        whole = re.search(r"(?:entire|whole)\s+\w+$|^\w+-long$", m.group(0), re.IGNORECASE) and \
            not re.search(r"s(?:-long)?$", m.group(0), re.IGNORECASE)
        return Resolved("DURATION", dates.duration(1 if whole else None, unit), confidence=INFERRED)
    n = number(m["num"], ctx.lex)
    if n is None:
        return None
    if unit == "S" and n == 1 and _ORDINAL_USE.match(ctx.text, m.end()):
        return None  # "a second group": the ordinal
    if re.search(r"and\s+a\s+half", m.group(0), re.IGNORECASE):
        n += 0.5
    return Resolved("DURATION", dates.duration(n, unit))


# "a quarter of" a count or a whole is a fraction; "a quarter of a century" is still time
_FRACTION_OF = re.compile(r"\s*,?\s+of\s+(?!an?\s+(?:century|year|decade|hour|mile)\b)", re.IGNORECASE)


def period_ended(m: re.Match[str], ctx: Context) -> Resolved:
    """"(results for) the year ended March 31": the accounting period is a length; the date
    that closes it is its own expression."""
    return Resolved("DURATION", "P1Y")


_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def quarter(m: re.Match[str], ctx: Context) -> Resolved:
    groups = m.groupdict()
    year_back = bool(re.search(r"year[-\s](?:earlier|ago|before)|(?:last|previous|prior)\s+year", m.group(0),
                               re.IGNORECASE))
    # "the same period last year" repeats whatever period is in focus, a month as well as a quarter
    same = bool(re.match(r"the\s+(?:same|corresponding|comparable)\b", m.group(0), re.IGNORECASE))
    if not groups.get("qord") and groups.get("year2"):
        # "the 1988 quarter": the quarter in focus, in that year (the year alone when none is)
        if not dates.is_quarter(ctx.period):
            return Resolved("DATE", f"{int(groups['year2']):04d}")
        return Resolved("DATE", f"{int(groups['year2']):04d}-{ctx.period[5:]}", True, NARRATIVE)
    if not groups.get("qord") and not year_back:
        closing = _closing_day(m, ctx)
        if closing:  # "the quarter ended July 31": the calendar quarter holding most of it
            return Resolved("DATE", dates.fmt(closing - timedelta(days=45), "Q"), True, INFERRED)
    if not groups.get("qord"):
        # "the quarter", "the latest period": in results news, the last completed quarter
        if year_back:
            anchored = _from_focus(1, "Y", ctx, quarters_only=not same)
            if anchored:
                return anchored
        if ctx.ref is None:
            return Resolved("DATE", "XXXX-QX", True, UNRESOLVED)
        d = dates.shift(ctx.ref, -1 - 4 * year_back, "Q")
        return Resolved("DATE", dates.fmt(d, "Q"), True, NARRATIVE)
    q = _QUARTER[m["qord"].lower()]
    explicit = _int(groups.get("year")) or _int(groups.get("year2"))
    if explicit:
        return Resolved("DATE", f"{explicit:04d}-Q{q}")
    if ctx.ref is None or _HABITUAL.search(ctx.text, max(0, m.start() - 60), m.start()):
        # "usually conducted in the second quarter": any year's, the generic TimeML value
        return Resolved("DATE", f"XXXX-Q{q}", True, UNRESOLVED)
    year = ctx.ref.year
    shift = _mod(groups.get("qmod") or groups.get("qmod2"), ctx.lex)
    if shift is not None:
        year += shift
    elif year_back:
        year -= 1
    elif q > (ctx.ref.month - 1) // 3 + 1 and ctx.tense < 0:
        year -= 1  # a quarter still ahead this year, reported in the past tense: last year's
    return Resolved("DATE", f"{year:04d}-Q{q}", True, GUESSED)


def _closing_day(m: re.Match[str], ctx: Context) -> date | None:
    """The day named in "(the quarter) ended July 31" right after the expression, if any."""
    if ctx.ref is None or ctx.lang != "en":
        return None
    after = re.match(rf"\s+(?:that\s+)?(?P<verb>ended|ending|ends)\s+(?P<month>{alternation(ctx.lex.months)})"
                     r"\s+(?P<day>[0-3]?\d)\b", ctx.text[m.end():m.end() + 40], re.IGNORECASE)
    month = _month(after, ctx) if after else None
    if after is None or month is None:
        return None
    day = dates.make_date(ctx.ref.year, month, int(after["day"]))
    if day and day > ctx.ref and after["verb"].lower() == "ended":  # a closed period is behind
        day = dates.make_date(ctx.ref.year - 1, month, int(after["day"]))
    return day


_HABITUAL = re.compile(r"\b(?:usually|typically|normally|generally|traditionally|customarily)\b[^.;]*$", re.IGNORECASE)


def half(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"the first half of 1998" = 1998-H1; "of last year" counts from the reference."""
    h = 1 if m["half"].lower() == "first" else 2
    if m["year"]:
        return Resolved("DATE", f"{int(m['year']):04d}-H{h}")
    shift = _mod(m["qmod"], ctx.lex)
    if ctx.ref is None or shift is None:
        return Resolved("DATE", f"XXXX-H{h}", True, UNRESOLVED)
    if not _year_ok(ctx.ref.year + shift, ctx):
        return Resolved("DATE", None, confidence=INVALID)
    return Resolved("DATE", f"{ctx.ref.year + shift:04d}-H{h}", True, INFERRED)


def year_ago(m: re.Match[str], ctx: Context) -> Resolved:
    anchored = _from_focus(1, "Y", ctx, quarters_only=False)
    if anchored:
        return anchored
    if ctx.ref is None:
        return Resolved("DATE", "XXXX", True, UNRESOLVED)
    return Resolved("DATE", f"{ctx.ref.year - 1:04d}", True, GUESSED)


def weekend(m: re.Match[str], ctx: Context) -> Resolved:
    """"the weekend": the last one in a past-tense clause, the coming one otherwise."""
    if ctx.ref is None:
        return Resolved("DATE", "XXXX-WXX-WE", True, UNRESOLVED)
    saturday = dates.weekday_near(ctx.ref, 5, 1 if ctx.future else -1)
    return Resolved("DATE", dates.fmt(saturday, "WE"), True, GUESSED)


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """n-th (1-based; -1 = last) `weekday` of a month."""
    if n < 0:
        last = dates.shift(date(year, month, 1), 1, "M") - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    r"christmas\s+eve": lambda y: date(y, 12, 24),
    r"christmas(?:\s+day)?": lambda y: date(y, 12, 25),
    r"new\s+year's\s+eve": lambda y: date(y, 12, 31),
    r"new\s+year's(?:\s+day)?": lambda y: date(y, 1, 1),
    r"independence\s+day": lambda y: date(y, 7, 4),
    r"valentine's\s+day": lambda y: date(y, 2, 14),
    r"halloween": lambda y: date(y, 10, 31),
    r"thanksgiving(?:\s+day)?": lambda y: _nth_weekday(y, 11, 3, 4),
    r"labor\s+day": lambda y: _nth_weekday(y, 9, 0, 1),
    r"memorial\s+day": lambda y: _nth_weekday(y, 5, 0, -1),
    r"easter(?:\s+sunday)?": _easter,
    r"easter\s+week": _easter,
    r"election\s+day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
}


def holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = lookup(m["holiday"], {k: k for k in _HOLIDAYS})
    if name is None:
        return None
    if ctx.ref is None:
        return Resolved("DATE", None, True, UNRESOLVED)
    shift = _mod(re.match(r"\w+", m.group(0))[0], ctx.lex) if m.group(0) != m["holiday"] else None
    when = _HOLIDAYS[str(name)]
    options = [when(y) for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)]
    if shift is None or shift == 0:
        future = ctx.future if shift is None else _HOLIDAYS[str(name)](ctx.ref.year) >= ctx.ref
        pick = min((d for d in options if d >= ctx.ref), default=options[-1]) if future else \
            max((d for d in options if d <= ctx.ref), default=options[0])
    elif shift < 0:
        pick = max(d for d in options if d < ctx.ref)
    else:
        pick = min(d for d in options if d > ctx.ref)
    value = dates.fmt(pick, "W") if "week" in m["holiday"].lower() else pick.isoformat()
    return Resolved("DATE", value, True, GUESSED)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = lookup(m["season"], ctx.lex.seasons)
    if code is None:
        return None
    explicit = _int(m.groupdict().get("year"))
    if explicit:
        return Resolved("DATE", f"{explicit:04d}-{code}")
    shift = _mod(m.groupdict().get("mod"), ctx.lex)
    if ctx.ref is None or shift is None:
        return Resolved("DATE", f"XXXX-{code}", True, UNRESOLVED)
    start = _SEASON_START[str(code)]
    inside = start <= ctx.ref.month <= start + 2 or (code == "WI" and ctx.ref.month <= 2)
    year = ctx.ref.year - (1 if code == "WI" and ctx.ref.month <= 2 else 0)
    if shift < 0:
        year -= 1 if inside or start > ctx.ref.month else 0
    elif shift > 0:
        year += 1 if inside or start < ctx.ref.month else 0
    return Resolved("DATE", f"{year:04d}-{code}", True, GUESSED)


def clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    groups = m.groupdict()
    if groups.get("noon"):
        hh, mm = (0 if groups["noon"].lower() == "midnight" else 12), 0
    else:
        hh, mm = int(m["hh"]), int(groups.get("mm") or 0)
        ampm = (groups.get("ampm") or "").lower()
        if ampm:
            if not 1 <= hh <= 12:
                return None
            hh = hh % 12 + (12 if ampm.startswith("p") else 0)
        elif hh > 23:
            return None
    if groups.get("pod") and not groups.get("ampm"):
        hh += 12 if groups["pod"].lower() in ("afternoon", "evening") and hh < 12 else 0
    if groups.get("month"):
        base = md_values(_month(m, ctx), _int(groups.get("day")), ctx)
    elif groups.get("weekday"):
        base = weekday(m, ctx)
    elif groups.get("dayword"):
        base = dayword(m, ctx)
    else:
        base = _day(0, ctx)
        base.confidence = min(base.confidence, NARRATIVE)  # a bare clock time: the day is assumed
    if base is None or base.value is None:
        return None
    stamp = base.value.split("T")[0]
    floating = not (groups.get("month") or groups.get("weekday") or groups.get("dayword"))
    zone = "Z" if _UTC.search(m.group(0)) else ""  # ISO 8601's mark of universal time
    return Resolved("TIME", f"{stamp}T{hh:02d}:{mm:02d}{zone}", base.relative, base.confidence, floating)


_UTC = re.compile(r"\b(?:UTC|GMT)\b")


def ref(m: re.Match[str], ctx: Context, value: str) -> Resolved | None:
    if m.group(0) == "Now" and _DISCOURSE_NOW.match(ctx.text, m.end()):
        return None  # "Now, he says, ...", "Now for the weather": a discourse marker (TimeML), no time
    if ctx.text.startswith("-", m.end()):
        return None  # "the now-defunct airline": part of an adjective, not a time of its own
    return Resolved("DATE", value)


_DISCOURSE_NOW = re.compile(r"\s*,|\s+for\b")


def set_(m: re.Match[str], ctx: Context) -> Resolved | None:
    value = lookup(m["set"], ctx.lex.sets)
    return None if value is None else Resolved("SET", str(value))


def set_freq(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"twice a week": TimeML puts the count in a freq attribute; the value is the period."""
    unit = _unit(m, ctx)
    if unit is None:
        return None
    return Resolved("SET", dates.duration(1, unit))


def week_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """"the week of March 6": the ISO week holding that day."""
    day = md(m, ctx)
    span = dates.interval(day.value) if day else None
    if day is None or span is None:
        return day
    return Resolved("DATE", dates.fmt(span[0], "W"), day.relative, day.confidence)


def set_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    wd = _weekday(m, ctx)
    if wd is None:
        return None
    suffix = _pod(m, ctx) if m.groupdict().get("pod") else ""
    return Resolved("SET", f"XXXX-WXX-{wd + 1}{suffix}")


def set_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = _month(m, ctx)
    return None if month is None else Resolved("SET", f"XXXX-{month:02d}")


NORMALIZERS: dict[str, Callable[..., Resolved | None]] = {
    "iso": iso, "ymd": ymd, "numeric": numeric, "md": md, "my": my, "m": month_alone,
    "m_rel": month_rel, "y": year, "roc_year": roc_year, "decade": decade, "century": century, "dayword": dayword,
    "dayword_pod": dayword_pod, "pod_dayword": dayword_pod, "this_pod": this_pod,
    "last_night": last_night, "next_pod": next_pod, "story_day": story_day, "weekday": weekday,
    "rel_unit": rel_unit, "ago": ago, "after": after, "in": within, "duration": duration,
    "period_ended": period_ended, "quarter": quarter, "season": season, "clock": clock, "ref": ref,
    "weekday_md": weekday_md, "year_ago": year_ago, "weekend": weekend, "holiday": holiday,
    "set": set_, "set_weekday": set_weekday, "set_month": set_month, "set_freq": set_freq,
    "week_of": week_of, "half": half,
}
