"""A persisted store of events for incremental clustering at scale.

Event centroids live in a usearch HNSW index (cosine, int8-quantised: it only proposes
candidates, which are then scored on the exact member vectors), so finding the few events a new
article could belong to costs milliseconds even with a million stored events. Next to each
centroid the store keeps what the calibrated score needs: up to `MAX_MEMBERS` member vectors
with their profiles (the first members, which also fix the event id), plus article ids and
entity/place counts for the event record. `save`/`load` write the usearch file and a JSON + npy
sidecar so a later run continues the same events with the same ids.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from usearch.index import Index

from newsprism.embed import DIM
from newsprism.events.features import Profile, keys

MAX_MEMBERS = 8  # members compared one by one; larger events are represented by their first ones
# A moved centroid goes into the ANN index under a new key (event key + version above these
# bits) and the old entry is left in place, skipped by `search`: usearch's remove costs ~35 ms at
# a million entries (0.5 ms at 100k), which made every join slow. Stale entries are dropped by a
# rebuild once they outnumber the live ones, so memory stays within twice the live index.
_KEY_BITS = 32
_KEY_MASK = (1 << _KEY_BITS) - 1
_OVERFETCH = 2  # entries fetched per wanted event at first: an event's stale entries sit near it


def event_id(first_article_id: str) -> str:
    return "ev-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class StoredEvent:
    """One event; slotted and float16 so a million of them fit in a couple of GB."""

    id: str
    articles: list[str]
    members: list[str]  # ids of the compared members, aligned with vectors and profiles
    vectors: np.ndarray  # (k, DIM) float16, k <= MAX_MEMBERS
    profiles: list[Profile]
    title: str = ""
    title_lang: str | None = None
    entities: Counter | None = None  # entity key -> number of articles (set once counted)
    places: Counter | None = None  # place label -> number of articles
    alive: bool = True
    ann_key: int = -1  # its centroid's key in the ANN index: the event key plus a version


    @property
    def centroid(self) -> np.ndarray:
        """Normalised mean of the compared members: the event's position for ANN search."""
        total = self.vectors.astype(np.float32).sum(axis=0)
        norm = float(np.linalg.norm(total))
        return total / norm if norm else total


