"""Find time expressions in a text and normalise them to TimeML TIMEX3 against a reference date.

Every rule of the language's grammar runs over the text; overlapping matches are settled by
keeping the longest (then the earliest rule), as HeidelTime does, so "the day before yesterday"
beats "yesterday" and "Friday morning" beats "Friday". The tense of the clause decides which way
an unanchored "Friday" or "February 5" goes from the reference: news mostly reports the past, so
past is the default and a future cue ("will", "va", "будет", "将", the futurate "talks resume")
flips it. Where the clause gives no tense for the date (no cue, an infinitive after the past verb,
a prospective "planned" or "until"), the nearer occurrence wins, going ahead costing more.
"""
from __future__ import annotations

import logging
import re
from datetime import timedelta
from functools import cache, partial

from newsprism.records import TimeExpr
from newsprism.time import dates
from newsprism.time.grammar import RULES, rules, trigger
from newsprism.time.lexicon import LEXICONS, lookup
from newsprism.time.normalize import NARRATIVE, NORMALIZERS, Context

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000  # one hostile document must not stall a batch
# A sentence break: not after an initial ("Daniel P. Davison"), a title ("Mr. Smith") or a clock
# abbreviation ("10 a.m. Friday"), and not before a lower-case word.
_NO_BREAK = r"(?<!\b[A-Za-z])(?<!\bvs)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\b[ap]\.m)"
_SENTENCE_END = re.compile(_NO_BREAK + r"[.!?。！？]\s(?![a-z(])|\n")
_SENTENCE_START = re.compile(_NO_BREAK + r"[.!?。！？]+[\"'”»)]*\s+(?![a-z(])|\n")
_CUE_WINDOW = 80  # characters around an expression searched for tense cues
_GOVERNED = re.compile(r"\s+(?:(?:on|in|at)\s+)?")
# An infinitive between a past verb and the expression heads a clause of its own, whose time
# the past verb does not fix ("to" before a determiner, a number or a name is a preposition).
_INFINITIVE = re.compile(r"\bto\s+(?!(?:the|a|an|its|his|her|their|this|that|be|have)\b)[a-z]{2,}\b(?!ed\b)")
_CLAUSE_REACH = 200  # characters after an expression still searched when its sentence goes on
_GOVERNS = 30  # a future cue this close to an -ed word makes it a participle ("will be paid")
_WINDOW_REACH = 80  # characters scanned either side of a trigger word
_YEAR_TO_DATE = re.compile(r"the\s+(?:first\s+|latest\s+)?(?:six|nine|6|9)\s+months", re.IGNORECASE)
_PERIOD_REACH = 1500  # characters over which a mentioned quarter stays the period in focus

_FUNCTION_WORDS = {
    "en": r"the|and|of|to|in|is|was|that|for|with|said|on",
    "fr": r"le|la|les|des|et|est|une|dans|du|que|pour|qui|avec",
    "es": r"el|los|las|del|y|es|una|en|que|por|con|para|se",
    "de": r"der|die|das|und|ist|nicht|ein|eine|mit|von|den|dem|sich|auf",
}


@cache
def _function_words(lang: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_FUNCTION_WORDS[lang]})\b", re.IGNORECASE)


def guess_language(text: str) -> str:
    """Which grammar to run when the caller gives no language: script first, then the Latin
    language whose function words are most frequent. Only chooses among supported grammars."""
    sample = text[:5000]
    if len(re.findall(r"[\u4e00-\u9fff]", sample)) > 5:
        return "zh"
    if len(re.findall(r"[\u0400-\u04ff]", sample)) > len(sample) * 0.2:
        return "ru"
    scores = {lang: len(_function_words(lang).findall(sample)) for lang in _FUNCTION_WORDS}
    return max(scores, key=lambda lang: (scores[lang], lang == "en"))


@cache
def _cue_regex(lang: str) -> re.Pattern[str]:
    lex = LEXICONS[lang]
    return re.compile(f"(?P<future>{lex.future})|(?P<prospective>{lex.prospective})|(?P<past>{lex.past})|"
                      f"(?P<weak>{lex.weak_past})", re.IGNORECASE)


