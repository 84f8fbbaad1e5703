"""« Choisir une entité »: the chooser lists, searches and pages the entités of the user's
perimeter only; the « chosen » answer and the forms refuse an entité out of it; the list filters
of entités are the chooser beyond their threshold."""

import json

import pytest
from django.urls import reverse

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.offre.models import Dispositif
from tests.factories import DispositifFactory, EntiteFactory, departement

from .outils import assert_listing_a_cout_constant, choisir, modal, resultats

pytestmark = pytest.mark.django_db
ESPACE = "choix_entite"


@pytest.fixture
def parc():
    e44 = EntiteFactory(raison_sociale="Foyer Ligérien", departement=departement("44"))
    e75 = EntiteFactory(
        raison_sociale="Lutetia Solidarité", departement=departement("75"), commune="Paris"
    )
    DispositifFactory(entite=e44, departement_id="44")
    DispositifFactory(entite=e75, departement_id="75", commune="Paris")
    return e44, e75


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
    e44, e75 = parc
    client.force_login(request.getfixturevalue(role))
    listes = set(resultats(client, ESPACE))
    assert (e44 in listes, e75 in listes) == (voit_44, voit_75)
    html = modal(client, ESPACE)
    assert ("Lutetia Solidarité" in html) == voit_75
    assert "Choisir une entité" in html


def test_recherche_par_nom_sans_accents_et_par_siren(client, ddets44, parc):
    e44, _ = parc
    client.force_login(ddets44)
    assert resultats(client, ESPACE, q="ligerien") == [e44]
    assert resultats(client, ESPACE, q=e44.siren) == [e44]
    assert resultats(client, ESPACE, q="lutetia") == []


def test_pagination(client, national):
    for _ in range(23):
        DispositifFactory(entite=EntiteFactory())
    client.force_login(national)
    premiere, seconde = resultats(client, ESPACE), resultats(client, ESPACE, p=2)
    assert (len(premiere), len(seconde)) == (20, 3)
    assert not set(premiere) & set(seconde)


def test_choisi_dans_le_perimetre_seulement(client, ddets44, parc):
    e44, e75 = parc
    client.force_login(ddets44)
    response = choisir(client, ESPACE, e44.pk)
    assert json.loads(response.content)["result"]["id"] == str(e44.pk)
    refus = choisir(client, ESPACE, e75.pk)
    assert refus.status_code == 404
    assert "Lutetia" not in refus.content.decode()
    assert choisir(client, ESPACE, "abc").status_code == 404


def test_le_formulaire_refuse_un_id_force(client, ddets44, parc):
    e44, e75 = parc
    client.force_login(ddets44)
    page = client.get(reverse("dispositif:add")).content.decode()
    assert "Choisir une entité" in page and '<select name="entite"' not in page
    donnees = {
        "nom": "CADA Nouveau",
        "type": "CADA",
        "departement": "44",
        "public": "familles",
        "mode_hebergement": "diffus",
        "places_autorisees": "30",
    }
    refuse = client.post(reverse("dispositif:add"), {**donnees, "entite": e75.pk})
    assert refuse.status_code == 200
    assert "entite" in refuse.context["form"].errors
    assert "Lutetia" not in refuse.content.decode()
    assert not Dispositif.objects.filter(nom="CADA Nouveau").exists()
    accepte = client.post(reverse("dispositif:add"), {**donnees, "entite": e44.pk})
    assert accepte.status_code == 302
    assert Dispositif.objects.get(nom="CADA Nouveau").entite == e44


@pytest.mark.parametrize("liste", ["dispositif:index", "convention:index", "candidature:index"])
def test_filtre_liste_puis_choisisseur_au_dela_du_seuil(client, ddets44, parc, monkeypatch, liste):
    e44, _ = parc
    client.force_login(ddets44)
    html = client.get(reverse(liste)).content.decode()
    assert '<select name="entite"' in html
    monkeypatch.setattr(PerimetreFilterSet, "SEUIL_LISTE", 0)
    response = client.get(reverse(liste), {"entite": e44.pk})
    html = response.content.decode()
    assert '<select name="entite"' not in html
    assert "Choisir une entité" in html
    assert "Foyer Ligérien" in html  # the chosen entité is shown in the filter
    assert response.context["filters"].form.is_valid()


def test_filtre_choisisseur_refuse_une_entite_hors_perimetre(client, ddets44, parc, monkeypatch):
    _, e75 = parc
    monkeypatch.setattr(PerimetreFilterSet, "SEUIL_LISTE", 0)
    client.force_login(ddets44)
    response = client.get(reverse("dispositif:index"), {"entite": e75.pk})
    assert "entite" in response.context["filters"].form.errors
    assert "Lutetia" not in response.content.decode()


def test_listing_a_cout_constant(client, national):
    client.force_login(national)
    assert_listing_a_cout_constant(
        client,
        ESPACE,
        lambda n: [DispositifFactory(entite=EntiteFactory()) for _ in range(n)],
    )
