"""E-mails to the next actor of a convention or an avenant (sent after commit: a rolled-back
action sends nothing)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from backoffice.acces.roles import Portee, Role


def destinataires(roles, departements=(), entite_id=None, nationaux=False):
    """E-mails of the active accounts holding one of `roles` on one of `departements` (by
    département, SIAO or région), or on the entité; national administrators if `nationaux`."""
    User = get_user_model()
    departements = list(departements)
    condition = Q()
    if departements:
        condition |= (
            Q(affectations__departements__code__in=departements)
            | Q(affectations__siao__departements__code__in=departements)
            | Q(affectations__region__departements__code__in=departements)
        )
    if entite_id:
        condition |= Q(affectations__entite_id=entite_id)
    if nationaux:
        condition |= Q(affectations__portee=Portee.NATIONALE)
    if not condition:
        return []
    return sorted(
        set(
            User.objects.filter(
                condition,
                affectations__role__in=list(roles),
                affectations__actif=True,
                is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def lien_admin(url_name, pk):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{reverse(url_name, args=[pk])}"


def envoyer(adresses, sujet, corps):
    adresses = sorted(set(adresses))
    if adresses:
        transaction.on_commit(
            lambda: send_mail(sujet, corps, settings.DEFAULT_FROM_EMAIL, adresses)
        )


def _validateurs(convention):
    if convention.nationale:
        return destinataires({Role.NATIONAL}, nationaux=True)
    return destinataires({Role.REGIONAL}, [convention.departement_id])


def _ddets(convention):
    return destinataires({Role.DEPARTEMENTAL}, [convention.departement_id])


def _gestionnaires(convention):
    return destinataires({Role.GESTIONNAIRE}, entite_id=convention.entite_id)


def notifier_convention(convention, nom, acteur, commentaire=""):
    lien = lien_admin("convention:inspect", convention.pk)
    titre = f"{convention.numero} – {convention.intitule}"
    messages = {
        "soumettre": (_ddets(convention), f"Convention à pré-valider : {titre}"),
        "pre_valider": (_validateurs(convention), f"Convention à valider : {titre}"),
        "valider": (_ddets(convention), f"Convention validée, à faire signer : {titre}"),
        "renvoyer": (_ddets(convention), f"Convention renvoyée au brouillon : {titre}"),
        "signer": (
            _ddets(convention) + _gestionnaires(convention),
            f"Convention signée : {titre}",
        ),
        "resilier": (
            _ddets(convention) + _gestionnaires(convention),
            f"Convention résiliée : {titre}",
        ),
        "abandonner": (_ddets(convention), f"Convention abandonnée : {titre}"),
    }
    if nom not in messages:
        return
    adresses, sujet = messages[nom]
    acteur_email = getattr(acteur, "email", None)
    adresses = [a for a in adresses if a != acteur_email] or adresses
    corps = f"{sujet}\n\nÉtat : {convention.libelle_etat()}\n"
    if commentaire:
        corps += f"\nCommentaire :\n{commentaire}\n"
    corps += f"\n{lien}\n"
    envoyer(adresses, sujet, corps)


def notifier_avenant(avenant, nom, acteur, commentaire=""):
    convention = avenant.convention
    lien = lien_admin("avenant:inspect", avenant.pk)
    messages = {
        "valider": (_ddets(convention), f"{avenant} validé, à faire signer"),
        "signer": (_ddets(convention) + _gestionnaires(convention), f"{avenant} signé"),
        "renvoyer": (_ddets(convention), f"{avenant} renvoyé au brouillon"),
    }
    if nom not in messages:
        return
    adresses, sujet = messages[nom]
    corps = f"{sujet}\n\nDate d'effet : {avenant.date_effet:%d/%m/%Y}\n"
    if commentaire:
        corps += f"\nCommentaire :\n{commentaire}\n"
    corps += f"\n{lien}\n"
    envoyer(adresses, sujet, corps)


def notifier_avenant_cree(avenant):
    envoyer(
        _validateurs(avenant.convention),
        f"{avenant} à valider",
        f"Un avenant à la convention {avenant.convention} attend votre validation.\n\n"
        f"{lien_admin('avenant:inspect', avenant.pk)}\n",
    )
