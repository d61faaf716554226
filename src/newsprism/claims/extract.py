"""Claim extraction: one `Claim` per factual statement of an article.

A news sentence often carries several statements ("Moscow confirmed the talks; the ministry will
publish the text"), and each can be confirmed, omitted or contradicted by another outlet on its
own, so sentences are split on clause boundaries first. Each clause then gets the fields that
alignment and conflict typing compare: subject/action/object, numbers with units, resolved dates,
places, entity ids, status (done, planned, agreed, proposed, denied, reported, alleged), negation
and attribution.

Splitting and cue detection are rule-based with the multilingual lists of `lexicon`, so every
language gets a usable claim; spaCy's parser (en, fr) only refines subject/action/object. Dates
come from `Article.timexes` (the time stage) and entities from `Article.mentions`; when those are
empty a light month/day scan and capitalised-span heuristics stand in.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import re
import unicodedata

from newsprism import nlp
from newsprism.claims import lexicon
from newsprism.records import Article, Claim, Quantity

log = logging.getLogger(__name__)

MIN_WORDS = 4  # shorter lines are headings, bylines or debris, not statements
HEADING_WORDS = 20  # an unpunctuated line this long is a run-on paragraph, not a heading
MAX_CLAIMS = 400  # per article: a page that splits into more is a list or a dump
ANCHOR_CONFIDENCE = 0.5  # Article.published_confidence below which relative dates are not trusted

_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Mt|No|vs|etc|approx|Inc|Ltd|Co|"
    r"Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mme|Mlle|Sra|Sr|Dra|Hr|Fr|bzw|ca|"
    r"z\.B|u\.a)|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$"
)
_SENT_END = re.compile(r"[.!?…]+[\"'”»)]*\s+(?=[\"'“«(¿¡]?[A-ZÀ-ÖØ-Þ0-9])")
_NUM = re.compile(
    r"(?<![\w.,])([$€£])?\s?(\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(%))?(?![\w])"
)
_WORD = re.compile(r"[\wÀ-ÿ'’-]+|[%$€£]")
# Future tense by ending, for languages whose future has no auxiliary (es lanzará, fr reprendront).
_FUTURE_HINTS = {
    "es": re.compile(r"\b\w{2,}(?:rá|rán)\b", re.I),
    "fr": re.compile(r"\b\w+(?:era|eront|ira|iront|dra|dront|ura|uront)\b", re.I),
}
_PAST_HINTS = re.compile(
    r"\b(?:was|were|had|has been|have been|did)\b|\b\w{3,}ed\b|"
    r"\b(?:a|ont|avait|avaient|a été|ont été)\s+\w+[éiut]e?s?\b|"
    r"\b\w{3,}(?:ó|aron|ieron|ió)\b|\b(?:ha|han|había|habían)\s+\w+(?:ado|ido)\b|"
    r"\b(?:hat|haben|hatte|hatten|ist|sind|wurde|wurden)\b",
    re.I,
)


def extract_claims(article: Article) -> list[Claim]:
    """Claims of `article`, in text order; empty for an error record or a text without statements."""
    try:
        if article.status != "ok" or not article.text:
            return []
        claims = []
        for start, end in split_sentences(article.text):
            sentence = article.text[start:end]
            if not _is_statement(sentence):
                continue
            for cstart, cend in split_clauses(sentence):
                claim = _claim(article, sentence, start, end, sentence[cstart:cend], start + cstart)
                if claim:
                    claims.append(claim)
            if len(claims) >= MAX_CLAIMS:
                break
        _parse(claims)
        return claims
    except Exception:  # one bad page must not stop the batch
        log.exception("claim extraction failed for %s", article.id)
        return []


def claim_of(text: str, lang: str | None = None, article_id: str = "") -> Claim:
    """One claim for a whole short text, unsplit: the unit of pairwise comparison (a sentence
    pair to judge as agreeing or contradicting)."""
    art = Article(id=article_id or "pair", source="pair", language=lang, text=text)
    claim = _claim(art, text, 0, len(text), text, 0) or Claim(
        id=article_id, article_id=article_id, text=text, sentence=text, start=0, end=len(text), lang=lang
    )
    _parse([claim])
    return claim


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; a line break always ends a sentence (headings, captions, list items)."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base, chunk = line.start(), line.group()
        cut = 0
        for m in _SENT_END.finditer(chunk):
            if _ABBREV.search(chunk[cut : m.start() + 1].rstrip("\"'”»)")):
                continue
            spans.append((base + cut, base + m.end()))
            cut = m.end()
        spans.append((base + cut, base + len(chunk)))
    return [(a + _lead(text[a:b]), b - _trail(text[a:b])) for a, b in spans if text[a:b].strip()]


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())


def _trail(s: str) -> int:
    return len(s) - len(s.rstrip())


def _is_statement(sentence: str) -> bool:
    """A statement has enough words, is no question and is not a bare heading."""
    s = sentence.strip()
    if s.endswith("?") or s.startswith("¿") or len(_WORD.findall(s)) < MIN_WORDS:
        return False
    # Headings, captions and teasers end without closing punctuation; body sentences do not.
    return s[-1] in ".!…\"'”»)" or len(_WORD.findall(s)) >= HEADING_WORDS


_OPENER_RE = re.compile(
    r"(?<=[a-zà-ÿ0-9\"”»)])[,;]?\s+(?=(?:%s)\b,?\s)"
    % "|".join(re.escape(o.capitalize()) for o in lexicon.CLAUSE_OPENERS)
)
_COORD_RE = re.compile(
    r",\s+(?:%s)\s+(?=\S)" % "|".join(re.escape(c) for c in lexicon.COORDINATORS + ["but", "mais", "pero", "aber"])
)
_NEW_SUBJECT = re.compile(
    r"(?:the|a|an|its|his|her|their|this|he|she|they|it|we|le|la|les|l'|il|elle|ils|elles|on|"
    r"el|los|las|él|ella|ellos|der|die|das|er|sie|es|[A-ZÀ-Þ][\w'-]*)\b"
    # or a bare noun phrase followed by its own verb: ", and freight forwarders said ..."
    r"|(?:[\w'-]+\s+){1,3}(?:said|say|says|told|will|would|have|has|had|were|was|are|is|"
    r"dijo|dijeron|ont|sont|est|han|ha|hat|haben|wird|werden)\b",
)


# "MONTEVIDEO — " / "PARIS (Reuters) - ": where the story was filed, not part of the statement.
_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*[—–-]\s+")
_OPENER_PREFIX = re.compile(
    r"^(?:%s)\s*,\s*" % "|".join(re.escape(o) for o in lexicon.CLAUSE_OPENERS), re.I
)


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence: at "; ", at a capitalised opener ("However,") running on
    without a full stop, and at ", and"/", but" when a new subject follows."""
    cuts = {0, len(sentence)}
    for m in re.finditer(r";\s+", sentence):
        cuts.add(m.end())
    for m in _OPENER_RE.finditer(sentence):
        cuts.add(m.end())
    for m in _COORD_RE.finditer(sentence):
        rest = sentence[m.end() :]
        before = sentence[: m.start()].split()
        # ", Andrés Solana, and the Portuguese minister ...": a list of names, not of clauses.
        apposed = bool(before) and before[-1][:1].isupper()
        if _NEW_SUBJECT.match(rest) and len(rest.split()) >= MIN_WORDS and not apposed:
            cuts |= {m.start(), m.end()}
    points = sorted(cuts)
    spans = []
    for a, b in zip(points, points[1:]):
        seg = sentence[a:b]
        a2, b2 = a + _lead(seg), b - _trail(seg)
        text = sentence[a2:b2].rstrip(",;")
        if len(_WORD.findall(text)) >= MIN_WORDS - 1:
            spans.append((a2, a2 + len(text)))
    return spans or [(0, len(sentence))]


