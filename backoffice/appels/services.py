"""Filing and editing a candidature: the one entry point of each (admin form of a gestionnaire or
of the DDETS, the demo, the tests).

A candidature is born `deposee`; it may only be filed — and edited — while its call is `publie`
and before the deadline. The call's row is locked while the candidature is written, so a call
closed at the same moment by the scheduled task cannot receive a late candidature or change.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from backoffice.acces.policies import policy_for
from backoffice.documents.depot import enregistrer_document
from workflows.services import TransitionImpossible, journaliser_creation, journaliser_evenement

from .etats import EtatAppel
from .models import AppelAProjets, Candidature, DocumentCandidature, NatureDocumentCandidature
from .notifications import notifier_depot
from .regles import entites_de, peut_deposer


def deposer_candidature(acteur, candidature, *, fichier=None, maintenant=None):
    """Validate and save a new (unsaved) candidature; raise Http404 (call out of reach),
    PermissionDenied, TransitionImpossible (call not open) or ValidationError (fields)."""
    maintenant = maintenant or timezone.now()
    with transaction.atomic():
        try:
            appel = (
                policy_for(AppelAProjets)
                .filtrer(AppelAProjets.objects.all(), acteur, ("view",))
                .select_for_update()
                .get(pk=candidature.appel_id)
            )
        except ObjectDoesNotExist as exc:
            raise Http404("Appel à projets introuvable.") from exc
        if not appel.depot_ouvert(maintenant):
            if appel.etat != EtatAppel.PUBLIE:
                raise TransitionImpossible(
                    "Les candidatures ne sont reçues que lorsque l'appel à projets est publié "
                    f"(il est « {appel.get_etat_display()} »)."
                )
            raise TransitionImpossible(
                "La date limite de dépôt est passée "
                f"({timezone.localtime(appel.date_limite):%d/%m/%Y à %H:%M}) : "
                "la candidature n'est pas enregistrée."
            )
        candidature.appel = appel
        if not peut_deposer(acteur, candidature):
            raise PermissionDenied("Vous ne pouvez pas déposer de candidature pour cette entité.")
        candidature.deposee_par = acteur
        candidature.deposee_le = maintenant
        candidature.etat_depuis = maintenant
        candidature.deposee_pour_compte = candidature.entite_id not in entites_de(acteur)
        candidature.full_clean()
        candidature.save()
        if fichier is not None:
            ajouter_document(candidature, fichier, NatureDocumentCandidature.DOSSIER, acteur)
        journaliser_creation(candidature, acteur, transition="deposer")
        notifier_depot(candidature)
        return candidature


# What a filed candidature may change: the project, not its call nor its candidate.
CHAMPS_MODIFIABLES = (
    "departement",
    "nom_projet",
    "dispositif_existant",
    "places_proposees",
    "communes",
    "cout_journalier",
    "description",
)


def modifier_candidature(acteur, candidature, *, fichier=None, maintenant=None):
    """Save the changes made to a filed candidature (`candidature`: the changed instance, not
    saved) and record them in its timeline; `fichier`: a new application file, if any.

    Raise Http404 (out of the actor's perimeter for changes), PermissionDenied (the change
    would take it out of that perimeter), TransitionImpossible (examined,
    call closed or deadline passed, even while the form was open) or ValidationError (fields);
    in every case nothing is changed."""
    maintenant = maintenant or timezone.now()
    with transaction.atomic():
        try:
            enregistree = (
                policy_for(Candidature)
                .instances_user_has_any_permission_for(acteur, ("change",))
                .select_for_update(of=("self",))
                .get(pk=candidature.pk)
            )
        except ObjectDoesNotExist as exc:
            raise Http404("Candidature introuvable.") from exc
        enregistree.appel = AppelAProjets.objects.select_for_update().get(pk=enregistree.appel_id)
        motif = enregistree.motif_non_modifiable(maintenant)
        if motif:
            raise TransitionImpossible(motif)
        modifies = [
            str(Candidature._meta.get_field(nom).verbose_name)
            for nom in CHAMPS_MODIFIABLES
            if getattr(enregistree, Candidature._meta.get_field(nom).attname)
            != getattr(candidature, Candidature._meta.get_field(nom).attname)
        ]
        for nom in CHAMPS_MODIFIABLES:
            setattr(enregistree, nom, getattr(candidature, nom))
        if not policy_for(Candidature).user_has_permission_for_instance(
            acteur, "change", enregistree
        ):  # e.g. its places moved to a département of the call outside the actor's
            raise PermissionDenied("La candidature sortirait de votre périmètre.")
        enregistree.full_clean()
        enregistree.save()
        if fichier is not None:
            ajouter_document(enregistree, fichier, NatureDocumentCandidature.DOSSIER, acteur)
            modifies.append("nouveau dossier de candidature")
        journaliser_evenement(
            enregistree,
            acteur,
            "modifier",
            commentaire=f"Modifié : {', '.join(modifies)}." if modifies else "",
        )
        return enregistree


def ajouter_document(candidature, fichier, nature, acteur, titre=""):
    document = enregistrer_document(
        fichier,
        titre=titre or f"{candidature.numero} – {dict(NatureDocumentCandidature.choices)[nature]}",
        nom_collection="Candidatures",
        acteur=acteur,
    )
    return DocumentCandidature.objects.create(
        candidature=candidature, nature=nature, document=document, ajoute_par=acteur
    )
