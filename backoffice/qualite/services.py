"""Data-quality services: recomputing the anomalies of a scope, justifying them, and the small
API the dashboards and the dispositif page use (`compter_par_departement`, `url_liste`,
`anomalies_ouvertes`)."""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models.query import QuerySet
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.grammaire import compter
from backoffice.offre.models import Dispositif

from .models import Anomalie, Regle, Severite
from .regles import constater

logger = logging.getLogger(__name__)

ACTION_JUSTIFICATION = "qualite.justification"
ACTION_RETRAIT_JUSTIFICATION = "qualite.retrait_justification"

# Above this many dispositif ids, a scope is computed in slices (an SQL `IN` list stays short;
# SQLite caps the number of parameters of a query).
TAILLE_LOT = 1000
TAILLE_LOT_ECRITURE = 500


@dataclass
class Bilan:
    nouvelles: int = 0
    rouvertes: int = 0
    resolues: int = 0
    ouvertes: int = 0

    def __add__(self, autre):
        return Bilan(
            self.nouvelles + autre.nouvelles,
            self.rouvertes + autre.rouvertes,
            self.resolues + autre.resolues,
            self.ouvertes + autre.ouvertes,
        )

    def __str__(self):
        return (
            f"{compter(self.nouvelles, 'nouvelle', 'nouvelles')}, "
            f"{compter(self.rouvertes, 'rouverte', 'rouvertes')}, "
            f"{compter(self.resolues, 'résolue', 'résolues')}, "
            f"{compter(self.ouvertes, 'ouverte', 'ouvertes')}"
        )

    def en_dict(self):
        return {
            "nouvelles": self.nouvelles,
            "rouvertes": self.rouvertes,
            "resolues": self.resolues,
            "ouvertes": self.ouvertes,
        }


# ---------------------------------------------------------------------------------------------
# Recomputation
# ---------------------------------------------------------------------------------------------


def _tranches(valeurs, taille):
    valeurs = list(valeurs)
    for debut in range(0, len(valeurs), taille):
        yield valeurs[debut : debut + taille]


def recalculer(dispositifs=None, departements=None, aujourdhui=None):
    """Recompute the anomalies of a scope in one transaction and return a `Bilan`.

    `dispositifs`: None (all), a queryset of dispositifs, or an iterable of dispositifs or ids;
    `departements`: None (all) or codes. Both given: their intersection. New findings create
    anomalies, found ones are refreshed (`vue_le`, message), resolved ones found again are
    reopened (justification cleared), open ones no longer found are resolved. The number of
    queries does not depend on the number of dispositifs (up to TAILLE_LOT ids at a time)."""
    aujourdhui = aujourdhui or timezone.localdate()
    base = Dispositif.objects.all()
    anomalies = Anomalie.objects.all()
    if departements is not None:
        codes = [str(code) for code in departements]
        base = base.filter(departement_id__in=codes)
        anomalies = anomalies.filter(dispositif__departement_id__in=codes)
    with transaction.atomic():
        if dispositifs is None:
            return _recalculer(base, anomalies, aujourdhui)
        if isinstance(dispositifs, QuerySet):
            ids = dispositifs.values("pk")
            return _recalculer(
                base.filter(pk__in=ids), anomalies.filter(dispositif_id__in=ids), aujourdhui
            )
        bilan = Bilan()
        ids = sorted({getattr(d, "pk", d) for d in dispositifs})
        for tranche in _tranches(ids, TAILLE_LOT):
            bilan += _recalculer(
                base.filter(pk__in=tranche),
                anomalies.filter(dispositif_id__in=tranche),
                aujourdhui,
            )
        return bilan


def _recalculer(dispositifs, anomalies, aujourdhui):
    maintenant = timezone.now()
    constats = {constat.cle: constat for constat in constater(dispositifs, aujourdhui)}
    bilan = Bilan(ouvertes=len(constats))
    a_resoudre, a_rouvrir, a_rafraichir = [], [], []
    for anomalie in anomalies.order_by():
        constat = constats.pop(anomalie.cle, None)
        if constat is None:
            if anomalie.resolue_le is None:
                a_resoudre.append(anomalie.pk)
            continue
        modifiee = False
        for champ, valeur in (
            ("message", constat.message[:500]),
            ("severite", constat.severite),
            ("departement_id", constat.departement_id),
            ("convention_id", constat.convention_id),
        ):
            if getattr(anomalie, champ) != valeur:
                setattr(anomalie, champ, valeur)
                modifiee = True
        anomalie.vue_le = maintenant
        if anomalie.resolue_le is not None:
            # Found again: the situation changed since any justification was given.
            anomalie.resolue_le = None
            anomalie.justification = ""
            anomalie.justifiee_par = None
            anomalie.justifiee_le = None
            anomalie.detectee_le = maintenant
            a_rouvrir.append(anomalie)
        elif modifiee:
            a_rafraichir.append(anomalie)
    for tranche in _tranches(a_resoudre, TAILLE_LOT_ECRITURE):
        Anomalie.objects.filter(pk__in=tranche).update(resolue_le=maintenant)
    bilan.resolues = len(a_resoudre)
    bilan.rouvertes = len(a_rouvrir)
    champs_constat = ["message", "severite", "departement_id", "convention_id", "vue_le"]
    if a_rafraichir:
        # Never the justification fields here: one given since this computation read the rows
        # must not be overwritten by the values it read.
        Anomalie.objects.bulk_update(a_rafraichir, champs_constat, batch_size=TAILLE_LOT_ECRITURE)
    if a_rouvrir:
        Anomalie.objects.bulk_update(
            a_rouvrir,
            [
                *champs_constat,
                "resolue_le",
                "justification",
                "justifiee_par",
                "justifiee_le",
                "detectee_le",
            ],
            batch_size=TAILLE_LOT_ECRITURE,
        )
    # Every open anomaly of the scope left is one found now.
    anomalies.filter(resolue_le__isnull=True).update(vue_le=maintenant)
    nouvelles = [
        Anomalie(
            regle=constat.regle,
            severite=constat.severite,
            departement_id=constat.departement_id,
            dispositif_id=constat.dispositif_id,
            convention_id=constat.convention_id,
            cle=cle,
            message=constat.message[:500],
            detectee_le=maintenant,
            vue_le=maintenant,
        )
        for cle, constat in constats.items()
    ]
    # ignore_conflicts: a concurrent recomputation of the same dispositif may have created the
    # same anomaly (same key) meanwhile; it is the same finding.
    Anomalie.objects.bulk_create(nouvelles, batch_size=TAILLE_LOT_ECRITURE, ignore_conflicts=True)
    bilan.nouvelles = len(nouvelles)
    return bilan


