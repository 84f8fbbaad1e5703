"""Renewing a convention (the rule: conventions/services.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflows import vues

from .. import services
from ..models import (
    Convention,
)


class RenouvellementView(vues.VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """Create the draft renewing a convention: same entité, dispositifs and places, starting
    the day after its end, for the same length."""

    model = Convention
    espace = "convention"
    template_name = "conventions/renouvellement.html"
    page_title = "Renouveler la convention"
    header_icon = "repeat"

    def dispatch(self, request, *args, **kwargs):
        self.objet = self.get_objet()
        if not services.peut_renouveler(self.objet, request.user):
            messages.error(request, "Cette convention ne peut pas être renouvelée par vous.")
            return redirect(self.url_fiche(self.objet))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"objet": self.objet, "url_fiche": self.url_fiche(self.objet)})
        return context

    def post(self, request, *args, **kwargs):
        try:
            nouvelle = services.renouveler(self.objet, request.user)
        except ValidationError as exc:
            messages.error(request, "Renouvellement impossible : " + " ".join(exc.messages))
            return redirect(self.url_fiche(self.objet))
        messages.success(request, f"Brouillon de renouvellement créé : {nouvelle.numero}.")
        return redirect("convention:edit", nouvelle.pk)
