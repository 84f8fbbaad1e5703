"""The transition pages (workflows/vues.py), on two machines: the object's page offers the
transitions this user may run now and no other; the bulk page lists only the objects the
transition applies to; a refused transition comes back as a French message, nothing changed."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.log_actions import registry

from backoffice.conventions.models import Convention
from tests.appels.factories import appel_44
from tests.conventions.factories import amener, convention_pour
from tests.factories import DispositifFactory
from workflows.services import ACTION_LOG, transitions_disponibles

pytestmark = pytest.mark.django_db


def boutons(html):
    return set(re.findall(r'data-transition="([^"]+)"', html))


def messages_de(reponse):
    return [str(m) for m in get_messages(reponse.wsgi_request)]


@pytest.fixture(params=["convention", "appel"])
def brouillon(request, dispositif44):
    if request.param == "convention":
        return convention_pour(dispositif44), "convention"
    return appel_44(), "appel"


@pytest.mark.parametrize("role", ["ddets44", "regional52", "national", "lecteur44"])
def test_la_fiche_offre_les_transitions_disponibles_seulement(request, client, brouillon, role):
    objet, espace = brouillon
    user = request.getfixturevalue(role)
    client.force_login(user)
    reponse = client.get(reverse(f"{espace}:inspect", args=[objet.pk]))
    assert reponse.status_code == 200
    offertes = boutons(reponse.content.decode())
    assert offertes == set(transitions_disponibles(objet, user))
    if role == "lecteur44":
        assert offertes == set()


def test_la_fiche_suit_l_etat(client, dispositif44, ddets44, national):
    convention = amener(convention_pour(dispositif44), "soumise", national)
    client.force_login(ddets44)
    html = client.get(reverse("convention:inspect", args=[convention.pk])).content.decode()
    assert "soumettre" not in boutons(html)
    assert "pre_valider" in boutons(html)


def test_une_transition_refusee_par_la_page_ne_change_rien(client, dispositif44, lecteur44):
    convention = convention_pour(dispositif44)
    client.force_login(lecteur44)
    url = reverse("convention:transition", args=[convention.pk, "soumettre"])
    reponse = client.post(url, {"commentaire": ""})
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("convention:inspect", args=[convention.pk])
    assert messages_de(reponse) == ["Vous n'avez pas le droit d'effectuer cette action ici."]
    assert Convention.objects.get(pk=convention.pk).etat == "brouillon"
    assert not registry.get_logs_for_instance(convention).filter(action=ACTION_LOG).exists()


def test_une_transition_hors_perimetre_est_introuvable(client, dispositif44, ddets75):
    convention = convention_pour(dispositif44)
    client.force_login(ddets75)
    url = reverse("convention:transition", args=[convention.pk, "soumettre"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"commentaire": ""}).status_code == 404
    assert Convention.objects.get(pk=convention.pk).etat == "brouillon"


def test_une_transition_plus_possible_est_signalee(client, dispositif44, ddets44, national):
    convention = amener(convention_pour(dispositif44), "soumise", national)
    client.force_login(ddets44)
    url = reverse("convention:transition", args=[convention.pk, "soumettre"])
    reponse = client.post(url, {"commentaire": ""})
    assert reponse.status_code == 302
    (message,) = messages_de(reponse)
    assert message.startswith("Action non effectuée : Cette action n'est plus possible")
    assert "« Soumise »" in message
    assert Convention.objects.get(pk=convention.pk).etat == "soumise"


def test_la_page_groupee_ne_liste_que_les_candidats(client, ddets44, national):
    a_pre_valider = amener(
        convention_pour(DispositifFactory(departement_id="44")), "soumise", national
    )
    brouillon_44 = convention_pour(DispositifFactory(departement_id="44"))
    deja_pre_validee = amener(
        convention_pour(DispositifFactory(departement_id="44")), "pre_validee", national
    )
    paris = amener(convention_pour(DispositifFactory(departement_id="75")), "soumise", national)
    client.force_login(ddets44)
    reponse = client.get(reverse("convention:transition_groupee", args=["pre_valider"]))
    assert reponse.status_code == 200
    listes = {objet.pk for objet, _ in reponse.context["lignes"]}
    assert listes == {a_pre_valider.pk}
    assert not listes & {brouillon_44.pk, deja_pre_validee.pk, paris.pk}
