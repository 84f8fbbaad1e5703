from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AffectationRole
from .throttle import effacer_echecs, enregistrer_echec


@receiver(user_login_failed)
def compter_echec_connexion(sender, credentials, request=None, **kwargs):
    if request is not None:
        enregistrer_echec(request, credentials.get("username", ""))


@receiver(user_logged_in)
def remettre_a_zero(sender, request, user, **kwargs):
    if request is not None:
        effacer_echecs(request, user.get_username())


_CHAMPS_UTILISATEUR = {
    chemin.split(".", 1)[1]
    for chemin in AffectationRole.champs_recherche
    if chemin.startswith("utilisateur.")
}


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def actualiser_recherche_affectations(sender, instance, raw=False, update_fields=None, **kwargs):
    """A renamed user is found under the new name in the role assignments list (a login, which
    saves `last_login` only, costs nothing)."""
    if raw or (update_fields is not None and not _CHAMPS_UTILISATEUR & set(update_fields)):
        return
    AffectationRole.objects.filter(utilisateur=instance).actualiser_recherche()
