"""Word lists of the time grammar, one `Lexicon` per language.

Every entry is a regular expression, not a word: inflected languages (Russian cases, German
declension) then need one pattern per lemma instead of every form, and the grammar in `grammar.py`
can splice a whole word class into a rule as one alternation. The normalisers map a matched word
back to its meaning by trying each class member's pattern in turn (`lookup`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Lexicon:
    months: tuple[str, ...]  # January..December
    weekdays: tuple[str, ...]  # Monday..Sunday (ISO order)
    units: dict[str, str]  # Y M W D H MIN S DE CE Q WE -> pattern
    numbers: dict[int, str]  # small cardinal words
    vague: str  # "several", "a few": a count the text does not give
    day_words: dict[int, str]  # day offset from the reference -> "yesterday" ...
    last: str  # modifier: the previous unit
    next: str
    this: str
    ago: str  # "{n} {unit} ago" (suffix) or prefix, see rules
    future: str  # tense cues that put a bare weekday or month after the reference
    parts_of_day: dict[str, str] = field(default_factory=dict)  # MO AF EV NI -> pattern
    seasons: dict[str, str] = field(default_factory=dict)  # SP SU FA WI -> pattern
    sets: dict[str, str] = field(default_factory=dict)  # TimeML SET value -> pattern
    past: str = r"(?!)"  # tense cues that keep a bare weekday on or before the reference
    weak_past: str = r"(?!)"  # "-ed" forms: often past, but also adjectives and participles
    prospective: str = r"(?!)"  # verbs whose complement lies after them: the clause's tense says nothing


EN = Lexicon(
    months=(
        r"jan(?:uary|\.)?", r"feb(?:ruary|\.)?", r"mar(?:ch|\.)?", r"apr(?:il|\.)?", r"may",
        r"june|jun\.", r"july|jul\.", r"aug(?:ust|\.)?", r"sep(?:tember|t?\.|t)?", r"oct(?:ober|\.)?",
        r"nov(?:ember|\.)?", r"dec(?:ember|\.)?",
    ),
    weekdays=(
        r"mon(?:day|\.)", r"tue(?:sday|s?\.)", r"wed(?:nesday|\.)", r"thu(?:rsday|rs?\.)",
        r"fri(?:day|\.)", r"sat(?:urday|\.)", r"sun(?:day|\.)",
    ),
    units={
        "Y": r"years?", "M": r"months?", "W": r"weeks?", "D": r"days?", "H": r"hours?",
        "MIN": r"minutes?", "S": r"seconds?", "DE": r"decades?", "CE": r"centur(?:y|ies)",
        "Q": r"quarters?", "WE": r"weekends?",
    },
    numbers={
        1: r"one|an?|single", 2: r"two|a\s+couple\s+of|couple\s+of", 3: r"three", 4: r"four", 5: r"five",
        6: r"six", 7: r"seven", 8: r"eight", 9: r"nine", 10: r"ten", 11: r"eleven",
        12: r"twelve", 13: r"thirteen", 14: r"fourteen", 15: r"fifteen", 16: r"sixteen",
        17: r"seventeen", 18: r"eighteen", 19: r"nineteen", 20: r"twenty", 30: r"thirty",
        40: r"forty", 50: r"fifty", 60: r"sixty", 70: r"seventy", 80: r"eighty",
        90: r"ninety", 100: r"(?:one|a)\s+hundred",
    },
    vague=r"several|a\s+few|few|some|many|a\s+number\s+of|numerous",
    day_words={
        -2: r"the\s+day\s+before\s+yesterday", 2: r"the\s+day\s+after\s+tomorrow",
        -1: r"yesterday", 0: r"today", 1: r"tomorrow",
    },
    last=r"last|past|previous|preceding|latest|most\s+recent",
    next=r"next|coming|following|upcoming",
    this=r"this|the\s+current|current",
    ago=r"ago|earlier",
    future=(
        # "lower-than-expected" is an adjective; a hearing that "is held" lies ahead
        r"\b(?:will|shall|won't|'ll|going\s+to|scheduled|(?<!-)expect(?:s|ed|ing)?|slated|plans?\s+to|planning\s+to|"
        r"planned\s+to|payable|effective|"
        r"is\s+to|are\s+to|to\s+be|supposed\s+to|due\s+(?:to|in|on|by|out|for|back|before)|set\s+(?:to|for)|"
        r"likely\s+to|would|as\s+(?:early|soon)\s+as|"
        r"(?:is|are)\s+(?:being\s+)?(?:heard|held|played|staged|tried|debated|voted\s+on)|"
        # the futurate present of scheduled events: "talks resume Monday", "they meet Tuesday"
        r"(?<!\bdid\s)(?<!\bdidn't\s)(?:meets?|resumes?|(?:re)?opens|reopen|begins?|convenes?|arrives?|"
        r"leaves|ends|takes\s+effect|expires?))\b"
    ),
    parts_of_day={
        "MO": r"morning", "AF": r"afternoon|mid-?\s?afternoon", "EV": r"evening",
        "NI": r"night|overnight",
    },
    seasons={"SP": r"spring", "SU": r"summer", "FA": r"fall|autumn", "WI": r"winter"},
    # a participle after "be" is no past tense ("will be paid"); a plan that "had been due to"
    # happen is over
    past=r"\b(?<!\bbe\s)(?<!\bbeen\s)(?:had\s+been\s+(?:due|scheduled|expected|slated|supposed|set)\s+to\s+\w+"
    r"(?:\s+on)?|said|says|was|were|had|did|told|announced|reported|added|spoke|met|took|gave|went|came|"
    r"made|held|began|left|won|lost|fell|rose|sent|saw|found|became|hit|ran|wrote|led|brought|"
    r"bought|sold|struck|froze|broke|chose|drove|flew|fought|kept|sought|stood|threw|knew|"
    r"thought|got|grew|paid|shut|spent|built|caught|meant|felt|heard)\b",
    weak_past=r"\b(?<!\bbe\s)(?<!\bbeen\s)(?-i:[a-z]\w+(?<!e)ed)\b",
    # "protesters planned a rally on Saturday", "gave them until Tuesday": the plan is past, the
    # rally or the deadline may be ahead
    prospective=r"\b(?:planned|planning|called\s+for|proposed|until|till)\b",
    sets={
        "P1D": r"daily|every\s+day|each\s+day|per\s+day",
        "P1W": r"weekly|every\s+week|each\s+week|per\s+week",
        "P1M": r"monthly|every\s+month|each\s+month|per\s+month",
        "P1Y": r"annually|yearly|every\s+year|each\s+year|per\s+year",
        "PT1H": r"hourly|every\s+hour|per\s+hour",
    },
)

FR = Lexicon(
    months=(
        r"janvier|janv\.", r"f[ée]vrier|f[ée]v\.", r"mars", r"avril|avr\.", r"mai", r"juin",
        r"juillet|juil\.", r"ao[ûu]t", r"septembre|sept\.", r"octobre|oct\.",
        r"novembre|nov\.", r"d[ée]cembre|d[ée]c\.",
    ),
    weekdays=(r"lundi", r"mardi", r"mercredi", r"jeudi", r"vendredi", r"samedi", r"dimanche"),
    units={
        "Y": r"ans?|ann[ée]es?", "M": r"mois", "W": r"semaines?", "D": r"jours?|journ[ée]es?",
        "H": r"heures?", "MIN": r"minutes?", "S": r"secondes?", "DE": r"d[ée]cennies?",
        "CE": r"si[èe]cles?", "Q": r"trimestres?", "WE": r"week-?ends?",
    },
    numbers={
        1: r"une?", 2: r"deux", 3: r"trois", 4: r"quatre", 5: r"cinq", 6: r"six", 7: r"sept",
        8: r"huit", 9: r"neuf", 10: r"dix", 11: r"onze", 12: r"douze", 15: r"quinze",
        20: r"vingt", 30: r"trente", 40: r"quarante", 50: r"cinquante", 100: r"cent",
    },
    vague=r"plusieurs|quelques|certaines?|de\s+nombreux|de\s+nombreuses",
    day_words={
        -2: r"avant-hier", 2: r"apr[èe]s-demain", -1: r"hier", 0: r"aujourd'hui|aujourd’hui",
        1: r"demain",
    },
    last=r"derni(?:er|[èe]re)|pass[ée]e?|pr[ée]c[ée]dente?",
    next=r"prochaine?|suivante?",
    this=r"cet(?:te)?|ce|en\s+cours",
    ago=r"il\s+y\s+a",
    future=(
        r"\b(?:va|vont|allons|sera|seront|aura|auront|doit|doivent|devra|devront|devrait|devraient|"
        r"pr[ée]vue?s?|attendue?s?)\b|\w+(?:era|eront|ira|iront)\b"
    ),
    past=r"\b(?:a|ont|avait|avaient|était|étaient|fut|furent)\b",
    parts_of_day={"MO": r"matin(?:ée)?", "AF": r"apr[èe]s-midi", "EV": r"soir(?:ée)?", "NI": r"nuit"},
    seasons={"SP": r"printemps", "SU": r"[ée]t[ée]", "FA": r"automne", "WI": r"hiver"},
    sets={
        "P1D": r"chaque\s+jour|quotidiennement|tous\s+les\s+jours|par\s+jour",
        "P1W": r"chaque\s+semaine|toutes\s+les\s+semaines|par\s+semaine|hebdomadairement",
        "P1M": r"chaque\s+mois|tous\s+les\s+mois|par\s+mois|mensuellement",
        "P1Y": r"chaque\s+ann[ée]e|tous\s+les\s+ans|par\s+an|annuellement",
    },
)

ES = Lexicon(
    months=(
        r"enero|ene\.", r"febrero|feb\.", r"marzo|mar\.", r"abril|abr\.", r"mayo", r"junio",
        r"julio", r"agosto|ago\.", r"se?ptiembre|sept?\.", r"octubre|oct\.",
        r"noviembre|nov\.", r"diciembre|dic\.",
    ),
    weekdays=(r"lunes", r"martes", r"mi[ée]rcoles", r"jueves", r"viernes", r"s[áa]bado", r"domingo"),
    units={
        "Y": r"años?|anos?", "M": r"mes(?:es)?", "W": r"semanas?", "D": r"d[íi]as?",
        "H": r"horas?", "MIN": r"minutos?", "S": r"segundos?", "DE": r"d[ée]cadas?",
        "CE": r"siglos?", "Q": r"trimestres?", "WE": r"fines?\s+de\s+semana",
    },
    numbers={
        1: r"una?|un", 2: r"dos", 3: r"tres", 4: r"cuatro", 5: r"cinco", 6: r"seis",
        7: r"siete", 8: r"ocho", 9: r"nueve", 10: r"diez", 11: r"once", 12: r"doce",
        15: r"quince", 20: r"veinte", 30: r"treinta", 40: r"cuarenta", 50: r"cincuenta",
        100: r"cien",
    },
    vague=r"varios|varias|algunos|algunas|unos\s+pocos|unas\s+pocas|muchos|muchas",
    day_words={
        -2: r"anteayer|antier|antes\s+de\s+ayer", 2: r"pasado\s+mañana", -1: r"ayer", 0: r"hoy",
        1: r"(?<!la\s)(?<!esta\s)mañana(?!\s+de\s)",
    },
    last=r"pasad[oa]|anterior|[úu]ltim[oa]",
    next=r"pr[óo]xim[oa]|siguiente|que\s+viene|entrante",
    this=r"est[ea]|en\s+curso",
    ago=r"hace",
    future=(
        r"\b(?:va|van|vamos|ir[áa]n?)\s+a\b|\b\w+(?:ar|er|ir)(?:á|án|emos)\b|"
        r"\b(?:previst[oa]s?|debe|deben|deberá|deberán|prevé|prevén)\b"
    ),
    past=r"\b(?:fue|fueron|ha|han|había|habían|dijo|dijeron)\b|\b\w{2,}(?:ó|aron|ieron)\b",
    parts_of_day={"MO": r"mañana", "AF": r"tarde", "EV": r"tarde|atardecer", "NI": r"noche"},
    seasons={"SP": r"primavera", "SU": r"verano", "FA": r"otoño", "WI": r"invierno"},
    sets={
        "P1D": r"cada\s+d[íi]a|diariamente|todos\s+los\s+d[íi]as|al\s+d[íi]a|por\s+d[íi]a",
        "P1W": r"cada\s+semana|semanalmente|todas\s+las\s+semanas|por\s+semana",
        "P1M": r"cada\s+mes|mensualmente|todos\s+los\s+meses|al\s+mes|por\s+mes",
        "P1Y": r"cada\s+año|anualmente|todos\s+los\s+años|al\s+año|por\s+año",
    },
)

DE = Lexicon(
    months=(
        r"januar|jänner|jan\.", r"februar|feb\.", r"märz|maerz|mär\.", r"april|apr\.", r"mai",
        r"juni", r"juli", r"august|aug\.", r"september|sept?\.", r"oktober|okt\.",
        r"november|nov\.", r"dezember|dez\.",
    ),
    weekdays=(
        r"montags?", r"dienstags?", r"mittwochs?", r"donnerstags?", r"freitags?",
        r"samstags?|sonnabends?", r"sonntags?",
    ),
    units={
        "Y": r"jahre?n?|jahres", "M": r"monate?n?|monats", "W": r"wochen?", "D": r"tage?n?|tages",
        "H": r"stunden?", "MIN": r"minuten?", "S": r"sekunden?", "DE": r"jahrzehnte?n?",
        "CE": r"jahrhunderte?n?|jahrhunderts", "Q": r"quartale?n?|quartals",
        "WE": r"wochenendes?",
    },
    numbers={
        1: r"eine?[mnrs]?|ein", 2: r"zwei", 3: r"drei", 4: r"vier", 5: r"fünf|fuenf", 6: r"sechs",
        7: r"sieben", 8: r"acht", 9: r"neun", 10: r"zehn", 11: r"elf", 12: r"zwölf",
        15: r"fünfzehn", 20: r"zwanzig", 30: r"dreißig", 40: r"vierzig", 50: r"fünfzig",
        100: r"hundert",
    },
    vague=r"mehrere[nm]?|einige[nm]?|ein\s+paar|wenige[nm]?|viele[nm]?",
    day_words={
        -2: r"vorgestern", 2: r"übermorgen", -1: r"gestern", 0: r"heute",
        1: r"(?-i:morgen)",
    },
    last=r"letzte[nmrs]?|vergangene[nmrs]?|vorige[nmrs]?|vorherige[nmrs]?",
    next=r"nächste[nmrs]?|naechste[nmrs]?|kommende[nmrs]?|folgende[nmrs]?",
    this=r"diese[nmrs]?|laufende[nmrs]?",
    ago=r"vor",
    # the present of "stattfinden", "beginnen" announces what lies ahead ("findet am Dienstag statt")
    future=r"\b(?:wird|werden|wirst|werde|soll|sollen|geplant|plant|planen|findet|finden|beginnt|beginnen)\b",
    past=r"\b(?:hat|haben|hatte|hatten|war|waren|wurde|wurden|sagte|sagten|erklärte|fand|fanden|begann|begannen)\b",
    parts_of_day={"MO": r"morgen|vormittag", "AF": r"nachmittag", "EV": r"abend", "NI": r"nacht"},
    seasons={"SP": r"frühling|frühjahr", "SU": r"sommer", "FA": r"herbst", "WI": r"winter"},
    sets={
        "P1D": r"täglich|jeden\s+tag|pro\s+tag",
        "P1W": r"wöchentlich|jede\s+woche|pro\s+woche",
        "P1M": r"monatlich|jeden\s+monat|pro\s+monat",
        "P1Y": r"jährlich|jedes\s+jahr|pro\s+jahr",
    },
)

RU = Lexicon(
    months=(
        r"январ[ьяюе]", r"феврал[ьяюе]", r"марта?|марте", r"апрел[ьяюе]", r"ма[йяюе]",
        r"июн[ьяюе]", r"июл[ьяюе]", r"август[ауе]?", r"сентябр[ьяюе]", r"октябр[ьяюе]",
        r"ноябр[ьяюе]", r"декабр[ьяюе]",
    ),
    weekdays=(
        r"понедельник[аеу]?", r"вторник[аеу]?", r"сред[аыуе]", r"четверг[аеу]?",
        r"пятниц[аыуе]", r"суббот[аыуе]", r"воскресень[еяю]",
    ),
    units={
        "Y": r"год(?:а|у|ом)?|лет", "M": r"месяц(?:а|ев|е|у)?", "W": r"недел[ьияюе]",
        "D": r"дн(?:я|ей|ю)|день|сут(?:ки|ок)", "H": r"час(?:а|ов)?", "MIN": r"минут[аыу]?",
        "S": r"секунд[аыу]?", "DE": r"десятилети[еяй]", "CE": r"век(?:а|ов)?|столети[еяй]",
        "Q": r"квартал(?:а|ов|е)?", "WE": r"выходн(?:ые|ых)",
    },
    numbers={
        1: r"один|одн[аоуй]|одного", 2: r"дв[ае]|двух", 3: r"тр[иё]|трех|трёх", 4: r"четыр[еёх]+",
        5: r"пят[ьи]", 6: r"шест[ьи]", 7: r"сем[ьи]", 8: r"восем[ьи]|восьми", 9: r"девят[ьи]",
        10: r"десят[ьи]", 20: r"двадцат[ьи]", 30: r"тридцат[ьи]", 100: r"ст[оа]",
    },
    vague=r"нескольк(?:о|их|ими)|мног(?:о|их)",
    day_words={
        -2: r"позавчера", 2: r"послезавтра", -1: r"вчера", 0: r"сегодня", 1: r"завтра",
    },
    last=r"прошл(?:ый|ая|ое|ую|ом|ой|ого)|минувш(?:ий|ая|ее|ую|ем|ей|его)|предыдущ\w+",
    next=r"следующ(?:ий|ая|ее|ую|ем|ей|его)|будущ(?:ий|ая|ее|ую|ем|ей|его)|ближайш\w+",
    this=r"эт(?:от|а|о|у|ом|ой|ого)|текущ(?:ий|ая|ее|ую|ем|ей|его)|нынешн\w+|сего",
    ago=r"назад|тому\s+назад",
    # perfective presents are futures: "состоится во вторник"
    future=r"\b(?:будет|будут|буду|будем|планиру\w+|намерен\w*|собира\w+|состо[ия]тся|пройд[её]т|пройдут|"
    r"начн[её]тся|начнутся|откро[е]?тся|откроются|заверш[ие]тся|завершатся)\b",
    past=r"\b(?:был|была|было|были|заявил[аи]?|сообщил[аи]?|сказал[аи]?|объявил[аи]?|подписал[аи]?|"
    r"состоял(?:ся|ась|ось|ись)|прош[её]л|прошла|прошли|начал(?:ся|ась|ось|ись))\b",
    parts_of_day={"MO": r"утр(?:о|ом|а)", "AF": r"днём|днем", "EV": r"вечер(?:ом|а)?", "NI": r"ноч(?:ью|ь)"},
    seasons={"SP": r"весн(?:ой|а|у)", "SU": r"лет(?:ом)", "FA": r"осен(?:ью|ь)", "WI": r"зим(?:ой|а|у)"},
    sets={
        "P1D": r"ежедневно|каждый\s+день",
        "P1W": r"еженедельно|каждую\s+неделю",
        "P1M": r"ежемесячно|каждый\s+месяц",
        "P1Y": r"ежегодно|каждый\s+год",
    },
)

ZH = Lexicon(
    months=tuple(f"(?:{m}|{d})月" for m, d in zip(
        ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"),
        ("0?1", "0?2", "0?3", "0?4", "0?5", "0?6", "0?7", "0?8", "0?9", "10", "11", "12"), strict=True)),
    weekdays=tuple(f"(?:星期|周|礼拜){d}" for d in ("一", "二", "三", "四", "五", "六", "[日天]")),
    units={
        "Y": r"年", "M": r"个月|個月", "W": r"个?星期|周|週", "D": r"天|日", "H": r"个?小时|個?小時",
        "MIN": r"分钟|分鐘", "S": r"秒钟?", "DE": r"十年", "CE": r"世纪|世紀", "Q": r"季度",
        "WE": r"周末|週末",
    },
    numbers={
        1: r"一", 2: r"[二两兩]", 3: r"三", 4: r"四", 5: r"五", 6: r"六", 7: r"七", 8: r"八",
        9: r"九", 10: r"十",
    },
    vague=r"几|幾|数|數|多",
    day_words={-2: r"前天", 2: r"后天|後天", -1: r"昨天|昨日", 0: r"今天|今日", 1: r"明天|明日"},
    last=r"上个?|上個|去",
    next=r"下个?|下個|明",
    this=r"这个?|這個?|本|今",
    ago=r"前",
    future=r"将|將|会|會|计划|計劃|拟|擬|准备|準備",
    past=r"了|曾经?|曾經|已经|已經",
    parts_of_day={"MO": r"上午|早上|早晨", "AF": r"下午", "EV": r"傍晚|晚上", "NI": r"夜间|夜裡|夜里|凌晨"},
    seasons={"SP": r"春季|春天", "SU": r"夏季|夏天", "FA": r"秋季|秋天", "WI": r"冬季|冬天"},
    sets={"P1D": r"每天|每日", "P1W": r"每周|每週", "P1M": r"每月", "P1Y": r"每年"},
)

LEXICONS: dict[str, Lexicon] = {"en": EN, "fr": FR, "es": ES, "de": DE, "ru": RU, "zh": ZH}


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def lookup(word: str, table: dict | tuple) -> object | None:
    """Key (dict) or 1-based index (tuple) of the first class member whose pattern matches `word`."""
    items = table.items() if isinstance(table, dict) else enumerate(table, 1)
    word = re.sub(r"\s+", " ", word.strip())
    for key, pattern in items:
        if _compiled(f"(?:{pattern})").fullmatch(word):
            return key
    return None


def alternation(table: dict | tuple) -> str:
    """One non-capturing group matching any member, longest patterns first."""
    values = table.values() if isinstance(table, dict) else table
    return "(?:" + "|".join(sorted(values, key=len, reverse=True)) + ")"
