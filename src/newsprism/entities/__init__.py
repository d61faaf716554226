"""Entities stage: who and what the news is about, one canonical entity per real-world thing.

Per document, `find_mentions(article)` gives typed name mentions with offsets into
`article.text` (`ner`). Per corpus, `canonicalize(articles, groups)` clusters every mention into
`Entity` records across documents, scripts and machine translation, with the evidence of each
merge (`canonical`, built on the name keys of `keys` and the learned transliteration model of
`translit`, trained offline by `translit_train`).

    for a in articles:
        a.mentions = find_mentions(a)
    entities = canonicalize(articles, groups=[event.articles for event in events])

A corpus too large to hold every mention at once is canonicalised a slice at a time; `EntityIds`
joins the slices' entities by name key into corpus-wide ids and `merge_parts` pools the records
of one id (`pipeline.analyze_corpus` does this).
"""
from newsprism.entities.canonical import EntityIds, canonicalize, merge_parts
from newsprism.entities.ner import find_mentions

__all__ = ["EntityIds", "canonicalize", "find_mentions", "merge_parts"]
