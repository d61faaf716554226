"""canonicalize: an initial, a French "M." or a title in another language shortens a full name."""
from newsprism.entities import canonicalize
from newsprism.records import Article, Mention


def _art(aid, text, names):
    mentions = []
    for name, etype in names:
        start = text.index(name)
        mentions.append(Mention(name, start, start + len(name), etype, aid))
    return Article(id=aid, source=aid, language="en", text=text, mentions=mentions)


def _ids(articles, text):
    return {m.entity_id for a in articles for m in a.mentions if m.text == text}


def test_initial_and_surname_join_the_full_name_with_that_first_letter():
    a = _art("a", "Tomasz Vellacourt opened the port. T. Vellacourt said more.",
             [("Tomasz Vellacourt", "PERSON"), ("T. Vellacourt", "PERSON")])
    b = _art("b", "The minister, T. Vellacourt, left.", [("T. Vellacourt", "PERSON")])
    arts = [a, b]
    entities = canonicalize(arts, [["a", "b"]])
    ids = _ids(arts, "Tomasz Vellacourt") | _ids(arts, "T. Vellacourt")
    assert len(ids) == 1 and None not in ids
    assert next(e for e in entities if e.id in ids).name == "Tomasz Vellacourt"


def test_initial_of_another_first_name_stays_apart():
    a = _art("a", "Tomasz Vellacourt met R. Vellacourt.",
             [("Tomasz Vellacourt", "PERSON"), ("R. Vellacourt", "PERSON")])
    canonicalize([a])
    assert _ids([a], "Tomasz Vellacourt") != _ids([a], "R. Vellacourt")


def test_french_monsieur_and_spanish_titles_are_not_part_of_the_name():
    a = _art("a", "Andrzej Quillarte a parlé. M. Quillarte a ajouté.",
             [("Andrzej Quillarte", "PERSON"), ("M. Quillarte", "PERSON")])
    b = _art("b", "El canciller Quillarte y la señora Brunhilda Oskarsen.",
             [("El canciller Quillarte", "PERSON"), ("señora Brunhilda Oskarsen", "PERSON")])
    arts = [a, b]
    entities = canonicalize(arts, [["a", "b"]])
    ids = _ids(arts, "Andrzej Quillarte") | _ids(arts, "M. Quillarte") | _ids(arts, "El canciller Quillarte")
    assert len(ids) == 1
    names = {e.name for e in entities}
    assert "Andrzej Quillarte" in names and "Brunhilda Oskarsen" in names


def test_country_names_in_other_languages_are_one_place_but_a_person_is_not_a_country():
    from newsprism.entities import canonicalize
    from newsprism.records import Article, Mention

    def art(i, name, typ):
        return Article(id=f"c{i}", source=f"c{i}", text=f"{name} said.", language="en",
                       mentions=[Mention(text=name, start=0, end=len(name), type=typ, article_id=f"c{i}")])

    arts = [art(1, "Allemagne", "GPE"), art(2, "Alemania", "GPE"), art(3, "Germany", "GPE"), art(4, "Jordan", "PERSON"),
            art(5, "Jordanie", "GPE")]
    canonicalize(arts)
    ids = [a.mentions[0].entity_id for a in arts]
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[4]
