"""canonicalize: a gendered bare surname picks the full name of that gender when two people share
the surname, and a place named in two languages in one event is one entity."""
from newsprism.entities import canonicalize
from newsprism.records import Article, Mention


def _art(aid, text, names, lang="en"):
    mentions = []
    for name, etype in names:
        start = text.index(name)
        mentions.append(Mention(name, start, start + len(name), etype, aid))
    return Article(id=aid, source=aid, language=lang, text=text, mentions=mentions)


def _ids(article, text):
    return {m.entity_id for m in article.mentions if m.text == text}


def test_gendered_bare_surname_goes_to_the_person_of_that_gender():
    en = _art("en", "Transport Minister Elvira Sandoval praised the deal. Union spokesman Tomas Sandoval "
                    "called the strike. A ministry spokesman said Ms Sandoval had followed the talks. "
                    "Mr Sandoval thanked the members.",
              [("Elvira Sandoval", "PERSON"), ("Tomas Sandoval", "PERSON"), ("Ms Sandoval", "PERSON"),
               ("Mr Sandoval", "PERSON")])
    fr = _art("fr", "La ministre des Transports, Elvira Sandoval, a salué l'accord. Selon son entourage, "
                    "Mme Sandoval a suivi les discussions. Le porte-parole du syndicat, Tomas Sandoval, "
                    "a lancé la grève. M. Sandoval a remercié les dockers.",
              [("Elvira Sandoval", "PERSON"), ("Mme Sandoval", "PERSON"), ("Tomas Sandoval", "PERSON"),
               ("Sandoval", "PERSON")], lang="fr")
    fr.mentions[-1].start = fr.text.index("M. Sandoval") + 3
    fr.mentions[-1].end = fr.mentions[-1].start + len("Sandoval")
    canonicalize([en, fr], [["en", "fr"]])
    elvira, tomas = _ids(en, "Elvira Sandoval"), _ids(en, "Tomas Sandoval")
    assert len(elvira) == 1 and elvira != tomas
    assert _ids(en, "Ms Sandoval") == elvira and _ids(fr, "Mme Sandoval") == elvira
    assert _ids(en, "Mr Sandoval") == tomas and _ids(fr, "Sandoval") == tomas


def test_bare_surname_without_gender_stays_unresolved_between_two_people():
    en = _art("en", "Elvira Sandoval and Tomas Sandoval met on Monday. Sandoval left early.",
              [("Elvira Sandoval", "PERSON"), ("Tomas Sandoval", "PERSON"), ("Sandoval", "PERSON")])
    canonicalize([en], [["en"]])
    assert not _ids(en, "Sandoval") & (_ids(en, "Elvira Sandoval") | _ids(en, "Tomas Sandoval"))


def test_city_named_in_two_languages_in_one_event_is_one_entity():
    # The English model may type a foreign city as a person: the languages, not the type, decide.
    en = _art("en", "Dockers in Valencia ended their strike.", [("Valencia", "PERSON")])
    fr = _art("fr", "Les dockers de Valence ont mis fin à la grève.", [("Valence", "GPE")], lang="fr")
    es = _art("es", "Los estibadores de Valencia pusieron fin a la huelga.", [("Valencia", "MISC")], lang="es")
    (city,) = [e for e in canonicalize([en, fr, es], [["en", "fr", "es"]]) if e.name == "Valencia"]
    assert _ids(en, "Valencia") == _ids(fr, "Valence") == _ids(es, "Valencia") == {city.id}
    assert city.type == "GPE"


def test_lookalike_names_in_different_events_stay_apart():
    a = _art("a", "Floods hit Valence on Monday.", [("Valence", "GPE")], lang="fr")
    b = _art("b", "Pedro Valencia lost the vote. Valencia conceded.",
             [("Pedro Valencia", "PERSON"), ("Valencia", "PERSON")])
    canonicalize([a, b], [["a"], ["b"]])
    assert not _ids(a, "Valence") & _ids(b, "Valencia")


def test_organisation_is_named_by_its_full_name_not_its_acronym():
    es = _art("es", "La Asociación de Operadores Portuarios de Valencia (AOPV) firmó. La AOPV confirmó. La AOPV calla.",
              [("Asociación de Operadores Portuarios de Valencia", "ORG"), ("AOPV", "ORG")], lang="es")
    es.mentions.append(Mention("AOPV", es.text.rindex("AOPV"), es.text.rindex("AOPV") + 4, "ORG", "es"))
    (entity,) = [e for e in canonicalize([es], [["es"]]) if any(v.text == "AOPV" for v in e.variants)]
    assert entity.name == "Asociación de Operadores Portuarios de Valencia"
