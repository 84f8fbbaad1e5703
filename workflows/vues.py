"""Admin glue of the state machines (conventions, avenants, calls, candidatures): transition
buttons, the transition view (one object), the bulk transition view (several objects), and the
viewset mixin that wires them (and a document upload view) under the same URL names for every
model. Every state change goes through workflows.services.executer_transition; these views only
collect the input and turn the outcome into French messages.

- Out of perimeter: 404 (the object is fetched through the scoped queryset).
- Not allowed (role), not possible now (state, dates, business rule, concurrent action): an error
  message, nothing changed — never a 500.
"""

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from django_fsm import can_proceed, has_transition_perm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from backoffice.acces.policies import objet_ou_404, policy_for
from backoffice.acces.viewsets import LECTURE
from backoffice.grammaire import compter

from . import suppression
from .services import (
    TransitionImpossible,
    executer_transition,
    journaliser_creation,
    refus_traitement_groupe,
    transitions_disponibles,
)

# ---------------------------------------------------------------------------------------------
# Forms of the transitions that need input
# ---------------------------------------------------------------------------------------------


class FormulaireTransition(forms.Form):
    """A transition's input: an optional (or required) comment, and extra parameters."""

    commentaire_requis = False
    libelle_commentaire = "Commentaire"

    commentaire = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, objet=None, **kwargs):
        self.objet = objet
        super().__init__(*args, **kwargs)
        self.fields["commentaire"].label = self.libelle_commentaire
        self.fields["commentaire"].required = self.commentaire_requis
        if self.commentaire_requis:
            self.fields["commentaire"].error_messages["required"] = (
                f"{self.libelle_commentaire} : ce champ est obligatoire."
            )

    def parametres(self):
        return {nom: valeur for nom, valeur in self.cleaned_data.items() if nom != "commentaire"}


class FormulaireMotif(FormulaireTransition):
    commentaire_requis = True
    libelle_commentaire = "Motif"


class FormulaireRenvoi(FormulaireTransition):
    commentaire_requis = True
    libelle_commentaire = "Ce qui doit être repris"


