"""XLSX export of the dashboard's figures, for the user's perimeter and the chosen date (written
by the shared spreadsheet writer: labels are text cells, figures numeric cells). Above
`EXPORTS_SEUIL_DIFFERE` dispositifs in the perimeter (national, large régions) the workbook is
written by a background job (backoffice/exportations), by the same function."""

from django.http import QueryDict

from backoffice.acces.perimetres import filtrer, perimetre_pour
from backoffice.exportations.registre import Fichier, Introuvable
from backoffice.exports import FORMAT_DECIMAL, FORMAT_POURCENTAGE, Classeur
from backoffice.occupation import indicateurs as occupation
from backoffice.offre.models import Dispositif

from . import charge
from .axes import lire_axes
from .tableau import CAPACITES, ECARTS, perimetre_du_tableau, tableau_de_bord


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


TITRES_OCCUPATION = [
    "Département",
    "Dispositifs",
    "Places en service",
    "Places occupées",
    "Taux d'occupation",
    "Présence indue réfugiés",
    "Présence indue déboutés",
    "Places vacantes",
]
FORMATS_OCCUPATION = {4: FORMAT_POURCENTAGE, 5: FORMAT_POURCENTAGE, 6: FORMAT_POURCENTAGE}


def occupation_du_perimetre(user, axes):
    """(month, [(département, ChiffresOccupation)], total) of the latest DN@ month imported up
    to the chosen date, for the « Occupation » sheet; None when nothing was imported."""
    perimetre = perimetre_pour(user, "occupation.occupation", "view")
    mois = occupation.dernier_mois(perimetre, axes.jour)
    if mois is None:
        return None
    par_departement = sorted(occupation.chiffres(perimetre, mois, par="departement").items())
    return mois, par_departement, occupation.chiffres(perimetre, mois)


def _ligne_occupation(libelle, c):
    return [libelle, c.dispositifs, c.en_service, c.occupees, c.taux_occupation,
            c.taux_refugies, c.taux_deboutes, c.vacantes]  # fmt: skip


def _lignes(tableau, charge, occupation_=None):
    """Every row the workbook holds after its headers, sheet by sheet: (sheet, row, formats)."""
    exercice = tableau["exercice"]
    for ligne in tableau["lignes_type"]:
        libelle = ligne.libelle if ligne.nature else f"  {ligne.libelle}"
        yield "Par type", [libelle, *_chiffres(ligne, exercice)], FORMATS_CHIFFRES
    yield "Par type", ["Total", *_chiffres(tableau["total"], exercice)], FORMATS_CHIFFRES
    for ligne in tableau["lignes_departement"]:
        yield "Par département", [ligne.libelle, *_chiffres(ligne, exercice)], FORMATS_CHIFFRES
    for point in tableau["evolution"]:
        yield "Évolution", [point["date"], *(point[code] for code, _ in CAPACITES)], None
    for ligne in charge["lignes"]:
        yield "Charge de travail", [ligne["libelle"], ligne["nombre"], ligne["plus_ancienne"]], None
    if charge["delai_moyen_jours"] is not None:
        yield (
            "Charge de travail",
            ["Délai moyen de décision sur 12 mois (jours)", charge["delai_moyen_jours"]],
            None,
        )
    if occupation_ is not None:
        _, par_departement, total = occupation_
        for code, chiffres in par_departement:
            yield "Occupation", _ligne_occupation(code, chiffres), FORMATS_OCCUPATION
        yield "Occupation", _ligne_occupation("Total", total), FORMATS_OCCUPATION


def ecrire_classeur(destination, tableau, charge, suivi, occupation_=None):
    """The sheets, their title lines and headers, then the rows through `suivi` (the
    background job's progress; nothing for an immediate download). `occupation_`:
    occupation_du_perimetre (None: no DN@ month imported, no « Occupation » sheet)."""
    titre = f"Capacités {tableau['axes'].libelle()} (exercice {tableau['exercice']})"
    lignes = list(_lignes(tableau, charge, occupation_))
    suivi.annoncer(len(lignes))

    classeur = Classeur()
    feuilles = {}
    for nom, avant, entete in (
        ("Par type", [titre, NOTE_AUTORISATION], ["Nature / type", *TITRES_CHIFFRES]),
        ("Par département", [titre, NOTE_AUTORISATION], ["Département", *TITRES_CHIFFRES]),
        (
            "Évolution",
            ["Places par fin de mois, d'après les dates enregistrées sur les données"],
            ["Date", *(libelle for _, libelle in CAPACITES)],
        ),
        ("Charge de travail", None, ["File", "Nombre", "Plus ancienne (jours)"]),
        *(
            [
                (
                    "Occupation",
                    [
                        f"Occupation (extrait du DN@) en {occupation_[0]:%m/%Y} : taux = places "
                        "occupées / places en service ; présence indue = personnes / places "
                        "occupées"
                    ],
                    TITRES_OCCUPATION,
                )
            ]
            if occupation_ is not None
            else []
        ),
    ):
        feuille = feuilles[nom] = classeur.feuille(nom)
        if avant:
            feuille.ligne(avant)
        feuille.entete(entete)
    # Write-only sheets take their rows in order, sheet after sheet: `_lignes` keeps that order.
    for nom, valeurs, formats in suivi.lignes(lignes):
        feuilles[nom].ligne(valeurs, formats=formats)
    classeur.enregistrer(destination)


def nom_fichier(axes):
    nom = f"pilotage-{axes.jour:%Y-%m-%d}"
    return f"{nom}-connu-au-{axes.connu_au:%Y-%m-%d}" if axes.connu_au else nom


def fichier_pilotage(user, parametres):
    """The dashboard's workbook for `user` (their perimeter on the day it is written) and the
    date of the page's query string: what the immediate download and the background job
    write (backoffice/exportations)."""
    if perimetre_du_tableau(user).vide:
        raise Introuvable
    axes, _ = lire_axes(QueryDict(parametres))

    def ecrire(destination, suivi):
        tableau = tableau_de_bord(user, axes)
        ecrire_classeur(
            destination,
            tableau,
            charge.charge_de(user),
            suivi,
            occupation_du_perimetre(user, axes),
        )

    return Fichier(nom_fichier=nom_fichier(axes), ecrire=ecrire)


def dispositifs_du_perimetre(user):
    """How many dispositifs the figures are computed from: what decides the background."""
    return filtrer(Dispositif.objects.all(), perimetre_du_tableau(user)).count()
