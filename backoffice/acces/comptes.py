"""Account creation: a role assignment for an e-mail creates the account when it is new and
sends a link to choose a password (no password ever travels by e-mail)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def obtenir_ou_creer_utilisateur(email, prenom="", nom=""):
    """Return (user, created). The e-mail is the login."""
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        return user, False
    user = User(username=email, email=email, first_name=prenom, last_name=nom)
    user.set_unusable_password()
    user.save()
    return user, True


def lien_definition_mot_de_passe(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    chemin = reverse("wagtailadmin_password_reset_confirm", args=[uid, token])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{chemin}"


def envoyer_invitation(user, affectation):
    send_mail(
        subject="Votre accès au back office du parc d'hébergement",
        message=(
            f"Bonjour,\n\nUn compte a été ouvert pour vous : {affectation.get_role_display()} "
            f"({affectation.libelle_perimetre}).\n\n"
            f"Choisissez votre mot de passe en suivant ce lien :\n"
            f"{lien_definition_mot_de_passe(user)}\n\n"
            "Votre identifiant est votre adresse électronique.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