def _claim(article: Article, sentence: str, start: int, end: int, clause: str, cstart: int) -> Claim | None:
    lang = (article.language or "en").split("-")[0].lower()
    core, attribution = split_attribution(_OPENER_PREFIX.sub("", _DATELINE.sub("", clause)))
    if len(_WORD.findall(core)) < MIN_WORDS - 1:
        return None
    low = " " + core.lower() + " "
    cid = hashlib.sha1(f"{article.id}:{cstart}:{clause}".encode()).hexdigest()[:16]
    cend = cstart + len(clause)
    mentions = [m for m in article.mentions if m.start < cend and m.end > cstart]
    timex_dates = claim_dates(article, cstart, cend)
    return Claim(
        id=cid,
        article_id=article.id,
        text=core,
        sentence=sentence,
        start=start,
        end=end,
        numbers=find_quantities(core),
        dates=timex_dates or find_dates(core),
        places=[m.text for m in mentions if m.type in ("GPE", "LOC")],
        entities=sorted({m.entity_id for m in mentions if m.entity_id}),
        status=_dated_status(detect_status(main_clause(low), attribution, lang), timex_dates or find_dates(core), article),
        negated=is_negated(main_clause(low)),
        attribution=attribution,
        lang=lang,
    )


def clause_span(c: Claim) -> tuple[int, int]:
    """Offsets in Article.text of what the claim asserts (its clause without attribution)."""
    at = c.sentence.find(c.text)
    return (c.start + at, c.start + at + len(c.text)) if at >= 0 else (c.start, c.end)


