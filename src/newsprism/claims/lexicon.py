"""Multilingual cue words the claims stage reads statements with (en, fr, es, de, plus a few it/pt).

These are language resources, not examples: modal and tense cues that set a claim's status,
negation words, verbs that introduce reported speech, number words, units that normalise across
languages, and month names. Lists are lower-case; multi-word cues are matched on word boundaries.
"""
from __future__ import annotations

# Status cues, checked in this order: the first family that matches wins, because "denied that
# it plans to" is a denial, and "agreed to extend" is an agreement, not a done extension.
STATUS_CUES: dict[str, list[str]] = {
    "denied": [
        "denied", "denies", "deny", "denying", "rejected claims", "dismissed reports", "ruled out",
        "rejected any", "rejected the accusation", "rejected accusations", "rejected allegations",
        "a rejeté toute", "a rejeté les accusations", "rejette toute", "rechazó cualquier",
        "rechazó las acusaciones", "wies die vorwürfe zurück",
        "a écarté", "écarte", "descartó", "descartaron", "descarta", "schloss aus", "schließt aus",
        "a démenti", "dément", "démenti", "nié", "nie que", "a nié",
        "negó", "niega", "desmintió", "desmiente", "rechazó que",
        "dementierte", "dementiert", "bestritt", "bestreitet", "wies zurück",
    ],
    "alleged": [
        "allegedly", "alleged", "suspected", "purportedly", "claimed that", "accused",
        "présumé", "présumée", "présumés", "supposé", "prétendu", "accusé", "aurait", "auraient",
        "presunto", "presunta", "presuntamente", "supuestamente", "supuesto", "acusó",
        "mutmaßlich", "angeblich", "soll ", "sollen ", "beschuldigte",
    ],
    "agreed": [
        "agreed to", "agree to", "agreed on", "reached an agreement", "reached a consensus",
        "consensus", "as soon as possible", "committed to", "pledged to",
        "se sont mis d'accord", "convenu", "convenus", "sont convenus", "accord pour",
        "d'accord pour", "dès que possible", "au plus vite", "se sont engagés", "s'est engagé",
        "acordaron", "acordó", "acuerdo para", "lo antes posible", "cuanto antes",
        "se comprometieron", "se comprometió",
        "vereinbarten", "vereinbart", "einigten sich", "geeinigt", "so schnell wie möglich",
        "möglichst bald", "verpflichteten sich",
    ],
    "proposed": [
        "proposed", "proposes", "propose", "suggested", "offered to", "called for", "urged",
        "submitted a bill", "a proposé", "propose de", "proposé", "a suggéré", "appelé à",
        "propuso", "propone", "sugirió", "pidió",
        "schlug vor", "schlägt vor", "vorgeschlagen", "forderte",
    ],
    "planned": [
        "will ", "would ", "promised to", "promises to", "vowed to", "plans to", "planned to", "plan to", "intends to", "intention to",
        "intention of", "is about to", "are about to", "is set to", "are set to", "is expected to",
        "is expected in", "est attendu", "est attendue", "est prévu", "est prévue", "sont prévus",
        "está previsto", "está prevista", "ist geplant",
        "are expected to", "is going to", "are going to", "is scheduled to", "aims to",
        "a promis", "promet de", "va ", "vont ", "compte ", "prévoit de", "prévoient de", "entend ", "est sur le point",
        "doit ", "doivent ", "devrait", "devraient", "a l'intention",
        "prometió", "prometieron", "promete", "va a ", "van a ", "planea", "prevé", "tiene previsto", "tienen previsto", "pretende",
        "está a punto", "deberá", "debería",
        "versprach", "verspricht", "wird ", "werden ", "plant ", "planen ", "soll bald", "beabsichtigt", "steht kurz",
        "vorhaben",
    ],
}

# Words that mark a reported (second-hand) statement without denying or hedging it.
REPORTED_CUES = [
    "reportedly", "according to", "sources said", "it was reported", "reports said",
    "selon", "d'après", "rapporte", "selon des sources", "según", "de acuerdo con", "informó",
    "laut", "zufolge", "berichtete", "berichtet",
]

NEGATION_CUES = [
    "not", "no", "never", "n't", "neither", "nor", "none", "failed to", "refused to",
    "ne", "n'", "pas", "jamais", "aucun", "aucune", "refusé de",
    "nunca", "ningún", "ninguna", "tampoco", "se negó",
    "nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "weigerte",
]

