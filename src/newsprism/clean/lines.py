"""Line classifier for flattened pages: which lines are the article, which are web chrome.

A text dump of a page keeps the menus, ad slots, share and comment widgets, captions, bylines and
related-article lists as lines of their own. What separates them from the article is mostly
shape, not words: article paragraphs are long, end in sentence punctuation and sit together;
chrome is short, repeated, made of runs of short lines, and sits before or after that block.
So every line gets a cheap shape score, the article is the best-scoring contiguous run of lines
(a maximum-sum segment, as in Finn et al.'s body-text extraction), and a small multilingual
lexicon of generic chrome words only names the reason for lines the shape already doubts.
Lines in another script or language than the page are chrome too (comment forms, cookie notes
in the site's home language). Every removed line keeps its reason.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from newsprism.clean.dates import parse_date
from newsprism.records import RemovedLine

# Generic web-chrome vocabulary, a few languages each; matched on short lines only.
_CHROME = {
    "ad": r"advertisement|advertising|sponsored|anzeige|werbung|publicité|publicidad|publicidade|"
    r"pubblicità|реклама|广告|広告|إعلان|reklam",
    "comment-form": r"comments?|leave a reply|reply|your (?:e-?mail|name)|required fields|"
    r"kommentar\w*|commentaires?|comentarios?|commenti|комментари\w*|评论|コメント|تعليق",
    "share": r"share|tweet|facebook|twitter|whatsapp|linkedin|pinterest|telegram|e-?mail this|"
    r"print|teilen|partager|compartir|condividi|поделиться|分享",
    "subscribe": r"subscribe|newsletter|sign up|sign in|log ?in|register|abonnieren|anmelden|"
    r"s'abonner|abonnez|suscr[ií]b\w*|iscriviti|подписаться|订阅",
    "cookie": r"cookies?|privacy|datenschutz|confidentialité|privacidad|gdpr",
    "related": r"related|read more|more (?:stories|articles|news)|recommended|popular|trending|"
    r"latest|see also|also read|read also|weiterlesen|mehr zum thema|lesen sie (?:auch|hier|mehr)|"
    r"auch interessant|weitere (?:artikel|themen|beiträge)|lire aussi|à lire aussi|lire la suite|"
    r"leer más|lea (?:más|también)|vea también|(?:le|te) puede interesar|puedes ver|"
    r"leia (?:também|mais)|veja também|leggi anche|czytaj (?:też|także|więcej)|"
    r"zobacz (?:też|także)|dowiedz się więcej|auch lesen|schon gelesen|mehr themen|"
    r"(?:das|dies) könnte (?:sie|dich) (?:auch )?interessieren|читайте также|相关|相關",
    "navigation": r"home|menu|search|next|previous|back to top|skip to content|"
    r"startseite|accueil|inicio|главная|首页|contact|about us|impressum|terms|"
    r"all rights reserved|copyright|©",
}
_CHROME_RX = {reason: re.compile(rf"(?:^|\b|\W)(?:{rx})(?:\b|$|\W)", re.I) for reason, rx in _CHROME.items()}
# Most short lines hold none of these words: one search rules out all seven lexicons.
_ANY_CHROME = re.compile(rf"(?:^|\b|\W)(?:{'|'.join(_CHROME.values())})(?:\b|$|\W)", re.I)

# Photo credits: "Photo: ...", "(Reuters)", "Getty Images" and the big agencies at the end of a line.
# "Read also: <headline>" teasers: a related-articles label, then a colon or an arrow. A few
# one-word imperatives ("Lea:", "Mira:") are such a label only there (alone they are names).
_TEASER = re.compile(rf"^\W*(?:{_CHROME['related']}|lea|vea|veja|mir[ae])\s*[:»>›|?!]", re.I)
_CREDIT_HEAD = re.compile(r"^(?:photo|image|picture|foto|bild|crédit|credit|source|quelle)s?\s*(?:by|:|©)", re.I)
_CREDIT_MARK = re.compile(r"(?:©|\(c\)|photo:|photograph:|photo by|image:|credit:|bild:|foto:)\s*\S", re.I)
# An agency name ending the line (but for punctuation); tried on the line's last characters only,
# as a search over the whole line costs more than all other line rules together.
_CREDIT_TAIL = re.compile(
    r"(?:getty images|shutterstock|reuters|associated press|\bap photo|\bafp\b|agence france[- ]presse|"
    r"\bepa\b|\bdpa\b|xinhua|imago|alamy|istock)$",
    re.I,
)
_LONGEST_AGENCY = len("agence france-presse")


def _is_credit(text: str) -> bool:
    """Photo credit: "Photo: ...", "(c) ...", or an agency name at the end of the line."""
    if _CREDIT_HEAD.match(text) or _CREDIT_MARK.search(text):
        return True
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    return _CREDIT_TAIL.search(text, max(0, end - _LONGEST_AGENCY), end) is not None
_BYLINE = re.compile(
    r"^(?:by|written by|von|par|por|di|door|av|przez|автор|撰文|记者|published|updated|publié|publicado|"
    r"veröffentlicht|pubblicato|опубликовано)\s+\S[^!?]{0,80}$", re.I
)
_SENTENCE_END = re.compile(r"[.!?。！？…:;»\"”’)\]]\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_ALNUM = re.compile(r"[^\W_]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass
class Line:
    text: str
    index: int
    chars: int = 0
    words: int = 0
    sentence_end: bool = False
    reason: str | None = None  # chrome reason when the line is removed
    score: float = 0.0


@dataclass
class Cleaned:
    text: str = ""
    title: str | None = None
    site: str | None = None  # the masthead's site name, when the dump kept one
    captions: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    page_dates: list[str] = field(default_factory=list)  # dates alone on a line above the headline
    datelines: list[str] = field(default_factory=list)  # dates alone on a line below it
    removed: list[RemovedLine] = field(default_factory=list)


def _script(text: str) -> str | None:
    """Dominant writing system of `text` (first word of the Unicode name of its letters)."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            counts[name.split(" ", 1)[0]] += 1
    if not counts:
        return None
    script = counts.most_common(1)[0][0]
    return {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK"}.get(script, script)


def _shape(line: Line) -> None:
    text = line.text
    line.chars = len(text)
    cjk = len(_CJK.findall(text))
    line.words = len(text.split()) + cjk // 2
    line.sentence_end = bool(_SENTENCE_END.search(text))


def _is_good(line: Line) -> bool:
    """Looks like an article paragraph on its own: long enough, and built of sentences."""
    long_enough = line.words >= 12 or (line.chars >= 40 and _CJK.search(line.text) is not None)
    return long_enough and (line.sentence_end or line.words >= 25)


def _line_reason(line: Line) -> str | None:
    """Chrome reason of a line, None for content. A "Read also:" label marks a teaser however
    sentence-like the headline after it is; other lines that read as paragraphs are content."""
    if _TEASER.match(line.text) and line.words <= 25:
        return "related"
    return None if _is_good(line) else _chrome_reason(line)


def _chrome_reason(line: Line) -> str | None:
    """Reason a short line is web chrome, from the lexicon and a few shape rules."""
    text = line.text
    if line.words <= 8 and parse_date(text) and len(_LETTER.findall(text)) <= 30:
        return "page-date"
    if not _ALNUM.search(text):
        return "no-text"
    if line.words <= 40 and _is_credit(text):
        return "caption"
    if line.words <= 12 and _BYLINE.match(text):
        return "byline"
    if _TEASER.match(text) and line.words <= 25:
        return "related"
    # Words like "next", "share" or "comment" are common in prose: only a widget label, where
    # the chrome words make up much of a short line, counts.
    if line.words <= 10 and _ANY_CHROME.search(text):
        letters = len(_LETTER.findall(text)) or 1
        for reason, rx in _CHROME_RX.items():
            weak = reason in ("navigation", "related", "share")
            if weak and line.words > 4:
                continue
            found = rx.findall(text)
            covered = len(_LETTER.findall("".join(found))) if found else 0
            share = 0.5 if weak else 0.1 if reason == "cookie" else 0.3
            if covered >= share * letters:
                return reason
    return None


def _foreign(lines: list[Line], lang: str | None) -> None:
    """Mark lines whose script, or (for long enough lines) language, differs from the page's."""
    page_script = _script(" ".join(ln.text for ln in lines if ln.words >= 8)[:20000])
    for ln in lines:
        if ln.reason is None and len(_LETTER.findall(ln.text)) >= 4:
            script = _script(ln.text)
            if page_script and script and script != page_script and not _mixed(ln.text, page_script):
                ln.reason = "foreign-language"
    if not lang:
        return
    try:
        from newsprism.language import detect_lines
    except ImportError:
        return
    candidates = [ln for ln in lines if ln.reason is None and len(_LETTER.findall(ln.text)) >= 25]
    if not candidates:
        return
    for ln, (line_lang, conf) in zip(candidates, detect_lines([ln.text for ln in candidates])):
        if line_lang and line_lang != lang and conf >= 0.9 and not ln.sentence_end:
            ln.reason = "foreign-language"


def _mixed(text: str, page_script: str) -> bool:
    """A line that also carries a fair share of the page's own script (names, quotes) is not foreign."""
    letters = [ch for ch in text if ch.isalpha()]
    same = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(page_script))
    return same >= 0.3 * len(letters)