def refresh_links(article: Article) -> None:
    """Re-read what the corpus phase settles after claims were extracted in the document phase:
    dates (`time.date_events` re-anchors relative ones) and entity ids (`entities.canonicalize`)."""
    for c in article.claims:
        start, end = clause_span(c)
        if article.timexes:
            c.dates = claim_dates(article, start, end) or find_dates(c.text)
        c.entities = sorted({m.entity_id for m in article.mentions
                             if m.entity_id and m.start < end and m.end > start})


def claim_dates(article: Article, start: int, end: int) -> list[str]:
    """Resolved dates of the time expressions inside [start, end). A relative expression ("next
    Friday") resolved against a publication date the clean stage was unsure of is no date."""
    # time.date_events records in extra["anchor"] a date it re-anchored the article on.
    sure_anchor = article.published_confidence >= ANCHOR_CONFIDENCE or bool(article.extra.get("anchor"))
    return [
        t.value for t in article.timexes
        if t.start < end and t.end > start and t.value and t.type in ("DATE", "TIME")
        and (sure_anchor or not t.relative)
    ]


def has_cue(low: str, cues: list[str] | tuple[str, ...]) -> bool:
    """Some cue of the list occurs in the lower-cased text: as a word start when it ends in a
    space ("will "), else as a whole word."""
    return _cue_pattern(tuple(cues)).search(low) is not None


@functools.cache
def _cue_pattern(cues: tuple[str, ...], whole_words: bool = False) -> re.Pattern[str]:
    """One regex for a cue list, compiled once: every claim is checked against every list."""
    words = [c.lower() for c in cues]
    starts = [] if whole_words else [w for w in words if w.endswith(" ")]
    whole = [w for w in words if w not in starts]
    parts = ([r"(?<![\w])(?:%s)" % "|".join(map(re.escape, starts))] if starts else []) + \
        ([r"(?<![\w'])(?:%s)(?![\w])" % "|".join(map(re.escape, whole))] if whole else [])
    return re.compile("|".join(parts) or r"(?!)")


_PARENTHETICAL = re.compile(
    r",\s*(?:who|which|whose|where|qui|que|qu'|dont|où|quien|quienes|donde|cuyo|cuya|der|die|das|"
    r"without|sans|sin|ohne)\b[^,;]*(?:,|$)", re.I
)
_RELATIVE = re.compile(
    r"\b(?:which|who|whose|where|qui|dont|où|quien|quienes|donde|cuyo|cuya)\b|"
    r"\bthat\b(?=\s+(?:will|would|is|are|was|were|has|have|had|can|could)\b)", re.I
)


def main_clause(low: str) -> str:
    """The clause without its relative and parenthetical parts: "a pipeline that will carry gas"
    or "who is not related to X" say nothing about the status or polarity of the statement."""
    low = _PARENTHETICAL.sub(", ", low)
    m = _RELATIVE.search(low)
    return " " + (low[: m.start()] if m and m.start() > 10 else low).strip() + " "


def _dated_status(status: str, dates: list[str], article: Article) -> str:
    """A statement without tense cues about a day or year after publication is a plan."""
    pub = article.published or ""
    if status != "reported" or not re.match(r"\d{4}", pub):
        return status
    later = [d for d in dates if re.match(r"\d{4}(?:-\d{2}){0,2}$", d) and d > pub[: len(d)]]
    return "planned" if later else status


def detect_status(low: str, attribution: str | None = None, lang: str | None = None) -> str:
    """done / planned / agreed / proposed / denied / alleged / reported from cue words and tense."""
    for status, cues in lexicon.STATUS_CUES.items():
        if has_cue(low, cues):
            return status
    if has_cue(low, lexicon.REPORTED_CUES) and not attribution:
        return "reported"
    if lang in _FUTURE_HINTS and _FUTURE_HINTS[lang].search(low):
        return "planned"
    return "done" if _PAST_HINTS.search(low) else "reported"