# ---------------------------------------------------------------------------------------------
# Justification
# ---------------------------------------------------------------------------------------------


def _verrouiller(anomalie):
    return Anomalie.objects.select_for_update().get(pk=anomalie.pk)


def justifier(anomalie, user, commentaire):
    """Accept an open anomaly with a comment (who, when recorded and logged). Raises
    ValidationError (French) when the comment is missing or the anomaly is resolved."""
    commentaire = (commentaire or "").strip()
    if not commentaire:
        raise ValidationError("Indiquez pourquoi cette anomalie est acceptée.")
    with transaction.atomic():
        anomalie = _verrouiller(anomalie)
        if anomalie.resolue_le is not None:
            raise ValidationError("Cette anomalie est résolue : il n'y a plus rien à justifier.")
        anomalie.justification = commentaire
        anomalie.justifiee_par = user
        anomalie.justifiee_le = timezone.now()
        anomalie.save(update_fields=["justification", "justifiee_par", "justifiee_le"])
        log(
            instance=anomalie,
            action=ACTION_JUSTIFICATION,
            user=user,
            title=str(anomalie)[:255],
            data={"commentaire": commentaire},
        )
    return anomalie


def retirer_justification(anomalie, user):
    with transaction.atomic():
        anomalie = _verrouiller(anomalie)
        if anomalie.justifiee_le is None:
            raise ValidationError("Cette anomalie n'est pas justifiée.")
        ancienne = anomalie.justification
        anomalie.justification = ""
        anomalie.justifiee_par = None
        anomalie.justifiee_le = None
        anomalie.save(update_fields=["justification", "justifiee_par", "justifiee_le"])
        log(
            instance=anomalie,
            action=ACTION_RETRAIT_JUSTIFICATION,
            user=user,
            title=str(anomalie)[:255],
            data={"ancienne_justification": ancienne},
        )
    return anomalie


# ---------------------------------------------------------------------------------------------
# API for the dispositif page and the dashboards
# ---------------------------------------------------------------------------------------------


def anomalies_ouvertes(dispositif, user=None):
    """Open anomalies (justified ones included) of a dispositif, most serious first; limited
    to what `user` may see when given."""
    anomalies = (
        Anomalie.objects.ouvertes()
        .filter(dispositif=dispositif)
        .select_related("convention", "justifiee_par")
    )
    if user is not None:
        anomalies = policy_for(Anomalie).filtrer(anomalies, user, ("view",))
    return sorted(anomalies, key=lambda a: (a.rang_severite, a.regle))


def compter_par_departement(perimetre):
    """{code département: {"haute": n, "moyenne": n, "basse": n, "total": n}} of the open,
    non-justified anomalies of a perimeter (one query). Every département of the perimeter is
    present (zeros included); for a national or an entité perimeter, the départements that
    have anomalies."""
    resultat = {
        code: {**dict.fromkeys(Severite.values, 0), "total": 0}
        for code in sorted(perimetre.departements)
    }
    lignes = (
        perimetres.filtrer(Anomalie.objects.a_traiter(), perimetre)
        .order_by()
        .values("departement_id", "severite")
        .annotate(nombre=Count("pk"))
    )
    for ligne in lignes:
        compte = resultat.setdefault(
            ligne["departement_id"], {**dict.fromkeys(Severite.values, 0), "total": 0}
        )
        compte[ligne["severite"]] += ligne["nombre"]
        compte["total"] += ligne["nombre"]
    return resultat


FILTRES_LISTE = {"departement", "regle", "severite", "etat", "dispositif", "q"}


def url_liste(**filtres):
    """URL of the anomalies list with filters: departement="44", regle=Regle.X,
    severite="haute", etat="ouverte"|"justifiee"|"resolue"|"toutes" (default: open and
    justified), dispositif=<id>, q=<text>."""
    inconnus = set(filtres) - FILTRES_LISTE
    if inconnus:
        raise ValueError(f"Filtres inconnus : {', '.join(sorted(inconnus))}")
    valeurs = {
        cle: str(valeur.value if hasattr(valeur, "value") else valeur)
        for cle, valeur in filtres.items()
        if valeur not in (None, "")
    }
    url = reverse("anomalie:index")
    return f"{url}?{urlencode(valeurs)}" if valeurs else url


__all__ = [
    "Bilan",
    "Regle",
    "Severite",
    "anomalies_ouvertes",
    "compter_par_departement",
    "justifier",
    "recalculer",
    "retirer_justification",
    "url_liste",
]
