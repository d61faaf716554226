"""The two real seed pages (one machine-translated from Chinese): their name variants must be
handled by general rules. Seed strings appear only here, never in src/."""
from newsprism.entities import canonicalize, find_mentions
from newsprism.records import Article


def _by_variant(entities):
    return {v.text: e for e in entities for v in e.variants}


def test_seed_variants_become_one_entity_each(seeds):
    articles = []
    for i, path in enumerate(sorted(seeds.glob("*.txt"))):
        art = Article(id=path.stem, source=str(path), language="en", text=path.read_text(encoding="utf-8"),
                      mt_likelihood=0.9 if "navani" in path.read_text(encoding="utf-8") else 0.1)
        art.mentions = find_mentions(art)
        articles.append(art)
    entities = canonicalize(articles, [[a.id for a in articles]])
    by_variant = _by_variant(entities)
    navalny = by_variant["Alexey Navalny"]
    assert navalny.type == "PERSON"
    assert {"navani", "navarni", "Navalny"} <= {v.text for v in navalny.variants}
    assert by_variant["solar winds"] is by_variant["SolarWinds"]
    assert by_variant["NATO"] is by_variant["the North Atlantic Treaty Organization"]
    assert by_variant["Psaki"] is by_variant["Jen Psaki"]
    assert by_variant["Joe Biden"] is not by_variant["Donald Trump"]
