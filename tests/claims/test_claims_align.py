"""Alignment and labels: conflicts are typed, omissions name the silent source, machine
translation is blamed instead of the outlet."""
from __future__ import annotations

from newsprism.claims import align, extract_claims
from newsprism.claims.conflict import compare
from newsprism.records import Article, Event


def _article(aid: str, lang: str, text: str, mt: float = 0.0) -> Article:
    art = Article(id=aid, source=aid, outlet=f"Outlet {aid}", language=lang, text=text, mt_likelihood=mt)
    art.claims = extract_claims(art)
    return art


def _one(text: str, lang: str = "en", aid: str = "a"):
    (claim,) = _article(aid, lang, text).claims
    return claim


def _align(*articles: Article):
    event = Event(id="ev", title="test event", articles=[a.id for a in articles])
    return align(event, {a.id: a for a in articles})


def test_number_conflict_same_quantity_different_value():
    a = _one("The treaty caps each arsenal at 1,550 deployed warheads.")
    b = _one("El tratado limita cada arsenal a 1.500 ojivas desplegadas.", "es", "b")
    conflict = compare(a, b)
    assert conflict is not None and conflict.type == "number"
    assert conflict.values == {"a": "1,550", "b": "1.500"}
    same = _one("Le traité plafonne chaque arsenal à 1 550 ogives déployées.", "fr", "c")
    assert compare(a, same) is None


def test_status_conflict_done_versus_agreed():
    done = _one("The two leaders extended the fisheries treaty for five years.")
    agreed = _one("The two leaders agreed to extend the fisheries treaty as soon as possible, before February 5.", aid="b")
    conflict = compare(done, agreed)
    assert conflict is not None and conflict.type == "status"
    assert conflict.values == {"a": "done", "b": "agreed"}


def test_negation_and_attribution_conflicts():
    said = _one("The union said two miners were injured during the protest.")
    denied = _one("The company denied that two miners were injured during the protest.", aid="b")
    assert compare(said, denied).type == "negation"
    silent = _one("The company's statement did not mention the injured miners.", aid="c")
    assert compare(said, silent).type == "attribution"


def test_partial_lists_the_silent_sources_and_comes_last():
    en = _article("en", "en", "Heavy rain flooded the old harbour of Telmar on Sunday. "
                              "The mayor of Telmar declared a state of emergency for ten days.")
    fr = _article("fr", "fr", "De fortes pluies ont inondé dimanche le vieux port de Telmar. "
                              "Le maire de Telmar a décrété l'état d'urgence pour dix jours.")
    es = _article("es", "es", "Las fuertes lluvias inundaron el domingo el viejo puerto de Telmar. "
                              "Un pescador de 62 años murió arrastrado por la corriente.")
    groups = _align(en, fr, es)
    statuses = [g.status for g in groups]
    assert statuses[0] == "agreed" and set(groups[0].sources) == {"en", "fr", "es"}
    fisher = next(g for g in groups if "pescador" in g.text)
    assert fisher.status == "partial" and fisher.sources == ["es"] and set(fisher.silent) == {"en", "fr"}
    assert statuses.index("partial") > statuses.index("agreed")
    for g in groups:
        assert len(g.evidence) == len(g.sources)
        for ev in g.evidence:
            assert {"en": en, "fr": fr, "es": es}[ev.source].text[ev.start : ev.end] == ev.sentence


def test_actor_swap_in_machine_translation_is_a_translation_error():
    en = _article("en", "en", "Uskar accused Belmora of sheltering the hackers who attacked the port.")
    fr = _article("fr", "fr", "L'Uskar a accusé la Belmora d'abriter les pirates informatiques qui ont attaqué le port.")
    mt = _article("mt", "en", "Belmora accused Uskar of to shelter the hackers that attacked the port.", mt=0.9)
    groups = _align(en, fr, mt)
    swap = next(g for g in groups if g.conflict)
    assert swap.status == "likely_translation_error" and swap.conflict.type == "actor"
    assert set(swap.sources) == {"en", "fr", "mt"}


def test_actor_swap_without_translation_between_two_sources_is_a_contradiction():
    en = _article("en", "en", "Uskar accused Belmora of sheltering the hackers who attacked the port.")
    es = _article("es", "es", "Belmora acusó a Uskar de dar refugio a los piratas que atacaron el puerto.")
    (group,) = _align(en, es)
    assert group.status == "contradicted" and group.conflict.type == "actor"


def test_empty_event_gives_no_groups():
    assert _align() == []
    assert _align(Article(id="x", source="x", status="error")) == []


