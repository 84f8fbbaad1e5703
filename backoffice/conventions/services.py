"""Rules of conventions acted from the pages: renewal, the financing lines a convention funds,
and drafting an avenant from another part of the site. The views parse, call these and render."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.offre.models import Financement
from workflows.services import journaliser_creation

from .models import (
    ETATS_ACTIFS,
    Avenant,
    Convention,
    EtatConvention,
    LigneAvenant,
    LigneConvention,
    MontantAvenant,
    peut_rediger,
)
from .notifications import notifier_avenant_cree

ETATS_RENOUVELABLES = (EtatConvention.SIGNEE, EtatConvention.EN_VIGUEUR, EtatConvention.EXPIREE)


# ---------------------------------------------------------------------------------------------
# Financing lines funded by a convention
# ---------------------------------------------------------------------------------------------


def financements_rattachables(convention, acteur):
    """The financing lines `acteur` may link to `convention`: those of the dispositifs it
    covers, inside the actor's perimeter for changing financing lines."""
    modifiables = perimetres.filtrer(
        Financement.objects.all(),
        perimetres.perimetre_pour(acteur, "offre.financement", "change"),
    )
    return (
        modifiables.filter(dispositif__lignes_convention__convention=convention)
        .select_related("dispositif", "programme", "convention")
        .distinct()
        .order_by("-exercice", "dispositif__code")
    )


def rattacher_financements(convention, choisis, candidats):
    """Link the chosen lines to `convention` and unlink the other candidates it held; lines
    locked while written (two pages saved at once do not undo each other)."""
    choisis = {f.pk for f in choisis}
    with transaction.atomic():
        verrouilles = Financement.objects.filter(pk__in=candidats.values("pk")).select_for_update()
        for financement in verrouilles:
            if financement.pk in choisis and financement.convention_id != convention.pk:
                financement.convention = convention
            elif financement.pk not in choisis and financement.convention_id == convention.pk:
                financement.convention = None
            else:
                continue
            financement._change_reason = f"Rattachement à la convention {convention.numero}"
            financement.save()


# ---------------------------------------------------------------------------------------------
# Avenants
# ---------------------------------------------------------------------------------------------


def peut_ajouter_avenant(convention, acteur):
    """Signed or in force, and the actor may create avenants and draft this convention."""
    return (
        convention.etat in ETATS_ACTIFS
        and policy_for(Avenant).user_has_permission(acteur, "add")
        and peut_rediger(convention, acteur)
    )


def rediger_avenant(
    convention, acteur, *, objet, date_effet, lignes=(), montants=(), commentaire=""
):
    """Create a draft avenant to `convention` for another part of the site (a control's
    minoration budgétaire): checked like the form's (`full_clean`), with its lines (`lignes`:
    [(dispositif id, new places)]) and amounts (`montants`: [(exercice, new amount)]), the first
    entry of its timeline and the e-mail to its validators, as the « Rédiger un avenant » page
    does. Raises PermissionDenied when `acteur` may not draft it, ValidationError (French) when
    the avenant is invalid; nothing is written then."""
    if not peut_ajouter_avenant(convention, acteur):
        raise PermissionDenied("Vous ne pouvez pas rédiger d'avenant à cette convention.")
    avenant = Avenant(convention=convention, objet=objet, date_effet=date_effet, cree_par=acteur)
    with transaction.atomic():
        avenant.full_clean(exclude=["numero"])
        avenant.save()
        for dispositif_id, places in lignes:
            LigneAvenant.objects.create(
                avenant=avenant, dispositif_id=dispositif_id, places_conventionnees=places
            )
        for exercice, montant in montants:
            MontantAvenant.objects.create(avenant=avenant, exercice=exercice, montant=montant)
        journaliser_creation(avenant, acteur, commentaire=commentaire)
        notifier_avenant_cree(avenant)
    return avenant


# ---------------------------------------------------------------------------------------------
# Renewal
# ---------------------------------------------------------------------------------------------


def peut_renouveler(convention, acteur):
    """Signed, in force or expired, and the actor may create conventions and draft this one."""
    return (
        convention.etat in ETATS_RENOUVELABLES
        and policy_for(Convention).user_has_permission(acteur, "add")
        and peut_rediger(convention, acteur)
    )


def renouveler(ancienne, acteur):
    """Create the draft renewing `ancienne`: same entité, dispositifs and places, starting the
    day after its end, for the same length. Raises ValidationError (French) if the draft is
    invalid; nothing is written then."""
    debut = (ancienne.date_fin or timezone.localdate()) + datetime.timedelta(days=1)
    duree = (ancienne.date_fin - ancienne.date_debut) if ancienne.date_fin else None
    nouvelle = Convention(
        intitule=ancienne.intitule,
        type_convention=ancienne.type_convention,
        entite=ancienne.entite,
        departement=ancienne.departement,
        nationale=ancienne.nationale,
        date_debut=debut,
        date_fin=debut + duree if duree else None,
        signataire=ancienne.signataire,
        signataire_nom=ancienne.signataire_nom,
        objectifs=ancienne.objectifs,
        convention_precedente=ancienne,
        cree_par=acteur,
    )
    with transaction.atomic():
        nouvelle.full_clean(exclude=["numero"])
        nouvelle._change_reason = f"Renouvellement de {ancienne.numero}"
        nouvelle.save()
        for ligne in ancienne.lignes.all():
            LigneConvention.objects.create(
                convention=nouvelle,
                dispositif_id=ligne.dispositif_id,
                places_conventionnees=ligne.places_conventionnees,
            )
        journaliser_creation(nouvelle, acteur, commentaire=f"Renouvellement de {ancienne.numero}")
    return nouvelle