def _tense(text: str, start: int, end: int, lang: str) -> int:
    """Tense of the clause around [start, end) as -1 past, +1 future, 0 unknown (-2: a past
    verb right before the expression, which then cannot lie ahead): the nearest tense cue
    before the expression decides ("said Friday it will ..." is past), else the nearest one
    after it."""
    window_start = max(0, start - _CUE_WINDOW)
    bounds = list(_SENTENCE_START.finditer(text, window_start, start))
    left = text[bounds[-1].end() if bounds else window_start:start]
    right_match = _SENTENCE_END.search(text, end, end + _CUE_WINDOW)
    right = text[end:right_match.start() if right_match else end + _CUE_WINDOW]
    cues = _cue_regex(lang)
    for before, found in ((True, list(cues.finditer(left))[::-1]), (False, list(cues.finditer(right)))):
        if not found:
            continue
        nearest = found[0]
        if nearest.lastgroup == "weak" and len(found) > 1 and found[1].lastgroup == "future" and \
                min(abs(found[1].start() - nearest.end()), abs(nearest.start() - found[1].end())) < _GOVERNS:
            return 1  # "would be paid on a still unspecified date": the -ed word is no verb
        if nearest.lastgroup == "future":
            return 1
        if nearest.lastgroup == "prospective":
            # "will stay closed until Monday" is still ahead; "gave them until Monday" may be
            return 1 if any(f.lastgroup == "future" for f in found[1:]) else 0
        if before and _INFINITIVE.search(left, nearest.end()):
            return 0  # "announced an agreement to acquire it in January": the plan is past, not its date
        # "the year ended March 31", "closed on Wednesday": the past verb governs the date itself
        governs = before and " " not in nearest.group(0) and _GOVERNED.fullmatch(left, nearest.end())
        return -2 if governs else -1
    if right_match is None:  # a long clause: its verb may come after the window ("In January, a
        # week after the anniversary of the ruling, a bombing ... killed a guard")
        far_end = _SENTENCE_END.search(text, end + _CUE_WINDOW, end + _CLAUSE_REACH)
        far = list(cues.finditer(text[end + _CUE_WINDOW:far_end.start() if far_end else end + _CLAUSE_REACH]))
        if far:
            return 1 if far[0].lastgroup == "future" else (0 if far[0].lastgroup == "prospective" else -1)
    return 0


