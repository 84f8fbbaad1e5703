"""E-mails of the signalements (sent after commit: a rolled-back action sends nothing): the
DDETS of the département at once when a structure files one; the structure's managers when the
DDETS takes it up or closes it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from backoffice.acces.roles import Role
from backoffice.demandes.notifications import _envoyer, administrateurs


def _lien(signalement):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}{reverse('signalement:inspect', args=[signalement.pk])}"


def gestionnaires(entite_id):
    User = get_user_model()
    return list(
        User.objects.filter(
            affectations__entite_id=entite_id,
            affectations__role=Role.GESTIONNAIRE,
            affectations__actif=True,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def notifier_declaration(signalement):
    d = signalement.dispositif
    retentissement = (
        "\nRetentissement médiatique possible.\n" if signalement.impact_mediatique else ""
    )
    _envoyer(
        administrateurs(Role.DEPARTEMENTAL, d.departement_id),
        f"Signalement d'un événement indésirable grave : {d.nom}",
        f"Un signalement a été déclaré le {signalement.declare_le:%d/%m/%Y} pour « {d.nom} » "
        f"({d.code}) : {signalement.get_categorie_display()}, événement du "
        f"{signalement.date_evenement:%d/%m/%Y}.\n{retentissement}\n{_lien(signalement)}\n",
    )


MESSAGES = {
    "prendre_en_charge": "Votre signalement n° {pk} est pris en charge par la DDETS.",
    "clore": "Votre signalement n° {pk} est clos par la DDETS.",
    "orienter_controle": "Votre signalement n° {pk} donne lieu à un contrôle.",
}


def notifier_transition(signalement, nom):
    if nom in MESSAGES:
        sujet = MESSAGES[nom].format(pk=signalement.pk)
        _envoyer(
            gestionnaires(signalement.dispositif.entite_id),
            sujet,
            f"Bonjour,\n\n{sujet}\n\n{_lien(signalement)}\n",
        )
