"""Filing a candidature: the one entry point (admin form of a gestionnaire or of the DDETS).

A candidature is born `deposee`; it may only be filed while its call is `publie` and before the
deadline. The call's row is locked while the candidature is written, so a call closed at the
same moment by the scheduled task cannot receive a late candidature.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from backoffice.acces.policies import policy_for
from backoffice.acces.roles import Role
from workflows.acteurs import perimetre_des_roles
from workflows.services import TransitionImpossible, journaliser_creation

from .models import AppelAProjets, DocumentCandidature, NatureDocumentCandidature
from .models import peut_instruire as _peut_instruire


def peut_deposer(acteur, candidature):
    """The entité's gestionnaire, or an instructor of the département (recording for an
    operator without an account)."""
    perimetre = perimetre_des_roles(acteur, {Role.GESTIONNAIRE})
    if candidature.entite_id in perimetre.entites:
        return True
    return _peut_instruire(candidature, acteur)


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
            if appel.etat != "publie":
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
        candidature.deposee_pour_compte = candidature.entite_id not in _entites_de(acteur)
        candidature.full_clean()
        candidature.save()
        if fichier is not None:
            ajouter_document(candidature, fichier, NatureDocumentCandidature.DOSSIER, acteur)
        journaliser_creation(candidature, acteur, transition="deposer")
        from .notifications import notifier_depot

        notifier_depot(candidature)
        return candidature


def _entites_de(acteur):
    return perimetre_des_roles(acteur, {Role.GESTIONNAIRE}).entites


def ajouter_document(candidature, fichier, nature, acteur, titre=""):
    from backoffice.documents.depot import enregistrer_document

    document = enregistrer_document(
        fichier,
        titre=titre or f"{candidature.numero} – {dict(NatureDocumentCandidature.choices)[nature]}",
        nom_collection="Candidatures",
        acteur=acteur,
    )
    return DocumentCandidature.objects.create(
        candidature=candidature, nature=nature, document=document, ajoute_par=acteur
    )
