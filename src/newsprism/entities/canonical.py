"""Cross-document canonicalisation: one `Entity` per real-world thing, with evidence.

Mentions are reduced to their core name (descriptors, titles, determiners and possessives off,
see `keys.core_name`); identical folded names form one node. Nodes are joined by rules, strongest
first, each merge recording which signals fired and how strongly:

1. same `squash` key (token splits and joins, case, accents, script via anyascii);
2. acronyms: "Long Name (LN)" written in a text, or an all-capitals name equal to the initials of
   exactly one multi-word name (else the one in the same article or event group);
3. fuzzy names inside blocks (same squash prefix, phonetic key or last-token key; oversized
   blocks fall back to a sorted neighbourhood) scored by rapidfuzz ratio, Jaro-Winkler, phonetic
   skeleton and, across scripts, the learned transliteration model; a lower bar applies when both
   names occur in one event group (`groups`) and to lower-cased MT candidates;
4. an organisation's name followed only by dictionary words joins its bare name ("Acme Motor");
5. short forms (a bare surname, an organisation's first word, a product without its maker) are
   resolved per article: to the one full name of that article, else of its event group, else of
   the corpus; when two full names compete the short form stays on its own.

Before that, MT-looking texts are scanned for lower-case phrases that spell a corpus name, split
or slightly damaged ("acme soft"); MT candidates that end up matching no well-formed name are
moved from `Article.mentions` to `Article.extra["entity_candidates"]`, and reconsidered by the
next call (the pipeline calls again once event groups are known).

Guards: two person names whose surnames match but whose first names do not are never joined
(cluster-level cannot-link), numbers inside names must agree ("A330" is not "A380"), and weak
matches need compatible types. The type of an entity is the confidence-weighted vote of its
mentions, which repairs a person that one document's NER tagged as a place.

Only nodes in a shared block are compared, so cost grows with the number of distinct names,
not their square.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from newsprism.entities import keys, translit
from newsprism.entities.ner import (CANDIDATE_CONFIDENCE, MT_CONFIDENCE, MT_THRESHOLD, is_english_word,
                                    stop_words)
from newsprism.records import Article, Entity, Mention, Variant

log = logging.getLogger(__name__)

MAX_BLOCK = 100  # larger blocks are too generic to compare all pairs: sorted neighbourhood instead
WINDOW = 6
STRONG = 0.88  # fuzzy score that merges anywhere in the corpus
IN_GROUP = 0.80  # ... when both names occur in one event group
CANDIDATE = 0.78  # lower-cased MT candidates against well-formed names in their group
EXONYM_RATIO = 0.75  # spelling overlap a place's names in two languages keep (Valencia / Valence: 0.80)
TYPE_GROUPS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "PRODUCT": "PRO",
               "EVENT": "EVT", "NORP": "NORP"}
KEEP_TITLES = {"ORG", "PRODUCT", "EVENT"}  # "General Motors" keeps its first word
_PAREN_ACRONYM = re.compile(r"\s*[(\[]\s*([A-Z][A-Za-z.&]{1,9})\s*[)\]]")
_LOWER_WORD = re.compile(r"\b[a-z][a-z\-]*\b")
_LOWER_GAP = re.compile(r"[a-z\-]+(?:[ \-][a-z]+)*")  # words joined by single spaces or hyphens
MAX_SPLIT = 4
# Words next to a person's name that give their gender (honorifics and gendered role nouns,
# en/fr/es/it/pt/de; not pronouns, which refer to a sentence's subject rather than to the name
# beside them): a bare "Ms Roe" then resolves to Jane Roe even when John Roe is in the same
# story. An epicene title takes the gender of its article ("la ministre", "el portavoz").
FEMININE = frozenset("""
    ms mrs miss mme madame mlle mademoiselle sra señora srta señorita doña frau signora sig.ra senhora dona
    lady dame ministra presidenta alcaldesa diputada senadora gobernadora directora
    secretaria consejera concejala spokeswoman chairwoman congresswoman businesswoman queen princess duchess
    countess empress sister mother daughter wife widow ministerin kanzlerin präsidentin sprecherin
    """.split())
MASCULINE = frozenset("""
    mr mister m. monsieur sr señor don herr signor senhor sir lord ministro alcalde
    diputado senador gobernador director secretario consejero concejal spokesman chairman congressman
    businessman king prince duke emperor brother father husband widower kanzler sprecher
    """.split())
_GENDERED_ARTICLES = {"la": "F", "una": "F", "une": "F", "le": "M", "el": "M", "un": "M"}
GENDER_WINDOW = 5  # words before a full name (and after it, in an apposition) that may describe it
TITLE_WORDS = 2  # words before a bare surname that may be its title ("la ministra Roe", "Mr Roe")
_SENTENCE_BREAK = re.compile(r"(?<=\w\w)[.!?]\s|[;:\n]")  # not after "M." (Monsieur)
_GENDER_WORD = re.compile(r"[^\W\d_][\w\-]*\.?")
SET_ASIDE = "entity_candidates"  # Article.extra key: MT candidates that matched nothing yet
SPLIT_RATIO = 0.88


@dataclass
class _Node:
    """One distinct folded name and everything observed about it."""

    key: str
    text: str  # first core spelling seen
    squash: str
    phon: str
    tokens: list[str]
    digits: tuple[str, ...]
    initials: str
    latin: bool
    mentions: list[Mention] = field(default_factory=list)
    spellings: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    groups: set[int] = field(default_factory=set)
    candidate: bool = True  # only lower-case MT candidates so far
    formal: bool = False  # some mention wrote it with a legal form ("Acme Inc.")

    @property
    def type(self) -> str:
        typed = Counter({t: c for t, c in self.types.items() if t != "MISC"})
        return typed.most_common(1)[0][0] if typed else "MISC"

    @property
    def acronym(self) -> bool:
        return any(keys.is_acronym(s) for s in self.spellings) and len(self.tokens) == 1


class _Clusters:
    """Union-find over nodes with a cannot-link guard for different people."""

    def __init__(self, nodes: list[_Node]):
        self.parent = list(range(len(nodes)))
        self.nodes = nodes
        self.persons: dict[int, set[tuple[str, str]]] = {
            i: ({(n.tokens[0], n.tokens[-1])} if n.type == "PERSON" and len(n.tokens) >= 2 else set())
            for i, n in enumerate(nodes)
        }
        self.evidence: dict[int, list[dict]] = defaultdict(list)
        self.votes: dict[int, Counter] = {i: Counter(n.types) for i, n in enumerate(nodes)}
        self._types: dict[int, str] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def conflict(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        return any(_different_people(p, q) for p in self.persons[ra] for q in self.persons[rb])

    def union(self, a: int, b: int, evidence: dict) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.conflict(ra, rb):
            return False
        self.parent[rb] = ra
        self.persons[ra] |= self.persons.pop(rb)
        self.evidence[ra] += self.evidence.pop(rb, []) + [evidence]
        self.votes[ra] += self.votes.pop(rb)
        self._types.pop(ra, None)
        return True

    def type(self, i: int) -> str:
        """Confidence-weighted vote of the cluster's mention types; MISC does not vote."""
        root = self.find(i)
        if root not in self._types:
            typed = [(c, t) for t, c in self.votes[root].items() if t != "MISC"]
            self._types[root] = max(typed)[1] if typed else "MISC"
        return self._types[root]

    def types_compatible(self, a: int, b: int) -> bool:
        """Types agree, or one side's type rests only on low-confidence guesses (MT text)."""
        ta, tb = self.type(a), self.type(b)
        weak = min(sum(self.votes[self.find(a)].values()), sum(self.votes[self.find(b)].values())) < 0.6
        return weak or "MISC" in (ta, tb) or TYPE_GROUPS.get(ta) == TYPE_GROUPS.get(tb)