class EventIndex:
    """Events by integer key, with ANN search over their centroids."""

    def __init__(self, ndim: int = DIM):
        self.ndim = ndim
        self.events: list[StoredEvent] = []
        self.by_article: dict[str, int] = {}
        self._ann = self._new_ann()
        self._stale = 0  # ANN entries of moved centroids and merged events, skipped by search

    def _new_ann(self) -> Index:
        return Index(ndim=self.ndim, metric="cos", dtype="i8", connectivity=16,
                     expansion_add=40, expansion_search=64)

    def __len__(self) -> int:
        return sum(e.alive for e in self.events)

    def add(self, article_id: str, vector: np.ndarray, prof: Profile) -> int:
        """Open a new event with one article; returns its key."""
        key = len(self.events)
        vec = np.asarray(vector, dtype=np.float32)
        # a float16 vector is kept as given, not copied: a corpus is mostly one-article events
        one = np.asarray(vector)[None, :].astype(np.float16, copy=False)
        self.events.append(StoredEvent(id=event_id(article_id), articles=[article_id],
                                       members=[article_id], vectors=one, profiles=[prof],
                                       ann_key=key))
        self.by_article[article_id] = key
        self._ann.add(key, vec)
        return key

    def add_many(self, vectors: np.ndarray, profiles: list[Profile], ids: list[str]) -> None:
        """Bulk-open one event per vector (used to build large stores quickly)."""
        start = len(self.events)
        vectors = np.asarray(vectors, dtype=np.float32)
        for i, (aid, prof) in enumerate(zip(ids, profiles)):
            self.events.append(StoredEvent(id=event_id(aid), articles=[aid], members=[aid],
                                           vectors=vectors[i: i + 1].astype(np.float16),
                                           profiles=[prof], ann_key=start + i))
            self.by_article[aid] = start + i
        self._ann.add(np.arange(start, start + len(ids), dtype=np.uint64), vectors)

    def join(self, key: int, article_id: str, vector: np.ndarray, prof: Profile) -> None:
        ev = self.events[key]
        vec = np.asarray(vector, dtype=np.float32)
        ev.articles.append(article_id)
        self.by_article[article_id] = key
        if len(ev.profiles) < MAX_MEMBERS:  # later members leave the centroid where it is
            ev.members.append(article_id)
            ev.vectors = np.vstack([ev.vectors, vec[None, :].astype(np.float16)])
            ev.profiles.append(prof)
            self._recentre(key)

    def merge(self, into: int, other: int) -> None:
        """Fold event `other` into `into` (the survivor keeps its id)."""
        a, b = self.events[into], self.events[other]
        a.articles.extend(b.articles)
        room = MAX_MEMBERS - len(a.profiles)
        if room > 0:
            a.members.extend(b.members[:room])
            a.vectors = np.vstack([a.vectors, b.vectors[:room]])
            a.profiles.extend(b.profiles[:room])
        a.entities = (a.entities or Counter()) + (b.entities or Counter())
        a.places = (a.places or Counter()) + (b.places or Counter())
        for aid in b.articles:
            self.by_article[aid] = into
        b.alive = False
        self._stale += 1
        self._recentre(into)

    def detach(self, key: int, member: int) -> tuple[str, np.ndarray, Profile]:
        """Take one compared member out of its event; returns it so it can open its own."""
        ev = self.events[key]
        aid, prof = ev.members.pop(member), ev.profiles.pop(member)
        vec = ev.vectors[member].astype(np.float32)
        ev.vectors = np.delete(ev.vectors, member, axis=0)
        ev.articles.remove(aid)
        del self.by_article[aid]
        self._recentre(key)
        return aid, vec, prof

    def split(self, key: int, moving: list[tuple[str, np.ndarray, Profile]]) -> int:
        """Move the given articles (compared members or not) out of event `key` into a new event
        founded by the first of them; returns the new event's key."""
        ev = self.events[key]
        gone = {aid for aid, _, _ in moving}
        keep = [i for i, aid in enumerate(ev.members) if aid not in gone]
        ev.members = [ev.members[i] for i in keep]
        ev.profiles = [ev.profiles[i] for i in keep]
        ev.vectors = ev.vectors[keep]
        ev.articles = [aid for aid in ev.articles if aid not in gone]
        self._recentre(key)
        other = self.add(*moving[0])
        for aid, vec, prof in moving[1:]:
            self.join(other, aid, vec, prof)
        return other

    def _recentre(self, key: int) -> None:
        ev = self.events[key]
        ev.ann_key += 1 << _KEY_BITS
        self._ann.add(ev.ann_key, ev.centroid)
        self._stale += 1
        if self._stale > max(len(self._ann) - self._stale, 1000):
            self._compact()

    def _compact(self) -> None:
        """Rebuild the ANN index from the live centroids only."""
        live = [e for e in self.events if e.alive]
        self._ann = self._new_ann()
        if live:
            self._ann.add(np.array([e.ann_key for e in live], dtype=np.uint64),
                          np.vstack([e.centroid for e in live]).astype(np.float32))
        self._stale = 0

    def search(self, vector: np.ndarray, k: int = 10) -> list[tuple[int, float]]:
        """Up to k (key, cosine to centroid) of live events, nearest first."""
        query, fetch = np.asarray(vector, dtype=np.float32), k * _OVERFETCH
        while True:
            fetch = min(fetch, len(self._ann))
            if not fetch:
                return []
            hits = self._ann.search(query, fetch)
            out = []
            for ann_key, dist in zip(hits.keys, hits.distances):
                key = int(ann_key) & _KEY_MASK
                ev = self.events[key]
                if ev.alive and ev.ann_key == int(ann_key):
                    out.append((key, 1.0 - float(dist)))
                    if len(out) == k:
                        return out
            if fetch == len(self._ann):
                return out
            fetch *= 4  # stale entries crowded the live ones out: look further

    def memory_bytes(self) -> int:
        return int(self._ann.memory_usage) + sum(e.vectors.nbytes for e in self.events)

    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._ann.save(str(path))
        meta = []
        for e in self.events:
            meta.append({"id": e.id, "articles": e.articles, "members": e.members, "title": e.title,
                         "title_lang": e.title_lang, "alive": e.alive, "ann_key": e.ann_key,
                         "entities": dict(e.entities or {}), "places": dict(e.places or {}),
                         "profiles": [_profile_json(p) for p in e.profiles]})
        Path(f"{path}.events.json").write_text(json.dumps({"ndim": self.ndim, "events": meta}),
                                               encoding="utf-8")
        vectors = [e.vectors for e in self.events]
        np.save(f"{path}.vectors.npy",
                np.vstack(vectors) if vectors else np.zeros((0, self.ndim), np.float16))

    @classmethod
    def load(cls, path: str | Path) -> EventIndex:
        path = Path(path)
        meta = json.loads(Path(f"{path}.events.json").read_text(encoding="utf-8"))
        members = np.load(f"{path}.vectors.npy")
        index = cls(ndim=meta["ndim"])
        index._ann.load(str(path))
        row = 0
        for key, m in enumerate(meta["events"]):
            k = len(m["profiles"])
            ev = StoredEvent(id=m["id"], articles=m["articles"], members=m["members"],
                             vectors=members[row: row + k],
                             profiles=[_profile_from_json(p) for p in m["profiles"]],
                             title=m["title"],
                             title_lang=m["title_lang"], entities=Counter(m["entities"]),
                             places=Counter(m["places"]), alive=m["alive"],
                             ann_key=m.get("ann_key", key))
            row += k
            index.events.append(ev)
            for aid in ev.articles:
                index.by_article[aid] = key
        index._stale = len(index._ann) - len(index)
        return index


def _profile_json(p: Profile) -> dict:
    return {"lang": p.lang, "day": p.day, "day_trust": p.day_trust, "names": sorted(p.names),
            "places": sorted(p.places),
            "numbers": sorted(p.numbers)}


def _profile_from_json(d: dict) -> Profile:
    return Profile(lang=d["lang"], day=d["day"], day_trust=d.get("day_trust", 1.0),
                   names=keys(d["names"]), places=keys(d["places"]), numbers=keys(d["numbers"]))