# "X did not mention Y": a party's statement leaving something out is an attribution conflict,
# not a negation of the fact itself.
NO_MENTION_CUES = [
    "did not mention", "didn't mention", "made no mention", "no mention of", "did not refer",
    "was silent on", "did not say", "did not specify", "did not precise", "did not detail",
    "did not disclose", "omitted", "n'a pas précisé", "ne précise pas", "sans préciser",
    "n'a pas été annoncé", "n'a pas été annoncée", "no precisó", "no especificó", "sin precisar",
    "nannte nicht", "ließ offen",
    "n'a pas mentionné", "ne mentionne pas", "ne mentionnait pas", "aucune mention",
    "n'a pas évoqué", "n'évoque pas", "passé sous silence",
    "no mencionó", "no menciona", "no hizo mención", "ninguna mención", "no se refirió",
    "omitió", "erwähnte nicht", "erwähnt nicht", "keine erwähnung", "ließ unerwähnt",
]

# Verbs that introduce reported speech: "<party> said", "said <party>".
SPEECH_VERBS = [
    "said", "says", "told", "stated", "announced", "declared", "confirmed", "added", "noted",
    "reported", "claimed", "insisted", "warned", "wrote", "tweeted", "explained", "revealed",
    "indicated", "argued", "recalled", "stressed", "highlighted", "signalled", "signaled", "estimated", "insisted", "assured",
    "a déclaré", "a dit", "a affirmé", "a annoncé", "a indiqué", "a confirmé", "a précisé",
    "a ajouté", "déclare", "affirme", "annonce", "indique", "précise", "a souligné", "a expliqué",
    "a rappelé", "a réagi", "a estimé", "ont estimé", "ont déclaré", "ont dit", "ont affirmé", "ont annoncé", "ont indiqué", "ont confirmé",
    "ont précisé", "ont ajouté", "ont expliqué", "ont souligné", "a assuré", "ont assuré",
    "dijo", "afirmó", "declaró", "anunció", "indicó", "confirmó", "señaló", "aseguró", "explicó",
    "añadió", "informó", "dice", "afirma", "destacó", "subrayó", "recordó", "advirtió", "dijeron", "afirmaron", "declararon", "anunciaron",
    "indicaron", "confirmaron", "señalaron", "aseguraron", "explicaron", "añadieron", "informaron",
    "sagte", "erklärte", "teilte mit", "kündigte an", "bestätigte", "betonte", "sagt", "erklärt",
    "hieß es", "sagten", "erklärten", "teilten mit", "bestätigten", "betonten",
]

ACCORDING_TO = ["according to", "selon", "d'après", "según", "de acuerdo con", "laut", "zufolge"]

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "cinquante": 50, "cent": 100, "dizaine": 10, "douzaine": 12, "vingtaine": 20, "centaine": 100,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30,
    "cincuenta": 50, "cien": 100, "decena": 10, "docena": 12, "veintena": 20, "centenar": 100,
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30,
    "fünfzig": 50, "hundert": 100,
}

# Scale words multiply the number before them ("2.5 million").
SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
    "mille": 1e3, "milliers": 1e3, "millier": 1e3, "milliard": 1e9, "milliards": 1e9,
    "mil": 1e3, "millón": 1e6, "millones": 1e6, "millón de": 1e6,
    "tausend": 1e3, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mio": 1e6,
    "mrd": 1e9, "bn": 1e9, "m": 1e6,
}

