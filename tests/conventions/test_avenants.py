"""Avenants: their own cycle, and their effect on places conventionnées from their effective
date — the current figures and the dated versions (`history.as_of`)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from backoffice.conventions.echeances import appliquer_echeances
from backoffice.conventions.models import (
    Avenant,
    EtatAvenant,
    MontantAvenant,
    MontantConvention,
    places_conventionnees_au,
)
from tests.conventions.factories import amener, avenant_pour, convention_pour, jours, pdf
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def convention(national, dispositif44):
    convention = convention_pour(dispositif44, places=50, date_debut=jours(10))
    MontantConvention.objects.create(convention=convention, exercice=jours(40).year, montant=1000)
    return amener(convention, "signee", national)


def signer(avenant, acteur, aujourdhui=None):
    return executer_transition(
        Avenant,
        avenant.pk,
        "signer",
        acteur,
        date_signature=timezone.localdate(),
        fichier=pdf("avenant.pdf"),
        aujourdhui=aujourdhui,
    )


def test_cycle_et_droits(convention, dispositif44, ddets44, regional52, ddets75):
    avenant = avenant_pour(convention, dispositif44, 70, jours(40))
    with pytest.raises(PermissionDenied):
        executer_transition(Avenant, avenant.pk, "valider", ddets44)  # the région validates
    avenant = executer_transition(Avenant, avenant.pk, "valider", regional52)
    assert avenant.etat == EtatAvenant.VALIDEE
    from django.http import Http404

    with pytest.raises(Http404):
        signer(avenant, ddets75)
    avenant = signer(avenant, ddets44)
    assert avenant.etat == EtatAvenant.SIGNEE
    assert [e["vers"] for e in chronologie(avenant)] == ["validee", "signee"]
    assert avenant.documents.get().nature == "copie_signee"


def test_places_changent_a_la_date_d_effet(convention, dispositif44, national):
    ligne = convention.lignes.get()
    avenant = avenant_pour(convention, dispositif44, 70, jours(40))
    MontantAvenant.objects.create(avenant=avenant, exercice=jours(40).year, montant=1500)
    executer_transition(Avenant, avenant.pk, "valider", national)
    avenant = signer(avenant, national)

    # Signed, not yet effective: nothing changes before the effective date.
    assert avenant.en_attente
    ligne.refresh_from_db()
    assert ligne.places_conventionnees == 50
    appliquer_echeances(jours(39))
    ligne.refresh_from_db()
    assert ligne.places_conventionnees == 50

    bilan = appliquer_echeances(jours(40))
    assert bilan.avenants_appliques == [avenant.pk]
    ligne.refresh_from_db()
    assert ligne.places_conventionnees == 70
    assert convention.montant(jours(40).year) == Decimal("1500")
    assert appliquer_echeances(jours(41)).avenants_appliques == []  # idempotent

    # The version is recorded when written and carries its effective date: in effect the day
    # before, 50; from the effective date, 70 (backoffice.bitemporel).
    version = ligne.history.order_by("-history_date").first()
    assert version.history_change_reason.startswith(f"Avenant n° {avenant.numero}")
    assert version.effet_le == jours(40)
    assert convention.lignes_au(jours(39)) == {dispositif44.pk: 50}
    assert convention.lignes_au(jours(40)) == {dispositif44.pk: 70}

    # The capacity figure "places conventionnées as of date D".
    assert places_conventionnees_au(jours(5), [dispositif44]) == 0  # not started
    assert places_conventionnees_au(jours(10), [dispositif44]) == 50
    assert places_conventionnees_au(jours(39), [dispositif44]) == 50
    assert places_conventionnees_au(jours(40), [dispositif44]) == 70
    assert convention.montants_au(jours(39))[jours(40).year] == Decimal("1000")


def test_avenant_deja_effectif_s_applique_a_la_signature(convention, dispositif44, national):
    avenant = avenant_pour(convention, dispositif44, 65, jours(12))
    executer_transition(Avenant, avenant.pk, "valider", national)
    avenant = signer(avenant, national, aujourdhui=jours(12))
    assert avenant.applique_le is not None
    assert convention.lignes.get().places_conventionnees == 65
    assert places_conventionnees_au(jours(11), [dispositif44]) == 50
    assert places_conventionnees_au(jours(12), [dispositif44]) == 65


def test_avenant_au_dela_des_places_autorisees(convention, dispositif44, national):
    avenant = avenant_pour(convention, dispositif44, 81, jours(40))
    with pytest.raises(TransitionImpossible, match="dépassent les 80 places autorisées"):
        executer_transition(Avenant, avenant.pk, "valider", national)
    avenant.refresh_from_db()
    assert avenant.etat == EtatAvenant.BROUILLON


def test_avenant_hors_periode_ou_avant_un_avenant_signe(convention, dispositif44, national):
    hors = avenant_pour(convention, dispositif44, 60, jours(5))
    with pytest.raises(TransitionImpossible, match="dans la période de la convention"):
        executer_transition(Avenant, hors.pk, "valider", national)
    premier = avenant_pour(convention, dispositif44, 60, jours(60))
    executer_transition(Avenant, premier.pk, "valider", national)
    signer(premier, national)
    anterieur = avenant_pour(convention, dispositif44, 55, jours(30))
    with pytest.raises(TransitionImpossible, match="ne peut prendre effet avant"):
        executer_transition(Avenant, anterieur.pk, "valider", national)


def test_pas_d_avenant_sur_un_brouillon(national, dispositif44):
    from django.core.exceptions import ValidationError

    brouillon = convention_pour(dispositif44)
    avenant = Avenant(convention=brouillon, objet="x", date_effet=jours(20))
    with pytest.raises(ValidationError, match="convention signée ou en vigueur"):
        avenant.full_clean()
