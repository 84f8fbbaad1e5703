"""« Choisir un dispositif »: the chooser lists, searches and pages the dispositifs of the user's
perimeter only; the « chosen » answer and the forms refuse a dispositif out of it."""

import json

import pytest
from django.urls import reverse

from backoffice.offre.models import GroupeDePlaces
from tests.factories import DispositifFactory, EntiteFactory, departement

from .outils import assert_listing_a_cout_constant, choisir, modal, resultats

pytestmark = pytest.mark.django_db
ESPACE = "choix_dispositif"


@pytest.fixture
def parc():
    """A dispositif of the 44 and one of the 75, each of an entité of its own département."""
    d44 = DispositifFactory(nom="CADA Les Érables", departement_id="44")
    entite75 = EntiteFactory(raison_sociale="Lutèce Accueil", departement=departement("75"))
    d75 = DispositifFactory(
        nom="CADA Lutetia", departement_id="75", commune="Paris", entite=entite75
    )
    return d44, d75


@pytest.mark.parametrize(
    ("role", "voit_44", "voit_75"),
    [
        ("national", True, True),
        ("ddets44", True, False),
        ("ddets75", False, True),
        ("siao44", True, False),
        ("regional52", True, False),
        ("lecteur44", True, False),
    ],
)
def test_listing_limite_au_perimetre(request, client, parc, role, voit_44, voit_75):
    d44, d75 = parc
    client.force_login(request.getfixturevalue(role))
    listes = set(resultats(client, ESPACE))
    assert (d44 in listes, d75 in listes) == (voit_44, voit_75)
    html = modal(client, ESPACE)
    assert ("CADA Lutetia" in html) == voit_75
    assert "Choisir un dispositif" in html


def test_le_gestionnaire_ne_voit_que_les_dispositifs_de_son_entite(client, gestionnaire44, parc):
    d44, _ = parc
    autre44 = DispositifFactory(departement_id="44")
    client.force_login(gestionnaire44)
    listes = resultats(client, ESPACE)
    assert [d.entite_id for d in listes] == [gestionnaire44.affectations.get().entite_id]
    assert d44 not in listes and autre44 not in listes


def test_recherche_sans_accents_et_dans_le_perimetre(client, ddets44, parc):
    d44, _ = parc
    client.force_login(ddets44)
    assert resultats(client, ESPACE, q="erables") == [d44]
    assert resultats(client, ESPACE, q=d44.entite.raison_sociale) == [d44]
    assert resultats(client, ESPACE, q="lutetia") == []
    html = client.get(reverse(f"{ESPACE}:choose_results"), {"q": "lutetia"}).content.decode()
    assert "Désolé, aucune correspondance pour «\xa0<em>lutetia</em>\xa0»" in html  # in French


def test_pagination(client, national):
    entite = EntiteFactory()
    DispositifFactory.create_batch(25, entite=entite)
    client.force_login(national)
    premiere = resultats(client, ESPACE)
    seconde = resultats(client, ESPACE, p=2)
    assert (len(premiere), len(seconde)) == (20, 5)
    assert not set(premiere) & set(seconde)
    assert client.get(reverse(f"{ESPACE}:choose_results"), {"p": 3}).status_code == 404


def test_choisi_dans_le_perimetre_seulement(client, ddets44, parc):
    d44, d75 = parc
    client.force_login(ddets44)
    response = choisir(client, ESPACE, d44.pk)
    assert response.status_code == 200
    resultat = json.loads(response.content)["result"]
    assert (resultat["id"], resultat["title"]) == (str(d44.pk), str(d44))
    refus = choisir(client, ESPACE, d75.pk)
    assert refus.status_code == 404
    assert "Lutetia" not in refus.content.decode()
    multiple = client.get(reverse(f"{ESPACE}:chosen_multiple"), {"id": [d44.pk, d75.pk]})
    assert [r["id"] for r in json.loads(multiple.content)["result"]] == [str(d44.pk)]


def test_le_formulaire_sert_le_choisisseur_et_refuse_un_id_force(client, ddets44, parc):
    d44, d75 = parc
    client.force_login(ddets44)
    page = client.get(reverse("groupe:add")).content.decode()
    assert "Choisir un dispositif" in page
    assert 'name="dispositif"' in page and '<select name="dispositif"' not in page
    donnees = {"libelle": "Diffus", "places": "10", "places_pmr": "0", "public": "familles"}
    donnees["mode_hebergement"] = "diffus"
    refuse = client.post(reverse("groupe:add"), {**donnees, "dispositif": d75.pk})
    assert refuse.status_code == 200
    assert "dispositif" in refuse.context["form"].errors
    # The forged id is not echoed back with its object's name.
    assert "CADA Lutetia" not in refuse.content.decode()
    assert not GroupeDePlaces.objects.filter(dispositif=d75).exists()
    accepte = client.post(reverse("groupe:add"), {**donnees, "dispositif": d44.pk})
    assert accepte.status_code == 302
    assert GroupeDePlaces.objects.filter(dispositif=d44, libelle="Diffus").exists()


def test_listing_a_cout_constant(client, national):
    entite = EntiteFactory()
    client.force_login(national)
    assert_listing_a_cout_constant(
        client, ESPACE, lambda n: DispositifFactory.create_batch(n, entite=EntiteFactory())
    )
    assert entite.pk