def _windows(text: str, lang: str) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged and widened to whitespace, so the full
    grammar only runs where a time expression can be (most of a news text has none)."""
    found = trigger(lang)
    if found is None or len(text) < _WINDOW_REACH * 8:
        return [(0, len(text))]
    spans: list[list[int]] = []
    for m in found.finditer(text):
        start, end = max(0, m.start() - _WINDOW_REACH), min(len(text), m.end() + _WINDOW_REACH)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    out = []
    for start, end in spans:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        out.append((start, end))
    return out


def _candidates(text: str, lang: str) -> list[tuple[int, int, int, object]]:
    found = []
    windows = _windows(text, lang)
    for order, rule in enumerate(rules(lang)):
        for start, end in windows:
            for m in rule.regex.finditer(text, start, end):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), order, (rule, m)))
    return found


def _select(found: list[tuple[int, int, int, object]], length: int) -> list[tuple[int, int, int, object]]:
    """Longest non-overlapping matches; ties go to the rule listed first. A per-character
    occupancy map keeps this linear on texts dense with dates."""
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = bytearray(length)
    kept = []
    for cand in found:
        if 1 in taken[cand[0]:cand[1]]:
            continue
        taken[cand[0]:cand[1]] = b"\x01" * (cand[1] - cand[0])
        kept.append(cand)
    return sorted(kept, key=lambda c: c[0])


def find_timexes(text: str, reference: str | None, lang: str | None = None) -> list[TimeExpr]:
    """Time expressions of `text` with TimeML type/value, resolved against `reference` (ISO date).

    Never raises: unreadable input gives an empty list, an unreadable reference is treated as
    none (relative expressions then keep X placeholders and low confidence)."""
    if not isinstance(text, str) or not text.strip():
        return []
    text = text[:MAX_CHARS]
    lang = (lang or "").lower().split("-")[0]
    if lang not in RULES:
        lang = guess_language(text)
    ref = dates.parse_reference(reference)
    anchor = ref.isoformat() if ref else None
    out: list[TimeExpr] = []
    floating: list[int] = []  # indexes in `out` of clock times still on the assumed day
    focus, period, period_end = None, None, -1
    for start, end, _, (rule, m) in _select(_candidates(text, lang), len(text)):
        nearby_period = period if start - period_end < _PERIOD_REACH else None
        ctx = Context(ref, partial(_tense, text, start, end, lang), lang, LEXICONS[lang], text, focus, nearby_period)
        try:
            norm = NORMALIZERS[rule.kind]
            res = norm(m, ctx, rule.value) if rule.value is not None else norm(m, ctx)
        except Exception as exc:  # a normaliser bug on odd input must not lose the document
            log.debug("timex normaliser %s failed on %r: %s", rule.kind, m.group(0), exc)
            continue
        if res is None:
            continue
        if res.type == "DATE" and dates.interval(res.value) and res.confidence > NARRATIVE:
            focus = res.value  # narrative-relative values do not move the anchor they came from
            if dates.is_quarter(res.value):
                period, period_end = res.value, end
        elif res.type == "DURATION" and period and _YEAR_TO_DATE.fullmatch(m.group(0)):
            # "the nine months" after a quarter's results: the fiscal year so far is now the
            # period in focus, so "a year earlier" is the year before, not the quarter before
            period, period_end = period[:4], end
        span_start, span_end = _trim(text, start, end)
        if rule.kind != "holiday" and _in_title(text, span_start, span_end, lang):
            continue
        if res.floating:
            floating.append(len(out))
        out.append(TimeExpr(
            text=text[span_start:span_end], start=span_start, end=span_end, type=res.type,
            value=res.value, anchor=anchor if res.relative and ref else None,
            relative=res.relative, confidence=round(res.confidence, 3),
        ))
    for i in floating:
        _attach_day(text, out, i)
    if lang == "en":
        for t in out:
            _day_next_to(text, t)
    return out


# "the day before last Tuesday's hearing", "the day after March 3": one expression, a day
# from the one named (as "the day before yesterday" is)
_DAY_NEXT_TO = re.compile(r"(?:\b[Tt]he\s+)?\bday\s+(?P<side>before|after)\s+$")


def _day_next_to(text: str, t: TimeExpr) -> None:
    m = _DAY_NEXT_TO.search(text, max(0, t.start - 20), t.start)
    if m is None or t.type != "DATE" or not _DAY_VALUE.match(t.value or ""):
        return
    day = dates.parse_reference(t.value)
    if day is None:
        return
    t.value = (day + timedelta(days=1 if m["side"] == "after" else -1)).isoformat()
    t.start, t.text = m.start(), text[m.start():t.end]


# What may stand between a clock time and the day it belongs to: "Friday at 10 a.m.",
# "10:35 a.m. (0735 GMT) Friday", "9 a.m. on Tuesday".
_DAY_BEFORE = re.compile(r"[\s,]*(?:at\s+|,\s*)?(?:about\s+|around\s+)?")
_DAY_AFTER = re.compile(r"\s*(?:\([^()\n]{1,25}\)\s*)?,?\s*(?:on\s+)?")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def _attach_day(text: str, found: list[TimeExpr], i: int) -> None:
    """Give a bare clock time the day named right next to it, else earlier in its sentence,
    instead of the assumed reference day."""
    clock = found[i]
    for j, gap in ((i - 1, _DAY_BEFORE), (i + 1, _DAY_AFTER)):
        if not 0 <= j < len(found) or found[j].type != "DATE" or not _DAY_VALUE.match(found[j].value or ""):
            continue
        day = found[j]
        left, right = (day.end, clock.start) if j < i else (clock.end, day.start)
        if gap.fullmatch(text, left, right):
            _set_day(clock, day)
            return
    # else the day named earlier in its sentence ("flew Tuesday in Everett at 18:00 UTC")
    if i > 0 and found[i - 1].type == "DATE" and _DAY_VALUE.match(found[i - 1].value or "") \
            and not _SENTENCE_END.search(text, found[i - 1].end, clock.start):
        _set_day(clock, found[i - 1])


def _set_day(clock: TimeExpr, day: TimeExpr) -> None:
    clock.value = (day.value or "") + "T" + (clock.value or "").split("T")[1]
    clock.relative, clock.anchor, clock.confidence = day.relative, day.anchor, day.confidence


def _in_title(text: str, start: int, end: int, lang: str) -> bool:
    """Part of a name or title ("This Week", "60 Minutes", "High Noon", "USA Today"): a word that
    is lower-case in running text is capitalised away from a sentence start. Month and weekday
    names are capitalised anyway and prove nothing; German capitalises every noun."""
    if lang not in ("en", "fr", "es"):
        return False
    lex = LEXICONS[lang]
    head = text[max(0, start - 3):start].rstrip()
    sentence_start = not head or head[-1] in ".!?:\n\"“«(—-" or start == 0
    before = text[max(0, start - 30):start]
    after_name = bool(re.search(r"[A-Z][\w'&.-]*\s+$", before)) and not sentence_start
    for i, m in enumerate(re.finditer(r"[^\W\d_]+", text[start:end])):
        word = m.group(0)
        if not word.istitle() or lookup(word, lex.months) or lookup(word, lex.weekdays):
            continue
        if i > 0 or after_name:
            return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t,;:":
        end -= 1
    while start < end and text[start] in " \t":
        start += 1
    return start, end


def implied_dates(text: str, lang: str | None = None) -> list[str]:
    """Absolute years and dates the text states by itself (no reference needed), in order:
    evidence against a page date that is years away from everything the article talks about."""
    found = find_timexes(text, None, lang)
    out = []
    for t in found:
        if t.type == "DATE" and t.value and not t.relative and t.confidence >= 0.5 and dates.interval(t.value):
            out.append(t.value)
    return out
