"""The transition buttons of a request's page and the bulk actions of the queues: every state
change goes through workflows.services.executer_transition."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from workflows import vues
from workflows.services import (
    TransitionImpossible,
    executer_transition,
    refus_traitement_groupe,
)

from ..droits import voit_commentaires_internes
from ..forms import (
    ActionsGroupeesForm,
    TransitionForm,
)
from ..models import Demande

TRANSITIONS = {
    "pre_valider": ("Pré-valider", "pré-validée", "button"),
    "valider": ("Valider", "validée", "button"),
    "demander_complements": (
        "Demander des compléments",
        "renvoyée au demandeur pour compléments",
        "button button-secondary",
    ),
    "refuser": ("Refuser", "refusée", "button button-secondary no"),
    "completer": ("J'ai complété ma demande", "complétée", "button"),
    "annuler": ("Annuler ma demande", "annulée", "button button-secondary no"),
}


def _url_suivante(request, defaut):
    suivante = request.POST.get("next") or request.GET.get("next")
    if suivante and url_has_allowed_host_and_scheme(
        suivante, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return suivante
    return defaut


class ActionsGroupeesView(PermissionCheckedMixin, View):
    """Pré-validate or validate the checked requests with one comment. Each one goes through the
    transition service on its own and is reported on its own: one refusal does not stop the
    others, and nothing is done that the user could not do request by request.

    Not the shared bulk page (workflows/vues.py TransitionGroupeeView, a page listing the
    candidates): the queue's own checkboxes post here, and each request is reported by its
    number, or as not found without it when it lies out of perimeter."""

    model = Demande
    permission_required = "change"
    http_method_names = ["post"]
    FORM_ID = "actions-groupees"

    def post(self, request):
        form = ActionsGroupeesForm(request.POST)
        retour = _url_suivante(request, reverse("demande:index"))
        if not form.is_valid():
            for erreurs in form.errors.values():
                for erreur in erreurs:
                    messages.error(request, erreur)
            return redirect(retour)
        nom = form.cleaned_data["action"]
        demandes = sorted(set(form.cleaned_data["demandes"]))
        refus = refus_traitement_groupe(len(demandes), "demandes")
        if refus:
            messages.error(request, refus)
            return redirect(retour)
        for pk in demandes:
            message_ok = TRANSITIONS[nom][1]
            try:
                demande = executer_transition(
                    Demande,
                    pk,
                    nom,
                    request.user,
                    commentaire=form.cleaned_data["commentaire"].strip(),
                    interne=form.cleaned_data["interne"],
                )
            except Http404:
                messages.error(request, f"Demande n° {pk} : introuvable.")
            except (PermissionDenied, TransitionImpossible) as exc:
                numero = Demande.objects.only("pk", "soumise_le").get(pk=pk).numero
                raison = getattr(exc, "message", None) or str(exc) or "action non autorisée"
                messages.error(request, f"{numero} : refusé — {raison}")
            else:
                messages.success(request, f"{demande.numero} : {message_ok}")
        return redirect(retour)


class TransitionView(PermissionCheckedMixin, vues.TransitionView):
    """The shared transition view, posted from the request's page: no form page (the comment is
    typed beside the buttons), every outcome told by a message on the request's page."""

    model = Demande
    espace = "demande"
    any_permission_required = ["view", "change"]
    http_method_names = ["post"]
    actions = {
        nom: vues.Action(libelle, style=classe) for nom, (libelle, _, classe) in TRANSITIONS.items()
    }

    def formulaire(self, data=None, files=None):
        return TransitionForm(data, files, objet=self.objet)

    def action_inconnue(self):
        messages.error(self.request, f"Action inconnue : « {self.nom} ».")
        return redirect(self.url_fiche(self.objet))

    def formulaire_invalide(self, form):
        for erreurs in form.errors.values():
            for erreur in erreurs:
                messages.error(self.request, erreur)
        return redirect(self.url_fiche(self.objet))

    def parametres(self, form):
        # Only the administrations write internal comments (never the requester's side).
        voit = voit_commentaires_internes(self.request.user, self.objet)
        return {"interne": form.cleaned_data["interne"] and voit}

    def message_succes(self, objet):
        return f"{objet.numero} : {TRANSITIONS[self.nom][1]}."
