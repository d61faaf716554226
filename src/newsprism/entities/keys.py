"""Name normalisation and match keys: the string side of entity canonicalisation.

Sources write one name many ways: other scripts ("Валтонен"), other romanisations ("Alexei" /
"Aleksey"), machine translation that lower-cases, splits or mangles a syllable ("blue harbor",
"valtoner"), titles and descriptors ("President X", "the American company X"), acronyms. Every
comparison here works on cheap derived keys so that `canonical` can block candidates by key and
compare only within blocks (near-linear), never all pairs:

- `fold`: any script to Latin (anyascii), case- and accent-folded, punctuation removed;
- `squash`: fold with spaces removed, so token splits and joins compare equal;
- `phonetic`: a consonant skeleton robust to romanisation (x/ks, c/k, w/v, j/y/i, ph/f) and to
  the l/r confusion of MT from East Asian languages;
- `initials`: the acronym a multi-word name would have.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii

# Words that open a mention without being part of the name: roles and honorifics (EN/FR/ES/IT/DE
# forms that news uses), and descriptor determiners. Stripped only in front of a name.
TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady mme mme. mlle m. herr frau sr sr.
    sra sra. don dona sen sen. rep rep. gov gov. gen gen. lt col col. capt sgt st st. rev rev. hon
    president vice prime minister chancellor premier secretary spokesman spokeswoman spokesperson
    senator representative congressman congresswoman governor mayor general admiral colonel major
    captain sergeant judge justice ambassador king queen prince princess emperor pope cardinal
    bishop archbishop father sheikh ayatollah chairman chairwoman chair ceo cfo coo cto founder
    director chief executive head leader commander lieutenant professor doctor former late
    deputy acting foreign defence defense interior finance state opposition critic activist
    analyst officer official président président ministre premier chancelier porte-parole
    secrétaire général maire sénateur député presidente ministro primo segretario portavoce
    präsident präsidentin kanzler kanzlerin minister ministerin sprecher monsieur madame
    mademoiselle señor señora canciller ministra presidenta senador senadora diputado diputada
    alcalde alcaldesa gobernador portavoz senhor senhora ministre-président signor signora
    """.split()
)
DETERMINERS = frozenset("the a an le la les l' el los las il lo gli der die das de".split())
# Lower-case words allowed inside a multi-word name ("Bank of America", "Charles de Gaulle").
CONNECTORS = frozenset("of and & de du des da di del della van von y al bin ibn".split())
# Words skipped when forming an acronym from a name's words.
_ACRONYM_SKIP = frozenset("of and & the for de du des la le da di del y e et und für".split())

