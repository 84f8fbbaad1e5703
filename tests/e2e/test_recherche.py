"""Typed without accents, found with them: the dispositif list's search box, in the browser."""

import pytest
from playwright.sync_api import expect

from tests.factories import DispositifFactory, EntiteFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_recherche_sans_accents(connecter, ddets44):
    etape = DispositifFactory(nom="Foyer L'Étape", commune="Châteaubriant")
    par_entite = DispositifFactory(
        nom="CADA Les Tilleuls", entite=EntiteFactory(raison_sociale="Hébergement Solidaire")
    )
    autre = DispositifFactory(nom="HUDA Le Phare", commune="Saint-Nazaire")
    page = connecter(ddets44)
    page.goto("/admin/offre/dispositifs/")
    liste = page.locator("#listing-results")
    recherche = page.get_by_role("textbox", name="Terme de recherche")

    for saisie in ("chateaubriant", "l'etape", "L ETAPE"):
        recherche.fill(saisie)
        expect(liste).to_contain_text(etape.nom)
        expect(liste).not_to_contain_text(autre.nom)
        expect(liste).not_to_contain_text(par_entite.nom)

    recherche.fill("hebergement")  # the entité's name
    expect(liste).to_contain_text(par_entite.nom)
    expect(liste).not_to_contain_text(etape.nom)
