from django import forms
from django.db import transaction
from wagtail.admin.forms.auth import LoginForm

from .comptes import envoyer_invitation, obtenir_ou_creer_utilisateur
from .perimetres import perimetre_pour
from .roles import Portee, Role
from .viewsets import PerimetreForm


class AffectationRoleForm(PerimetreForm):
    """Role assignment form. Identifies the user by e-mail (created when new).

    Outside the national level (a DDETS creating its operators' accounts) only the gestionnaire
    role on an entité of the perimeter can be given: the choices are limited server-side."""

    email = forms.EmailField(label="Adresse électronique (identifiant)")
    prenom = forms.CharField(label="Prénom", required=False, max_length=150)
    nom = forms.CharField(label="Nom", required=False, max_length=150)

    class Meta:
        fields = ["role", "portee", "region", "departements", "siao", "entite", "actif"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.utilisateur_cree = False
        if self.instance.pk:
            user = self.instance.utilisateur
            self.fields["email"].initial = user.email
            self.fields["prenom"].initial = user.first_name
            self.fields["nom"].initial = user.last_name
            self.fields["email"].disabled = True
        if for_user is not None and not self.est_national(for_user):
            self.fields["role"].choices = [(Role.GESTIONNAIRE.value, Role.GESTIONNAIRE.label)]
            self.fields["portee"].choices = [(Portee.ENTITE.value, Portee.ENTITE.label)]
            for champ in ("region", "departements", "siao"):
                del self.fields[champ]

    @staticmethod
    def est_national(user):
        return perimetre_pour(user, "acces.affectationrole", "add").national

    def clean(self):
        donnees = super().clean()
        for champ in ("region", "siao", "entite"):
            if (
                champ in self.fields
                and donnees.get("portee")
                != {
                    "region": Portee.REGION,
                    "siao": Portee.SIAO,
                    "entite": Portee.ENTITE,
                }[champ]
            ):
                donnees[champ] = None
        return donnees

    @transaction.atomic
    def save(self, commit=True):
        if not self.instance.pk:
            user, self.utilisateur_cree = obtenir_ou_creer_utilisateur(
                self.cleaned_data["email"],
                self.cleaned_data.get("prenom", ""),
                self.cleaned_data.get("nom", ""),
            )
            self.instance.utilisateur = user
            if self.for_user is not None:
                self.instance.cree_par = self.for_user
        else:
            user = self.instance.utilisateur
            user.first_name = self.cleaned_data.get("prenom", user.first_name)
            user.last_name = self.cleaned_data.get("nom", user.last_name)
            user.save(update_fields=["first_name", "last_name"])
        affectation = super().save(commit=commit)
        if self.instance.portee != Portee.DEPARTEMENTS and commit:
            affectation.departements.clear()
        if self.utilisateur_cree:
            transaction.on_commit(lambda: envoyer_invitation(user, affectation))
        return affectation


class FormulaireConnexion(LoginForm):
    """Wagtail's login form leaves the password label untranslated (an auto label): say it in
    French, and say that the login is the e-mail address."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Identifiant (adresse électronique)"
        self.fields["password"].label = "Mot de passe"
