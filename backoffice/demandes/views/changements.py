"""Modification and closure requests filed from a dispositif's page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..droits import dispositifs_demandables
from ..forms import (
    DemandeFermetureForm,
    DemandeModificationForm,
    FinancementDemandeForm,
)
from ..models import Demande, TypeDemande
from ..services import deposer


class DemandeChangementView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    model = Demande
    permission_required = "add"
    type_demande = None
    template_name = "demandes/demande_changement.html"
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.dispositif = None

    def dispatch(self, request, *args, **kwargs):
        # The right first (refused), then the perimeter (not found).
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        self.dispositif = get_object_or_404(
            dispositifs_demandables(request.user).select_related(
                "entite", "type__nature", "departement"
            ),
            pk=kwargs["dispositif_pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        if self.type_demande == TypeDemande.FERMETURE:
            return "Demander la fermeture"
        return "Demander une modification"

    def get_page_subtitle(self):
        return str(self.dispositif)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("dispositif:index"), "label": "Dispositifs"},
            {
                "url": reverse("dispositif:inspect", args=[self.dispositif.pk]),
                "label": str(self.dispositif),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_forms(self, data=None):
        if self.type_demande == TypeDemande.FERMETURE:
            return {"form": DemandeFermetureForm(data, dispositif=self.dispositif)}
        demandeur = self.request.user
        return {
            "form": DemandeModificationForm(data, dispositif=self.dispositif, demandeur=demandeur),
            "form_financement": FinancementDemandeForm(
                data, dispositif=self.dispositif, demandeur=demandeur
            ),
        }

    def rendre(self, forms):
        context = self.get_context_data(dispositif=self.dispositif, **forms)
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, dispositif_pk):
        return self.rendre(self.get_forms())

    def post(self, request, dispositif_pk):
        forms = self.get_forms(request.POST)
        if not all(form.is_valid() for form in forms.values()):
            messages.error(request, "La demande n'a pas été enregistrée : corrigez les erreurs.")
            return self.rendre(forms)
        demande = self.construire(forms)
        if demande is None:
            return self.rendre(forms)
        try:
            deposer(demande)
        except ValidationError as exc:
            forms["form"].add_error(None, " ".join(exc.messages))
            messages.error(request, "La demande n'a pas été enregistrée : corrigez les erreurs.")
            return self.rendre(forms)
        messages.success(
            request,
            f"Demande {demande.numero} enregistrée : le SIAO et la DDETS du département "
            "l'examinent, vous serez informé par courriel.",
        )
        return redirect("demande:inspect", demande.pk)

    def construire(self, forms):
        dispositif, user = self.dispositif, self.request.user
        form = forms["form"]
        demande = Demande(
            type_demande=self.type_demande,
            departement_id=dispositif.departement_id,
            demandeur_nom=user.get_full_name() or user.email or user.get_username(),
            demandeur_courriel=user.email,
            demandeur_organisation=dispositif.entite.raison_sociale,
            compte_demandeur=user,
            entite=dispositif.entite,
            dispositif=dispositif,
            type_dispositif=dispositif.type,
            description=form.cleaned_data["motif"],
        )
        if self.type_demande == TypeDemande.FERMETURE:
            demande.date_fermeture = form.cleaned_data["date_fermeture"]
            return demande
        changements = form.changements()
        ligne = forms["form_financement"].ligne()
        if not changements and not ligne:
            form.add_error(None, "Aucun changement demandé : modifiez au moins une valeur.")
            return None
        demande.donnees_dispositif = changements
        demande.financements = [ligne] if ligne else []
        if "type_id" in changements:
            demande.type_dispositif_id = changements["type_id"]
        return demande
