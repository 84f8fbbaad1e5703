"""E-mails of the request workflow (sent after commit: a rolled-back action sends nothing)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from backoffice.acces.roles import Role


def administrateurs(role, departement_code):
    """Active accounts holding `role` on the département (by département, SIAO or région)."""
    User = get_user_model()
    return list(
        User.objects.filter(
            Q(affectations__departements__code=departement_code)
            | Q(affectations__siao__departements__code=departement_code)
            | Q(affectations__region__departements__code=departement_code),
            affectations__role=role,
            affectations__actif=True,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _lien_admin(demande):
    return f"{_base_url()}{reverse('demande:inspect', args=[demande.pk])}"


def _lien_suivi(demande):
    return f"{_base_url()}{demande.get_suivi_url()}"


def _envoyer(destinataires, sujet, corps):
    destinataires = sorted(set(destinataires))
    if destinataires:
        transaction.on_commit(
            lambda: send_mail(
                sujet, corps, settings.DEFAULT_FROM_EMAIL, destinataires, fail_silently=False
            )
        )


def notifier_nouvelle_demande(demande):
    _envoyer(
        [demande.demandeur_courriel],
        f"Votre demande {demande.numero} a bien été reçue",
        f"Bonjour,\n\nVotre demande « {demande.titre} » ({demande.get_type_demande_display()}) "
        f"a été enregistrée sous le numéro {demande.numero}.\n\n"
        f"Suivez-la, répondez aux questions et ajoutez des documents ici (lien personnel, "
        f"ne le transmettez pas) :\n{_lien_suivi(demande)}\n",
    )
    _envoyer(
        administrateurs(Role.SIAO, demande.departement_id),
        f"Nouvelle demande à pré-valider : {demande.numero}",
        f"Une nouvelle demande ({demande.get_type_demande_display()}) « {demande.titre} » "
        f"attend votre examen.\n\n{_lien_admin(demande)}\n",
    )


MESSAGES_DEMANDEUR = {
    "valider": "Votre demande {numero} a été validée.",
    "refuser": "Votre demande {numero} a été refusée.",
    "demander_complements": "Votre demande {numero} est à compléter.",
    "pre_valider": "Votre demande {numero} a été pré-validée par le SIAO.",
}


def notifier_transition(demande, nom, commentaire="", interne=False):
    if nom in MESSAGES_DEMANDEUR:
        sujet = MESSAGES_DEMANDEUR[nom].format(numero=demande.numero)
        corps = f"Bonjour,\n\n{sujet}\n"
        if commentaire and not interne:
            corps += f"\nMessage de l'administration :\n{commentaire}\n"
        corps += f"\nSuivi de votre demande :\n{_lien_suivi(demande)}\n"
        _envoyer([demande.demandeur_courriel], sujet, corps)
    if nom == "pre_valider":
        _envoyer(
            administrateurs(Role.DEPARTEMENTAL, demande.departement_id),
            f"Demande à valider : {demande.numero}",
            f"La demande « {demande.titre} » a été pré-validée par le SIAO et attend votre "
            f"validation.\n\n{_lien_admin(demande)}\n",
        )
    if nom == "completer":
        _envoyer(
            administrateurs(Role.SIAO, demande.departement_id),
            f"Demande complétée : {demande.numero}",
            f"Le demandeur a complété la demande « {demande.titre} ».\n\n{_lien_admin(demande)}\n",
        )
