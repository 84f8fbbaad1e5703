"""A request's page (timeline, attachments, diff, duplicates), its attachment download, and
the edit/delete/add URLs that lead elsewhere (a request is filed, never edited)."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from backoffice.acces import perimetres
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreDeleteView,
    PerimetreEditView,
    PerimetreHistoryView,
    PerimetreInspectView,
)
from backoffice.documents.telechargement import vue_telechargement
from backoffice.offre.models import (
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
)
from workflows.services import (
    chronologie,
    transitions_disponibles,
)

from ..droits import voit_commentaires_internes
from ..forms import (
    TransitionForm,
)
from ..models import Demande, EtatDemande, PieceJointe, TypeDemande
from ..sections import sections_de_la_demande
from .affichage import diff_affiche, doublons_possibles, lignes_donnees, tableau_lignes
from .transitions import TRANSITIONS


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
                "sections": sections_de_la_demande(demande, self.request),
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


class PieceJointeView(PermissionCheckedMixin, View):
    """Download of an attachment: the documents' one perimeter-checked download
    (backoffice/documents/telechargement.py), behind the admin's permission check."""

    model = PieceJointe
    any_permission_required = ["view", "change"]
    telecharger = staticmethod(vue_telechargement(PieceJointe, LECTURE))

    def get(self, request, pk):
        return self.telecharger(request, pk=pk)


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
