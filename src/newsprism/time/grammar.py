"""Recognition rules of the time stage: per language, (kind, pattern template) pairs.

HeidelTime-style: a rule names the normaliser (`kind`, see `normalize.py`) and a pattern written
with word-class placeholders ({month}, {weekday}, {num}, {unit}, {mod} ...) that are filled from
the language's `Lexicon`. Rules are data, so adding a language means adding a lexicon and a rule
list, not code. All rules run over the text; `timex.py` keeps the longest non-overlapping matches.
Span conventions follow TimeML: prepositions ("on", "for", "in") stay outside, determiners and
modifiers that belong to the phrase ("the past three years", "about two weeks") inside.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprism.time.lexicon import LEXICONS, Lexicon, alternation


@dataclass(frozen=True)
class Rule:
    kind: str
    regex: re.Pattern[str]
    value: str | None = None  # fixed value for kinds like "ref" and "set"


# Hedges that stay inside a TimeML extent: "about two weeks", "more than four decades ago".
_EN_QMOD = (
    r"(?:(?:nearly|approximately|roughly|around|some|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|a\s+full)\s+)?"
)
_EN_PHASE = r"(?:(?:early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[-\s]+)?"

RULES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("iso", r"{iso}"),
        ("ymd", r"{wdx}{month}\s+{day}(?:st|nd|rd|th)?\s?,?\s+{yearany}"),
        ("ymd", r"{wdx}(?:the\s+)?{day}(?:st|nd|rd|th)?\s+(?:of\s+)?{month},?\s+{yearany}"),
        ("numeric", r"{numeric}"),
        ("md", r"{wdx}{month}\s+{day}(?:st|nd|rd|th)?(?![\d,.]\d|\d|:\d)"),
        ("md", r"{wdx}(?:the\s+)?{day}(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?!\s*\d)"),
        ("my", _EN_PHASE + r"{month},?\s+(?:of\s+)?{year}"),
        ("m_rel", _EN_PHASE + r"{month}\s+(?:of\s+)?{mod}\s+year"),
        ("m_rel", r"(?:this\s+past|{mod})\s+{month}(?!\.?\s*\d)"),
        ("m", _EN_PHASE + r"{month}"),
        ("y", _EN_PHASE + r"(?:(?:(?:fiscal|calendar)(?:\s+year)?|the\s+year)\s+|FY\s?)?{year}"
         r"(?!\s*(?:%|percent|[-–]\d))"),
        ("y", r"(?:pre|post)-{year}"),
        ("y", r"the\s+(?:early|late|mid|end\s+of|beginning\s+of|start\s+of|middle\s+of)[-\s]+{year}"),
        ("y", r"(?:(?:the\s+year|{month})\s+)?{spelledyear}(?![-\s]+(?:years|months|weeks|days|hours|decades|centuries)\b)"),
        ("decade", r"(?:the\s+)?" + _EN_PHASE + r"(?P<decade>1\d{2}|20\d)0'?s"),
        # "the '70s", "the 70s" (an age goes with a possessive: "in her 70s")
        ("decade", r"(?:the\s+)?" + _EN_PHASE + r"['’]\s?(?P<short>[3-9])0s|the\s+" + _EN_PHASE + r"(?P<short2>[3-9])0s"),
        # the second of two coordinated decades drops the article: "the 1970s and 80s", "the 70s and 80s"
        ("decade", r"(?:(?<=\d\d\d0s\sand\s)|(?<=the\s[3-9]0s\sand\s)|(?<=the\s['’][3-9]0s\sand\s))['’]?(?P<short>[3-9])0s"),
        # spelled decades only after "the": "in his forties" is an age
        ("decade", r"the\s+" + _EN_PHASE + r"(?:(?P<century>nineteen|twenty)[-\s]?)?"
         r"(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"),
        ("century", r"(?:the\s+)?" + _EN_PHASE + r"(?P<ordinal>\d{1,2})(?:st|nd|rd|th)[-\s]century"),
        ("dayword", r"(?:(?:early|late|earlier|later)\s+)?{dayword}"),
        ("dayword_pod", r"(?:(?:early|late)\s+)?{dayword}\s+{pod}"),
        ("pod_dayword", r"(?:(?:early|late|mid)[-\s]?)?{pod}\s+{dayword}"),
        ("this_pod", r"(?:(?:early|late|later)\s+)?(?:this|that)\s+{pod}"),
        ("this_pod", r"tonight"),
        ("last_night", r"last\s+night"),
        ("next_pod", r"the\s+(?P<mod>next|following|previous|preceding)\s+{pod}"),
        ("weekday", r"(?:(?:early|late)\s+)?(?:(?:the\s+)?(?:this\s+coming|this\s+past|{mod})\s+)?{weekday}(?:\s+{pod})?"),
        ("weekday_md", r"(?:(?:this\s+coming|this\s+past|{mod})\s+)?{weekday},?\s+{month}\s+{day}(?:st|nd|rd|th)?(?![\d,.]\d|\d|:\d)"),
        ("weekday_md", r"(?:(?:this\s+coming|this\s+past|{mod})\s+)?{weekday},?\s+{month}\s+{spelledday}"),
        ("weekday", r"{weekday}(?:\s+{pod})?(?:,?\s+{mod}\s+week)"),
        ("rel_unit", r"(?:the\s+)?" + _EN_PHASE + r"(?:the\s+)?{mod}\s+(?:fiscal\s+)?{unit}(?:\s+or\s+so)?"),
        ("year_ago", r"(?:fiscal\s+)?(?:year[-\s](?:earlier|ago)|prior[-\s]year)(?!\s+(?:quarter|period))"),
        ("rel_unit", r"(?:earlier|later)\s+(?:this|that|in\s+the(?!\s+day\b))\s+{unit}"),
        # "later in the day": "the day" is the expression (the day the story is at), "later" a signal
        ("story_day", r"(?:(?<=earlier\sin\s)|(?<=later\sin\s))the\s+day", "0"),
        ("rel_unit", r"(?:around\s+)?(?:the\s+end\s+of\s+(?:the|this)\s+(?P<unit>year|month|week)|(?P<unit2>year)[-\s]end|year's\s+end)"),
        ("ago", r"(?:(?:about|almost)\s+)?" + _EN_QMOD + r"{num}[-\s]{unit}(?:\s+or\s+so)?\s+{ago}"),
        ("ago", _EN_QMOD + r"{vague}\s+{unit}\s+{ago}"),
        ("after", _EN_QMOD + r"{num}\s+{unit}\s+(?:from\s+now|hence)"),
        ("duration", r"(?:the\s+)?" + _EN_QMOD + r"(?:(?:past|last|next|first|coming|following|previous|"
         r"final|latest|remaining|initial|additional|further|full)\s+)?{num}\s+(?:more\s+|additional\s+|"
         r"full\s+|straight\s+|consecutive\s+)?(?:trading\s+|business\s+|working\s+)?(?:fiscal\s+)?{unit}"
         r"(?:\s+or\s+so)?(?!\s+old\b|-old)"),
        ("duration", r"{num}-{unit}(?:-long)?(?!-old)"),
        ("duration", r"(?!an?\s){num}\s+{unit}-long"),
        # "decades-long", "a day-long strike", "a several-year tenure"
        ("duration", r"{unit}-long"),
        ("duration", r"(?:several|multi|many)-{unit}(?!-old)"),
        ("duration", r"(?:the\s+)?" + _EN_QMOD + r"(?:(?:past|last|next|first|coming|following|previous|recent|final)\s+)?{vague}\s+(?:more\s+)?{unit}"),
        # "last" without "the" is as often the verb: "could last months"
        ("duration", r"(?:the\s+(?:recent|coming|past|next|last|following|first|early|final)|"
         r"(?:recent|coming|past|next|following|first|early|final))\s+{bareunit}"),
        ("duration", r"(?:the\s+)?" + _EN_QMOD + r"{num}\s+and\s+a\s+half\s+{unit}"),
        ("duration", _EN_QMOD + r"(?P<num>an?|one)\s+{unit}\s+and\s+a\s+half"),
        ("duration", _EN_QMOD + r"(?P<half>half\s+an?|a\s+half)[-\s]{unit}"),  # "half an hour", "a half-hour"
        ("duration", r"(?<=\bover\s)the\s+(?P<vague>years|decades|centuries)"),  # "over the years"
        ("duration", r"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\btook\s)|(?<=\blasted\s)|(?<=\bduring\s)){bareunit}(?!\s+(?:of|ago|earlier|later))"),
        ("duration", r"(?:the\s+)?(?:entire|whole)\s+{unit}"),
        ("period_ended", r"the\s+(?:fiscal\s+)?(?P<unit>year|twelve\s+months)(?=\s+(?:that\s+)?(?:ended|ending|ends)\s)"),
        ("quarter", r"(?:the\s+|(?P<qmod>this|last|next)\s+year's\s+)?(?:(?:fiscal|latest|current|recent|year-earlier|year-ago|{year2})[-\s]+)?{qord}\s+(?:fiscal\s+)?quarter"
         r"(?:\s+of\s+(?:fiscal\s+)?{year}|\s+of\s+(?P<qmod2>this|last|next)\s+year)?"),
        ("quarter", r"(?:fiscal\s+)?{qord}-(?:fiscal-)?quarter"),
        # coordinated quarters: "the second and fourth quarters (of 1990)" are two expressions
        ("quarter", r"(?:the\s+)?{qord}(?=,?\s+(?:and|or|to)\s+(?:the\s+)?(?:first|second|third|fourth|final)\s+"
         r"(?:fiscal\s+)?quarters\b(?:\s+of\s+(?:fiscal\s+)?{year})?)"),
        ("quarter", r"(?<=and\s){qord}\s+(?:fiscal\s+)?quarters(?:\s+of\s+(?:fiscal\s+)?{year})?"),
        ("quarter", r"{year}['’]s\s+(?:fiscal\s+)?{qord}\s+(?:fiscal\s+)?quarter"),
        ("quarter", r"the\s+(?:latest|current|recent|most\s+recent|just-ended|just\s+ended|fiscal)?\s*(?:quarter|period)"
         r"(?:\s+a\s+year\s+(?:earlier|ago))?"),
        ("quarter", r"(?:the\s+)?(?:year-earlier|year-ago)\s+(?:quarter|period)"),
        # the period in focus one year back: "the corresponding period last year", "last year's quarter"
        ("quarter", r"the\s+(?:same|corresponding|comparable|year-earlier|year-ago)\s+(?:quarter|period|month)\s+"
         r"(?:(?:of\s+)?(?:last|the\s+previous|the\s+prior)\s+year|a\s+year\s+(?:earlier|ago|before))"),
        ("quarter", r"(?:last|the\s+previous|the\s+prior)\s+year's\s+(?:quarter|period)"),
        ("quarter", r"the\s+{year2}\s+quarter"),
        # a half year only with its year: "the second half" alone is as often a match's
        ("half", r"the\s+(?P<half>first|second)\s+half\s+of\s+(?:{year}|(?P<qmod>this|last|next)\s+year)"),
        ("weekend", r"the\s+weekend"),
        ("holiday", r"(?:(?:this|last|next)\s+)?{holiday}"),
        ("season", _EN_PHASE + r"(?:the\s+)?{mod}\s+{season}"),
        ("season", _EN_PHASE + r"(?:the\s+)?{season}\s+(?:of\s+)?{year}"),
        ("season", _EN_PHASE + r"{year}\s+{season}"),
        ("clock", r"(?:around\s+)?{clock}\s*(?P<ampm>[ap]\.?\s?m\b\.?)(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?(?:,?\s+(?:{weekday}|{dayword}|{month}\s+{day}(?!\d)))?"),
        ("clock", r"(?:around\s+)?(?P<noon>noon|midnight|midday)(?:\s+(?:{weekday}|{dayword}))?"),
        ("clock", r"{clock}\s+(?:o'clock\s+)?in\s+the\s+(?P<pod>morning|afternoon|evening)"),
        ("clock", r"(?:around\s+)?{clock24}(?:\s*(?:GMT|UTC|[ECMP][SD]T|local\s+time))(?:,?\s+(?:{weekday}|{dayword}))?"),
        ("ref", r"now|currently|nowadays|at\s+present|presently|these\s+days|the\s+present|current", "PRESENT_REF"),
        ("ref", r"then[-\s]current", "PAST_REF"),  # "the then current price": current at a past time
        # "formerly" (a former office, "the formerly state-owned firm") is left out, as TimeBank
        # and MEANTIME annotators leave it
        ("ref", r"(?:more\s+)?recently|lately|the\s+past", "PAST_REF"),
        ("ref", r"the\s+(?:(?:near|distant|foreseeable)\s+)?future|someday|the\s+days\s+ahead", "FUTURE_REF"),
        # "in the short term" (the noun phrase; "short-term debt" is an adjective of the debt)
        ("ref", r"the\s+(?:short|long|near|medium)\s+term", "FUTURE_REF"),
        ("set", r"{set}"),
        ("set_freq", r"(?:once|twice|{num}\s+times)\s+(?:a|an|per|each|every)\s+{unit}"),
        ("week_of", r"the\s+week\s+of\s+{month}\s+{day}(?:st|nd|rd|th)?(?![\d,.]\d|\d|:\d)"),
        ("set_weekday", r"(?:every|each)\s+{weekday}(?:\s+{pod})?"),
        ("set_month", r"(?:every|each)\s+{month}"),
    ],
    "fr": [
        ("iso", r"{iso}"),
        ("ymd", r"{wdx}(?:le\s+)?{day}(?:er)?\s+{month}\s+{yearany}"),
        ("numeric", r"{numeric}"),
        ("md", r"{wdx}(?:le\s+)?{day}(?:er)?\s+{month}(?!\s*\d)"),
        ("my", r"(?:(?:d[ée]but|fin|mi)[-\s](?:de\s+|d')?)?{month}\s+{year}"),
        ("m_rel", r"{month}\s+{mod}"),
        ("m", r"(?:(?:d[ée]but|fin|mi)[-\s](?:de\s+|d')?)?{month}"),
        ("last_night", r"(?:la\s+)?nuit\s+derni[èe]re"),
        ("story_day", r"(?:le\s+)?lendemain(?!\s+(?:de|du|des)\b|\s+d')", "1"),
        ("story_day", r"la\s+veille(?!\s+(?:de|du|des)\b|\s+d')", "-1"),
        ("decade", r"(?:les\s+)?ann[ée]es\s+(?:(?P<decade>1\d{2}|20\d)0|(?P<short>[3-9])0)"),
        ("weekday_md", r"{weekday}\s+{day}(?:er)?\s+{month}(?!\s*\d)"),
        ("y", r"(?:(?:en|d[ée]but|fin|mi)[-\s])?{year}(?!\s*%)"),
        ("dayword", r"{dayword}"),
        ("dayword_pod", r"{dayword}\s+(?:dans\s+la\s+|au\s+)?{pod}"),
        ("this_pod", r"(?:ce|cette)\s+{pod}"),
        ("weekday", r"(?:ce\s+)?{weekday}(?:\s+{mod})?(?:\s+{pod})?"),
        ("rel_unit", r"(?:(?:plus\s+t[ôo]t|plus\s+tard|au\s+d[ée]but|à\s+la\s+fin|[àa]\s+la\s+mi)\s+(?:de\s+|d')?)?(?:l'|la\s+|le\s+|les\s+|l’)?{unit}\s+{mod}"),
        ("rel_unit", r"(?:(?:plus\s+t[ôo]t|plus\s+tard|au\s+d[ée]but|[àa]\s+la\s+fin)\s+(?:de\s+)?)?(?:ce|cette|cet)\s+{unit}(?:-ci)?"),
        ("rel_unit", r"(?:au\s+)?(?:d[ée]but|fin|milieu)\s+du\s+(?P<unit>mois)"),
        ("ago", r"{ago}\s+{num}\s+{unit}"),
        ("ago", r"{ago}\s+{vague}\s+{unit}"),
        ("in", r"dans\s+{num}\s+{unit}"),
        ("duration", r"(?:(?:environ|pr[èe]s\s+de|plus\s+de|moins\s+de)\s+)?{num}\s+{unit}"),
        ("duration", r"(?:les\s+|des\s+|ces\s+)?{num}\s+(?:derni[èe]re?s?|prochaine?s?)\s+{unit}"),
        ("duration", r"{vague}\s+{unit}"),
        ("ref", r"maintenant|actuellement|en\s+ce\s+moment|[àa]\s+pr[ée]sent|aujourd'hui\s+encore", "PRESENT_REF"),
        ("ref", r"r[ée]cemment|auparavant|pr[ée]c[ée]demment|autrefois", "PAST_REF"),
        ("ref", r"bient[ôo]t|[àa]\s+l'avenir|dans\s+le\s+futur", "FUTURE_REF"),
        ("season", r"(?:l'|le\s+|cet\s+)?{season}\s+{mod}"),
        ("clock", r"(?:vers\s+)?{clock24}"),
        ("clock", r"(?:vers\s+)?(?P<hh>[01]?\d|2[0-3])\s?h(?:eures?)?(?!\w)"),
        ("set", r"{set}"),
        ("set_freq", r"(?:une\s+fois|{num}\s+fois)\s+par\s+{unit}"),
    ],
    "es": [
        ("iso", r"{iso}"),
        ("ymd", r"{wdx}(?:el\s+)?{day}\s+de\s+{month}\s+(?:de|del)\s+{yearany}"),
        ("numeric", r"{numeric}"),
        ("md", r"{wdx}(?:el\s+)?{day}\s+de\s+{month}"),
        ("my", r"(?:(?:principios|finales|mediados)\s+de\s+)?{month}\s+(?:de|del)\s+{year}"),
        ("m_rel", r"{month}\s+{mod}"),
        ("m", r"(?:(?:principios|finales|mediados)\s+de\s+)?{month}"),
        ("weekday_md", r"{weekday},?\s+{day}\s+de\s+{month}(?!\s+de\s+\d)"),
        ("y", r"(?:(?:principios|finales|mediados)\s+de\s+)?(?:el\s+año\s+)?{year}(?!\s*%)"),
        ("dayword", r"{dayword}"),
        ("dayword_pod", r"{dayword}\s+(?:por\s+la\s+|en\s+la\s+|a\s+la\s+)?{pod}"),
        ("this_pod", r"esta\s+{pod}"),
        ("last_night", r"anoche"),
        ("story_day", r"(?:al\s+|el\s+)?d[íi]a\s+siguiente", "1"),
        ("story_day", r"(?:el\s+)?d[íi]a\s+anterior", "-1"),
        ("decade", r"(?:la\s+)?d[ée]cada\s+de\s+(?:los\s+)?(?:años\s+)?(?P<decade>1\d{2}|20\d)0"),
        ("decade", r"(?:los\s+)?años\s+(?:(?P<decade>1\d{2}|20\d)0|(?P<short>[3-9])0)"),
        ("weekday", r"(?:el\s+)?(?:{mod}\s+)?{weekday}(?:\s+{mod2})?(?:\s+(?:por\s+la\s+)?{pod})?"),
        ("rel_unit", r"(?:(?:a\s+principios|a\s+finales|a\s+mediados|antes|m[áa]s\s+temprano)\s+(?:de\s+)?)?(?:el|la|del|este|esta|a\s+la)\s+{unit}\s+{mod}"),
        ("rel_unit", r"(?:(?:a\s+principios|a\s+finales|a\s+mediados)\s+(?:de\s+)?)?(?:el\s+|la\s+|del\s+)?{mod}\s+{unit}"),
        ("rel_unit", r"a\s+(?:principios|finales|mediados)\s+de(?:l)?\s+(?P<unit>mes|año)"),
        ("ago", r"{ago}\s+(?:m[áa]s\s+de\s+|casi\s+|unos\s+|unas\s+)?{num}\s+{unit}"),
        ("ago", r"{ago}\s+{vague}\s+{unit}"),
        ("in", r"dentro\s+de\s+{num}\s+{unit}"),
        ("duration", r"(?:(?:casi|m[áa]s\s+de|menos\s+de|unos|unas|alrededor\s+de)\s+)?{num}\s+{unit}"),
        ("duration", r"(?:los\s+|las\s+)?(?:[úu]ltim[oa]s|pr[óo]xim[oa]s)\s+{num}\s+{unit}"),
        ("duration", r"{vague}\s+{unit}"),
        ("ref", r"ahora|actualmente|en\s+la\s+actualidad|hoy\s+en\s+d[íi]a|en\s+este\s+momento", "PRESENT_REF"),
        ("ref", r"recientemente|anteriormente|previamente|en\s+el\s+pasado", "PAST_REF"),
        ("ref", r"pronto|en\s+el\s+futuro|pr[óo]ximamente", "FUTURE_REF"),
        ("season", r"(?:el\s+|la\s+|este\s+|esta\s+)?{season}\s+{mod}"),
        ("clock", r"(?:a\s+las\s+)?{clock24}"),
        ("set", r"{set}"),
        ("set_freq", r"(?:una\s+vez|{num}\s+veces)\s+(?:al|a\s+la|por)\s+{unit}"),
    ],
    "de": [
        ("iso", r"{iso}"),
        ("ymd", r"{wdx}(?:am\s+|dem\s+)?{day}\.\s*{month}\s+{yearany}"),
        ("numeric", r"{numeric}"),
        ("md", r"{wdx}(?:am\s+|dem\s+|zum\s+|vom\s+)?{day}\.\s*{month}"),
        ("my", r"(?:(?:anfang|ende|mitte)\s+)?{month}\s+{year}"),
        ("m", r"(?:(?:anfang|ende|mitte)\s+)?{month}"),
        ("last_night", r"(?:letzte|vergangene)\s+nacht"),
        ("story_day", r"(?:am\s+)?Tag\s+danach|am\s+darauffolgenden\s+Tag", "1"),
        ("story_day", r"am\s+Vortag|am\s+Tag\s+zuvor", "-1"),
        ("decade", r"(?:den\s+|die\s+)?(?:(?P<decade>1\d{2}|20\d)|(?P<short>[3-9]))0er(?:[-\s]?Jahren?)?"),
        ("weekday_md", r"{weekday},?\s+(?:(?:den|dem)\s+)?{day}\.\s*{month}(?!\s*\d)"),
        ("y", r"(?:(?:anfang|ende|mitte)\s+)?(?:(?:im\s+jahr(?:e)?)\s+)?{year}(?!\s*%)"),
        ("dayword", r"{dayword}"),
        ("dayword_pod", r"{dayword}\s*{pod}"),
        ("this_pod", r"(?:heute\s*|diese[nm]?\s+){pod}"),
        ("weekday", r"(?:(?:am|an\s+diesem|an\s+dem)\s+)?(?:{mod}\s+)?{weekday}(?:\s*{pod})?"),
        ("rel_unit", r"(?:(?:anfang|ende|mitte|früher|später)\s+)?(?:(?:im|in\s+der|in\s+diesem|in\s+dieser|am)\s+)?{mod}\s+{unit}"),
        ("rel_unit", r"(?:anfang|ende|mitte)\s+(?:des|dieses)\s+(?:laufenden\s+)?{unit}"),
        ("ago", r"{ago}\s+(?:mehr\s+als\s+|fast\s+|etwa\s+|rund\s+|über\s+)?{num}\s+{unit}"),
        ("ago", r"{ago}\s+{vague}\s+{unit}"),
        ("in", r"in\s+{num}\s+{unit}"),
        ("duration", r"(?:(?:fast|etwa|rund|über|mehr\s+als|weniger\s+als|knapp)\s+)?{num}\s+{unit}"),
        ("duration", r"(?:(?:in\s+)?den\s+)?(?:vergangenen|letzten|nächsten|kommenden)\s+{num}\s+{unit}"),
        ("duration", r"{vague}\s+{unit}"),
        ("ref", r"jetzt|derzeit|zurzeit|gegenwärtig|momentan", "PRESENT_REF"),
        ("ref", r"kürzlich|neulich|vor\s+kurzem", "PAST_REF"),
        ("ref", r"künftig|zukünftig|in\s+zukunft|demnächst", "FUTURE_REF"),
        ("season", r"(?:im\s+)?{mod}\s+{season}"),
        ("clock", r"(?:um\s+)?{clock24}(?:\s+uhr)?"),
        ("clock", r"(?:um\s+)?(?P<hh>[01]?\d|2[0-3])\s+uhr"),
        ("set", r"{set}"),
        ("set_freq", r"(?:einmal|zweimal|dreimal|{num}\s+mal)\s+(?:pro|im|in\s+der|am)\s+{unit}"),
    ],
    "ru": [
        ("iso", r"{iso}"),
        ("ymd", r"{day}\s+{month}\s+{yearany}(?:\s*(?:года|г\.))?"),
        ("numeric", r"{numeric}"),
        ("md", r"{day}\s+{month}"),
        ("my", r"(?:(?:в\s+)?(?:начале|конце|середине)\s+)?{month}\s+{year}(?:\s*(?:года|г\.))?"),
        ("m", r"(?<=\b[вВ]\s){month}"),
        ("m", r"(?:в\s+)?(?:начале|конце|середине)\s+{month}"),
        ("last_night", r"прошлой\s+ночью|минувшей\s+ночью"),
        # "накануне выборов" is the eve of something else, not the day before the story's
        ("story_day", r"накануне(?!\s+[а-яё]+(?:ов|ев|ей|ий|ы|и|а|я)\b)", "-1"),
        ("decade", r"(?:(?P<decade>1\d{2}|20\d)|(?P<short>[3-9]))0-?х(?:\s+год(?:ах|ов|ы|ами))?"),
        ("weekday_md", r"(?:(?:в|во)\s+)?{weekday},?\s+{day}\s+{month}(?!\s*\d)"),
        ("ago", r"{unit}\s+{ago}"),
        ("y", r"(?:(?:в\s+)?(?:начале|конце|середине)\s+)?{year}(?:\s*(?:году|года|год|г\.))?(?!\s*%)"),
        ("dayword", r"{dayword}"),
        ("dayword_pod", r"{dayword}\s+{pod}"),
        ("weekday", r"(?:(?:в|во)\s+)?(?:{mod}\s+)?{weekday}"),
        ("rel_unit", r"(?:(?:в\s+)?(?:начале|конце|середине)\s+)?(?:(?:в|на|во)\s+)?{mod}\s+{unit}"),
        ("rel_unit", r"в\s+(?:начале|конце|середине)\s+(?P<unit>месяца|года|недели)"),
        ("ago", r"(?:более\s+|почти\s+|около\s+)?{num}\s+{unit}\s+{ago}"),
        ("ago", r"{vague}\s+{unit}\s+{ago}"),
        ("in", r"через\s+{num}\s+{unit}"),
        ("duration", r"(?:(?:более|почти|около|менее)\s+)?{num}\s+{unit}"),
        ("duration", r"(?:за|в\s+течение)\s+(?:последни[ехм]|ближайши[ехм]|прошедши[ехм])\s+{num}\s+{unit}"),
        ("duration", r"{vague}\s+{unit}"),
        ("ref", r"сейчас|теперь|в\s+настоящее\s+время|на\s+данный\s+момент", "PRESENT_REF"),
        ("ref", r"недавно|ранее|в\s+прошлом", "PAST_REF"),
        ("ref", r"в\s+будущем|вскоре|скоро", "FUTURE_REF"),
        ("clock", r"(?:в\s+)?{clock24}"),
        ("set", r"{set}"),
        ("set_freq", r"(?:раз|{num}\s+раза?)\s+в\s+{unit}"),
    ],
    "zh": [
        ("iso", r"{iso}"),
        ("ymd", r"{zhyear}年{zhmonth}月{zhday}[日号號]"),
        ("my", r"{zhyear}年{zhmonth}月(?![0-9一二三四五六七八九十]+[日号號])"),
        ("md", r"(?<![年\d]){zhmonth}月{zhday}[日号號]"),
        ("y", r"{zhyear}年(?![0-9一二三四五六七八九十]+月)(?!代)"),
        ("roc_year", r"(?:中华民国|中華民國|民国|民國){num}年(?:{zhmonth}月(?:{zhday}[日号號])?)?"),
        ("m_rel", r"{mod}年{zhmonth}月(?![0-9一二三四五六七八九十]+[日号號])(?:[初中下]旬|初|底|中)?"),
        ("m", r"(?<![年\d个個]){zhmonth}月(?![0-9一二三四五六七八九十]+[日号號])(?:[初中下]旬|初|底|中)?"),
        ("last_night", r"昨晚|昨夜"),
        ("story_day", r"第二天|次日|翌日", "1"),
        ("story_day", r"前一天", "-1"),
        ("decade", r"(?P<decade>1\d{2}|20\d)0年代"),
        ("this_pod", r"今晚|今夜"),
        ("dayword", r"{dayword}"),
        ("dayword_pod", r"{dayword}{pod}"),
        ("weekday", r"(?:{mod})?{weekday}"),
        ("rel_unit", r"{mod}{unit}(?:初|底|末)?"),
        ("ago", r"{num}{unit}(?:以)?{ago}"),
        ("ago", r"{vague}{unit}(?:以)?{ago}"),
        ("in", r"{num}{unit}[后後]"),
        ("duration", r"(?:过去|過去|最近|近)?的?(?<!民国)(?<!民國)(?<!令和)(?<!平成)(?<!昭和)(?<![\d元])(?<!公元)(?![0-9]{4}){num}{unit}(?:来|來|以来|多)?"),
        ("duration", r"{vague}{unit}"),
        ("ref", r"目前|现在|現在|当前|當前|如今", "PRESENT_REF"),
        ("ref", r"最近|近来|近來|过去|過去", "PAST_REF"),
        ("ref", r"将来|將來|未来|未來", "FUTURE_REF"),
        ("clock", r"{clock24}"),
        ("set", r"{set}"),
        ("set_freq", r"每{unit}{num}次"),
    ],
}

# Spelled-out numbers of broadcast transcripts: "nineteen ninety-six", "March eighth".
_ONES = r"one|two|three|four|five|six|seven|eight|nine"
_TEENS = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SPELLED_YEAR = (
    rf"(?P<spelledyear>(?:nineteen|twenty)[-\s](?:(?:{_TEENS})|(?:{_TENS})(?:[-\s](?:{_ONES}))?"
    rf"|o[-\s](?:{_ONES})|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_ONES}|{_TEENS}|twenty(?:[-\s](?:{_ONES}))?))?)"
)
_ORDINALS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
)
_SPELLED_DAY = (
    r"(?P<spelledday>(?:twenty|thirty)[-\s]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    rf"|twentieth|thirtieth|{_ORDINALS})"
)
_HOLIDAY = (
    r"(?P<holiday>christmas(?:\s+(?:day|eve))?|new\s+year's(?:\s+(?:day|eve))?|thanksgiving(?:\s+day)?"
    r"|independence\s+day|labor\s+day|memorial\s+day|valentine's\s+day|halloween"
    r"|easter(?:\s+(?:sunday|week))?|election\s+day)"
)

_ZH_DIGITS = r"[0-9０-９]"


def _slots(lex: Lexicon, lang: str) -> dict[str, str]:
    """Placeholder -> regex for one language."""
    word_nums = alternation(lex.numbers)
    if lang == "zh":
        num = r"(?P<num>[0-9]+(?:\.[0-9]+)?|[一二两兩三四五六七八九十百]+)"
    else:
        num = (
            r"(?P<num>(?!(?:1[5-9]|20)\d\d\b)\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            rf"[-\s]?(?:one|two|three|four|five|six|seven|eight|nine)|{word_nums})"
        )
    units = {k: v for k, v in lex.units.items()}
    plural = {k: v for k, v in units.items() if k in ("Y", "M", "W", "D", "H", "MIN", "DE", "CE")}
    return {
        "month": f"(?P<month>{alternation(lex.months)})",
        "weekday": f"(?P<weekday>{alternation(lex.weekdays)})",
        "wdx": f"(?:{alternation(lex.weekdays)},?\\s+)?",
        "unit": f"(?P<unit>{alternation(units)})",
        "bareunit": f"(?P<unit>{alternation({k: v for k, v in plural.items()})})" if lang != "en" else
        r"(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)",
        "num": num,
        "vague": f"(?P<vague>{lex.vague})",
        "mod": f"(?P<mod>{lex.last}|{lex.next}|{lex.this})",
        "mod2": f"(?P<mod2>{lex.last}|{lex.next})",
        "dayword": f"(?P<dayword>{alternation(lex.day_words)})",
        "pod": f"(?P<pod>{alternation(lex.parts_of_day)})",
        "season": f"(?P<season>{alternation(lex.seasons)})",
        "set": f"(?P<set>{alternation(lex.sets)})",
        "ago": f"(?:{lex.ago})",
        "day": r"(?P<day>[0-3]?\d)",
        "year": r"(?P<year>1[5-9]\d\d|20\d\d)",
        "yearany": r"(?P<year>\d{4})",
        "year2": r"(?P<year2>1[5-9]\d\d|20\d\d)",
        "spelledyear": _SPELLED_YEAR,
        "spelledday": _SPELLED_DAY,
        "holiday": _HOLIDAY,
        "qord": r"(?P<qord>first|second|third|fourth|final|1st|2nd|3rd|4th)",
        "iso": r"(?P<year>\d{4})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?",
        "numeric": r"(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>\d{4}|\d{2})(?![/.]?\d)",
        "clock": r"(?P<hh>[01]?\d)(?:[:.](?P<mm>[0-5]\d))?",
        "clock24": r"(?P<hh>[01]?\d|2[0-3])[:h](?P<mm>[0-5]\d)(?![:.]?\d)",
        "zhyear": rf"(?P<year>{_ZH_DIGITS}{{4}}|[〇零一二三四五六七八九]{{4}})",
        "zhmonth": r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])",
        "zhday": r"(?P<day>[0-3]?[0-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])",
    }


@cache
def rules(lang: str) -> tuple[Rule, ...]:
    """Compiled rules of `lang` (English when unsupported), built once per process."""
    lang = lang if lang in RULES else "en"
    lex = LEXICONS[lang]
    slots = _slots(lex, lang)
    # Word edges: CJK has no spaces, everything else must not start or end inside a word.
    left, right = ("", "") if lang == "zh" else (r"(?<![\w\-])", r"(?![\w])")
    compiled = []
    for spec in RULES[lang]:
        kind, template, *fixed = spec
        pattern = re.sub(r"\{([a-z]\w*)\}", lambda m: slots[m[1]], template)
        # grouped, so the word edges hold for every alternative of "now|currently|..."
        regex = re.compile(f"{left}(?:{pattern}){right}", re.IGNORECASE)
        compiled.append(Rule(kind, regex, fixed[0] if fixed else None))
    return tuple(compiled)


_EN_TRIGGERS = (
    r"noon|midnight|midday|tonight|night|weekend|quarter|period|nineteen|twenty|two\s+thousand|"
    r"(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies|"
    r"christmas|new\s+year|thanksgiving|independence|labor|memorial|valentine|halloween|easter|election"
)


@cache
def trigger(lang: str) -> re.Pattern[str] | None:
    """Words without which no rule of `lang` can match; text far from all of them is skipped.
    None for Chinese, whose short texts and unsegmented script are scanned whole."""
    lang = lang if lang in RULES else "en"
    if lang == "zh":
        return None
    lex = LEXICONS[lang]
    parts = [alternation(t) for t in (lex.months, lex.weekdays, lex.units, lex.day_words,
                                      lex.parts_of_day, lex.seasons, lex.sets)]
    parts += [lex.ago] + [template for kind, template, *_ in RULES[lang] if kind in ("ref", "story_day")]
    if lang == "en":
        parts.append(_EN_TRIGGERS)
    # digits matter only as years, decades, clock times and numeric dates; other numbers
    # ("$5 million", "5 days") need a word trigger anyway
    digits = r"(?<!\d)\d{4}(?!\d)|\d0'?s\b|\d[:.h]\d\d|\d\s?[ap]\.?m\b|\d[/.]\d{1,2}[/.]\d"
    return re.compile(digits + r"|(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)

