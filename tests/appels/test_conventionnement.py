"""From a retained candidature to real places: a dispositif (or an extension) and a draft
convention (or avenant), linked; the path sought → proposed → retained → conventionnées →
ouvertes on the call."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from backoffice.appels.models import AppelAProjets, Candidature
from backoffice.conventions.models import Convention, EtatAvenant, EtatConvention
from tests.appels.factories import appel_44, deposer, noter, ouvrir_instruction, publier
from tests.conventions.factories import amener, convention_pour
from tests.factories import GroupeFactory
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


def retenir(candidature, acteur, places):
    executer_transition(Candidature, candidature.pk, "declarer_recevable", acteur)
    noter(candidature, acteur, [15, 12])
    return executer_transition(
        Candidature, candidature.pk, "retenir", acteur, places_retenues=places
    )


@pytest.fixture
def selection(national, ddets44, gestionnaire44, dispositif44):
    appel = publier(appel_44(), national)
    nouvelle = deposer(
        gestionnaire44, appel, dispositif44.entite, nom_projet="CADA de Rezé", places_proposees=40
    )
    appel = ouvrir_instruction(appel, ddets44)
    nouvelle = retenir(nouvelle, ddets44, 30)
    return appel, nouvelle


def test_conventionner_exige_une_selection_arretee(selection, ddets44):
    _, candidature = selection
    with pytest.raises(TransitionImpossible, match="Arrêtez d'abord la sélection"):
        executer_transition(Candidature, candidature.pk, "conventionner", ddets44)


def test_candidature_retenue_devient_dispositif_et_convention(selection, ddets44, national):
    appel, candidature = selection
    executer_transition(AppelAProjets, appel.pk, "arreter_selection", ddets44)
    debut = timezone.localdate() + datetime.timedelta(days=30)
    candidature = executer_transition(
        Candidature, candidature.pk, "conventionner", ddets44, date_debut=debut
    )
    assert candidature.etat == "conventionnee"

    dispositif = candidature.dispositif
    assert (dispositif.nom, dispositif.type_id, dispositif.departement_id) == (
        "CADA de Rezé",
        "CADA",
        "44",
    )
    assert dispositif.entite == candidature.entite
    assert dispositif.places_autorisees == 30
    assert dispositif.commune == "Nantes"
    assert dispositif.date_ouverture == debut
    assert dispositif.history.first().history_change_reason.startswith("Appel à projets AAP-52-")

    convention = candidature.convention
    assert convention.etat == EtatConvention.BROUILLON
    assert (convention.type_convention, convention.entite, convention.departement_id) == (
        "cada",
        candidature.entite,
        "44",
    )
    assert convention.date_debut == debut
    assert convention.date_fin.year == debut.year + 5
    assert list(convention.lignes.values_list("dispositif_id", "places_conventionnees")) == [
        (dispositif.pk, 30)
    ]
    jours_restants = (datetime.date(debut.year, 12, 31) - debut).days + 1
    assert convention.montants.get().montant == Decimal("30") * Decimal("19.00") * jours_restants
    assert chronologie(convention)[0]["transition"] == "creer"
    assert list(convention.candidatures.all()) == [candidature]

    flux = appel.flux()
    assert (
        flux.recherchees,
        flux.proposees,
        flux.retenues,
        flux.conventionnees,
        flux.ouvertes,
    ) == (
        100,
        40,
        30,
        0,
        0,
    )
    # The draft goes through its own circuit; once signed, its places count as conventionnées.
    amener(convention, "signee", national)
    assert appel.flux().conventionnees == 30
    GroupeFactory(dispositif=dispositif, places=20, date_debut=timezone.localdate())
    dispositif.date_ouverture = timezone.localdate()
    dispositif.save()
    flux = appel.flux()
    assert flux.ouvertes == 20
    assert flux.par_departement["44"] == {
        "recherchees": 100,
        "proposees": 40,
        "retenues": 30,
        "conventionnees": 30,
        "ouvertes": 20,
    }
    executer_transition(AppelAProjets, appel.pk, "terminer", ddets44)


def test_extension_d_un_dispositif_conventionne_donne_un_avenant(
    national, ddets44, gestionnaire44, dispositif44
):
    en_vigueur = amener(convention_pour(dispositif44, places=50), "signee", national)
    GroupeFactory(dispositif=dispositif44, places=50)
    appel = publier(appel_44(), national)
    candidature = deposer(
        gestionnaire44,
        appel,
        dispositif44.entite,
        nom_projet="Extension",
        dispositif_existant=dispositif44,
        places_proposees=20,
    )
    appel = ouvrir_instruction(appel, ddets44)
    retenir(candidature, ddets44, 20)
    executer_transition(AppelAProjets, appel.pk, "arreter_selection", ddets44)
    candidature = executer_transition(
        Candidature,
        candidature.pk,
        "conventionner",
        ddets44,
        date_debut=en_vigueur.date_debut + datetime.timedelta(days=60),
    )
    dispositif44.refresh_from_db()
    assert dispositif44.places_autorisees == 100  # 80 + 20
    assert candidature.dispositif == dispositif44
    assert candidature.places_ouvertes_avant == 50
    assert candidature.convention is None
    avenant = candidature.avenant
    assert avenant.convention == en_vigueur and avenant.etat == EtatAvenant.BROUILLON
    assert list(avenant.lignes.values_list("places_conventionnees", flat=True)) == [70]
    assert Convention.objects.count() == 1


def test_echec_de_la_creation_ne_laisse_rien(selection, ddets44, dispositif44):
    """A dispositif that cannot be created (here: a candidature without a project name) rolls
    everything back: no dispositif, no convention, no state change, a message naming the field."""
    appel, candidature = selection
    executer_transition(AppelAProjets, appel.pk, "arreter_selection", ddets44)
    Candidature.objects.filter(pk=candidature.pk).update(nom_projet="")  # unusable name
    with pytest.raises(TransitionImpossible, match="nom du dispositif"):
        executer_transition(Candidature, candidature.pk, "conventionner", ddets44)
    candidature.refresh_from_db()
    assert candidature.etat == "retenue" and candidature.dispositif_id is None
    assert not Convention.objects.exists()
