"""Filing candidatures: only while the call is published and before its deadline, by the
entité's gestionnaire or recorded by the DDETS for an operator without an account."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from backoffice.appels.models import Candidature
from tests.appels.factories import appel_44, deposer, publier
from tests.factories import DispositifFactory, EntiteFactory, departement
from workflows.services import TransitionImpossible, chronologie

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def appel(national):
    return publier(appel_44(), national)


def test_depot_par_le_gestionnaire(appel, gestionnaire44, dispositif44):
    candidature = deposer(gestionnaire44, appel, dispositif44.entite)
    assert candidature.etat == "deposee"
    assert candidature.deposee_par == gestionnaire44
    assert not candidature.deposee_pour_compte
    assert chronologie(candidature)[0]["transition"] == "deposer"


def test_depot_apres_la_date_limite_refuse(appel, gestionnaire44, dispositif44):
    apres = appel.date_limite + datetime.timedelta(seconds=1)
    with pytest.raises(TransitionImpossible, match="date limite de dépôt est passée"):
        deposer(gestionnaire44, appel, dispositif44.entite, maintenant=apres)
    assert not Candidature.objects.exists()


def test_depot_sur_un_appel_non_publie_refuse(national, ddets44, dispositif44):
    brouillon = appel_44()
    with pytest.raises(TransitionImpossible, match="lorsque l'appel à projets est publié"):
        deposer(ddets44, brouillon, dispositif44.entite)
    assert not Candidature.objects.exists()


def test_depot_pour_une_autre_entite_refuse(appel, gestionnaire44):
    autre = EntiteFactory()
    with pytest.raises(PermissionDenied):
        deposer(gestionnaire44, appel, autre)
    assert not Candidature.objects.exists()


def test_la_ddets_enregistre_pour_un_operateur_sans_compte(appel, ddets44):
    operateur = EntiteFactory(departement=departement("13"), commune="Marseille")
    candidature = deposer(ddets44, appel, operateur)
    assert candidature.deposee_pour_compte


def test_appel_d_un_autre_perimetre_introuvable(national, ddets75, dispositif44):
    from django.http import Http404

    appel = publier(appel_44(), national)
    with pytest.raises(Http404):
        deposer(ddets75, appel, dispositif44.entite)


@pytest.mark.parametrize(
    ("valeurs", "champ", "message"),
    [
        ({"places_proposees": 0}, "places_proposees", "Au moins une place."),
        ({"cout_journalier": -1}, "cout_journalier", "Le coût ne peut pas être négatif."),
        ({"departement": "75"}, "departement", "pas couvert par l'appel"),
    ],
)
def test_saisies_invalides(appel, gestionnaire44, dispositif44, valeurs, champ, message):
    with pytest.raises(ValidationError) as erreur:
        deposer(gestionnaire44, appel, dispositif44.entite, **valeurs)
    assert any(message in m for m in erreur.value.message_dict[champ])
    assert not Candidature.objects.exists()


def test_extension_d_un_dispositif_d_un_autre_type_refusee(appel, gestionnaire44, dispositif44):
    huda = DispositifFactory(entite=dispositif44.entite, type_id="HUDA", places_autorisees=None)
    with pytest.raises(ValidationError) as erreur:
        deposer(gestionnaire44, appel, dispositif44.entite, dispositif_existant=huda)
    assert "du type de l'appel" in erreur.value.message_dict["dispositif_existant"][0]


def test_la_date_limite_est_un_instant(appel):
    assert appel.depot_ouvert(appel.date_limite - datetime.timedelta(microseconds=1))
    assert not appel.depot_ouvert(appel.date_limite)
    assert appel.date_limite > timezone.now()
