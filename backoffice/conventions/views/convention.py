"""Pages of one convention: list, creation, edition, deletion, inspect page and added documents."""

from django.urls import reverse
from django.utils import timezone

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    PerimetreCreateView,
    PerimetreDeleteView,
    PerimetreEditView,
    PerimetreIndexView,
    PerimetreInspectView,
)
from backoffice.documents.vues import AjoutDocumentView
from backoffice.offre.historique import historique
from backoffice.offre.models import Dispositif, exercice_courant
from workflows import suppression, vues
from workflows.services import chronologie

from .. import services
from ..filters import (
    filtrer_file,
)
from ..models import (
    ETATS_ACTIFS,
    Convention,
    DocumentConvention,
    EtatConvention,
    LigneConvention,
    NatureDocument,
)
from .actions import (
    ACTIONS_CONVENTION,
    ETATS_MODIFIABLES,
    modifiable_par,
)

# ---------------------------------------------------------------------------------------------
# Conventions
# ---------------------------------------------------------------------------------------------


class ConventionIndexView(PerimetreIndexView):
    template_name = "conventions/index.html"

    def get_liste_queryset(self):
        return Convention.objects.select_related("entite", "departement")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        base = self.get_base_queryset()
        context["files"] = [
            (cle, libelle, filtrer_file(base, cle).count(), self.request.GET.get("file") == cle)
            for cle, libelle in (
                ("a_pre_valider", "À pré-valider"),
                ("a_valider", "À valider"),
                ("a_signer", "À signer"),
                ("fin_3_mois", "Fin dans 3 mois"),
                ("fin_6_mois", "Fin dans 6 mois"),
                ("sans_financement", "Sans financement"),
            )
        ]
        context["url_liste"] = reverse("convention:index")
        context["actions_groupees"] = [
            (nom, action.libelle, reverse("convention:transition_groupee", args=[nom]))
            for nom, action in ACTIONS_CONVENTION.items()
            if action.groupable
        ]
        return context


class ConventionCreateView(vues.CreationJournaliseeMixin, PerimetreCreateView):
    pass


class ConventionEditView(vues.GardeEtatMixin, PerimetreEditView):
    etats_permis = ETATS_MODIFIABLES
    message_refus = (
        "Une convention « {etat} » ne se modifie plus : "
        "elle évolue par ses actions (renvoi au brouillon, avenant, résiliation…)."
    )


def peut_supprimer(modele, objet, user):
    """Whether to offer « Supprimer »: the delete permission and the deletion rules."""
    return policy_for(modele).user_has_permission_for_instance(
        user, "delete", objet
    ) and not suppression.motif_refus(objet, user)


class ConventionDeleteView(vues.SuppressionEncadreeVueMixin, PerimetreDeleteView):
    pass


def versions_des_lignes(convention):
    """Every recorded version of the per-dispositif lines, newest first (for the inspect page)."""
    versions = (
        LigneConvention.history.filter(convention_id=convention.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    dispositifs = {
        d.pk: d
        for d in Dispositif.objects.filter(pk__in={v.dispositif_id for v in versions}).only(
            "pk", "code", "nom"
        )
    }
    return [
        {
            "date": v.history_date,
            "dispositif": dispositifs.get(v.dispositif_id),
            "places": v.places_conventionnees,
            "type": {"+": "Ajout", "~": "Modification", "-": "Retrait"}.get(v.history_type),
            "motif": v.history_change_reason or "",
            "auteur": (v.history_user.get_full_name() or v.history_user.email)
            if v.history_user
            else "Système",
        }
        for v in versions[:100]
    ]


class ConventionInspectView(PerimetreInspectView):
    template_name = "conventions/convention_inspect.html"
    fields = [
        "numero",
        "intitule",
        "type_convention",
        "entite",
        "departement",
        "nationale",
        "etat",
        "date_debut",
        "date_fin",
        "signataire",
        "signataire_nom",
        "date_signature",
        "convention_precedente",
        "objectifs",
        "observations",
        "date_resiliation",
        "motif_resiliation",
    ]

    def get_edit_url(self):
        if modifiable_par(ConventionEditView, self.object) and policy_for(
            Convention
        ).user_has_permission_for_instance(self.request.user, "change", self.object):
            return reverse("convention:edit", args=[self.object.pk])
        return None

    def get_delete_url(self):
        if peut_supprimer(Convention, self.object, self.request.user):
            return reverse("convention:delete", args=[self.object.pk])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        convention = self.object
        user = self.request.user
        aujourdhui = timezone.localdate()
        exercice = exercice_courant()
        peut_modifier = policy_for(Convention).user_has_permission_for_instance(
            user, "change", convention
        )
        lignes = list(
            convention.lignes.select_related("dispositif__type", "dispositif__departement")
        )
        financements = list(
            perimetres.filtrer(
                convention.financements.select_related("dispositif", "programme"),
                perimetres.perimetre_pour(user, "offre.financement", "view"),
            )
        )
        context.update(
            {
                "boutons": vues.boutons_transitions(
                    convention, user, ACTIONS_CONVENTION, "convention"
                ),
                "chronologie": chronologie(convention),
                "lignes": lignes,
                "total_places": sum(ligne.places_conventionnees for ligne in lignes),
                "montants": list(convention.montants.all()),
                "avenants": list(convention.avenants.all()),
                "documents": list(convention.documents.select_related("document", "avenant")),
                "financements": financements,
                "sans_financement_exercice": convention.etat in ETATS_ACTIFS
                and not any(f.exercice == exercice for f in financements),
                "exercice": exercice,
                "historique": historique(convention),
                "versions_lignes": versions_des_lignes(convention),
                "renouvellements": list(convention.renouvellements.exclude(etat="abandonnee")),
                "url_ajout_document": reverse("convention:ajouter_document", args=[convention.pk])
                if peut_modifier and convention.etat != EtatConvention.ABANDONNEE
                else None,
                "peut_rattacher": peut_modifier,
                # Covered dispositifs are lines of the draft's form.
                "url_modifier_lignes": self.get_edit_url(),
                "peut_ajouter_avenant": services.peut_ajouter_avenant(convention, user),
                "peut_renouveler": services.peut_renouveler(convention, user),
                "places_au_jour": convention.lignes_au(aujourdhui)
                if convention.en_vigueur_le(aujourdhui)
                else {},
                "candidatures": list(convention.candidatures.select_related("appel"))
                if hasattr(convention, "candidatures")
                else [],
            }
        )
        return context


class AjoutDocumentConventionView(AjoutDocumentView):
    natures = [
        (NatureDocument.PROJET, NatureDocument.PROJET.label),
        (NatureDocument.ANNEXE, NatureDocument.ANNEXE.label),
        (NatureDocument.AUTRE, NatureDocument.AUTRE.label),
    ]
    modele_document = DocumentConvention
    champ_objet = "convention"
    nom_collection = "Conventions"
