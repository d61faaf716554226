"""Events stage: which articles report the same happening, across outlets and languages.

`similarity` gives a calibrated same-event probability for two articles (multilingual embedding
of title + lead read by its raw and a learnt weighted cosine, shared names, places, numbers,
language pair, days apart); `cluster` groups a corpus into `Event`s with stable ids,
incrementally through an `EventIndex` that can be saved and loaded between runs;
`cluster_members` does the same from compact per-article records (`member`), so a large corpus
can be read a slice at a time.
`texts_to_embed` lists the passages the stage will ask `embed` for, so the document phase can
embed them ahead.
"""
from __future__ import annotations

import logging

import numpy as np

from newsprism.events.cluster import (Member, cluster, cluster_members, embed_leads, member,
                                      pair_probabilities, usable)
from newsprism.events.features import lead, profile
from newsprism.events.index import EventIndex
from newsprism.records import Article

__all__ = ["EventIndex", "Member", "cluster", "cluster_members", "embed_leads", "lead", "member",
           "similarity", "similarity_pairs", "texts_to_embed", "usable"]

log = logging.getLogger(__name__)


def texts_to_embed(article: Article) -> list[str]:
    """Exactly the passages this stage will ask `embed` for about `article` (so the document
    phase can embed and store them ahead): its title + lead."""
    return [lead(article)]


def similarity_pairs(pairs: list[tuple[Article, Article]]) -> list[float]:
    """Same-event probability for each pair; every distinct article is embedded once."""
    if not pairs:
        return []
    unique: dict[int, Article] = {}
    for a, b in pairs:
        unique.setdefault(id(a), a)
        unique.setdefault(id(b), b)
    keys = list(unique)
    try:
        matrix = embed_leads([unique[k] for k in keys])
    except Exception:  # one bad batch must not stop the caller; unknown is "not the same"
        log.exception("events: embedding failed")
        return [0.0] * len(pairs)
    row = {k: i for i, k in enumerate(keys)}
    profiles = {k: profile(unique[k]) for k in keys}
    out = []
    for a, b in pairs:
        p = pair_probabilities(matrix[row[id(a)]], profiles[id(a)], matrix[row[id(b)]][None, :],
                               [profiles[id(b)]])
        out.append(float(np.clip(p[0], 0.0, 1.0)))
    return out


def similarity(a: Article, b: Article) -> float:
    """Probability in [0, 1] that `a` and `b` report the same event."""
    return similarity_pairs([(a, b)])[0]
