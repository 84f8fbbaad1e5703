"""Linking the financing lines a convention funds (the rule: conventions/services.py)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from backoffice.offre.models import Financement
from workflows import vues

from .. import services
from ..models import (
    Convention,
)


class FormulaireRattachement(forms.Form):
    financements = forms.ModelMultipleChoiceField(
        queryset=Financement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Lignes de financement financées par cette convention",
    )


class RattachementFinancementsView(vues.VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """Link the financing lines of the covered dispositifs to the convention (or unlink)."""

    model = Convention
    espace = "convention"
    template_name = "conventions/rattachement.html"
    page_title = "Lignes de financement de la convention"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        self.objet = self.get_objet()
        if not self.policy.user_has_permission_for_instance(request.user, "change", self.objet):
            messages.error(request, "Vous ne pouvez pas modifier cette convention.")
            return redirect(self.url_fiche(self.objet))
        return super().dispatch(request, *args, **kwargs)

    def candidats(self):
        return services.financements_rattachables(self.objet, self.request.user)

    def formulaire(self, data=None):
        form = FormulaireRattachement(
            data, initial={"financements": self.candidats().filter(convention=self.objet)}
        )
        form.fields["financements"].queryset = self.candidats()
        form.fields["financements"].label_from_instance = lambda f: (
            f"{f.dispositif.code} · {f.exercice} · {f.programme_id} · {f.places_financees} places"
            + (
                f" (actuellement : {f.convention.numero})"
                if f.convention_id and f.convention_id != self.objet.pk
                else ""
            )
        )
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "objet": self.objet,
                "form": kwargs.get("form") or self.formulaire(),
                "url_fiche": self.url_fiche(self.objet),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.formulaire(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.rattacher_financements(
            self.objet, form.cleaned_data["financements"], self.candidats()
        )
        messages.success(request, "Lignes de financement enregistrées.")
        return redirect(self.url_fiche(self.objet))