_CONTRAST = re.compile(r",?\s+(?:but|mais|sino|pero|sondern|instead|rather|plutôt)\b|;\s")


def is_negated(low: str) -> bool:
    """The statement as a whole is negative. "Not X but Y" asserts Y, so a negation followed by
    a contrast is no negation of the claim."""
    first = _cue_pattern(tuple(lexicon.NEGATION_CUES + lexicon.NO_MENTION_CUES), whole_words=True).search(low)
    if not first:
        return False
    return not _CONTRAST.search(low, first.start())


def no_mention(low: str) -> bool:
    """The clause says a party's statement left something out ("did not mention")."""
    return has_cue(low, lexicon.NO_MENTION_CUES)


_SPEECH = "|".join(re.escape(v) for v in sorted(lexicon.SPEECH_VERBS, key=len, reverse=True))
_ACCORDING = "|".join(re.escape(v) for v in lexicon.ACCORDING_TO)
_NAME = r"[A-ZÀ-Þ][\w’'-]*(?:\s+[A-ZÀ-Þ][\w’'-]*){0,3}"
# A party is a short phrase, optionally with a name in apposition ("the health minister, Ana Ruiz,").
_PARTY = rf"([^,;:]{{2,80}}?(?:,\s*{_NAME},?)?)"
_SETTING = r"(?:\s+(?:in|on|at|during|to|en|dans|à|el|al|am|im|in|gegenüber)\s+(?:\w+\s+){0,3}?\w+)?"
_ATTR_PATTERNS = [
    # "According to a spokesman, X" / "X, according to the ministry"
    ("party_first", re.compile(rf"^(?:{_ACCORDING})\s+{_PARTY},\s*(.+)$", re.I | re.S)),
    ("core_first", re.compile(rf"^(.+?),\s*(?:{_ACCORDING})\s+([^,]{{2,80}}?)[.!]?$", re.I | re.S)),
    # "X, the ministry said (on Tuesday)." / "X, said the ministry."
    ("core_first", re.compile(rf"^(.+?)(?:,[\"”»’]?|[.!?][\"”»’])\s*((?:[\w’'.-]+\s+){{0,5}}?[\w’'.-]+)\s+(?:{_SPEECH})\b{_SETTING}[.!]?$", re.I | re.S)),
    ("core_first", re.compile(rf"^(.+?)(?:,[\"”»’]?|[.!?][\"”»’])\s*(?:{_SPEECH})\s+(?!that\b|que\b|dass\b)((?:[\w’'.-]+\s+){{0,5}}?[\w’'.-]+)[.!]?$", re.I | re.S)),
    # "The ministry said (in a statement) that X" / "Le ministre, Ana Ruiz, a déclaré que X"
    ("party_first", re.compile(rf"^{_PARTY}\s+(?:{_SPEECH})\b(?:\s+[^,]{{0,40}}?)?\s+(?:that|que|qu'|qu’|dass)\b\s*(.+)$", re.I | re.S)),
    ("party_first", re.compile(rf"^{_PARTY}\s+(?:{_SPEECH})\b[\s,:]+(.+)$", re.I | re.S)),
]


def split_attribution(clause: str) -> tuple[str, str | None]:
    """(what is asserted, who asserts it) — the party is None for an unattributed statement."""
    text = clause.strip()
    for order, pat in _ATTR_PATTERNS:
        m = pat.match(text)
        if not m:
            continue
        party, core = (m.group(1), m.group(2)) if order == "party_first" else (m.group(2), m.group(1))
        party = party.strip(" ,.“”\"")
        if len(core.split()) >= MIN_WORDS - 1 and _looks_like_party(party):
            return core.strip(" ,"), party
    return text, None


_NOT_PARTY = re.compile(r"\b(?:that|que|dass|will|was|were|is|are|has|had|est|ont|ha|han|hat|ist|war)\b", re.I)


def _looks_like_party(party: str) -> bool:
    """A party is a name or a noun phrase, not a clause with its own verb."""
    return 0 < len(party.split()) <= 10 and not _NOT_PARTY.search(party)


