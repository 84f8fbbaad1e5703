"""« Choisir une convention »: the chooser lists, searches and pages the conventions of the
user's perimeter only; the « chosen » answer and the forms refuse a convention out of it."""

import json

import pytest
from django.urls import reverse

from tests.conventions.factories import convention_pour
from tests.factories import DispositifFactory, EntiteFactory, departement

from .outils import assert_listing_a_cout_constant, choisir, modal, resultats

pytestmark = pytest.mark.django_db
ESPACE = "choix_convention"


@pytest.fixture
def parc():
    c44 = convention_pour(DispositifFactory(departement_id="44"), intitule="Accueil Érdre")
    entite75 = EntiteFactory(raison_sociale="Lutèce Asile", departement=departement("75"))
    d75 = DispositifFactory(departement_id="75", commune="Paris", entite=entite75)
    c75 = convention_pour(d75, intitule="Convention Lutetia")
    return c44, c75


@pytest.mark.parametrize(
    ("role", "voit_44", "voit_75"),
    [
        ("national", True, True),
        ("ddets44", True, False),
        ("ddets75", False, True),
        ("regional52", True, False),
        ("lecteur44", True, False),
    ],
)
def test_listing_limite_au_perimetre(request, client, parc, role, voit_44, voit_75):
    c44, c75 = parc
    client.force_login(request.getfixturevalue(role))
    listes = set(resultats(client, ESPACE))
    assert (c44 in listes, c75 in listes) == (voit_44, voit_75)
    html = modal(client, ESPACE)
    assert ("Convention Lutetia" in html) == voit_75
    assert "Choisir une convention" in html
    assert "None" not in html


def test_recherche_sans_accents_numero_et_entite(client, ddets44, parc):
    c44, _ = parc
    client.force_login(ddets44)
    assert resultats(client, ESPACE, q="erdre") == [c44]
    assert resultats(client, ESPACE, q=c44.numero) == [c44]
    assert resultats(client, ESPACE, q=c44.entite.raison_sociale) == [c44]
    assert resultats(client, ESPACE, q="lutetia") == []


def test_pagination(client, national):
    dispositif = DispositifFactory()
    for _ in range(21):
        convention_pour(dispositif)
    client.force_login(national)
    premiere, seconde = resultats(client, ESPACE), resultats(client, ESPACE, p=2)
    assert (len(premiere), len(seconde)) == (20, 1)
    assert not set(premiere) & set(seconde)


def test_choisi_dans_le_perimetre_seulement(client, ddets44, parc):
    c44, c75 = parc
    client.force_login(ddets44)
    resultat = json.loads(choisir(client, ESPACE, c44.pk).content)["result"]
    assert (resultat["id"], resultat["title"]) == (str(c44.pk), str(c44))
    refus = choisir(client, ESPACE, c75.pk)
    assert refus.status_code == 404
    assert "Lutetia" not in refus.content.decode()


def test_le_formulaire_refuse_un_id_force(client, ddets44, parc):
    c44, c75 = parc
    client.force_login(ddets44)
    page = client.get(reverse("convention:add")).content.decode()
    assert "Choisir une convention" in page  # « renouvelle la convention »
    assert '<select name="convention_precedente"' not in page
    refuse = client.post(reverse("convention:add"), {"convention_precedente": c75.pk})
    assert "convention_precedente" in refuse.context["form"].errors
    assert "Lutetia" not in refuse.content.decode()
    propre = client.post(reverse("convention:add"), {"convention_precedente": c44.pk})
    assert "convention_precedente" not in propre.context["form"].errors
    assert "Choisir une convention" in client.get(reverse("avenant:add")).content.decode()


def test_listing_a_cout_constant(client, national):
    client.force_login(national)

    def ajouter(n):
        for _ in range(n):
            convention_pour(DispositifFactory(entite=EntiteFactory()))

    assert_listing_a_cout_constant(client, ESPACE, ajouter)
