"""« Justifier » / « Retirer la justification » on an anomaly."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from backoffice.acces.policies import policy_for

from .. import services
from ..models import Anomalie
from .communs import anomalies_visibles

# ---------------------------------------------------------------------------------------------
# Justification
# ---------------------------------------------------------------------------------------------


class FormulaireJustification(forms.Form):
    justification = forms.CharField(
        label="Justification",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Pourquoi cette situation est acceptée (visible de tous ceux qui voient "
        "l'anomalie).",
        error_messages={"required": "La justification est obligatoire."},
    )

    def clean_justification(self):
        texte = self.cleaned_data["justification"].strip()
        if not texte:
            raise ValidationError("La justification est obligatoire.")
        return texte


class VueAnomalieMixin:
    """Fetch the anomaly among those the user sees (else 404); acting needs « change »."""

    def get_anomalie(self):
        return get_object_or_404(
            anomalies_visibles(self.request.user).select_related("dispositif", "convention"),
            pk=self.kwargs["pk"],
        )

    def url_fiche(self):
        return reverse("anomalie:inspect", args=[self.anomalie.pk])

    def dispatch(self, request, *args, **kwargs):
        self.anomalie = self.get_anomalie()
        if not policy_for(Anomalie).user_has_permission_for_instance(
            request.user, "change", self.anomalie
        ):
            messages.error(request, "Vous ne pouvez pas justifier cette anomalie.")
            return redirect(self.url_fiche())
        if not self.anomalie.est_ouverte:
            messages.error(request, "Cette anomalie est résolue : il n'y a plus rien à justifier.")
            return redirect(self.url_fiche())
        return super().dispatch(request, *args, **kwargs)


class JustifierView(VueAnomalieMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "qualite/justifier.html"
    page_title = "Justifier l'anomalie"
    header_icon = "tick"

    def get_page_subtitle(self):
        return str(self.anomalie)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("anomalie:index"), "label": "Anomalies"},
            {"url": self.url_fiche(), "label": str(self.anomalie)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "anomalie": self.anomalie,
                "form": kwargs.get("form")
                or FormulaireJustification(initial={"justification": self.anomalie.justification}),
                "url_fiche": self.url_fiche(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = FormulaireJustification(request.POST)
        if not form.is_valid():
            messages.error(request, "Corrigez les erreurs ci-dessous : rien n'a été enregistré.")
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.justifier(self.anomalie, request.user, form.cleaned_data["justification"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.url_fiche())
        messages.success(request, "Anomalie justifiée.")
        return redirect(self.url_fiche())


class RetirerJustificationView(VueAnomalieMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.retirer_justification(self.anomalie, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, "Justification retirée : l'anomalie est de nouveau à traiter."
            )
        return redirect(self.url_fiche())