# Chrome that sits inside articles (ad slots, photos, share bars) vs chrome that ends them.
_INLINE_CHROME = frozenset({"ad", "caption", "share", "byline", "page-date", "no-text", "repeated"})


def _score(line: Line) -> float:
    if line.reason:
        return -0.5 if line.reason in _INLINE_CHROME else -2.0
    if _is_good(line):
        return min(line.chars, 600) / 100 + 0.5
    if line.sentence_end and line.words >= 5:
        return 0.2
    # Menus are runs of one- or two-word items; list items and short paragraphs are longer.
    return -0.5 if line.words <= 2 else -0.25 if line.words <= 4 else -0.1


def _best_segment(scores: list[float]) -> tuple[int, int, float]:
    """Maximum-sum contiguous run [start, end) of `scores` (Kadane)."""
    best = (0, 0, 0.0)
    start, total = 0, 0.0
    for i, s in enumerate(scores):
        if total <= 0:
            start, total = i, 0.0
        total += s
        if total > best[2]:
            best = (start, i + 1, total)
    return best


def _segments(lines: list[Line]) -> list[tuple[int, int]]:
    """The main run of article lines, plus any other run at least half as strong."""
    scores = [ln.score for ln in lines]
    start, end, total = _best_segment(scores)
    if total <= 0:
        return []
    found = [(start, end)]
    for lo, hi in ((0, start), (end, len(lines))):
        s, e, t = _best_segment(scores[lo:hi])
        if t >= 0.5 * total and t > 3:
            found.append((lo + s, lo + e))
    return sorted(found)