def _different_people(p: tuple[str, str], q: tuple[str, str]) -> bool:
    """Same surname, incompatible first names: "Jane Roe" and "John Roe" are two people."""
    (f1, l1), (f2, l2) = p, q
    if not _compatible_token(l1, l2):
        return False
    return not _compatible_token(f1, f2)


def _compatible_token(a: str, b: str) -> bool:
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return keys.phonetic(a) == keys.phonetic(b) or fuzz.ratio(a, b) >= 85


def canonicalize(articles: list[Article], groups: list[list[str]] | None = None) -> list[Entity]:
    """Cluster the mentions of all articles into entities; sets every kept `Mention.entity_id`."""
    try:
        return _canonicalize([a for a in articles if a.status == "ok"], groups)
    except Exception as exc:  # a corpus-level failure must not take the whole run down
        log.error("canonicalize failed on %d articles: %s", len(articles), exc, exc_info=True)
        return []


def _canonicalize(articles: list[Article], groups: list[list[str]] | None) -> list[Entity]:
    for art in articles:
        if art.extra.get(SET_ASIDE):
            restored = [Mention(**m) for m in art.extra.pop(SET_ASIDE)]
            art.mentions = sorted(art.mentions + restored, key=lambda m: m.start)
    group_of: dict[str, set[int]] = defaultdict(set)
    for gi, ids in enumerate(groups or []):
        for aid in ids:
            group_of[aid].add(gi)
    _add_split_names(articles)
    nodes, acronym_links = _build_nodes(articles, group_of)
    if not nodes:
        return []
    clusters = _Clusters(nodes)
    _merge_squash(nodes, clusters)
    _merge_countries(nodes, clusters)
    _merge_acronyms(nodes, acronym_links, clusters)
    pairs = _pairs(nodes)
    _merge_fuzzy(nodes, clusters, pairs)
    _merge_exonyms(nodes, clusters, pairs, {a.id: a.language for a in articles})
    _merge_generic_tails(nodes, clusters)
    assignment = _resolve_short_forms(nodes, clusters, articles, group_of)
    return _entities(nodes, clusters, assignment, articles)


def _core(mention: Mention) -> tuple[str, str]:
    return keys.core_name(mention.text, strip_titles=mention.type not in KEEP_TITLES)


