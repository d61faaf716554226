"""Invented articles (written for these tests) about a few invented events."""
from __future__ import annotations

from newsprism.records import Article


def art(aid: str, title: str, text: str, published: str, language: str = "en") -> Article:
    return Article(id=aid, source=f"test:{aid}", title=title, text=text, published=published,
                   language=language)


def treaty_en() -> Article:
    return art(
        "treaty-en",
        "Veldoria and Ostmark sign river water-sharing treaty in Lanzburg",
        "Veldorian President Maren Okafor and Ostmark Chancellor Tobias Renn signed a treaty on "
        "Tuesday in Lanzburg that splits the waters of the Seyla river, ending a dispute that had "
        "lasted 14 years. Under the deal Ostmark will release at least 420 cubic metres per "
        "second during the dry season, and a joint commission of 12 engineers will monitor the "
        "three dams upstream. Okafor called the agreement historic.",
        "2025-06-10",
    )


def treaty_fr() -> Article:
    return art(
        "treaty-fr",
        "La Veldorie et l'Ostmark signent à Lanzburg un traité sur le partage des eaux",
        "La présidente veldorienne Maren Okafor et le chancelier de l'Ostmark Tobias Renn ont "
        "signé mardi à Lanzburg un traité qui partage les eaux de la rivière Seyla et met fin "
        "à un différend vieux de 14 ans. L'Ostmark s'engage à laisser passer au moins 420 "
        "mètres cubes par seconde pendant la saison sèche, et une commission mixte de 12 "
        "ingénieurs surveillera les trois barrages en amont. Okafor a salué un accord historique.",
        "2025-06-10",
        "fr",
    )


def treaty_es() -> Article:
    return art(
        "treaty-es",
        "Veldoria y Ostmark firman en Lanzburg un tratado para repartir el agua del río Seyla",
        "La presidenta de Veldoria, Maren Okafor, y el canciller de Ostmark, Tobias Renn, "
        "firmaron el martes en Lanzburg un tratado que reparte las aguas del río Seyla y pone "
        "fin a una disputa de 14 años. Ostmark liberará al menos 420 metros cúbicos por segundo "
        "durante la estación seca y una comisión conjunta de 12 ingenieros vigilará las tres "
        "presas río arriba.",
        "2025-06-11",
        "es",
    )


def summit_later() -> Article:
    """The same two leaders, a different happening five weeks later."""
    return art(
        "summit-en",
        "Okafor and Renn meet again in Pravel to discuss rail link and tariffs",
        "Five weeks after their water agreement, Veldorian President Maren Okafor and Ostmark "
        "Chancellor Tobias Renn met in Pravel on Friday to discuss a cross-border rail link and "
        "a cut in tariffs on steel. No agreement was signed; officials said talks would resume "
        "in the autumn.",
        "2025-07-18",
    )


def flood() -> Article:
    return art(
        "flood-en",
        "Storm floods vineyards and cuts power in southern Marrakand",
        "Torrential rain flooded about 300 hectares of vineyards in southern Marrakand on Sunday "
        "and left 8,000 homes without electricity, the regional utility said. Firefighters "
        "evacuated two villages near the coast.",
        "2025-06-09",
    )


def flood_wire() -> Article:
    return art(
        "flood-wire",
        "Marrakand storm: thousands without power as vineyards flood",
        "About 8,000 households in southern Marrakand lost power on Sunday after a storm "
        "dumped torrential rain on the region, flooding roughly 300 hectares of vineyards. "
        "Two coastal villages were evacuated by firefighters, according to the regional utility.",
        "2025-06-09",
    )


def treaty_ratified() -> Article:
    """The next step of the treaty story, a week later, told with much the same words."""
    return art(
        "treaty-ratified",
        "Ostmark parliament ratifies Seyla river water-sharing treaty with Veldoria",
        "Ostmark's parliament on Tuesday ratified the treaty that Chancellor Tobias Renn and "
        "Veldorian President Maren Okafor signed last week in Lanzburg, splitting the waters of "
        "the Seyla river after a 14-year dispute. Deputies voted 212 to 61. The treaty commits "
        "Ostmark to release at least 420 cubic metres per second in the dry season, watched by a "
        "joint commission of 12 engineers at the three dams upstream.",
        "2025-06-17",
    )
