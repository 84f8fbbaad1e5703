"""The suites of a control that act on the rest of the park, each through the service its own
app uses (never by writing its rows here):

- a « minoration budgétaire » proposes a draft avenant on the convention in force covering the
  dispositif (`conventions.services.rediger_avenant`: the form's checks, timeline, e-mail to the
  validators), with the new yearly amount when the measure gives the minoration;
- a « fermeture » proposes a closure request of the dispositif (`demandes.services.deposer`, the
  one way a request comes into being), then instructed as any other (SIAO, then DDETS).

The measure keeps the link both ways (`Mesure.avenant`, `Mesure.demande_fermeture`; the avenant's
and the request's pages show the control through their hooks, wagtail_hooks.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from backoffice.conventions.models import ETATS_ACTIFS, LigneConvention, q_en_vigueur_le
from backoffice.conventions.services import rediger_avenant
from backoffice.demandes.choix import TypeDemande
from backoffice.demandes.models import Demande
from backoffice.demandes.services import deposer
from workflows.services import journaliser_evenement

from .choix import ETATS_SUITES, TypeMesure
from .models import Mesure
from .regles import peut_conduire


def convention_en_vigueur(dispositif, aujourdhui=None):
    """The convention in force today (signed or in force, within its period) covering the
    dispositif; the most recent one if several do. None if there is none."""
    aujourdhui = aujourdhui or timezone.localdate()
    ligne = (
        LigneConvention.objects.filter(
            q_en_vigueur_le(aujourdhui, "convention__"),
            dispositif=dispositif,
            convention__etat__in=ETATS_ACTIFS,
        )
        .select_related("convention")
        .order_by("-convention__date_debut", "-convention_id")
        .first()
    )
    return ligne.convention if ligne else None


def _peut_proposer(mesure, acteur, type_mesure, deja):
    return (
        mesure.type_mesure == type_mesure
        and not deja
        and mesure.controle.etat in ETATS_SUITES
        and peut_conduire(mesure.controle, acteur)
    )


def peut_proposer_avenant(mesure, acteur):
    return _peut_proposer(mesure, acteur, TypeMesure.MINORATION, mesure.avenant_id)


def peut_proposer_fermeture(mesure, acteur):
    return _peut_proposer(mesure, acteur, TypeMesure.FERMETURE, mesure.demande_fermeture_id)


def _verrouiller(mesure):
    return (
        Mesure.objects.select_for_update(of=("self",))
        .select_related("controle__dispositif__entite", "controle__dispositif__type")
        .get(pk=mesure.pk)
    )


def _refus(mesure, acteur, type_mesure, deja, quoi):
    if mesure.type_mesure != type_mesure:
        return f"Seule une mesure de type « {type_mesure.label} » propose {quoi}."
    if deja:
        return f"Cette mesure a déjà proposé {quoi}."
    if mesure.controle.etat not in ETATS_SUITES:
        return f"{quoi[0].upper()}{quoi[1:]} se propose une fois le rapport définitif arrêté."
    if not peut_conduire(mesure.controle, acteur):
        return "Seule la DDETS qui conduit le contrôle peut proposer cette suite."
    return None


def proposer_avenant(mesure, acteur, aujourdhui=None):
    """Create the draft avenant of a minoration budgétaire and link it to the measure; returns
    the avenant. Raises ValidationError (French) when it cannot be proposed (nothing written)."""
    aujourdhui = aujourdhui or timezone.localdate()
    with transaction.atomic():
        mesure = _verrouiller(mesure)
        motif = _refus(mesure, acteur, TypeMesure.MINORATION, mesure.avenant_id, "un avenant")
        if motif:
            raise ValidationError(motif)
        controle = mesure.controle
        convention = convention_en_vigueur(controle.dispositif, aujourdhui)
        if convention is None:
            raise ValidationError(
                f"Aucune convention en vigueur ne couvre le dispositif {controle.dispositif} : "
                "l'avenant de minoration ne peut pas être proposé."
            )
        date_effet = max(aujourdhui, convention.date_debut)
        montants = []
        if mesure.montant_minoration:
            actuel = convention.montant(date_effet.year)
            if actuel is not None:
                montants = [(date_effet.year, max(actuel - mesure.montant_minoration, 0))]
        avenant = rediger_avenant(
            convention,
            acteur,
            objet=f"Minoration budgétaire à la suite du {controle} ({controle.dispositif}) : "
            f"{mesure.texte}",
            date_effet=date_effet,
            montants=montants,
            commentaire=f"Proposé par une mesure du {controle}.",
        )
        mesure.avenant = avenant
        mesure.save(update_fields=["avenant"])
        journaliser_evenement(mesure, acteur, "proposer_avenant", commentaire=str(avenant))
    return avenant


def proposer_fermeture(mesure, acteur, date_fermeture=None):
    """File the closure request of a « fermeture » measure (or link the one already open on the
    dispositif); returns the request. Raises ValidationError (French) when it cannot be
    proposed (nothing written)."""
    with transaction.atomic():
        mesure = _verrouiller(mesure)
        motif = _refus(
            mesure,
            acteur,
            TypeMesure.FERMETURE,
            mesure.demande_fermeture_id,
            "une demande de fermeture",
        )
        if motif:
            raise ValidationError(motif)
        controle = mesure.controle
        dispositif = controle.dispositif
        demande = Demande.objects.en_cours(dispositif, TypeDemande.FERMETURE)
        if demande is not None:
            commentaire = f"Demande de fermeture déjà en cours : {demande.numero}."
        else:
            date_fermeture = date_fermeture or mesure.date_fermeture or mesure.echeance
            if not date_fermeture:
                raise ValidationError(
                    "Indiquez la date de fermeture proposée (« Modifier » la mesure)."
                )
            nom = acteur.get_full_name() or acteur.email or acteur.get_username()
            demande = Demande(
                type_demande=TypeDemande.FERMETURE,
                departement_id=dispositif.departement_id,
                demandeur_nom=nom[:200],
                demandeur_courriel=acteur.email or settings.DEFAULT_FROM_EMAIL,
                demandeur_organisation=f"Services de l'État – {controle}",
                demandeur_fonction="Contrôle et inspection",
                entite=dispositif.entite,
                dispositif=dispositif,
                type_dispositif=dispositif.type,
                date_fermeture=date_fermeture,
                description=f"Fermeture proposée à la suite du {controle} : {mesure.texte}",
            )
            deposer(demande)
            commentaire = f"Demande {demande.numero} déposée."
        mesure.demande_fermeture = demande
        mesure.save(update_fields=["demande_fermeture"])
        journaliser_evenement(mesure, acteur, "proposer_fermeture", commentaire=commentaire)
    return demande