def _build_nodes(articles: list[Article], group_of: dict[str, set[int]]):
    """Nodes by folded core name; also the acronym links that texts state in parentheses."""
    nodes: list[_Node] = []
    index: dict[str, int] = {}
    links: list[tuple[int, int]] = []

    def node_for(text: str) -> int | None:
        key = keys.fold(text)
        if len(key.replace(" ", "")) < 2:
            return None
        if key not in index:
            index[key] = len(nodes)
            nodes.append(_Node(key, text, key.replace(" ", ""), keys.phonetic(text), key.split(),
                               keys.digits(key), keys.initials(text), text.isascii()))
        return index[key]

    for art in articles:
        for m in art.mentions:
            m.article_id = m.article_id or art.id
            m.entity_id = None
            core, acronym = _core(m)
            if not acronym:
                after = _PAREN_ACRONYM.match(art.text, m.end)
                if after and keys.is_acronym(after.group(1)):
                    acronym = after.group(1)
            i = node_for(core)
            if i is None:
                continue
            n = nodes[i]
            n.mentions.append(m)
            n.spellings[core] += 1
            n.types[m.type] += m.confidence
            n.articles.add(art.id)
            n.groups |= group_of.get(art.id, set())
            n.candidate &= m.confidence <= MT_CONFIDENCE and core.islower()
            n.formal |= keys.has_legal_form(m.text)
            j = node_for(acronym) if acronym and keys.initials(core) else None
            if j is not None and j != i:
                nodes[j].candidate = False
                links.append((i, j))
    return nodes, links


def _add_split_names(articles: list[Article]) -> None:
    """In MT-looking texts, find lower-case phrases that spell a name of the corpus.

    MT splits, lower-cases and mangles names ("acme soft" for "AcmeSoft", "brigt acme" for
    "Bright Acme"): a phrase of 2-4 lower-case words is a mention when its squash key is that of a
    well-formed name written elsewhere (a full name, or a person's surname), or is close to one
    (ratio >= SPLIT_RATIO) while containing a word that is not an English word.
    """
    targets: dict[str, str] = {}
    for art in articles:
        for m in art.mentions:
            core, _ = _core(m)
            if core.islower() or m.confidence <= MT_CONFIDENCE:
                continue
            targets.setdefault(keys.squash(core), m.type)
            if m.type == "PERSON" and len(core.split()) > 1:
                targets.setdefault(keys.squash(core.split()[-1]), m.type)
    if not targets:
        return
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for key in targets:
        by_prefix[key[:3]].append(key)
    for art in articles:
        if art.mt_likelihood >= MT_THRESHOLD and art.text:
            _add_phrases(art, targets, by_prefix)


def _add_phrases(art: Article, targets: dict[str, str], by_prefix: dict[str, list[str]]) -> None:
    words = [(w.group(), w.start(), w.end()) for w in _LOWER_WORD.finditer(art.text)]
    taken = [(m.start, m.end) for m in art.mentions if m.confidence > MT_CONFIDENCE]
    added: list[Mention] = []
    for i in range(len(words)):
        best: tuple[float, int, str] | None = None  # (ratio, -n, target): exact beats fuzzy
        for n in range(2, min(MAX_SPLIT, len(words) - i) + 1):
            start, end = words[i][1], words[i + n - 1][2]
            phrase = art.text[start:end]
            if not _LOWER_GAP.fullmatch(phrase) or any(s < end and start < e for s, e in taken):
                break
            key = keys.squash(phrase)
            if key in targets:
                best = max(best or (0, 0, ""), (101.0, n, key))
                continue
            inner = [w for w, _, _ in words[i: i + n]]
            if {inner[0], inner[-1]} & stop_words() or all(map(is_english_word, inner)):
                continue
            for t in by_prefix.get(key[:3], []):
                ratio = fuzz.ratio(key, t)
                if ratio >= SPLIT_RATIO * 100 and (best is None or (ratio, -n) > best[:2]):
                    best = (ratio, -n, t)
        if best:
            n = abs(best[1])
            start, end = words[i][1], words[i + n - 1][2]
            added.append(Mention(art.text[start:end], start, end, targets[best[2]], art.id,
                                 confidence=CANDIDATE_CONFIDENCE))
            taken.append((start, end))
    if added:
        kept = [m for m in art.mentions if not any(a.start <= m.start < a.end for a in added)]
        art.mentions = sorted(kept + added, key=lambda m: m.start)


def _merge_squash(nodes: list[_Node], clusters: _Clusters) -> None:
    by_squash: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        by_squash[n.squash].append(i)
    for members in by_squash.values():
        for j in members[1:]:
            clusters.union(members[0], j, {
                "rule": "squash", "names": [nodes[members[0]].text, nodes[j].text],
                "signals": {"squash_equal": 1.0}, "score": 0.97})


