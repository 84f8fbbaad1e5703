"""Global search (the sidebar's and the home page's search box): our objects, each user's
perimeter only, linked to their page and to the filtered listing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.acces.outils import comparer_requetes
from tests.factories import DispositifFactory, EntiteFactory, departement

pytestmark = pytest.mark.django_db


def _rechercher(client, texte):
    response = client.get(reverse("recherche_globale"), {"q": texte})
    assert response.status_code == 200
    return response, response.content.decode()


@pytest.fixture
def mimosas():
    """The same word in the 44 and in the 75: a dispositif and its entité on each side."""
    entite75 = EntiteFactory(
        raison_sociale="Association Mimosas Paris",
        commune="Paris",
        code_postal="75011",
        departement=departement("75"),
    )
    return {
        "44": DispositifFactory(nom="CADA Les Mimosas", departement_id="44"),
        "75": DispositifFactory(
            nom="HUDA Mimosas Paris",
            entite=entite75,
            departement_id="75",
            commune="Paris",
            code_postal="75011",
        ),
        "entite75": entite75,
    }


def test_trouve_un_objet_du_perimetre_et_pas_celui_d_a_cote(client, ddets44, mimosas):
    client.force_login(ddets44)
    _, html = _rechercher(client, "mimosas")

    assert "CADA Les Mimosas" in html
    assert reverse("dispositif:inspect", args=[mimosas["44"].pk]) in html
    assert "Mimosas Paris" not in html
    assert reverse("dispositif:inspect", args=[mimosas["75"].pk]) not in html
    assert reverse("entite:inspect", args=[mimosas["entite75"].pk]) not in html


def test_l_autre_departement_trouve_le_sien(client, ddets75, mimosas):
    client.force_login(ddets75)
    _, html = _rechercher(client, "mimosas")

    assert "HUDA Mimosas Paris" in html
    assert "Association Mimosas Paris" in html  # the entité too
    assert "CADA Les Mimosas" not in html


def test_groupe_par_type_avec_lien_vers_la_liste_filtree(client, national, mimosas):
    client.force_login(national)
    response, html = _rechercher(client, "mimosas")

    types = {groupe.libelle: groupe.nombre for groupe in response.context["groupes"]}
    assert types["Dispositifs"] == 2
    assert types["Entités gestionnaires"] == 1
    assert "Groupes de places" not in types  # found through their dispositif
    assert "Anomalies" not in types
    assert f"{reverse('dispositif:index')}?q=mimosas" in html


def test_sans_resultat_le_dit_en_francais(client, ddets44):
    client.force_login(ddets44)
    _, html = _rechercher(client, "zzzzzz")
    assert "Aucun résultat pour « zzzzzz »" in html


def test_un_gestionnaire_ne_voit_que_son_entite(client, gestionnaire44, dispositif44, mimosas):
    client.force_login(gestionnaire44)
    _, html = _rechercher(client, "mimosas")
    assert "CADA Les Mimosas" not in html  # another entité of the 44
    assert "Mimosas Paris" not in html


def test_reservee_aux_agents_connectes(client):
    response = client.get(reverse("recherche_globale"), {"q": "mimosas"})
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_le_nombre_de_requetes_ne_suit_pas_le_nombre_de_resultats(client, national):
    client.force_login(national)
    url = reverse("recherche_globale")
    DispositifFactory.create_batch(2, nom="Tilleuls bleus")
    client.get(url, {"q": "tilleuls"})  # warm-up
    petit, _ = _sql(client, url)
    DispositifFactory.create_batch(6, nom="Tilleuls bleus")
    grand, _ = _sql(client, url)
    comparer_requetes(petit, grand, 2, 8)


def _sql(client, url):
    with CaptureQueriesContext(connection) as capture:
        response = client.get(url, {"q": "tilleuls"})
    assert response.status_code == 200
    return [q["sql"] for q in capture.captured_queries], response
