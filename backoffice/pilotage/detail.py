"""The rows behind a figure: the dispositifs whose contributions make it, on the same date, with
their value on that date (indicateurs.chiffres_par_dispositif), so the list sums to the figure."""

from dataclasses import dataclass

from backoffice.offre.models import Dispositif, TypeDispositif

from . import indicateurs
from .axes import Axes

# The figures a list can open, with their column title.
CHIFFRES = {
    "dispositifs": "Dispositifs",
    "autorisees": "Places autorisées",
    "financees": "Places financées",
    "conventionnees": "Places conventionnées",
    "ouvertes": "Places ouvertes",
}


@dataclass
class LigneDetail:
    dispositif: dict  # the row as read on the date (code, nom, département, type…)
    valeur: int
    existe: bool = True  # still in the base today
    departement_actuel: str = ""  # when moved to another département since

    @property
    def deplace(self):
        return bool(self.departement_actuel)


def lignes_du_chiffre(perimetre, chiffre, axes=None, departement=None, type_code=None, nature=None):
    """(lines, total): the dispositifs of the perimeter counted in `chiffre` on the same two
    axes as the figure (axes.Axes), filtered like the dashboard's row (département, type or
    nature)."""
    axes = axes or Axes()
    date = axes.jour
    if axes.du_jour:
        releve = indicateurs.releve_courant(perimetre, exercices={date.year})
    else:
        releve = indicateurs.releve_historique(date, perimetre, connu_au=axes.connu_au)
    types = None
    if type_code:
        types = {type_code}
    elif nature:
        types = set(TypeDispositif.objects.filter(nature_id=nature).values_list("code", flat=True))

    lignes = []
    for pk, chiffres in indicateurs.chiffres_par_dispositif(releve, date).items():
        valeur = getattr(chiffres, chiffre)
        d = releve.dispositifs[pk]
        if not valeur:
            continue
        if departement and d["departement_id"] != departement:
            continue
        if types is not None and d["type_id"] not in types:
            continue
        lignes.append(LigneDetail(d, valeur))

    # Rows read from history: say which were deleted or moved since (one query).
    actuels = dict(
        Dispositif.objects.filter(pk__in=[ligne.dispositif["id"] for ligne in lignes]).values_list(
            "pk", "departement_id"
        )
    )
    for ligne in lignes:
        pk = ligne.dispositif["id"]
        ligne.existe = pk in actuels
        if ligne.existe and actuels[pk] != ligne.dispositif["departement_id"]:
            ligne.departement_actuel = actuels[pk]
    lignes.sort(key=lambda ligne: (ligne.dispositif["departement_id"], ligne.dispositif["code"]))
    return lignes, sum(ligne.valeur for ligne in lignes)
