"""The columns of the DN@ occupancy extract (docs/occupation.md, « Le fichier »): the header
each is known by in our template, the other headers the OFII's extracts use, and whether it
may be left empty (counted as 0)."""

from dataclasses import dataclass

from backoffice.recherche.texte import normaliser


@dataclass(frozen=True)
class Colonne:
    cle: str  # the Resource's field
    entete: str  # the header of our template, and of every message
    alias: tuple = ()
    obligatoire: bool = True


COLONNES = (
    Colonne("mois", "Mois", ("Mois de référence", "Période", "Date")),
    Colonne("dispositif", "Code DNA", ("Code structure DNA", "Code DN@", "Code structure")),
    Colonne("places_en_service", "Places en service", ("Capacité en service", "Capacité")),
    Colonne("places_occupees", "Places occupées", ("Occupées", "Présents")),
    Colonne(
        "presence_indue_refugies",
        "Dont présence indue réfugiés",
        ("Présence indue réfugiés", "Présence indue BPI", "Dont BPI en présence indue"),
        obligatoire=False,
    ),
    Colonne(
        "presence_indue_deboutes",
        "Dont présence indue déboutés",
        ("Présence indue déboutés", "Dont déboutés en présence indue"),
        obligatoire=False,
    ),
    Colonne("places_vacantes", "Places vacantes", ("Vacantes",), obligatoire=False),
    Colonne("places_indisponibles", "Places indisponibles", ("Indisponibles",), obligatoire=False),
)
PAR_CLE = {c.cle: c for c in COLONNES}
# The model's attribute of each error key of the Resource, to its column.
ENTETE_PAR_ATTRIBUT = {
    **{c.cle: c.entete for c in COLONNES},
    "dispositif_id": PAR_CLE["dispositif"].entete,
}
_PAR_ENTETE = {normaliser(nom): c for c in COLONNES for nom in (c.entete, *c.alias)}
NOM_ONGLET = "Occupation"


def colonne_de(entete):
    """The column a header names (case, accents and punctuation ignored), or None."""
    return _PAR_ENTETE.get(normaliser(entete)) if isinstance(entete, str) else None