# Legal forms dropped from the end of an organisation's name: "Acme Inc." is "Acme".
LEGAL_FORMS = frozenset(
    "inc incorporated corp corporation co company llc ltd limited plc nv n.v sa s.a ag gmbh spa "
    "srl bv ab asa oyj holdings group".split()
)
_CLAUSE = frozenset("in at near on from outside inside which who that located based".split())
_QUOTES = re.compile(r"[`'\"“”«»‘’]+")
_PLURAL_MODEL = re.compile(r"^(.*\d)s$")  # "A380s" is the A380
_APOSTROPHES = re.compile(r"['’ʼʹ`´]")
_POSSESSIVE = re.compile(r"\s*['’`]\s*s?\s*$")
_NON_ALNUM = re.compile(r"[^0-9a-z ]+")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_PHONETIC_RULES = [
    (re.compile(r"tch|tsch|tsh|ch|sch|sh|sz|zh|ş|ç"), "S"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck|q|c(?=[^eiy])|c$|kh|gh"), "k"),
    (re.compile(r"c"), "s"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"z|ts|tz"), "s"),
    (re.compile(r"dj|dzh|j"), "y"),
    (re.compile(r"th"), "t"),
    (re.compile(r"r"), "l"),
    (re.compile(r"(?<!^)h"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
]
_VOWELS = re.compile(r"[aeiouy]+")


def latin(text: str) -> str:
    """Text in Latin letters: other scripts transliterated, accents kept as plain letters."""
    if text.isascii():
        return text
    return anyascii(unicodedata.normalize("NFC", text))


@functools.lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Lower-case Latin form with punctuation removed and spaces normalised."""
    text = _APOSTROPHES.sub("", latin(text).lower()).replace("&", " and ")
    return _SPACES.sub(" ", _NON_ALNUM.sub(" ", text)).strip()


def squash(text: str) -> str:
    """`fold` without spaces: "blue harbor" and "BlueHarbor" share one squash key."""
    return fold(text).replace(" ", "")


@functools.lru_cache(maxsize=1 << 18)  # names repeat across mentions: compute each key once
def phonetic(text: str) -> str:
    """Consonant skeleton of a name; first letter kept so blocks stay small."""
    s = squash(text)
    if not s:
        return ""
    for pattern, repl in _PHONETIC_RULES:
        s = pattern.sub(repl, s)
    return s[0] + _VOWELS.sub("", s[1:])


def digits(text: str) -> tuple[str, ...]:
    """Numbers inside a name: "A330" and "A380" are different aircraft, whatever the ratio."""
    return tuple(_DIGITS.findall(text))


def initials(text: str) -> str:
    """Acronym of a multi-word name: "North Atlantic Treaty Organization" -> "nato"."""
    words = [w for w in re.split(r"[\s\-]+", latin(text)) if w]
    letters = [w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[0].isalpha()]
    return "".join(letters).lower() if len(letters) >= 2 else ""


def is_acronym(text: str) -> bool:
    """Short all-capitals token such as "NATO", "EADS", "U.S." (dots allowed)."""
    bare = text.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper() and " " not in text.strip()


def _is_name_token(token: str) -> bool:
    return any(ch.isupper() for ch in token[:2]) or any(ch.isdigit() for ch in token)


@functools.lru_cache(maxsize=1 << 18)
def core_name(text: str, strip_titles: bool = True) -> tuple[str, str]:
    """(name, acronym) of a mention with its descriptors removed.

    "the American computer company Apple" -> ("Apple", ""); "U.S. President Jane Roe" ->
    ("Jane Roe", ""); "Northwind Air ( NWA" -> ("Northwind Air", "NWA"); "Lyon , France" ->
    ("Lyon", ""); "Acme Inc." -> ("Acme", ""). Keeps the last run of name-like tokens (capitalised,
    or with digits, joined by connectors) of the first comma-separated part that ends in a name,
    because descriptors precede a name and appositions follow it. Text without any capital (MT
    output, lower-cased titles) is returned as is. Titles are stripped only when asked: an
    organisation may start with one ("General Motors").
    """
    acronym = ""
    m = re.search(r"\(\s*([^()]*?)\s*\)?\s*$", text)
    if m and m.start() > 0:
        inner = m.group(1).strip()
        if is_acronym(inner):
            acronym = inner
        text = text[: m.start()]
    tokens = [t for t in text.replace("’", "'").split() if not _QUOTES.fullmatch(t)]
    if not tokens:
        return "", acronym
    if not any(_is_name_token(t) for t in tokens):
        return _POSSESSIVE.sub("", " ".join(tokens)), acronym
    segments = [_before_clause(seg) for seg in _comma_segments(tokens)]
    segment = next((seg for seg in segments if _is_name_token(seg[-1])), segments[-1])
    run = _last_run(segment)
    if strip_titles:
        # "M." is the French "Monsieur", not an initial: abbreviations match with their dot.
        cut = max((i + 1 for i, t in enumerate(run[:-1]) if t.lower() in TITLES or t.lower().rstrip(".") in TITLES),
                  default=0)
        run = run[cut:]
    while len(run) > 1 and run[0].lower() in DETERMINERS:
        run = run[1:]
    while len(run) > 1 and run[-1].lower().rstrip(".,") in LEGAL_FORMS:
        run = run[:-1]
    run = [_PLURAL_MODEL.sub(r"\1", t) for t in run]
    return " ".join(run), acronym


def has_legal_form(text: str) -> bool:
    """"Acme Inc." or "Acme N.V. (ACME)": the name is given in full, with its legal form."""
    text = re.sub(r"\(.*$", "", text)
    words = [w.lower().strip(".,") for w in text.split()]
    return len(words) >= 2 and words[-1] in LEGAL_FORMS


def _comma_segments(tokens: list[str]) -> list[list[str]]:
    segments: list[list[str]] = [[]]
    for tok in tokens:
        if tok in (",", ";", ":", "-", "–", "—"):
            segments.append([])
        else:
            segments[-1].append(tok.rstrip(","))
    return [seg for seg in segments if seg] or [tokens]


def _before_clause(tokens: list[str]) -> list[str]:
    """"Moscone Hall in San Jose" names the hall: cut at a preposition that follows a name."""
    for i, tok in enumerate(tokens):
        if i and tok.lower() in _CLAUSE and any(_is_name_token(t) for t in tokens[:i]):
            return tokens[:i]
    return tokens


def _last_run(tokens: list[str]) -> list[str]:
    runs: list[list[str]] = []
    current: list[str] = []
    for tok in tokens:
        if tok in ("'s", "'", "s") or tok.endswith("'s"):
            if tok.endswith("'s") and len(tok) > 2:
                current.append(tok[:-2])
            if current:
                runs.append(current)
            current = []
        elif _is_name_token(tok) or (current and tok.lower() in CONNECTORS):
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    run = runs[-1] if runs else tokens
    while len(run) > 1 and run[-1].lower() in CONNECTORS:
        run = run[:-1]
    return run


# Languages whose CLDR country names are matched; enough for the news languages newsprism reads.
TERRITORY_LANGS = ("en", "fr", "es", "de", "it", "pt", "nl", "pl", "ru", "tr", "ar", "zh", "ja")


@functools.cache
def _territories() -> dict[str, str]:
    """Folded country name in any of TERRITORY_LANGS -> ISO 3166 code (countries only: CLDR
    region codes such as "150" for Europe are numeric)."""
    try:
        from babel import Locale
    except ImportError:  # babel comes with the dependencies; without it no country merges
        return {}
    names: dict[str, str] = {}
    for lang in TERRITORY_LANGS:
        for code, name in Locale(lang).territories.items():
            if code.isalpha() and len(code) == 2:
                names.setdefault(fold(name), code)
    return names


def territory(folded: str) -> str | None:
    """ISO code of a country named `folded` (a `fold`ed name) in one of the known languages."""
    return _territories().get(folded)
