"""Admin screens of the requests (docs/domaine.md §5.1): work queues per role, the inspect page with
its timeline, attachments, before/after diff and possible duplicates, the transition buttons, bulk
actions from the queues, and the modification/closure requests filed from a dispositif page.

Every state change goes through workflows.services.executer_transition (role AND perimeter,
atomic, logged, safe against concurrent actions); every view fetches its rows through the
permission policy's scoped querysets, so anything out of perimeter is answered as not found.
"""

import re

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.roles import Role
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreDeleteView,
    PerimetreEditView,
    PerimetreHistoryView,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
    deux_lignes,
)
from backoffice.offre.models import (
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
    TypeDispositif,
)
from backoffice.offre.validators import normaliser_siren, normaliser_siret
from backoffice.recherche.filtres import rechercher
from backoffice.recherche.texte import normaliser
from backoffice.territoires.models import Departement
from workflows.services import (
    TransitionImpossible,
    chronologie,
    executer_transition,
    queryset_pour,
    transitions_disponibles,
)

from .filters import DemandeFilterSet, File
from .forms import (
    ActionsGroupeesForm,
    DemandeFermetureForm,
    DemandeModificationForm,
    FinancementDemandeForm,
    TransitionForm,
)
from .materialisation import diff_modification
from .models import Demande, EtatDemande, PieceJointe, TypeDemande
from .notifications import notifier_nouvelle_demande

# Button label, success message ("D-2026-000012 : pré-validée"), button style, per transition.
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


# ---------------------------------------------------------------------------------------------
# Who sees what
# ---------------------------------------------------------------------------------------------


def voit_commentaires_internes(user, demande):
    """Internal comments are for the administrations only: never for the requester's side
    (the account that filed it, the entité's gestionnaires)."""
    if demande.compte_demandeur_id and demande.compte_demandeur_id == user.pk:
        return False
    perimetre = perimetres.perimetre_pour(
        user, "demandes.demande", LECTURE, exclure_roles=(Role.GESTIONNAIRE,)
    )
    return perimetres.contient(perimetre, demande)


def dispositifs_demandables(user):
    """Dispositifs on which `user` may file a modification or closure request: the "add" right
    on requests, within its perimeter (an entité's gestionnaire: its entité's dispositifs)."""
    perimetre = perimetres.perimetre_pour(user, "demandes.demande", ("add",))
    return perimetres.filtrer(Dispositif.objects.all(), perimetre)


def peut_demander_changement(user, dispositif):
    from backoffice.offre.droits import peut_modifier_structure

    # Who may edit the structure directly does not need to ask.
    if peut_modifier_structure(user, dispositif):
        return False
    return dispositifs_demandables(user).filter(pk=dispositif.pk).exists()


