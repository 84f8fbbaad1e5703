"""Date-driven work on conventions, run every day by `manage.py appliquer_echeances_conventions`
(or `manage.py echeances`, which also closes calls at their deadline), and the weekly digest of
`manage.py relancer_conventions`.

Every function takes the day as a parameter (`aujourdhui`, default: today) so tests and a late
re-run behave exactly as on that day. Each step is idempotent: a convention already in force is
not put in force twice, an avenant already applied is not applied twice. Transitions run through
the one transition service as « Système », so they are logged like any other.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.roles import Role
from backoffice.grammaire import compter
from backoffice.offre.models import Financement
from workflows.services import TransitionImpossible, executer_transition
from workflows.systeme import Systeme

from .models import Avenant, Convention, EtatAvenant, EtatConvention
from .notifications import lien_admin

logger = logging.getLogger(__name__)


@dataclass
class Bilan:
    en_vigueur: list = field(default_factory=list)
    expirees: list = field(default_factory=list)
    avenants_appliques: list = field(default_factory=list)
    erreurs: list = field(default_factory=list)

    def __str__(self):
        return (
            f"{compter(len(self.en_vigueur), 'convention entrée', 'conventions entrées')} en "
            f"vigueur, {compter(len(self.expirees), 'expirée', 'expirées')}, "
            f"{compter(len(self.avenants_appliques), 'avenant appliqué', 'avenants appliqués')}, "
            f"{compter(len(self.erreurs), 'erreur', 'erreurs')}"
        )


def appliquer_echeances(aujourdhui=None):
    aujourdhui = aujourdhui or timezone.localdate()
    systeme = Systeme("échéances des conventions")
    bilan = Bilan()
    a_mettre_en_vigueur = Convention.objects.filter(
        etat=EtatConvention.SIGNEE, date_debut__lte=aujourdhui
    ).values_list("pk", flat=True)
    for pk in list(a_mettre_en_vigueur):
        try:
            executer_transition(Convention, pk, "mettre_en_vigueur", systeme, aujourdhui=aujourdhui)
            bilan.en_vigueur.append(pk)
        except TransitionImpossible as exc:  # changed meanwhile: the next run will see it
            bilan.erreurs.append((pk, exc.message))
    a_expirer = Convention.objects.filter(
        etat=EtatConvention.EN_VIGUEUR, date_fin__lt=aujourdhui
    ).values_list("pk", flat=True)
    for pk in list(a_expirer):
        try:
            executer_transition(Convention, pk, "expirer", systeme, aujourdhui=aujourdhui)
            bilan.expirees.append(pk)
        except TransitionImpossible as exc:
            bilan.erreurs.append((pk, exc.message))
    avenants = Avenant.objects.filter(
        etat=EtatAvenant.SIGNEE, applique_le__isnull=True, date_effet__lte=aujourdhui
    ).order_by("date_effet", "numero")
    for avenant_id in list(avenants.values_list("pk", flat=True)):
        with transaction.atomic():
            avenant = Avenant.objects.select_for_update().get(pk=avenant_id)
            if avenant.appliquer():
                avenant.save(update_fields=["applique_le"])
                bilan.avenants_appliques.append(avenant_id)
    logger.info("Échéances des conventions au %s : %s", aujourdhui, bilan)
    return bilan


# ---------------------------------------------------------------------------------------------
# Weekly digest
# ---------------------------------------------------------------------------------------------


ROLES_RELANCES = (Role.NATIONAL, Role.REGIONAL, Role.DEPARTEMENTAL)


def conventions_a_signaler(user, aujourdhui=None):
    """What the digest tells `user`, limited to their perimeter."""
    aujourdhui = aujourdhui or timezone.localdate()
    base = policy_for(Convention).filtrer(Convention.objects.all(), user, ("view",))
    trois = base.se_terminant(aujourdhui, 3).order_by("date_fin")
    six = base.se_terminant(aujourdhui, 6).exclude(pk__in=trois.values("pk")).order_by("date_fin")
    sans_financement = base.sans_financement(aujourdhui.year).order_by("numero")
    financements = perimetres.filtrer(
        Financement.objects.filter(convention__isnull=True, exercice=aujourdhui.year),
        perimetres.perimetre_pour(user, "offre.financement", "view"),
    )
    return {
        "trois_mois": list(trois.select_related("entite")),
        "six_mois": list(six.select_related("entite")),
        "sans_financement": list(sans_financement.select_related("entite")),
        "financements_sans_convention": financements.count(),
    }


def _ligne(convention):
    return (
        f"- {convention.numero} – {convention.intitule} ({convention.entite.raison_sociale}), "
        f"fin le {convention.date_fin:%d/%m/%Y}\n"
        f"  {lien_admin('convention:inspect', convention.pk)}"
    )


def envoyer_relances(aujourdhui=None):
    """One e-mail per administrator with something to report; returns the number sent."""
    aujourdhui = aujourdhui or timezone.localdate()
    User = get_user_model()
    utilisateurs = (
        User.objects.filter(
            is_active=True, affectations__actif=True, affectations__role__in=ROLES_RELANCES
        )
        .exclude(email="")
        .distinct()
        .order_by("email")
    )
    envoyes = 0
    for user in utilisateurs:
        a_signaler = conventions_a_signaler(user, aujourdhui)
        if not (
            a_signaler["trois_mois"] or a_signaler["six_mois"] or a_signaler["sans_financement"]
        ):
            continue
        parties = [f"Point hebdomadaire des conventions au {aujourdhui:%d/%m/%Y}."]
        if a_signaler["trois_mois"]:
            parties.append(
                "Se terminent dans moins de 3 mois :\n"
                + "\n".join(_ligne(c) for c in a_signaler["trois_mois"])
            )
        if a_signaler["six_mois"]:
            parties.append(
                "Se terminent dans 3 à 6 mois :\n"
                + "\n".join(_ligne(c) for c in a_signaler["six_mois"])
            )
        if a_signaler["sans_financement"]:
            parties.append(
                f"En vigueur sans ligne de financement pour l'exercice {aujourdhui.year} :\n"
                + "\n".join(
                    f"- {c.numero} – {c.intitule}\n  {lien_admin('convention:inspect', c.pk)}"
                    for c in a_signaler["sans_financement"]
                )
            )
        if a_signaler["financements_sans_convention"]:
            parties.append(
                f"{compter(a_signaler['financements_sans_convention'], 'ligne', 'lignes')} de "
                f"financement {aujourdhui.year} sans convention."
            )
        send_mail(
            f"Conventions : point hebdomadaire au {aujourdhui:%d/%m/%Y}",
            "\n\n".join(parties) + "\n",
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        envoyes += 1
    logger.info(
        "Relances des conventions au %s : %s", aujourdhui, compter(envoyes, "courriel", "courriels")
    )
    return envoyes