def find_quantities(text: str) -> list[Quantity]:
    """Numbers with their units; calendar years and day-of-month numbers are dates, not amounts."""
    masked = _mask_dates(text)
    out = []
    for m in _NUM.finditer(masked):
        value = _parse_number(m.group(2))
        if value is None:
            continue
        tail = masked[m.end() :]
        value, tail = _scale(value, tail)
        unit = _unit(m.group(1), m.group(3), tail)
        if unit is None and 1800 <= value <= 2100 and float(value).is_integer():
            continue  # a year
        out.append(Quantity(value=value, text=text[m.start() : m.end()].strip(), unit=unit))
    words = "|".join(lexicon.NUMBER_WORDS)
    for m in re.finditer(rf"(?<![\w-])({words})(?![\w-])(?!\s*\d)(?!\s+(?:{words})\b)", masked, re.I):
        tail = masked[m.end() :]
        value, tail = _scale(float(lexicon.NUMBER_WORDS[m.group(1).lower()]), tail)
        unit = _unit(None, None, tail)
        # "un", "una", "one" are mostly articles: only an amount right before a known unit.
        next_word = _WORD.findall(tail[:30].lower())[:1]
        if unit and (value != 1 or (unit in CANON_UNITS and next_word and lexicon.UNIT_CANON.get(next_word[0]) == unit)):
            out.append(Quantity(value=value, text=m.group(0), unit=unit))
    return out


CANON_UNITS = set(lexicon.UNIT_CANON.values())


def _parse_number(s: str) -> float | None:
    s = s.replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[,. ]\d{3})+", s):
        return float(re.sub(r"[,. ]", "", s))
    m = re.fullmatch(r"(\d{1,3}(?:[,. ]\d{3})+)([.,])(\d+)", s)
    if m:
        return float(re.sub(r"[,. ]", "", m.group(1)) + "." + m.group(3))
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return None


def _scale(value: float, tail: str) -> tuple[float, str]:
    m = re.match(r"\s*([\wé]+)", tail)
    if m and m.group(1).lower() in lexicon.SCALES and not (m.group(1).lower() == "m" and value > 1000):
        return value * lexicon.SCALES[m.group(1).lower()], tail[m.end() :]
    return value, tail


def _unit(prefix: str | None, suffix: str | None, tail: str) -> str | None:
    if suffix:
        return "percent"
    if prefix:
        return "money"
    words = _WORD.findall(tail[:60].lower())[:4]
    for w in words[:3]:
        if w in lexicon.UNIT_CANON:
            return lexicon.UNIT_CANON[w]
    # English puts the head noun last ("patrol boats"), Romance languages first ("hectares de
    # forêt"): a run of two content words gives the English head only when the second is plural.
    content = []
    for w in words:
        if w in lexicon.STOPWORDS or not w.isalpha() or len(w) < 3:
            break
        content.append(w)
    if not content:
        return None
    if len(content) > 1 and content[1].endswith("s") and not content[0].endswith("s"):
        return _stem(content[1])
    return _stem(content[0])


def _stem(word: str) -> str:
    word = fold(word)
    for suf in ("es", "s", "en", "e"):
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


def fold(s: str) -> str:
    """Lower-case, accents stripped: "Février" and "fevrier" compare equal."""
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


_MONTH_ALT = "|".join(sorted((re.escape(m) for m in lexicon.MONTHS), key=len, reverse=True))
_DATE_PATTERNS = [
    # February 5(, 2021) / 5 February (2021) / 5 février / 5 de febrero de 2021 / 5. Februar 2021
    re.compile(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I),
    re.compile(rf"\b(\d{{1,2}})(?:er|º|\.)?\s+(?:de\s+)?({_MONTH_ALT})\b(?:\.?\s+(?:de\s+)?(\d{{4}}))?", re.I),
]


def _date_matches(text: str):
    for i, pat in enumerate(_DATE_PATTERNS):
        for m in pat.finditer(text):
            month_word, day = (m.group(1), m.group(2)) if i == 0 else (m.group(2), m.group(1))
            month = lexicon.MONTHS.get(fold(month_word).rstrip("."), lexicon.MONTHS.get(month_word.lower()))
            if month and 1 <= int(day) <= 31:
                # "may" is also a modal verb: only a date when a day follows directly.
                yield m, month, int(day), m.group(3)


_WEEKDAY = re.compile(r"\b(%s)" % "|".join(sorted(lexicon.WEEKDAYS, key=len, reverse=True)), re.I)


def find_dates(text: str) -> list[str]:
    """Dates written out in the clause, as TimeML values: month/day (XXXX when no year is
    given) and bare weekdays (XXXX-WXX-N), for articles the time stage has not resolved."""
    out = {f"{year or 'XXXX'}-{month:02d}-{day:02d}" for _, month, day, year in _date_matches(text)}
    out |= {f"XXXX-WXX-{lexicon.WEEKDAYS[m.group(1).lower()]}" for m in _WEEKDAY.finditer(text)}
    return sorted(out)


