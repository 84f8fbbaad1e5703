"""« Ce qui vous attend »: the controls whose next step is the user's, and the deadlines passed
or near; the entité's controls awaiting its answer. Each line leads to the list it counts."""

import html

import pytest
from django.urls import reverse

from backoffice.controle.choix import E, TypeMesure
from backoffice.controle.models import Controle
from backoffice.pilotage.charge import charge_de
from tests.acces.outils import pks_listes
from tests.controle.factories import controle_en, jours, mesure_pour, nouveau_controle

pytestmark = pytest.mark.django_db


def lignes(user):
    return {
        ligne["libelle"]: (ligne["nombre"], ligne["url"]) for ligne in charge_de(user)["lignes"]
    }


@pytest.fixture
def situation(dispositif44, dispositif75, national):
    nouveau_controle(dispositif44)
    nouveau_controle(dispositif75)
    attente = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    echu = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    Controle.objects.filter(pk=echu.pk).update(date_limite_reponse=jours(-2))
    suites = controle_en(dispositif44, E.SUITES_EN_COURS, national)
    mesure_pour(suites, TypeMesure.INJONCTION, echeance=jours(5))
    return {"attente": attente, "echu": echu}


def test_ce_qui_attend_la_ddets(client, situation, ddets44):
    attendu = lignes(ddets44)
    assert attendu["Contrôles programmés à préparer"][0] == 1
    libelle = (
        "Procédures contradictoires closes (réponse reçue ou délai expiré) : rapport définitif "
        "à arrêter"
    )
    nombre, url = attendu[libelle]
    assert nombre == 1
    client.force_login(ddets44)
    assert pks_listes(client.get(url)) == {situation["echu"].pk}
    nombre, url = attendu["Mesures de contrôle échues ou à échéance dans 15 jours"]
    assert nombre == 1
    assert len(pks_listes(client.get(url))) == 1
    assert "Contrôles attendant votre réponse au rapport provisoire" not in attendu
    accueil = html.unescape(client.get(reverse("wagtailadmin_home")).content.decode())
    assert "Contrôles programmés à préparer" in accueil


def test_ce_qui_attend_l_entite(client, situation, gestionnaire44):
    attendu = lignes(gestionnaire44)
    nombre, url = attendu["Contrôles attendant votre réponse au rapport provisoire"]
    assert nombre == 1
    client.force_login(gestionnaire44)
    assert pks_listes(client.get(url)) == {situation["attente"].pk}
    assert attendu["Mesures de contrôle à mettre en œuvre dans les 15 jours"][0] == 1
    assert "Contrôles programmés à préparer" not in attendu


def test_rien_pour_le_lecteur(situation, lecteur44):
    assert not [libelle for libelle in lignes(lecteur44) if "ontrôle" in libelle]