# "Headline | Section" or "Headline | Site": the part after the bar is not the headline.
_SITE_SUFFIX = re.compile(r"\s+[|]\s+\S+(?:\s+\S+){0,3}\s*$")


def _norm_title(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


_BREADCRUMB = re.compile(r"\S\s*[>»›/]\s*\S.*\s[>»›/]\s")


def _eligible_title(ln: Line) -> bool:
    if ln.reason not in (None, "outside-main-text", "repeated") or ln.words < 2 or ln.words > 30:
        return False
    if _BREADCRUMB.search(ln.text):
        return False
    return not (ln.text.endswith(".") and ln.words > 15)


def _is_headline(ln: Line) -> bool:
    return 4 <= ln.words <= 30 and not ln.sentence_end and not _MENU_GAP.search(ln.text)


def _pick_title(lines: list[Line], first_body: int) -> Line | None:
    """The headline: the short, non-sentence line nearest above the article body. Above it sit
    the masthead and menus; a headline printed twice (page title and on-page heading) wins."""
    head = [ln for ln in lines[:max(first_body, 1)][:15] if _eligible_title(ln)]
    counts = Counter(_norm_title(ln.text) for ln in head)
    twice = [ln for ln in head if counts[_norm_title(ln.text)] > 1 and ln.words >= 4]
    if twice:
        return twice[0]
    if first_body < len(lines) and _is_headline(lines[first_body]):
        return lines[first_body]  # the body run grew over the headline
    if not head:
        return None
    substantial = [ln for ln in head if len(_SITE_SUFFIX.sub("", ln.text).split()) >= 4]
    return substantial[-1] if substantial else head[-1]


_SITE_SPLIT = re.compile(r"\s+[|–—-]\s+")


def _pick_site(lines: list[Line], title: Line | None) -> str | None:
    """The masthead: a short line near the top, above the headline, naming the site ("Site |
    Section", "Site - tagline", "SITE NAME"); menus and dated lines are not it."""
    for ln in lines[:6]:
        if ln is title or ln.reason in ("page-date", "byline", "no-text", "navigation") or ln.sentence_end \
                or _MENU_GAP.search(ln.text):
            continue
        if title is not None and ln.index >= title.index:
            break
        name = _SITE_SPLIT.split(ln.text)[0].strip()
        if 1 <= len(name.split()) <= 5 and not _SITE_SPLIT.search(name) and name.count("|") == 0:
            return name.title() if name.isupper() else name
    return None


def classify(lines: list[Line], lang: str | None = None) -> list[Line]:
    """Set `reason` on every chrome line and `score` on all; content lines keep reason None."""
    counts = Counter(ln.text for ln in lines)
    for ln in lines:
        _shape(ln)
        ln.reason = _line_reason(ln)
        if ln.reason is None and counts[ln.text] > 1 and ln.words <= 12:
            ln.reason = "repeated"
    _foreign(lines, lang)
    for ln in lines:
        ln.score = _score(ln)
    keep = set()
    for start, end in _segments(lines):
        start, end = _grow(lines, start, end)
        keep.update(range(start, end))
    for i, ln in enumerate(lines):
        if ln.reason is None and i not in keep:
            ln.reason = "outside-main-text"
    return lines


_MENU_GAP = re.compile(r"\S\s{3,}\S")


def _menu_like(ln: Line) -> bool:
    """A row of menu labels flattened to one line: wide gaps, or only capitalised words."""
    words = ln.text.split()
    return bool(_MENU_GAP.search(ln.text)) or (len(words) >= 4 and not ln.sentence_end
                                               and all(w[:1].isupper() or not w[:1].isalpha() for w in words))


def _grow(lines: list[Line], start: int, end: int) -> tuple[int, int]:
    """Widen the article run over adjacent decks, subheads and short last paragraphs."""
    while start > 0 and lines[start - 1].reason is None and lines[start - 1].words >= 5 and not _menu_like(lines[start - 1]):
        start -= 1
    while end < len(lines) and lines[end].reason is None and lines[end].sentence_end and lines[end].words >= 3:
        end += 1
    return start, end


def clean_lines(text: str, lang: str | None = None) -> Cleaned:
    """Split a flattened page into article text (paragraphs joined by blank lines) and chrome."""
    raw = [t.strip() for t in text.splitlines()]
    lines = [Line(t, i) for i, t in enumerate(raw) if t]
    return assemble(classify(lines, lang))


def assemble(lines: list[Line]) -> Cleaned:
    """Turn classified lines into text, title, captions, bylines and the removed-line record."""
    out = Cleaned()
    first_body = next((i for i, ln in enumerate(lines) if ln.reason is None), len(lines))
    title = _pick_title(lines, first_body)
    out.site = _pick_site(lines, title)
    body: list[str] = []
    for ln in lines:
        if ln is title:
            out.title = _SITE_SUFFIX.sub("", ln.text)
            continue
        if title is not None and ln.words <= 30 and _norm_title(ln.text) == _norm_title(title.text):
            out.removed.append(RemovedLine(ln.text, "duplicate-title"))
            continue
        if ln.reason is None:
            body.append(ln.text)
            continue
        if ln.reason == "caption":
            out.captions.append(ln.text)
        elif ln.reason == "byline":
            out.bylines.append(ln.text)
        elif ln.reason == "page-date":
            below = title is not None and ln.index > title.index
            (out.datelines if below else out.page_dates).append(ln.text)
        out.removed.append(RemovedLine(ln.text, ln.reason))
    out.text = "\n\n".join(body)
    return out


def _label_like(line: Line) -> bool:
    """A heading or label rather than a sentence: short and unpunctuated, or a few words ending
    in a colon or question mark ("More on this:", "Read on?") that introduce a block."""
    return (not line.sentence_end and line.words < 10) or (line.words <= 6 and line.text[-1] in ":?")


# A newsletter or sign-up pitch ends many articles, at any length; inside the text the same words
# are reported speech, so only the last lines are tested.
_ACTION_RX = re.compile(_CHROME["subscribe"], re.I)


def _call_to_action(line: Line) -> bool:
    return line.words <= 40 and bool(_ACTION_RX.search(line.text))


def _drop_tail(kept: list[Line], removed: list[RemovedLine]) -> None:
    """Cut, in place, a short run of label-like lines after the last paragraph, then any
    subscription calls ending the text."""
    tail = len(kept)
    while tail > 1 and _label_like(kept[tail - 1]):
        tail -= 1
    if len(kept) - tail <= 3 and tail < len(kept) and _is_good(kept[tail - 1]):
        removed += [RemovedLine(ln.text, "after-main-text") for ln in kept[tail:]]
        del kept[tail:]
    while len(kept) > 3 and _call_to_action(kept[-1]):
        removed.append(RemovedLine(kept.pop().text, "call-to-action"))


def drop_chrome(text: str) -> tuple[str, list[RemovedLine]]:
    """Remove lines that are chrome on their own, and trailing runs of label-like lines (the
    "More on this topic" block an extractor keeps after the last paragraph) and subscription
    calls: for extractor output."""
    kept: list[Line] = []
    removed: list[RemovedLine] = []
    for i, raw in enumerate(text.split("\n")):
        line = Line(raw.strip(), i)
        if not line.text:
            continue
        _shape(line)
        reason = _line_reason(line)
        if reason is None:
            kept.append(line)
        else:
            removed.append(RemovedLine(line.text, reason))
    while True:
        size = len(kept)
        _drop_tail(kept, removed)
        if len(kept) == size:
            break
    return "\n\n".join(ln.text for ln in kept), removed
