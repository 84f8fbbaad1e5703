"""The rows behind a figure: the dispositifs whose contributions make it, on the same date, with
their value on that date (indicateurs.chiffres_par_dispositif), so the list sums to the figure."""

from dataclasses import dataclass

from django.utils import timezone

from backoffice.offre.models import Dispositif, TypeDispositif

from . import indicateurs

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


def lignes_du_chiffre(perimetre, chiffre, date=None, departement=None, type_code=None, nature=None):
    """(lines, total): the dispositifs of the perimeter counted in `chiffre` on `date`, filtered
    like the dashboard's row (département, type or nature)."""
    aujourdhui = timezone.localdate()
    date = date or aujourdhui
    if date >= aujourdhui:
        releve = indicateurs.releve_courant(perimetre, exercices={date.year})
    else:
        releve = indicateurs.releve_historique(date, perimetre)
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
