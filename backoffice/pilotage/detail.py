"""The rows behind a figure: the dispositifs whose contributions make it, on the same date, with
their value on that date (indicateurs.chiffres_par_dispositif), so the list sums to the figure."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

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
    tardifs: list = field(default_factory=list)  # records made after the date, that count on it

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
    if not axes.du_jour:
        tardifs = enregistrements_tardifs(releve, chiffre)
        for ligne in lignes:
            ligne.tardifs = tardifs.get(ligne.dispositif["id"], [])

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


def _jour(instant):
    return f"{timezone.localtime(instant):%d/%m/%Y}"


def enregistrements_tardifs(releve, chiffre):
    """{dispositif id: [sentence]}: the rows behind `chiffre` recorded after the end of the
    relevé's day that count on it (`enregistre_le`, set by bitemporel.etats_au): a late avenant,
    résiliation, closure or financing line, « enregistré le … avec effet au … » where the row
    has its own date."""
    notes = defaultdict(list)

    def tardif(row):
        return row.get("enregistre_le") is not None

    if chiffre in ("dispositifs", "autorisees", "ouvertes"):
        for pk, d in releve.dispositifs.items():
            if tardif(d):
                notes[pk].append(f"fiche du dispositif enregistrée le {_jour(d['enregistre_le'])}")
    if chiffre == "ouvertes":
        for g in releve.groupes:
            if tardif(g):
                notes[g["dispositif_id"]].append(
                    f"groupe de places enregistré le {_jour(g['enregistre_le'])}"
                )
    if chiffre == "financees":
        for f in releve.financements:
            if tardif(f):
                notes[f["dispositif_id"]].append(
                    f"ligne de financement {f['exercice']} enregistrée le "
                    f"{_jour(f['enregistre_le'])}"
                )
    if chiffre == "conventionnees":
        for ligne in releve.lignes:
            if tardif(ligne):
                effet = ligne.get("effet_le")
                texte = f"places conventionnées enregistrées le {_jour(ligne['enregistre_le'])}"
                if effet:
                    texte += f" avec effet au {effet:%d/%m/%Y}"
                notes[ligne["dispositif_id"]].append(texte)
            enregistree = releve.conventions_enregistrees.get(ligne["convention_id"])
            if enregistree:
                convention = releve.conventions[ligne["convention_id"]]
                texte = f"convention modifiée le {_jour(enregistree)}"
                resiliation = convention["date_resiliation"]
                if resiliation:
                    texte += f" (résiliation avec effet au {resiliation:%d/%m/%Y})"
                notes[ligne["dispositif_id"]].append(texte)
    return notes
