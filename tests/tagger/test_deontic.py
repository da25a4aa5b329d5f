"""Deontic type of provisions in the three languages."""
import pytest


@pytest.mark.parametrize("text, lang, expected", [
    ("A person must not manufacture or import a product that contains mercury.", "en", "prohibition"),
    ("Il est interdit de mettre sur le marché des piles contenant du mercure.", "fr", "prohibition"),
    ("Se prohíbe la fabricación e importación de pilas con mercurio.", "es", "prohibition"),
    ("The Minister shall publish the report on the departmental website.", "en", "obligation"),
    ("Le producteur doit informer l'utilisateur final.", "fr", "obligation"),
    ("El titular deberá presentar un informe anual a la autoridad.", "es", "obligation"),
    ("The Minister may issue a permit to a person that applies.", "en", "permission"),
    ("Le ministre peut accorder une dérogation.", "fr", "permission"),
    ("La autoridad podrá reducir los límites establecidos.", "es", "permission"),
    ("In these Regulations, mercury-added product means a product to which mercury was added.",
     "en", "definition"),
    ("Au sens du présent règlement, on entend par « pile » toute source d'énergie.", "fr",
     "definition"),
    ("Para efectos del presente Reglamento, se entiende por residuo todo material descartado.",
     "es", "definition"),
    ("These Regulations were published in the Canada Gazette on 1 May 2014.", "en", "procedural"),
    # "by means of" is no definition (EU Regulation 2017/852, art. 6)
    ("The Commission shall adopt decisions, by means of implementing acts, to specify forms.",
     "en", "obligation"),
    # French states duties in the present indicative, Spanish in the future tense
    ("Le ministre refuse de délivrer le permis si les renseignements sont faux.", "fr",
     "obligation"),
    ("La demande de permis est présentée au ministre avant la fabrication.", "fr", "obligation"),
    ("L'exploitant conserve les registres pendant cinq ans.", "fr", "obligation"),
    ("Le présent règlement s'applique aux piles mises sur le marché.", "fr", "procedural"),
    ("El titular presentará un informe anual a la autoridad ambiental.", "es", "obligation"),
    ("La Autoridad Competente establecerá los límites de descarga.", "es", "obligation"),
    ("El Ministerio podrá establecer límites más estrictos.", "es", "permission"),
    ("El presente Decreto Supremo es refrendado por el Ministro del Ambiente.", "es",
     "procedural"),
])
def test_deontic(tag, text, lang, expected):
    (out,) = tag({"id": "d", "text": text, "lang": lang})
    assert out["deontic"] == expected
