"""What the dashboard shows for a user and a date: the capacities by nature and type with their
gaps, by département, the evolution chart and the workload. Views and exports read this."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from backoffice.acces.perimetres import perimetre_pour
from backoffice.territoires.models import Departement

from . import indicateurs
from .axes import Axes
from .evolution import evolution
from .memoire import memorise, version_des_donnees

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


def url_dispositifs(axes=None, **filtres):
    """The dispositif list behind a figure (filters, and the date of the capacity columns)."""
    parametres = {cle: valeur for cle, valeur in filtres.items() if valeur}
    if axes:
        parametres.update(axes.parametres())
    url = reverse("dispositif:index")
    return f"{url}?{urlencode(parametres)}" if parametres else url


def url_detail(chiffre, axes=None, **filtres):
    """The list of the rows that make a figure (detail.lignes_du_chiffre), on the same axes."""
    parametres = {"chiffre": chiffre, **{cle: valeur for cle, valeur in filtres.items() if valeur}}
    if axes:
        parametres.update(axes.parametres())
    return f"{reverse('pilotage_detail')}?{urlencode(parametres)}"


@dataclass
class Ligne:
    """One row of figures. `autorisation`: the figures of its types under authorisation only
    (None when it has none): the authorised capacity and the gaps against it are read there, so
    a subtotal never compares the funded places of a HUDA with the authorised ones of a CADA."""

    libelle: str
    chiffres: indicateurs.Chiffres
    url: str = ""
    nature: bool = False  # a subtotal row
    autorisation: indicateurs.Chiffres | None = None
    code: str = ""  # the type's code, for a type row
    axes: Axes | None = None  # the dates asked (None: today as known now), for the links
    filtres: dict | None = None  # what the row counts (département, type, nature)

    def url_de(self, chiffre):
        return url_detail(chiffre, self.axes, **(self.filtres or {}))

    @property
    def url_dispositifs(self):
        return self.url_de("dispositifs")

    @property
    def cases(self):
        """(code, value, link to its rows) of the capacities, for the templates."""
        return [(code, valeur, self.url_de(code)) for code, valeur in self.capacites]

    @property
    def autorisees(self):
        return self.autorisation.autorisees if self.autorisation else None

    # The gaps administrators act on (positive = more than the reference capacity); None where
    # there is no reference.
    @property
    def ecart_financees(self):
        a = self.autorisation
        return a.financees - a.autorisees if a else None

    @property
    def ecart_conventionnees(self):
        a = self.autorisation
        return a.conventionnees - a.autorisees if a else None

    @property
    def ecart_ouvertes(self):
        return self.chiffres.ouvertes - self.chiffres.financees

    def valeur(self, code):
        """A capacity or a gap by its code (CAPACITES, ECARTS), None when meaningless."""
        if code == "autorisees" or code.startswith("ecart_"):
            return getattr(self, code)
        return getattr(self.chiffres, code)

    @property
    def capacites(self):
        return [(code, self.valeur(code)) for code, _ in CAPACITES]

    @property
    def ecarts(self):
        return [(code, self.valeur(code)) for code, _ in ECARTS]

    def alertes(self):
        """Gaps worth a look: more funded or contracted than authorised (types under
        authorisation with an authorised capacity), fewer open than funded."""
        alertes = set()
        a, c = self.autorisation, self.chiffres
        if a and a.autorisees and a.financees > a.autorisees:
            alertes.add("financees")
        if a and a.autorisees and a.conventionnees > a.autorisees:
            alertes.add("conventionnees")
        if c.financees and c.ouvertes < c.financees:
            alertes.add("ouvertes")
        return alertes


def _somme(chiffres):
    return sum(chiffres, indicateurs.Chiffres())


def lignes_par_type(photo, axes, types, departement=None):
    """Rows per type grouped under a subtotal per nature, in nomenclature order."""
    par_type = photo.par_type()
    lignes = []
    nature_courante, lignes_nature = None, []

    def clore():
        if nature_courante is None or not lignes_nature:
            return
        autorisees = [ligne.autorisation for ligne in lignes_nature if ligne.autorisation]
        lignes.append(
            Ligne(
                nature_courante.libelle,
                _somme(ligne.chiffres for ligne in lignes_nature),
                url_dispositifs(axes, nature=nature_courante.code, departement=departement),
                nature=True,
                autorisation=_somme(autorisees) if autorisees else None,
                axes=axes,
                filtres={"nature": nature_courante.code, "departement": departement},
            )
        )
        lignes.extend(lignes_nature)

    for type_ in types:
        if type_.nature != nature_courante:
            clore()
            nature_courante, lignes_nature = type_.nature, []
        chiffres = par_type.get(type_.code)
        if chiffres is None:
            continue
        lignes_nature.append(
            Ligne(
                type_.libelle,
                chiffres,
                url_dispositifs(axes, type=type_.code, departement=departement),
                autorisation=chiffres if indicateurs.sous_autorisation(type_) else None,
                code=type_.code,
                axes=axes,
                filtres={"type": type_.code, "departement": departement},
            )
        )
    clore()
    return lignes


def _autorisation(photo, codes_autorises):
    """{département: Chiffres of the types under authorisation} of a photograph."""
    return photo.restreinte(types=codes_autorises).par_departement()


def lignes_par_departement(photo, axes, codes_autorises):
    par_departement = photo.par_departement()
    autorisation = _autorisation(photo, codes_autorises)
    noms = dict(Departement.objects.filter(code__in=par_departement).values_list("code", "nom"))
    return [
        Ligne(
            f"{code} – {noms.get(code, '')}",
            chiffres,
            url_dispositifs(axes, departement=code),
            autorisation=autorisation.get(code),
            code=code,
            axes=axes,
            filtres={"departement": code},
        )
        for code, chiffres in sorted(par_departement.items())
    ]


def tableau_de_bord(user, axes=None, departement=None, avec_evolution=True):
    """Every figure of the dashboard for `axes` (None: today as known now)."""
    axes = axes or Axes()
    perimetre = perimetre_du_tableau(user)
    aujourdhui = timezone.localdate()
    version = version_des_donnees()  # read once: the photograph and the chart share it
    photo = memorise(
        "photographie",
        perimetre,
        axes.cle(),
        lambda: indicateurs.photographie(perimetre, axes.date, axes.connu_au),
        version,
    )
    if departement:
        photo = photo.restreinte(departement=departement)
    date_effective = photo.date
    total = photo.total()
    types = indicateurs.types_ordonnes()
    codes_autorises = {t.code for t in types if indicateurs.sous_autorisation(t)}
    autorisees = photo.restreinte(types=codes_autorises)
    return {
        "perimetre": perimetre,
        "date": date_effective,
        "axes": axes,
        "aujourdhui": axes.du_jour,
        "exercice": photo.exercice,
        "photo": photo,
        "total": Ligne(
            "Total",
            total,
            url_dispositifs(axes, departement=departement),
            autorisation=autorisees.total() if autorisees.lignes else None,
            axes=axes,
            filtres={"departement": departement},
        ),
        "cout_jour_place": total.cout_jour_place(photo.exercice),
        "lignes_type": lignes_par_type(photo, axes, types, departement),
        "lignes_departement": lignes_par_departement(photo, axes, codes_autorises),
        "types_sous_autorisation": [t for t in types if t.code in codes_autorises],
        "evolution": (
            evolution(perimetre, aujourdhui, version, axes.connu_au) if avec_evolution else []
        ),
        "capacites": CAPACITES,
        "ecarts": ECARTS,
    }
