"""E-mails of the control phase, in the conventions' style (backoffice/conventions/notifications.py:
same recipients' rule, same link, sent after commit: a rolled-back action sends nothing).

The entité controlled is never written to before the contradictory procedure: until then the
control is the administration's (an unannounced visit stays unannounced)."""

from django.conf import settings
from django.core.mail import send_mail

from backoffice.acces.roles import Role
from backoffice.conventions.notifications import destinataires, envoyer, lien_admin

from .choix import ETATS_VISIBLES_ENTITE


def ddets(controle):
    return destinataires({Role.DEPARTEMENTAL}, [controle.departement_id])


def gestionnaires(controle):
    if controle.etat not in ETATS_VISIBLES_ENTITE:
        return []
    return destinataires({Role.GESTIONNAIRE}, entite_id=controle.entite_id)


def _titre(controle):
    return f"{controle} ({controle.dispositif})"


def notifier_controle(controle, nom, acteur, commentaire=""):
    titre = _titre(controle)
    echeance = f"{controle.date_limite_reponse:%d/%m/%Y}" if controle.date_limite_reponse else "—"
    messages = {
        "ouvrir_contradictoire": (
            gestionnaires(controle),
            f"Contrôle : rapport provisoire à examiner, réponse attendue avant le {echeance} – "
            f"{titre}",
        ),
        "prolonger_delai": (
            gestionnaires(controle),
            f"Contrôle : délai de réponse prolongé jusqu'au {echeance} – {titre}",
        ),
        "repondre": (ddets(controle), f"Contrôle : réponse de l'entité reçue – {titre}"),
        "arreter_rapport_definitif": (
            gestionnaires(controle),
            f"Contrôle : rapport définitif arrêté – {titre}",
        ),
        "engager_suites": (gestionnaires(controle), f"Contrôle : suites engagées – {titre}"),
        "clore": (gestionnaires(controle) + ddets(controle), f"Contrôle clos – {titre}"),
    }
    if nom not in messages:
        return
    adresses, sujet = messages[nom]
    acteur_email = getattr(acteur, "email", None)
    adresses = [a for a in adresses if a != acteur_email]
    corps = f"{sujet}\n\nÉtat : {controle.libelle_etat()}\n"
    if commentaire and nom != "repondre":
        corps += f"\nCommentaire :\n{commentaire}\n"
    corps += f"\n{lien_admin('controle:inspect', controle.pk)}\n"
    envoyer(adresses, sujet, corps)


def notifier_echeance(objet, adresses, sujet, lignes):
    """A reminder before (or after) a deadline: `lignes` of text, then the link. Sent at once,
    as the conventions' weekly digest is (a scheduled task, no transaction to wait for): the
    caller records the reminder only once it is sent, so a failed sending is retried."""
    adresses = sorted(set(adresses))
    if not adresses:
        return
    corps = "\n".join([sujet, "", *lignes, "", objet_lien(objet)]) + "\n"
    send_mail(sujet, corps, settings.DEFAULT_FROM_EMAIL, adresses)


def objet_lien(objet):
    url_name = "controle:inspect" if objet._meta.model_name == "controle" else "mesure:inspect"
    return lien_admin(url_name, objet.pk)
