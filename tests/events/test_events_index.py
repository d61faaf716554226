"""The event index stays correct while centroids move: a moved event is found once, at its new
position, before and after the stale entries are compacted away and after a save/load."""
from __future__ import annotations

import numpy as np

from newsprism.events import EventIndex
from newsprism.events.features import Profile

EMPTY = Profile(lang="en", day=None, names=(), places=(), numbers=())


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def _moved_index(rng: np.random.Generator) -> tuple[EventIndex, np.ndarray]:
    index = EventIndex()
    seeds = np.stack([_unit(rng.standard_normal(384)) for _ in range(40)])
    for i, v in enumerate(seeds):
        index.add(f"a{i}", v, EMPTY)
    # every event drifts towards a new direction as members join: its centroid moves 7 times
    targets = np.stack([_unit(rng.standard_normal(384)) for _ in range(40)])
    for i in range(40):
        for m in range(7):
            index.join(i, f"a{i}-{m}", _unit(seeds[i] * 0.2 + targets[i]), EMPTY)
    return index, targets


def test_moved_events_are_found_once_at_their_new_place(tmp_path):
    index, targets = _moved_index(np.random.default_rng(3))
    for state in ("stale entries", "compacted", "reloaded"):
        if state == "compacted":
            index._compact()
            assert len(index._ann) == len(index) == 40
        if state == "reloaded":
            index.save(tmp_path / "ev.usearch")
            index = EventIndex.load(tmp_path / "ev.usearch")
        for i in (0, 17, 39):
            hits = index.search(targets[i], k=5)
            keys = [k for k, _ in hits]
            assert keys[0] == i, state
            assert len(keys) == len(set(keys)) == 5, state  # no event twice, no stale copy


def test_merged_event_is_no_longer_returned():
    index, targets = _moved_index(np.random.default_rng(4))
    index.merge(1, 2)
    keys = [k for k, _ in index.search(targets[2], k=10)]
    assert 2 not in keys
