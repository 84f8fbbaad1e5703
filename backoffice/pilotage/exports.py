"""XLSX export of the dashboard's figures, for the user's perimeter and the chosen date."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .tableau import CAPACITES, ECARTS

ENTETE = Font(bold=True)


def _entete(feuille, titres):
    cellules = []
    for titre in titres:
        cellule = WriteOnlyCell(feuille, value=titre)
        cellule.font = ENTETE
        cellules.append(cellule)
    feuille.append(cellules)


def _chiffres(ligne, exercice):
    """The row's figures; a capacity or gap without meaning (no authorisation) stays empty."""
    chiffres = ligne.chiffres
    return [
        chiffres.dispositifs,
        *(ligne.valeur(code) for code, _ in CAPACITES),
        *(ligne.valeur(code) for code, _ in ECARTS),
        float(chiffres.montant),
        float(cout) if (cout := chiffres.cout_jour_place(exercice)) is not None else None,
    ]


NOTE_AUTORISATION = (
    "Places autorisées et écarts aux autorisées : types sous autorisation seulement "
    "(cellule vide : sans objet)."
)

TITRES_CHIFFRES = [
    "Dispositifs",
    *(f"Places {libelle.lower()}" for _, libelle in CAPACITES),
    *(f"Écart {libelle.lower()}" for _, libelle in ECARTS),
    "Montant financé (€)",
    "Coût place/jour (€)",
]


def classeur_tableau(tableau, charge):
    classeur = Workbook(write_only=True)
    date, exercice = tableau["date"], tableau["exercice"]

    feuille = classeur.create_sheet("Par type")
    feuille.append([f"Capacités au {date:%d/%m/%Y} (exercice {exercice})", NOTE_AUTORISATION])
    _entete(feuille, ["Nature / type", *TITRES_CHIFFRES])
    for ligne in tableau["lignes_type"]:
        libelle = ligne.libelle if ligne.nature else f"  {ligne.libelle}"
        feuille.append([libelle, *_chiffres(ligne, exercice)])
    feuille.append(["Total", *_chiffres(tableau["total"], exercice)])

    feuille = classeur.create_sheet("Par département")
    feuille.append([f"Capacités au {date:%d/%m/%Y} (exercice {exercice})", NOTE_AUTORISATION])
    _entete(feuille, ["Département", *TITRES_CHIFFRES])
    for ligne in tableau["lignes_departement"]:
        feuille.append([ligne.libelle, *_chiffres(ligne, exercice)])

    feuille = classeur.create_sheet("Évolution")
    feuille.append(["Places par fin de mois, d'après les dates enregistrées sur les données"])
    _entete(feuille, ["Date", *(libelle for _, libelle in CAPACITES)])
    for point in tableau["evolution"]:
        feuille.append([point["date"], *(point[code] for code, _ in CAPACITES)])

    feuille = classeur.create_sheet("Charge de travail")
    _entete(feuille, ["File", "Nombre", "Plus ancienne (jours)"])
    for ligne in charge["lignes"]:
        feuille.append([ligne["libelle"], ligne["nombre"], ligne["plus_ancienne"]])
    if charge["delai_moyen_jours"] is not None:
        feuille.append(["Délai moyen de décision sur 12 mois (jours)", charge["delai_moyen_jours"]])

    flux = io.BytesIO()
    classeur.save(flux)
    return flux.getvalue()
