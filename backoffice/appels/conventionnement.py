"""A retained candidature becomes real places: one action, one transaction.

- New project: a dispositif is created (type of the call, département and first commune of the
  candidature, planned opening on the convention's start date, authorised capacity = places
  retained for authorised types), with a draft convention covering it for the places retained,
  and a first yearly amount (places × daily cost × remaining days of the year).
- Extension of an existing dispositif: its authorised capacity grows by the places retained
  (authorised types). If a convention is in force for it, a draft *avenant* raises its places
  conventionnées (an extension changes a running contract); otherwise a draft convention is
  created as above. The places open before the extension are recorded, so the places opened
  by the call can be told apart later.

Everything is linked to the candidature (dispositif, convention or avenant) and runs inside the
transition, so a failure leaves nothing behind.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from backoffice.conventions.models import (
    ETATS_ACTIFS,
    Avenant,
    Convention,
    LigneAvenant,
    LigneConvention,
    MontantAvenant,
    MontantConvention,
    Signataire,
    TypeConvention,
    ajouter_annees,
)
from backoffice.offre.choices import RegimeJuridique
from backoffice.offre.models import Dispositif
from workflows.acteurs import est_compte
from workflows.services import journaliser_creation

DUREES_ANS = {
    TypeConvention.CADA: 5,
    TypeConvention.HUDA: 1,
    TypeConvention.PLURIANNUELLE: 3,
}


def type_convention_pour(type_dispositif):
    return {
        "CADA": TypeConvention.CADA,
        "HUDA": TypeConvention.HUDA,
    }.get(type_dispositif.code, TypeConvention.PLURIANNUELLE)


def montant_prorata(places, cout_journalier, date_debut):
    """Places × daily cost × days from `date_debut` to the end of its year."""
    fin_annee = datetime.date(date_debut.year, 12, 31)
    jours = (fin_annee - date_debut).days + 1
    montant = Decimal(places) * Decimal(cout_journalier) * jours
    return montant.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _valider(objet, libelle, exclude=()):
    """full_clean() with messages that say which object and which field is wrong."""
    try:
        objet.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        messages = []
        for champ, erreurs in exc.message_dict.items():
            if champ == "__all__":
                messages += [f"{libelle} : {e}" for e in erreurs]
                continue
            nom = objet._meta.get_field(champ).verbose_name
            messages += [f"{libelle} – {nom} : {e}" for e in erreurs]
        raise ValidationError(messages) from exc


def _autorise(type_dispositif):
    return (
        type_dispositif.regime == RegimeJuridique.AUTORISATION
        or type_dispositif.places_autorisees_requises
    )


def conventionner(candidature, acteur, date_debut=None, aujourdhui=None):
    aujourdhui = aujourdhui or timezone.localdate()
    date_debut = date_debut or aujourdhui
    appel = candidature.appel
    places = candidature.places_retenues or candidature.places_proposees
    motif = f"Appel à projets {appel.reference} – candidature {candidature.numero}"

    if candidature.dispositif_existant_id:
        dispositif = Dispositif.objects.select_for_update().get(
            pk=candidature.dispositif_existant_id
        )
        candidature.places_ouvertes_avant = dispositif.places_ouvertes(aujourdhui)
        if _autorise(dispositif.type):
            dispositif.places_autorisees = (dispositif.places_autorisees or 0) + places
            _valider(dispositif, "Dispositif étendu", exclude=["code"])
            dispositif._change_reason = f"{motif} : extension de {places} places"
            dispositif.save()
        candidature.dispositif = dispositif
        convention = (
            Convention.objects.filter(lignes__dispositif=dispositif, etat__in=ETATS_ACTIFS)
            .order_by("-date_debut")
            .first()
        )
        if convention is not None:
            _avenant_d_extension(candidature, convention, dispositif, places, date_debut, acteur)
            return
        places_convention = (
            dispositif.places_autorisees
            if _autorise(dispositif.type)
            else candidature.places_ouvertes_avant + places
        )
    else:
        type_dispositif = appel.type_dispositif
        communes = [c.strip() for c in candidature.communes.replace(";", ",").split(",")]
        dispositif = Dispositif(
            nom=candidature.nom_projet,
            entite=candidature.entite,
            type=type_dispositif,
            departement=candidature.departement,
            commune=(communes[0] if communes else "")[:150],
            places_autorisees=places if _autorise(type_dispositif) else None,
            date_autorisation=aujourdhui if _autorise(type_dispositif) else None,
            date_ouverture=date_debut,
        )
        _valider(dispositif, "Dispositif à créer", exclude=["code"])
        dispositif._change_reason = motif
        dispositif.save()
        candidature.dispositif = dispositif
        places_convention = places

    type_convention = type_convention_pour(dispositif.type)
    convention = Convention(
        intitule=f"{dispositif.nom} ({appel.reference})"[:255],
        type_convention=type_convention,
        entite=candidature.entite,
        departement=candidature.departement,
        nationale=appel.nationale,
        date_debut=date_debut,
        date_fin=ajouter_annees(date_debut, DUREES_ANS.get(type_convention, 3))
        - datetime.timedelta(days=1),
        signataire=Signataire.PREFET_DEPARTEMENT,
        cree_par=acteur if est_compte(acteur) else None,
        observations=f"Créée depuis la candidature retenue {candidature.numero}.",
    )
    _valider(convention, "Convention à créer", exclude=["numero"])
    convention._change_reason = motif
    convention.save()
    LigneConvention.objects.create(
        convention=convention, dispositif=dispositif, places_conventionnees=places_convention
    )
    MontantConvention.objects.create(
        convention=convention,
        exercice=date_debut.year,
        montant=montant_prorata(places_convention, candidature.cout_journalier, date_debut),
    )
    candidature.convention = convention
    journaliser_creation(
        convention, acteur, commentaire=f"Créée depuis la candidature {candidature.numero}."
    )


def _avenant_d_extension(candidature, convention, dispositif, places, date_debut, acteur):
    ligne = convention.lignes.get(dispositif=dispositif)
    date_effet = max(date_debut, convention.date_debut)
    avenant = Avenant(
        convention=convention,
        objet=f"Extension de {places} places – candidature {candidature.numero} "
        f"(appel à projets {candidature.appel.reference})",
        date_effet=date_effet,
        cree_par=acteur if est_compte(acteur) else None,
    )
    try:
        avenant.full_clean(exclude=["numero"])
    except ValidationError as exc:
        raise ValidationError(
            [f"Avenant à la convention {convention.numero} impossible : {m}" for m in exc.messages]
        ) from exc
    avenant.save()
    LigneAvenant.objects.create(
        avenant=avenant,
        dispositif=dispositif,
        places_conventionnees=ligne.places_conventionnees + places,
    )
    exercice = date_effet.year
    MontantAvenant.objects.create(
        avenant=avenant,
        exercice=exercice,
        montant=(convention.montant(exercice) or Decimal("0"))
        + montant_prorata(places, candidature.cout_journalier, date_effet),
    )
    candidature.avenant = avenant
    journaliser_creation(
        avenant, acteur, commentaire=f"Créé depuis la candidature {candidature.numero}."
    )
