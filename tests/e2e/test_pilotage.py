"""A regional administrator reads the dashboard, goes back in time, and opens a département from
the map: the figures, the date selector and the map's links work in a real browser."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import DispositifFactory, GroupeFactory
from tests.pilotage.test_indicateurs import reculer_historique

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_tableau_de_bord_date_et_carte(connecter, regional52):
    a_nantes = DispositifFactory(nom="CADA Les Tilleuls", places_autorisees=80)
    GroupeFactory(dispositif=a_nantes, places=40)
    a_angers = DispositifFactory(
        nom="HUDA Angevin", departement_id="49", commune="Angers", places_autorisees=30
    )
    GroupeFactory(dispositif=a_angers, places=20)  # the map's figure: places ouvertes
    DispositifFactory(nom="CADA Belleville", departement_id="75", places_autorisees=1000)
    reculer_historique(60)  # all of this was recorded 60 days ago …
    a_nantes.places_autorisees = 120  # … and the 44 extended its CADA since
    a_nantes.save()
    passe = timezone.localdate() - datetime.timedelta(days=30)

    page = connecter(regional52)
    page.goto("/admin/")
    autorisees = page.locator('[data-capacite="autorisees"] strong')
    expect(autorisees).to_have_text("150")  # 120 + 30, never the 75

    page.get_by_label("Chiffres en vigueur au").fill(passe.isoformat())
    page.get_by_role("button", name="Afficher", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Tableau de bord au"))).to_contain_text(
        f"{passe:%d/%m/%Y}"
    )
    # 80 + 30: places autorisées have no date of their own, the extension counts from when it
    # was recorded.
    expect(autorisees).to_have_text("110")

    # The second axis: the same day, as the base said it that day.
    page.get_by_label("selon la base au").fill(passe.isoformat())
    page.get_by_role("button", name="Afficher", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Tableau de bord au"))).to_contain_text(
        f"selon la base au {passe:%d/%m/%Y}"
    )
    expect(autorisees).to_have_text("110")

    page.get_by_role("link", name="Voir la carte").click()
    expect(page).to_have_url(re.compile(r"/admin/pilotage/carte/"))
    page.get_by_role("link", name=re.compile(r"^Maine-et-Loire \(49\)")).first.click()

    # The list behind the map's figure: the département's dispositifs at the same date.
    expect(page).to_have_url(re.compile(r"/admin/pilotage/chiffre/.*departement=49"))
    liste = page.locator("#pilotage-detail")
    expect(liste).to_contain_text(a_angers.nom)
    expect(liste).not_to_contain_text(a_nantes.nom)
    expect(liste).not_to_contain_text("CADA Belleville")


def test_comparer_deux_dates(connecter, regional52):
    """From the dashboard, the comparison page: two dates typed in its form, the rows that
    changed and the total, then the CSV export the page links to."""
    nantes = DispositifFactory(nom="CADA Les Tilleuls", places_autorisees=80)
    DispositifFactory(nom="CADA Inchangé", places_autorisees=30)
    reculer_historique(60)
    nantes.places_autorisees = 120
    nantes.save()
    il_y_a_un_mois = timezone.localdate() - datetime.timedelta(days=30)

    page = connecter(regional52)
    page.goto("/admin/")
    page.get_by_role("link", name="Comparer deux dates").click()
    expect(page).to_have_url(re.compile(r"/admin/pilotage/comparaison/"))
    page.get_by_label("Du", exact=True).fill(il_y_a_un_mois.isoformat())
    page.get_by_role("button", name="Comparer").click()

    tableau = page.locator("#pilotage-comparaison")
    expect(tableau).to_contain_text("CADA Les Tilleuls")
    expect(tableau).to_contain_text("autorisées +40")
    expect(tableau).not_to_contain_text("CADA Inchangé")
    expect(tableau.locator("[data-total-ecart]").nth(1)).to_have_text("+40")

    with page.expect_download() as telechargement:
        page.get_by_role("link", name="CSV").click()
    contenu = Path(telechargement.value.path()).read_text(encoding="utf-8-sig")
    assert "CADA Les Tilleuls" in contenu and "Total du périmètre" in contenu