# Units that mean the same across languages; anything else keeps its own (lower-cased) word.
UNIT_CANON: dict[str, str] = {}
for _canon, _words in {
    "year": ["year", "years", "an", "ans", "année", "années", "año", "años", "jahr", "jahre",
             "jahren", "anno", "anni", "ano", "anos"],
    "month": ["month", "months", "mois", "mes", "meses", "monat", "monate", "monaten"],
    "week": ["week", "weeks", "semaine", "semaines", "semana", "semanas", "woche", "wochen"],
    "day": ["day", "days", "jour", "jours", "día", "días", "tag", "tage", "tagen"],
    "hour": ["hour", "hours", "heure", "heures", "hora", "horas", "stunde", "stunden"],
    "percent": ["%", "percent", "per cent", "pour cent", "por ciento", "prozent"],
    "person": ["people", "persons", "person", "personnes", "personas", "menschen", "personen"],
    "dead": ["dead", "killed", "deaths", "morts", "tués", "muertos", "fallecidos", "tote"],
    "injured": ["injured", "wounded", "blessés", "heridos", "verletzte"],
    "member": ["members", "member", "membres", "miembros", "mitglieder", "députés",
               "diputados", "abgeordnete", "lawmakers", "deputies"],
    "warhead": ["warheads", "warhead", "ogives", "ojivas", "sprengköpfe"],
    "soldier": ["soldiers", "troops", "soldats", "soldados", "soldaten", "militaires"],
    "km": ["km", "kilometres", "kilometers", "kilomètres", "kilómetros", "kilometer"],
    "money": ["$", "€", "£", "dollars", "euros", "dólares", "euro", "dollar", "usd", "eur"],
    "ton": ["tons", "tonnes", "toneladas", "tonnen", "t"],
    "vote": ["votes", "voix", "votos", "stimmen"],
}.items():
    for _w in _words:
        UNIT_CANON[_w] = _canon

MONTHS: dict[str, int] = {}
for _i, _names in enumerate([
    ["january", "jan", "janvier", "enero", "januar", "gennaio", "janeiro"],
    ["february", "feb", "février", "fevrier", "febrero", "februar", "febbraio", "fevereiro"],
    ["march", "mar", "mars", "marzo", "märz", "março"],
    ["april", "apr", "avril", "abril", "aprile"],
    ["may", "mai", "mayo", "maggio", "maio"],
    ["june", "jun", "juin", "junio", "juni", "giugno", "junho"],
    ["july", "jul", "juillet", "julio", "juli", "luglio", "julho"],
    ["august", "aug", "août", "aout", "agosto"],
    ["september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro"],
    ["october", "oct", "octobre", "octubre", "oktober", "ottobre", "outubro"],
    ["november", "nov", "novembre", "noviembre", "novembro"],
    ["december", "dec", "décembre", "decembre", "diciembre", "dezember", "dicembre", "dezembro"],
], start=1):
    for _n in _names:
        MONTHS[_n] = _i

# Clause openers that start a new statement inside one sentence.
CLAUSE_OPENERS = [
    "however", "but", "meanwhile", "in addition", "moreover", "also", "nevertheless",
    "cependant", "mais", "toutefois", "en revanche", "par ailleurs", "en outre", "pourtant",
    "sin embargo", "pero", "además", "por otra parte", "no obstante", "mientras tanto",
    "jedoch", "aber", "außerdem", "allerdings", "dennoch", "zudem",
]
COORDINATORS = ["and", "et", "y", "e", "und", "while", "tandis que", "mientras que", "während"]

# Short function words ignored by keyword signatures (all languages mixed: cheap and harmless).
STOPWORDS = set("""
a an the of to in on at for by with from and or but as is are was were be been being has have had
it its this that these those which who whom whose what when where while also than then there their
they them he she his her him we our you your i not no into over after before about under between
said says will would could should may might can do does did up out more most other such only
le la les un une des du de d l et ou mais est sont été être a ont avait avaient au aux ce cet cette
ces qui que quoi dont où en dans sur pour par avec sans il elle ils elles se sa son ses leur leurs
pas ne plus lors après avant selon a-t-il y
el la los las un una unos unas del de y o pero es son fue fueron ser ha han había al lo que quien
en con por para sin sobre su sus se le les este esta estos estas ese esa como más tras según dijo
der die das ein eine einer eines einem einen und oder aber ist sind war waren sein hat haben hatte
den dem des zu im in am an auf für mit von bei nach vor über unter als auch nicht es er sie wir
""".split())

# ISO weekday numbers, for the TimeML value XXXX-WXX-N of an unresolved "on Tuesday".
WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate([
    ["monday", "lundi", "lunes", "montag"], ["tuesday", "mardi", "martes", "dienstag"],
    ["wednesday", "mercredi", "miércoles", "miercoles", "mittwoch"],
    ["thursday", "jeudi", "jueves", "donnerstag"], ["friday", "vendredi", "viernes", "freitag"],
    ["saturday", "samedi", "sábado", "sabado", "samstag"], ["sunday", "dimanche", "domingo", "sonntag"],
], start=1):
    for _n in _names:
        WEEKDAYS[_n] = _i