class ChampDate(forms.DateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d/%m/%Y"])
        kwargs.setdefault("error_messages", {"invalid": "Saisissez une date valide (jj/mm/aaaa)."})
        super().__init__(*args, **kwargs)


@dataclass
class Action:
    libelle: str
    formulaire: type = None  # None: a plain button (optional comment not asked)
    style: str = "button-secondary"
    groupable: bool = False  # offered in the bulk transition page
    confirmation: str = ""

    @property
    def a_formulaire(self):
        return self.formulaire is not None


@dataclass
class Bouton:
    nom: str
    action: Action
    url: str
    direct: bool = field(default=True)


def boutons_transitions(objet, user, actions, espace):
    """The transitions `user` may run on `objet` now, as buttons (in the order of `actions`)."""
    disponibles = set(transitions_disponibles(objet, user))
    boutons = []
    for nom, action in actions.items():
        if nom in disponibles:
            url = reverse(f"{espace}:transition", args=[objet.pk, nom])
            boutons.append(Bouton(nom, action, url, direct=not action.a_formulaire))
    return boutons


# ---------------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------------


class VueObjetMixin:
    model = None
    espace = None  # URL namespace of the viewset ("convention", "appel"…)

    @cached_property
    def policy(self):
        return policy_for(self.model)

    def objets_visibles(self):
        return self.policy.filtrer(self.model._default_manager.all(), self.request.user, LECTURE)

    def get_objet(self):
        return objet_ou_404(self.policy, self.request.user, self.kwargs["pk"])

    def url_fiche(self, objet):
        return reverse(f"{self.espace}:inspect", args=[objet.pk])

    def get_breadcrumbs_items(self):
        objet = getattr(self, "objet", None)
        items = [
            *self.breadcrumbs_items,
            {
                "url": reverse(f"{self.espace}:index"),
                "label": self.model._meta.verbose_name_plural.capitalize(),
            },
        ]
        if objet is not None:
            items.append({"url": self.url_fiche(objet), "label": str(objet)})
        items.append({"url": "", "label": self.get_page_title()})
        return items


class TransitionView(VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: the form of a transition; POST: run it through the transition service."""

    template_name = "workflows/transition.html"
    actions = {}
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        self.nom = kwargs["nom"]
        # The object first: out of perimeter is not found, whatever the action asked.
        self.objet = self.get_objet()
        self.action = self.actions.get(self.nom)
        if self.action is None:
            return self.action_inconnue()
        return super().dispatch(request, *args, **kwargs)

    # Hooks of a viewset whose transitions are posted from the object's page (no form page):
    # see demandes/views/transitions.py.

    def action_inconnue(self):
        raise Http404("Action inconnue.")

    def formulaire_invalide(self, form):
        messages.error(self.request, "Corrigez les erreurs ci-dessous : rien n'a été enregistré.")
        return self.render_to_response(self.get_context_data(form=form), status=200)

    def parametres(self, form):
        """The transition's keyword arguments besides the comment."""
        return form.parametres()

    def message_succes(self, objet):
        return f"« {self.action.libelle} » effectué : {objet} est {_etat_minuscule(objet)}."

    def get_page_title(self):
        return self.action.libelle

    def get_page_subtitle(self):
        return str(self.objet)

    def formulaire(self, data=None, files=None):
        classe = self.action.formulaire or FormulaireTransition
        return classe(data, files, objet=self.objet)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "objet": self.objet,
                "action": self.action,
                "form": kwargs.get("form") or self.formulaire(),
                "url_fiche": self.url_fiche(self.objet),
                "etat": self.objet.libelle_etat(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.formulaire(request.POST, request.FILES)
        if not form.is_valid():
            return self.formulaire_invalide(form)
        try:
            objet = executer_transition(
                self.model,
                self.objet.pk,
                self.nom,
                request.user,
                commentaire=form.cleaned_data.get("commentaire", "") or "",
                **self.parametres(form),
            )
        except PermissionDenied:
            messages.error(request, "Vous n'avez pas le droit d'effectuer cette action ici.")
            return redirect(self.url_fiche(self.objet))
        except (TransitionImpossible, ValidationError, IntegrityError, DatabaseError) as exc:
            message = _message(exc)
            if self.action.a_formulaire:
                messages.error(request, f"Action non effectuée : {message}")
                return self.render_to_response(self.get_context_data(form=form), status=200)
            messages.error(request, f"Action non effectuée : {message}")
            return redirect(self.url_fiche(self.objet))
        messages.success(request, self.message_succes(objet))
        return redirect(self.url_fiche(objet))


def _message(exc):
    if isinstance(exc, TransitionImpossible):
        return exc.message
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return "l'enregistrement a échoué (données incohérentes). Rien n'a été modifié."


def _etat_minuscule(objet):
    return f"désormais « {objet.libelle_etat().lower()} »"


class TransitionGroupeeView(VueObjetMixin, WagtailAdminTemplateMixin, TemplateView):
    """Run one transition on several objects: each in its own transaction; the outcome of each
    is reported (one failure does not undo the others)."""

    template_name = "workflows/transition_groupee.html"
    actions = {}
    header_icon = "resubmit"
    colonnes = ()  # (label, callable(objet)) shown in the table

    def dispatch(self, request, *args, **kwargs):
        self.nom = kwargs["nom"]
        self.action = self.actions.get(self.nom)
        if self.action is None or not self.action.groupable:
            raise Http404("Action inconnue.")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.action.libelle} (traitement groupé)"

    def candidats(self):
        """Visible objects on which the user may run the transition now: the first
        `ACTIONS_GROUPEES_MAX + 1` of them (one submission handles no more; the extra one tells
        the page that others wait)."""
        resultat = []
        sources = list(getattr(self.model, self.nom)._django_fsm.transitions)
        objets = self.objets_visibles().filter(**{f"{self.model.CHAMP_ETAT}__in": sources})
        for objet in objets.order_by("pk").iterator(chunk_size=500):
            methode = getattr(objet, self.nom)
            if can_proceed(methode) and has_transition_perm(methode, self.request.user):
                resultat.append(objet)
                if len(resultat) > settings.ACTIONS_GROUPEES_MAX:
                    break
        return resultat

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        candidats = self.candidats()
        maximum = settings.ACTIONS_GROUPEES_MAX
        context["autres_en_attente"] = len(candidats) > maximum
        context["maximum"] = maximum
        candidats = candidats[:maximum]
        context.update(
            {
                "action": self.action,
                "lignes": [(o, [f(o) for _, f in self.colonnes]) for o in candidats],
                "entetes": [label for label, _ in self.colonnes],
                "form": kwargs.get("form") or self.formulaire(),
                "url_liste": reverse(f"{self.espace}:index"),
                "espace": self.espace,
            }
        )
        return context

    def formulaire(self, data=None):
        classe = self.action.formulaire or FormulaireTransition
        return classe(data)

    def post(self, request, *args, **kwargs):
        form = self.formulaire(request.POST)
        ids = request.POST.getlist("objets")
        if not ids:
            messages.error(request, "Cochez au moins une ligne.")
            return self.render_to_response(self.get_context_data(form=form))
        refus = refus_traitement_groupe(len(set(ids)))
        if refus:
            messages.error(request, refus)
            return self.render_to_response(self.get_context_data(form=form))
        if not form.is_valid():
            messages.error(request, "Corrigez les erreurs ci-dessous : rien n'a été enregistré.")
            return self.render_to_response(self.get_context_data(form=form))
        reussis, echecs = [], []
        for pk in ids:
            try:
                objet = executer_transition(
                    self.model,
                    pk,
                    self.nom,
                    request.user,
                    commentaire=form.cleaned_data.get("commentaire", "") or "",
                    **form.parametres(),
                )
                reussis.append(str(objet))
            except Http404:
                echecs.append(f"n° {pk} : introuvable")
            except PermissionDenied:
                echecs.append(f"n° {pk} : action non autorisée")
            except (TransitionImpossible, ValidationError, IntegrityError, DatabaseError) as exc:
                echecs.append(f"n° {pk} : {_message(exc)}")
        if reussis:
            messages.success(
                request,
                f"« {self.action.libelle} » effectué pour "
                f"{compter(len(reussis), 'élément', 'éléments')}.",
            )
        if echecs:
            messages.error(request, "Non effectué : " + " ; ".join(echecs))
        return redirect(request.get_full_path())


class CircuitViewSetMixin:
    """For the PerimetreModelViewSet of a model with a state machine: the edit form class, and
    the URLs `<name>:transition` (one view per viewset, parametrised by `actions`),
    `<name>:transition_groupee` (when `colonnes_groupees` is set) and `<name>:ajouter_document`
    (when `ajout_document_view_class` is set). The views' URL namespace is the viewset's name."""

    base_form_class = None  # the form that checks the object with its child forms
    actions = {}  # transition name → Action
    colonnes_groupees = ()  # (label, callable(objet)) of the bulk page; empty: no bulk page
    ajout_document_view_class = None

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=self.base_form_class).bind_to_model(
            self.model
        )

    def get_urlpatterns(self):
        vue = {"model": self.model, "espace": self.name}
        urls = [
            *super().get_urlpatterns(),
            path(
                "transition/<int:pk>/<str:nom>/",
                TransitionView.as_view(actions=self.actions, **vue),
                name="transition",
            ),
        ]
        if self.colonnes_groupees:
            urls.append(
                path(
                    "traitement-groupe/<str:nom>/",
                    TransitionGroupeeView.as_view(
                        actions=self.actions, colonnes=self.colonnes_groupees, **vue
                    ),
                    name="transition_groupee",
                )
            )
        if self.ajout_document_view_class is not None:
            urls.append(
                path(
                    "documents/<int:pk>/ajouter/",
                    self.ajout_document_view_class.as_view(**vue),
                    name="ajouter_document",
                )
            )
        return urls


class CreationJournaliseeMixin:
    """For the create view of a model with a state machine: records its author (`cree_par`) and
    opens its timeline with the creation entry."""

    def save_instance(self):
        self.form.instance.cree_par = self.request.user
        instance = self.form.save()
        journaliser_creation(instance, self.request.user)
        return instance


class SuppressionEncadreeVueMixin:
    """For the delete view of a model under workflows/suppression.py: when the rules refuse
    (state, links, role), their French reason and back to the object's page, the confirmation
    never shown; the deletion itself goes through `supprimer`."""

    # Declared so that the viewset passes it to delete views too (see GardeEtatMixin).
    inspect_url_name = None

    def refuser(self, motif):
        messages.error(self.request, motif)
        return redirect(self.inspect_url_name, self.object.pk)

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        motif = suppression.motif_refus(self.object, request.user)
        if motif:
            return self.refuser(motif)
        return super().dispatch(request, *args, **kwargs)

    def delete_action(self):
        suppression.supprimer(self.object, self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except suppression.SuppressionInterdite as refus:  # changed since the page was shown
            return self.refuser(refus.message)


class GardeEtatMixin:
    """For an edit or delete view: open only while the object's state allows it (`permis`);
    otherwise a French message (`message_refus`, where `{etat}` is the current state) and back
    to the object's page, the form never shown."""

    etats_permis = ()
    message_refus = ""
    # Declared so that the viewset passes it to delete views too (Wagtail only gives a view the
    # URL names it declares): the refusal goes back to the object's page.
    inspect_url_name = None

    def permis(self, objet):
        return getattr(objet, objet.CHAMP_ETAT) in self.etats_permis

    def dispatch(self, request, *args, **kwargs):
        objet = self.get_object()
        if not self.permis(objet):
            messages.error(request, self.message_refus.format(etat=objet.libelle_etat().lower()))
            return redirect(self.inspect_url_name, objet.pk)
        return super().dispatch(request, *args, **kwargs)