def _merge_countries(nodes: list[_Node], clusters: _Clusters) -> None:
    """Country names in other languages ("Espagne", "España", "Spain") are one place: the
    territory names of CLDR, which Babel ships, give each spelling its ISO code."""
    by_code: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        code = keys.territory(n.key) if n.type in ("GPE", "LOC", "MISC") else None
        if code:
            by_code[code].append(i)
    for code, members in by_code.items():
        for j in members[1:]:
            clusters.union(members[0], j, {
                "rule": "country", "names": [nodes[members[0]].text, nodes[j].text],
                "signals": {"territory": code}, "score": 0.95})


def _merge_acronyms(nodes: list[_Node], links: list[tuple[int, int]], clusters: _Clusters) -> None:
    for i, j in links:
        clusters.union(i, j, {"rule": "acronym_in_text", "names": [nodes[i].text, nodes[j].text],
                              "signals": {"parenthesis": 1.0}, "score": 0.95})
    by_initials: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.initials and len(n.tokens) >= 2:
            by_initials[n.initials].append(i)
    for i, n in enumerate(nodes):
        if not n.acronym:
            continue
        expansions = {clusters.find(j) for j in by_initials.get(n.squash, [])}
        if len(expansions) > 1:  # ambiguous: keep only those sharing an article or event group
            expansions = {clusters.find(j) for j in by_initials[n.squash]
                          if nodes[j].articles & n.articles or nodes[j].groups & n.groups}
        if len(expansions) == 1:
            j = next(iter(expansions))
            clusters.union(j, i, {"rule": "acronym", "names": [nodes[j].text, n.text],
                                  "signals": {"initials": 1.0}, "score": 0.85})


