"""XLSX export of the dashboard's figures, for the user's perimeter and the chosen date (written
by the shared spreadsheet writer: labels are text cells, figures numeric cells)."""

from backoffice.exports import FORMAT_DECIMAL, Classeur

from .tableau import CAPACITES, ECARTS


def _chiffres(ligne, exercice):
    """The row's figures; a capacity or gap without meaning (no authorisation) stays empty."""
    chiffres = ligne.chiffres
    return [
        chiffres.dispositifs,
        *(ligne.valeur(code) for code, _ in CAPACITES),
        *(ligne.valeur(code) for code, _ in ECARTS),
        chiffres.montant,
        chiffres.cout_jour_place(exercice),
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
# The amount and the cost are in euros: two decimals even when whole.
FORMATS_CHIFFRES = {len(TITRES_CHIFFRES) - 1: FORMAT_DECIMAL, len(TITRES_CHIFFRES): FORMAT_DECIMAL}


def classeur_tableau(tableau, charge):
    classeur = Classeur()
    date, exercice = tableau["date"], tableau["exercice"]
    titre = f"Capacités au {date:%d/%m/%Y} (exercice {exercice})"

    feuille = classeur.feuille("Par type")
    feuille.ligne([titre, NOTE_AUTORISATION])
    feuille.entete(["Nature / type", *TITRES_CHIFFRES])
    for ligne in tableau["lignes_type"]:
        libelle = ligne.libelle if ligne.nature else f"  {ligne.libelle}"
        feuille.ligne([libelle, *_chiffres(ligne, exercice)], formats=FORMATS_CHIFFRES)
    feuille.ligne(["Total", *_chiffres(tableau["total"], exercice)], formats=FORMATS_CHIFFRES)

    feuille = classeur.feuille("Par département")
    feuille.ligne([titre, NOTE_AUTORISATION])
    feuille.entete(["Département", *TITRES_CHIFFRES])
    for ligne in tableau["lignes_departement"]:
        feuille.ligne([ligne.libelle, *_chiffres(ligne, exercice)], formats=FORMATS_CHIFFRES)

    feuille = classeur.feuille("Évolution")
    feuille.ligne(["Places par fin de mois, d'après les dates enregistrées sur les données"])
    feuille.entete(["Date", *(libelle for _, libelle in CAPACITES)])
    for point in tableau["evolution"]:
        feuille.ligne([point["date"], *(point[code] for code, _ in CAPACITES)])

    feuille = classeur.feuille("Charge de travail")
    feuille.entete(["File", "Nombre", "Plus ancienne (jours)"])
    for ligne in charge["lignes"]:
        feuille.ligne([ligne["libelle"], ligne["nombre"], ligne["plus_ancienne"]])
    if charge["delai_moyen_jours"] is not None:
        feuille.ligne(["Délai moyen de décision sur 12 mois (jours)", charge["delai_moyen_jours"]])

    return classeur.octets()