def test_amount_and_stage_disagreeing_give_a_status_group_of_its_own():
    arts = [
        _article("a", "en", "Norland and Vesta signed a treaty on Monday to build a 248-kilometre railway between Orva and Tesk."),
        _article("b", "en", "Norland and Vesta signed a treaty on Monday to build a 248-kilometre railway between Orva and Tesk, officials said."),
        _article("c", "en", "Norland and Vesta agreed on Monday to build a 284-kilometre railway between Orva and Tesk."),
    ]
    kinds = {(g.status, g.conflict.type) for g in _align(*arts) if g.conflict}
    assert ("contradicted", "status") in kinds and any(t == "number" for _, t in kinds)


def test_translation_siding_with_its_human_original_is_a_contradiction():
    arts = [
        _article("a", "en", "The ministry summoned the Vestan ambassador, Carl Odin, on Monday to hand him a protest note."),
        _article("b", "fr", "Le ministère a convoqué l'ambassadeur vestan, Carl Odin, lundi pour lui remettre une note de protestation."),
        _article("c", "es", "La cancillería convocará el jueves al embajador vestano, Carl Odin, para entregarle una nota de protesta."),
        _article("d", "en", "The chancellery will summon on thursday the vestan ambassador carl odin for deliver him a note of protest.", mt=0.9),
    ]
    hit = [g for g in _align(*arts) if g.conflict and g.conflict.type == "status"]
    assert hit and hit[0].status == "contradicted"


def test_translation_swapping_a_ministers_country_is_a_translation_error():
    # The human sources name the acting minister; the translation names the countries, swapped.
    arts = [
        _article("a", "en", "Lena Brandt, Chile's foreign minister, accused Peru of sheltering the hackers who attacked the port."),
        _article("b", "es", "La canciller chilena, Lena Brandt, acusó a Perú de dar refugio a los piratas que atacaron el puerto."),
        _article("c", "fr", "La ministre chilienne des Affaires étrangères, Lena Brandt, a accusé le Pérou d'abriter les pirates."),
        _article("d", "en", "Peru accused Chile of to shelter the pirates that attacked the port.", mt=0.9),
    ]
    swap = [g for g in _align(*arts) if g.conflict and g.conflict.type == "actor"]
    assert swap and swap[0].status == "likely_translation_error"
    assert "d" in swap[0].conflict.values


def test_agreed_only_when_no_source_is_silent():
    arts = [
        _article("a", "en", "The new bridge over the Orva river cost 80 million euros. "
                            "It will open to traffic in March, the city council said."),
        _article("b", "fr", "Le nouveau pont sur l'Orva a coûté 80 millions d'euros. "
                            "Il ouvrira à la circulation en mars, a annoncé le conseil municipal."),
        _article("c", "es", "El nuevo puente sobre el río Orva costó 80 millones de euros. "
                            "Se abrirá al tráfico en marzo, anunció el ayuntamiento."),
        _article("d", "en", "The new bridge over the Orva river cost 80 million euros. "
                            "Local shopkeepers complained about the noise of the works."),
    ]
    groups = _align(*arts)
    cost = next(g for g in groups if "80" in g.text)
    assert cost.status == "agreed" and not cost.silent
    opening = next(g for g in groups if "March" in g.text)
    assert opening.status == "partial" and set(opening.sources) == {"a", "b", "c"} and opening.silent == ["d"]


def test_candidate_pairs_follow_the_per_pair_rule():
    """Candidates are built with inverted indexes; each cell must still be the documented rule:
    another article and (another or unknown language, a shared telling amount, or keyword
    Jaccard >= SAME_LANGUAGE)."""
    from newsprism.claims.align import SAME_LANGUAGE, TELLING, candidates
    from newsprism.claims.signature import jaccard, keywords

    arts = [
        _article("a", "en", "The port of Telmar reopened on Monday after the flood. "
                            "Insurers put the damage at 40 million euros."),
        _article("b", "en", "Telmar's port reopened Monday, a week after the flood. "
                            "The storm also closed three schools in the valley."),
        _article("c", "fr", "Le port de Telmar a rouvert lundi. Les dégâts atteignent 40 millions d'euros."),
        _article("d", "", "Port of Telmar: damage of 40 million euros, insurers say."),
    ]
    claims = [c for a in arts for c in a.claims]
    got = candidates(claims)

    def rule(x, y):
        if x.article_id == y.article_id:
            return False
        telling = {q.value for q in x.numbers if q.value >= TELLING} & {q.value for q in y.numbers if q.value >= TELLING}
        return (x.lang != y.lang or not x.lang or not y.lang or bool(telling)
                or jaccard(keywords(x.text), keywords(y.text)) >= SAME_LANGUAGE)

    want = [[rule(x, y) for y in claims] for x in claims]
    assert got.tolist() == want
    assert got.any() and not got.all()  # the fixture exercises both outcomes
