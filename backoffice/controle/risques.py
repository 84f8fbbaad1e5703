"""The yearly programme proposed from risk: every open dispositif of the département is scored
on what the base already knows, and the highest scores become controls in state `programme`,
each with its reasons in words. The DDETS then adds and removes controls by hand.

The criteria and their weight (docs: NOTES.md of this app):
- occupancy below the convention's target three months running (DN@,
  `occupation.indicateurs.sous_la_cible_depuis`): 3;
- présence indue above its target in the latest month imported: 2;
- data-quality anomalies still to handle (`qualite.Anomalie`): 1 each, 2 for a high severity,
  at most 3;
- convention covering it ending within 6 months (`Convention.objects.se_terminant`): 1;
- never controlled, or not for `CONTROLE_ANNEES_SANS` years (5 by default): 2.
A dispositif with a control under way (or already in the programme) is not proposed again.

A fixed number of queries whatever the number of dispositifs (tests/controle/test_requetes.py);
the controls proposed (at most `nombre`) are created one by one, each with its timeline entry.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from backoffice.acces.perimetres import Perimetre
from backoffice.conventions.models import Convention, LigneConvention, ajouter_annees
from backoffice.occupation import indicateurs as occupation
from backoffice.offre.models import Dispositif
from backoffice.qualite.models import Anomalie, Regle, Severite
from workflows.services import journaliser_creation

from .choix import ANNEES_SANS_CONTROLE, ETATS_EN_COURS, TAILLE_PROGRAMME, Theme, TypeControle
from .models import Controle

POIDS_OCCUPATION = 3
POIDS_PRESENCE_INDUE = 2
POIDS_ANOMALIES_MAX = 3
POIDS_CONVENTION = 1
POIDS_SANS_CONTROLE = 2


def annees_sans_controle():
    return int(getattr(settings, "CONTROLE_ANNEES_SANS", ANNEES_SANS_CONTROLE))


def taille_programme():
    return int(getattr(settings, "CONTROLE_PROGRAMME_TAILLE", TAILLE_PROGRAMME))


@dataclass
class Risque:
    dispositif: Dispositif
    score: int = 0
    motifs: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    anomalie_occupation: int | None = None

    def ajouter(self, points, motif, theme):
        self.score += points
        self.motifs.append(motif)
        if theme not in self.themes:
            self.themes.append(theme)


def _mois(date):
    return f"{date:%m/%Y}"


def _pourcentage(taux):
    return occupation.pourcentage(taux)


def evaluer(departement_code, aujourdhui=None, exclure_programme=None):
    """[Risque] of every open dispositif of the département with a score above zero and no
    control under way (nor already in `exclure_programme`), highest score first."""
    aujourdhui = aujourdhui or timezone.localdate()
    dispositifs = list(
        Dispositif.objects.ouverts(aujourdhui)
        .filter(departement_id=departement_code)
        .select_related("entite", "type")
        .order_by("code")
    )
    risques = {d.pk: Risque(d) for d in dispositifs}
    ids = list(risques)
    if not ids:
        return []
    _occupation(risques, departement_code, ids)
    _anomalies(risques, ids)
    _conventions(risques, ids, aujourdhui)
    _derniers_controles(risques, ids, aujourdhui)
    occupes = Q(etat__in=ETATS_EN_COURS)
    if exclure_programme is not None:
        occupes |= Q(programme=exclure_programme)
    exclus = set(
        Controle.objects.filter(occupes, dispositif_id__in=ids).values_list(
            "dispositif_id", flat=True
        )
    )
    retenus = [r for pk, r in risques.items() if r.score > 0 and pk not in exclus]
    return sorted(retenus, key=lambda r: (-r.score, r.dispositif.code))


def _occupation(risques, departement_code, ids):
    perimetre = Perimetre(departements=frozenset({departement_code}))
    dernier = occupation.dernier_mois(perimetre)
    if dernier is None:
        return
    sous = occupation.sous_la_cible_depuis(perimetre, dernier, dispositifs=ids)
    for pk, (mois, objectif) in sous.items():
        risques[pk].ajouter(
            POIDS_OCCUPATION,
            f"Occupation sous l'objectif de {_pourcentage(objectif.cibles.occupation)} "
            f"{len(mois)} mois de suite (de {_mois(mois[0])} à {_mois(mois[-1])}, "
            f"convention {objectif.convention_numero}).",
            Theme.CONVENTION,
        )
    par_dispositif = occupation.chiffres(perimetre, dernier, par="dispositif")
    objectifs = occupation.objectifs(dernier, ids)
    for pk, chiffres in par_dispositif.items():
        objectif = objectifs.get(pk)
        if pk not in risques or objectif is None:
            continue
        manques = chiffres.hors_cible(objectif.cibles) & {"refugies", "deboutes"}
        if not manques:
            continue
        details = []
        if "refugies" in manques:
            details.append(
                f"réfugiés {_pourcentage(chiffres.taux_refugies)} pour moins de "
                f"{_pourcentage(objectif.cibles.refugies)}"
            )
        if "deboutes" in manques:
            details.append(
                f"déboutés {_pourcentage(chiffres.taux_deboutes)} pour moins de "
                f"{_pourcentage(objectif.cibles.deboutes)}"
            )
        risques[pk].ajouter(
            POIDS_PRESENCE_INDUE,
            f"Présence indue au-dessus de l'objectif en {_mois(dernier)} : {' ; '.join(details)}.",
            Theme.CONVENTION,
        )


def _anomalies(risques, ids):
    lignes = (
        Anomalie.objects.a_traiter()
        .filter(dispositif_id__in=ids)
        .order_by("dispositif_id", "pk")
        .values_list("dispositif_id", "pk", "regle", "severite")
    )
    par_dispositif = {}
    for dispositif_id, pk, regle, severite in lignes:
        par_dispositif.setdefault(dispositif_id, []).append((pk, regle, severite))
        if regle == Regle.OCCUPATION_SOUS_CIBLE:
            risques[dispositif_id].anomalie_occupation = pk
    for dispositif_id, anomalies in par_dispositif.items():
        hautes = sum(1 for _, _, s in anomalies if s == Severite.HAUTE)
        points = min(POIDS_ANOMALIES_MAX, len(anomalies) + hautes)
        nombre = len(anomalies)
        texte = f"{nombre} anomalie{'s' if nombre > 1 else ''} de données à traiter"
        if hautes:
            texte += f" (dont {hautes} de sévérité haute)"
        risques[dispositif_id].ajouter(points, f"{texte}.", Theme.FINANCIER)


def _conventions(risques, ids, aujourdhui):
    lignes = (
        LigneConvention.objects.filter(
            dispositif_id__in=ids,
            convention__in=Convention.objects.se_terminant(aujourdhui, 6),
        )
        .order_by("dispositif_id", "convention__date_fin")
        .values_list("dispositif_id", "convention__numero", "convention__date_fin")
    )
    vus = set()
    for dispositif_id, numero, date_fin in lignes:
        if dispositif_id in vus:
            continue
        vus.add(dispositif_id)
        risques[dispositif_id].ajouter(
            POIDS_CONVENTION,
            f"Convention {numero} se terminant le {date_fin:%d/%m/%Y} : un contrôle éclaire "
            "son renouvellement.",
            Theme.CONVENTION,
        )


def _derniers_controles(risques, ids, aujourdhui):
    annees = annees_sans_controle()
    limite = ajouter_annees(aujourdhui, -annees)
    derniers = dict(
        Controle.objects.filter(dispositif_id__in=ids, date_realisation__isnull=False)
        .values("dispositif_id")
        .annotate(dernier=Max("date_realisation"))
        .values_list("dispositif_id", "dernier")
    )
    for pk, risque in risques.items():
        dernier = derniers.get(pk)
        if dernier is None:
            risque.ajouter(POIDS_SANS_CONTROLE, "Jamais contrôlé.", Theme.ACCOMPAGNEMENT)
        elif dernier < limite:
            risque.ajouter(
                POIDS_SANS_CONTROLE,
                f"Dernier contrôle le {dernier:%d/%m/%Y}, il y a plus de {annees} ans.",
                Theme.ACCOMPAGNEMENT,
            )


def proposer(programme, acteur, nombre=None, aujourdhui=None):
    """Create, in the programme, the controls of the `nombre` riskiest dispositifs of its
    département not yet in it and without a control under way; returns them (highest score
    first). Each is `programme`, on site, with its reasons in words; the DDETS dates it and
    names its inspectors before preparing it."""
    aujourdhui = aujourdhui or timezone.localdate()
    nombre = taille_programme() if nombre is None else nombre
    risques = evaluer(programme.departement_id, aujourdhui, exclure_programme=programme)[:nombre]
    crees = []
    annee = programme.annee
    with transaction.atomic():
        for risque in risques:
            dispositif = risque.dispositif
            controle = Controle(
                programme=programme,
                dispositif=dispositif,
                entite_id=dispositif.entite_id,
                departement_id=dispositif.departement_id,
                type_controle=TypeControle.SUR_PLACE,
                themes=[t.value for t in risque.themes] or [Theme.ACCOMPAGNEMENT.value],
                origine=f"Proposé par le programme de contrôle {annee}, selon les risques.",
                anomalie_origine_id=risque.anomalie_occupation,
                score_risque=risque.score,
                motifs_risque=risque.motifs,
                cree_par=acteur,
            )
            # The dispositif is in hand already: `save()` copies its entité and département.
            controle.dispositif = dispositif
            controle.save()
            journaliser_creation(
                controle,
                acteur,
                commentaire=" ".join(["Proposé selon les risques :", *risque.motifs]),
            )
            crees.append(controle)
    return crees
