"""The coverage of a control programme: planned against done, by type, and the share of the
département's open dispositifs it reaches (the Cour des comptes found control of accommodation
operators limited: the programme's page makes its coverage visible). Four queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from backoffice.offre.models import Dispositif

from .choix import ETATS_REALISES, E, TypeControle
from .models import Controle


def q_prevus(prefixe=""):
    return ~Q(**{f"{prefixe}etat": E.ANNULE})


def q_realises(prefixe=""):
    return Q(**{f"{prefixe}etat__in": ETATS_REALISES})


@dataclass
class Couverture:
    prevus: int = 0
    realises: int = 0
    clos: int = 0
    annules: int = 0
    par_type: list = field(default_factory=list)  # [(label, prévus, réalisés)]
    dispositifs_ouverts: int = 0
    dispositifs_controles: int = 0
    hors_programme: int = 0

    @property
    def taux_realisation(self):
        return self.realises / self.prevus if self.prevus else None

    @property
    def taux_couverture(self):
        if not self.dispositifs_ouverts:
            return None
        return self.dispositifs_controles / self.dispositifs_ouverts


def pourcentage(taux):
    if taux is None:
        return "—"
    return f"{taux * 100:.0f}\u00a0%"


def couverture(programme, aujourdhui=None):
    aujourdhui = aujourdhui or timezone.localdate()
    resultat = Couverture()
    lignes = (
        programme.controles.order_by()
        .values("type_controle")
        .annotate(
            prevus=Count("pk", filter=q_prevus()),
            realises=Count("pk", filter=q_realises()),
            clos=Count("pk", filter=Q(etat=E.CLOS)),
            annules=Count("pk", filter=Q(etat=E.ANNULE)),
        )
    )
    par_type = {ligne["type_controle"]: ligne for ligne in lignes}
    for code, libelle in TypeControle.choices:
        ligne = par_type.get(code)
        if ligne is None:
            continue
        resultat.prevus += ligne["prevus"]
        resultat.realises += ligne["realises"]
        resultat.clos += ligne["clos"]
        resultat.annules += ligne["annules"]
        resultat.par_type.append((libelle, ligne["prevus"], ligne["realises"]))
    resultat.dispositifs_ouverts = (
        Dispositif.objects.ouverts(aujourdhui)
        .filter(departement_id=programme.departement_id)
        .count()
    )
    resultat.dispositifs_controles = (
        programme.controles.filter(q_realises()).values("dispositif_id").distinct().count()
    )
    resultat.hors_programme = Controle.objects.filter(
        q_prevus(),
        departement_id=programme.departement_id,
        programme__isnull=True,
        cree_le__year=programme.annee,
    ).count()
    return resultat
