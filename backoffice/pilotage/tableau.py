"""What the dashboard shows for a user and a date: the capacities by nature and type with their
gaps, by département, the evolution chart and the workload. Views and exports read this."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from backoffice.acces.perimetres import perimetre_pour

from . import indicateurs
from .evolution import evolution

# The capacities, in the order of the procedure (authorised → funded → contracted → open).
CAPACITES = [
    ("autorisees", "Autorisées"),
    ("financees", "Financées"),
    ("conventionnees", "Conventionnées"),
    ("ouvertes", "Ouvertes"),
]
ECARTS = [
    ("ecart_financees", "Financées − autorisées"),
    ("ecart_conventionnees", "Conventionnées − autorisées"),
    ("ecart_ouvertes", "Ouvertes − financées"),
]


def perimetre_du_tableau(user):
    """The dashboard shows the offer the user may read."""
    return perimetre_pour(user, "offre.dispositif", "view")


def lire_date(valeur):
    """(date or None, French error or None) from the `date` GET parameter."""
    if not valeur:
        return None, None
    try:
        date = datetime.date.fromisoformat(valeur)
    except ValueError:
        return None, "Date invalide : utilisez le format JJ/MM/AAAA."
    if date > timezone.localdate():
        return None, "La date ne peut pas être dans le futur : chiffres du jour affichés."
    if date.year < 2000:
        return None, "Date trop ancienne : chiffres du jour affichés."
    return date, None


def url_dispositifs(date=None, **filtres):
    """The dispositif list behind a figure (filters, and the date of the capacity columns)."""
    parametres = {cle: valeur for cle, valeur in filtres.items() if valeur}
    if date and date < timezone.localdate():
        parametres["date"] = date.isoformat()
    url = reverse("dispositif:index")
    return f"{url}?{urlencode(parametres)}" if parametres else url


@dataclass
class Ligne:
    libelle: str
    chiffres: indicateurs.Chiffres
    url: str = ""
    nature: bool = False  # a subtotal row

    def alertes(self):
        """Gaps worth a look: more funded or contracted than authorised (types under
        authorisation), fewer open than funded."""
        c = self.chiffres
        alertes = set()
        if c.autorisees and c.financees > c.autorisees:
            alertes.add("financees")
        if c.autorisees and c.conventionnees > c.autorisees:
            alertes.add("conventionnees")
        if c.financees and c.ouvertes < c.financees:
            alertes.add("ouvertes")
        return alertes


def lignes_par_type(photo, date, departement=None):
    """Rows per type grouped under a subtotal per nature, in nomenclature order."""
    par_type = photo.par_type()
    lignes = []
    nature_courante, sous_total, lignes_nature = None, None, []

    def clore():
        if nature_courante is not None and lignes_nature:
            lignes.append(
                Ligne(
                    nature_courante.libelle,
                    sous_total,
                    url_dispositifs(date, nature=nature_courante.code, departement=departement),
                    nature=True,
                )
            )
            lignes.extend(lignes_nature)

    for type_ in indicateurs.types_ordonnes():
        if type_.nature != nature_courante:
            clore()
            nature_courante, sous_total, lignes_nature = type_.nature, indicateurs.Chiffres(), []
        chiffres = par_type.get(type_.code)
        if chiffres is None:
            continue
        sous_total += chiffres
        lignes_nature.append(
            Ligne(
                type_.libelle,
                chiffres,
                url_dispositifs(date, type=type_.code, departement=departement),
            )
        )
    clore()
    return lignes


def lignes_par_departement(photo, date):
    from backoffice.territoires.models import Departement

    par_departement = photo.par_departement()
    noms = dict(Departement.objects.filter(code__in=par_departement).values_list("code", "nom"))
    return [
        Ligne(f"{code} – {noms.get(code, '')}", chiffres, url_dispositifs(date, departement=code))
        for code, chiffres in sorted(par_departement.items())
    ]


def tableau_de_bord(user, date=None, departement=None, avec_evolution=True):
    perimetre = perimetre_du_tableau(user)
    photo = indicateurs.photographie(perimetre, date)
    if departement:
        photo = photo.restreinte(departement=departement)
    date_effective = photo.date
    total = photo.total()
    return {
        "perimetre": perimetre,
        "date": date_effective,
        "aujourdhui": date_effective == timezone.localdate(),
        "exercice": photo.exercice,
        "photo": photo,
        "total": Ligne("Total", total, url_dispositifs(date, departement=departement)),
        "cout_jour_place": total.cout_jour_place(photo.exercice),
        "lignes_type": lignes_par_type(photo, date, departement),
        "lignes_departement": lignes_par_departement(photo, date),
        "evolution": evolution(perimetre, timezone.localdate()) if avec_evolution else [],
        "capacites": CAPACITES,
        "ecarts": ECARTS,
    }