def _blocks(nodes: list[_Node]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if len(n.squash) < 4:
            continue
        blocks["f:" + n.squash[:4]].append(i)
        blocks["p:" + n.phon].append(i)
        blocks["t:" + keys.phonetic(n.tokens[-1])].append(i)
        tail = keys.phonetic(n.tokens[-1])[1:]
        if len(tail) >= 3:  # first sound varies across scripts: "Wexford" / "Uekhsford"
            blocks["s:" + tail].append(i)
        if not n.latin:
            blocks["f:" + translit.best_latin(n.text)[:4]].append(i)
    return blocks


def _pairs(nodes: list[_Node]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for members in _blocks(nodes).values():
        if len(members) <= MAX_BLOCK:
            pairs.update((a, b) for x, a in enumerate(members) for b in members[x + 1:])
        else:
            ordered = sorted(members, key=lambda i: nodes[i].squash)
            for x, a in enumerate(ordered):
                pairs.update((min(a, b), max(a, b)) for b in ordered[x + 1: x + 1 + WINDOW])
    return pairs


def similarity(a: _Node, b: _Node) -> dict[str, float]:
    """String, phonetic and (across scripts) transliteration signals for two names."""
    signals = {
        "ratio": max(fuzz.ratio(a.squash, b.squash), fuzz.token_sort_ratio(a.key, b.key)) / 100,
        "jaro_winkler": JaroWinkler.normalized_similarity(a.squash, b.squash),
        "phonetic": fuzz.ratio(a.phon, b.phon) / 100,
    }
    if a.latin != b.latin:
        foreign, english = (a, b) if b.latin else (b, a)
        signals["transliteration"] = translit.similarity(foreign.text, english.key)
    return signals


def _score(signals: dict[str, float]) -> float:
    score = 0.5 * signals["ratio"] + 0.3 * signals["jaro_winkler"] + 0.2 * signals["phonetic"]
    return max(score, signals.get("transliteration", 0.0))


def _merge_fuzzy(nodes: list[_Node], clusters: _Clusters, pairs: set[tuple[int, int]]) -> None:
    scored = []
    for a, b in pairs:
        na, nb = nodes[a], nodes[b]
        if na.digits != nb.digits or (len(na.tokens) == 1) != (len(nb.tokens) == 1):
            continue
        if na.candidate and nb.candidate:
            continue
        signals = similarity(na, nb)
        score = _score(signals)
        shared = bool(na.groups & nb.groups)
        bar = (CANDIDATE if na.candidate or nb.candidate else IN_GROUP) if shared else STRONG
        phon_equal = na.phon == nb.phon and len(na.squash) >= 6 and signals["ratio"] >= 0.7
        if (score >= bar or phon_equal) and (na.latin != nb.latin or _tokens_compatible(na.tokens, nb.tokens)):
            scored.append((score, a, b, signals, shared, phon_equal))
    scored.sort(key=lambda s: -s[0])
    joined: set[int] = set()  # an MT candidate joins its best match only
    for score, a, b, signals, shared, phon_equal in scored:
        na, nb = nodes[a], nodes[b]
        if score < 0.97 and not clusters.types_compatible(a, b):
            continue
        candidate = a if na.candidate else b if nb.candidate else None
        if candidate in joined:
            continue
        evidence = {"rule": "fuzzy", "names": [na.text, nb.text],
                    "signals": {k: round(v, 3) for k, v in signals.items()},
                    "same_group": shared, "phonetic_equal": phon_equal, "score": round(score, 3)}
        if clusters.union(a, b, evidence) and candidate is not None:
            joined.add(candidate)


def _merge_exonyms(nodes: list[_Node], clusters: _Clusters, pairs: set[tuple[int, int]],
                   language: dict[str, str | None]) -> None:
    """A place named in two languages in one event group ("Valencia" / "Valence", "Algeciras" /
    "Algésiras"): single words that sound alike (same phonetic key), written only in different
    languages, one of them a place. The fuzzy rule cannot join them when a small NER model types
    the foreign city as a person or a firm; the language split is what makes it safe, since one
    language never writes one place two ways."""
    single = {i for i, n in enumerate(nodes) if len(n.tokens) == 1 and not n.candidate and n.groups}
    langs = {i: {language.get(a) for a in nodes[i].articles} - {None} for i in single}
    for a, b in pairs:
        if a not in single or b not in single:
            continue
        na, nb = nodes[a], nodes[b]
        if na.phon != nb.phon or not na.groups & nb.groups or not langs[a] or not langs[b] or langs[a] & langs[b]:
            continue
        if clusters.find(a) == clusters.find(b):
            continue
        if "LOC" not in (TYPE_GROUPS.get(clusters.type(a)), TYPE_GROUPS.get(clusters.type(b))):
            continue
        signals = similarity(na, nb)
        if signals["ratio"] >= EXONYM_RATIO:
            clusters.union(a, b, {"rule": "exonym", "names": [na.text, nb.text],
                                  "signals": {k: round(v, 3) for k, v in signals.items()},
                                  "languages": sorted(langs[a] | langs[b]), "score": round(_score(signals), 3)})


def _tokens_compatible(a: list[str], b: list[str]) -> bool:
    """Multi-word names must agree word by word: "Eastern Air" is not "Southern Air"."""
    if len(a) == 1 or len(b) == 1:
        return True
    left_a = [t for t in a if t not in b]
    left_b = [t for t in b if t not in a]
    if len(left_a) != len(left_b):
        return False
    return all(_compatible_token(x, y) or fuzz.ratio(x, y) >= 75 for x, y in zip(left_a, left_b))


def _merge_generic_tails(nodes: list[_Node], clusters: _Clusters) -> None:
    """"Acme Computer" and "Acme Motor" are Acme: an organisation's name followed only by
    dictionary words joins the bare name, unless a tail word is itself a place of the corpus or
    the bare name would join two organisations that are still apart ("Acme Foods", "Acme Bank")."""
    index = {n.key: i for i, n in enumerate(nodes) if not n.candidate}
    places = {n.key for i, n in enumerate(nodes) if clusters.type(i) in ("GPE", "LOC", "NORP")}
    longer: dict[int, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if len(n.tokens) < 2 or clusters.type(i) != "ORG":
            continue
        for k in range(len(n.tokens) - 1, max(len(n.tokens) - 3, 0), -1):  # tails of 1-2 words
            if any(t in places or not is_english_word(t) for t in n.tokens[k:]):
                break
            j = index.get(" ".join(n.tokens[:k]))
            if j is not None and clusters.type(j) == "ORG":
                longer[j].append(i)
                break
    for j, members in longer.items():
        if len({clusters.find(i) for i in members}) != 1:
            continue
        for i in members:
            clusters.union(j, i, {"rule": "generic_tail", "names": [nodes[j].text, nodes[i].text],
                                  "signals": {"dictionary_tail": nodes[i].key[len(nodes[j].key):].strip()},
                                  "score": 0.8})


def _resolve_short_forms(nodes, clusters, articles, group_of) -> dict[int, tuple[int, dict | None]]:
    """Cluster of every mention; bare surnames and first words go to the full name they abbreviate.

    Resolved per article, because one bare "Roe" may be Jane Roe in one story and John Roe in
    another: the full name in the same article wins, else the one in the same event group, else
    the only one in the corpus; with two competing full names the short form stays unresolved.
    """
    expansions: dict[str, list[int]] = defaultdict(list)  # short key -> long nodes it may shorten
    for i, n in enumerate(nodes):
        if len(n.tokens) < 2 or not n.mentions or n.candidate:
            continue
        ctype = clusters.type(i)
        if ctype == "PERSON" or _person_shaped(n):
            for key in _short_keys(n.tokens[-1]):
                expansions["P" + key].append(i)
        elif ctype == "ORG":
            for key in _short_keys(n.tokens[0]):
                expansions["O" + key].append(i)
        elif ctype == "PRODUCT":  # "Acme X5" -> "X5": a model named without its maker
            for k in range(1, len(n.tokens)):
                expansions["R" + " ".join(n.tokens[k:])].append(i)
    initialled = {i: _initial_targets(nodes, n, expansions) for i, n in enumerate(nodes) if _initialled(n)}
    for key, members in expansions.items():  # "J. Roe" that abbreviates a full name is not one itself
        expansions[key] = [t for t in members if not initialled.get(t)]
    forms: dict[int, set[tuple[str, bool]]] = defaultdict(set)  # short spellings of each cluster
    for i, n in enumerate(nodes):
        if _is_short(n):
            forms[clusters.find(i)].add((n.squash, n.candidate))
    genders = _Genders(nodes, clusters, {a.id: a.text for a in articles})
    assignment: dict[int, tuple[int, dict | None]] = {}
    by_root: dict[int, set[int]] = {}  # word-form targets depend on the cluster, not the node
    for i, n in enumerate(nodes):
        root = clusters.find(i)
        targets = set(expansions.get("R" + n.key, [])) if clusters.type(root) in ("PRODUCT", "MISC") else set()
        if _is_short(n):
            if root not in by_root:
                by_root[root] = _form_targets(nodes, clusters, root, forms[root], expansions)
            targets |= by_root[root]
        targets |= initialled.get(i, set())
        targets = [t for t in targets if clusters.find(t) != root]
        for m in n.mentions:
            picked = _pick_target(m, n, clusters.type(root), targets, clusters, group_of, genders) if targets else None
            assignment[id(m)] = picked or (root, None)
    return assignment


def _context(m: Mention, text: str, window: int = GENDER_WINDOW,
             apposition: bool = True) -> tuple[list[str], list[str], list[str]]:
    """Lower-cased words of the mention, of up to `window` words before it in its sentence, and
    of the apposition after it ("Ana Ruiz, la ministra, ...") when asked."""
    def words(s: str) -> list[str]:
        return [w if w == "m." else w.rstrip(".") for w in _GENDER_WORD.findall(s.lower())]

    before = _SENTENCE_BREAK.split(text[max(0, m.start - 80): m.start])[-1]
    rest = text[m.end: m.end + 80]
    after = re.split(r"[.!?;:,\n]", rest[1:])[0] if apposition and rest.startswith(",") else ""
    return words(m.text), words(before)[-window:], words(after)[:window]


def _cues(words: list[str]) -> list[str]:
    """Genders the words state, in order."""
    out = []
    for w, nxt in zip(words, words[1:] + [""]):
        if w in FEMININE or w in MASCULINE:
            out.append("F" if w in FEMININE else "M")
        elif w in _GENDERED_ARTICLES and nxt in keys.TITLES:
            out.append(_GENDERED_ARTICLES[w])
    return out


def _gender(context: tuple[list[str], list[str], list[str]]) -> str | None:
    """"F", "M" or None: the mention's own title decides, else the gendered word nearest to it
    ("a ministry spokesman said Ms Roe" is about a woman)."""
    own, before, after = (_cues(words) for words in context)
    if own:
        return own[-1]
    if before:
        return before[-1]
    return after[0] if after else None


class _Genders:
    """Genders of the clusters holding full person names, worked out only when a short form
    with a gendered title must choose between two of them (rare), voted over every mention."""

    def __init__(self, nodes: list[_Node], clusters: _Clusters, texts: dict[str, str]):
        self.nodes, self.clusters, self.texts = nodes, clusters, texts
        self._of: dict[int, str] | None = None

    def pick(self, m: Mention, roots: set[int]) -> set[int]:
        """The competing full names of the short form's gender, or all of them."""
        own = _gender(_context(m, self.texts.get(m.article_id, ""), TITLE_WORDS, apposition=False))
        if not own:
            return roots
        if self._of is None:
            self._of = self._vote()
        return {r for r in roots if self._of.get(r) == own} or roots

    def _vote(self) -> dict[int, str]:
        votes: dict[int, Counter] = defaultdict(Counter)
        for i, n in enumerate(self.nodes):
            if len(n.tokens) < 2 or n.candidate:
                continue
            for m in n.mentions:
                g = _gender(_context(m, self.texts.get(m.article_id, "")))
                if g:
                    votes[self.clusters.find(i)][g] += 1
        return {r: c.most_common(1)[0][0] for r, c in votes.items() if len(set(c.values())) == len(c)}


def _person_shaped(n: _Node) -> bool:
    """Two or three capitalised words, none a dictionary word: "Ilse Brandvold" whatever NER
    said (small models tag rare foreign names as organisations or places)."""
    return (2 <= len(n.tokens) <= 3 and all(t.isalpha() and not is_english_word(t) for t in n.tokens)
            and any(s[:1].isupper() for s in n.spellings))


def _initialled(n: _Node) -> bool:
    """An initial and a surname, "J. Roe": a short form of a full name, not a name of its own."""
    return len(n.tokens) == 2 and len(n.tokens[0]) == 1 and n.tokens[1].isalpha() and not n.candidate


def _initial_targets(nodes: list[_Node], n: _Node, expansions) -> set[int]:
    """Full names with that surname whose first name starts with the initial; which one applies
    is decided per article like a bare surname (`_pick_target`), so "J. Roe" never joins John
    Roe's entity when Jane Roe is in the same story."""
    initial, surname = n.tokens
    return {t for key in _short_keys(surname) for t in expansions.get("P" + key, [])
            if len(nodes[t].tokens[0]) > 1 and nodes[t].tokens[0].startswith(initial)
            and _compatible_token(nodes[t].tokens[-1], surname)}


def _short_keys(word: str) -> list[str]:
    """Blocking keys of a surname or first word, so damaged short forms still find it."""
    return [word, "<" + word[:3], ">" + word[-3:]]


def _is_short(n: _Node) -> bool:
    """A bare word, or a lower-cased MT phrase that may be one word split ("kova lenko"); a name
    written with its legal form ("Acme Inc.") is a full name even when one word remains."""
    return not n.acronym and not n.formal and (len(n.tokens) == 1 or n.candidate)


def _form_targets(nodes, clusters, root: int, forms: set[tuple[str, bool]], expansions) -> set[int]:
    """Full names whose surname (people) or first word (organisations) a short form matches.

    NER types of a bare word are unreliable ("Roe" tagged as a place or a firm), so a surname
    may come from a short form of any type but a product or event; such type-crossing matches
    stay within the article or event group (see `_pick_target`). Only a machine translation's
    lower-cased candidate may differ from the word by a letter or two ("olavarri"); a short form
    a writer spelt must be the word itself ("Valencia" is not the end of "... Valenciana")."""
    ctype = clusters.type(root)
    out: set[int] = set()
    for form, damaged in forms:
        for prefix in ("P", "O"):
            if ctype in ("PRODUCT", "EVENT") or (prefix == "O" and ctype not in ("ORG", "MISC")):
                continue
            if prefix == "P" and ctype == "ORG" and is_english_word(form):
                continue
            for key in _short_keys(form):
                for t in expansions.get(prefix + key, []):
                    word = nodes[t].tokens[-1] if prefix == "P" else nodes[t].tokens[0]
                    if _compatible_token(word, form) if damaged else keys.squash(word) == form or \
                            keys.phonetic(word) == keys.phonetic(form):
                        out.add(t)
    return out


def _pick_target(m: Mention, n: _Node, short_type: str, targets: list[int], clusters: _Clusters, group_of,
                 genders: _Genders):
    """The full name a short form stands for, searched in its article, then its event group,
    then (for types that may travel) the corpus; None when two full names compete, unless the
    short form's title gives a gender only one of them has ("Ms Roe", "la ministra Roe")."""
    nodes = clusters.nodes
    groups = group_of.get(m.article_id, set())
    target_type = clusters.type(targets[0])
    kind = ("model" if target_type == "PRODUCT" else
            "first_word" if target_type == "ORG" and not _person_shaped(nodes[targets[0]]) else "surname")
    scopes = [("article", 0.9, lambda t: m.article_id in nodes[t].articles),
              ("group", 0.8, lambda t: bool(groups & nodes[t].groups))]
    # A bare surname or model number may travel corpus-wide when types agree; an organisation's
    # first word, or a short form whose type disagrees, stays within its article or group.
    if (kind == "surname" and short_type in ("PERSON", "MISC")) or (kind == "model" and short_type in ("PRODUCT", "MISC")):
        scopes.append(("corpus", 0.7, lambda t: True))
    for scope, score, inside in scopes:
        roots = {clusters.find(t) for t in targets if inside(t)}
        if len(roots) > 1:
            roots = genders.pick(m, roots)
        if len(roots) > 1:
            return None  # two full names compete: stays unresolved
        if roots:
            root = roots.pop()
            full = next(nodes[t].text for t in targets if clusters.find(t) == root)
            return root, {"rule": "short_form", "kind": kind, "names": [n.text, full], "scope": scope,
                          "signals": {"token_match": 1.0}, "score": score}
    return None


def _entities(nodes, clusters, assignment, articles) -> list[Entity]:
    members: dict[int, list[Mention]] = defaultdict(list)
    extra: dict[int, dict[tuple, dict]] = defaultdict(dict)
    surname_votes: Counter = Counter()  # a bare surname resolved to a full name: a person
    for art in articles:
        for m in art.mentions:
            if id(m) in assignment:
                root, evidence = assignment[id(m)]
                members[root].append(m)
                if evidence:
                    extra[root].setdefault((tuple(evidence["names"]), evidence["scope"]), evidence)
                    surname_votes[root] += 0.5 if evidence["kind"] == "surname" else 0.0
    entities = []
    dropped: set[int] = set()
    for root, mentions in members.items():
        if all(m.confidence <= MT_CONFIDENCE and _core(m)[0].islower() for m in mentions):
            dropped.update(id(m) for m in mentions)  # MT candidates that matched no real name
            continue
        entity = _entity(mentions, clusters.evidence.get(root, []) + list(extra[root].values()),
                         surname_votes[root])
        for m in mentions:
            m.entity_id = entity.id
        entities.append(entity)
    for art in articles:
        if any(id(m) in dropped for m in art.mentions):
            # Kept aside, not lost: a later call with event groups may match them.
            art.extra[SET_ASIDE] = [dataclasses.asdict(m) for m in art.mentions if id(m) in dropped]
            art.mentions = [m for m in art.mentions if id(m) not in dropped]
    return sorted(entities, key=lambda e: (-sum(v.count for v in e.variants), e.name))


def _entity(mentions: list[Mention], evidence: list[dict], person_votes: float = 0.0) -> Entity:
    votes: Counter = Counter({"PERSON": person_votes} if person_votes else {})
    for m in mentions:
        if m.type != "MISC":
            votes[m.type] += m.confidence
    if any(e.get("rule") == "exonym" for e in evidence):  # a name given in two languages is a place's
        votes = Counter({t: v for t, v in votes.items() if TYPE_GROUPS.get(t) == "LOC"}) or votes
    etype = votes.most_common(1)[0][0] if votes else "MISC"
    if len(votes) > 1:
        evidence = evidence + [{"rule": "type_vote", "votes": {k: round(v, 2) for k, v in votes.items()},
                                "type": etype, "score": round(votes[etype] / sum(votes.values()), 3)}]
    spellings = Counter(_core(m)[0] for m in mentions)
    name = max(spellings, key=lambda s: _name_rank(s, spellings[s], etype))
    variants = Counter((m.text, m.article_id) for m in mentions)
    first = min((m.article_id, m.start) for m in mentions)
    digest = hashlib.sha1(f"{etype}|{name}|{first[0]}|{first[1]}".encode()).hexdigest()[:12]
    merge_scores = [e["score"] for e in evidence if e.get("rule") != "type_vote"]
    return Entity(
        id=f"ent-{digest}", name=name, type=etype,
        variants=[Variant(text, source, count) for (text, source), count in variants.most_common()],
        confidence=round(min(merge_scores, default=1.0), 3), evidence=evidence)


def _name_rank(spelling: str, count: int, etype: str) -> tuple:
    """Well-formed first (capitalised, a full name with its first name for people, spelt out
    rather than an acronym, Latin script), then most attested."""
    words = spelling.split()
    well_formed = spelling[:1].isupper() and not spelling.islower()
    full = len(words) >= 2 and len(words[0].rstrip(".")) > 1 if etype == "PERSON" else True  # not "J. Roe"
    latin = all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in spelling if ch.isalpha())
    return (well_formed, full, not keys.is_acronym(spelling), latin, count, len(spelling))


class EntityIds:
    """Corpus-wide entity ids for entities canonicalised a slice at a time.

    A large corpus is canonicalised in bounded slices (a run of articles, a batch of events), so
    memory holds one slice, not every mention of the corpus. The same real-world thing then comes
    out of several slices as several `Entity` records; they are joined here by name key (type
    group plus the squashed canonical name or any full-name variant), which needs only a map of
    O(distinct names). The first slice to name a thing gives it its id, so a corpus that fits in
    one slice keeps exactly the ids `canonicalize` gave. Variants spelt with an initial ("J. Roe")
    or as one word are not keys: one slice may resolve them to Jane Roe and another to John Roe.
    """

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def assign(self, entities: list[Entity], articles) -> None:
        """Give these entities (one `canonicalize` call) their corpus-wide ids, and the mentions
        of these articles with them. Two entities of one call never share an id: the call kept
        them apart."""
        remap: dict[str, str] = {}
        taken: set[str] = set()
        for e in entities:
            names = entity_keys(e)
            gid = next((g for k in names if (g := self._ids.get(k)) and g not in taken), e.id)
            taken.add(gid)
            for k in names:
                self._ids.setdefault(k, gid)
            if gid != e.id:
                remap[e.id] = e.id = gid
        if remap:
            for art in articles:
                for m in art.mentions:
                    m.entity_id = remap.get(m.entity_id, m.entity_id)


def entity_keys(e: Entity) -> list[str]:
    """Name keys of an entity, per type group: its name and its full-name variants squashed,
    and the ISO code of any variant that names a country ("Espagne", "Spain")."""
    group = TYPE_GROUPS.get(e.type, e.type)
    out = [f"{group}:{keys.squash(e.name)}"]
    strip = e.type not in KEEP_TITLES
    for v in e.variants:
        tokens = keys.fold(keys.core_name(v.text, strip_titles=strip)[0]).split()
        if len(tokens) >= 2 and len(tokens[0]) > 1:
            out.append(f"{group}:{''.join(tokens)}")
        if group in ("LOC", "MISC") and (code := keys.territory(" ".join(tokens))):
            out.append(f"{group}:@{code}")
    return list(dict.fromkeys(k for k in out if len(k) > len(group) + 2))


def merge_parts(parts: list[Entity]) -> Entity:
    """One entity from the records several slices gave it (same id): variants pooled, the best
    name and the majority type kept, evidence without repeats, the weakest merge's confidence."""
    if len(parts) == 1:
        return parts[0]
    size = [sum(v.count for v in p.variants) for p in parts]
    etype = parts[max(range(len(parts)), key=size.__getitem__)].type
    named = Counter()
    for p, n in zip(parts, size):
        named[p.name] += n
    name = max(named, key=lambda s: _name_rank(s, named[s], etype))
    variants = sorted((v for p in parts for v in p.variants), key=lambda v: -v.count)
    evidence, seen = [], set()
    for e in (e for p in parts for e in p.evidence):
        key = repr(sorted(e.items()))
        if key not in seen:
            seen.add(key)
            evidence.append(e)
    return Entity(id=parts[0].id, name=name, type=etype, variants=variants,
                  confidence=min(p.confidence for p in parts), evidence=evidence)