def _mask_dates(text: str) -> str:
    for m, *_ in list(_date_matches(text)):
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return text


_CAP = re.compile(
    r"(?<![\w'’-])(?:[LlDd]['’])?([A-ZÀ-Þ][\w’'-]*(?:\s+(?:of|de|du|des|del|la|von|der)?\s*[A-ZÀ-Þ][\w’'-]*)*)"
)


_ELIDED = re.compile(r"^[A-Z][a-z]?['’][a-zà-ÿ]")


def actors(text: str) -> list[str]:
    """Capitalised name spans in order of appearance: a language-independent guess at who acts
    on whom, used when no parse or entity ids are available."""
    return [name for name, _ in actor_spans(text)]


def actor_spans(text: str) -> list[tuple[str, int]]:
    """(name, offset) of each capitalised span; offset 0 marks a sentence-initial one, which may
    be an ordinary word that is capitalised only because it starts the sentence."""
    out = []
    first = next((i for i, ch in enumerate(text) if ch.isalnum()), 0)
    for m in _CAP.finditer(text):
        if _ELIDED.match(m.group(1)):
            continue  # "C'est", "N'importe": an elided word, not a name
        words = re.sub(r"['’]s?$", "", m.group(1)).split()
        skipped = 0
        while words and fold(words[0]) in lexicon.STOPWORDS | _OPENERS:
            skipped += 1
            words = words[1:]
        if words:
            at = m.start(1) - first
            out.append((" ".join(words), at if not skipped else at + 1))
    return out


_OPENERS = {fold(o) for o in lexicon.CLAUSE_OPENERS}


def _parse(claims: list[Claim]) -> None:
    """Fill subject/action/object from a dependency parse where a parser ships for the language."""
    by_lang: dict[str, list[Claim]] = {}
    for c in claims:
        by_lang.setdefault(c.lang or "", []).append(c)
    for lang, group in by_lang.items():
        if nlp.pipeline(lang) is None:
            for c in group:
                _heuristic_svo(c)
            continue
        for c, doc in zip(group, nlp.pipe(lang, [c.text for c in group], nlp.PARSE)):
            _svo(c, doc)


def _heuristic_svo(c: Claim) -> None:
    names = actors(c.text)
    if names:
        c.subject = names[0]
        rest = c.text.split(names[0], 1)[1].split()
        c.action = rest[0].strip(",.") if rest else None
        c.object = names[1] if len(names) > 1 else (" ".join(rest[1:6]) or None)


def _svo(c: Claim, doc) -> None:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return
    subj = next((t for t in root.children if t.dep_.startswith("nsubj")), None)
    obj = next((t for t in root.children if t.dep_ in ("dobj", "obj", "attr", "oprd")), None)
    if obj is None:
        obj = next(
            (g for t in root.children if t.dep_ in ("prep", "obl", "obl:arg", "obl:mod")
             for g in [t] + list(t.children) if g.dep_ in ("pobj", "obl", "obl:arg", "obl:mod")),
            None,
        )
    c.action = root.text  # no lemmatizer is loaded: the verb as the source wrote it
    # The parse knows the tense of the main verb better than the suffix regex: "won" is past,
    # "automated cranes" is no past.
    if c.status in ("reported", "done") and not has_cue(" " + c.text.lower() + " ", lexicon.REPORTED_CUES):
        c.status = "done" if _parsed_past(root) else "reported"
    if subj is not None:
        c.subject = _np(doc, subj)
    if obj is not None:
        c.object = _np(doc, obj)


_PAST_TAGS = ("VBD", "VBN")  # what English's tag map turns into Tense=Past


def _parsed_past(root) -> bool:
    verbs = [root] + [a for a in root.children if a.dep_.startswith("aux")]
    return any("Past" in t.morph.get("Tense") or t.tag_ in _PAST_TAGS for t in verbs)


def _np(doc, head) -> str:
    """The noun phrase of `head` without relative clauses (they carry statements of their own)."""
    skip = {
        t.i for child in head.subtree if child is not head and child.dep_ in ("relcl", "acl:relcl", "acl")
        for t in child.subtree
    }
    return " ".join(t.text for t in head.subtree if t.i not in skip).strip(" ,")
