from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .throttle import effacer_echecs, enregistrer_echec


@receiver(user_login_failed)
def compter_echec_connexion(sender, credentials, request=None, **kwargs):
    if request is not None:
        enregistrer_echec(request, credentials.get("username", ""))


@receiver(user_logged_in)
def remettre_a_zero(sender, request, user, **kwargs):
    if request is not None:
        effacer_echecs(request, user.get_username())
