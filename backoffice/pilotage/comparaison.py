"""Compare two dates for a perimeter: what changed between D1 and D2, dispositif by dispositif
(opened, closed, places ±, financing ±, convention changes, moved, deleted), both read on the same
« connu au » axis. Each side is the photograph's own per-dispositif figures
(indicateurs.chiffres_par_dispositif), so the rows' variations add up exactly to the difference of
the two photographs' totals: the comparison reconciles the two snapshots by construction."""

from dataclasses import dataclass

from django.utils import timezone

from backoffice.collecte import sans_collecte

from . import indicateurs
from .indicateurs import CAPACITES, Chiffres

CHAMPS = ("dispositifs", *CAPACITES)
LIBELLES = {
    "autorisees": "autorisées",
    "financees": "financées",
    "conventionnees": "conventionnées",
    "ouvertes": "ouvertes",
}


@dataclass
class Variation:
    dispositif: dict  # the row on D2 (on D1 when it no longer counts on D2)
    avant: Chiffres
    apres: Chiffres
    departement_avant: str | None
    departement_apres: str | None
    supprime: bool = False

    def ecart(self, champ):
        return getattr(self.apres, champ) - getattr(self.avant, champ)

    @property
    def cases(self):
        """(on D1, on D2, variation) of each figure, for the page."""
        return [(getattr(self.avant, c), getattr(self.apres, c), self.ecart(c)) for c in CHAMPS]

    @property
    def mouvements(self):
        """What happened, in words, most telling first."""
        mots = []
        avant, apres = self.departement_avant, self.departement_apres
        if avant and apres and avant != apres:
            mots.append(f"transféré du {avant} au {apres}")
        elif self.supprime:
            mots.append("supprimé")
        elif self.ecart("dispositifs") > 0:
            mots.append("nouveau" if avant is None else "rouvert")
        elif self.ecart("dispositifs") < 0:
            mots.append("fermé" if apres else "sorti du périmètre")
        for champ in CAPACITES:
            ecart = self.ecart(champ)
            if ecart:
                mots.append(f"{LIBELLES[champ]} {ecart:+d}".replace("-", "−"))
        return ", ".join(mots)


@dataclass
class Comparaison:
    du: object  # date D1
    au: object  # date D2
    connu_au: object
    variations: list
    total_avant: Chiffres
    total_apres: Chiffres

    def ecart_total(self, champ):
        return getattr(self.total_apres, champ) - getattr(self.total_avant, champ)

    @property
    def cases_total(self):
        return [
            (getattr(self.total_avant, c), getattr(self.total_apres, c), self.ecart_total(c))
            for c in CHAMPS
        ]


def _releve(perimetre, date, connu_au):
    if indicateurs.lecture_du_jour(date, connu_au):
        return indicateurs.releve_courant(perimetre, exercices={date.year})
    return indicateurs.releve_historique(date, perimetre, connu_au=connu_au)


@sans_collecte()
def comparer(perimetre, du, au, connu_au=None):
    """The dispositifs whose figures, département or existence differ between `du` and `au`."""
    aujourdhui = timezone.localdate()
    du, au = min(du, aujourdhui), min(au, aujourdhui)
    releve_avant = _releve(perimetre, du, connu_au)
    releve_apres = _releve(perimetre, au, connu_au)
    avant = indicateurs.chiffres_par_dispositif(releve_avant, du)
    apres = indicateurs.chiffres_par_dispositif(releve_apres, au)
    # The dispositifs seen on one side only: where were they on the other? (one read each)
    seuls_avant = [pk for pk in avant if pk not in apres]
    seuls_apres = [pk for pk in apres if pk not in avant]
    ailleurs_apres = (
        indicateurs.releve_historique(au, None, seuls_avant, connu_au).dispositifs
        if seuls_avant
        else {}
    )
    ailleurs_avant = (
        indicateurs.releve_historique(du, None, seuls_apres, connu_au).dispositifs
        if seuls_apres
        else {}
    )

    variations = []
    vide = Chiffres()
    for pk in sorted(set(avant) | set(apres)):
        ligne_avant = releve_avant.dispositifs.get(pk) or ailleurs_avant.get(pk)
        ligne_apres = releve_apres.dispositifs.get(pk) or ailleurs_apres.get(pk)
        variation = Variation(
            dispositif=ligne_apres or ligne_avant,
            avant=avant.get(pk, vide),
            apres=apres.get(pk, vide),
            departement_avant=ligne_avant["departement_id"] if ligne_avant else None,
            departement_apres=ligne_apres["departement_id"] if ligne_apres else None,
            supprime=ligne_apres is None,
        )
        change = any(variation.ecart(champ) for champ in CHAMPS)
        if change or variation.departement_avant != variation.departement_apres:
            variations.append(variation)
    variations.sort(key=lambda v: (v.dispositif["departement_id"], v.dispositif["code"]))
    return Comparaison(
        du=du,
        au=au,
        connu_au=connu_au,
        variations=variations,
        total_avant=Chiffres.somme(avant.values()),
        total_apres=Chiffres.somme(apres.values()),
    )


# (figure, column title) of the page and the export.
COLONNES = [("dispositifs", "Dispositifs"), *((c, f"Places {LIBELLES[c]}") for c in CAPACITES)]


def entetes(comparaison):
    du, au = f"{comparaison.du:%d/%m/%Y}", f"{comparaison.au:%d/%m/%Y}"
    colonnes = ["Code", "Nom", "Département au " + du, "Département au " + au, "Mouvements"]
    for _champ, libelle in COLONNES:
        colonnes += [f"{libelle} au {du}", f"{libelle} au {au}", f"{libelle} : écart"]
    return colonnes


def lignes(comparaison):
    """The rows of the export, then the total row (equal to the two photographs)."""
    for v in comparaison.variations:
        valeurs = [
            v.dispositif["code"],
            v.dispositif["nom"],
            v.departement_avant or "",
            v.departement_apres or "",
            v.mouvements,
        ]
        for champ in CHAMPS:
            valeurs += [getattr(v.avant, champ), getattr(v.apres, champ), v.ecart(champ)]
        yield valeurs
    total = ["Total du périmètre", "", "", "", ""]
    for champ in CHAMPS:
        total += [
            getattr(comparaison.total_avant, champ),
            getattr(comparaison.total_apres, champ),
            comparaison.ecart_total(champ),
        ]
    yield total
