"""Helpers of the data-quality tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from backoffice.conventions.models import Convention
from backoffice.offre.models import jours_exercice
from backoffice.qualite.models import Anomalie
from tests.conventions.factories import amener, convention_pour
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory, siret_valide
from workflows.services import executer_transition


def aujourdhui():
    return timezone.localdate()


def jours(n):
    return aujourdhui() + datetime.timedelta(days=n)


def exercice():
    return aujourdhui().year


def montant_pour(cout_journalier, places):
    """Annual amount giving this cost per place per day over the current exercice."""
    return Decimal(str(cout_journalier)) * places * jours_exercice(exercice())


def anomalies(dispositif=None, regle=None, **filtres):
    qs = Anomalie.objects.all()
    if dispositif is not None:
        qs = qs.filter(dispositif=dispositif)
    if regle is not None:
        qs = qs.filter(regle=regle)
    return qs.filter(**filtres)


def anomalie(dispositif, regle):
    """The one anomaly of this rule on this dispositif (fails if none or several)."""
    return Anomalie.objects.get(dispositif=dispositif, regle=regle)


def convention_en_vigueur(dispositif, acteur, places=80, debut=-30, fin=1000):
    """A convention covering `dispositif`, signed, in force today (days relative to today)."""
    convention = convention_pour(
        dispositif, places=places, date_debut=jours(debut), date_fin=jours(fin)
    )
    return amener(convention, "signee", acteur)


def resilier(convention, acteur, date_resiliation):
    return executer_transition(
        Convention,
        convention.pk,
        "resilier",
        acteur,
        commentaire="Fermeture du site",
        date_resiliation=date_resiliation,
    )


def dispositif_sain(acteur, **kwargs):
    """A CADA with nothing to report: FINESS, SIRET of its entité, one groupe of 80 places,
    80 places financed at the reference cost under a convention in force for 80 places."""
    dispositif = DispositifFactory(finess="440000123", **kwargs)
    dispositif.siret = siret_valide(dispositif.entite.siren)
    dispositif.save()
    GroupeFactory(dispositif=dispositif, places=80)
    convention = convention_en_vigueur(dispositif, acteur)
    FinancementFactory(
        dispositif=dispositif,
        places_financees=80,
        montant_annuel=montant_pour(19.5, 80),
        convention=convention,
    )
    return dispositif