def _url_suivante(request, defaut):
    suivante = request.POST.get("next") or request.GET.get("next")
    if suivante and url_has_allowed_host_and_scheme(
        suivante, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return suivante
    return defaut


# ---------------------------------------------------------------------------------------------
# Display of the requested values (JSON) with the registry's labels
# ---------------------------------------------------------------------------------------------

_REFERENCES = {"type": TypeDispositif, "departement": Departement}


def _champ(model, nom):
    try:
        return model._meta.get_field(nom)
    except FieldDoesNotExist:
        for champ in model._meta.concrete_fields:
            if champ.attname == nom:
                return champ
    return None


def valeur_affichee(champ, valeur):
    if valeur in (None, ""):
        return "—"
    if champ is None:
        return valeur
    if champ.choices:
        return dict(champ.flatchoices).get(valeur, valeur)
    if champ.is_relation and champ.related_model in _REFERENCES.values():
        objet = champ.related_model._default_manager.filter(pk=valeur).first()
        return str(objet) if objet else valeur
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    try:
        python = champ.to_python(valeur)
    except (ValidationError, TypeError, ValueError):  # a stored value that no longer parses
        return valeur
    if hasattr(python, "strftime"):
        return python.strftime("%d/%m/%Y")
    return python


def lignes_donnees(model, donnees):
    """[(label, displayed value)] of a JSON dict of model values."""
    lignes = []
    for nom, valeur in donnees.items():
        champ = _champ(model, nom)
        libelle = str(champ.verbose_name) if champ is not None else nom
        lignes.append((libelle[:1].upper() + libelle[1:], valeur_affichee(champ, valeur)))
    return lignes


def tableau_lignes(model, lignes):
    """(headers, rows) of a list of JSON dicts (groupes, financements of a request)."""
    noms = []
    for ligne in lignes:
        noms += [nom for nom in ligne if nom not in noms]
    champs = [_champ(model, nom) for nom in noms]
    entetes = [
        str(c.verbose_name) if c is not None else n for n, c in zip(noms, champs, strict=True)
    ]
    rangees = [
        [valeur_affichee(c, ligne.get(n)) for n, c in zip(noms, champs, strict=True)]
        for ligne in lignes
    ]
    return entetes, rangees


def diff_affiche(demande):
    """diff_modification with the registry's labels instead of raw values."""
    par_libelle = {str(c.verbose_name): c for c in Dispositif._meta.concrete_fields}
    lignes = []
    for libelle, avant, apres in diff_modification(demande):
        champ = par_libelle.get(libelle)
        if champ is not None and champ.is_relation:
            avant, apres = getattr(avant, "pk", avant), getattr(apres, "pk", apres)
        lignes.append(
            (
                libelle[:1].upper() + libelle[1:],
                valeur_affichee(champ, avant),
                valeur_affichee(champ, apres),
            )
        )
    return lignes


def doublons_possibles(demande, user):
    """Existing entités and dispositifs that may be the requested ones, within the user's
    perimeter only: same SIREN; same name and commune; same SIRET; same FINESS."""
    donnees = demande.donnees_dispositif or {}
    entites = []
    siren = normaliser_siren((demande.nouvelle_entite or {}).get("siren", ""))
    if siren and not demande.entite_id:
        entites = list(
            perimetres.filtrer(
                EntiteGestionnaire.objects.filter(siren=siren),
                perimetres.perimetre_pour(user, "offre.entitegestionnaire", "view"),
            )
        )
    visibles = perimetres.filtrer(
        Dispositif.objects.select_related("entite", "type"),
        perimetres.perimetre_pour(user, "offre.dispositif", "view"),
    )
    if demande.dispositif_id:
        visibles = visibles.exclude(pk=demande.dispositif_id)
    trouves = []  # (raison, dispositifs), in the order the reasons are listed
    nom, commune = normaliser(donnees.get("nom")), normaliser(donnees.get("commune"))
    if nom and commune:
        # Same name and commune whatever the accents, case and punctuation ("Foyer l'Étape" is
        # "FOYER L ETAPE"): the search column narrows the rows, the exact comparison decides.
        candidats = rechercher(visibles, f"{nom} {commune}")
        trouves.append(
            (
                "même nom et même commune",
                [
                    d
                    for d in candidats
                    if (normaliser(d.nom), normaliser(d.commune)) == (nom, commune)
                ],
            )
        )
    siret = normaliser_siret(donnees.get("siret") or "")
    if siret:
        trouves.append(("même SIRET", visibles.filter(siret=siret)))
    finess = (donnees.get("finess") or "").strip().upper()
    if finess:
        trouves.append(("même FINESS", visibles.filter(finess=finess)))
    dispositifs = {}
    for raison, lignes in trouves:
        for dispositif in lignes:
            dispositifs.setdefault(dispositif.pk, (dispositif, []))[1].append(raison)
    return {
        "entites": [(entite, ["même SIREN"]) for entite in entites],
        "dispositifs": list(dispositifs.values()),
    }


# ---------------------------------------------------------------------------------------------
# Listing: queues, filters, search, export, bulk actions
# ---------------------------------------------------------------------------------------------


class CaseColumn(BaseColumn):
    """A checkbox per row, attached to the bulk-action form by its `form` attribute (the form
    sits outside the table, which is re-rendered when filters change)."""

    cell_template_name = "demandes/_cellule_case.html"
    header_template_name = "demandes/_entete_case.html"

    def __init__(self):
        super().__init__("selection", label="Sélection", width="1%")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["form_id"] = ActionsGroupeesView.FORM_ID
        return context


NUMERO = re.compile(r"^D-?(\d{4})-?0*(\d+)$", re.IGNORECASE)


class DemandeIndexView(PerimetreIndexView):
    results_template_name = "demandes/index_results.html"

    def get_liste_queryset(self):
        return Demande.objects.select_related(
            "departement", "type_dispositif__nature", "dispositif", "entite"
        )

    @cached_property
    def peut_agir(self):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    @cached_property
    def columns(self):
        colonnes = super().columns
        return [CaseColumn(), *colonnes] if self.peut_agir else colonnes

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        texte = self.search_query.strip()
        numero = NUMERO.match(texte)
        if numero:
            return queryset.filter(pk=int(numero.group(2)), soumise_le__year=int(numero.group(1)))
        return super().search_queryset(queryset)

    # Requests are neither added, edited nor deleted here: they are filed (public form, the
    # dispositif page) and move through transitions only.
    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_compteurs(self):
        return self.get_base_queryset().aggregate(
            **{file: Count("pk", filter=Q(etat__in=etats)) for file, etats in File.ETATS.items()}
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        file_active = self.request.GET.get("file", "")
        compteurs = self.get_compteurs()
        context["files"] = [
            {
                "code": code,
                "libelle": libelle,
                "nombre": compteurs[code],
                "active": code == file_active,
                "url": f"{self.index_url}?file={code}",
            }
            for code, libelle in File.CHOICES
        ]
        context["peut_agir"] = self.peut_agir
        if self.peut_agir:
            context["form_actions"] = ActionsGroupeesForm()
            context["form_actions_id"] = ActionsGroupeesView.FORM_ID
            context["url_actions"] = reverse("demande:actions_groupees")
        return context


class ActionsGroupeesView(PermissionCheckedMixin, View):
    """Pré-validate or validate the checked requests with one comment. Each one goes through the
    transition service on its own and is reported on its own: one refusal does not stop the
    others, and nothing is done that the user could not do request by request."""

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
        for pk in sorted(set(form.cleaned_data["demandes"])):
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


# ---------------------------------------------------------------------------------------------
# Inspect page, transitions, attachments
# ---------------------------------------------------------------------------------------------


class DemandeInspectView(PerimetreInspectView):
    template_name = "demandes/demande_inspect.html"

    def get_object(self, queryset=None):
        objet = super().get_object(queryset)
        return Demande.objects.select_related(
            "departement",
            "type_dispositif__nature",
            "dispositif__type__nature",
            "dispositif__entite",
            "entite",
            "compte_demandeur",
        ).get(pk=objet.pk)

    def get_page_subtitle(self):
        return f"{self.object.numero} – {self.object.titre}"

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        demande, user = self.object, self.request.user
        internes = voit_commentaires_internes(user, demande)
        noms = transitions_disponibles(demande, user)
        boutons = []
        for nom in noms:
            libelle, _, classe = TRANSITIONS.get(nom, (nom, nom, "button"))
            if nom == "valider" and demande.etat == EtatDemande.SOUMISE:
                libelle = "Valider directement"
            boutons.append(
                {
                    "nom": nom,
                    "libelle": libelle,
                    "classe": classe,
                    "url": reverse("demande:transition", args=[demande.pk, nom]),
                    "commentaire_obligatoire": nom in {"refuser", "demander_complements"},
                }
            )
        evenements = chronologie(demande, publique=not internes)
        lien_dispositif = None
        if demande.dispositif_id and perimetres.contient(
            perimetres.perimetre_pour(user, "offre.dispositif", "view"), demande.dispositif
        ):
            lien_dispositif = reverse("dispositif:inspect", args=[demande.dispositif_id])
        context.update(
            {
                "demande": demande,
                "evenements": evenements,
                "lien_dispositif": lien_dispositif,
                "voit_internes": internes,
                "boutons": boutons,
                "form_transition": TransitionForm(),
                "pieces": [
                    (piece, reverse("demande:piece", args=[piece.pk]))
                    for piece in demande.pieces.all()
                ],
                "historique_url": reverse("demande:history", args=[quote(demande.pk)])
                if internes
                else None,
            }
        )
        if demande.type_demande == TypeDemande.CREATION:
            context["lignes_entite"] = lignes_donnees(EntiteGestionnaire, demande.nouvelle_entite)
            context["lignes_dispositif"] = lignes_donnees(Dispositif, demande.donnees_dispositif)
            if internes and demande.etat in (EtatDemande.SOUMISE, EtatDemande.PRE_VALIDEE):
                context["doublons"] = doublons_possibles(demande, user)
        elif demande.type_demande == TypeDemande.MODIFICATION:
            if demande.etat == EtatDemande.VALIDEE:
                context["lignes_dispositif"] = lignes_donnees(
                    Dispositif, demande.donnees_dispositif
                )
            else:
                context["montrer_diff"] = True
                context["diff"] = diff_affiche(demande)
        if demande.groupes:
            context["groupes"] = tableau_lignes(GroupeDePlaces, demande.groupes)
        if demande.financements:
            context["financements"] = tableau_lignes(Financement, demande.financements)
        if demande.entite_id and internes:
            context["dispositifs_entite"] = perimetres.filtrer(
                demande.entite.dispositifs.select_related("type", "departement"),
                perimetres.perimetre_pour(user, "offre.dispositif", "view"),
            )
        return context


class TransitionView(PermissionCheckedMixin, View):
    """One POST per transition button: runs it through the service, then says what happened.
    Out of perimeter: 404. Not allowed, or no longer possible: an error message, nothing
    changed."""

    model = Demande
    any_permission_required = ["view", "change"]
    http_method_names = ["post"]

    def post(self, request, pk, nom):
        # Out of perimeter → 404 before anything else is looked at.
        demande = get_object_or_404(queryset_pour(Demande, request.user), pk=pk)
        retour = reverse("demande:inspect", args=[demande.pk])
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for erreurs in form.errors.values():
                for erreur in erreurs:
                    messages.error(request, erreur)
            return redirect(retour)
        interne = form.cleaned_data["interne"] and voit_commentaires_internes(request.user, demande)
        try:
            demande = executer_transition(
                Demande,
                demande.pk,
                nom,
                request.user,
                commentaire=form.cleaned_data["commentaire"].strip(),
                interne=interne,
            )
        except TransitionImpossible as exc:
            messages.error(request, exc.message)
        except PermissionDenied:
            messages.error(
                request, "Vous n'avez pas le droit d'effectuer cette action sur cette demande."
            )
        else:
            messages.success(request, f"{demande.numero} : {TRANSITIONS[nom][1]}.")
        return redirect(retour)


class PieceJointeView(PermissionCheckedMixin, View):
    """Download of an attachment, through the perimeter (never the raw media URL)."""

    model = PieceJointe
    any_permission_required = ["view", "change"]

    def get(self, request, pk):
        pieces = policy_for(PieceJointe).filtrer(PieceJointe.objects.all(), request.user, LECTURE)
        piece = get_object_or_404(pieces, pk=pk)
        try:
            fichier = piece.fichier.open("rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404("Fichier introuvable.") from exc
        return FileResponse(
            fichier,
            as_attachment=True,
            filename=piece.nom,
            content_type=piece.type_mime or "application/octet-stream",
        )


class DemandeEditView(PerimetreEditView):
    """A request is never edited: its data is the requester's; the old URL leads to its page."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("demande:inspect", self.get_object().pk)


class DemandeDeleteView(PerimetreDeleteView):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class DemandeHistoryView(PerimetreHistoryView):
    """The log shows every comment, internal ones included: administrations only."""

    any_permission_required = ["change", "view"]

    def dispatch(self, request, *args, **kwargs):
        if not voit_commentaires_internes(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DemandeAddView(PermissionCheckedMixin, View):
    """There is no blank request form in the admin: creations come through the public form,
    modifications and closures from the dispositif's page."""

    model = Demande
    permission_required = "add"
    template_name = None

    def get(self, request):
        messages.info(
            request,
            "Pour demander la modification ou la fermeture d'un dispositif, ouvrez sa fiche. "
            "Les demandes de création passent par le formulaire public.",
        )
        return redirect("dispositif:index")


# ---------------------------------------------------------------------------------------------
# Modification and closure requests (from the dispositif page)
# ---------------------------------------------------------------------------------------------


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
        with transaction.atomic():
            demande.save()
            notifier_nouvelle_demande(demande)
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


# ---------------------------------------------------------------------------------------------
# Viewset
# ---------------------------------------------------------------------------------------------


class DemandeViewSet(PerimetreModelViewSet):
    model = Demande
    icon = "mail"
    menu_label = "Demandes"
    menu_order = 200
    add_to_admin_menu = False  # the "Demandes" menu with its queues: wagtail_hooks
    url_prefix = "demandes"
    name = "demande"
    index_view_class = DemandeIndexView
    inspect_view_class = DemandeInspectView
    edit_view_class = DemandeEditView
    delete_view_class = DemandeDeleteView
    history_view_class = DemandeHistoryView
    add_view_class = DemandeAddView
    index_template_name = "demandes/index.html"
    filterset_class = DemandeFilterSet
    # The request's own names (requested dispositif and entité, requester), then the existing
    # dispositif's and entité's; a number (D-2026-00012) is matched apart (search_queryset).
    search_fields = ["recherche", "dispositif__recherche", "entite__recherche"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "numero", label="Numéro", url_name="demande:inspect", sort_key="pk", classname="code"
        ),
        Column("get_type_demande_display", label="Type", sort_key="type_demande"),
        Column("titre", label="Dispositif", accessor=deux_lignes("titre")),
        Column(
            "demandeur_organisation",
            label="Organisation",
            sort_key="demandeur_organisation",
            accessor=deux_lignes("demandeur_organisation"),
        ),
        Column("nature", label="Nature"),
        Column("departement_id", label="Dép.", sort_key="departement"),
        Column("get_etat_display", label="État", sort_key="etat"),
        Column(
            "age_jours",
            label="En attente depuis (jours)",
            sort_key="etat_depuis",
            classname="nombre",
        ),
    ]
    list_export = [
        "numero",
        "get_type_demande_display",
        "titre",
        "type_dispositif.nature.libelle",
        "type_dispositif.libelle",
        "departement_id",
        "demandeur_organisation",
        "demandeur_nom",
        "demandeur_courriel",
        "get_etat_display",
        "soumise_le",
        "etat_depuis",
        "age_jours",
        "decidee_le",
        "motif_refus",
    ]
    export_headings = {
        "numero": "Numéro",
        "get_type_demande_display": "Type de demande",
        "titre": "Dispositif",
        "type_dispositif.nature.libelle": "Nature",
        "type_dispositif.libelle": "Type de dispositif",
        "departement_id": "Département",
        "demandeur_organisation": "Organisation",
        "demandeur_nom": "Demandeur",
        "demandeur_courriel": "Courriel du demandeur",
        "get_etat_display": "État",
        "soumise_le": "Déposée le",
        "etat_depuis": "Dans cet état depuis",
        "age_jours": "En attente depuis (jours)",
        "decidee_le": "Décision le",
        "motif_refus": "Motif du refus",
    }
    export_filename = "demandes"
    form_fields = ["description"]
    ordering = ["etat_depuis", "pk"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "transition/<int:pk>/<slug:nom>/",
                self.construct_view(TransitionView),
                name="transition",
            ),
            path(
                "actions-groupees/",
                self.construct_view(ActionsGroupeesView),
                name="actions_groupees",
            ),
            path("pieces/<int:pk>/", self.construct_view(PieceJointeView), name="piece"),
            path(
                "dispositif/<int:dispositif_pk>/modification/",
                self.construct_view(DemandeChangementView, type_demande=TypeDemande.MODIFICATION),
                name="demander_modification",
            ),
            path(
                "dispositif/<int:dispositif_pk>/fermeture/",
                self.construct_view(DemandeChangementView, type_demande=TypeDemande.FERMETURE),
                name="demander_fermeture",
            ),
        ]
