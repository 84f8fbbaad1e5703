"""The dashboard, the map and the export: figures of the user's perimeter only, at any date."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from backoffice.offre.models import Dispositif
from tests.factories import DispositifFactory, EntiteFactory, FinancementFactory, GroupeFactory
from tests.pilotage.test_indicateurs import reculer_historique

pytestmark = pytest.mark.django_db

AUJOURDHUI = timezone.localdate()
PASSE = AUJOURDHUI - datetime.timedelta(days=30)


@pytest.fixture
def parc():
    """44: 80 autorisées, 50 financées, 40 ouvertes; 75: 1,234 / 1,111 / 999 (never seen by 44)."""
    d44 = DispositifFactory(departement_id="44", places_autorisees=80)
    GroupeFactory(dispositif=d44, places=40)
    FinancementFactory(dispositif=d44, places_financees=50)
    d75 = DispositifFactory(departement_id="75", places_autorisees=1234)
    GroupeFactory(dispositif=d75, places=999)
    FinancementFactory(dispositif=d75, places_financees=1111)
    return d44, d75


def _cartes(html):
    """Values of the four headline figures, as rendered."""
    import re

    return {
        code: int(re.sub(r"\D", "", valeur))
        for code, valeur in re.findall(
            r'data-capacite="(\w+)">\s*Places \w+\s*<strong>(?:<a [^>]*>)?([^<]*)<', html
        )
    }


def test_accueil_chiffres_du_perimetre(client, ddets44, parc):
    client.force_login(ddets44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert _cartes(html) == {"autorisees": 80, "financees": 50, "conventionnees": 0, "ouvertes": 40}
    assert "1\u202f234" not in html and "1 234" not in html and "1234" not in html


def test_accueil_national_voit_tout(client, national, parc):
    client.force_login(national)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert _cartes(html)["autorisees"] == 80 + 1234


def test_accueil_a_une_date_passee(client, ddets44, parc):
    d44, _ = parc
    reculer_historique(60)
    d44.places_autorisees = 120
    d44.save()
    client.force_login(ddets44)
    url = reverse("wagtailadmin_home")
    assert _cartes(client.get(url).content.decode())["autorisees"] == 120
    html = client.get(url, {"date": PASSE.isoformat()}).content.decode()
    assert _cartes(html)["autorisees"] == 80
    assert f"au {PASSE:%d/%m/%Y}" in html


@pytest.mark.parametrize(
    "valeur,message",
    [("pas-une-date", "Date invalide"), ("2999-01-01", "ne peut pas être dans le futur")],
)
def test_date_invalide_message_clair(client, ddets44, parc, valeur, message):
    client.force_login(ddets44)
    reponse = client.get(reverse("wagtailadmin_home"), {"date": valeur})
    assert reponse.status_code == 200
    assert message in reponse.content.decode()
    assert _cartes(reponse.content.decode())["autorisees"] == 80  # today's figures


def test_gestionnaire_ne_voit_que_son_entite(client, gestionnaire44, parc):
    DispositifFactory(departement_id="44", places_autorisees=500)  # another entité of the 44
    client.force_login(gestionnaire44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert _cartes(html)["autorisees"] == 80


def test_lien_vers_la_liste_filtree(client, ddets44, parc):
    client.force_login(ddets44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{reverse('dispositif:index')}?type=CADA" in html


def test_carte_liens_du_perimetre_seulement(client, ddets44, parc):
    client.force_login(ddets44)
    reponse = client.get(reverse("pilotage_carte"), {"indicateur": "financees"})
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert html.count("<path") >= 101
    assert f'href="{reverse("pilotage_detail")}?chiffre=financees&amp;departement=44"' in html
    assert "departement=75" not in html
    assert "1\u202f111" not in html and "1111" not in html


def test_carte_refusee_sans_role(client, django_user_model):
    from tests.factories import UserFactory

    client.force_login(UserFactory())  # no role: no access to the admin at all
    for nom in ("pilotage_carte", "pilotage_export", "pilotage_comparaison", "pilotage_detail"):
        reponse = client.get(reverse(nom))
        assert reponse.status_code == 302 and reponse.url.startswith(reverse("wagtailadmin_login"))


def test_export_xlsx_du_perimetre(client, ddets44, parc):
    client.force_login(ddets44)
    reponse = client.get(reverse("pilotage_export"))
    assert reponse["Content-Type"].startswith("application/vnd.openxmlformats")
    classeur = load_workbook(io.BytesIO(reponse.content))
    assert classeur.sheetnames == ["Par type", "Par département", "Évolution", "Charge de travail"]
    departements = [
        ligne[0] for ligne in classeur["Par département"].iter_rows(min_row=3, values_only=True)
    ]
    assert departements == ["44 – Loire-Atlantique"]
    total = [
        ligne for ligne in classeur["Par type"].iter_rows(values_only=True) if ligne[0] == "Total"
    ]
    assert total[0][1:6] == (1, 80, 50, 0, 40)


def test_liste_des_dispositifs_a_une_date_passee(client, ddets44, parc):
    d44, _ = parc
    reculer_historique(60)
    d44.places_autorisees = 120
    d44.save()
    FinancementFactory(dispositif=d44, action="09", places_financees=7, exercice=PASSE.year)
    client.force_login(ddets44)
    url = reverse("dispositif:index")
    page = client.get(url, {"date": PASSE.isoformat()})
    objets = {d.pk: d for d in page.context["object_list"]}
    assert objets[d44.pk].places_autorisees == 80
    # Places autorisées have no date of their own: those recorded then. The financing line of
    # that exercice recorded since counts (as known today, it finances that year).
    financees_alors = 57 if PASSE.year == AUJOURDHUI.year else 7
    assert objets[d44.pk].nb_places_financees == financees_alors
    assert f"Autorisées au {PASSE:%d/%m/%Y}" in page.content.decode()
    # The same day as the base said it then: the line recorded since does not count.
    alors = client.get(url, {"date": PASSE.isoformat(), "connu_au": PASSE.isoformat()})
    objets_alors = {d.pk: d for d in alors.context["object_list"]}
    assert objets_alors[d44.pk].nb_places_financees == financees_alors - 7
    assert f"au {PASSE:%d/%m/%Y}, selon la base au {PASSE:%d/%m/%Y}" in alors.content.decode()
    # today: live columns
    objets = {d.pk: d for d in client.get(url).context["object_list"]}
    assert objets[d44.pk].places_autorisees == 120


def _creer(n):
    entite = EntiteFactory()
    for i in range(n):
        dispositif = DispositifFactory(entite=entite, departement_id=["44", "75"][i % 2])
        GroupeFactory(dispositif=dispositif)
        FinancementFactory(dispositif=dispositif)


def _requetes(client, url, **params):
    cache.clear()  # the evolution chart is cached until the data change: measure it computed
    with CaptureQueriesContext(connection) as contexte:
        assert client.get(url, params).status_code == 200
    return len(contexte.captured_queries)


@pytest.mark.parametrize(
    "nom,params",
    [
        ("wagtailadmin_home", {}),
        ("wagtailadmin_home", {"date": PASSE.isoformat()}),
        ("pilotage_carte", {}),
        ("pilotage_export", {}),
        ("dispositif:index", {"date": PASSE.isoformat()}),
    ],
)
def test_requetes_independantes_du_volume(client, national, nom, params):
    client.force_login(national)
    _creer(3)
    url = reverse(nom)
    _requetes(client, url, **params)  # warm caches (site, locale)
    petit = _requetes(client, url, **params)
    _creer(9)
    assert Dispositif.objects.count() == 12
    assert _requetes(client, url, **params) == petit


def test_evolution_recalculee_apres_une_modification(national, parc):
    from backoffice.acces.perimetres import NATIONAL
    from backoffice.pilotage.evolution import evolution

    d44, _ = parc
    avant = evolution(NATIONAL, AUJOURDHUI)
    assert len(avant) == 24 and avant[-1]["date"] == AUJOURDHUI
    assert avant[-1]["ouvertes"] == 40 + 999
    GroupeFactory(dispositif=d44, places=5)
    assert evolution(NATIONAL, AUJOURDHUI)[-1]["ouvertes"] == 40 + 999 + 5


def test_evolution_mois_par_mois():
    """Each month end equals the rows read one by one with the dates recorded on them."""
    from backoffice.acces.perimetres import NATIONAL
    from backoffice.pilotage.evolution import calculer_evolution

    ouverture = AUJOURDHUI - datetime.timedelta(days=200)
    dispositif = DispositifFactory(date_ouverture=ouverture, places_autorisees=60)
    GroupeFactory(dispositif=dispositif, places=10)
    GroupeFactory(
        dispositif=dispositif, places=7, date_debut=AUJOURDHUI - datetime.timedelta(days=90)
    )
    for point in calculer_evolution(NATIONAL, AUJOURDHUI):
        date = point["date"]
        attendu = (10 if date >= ouverture else 0) + (
            7 if date >= AUJOURDHUI - datetime.timedelta(days=90) else 0
        )
        assert point["ouvertes"] == attendu, date
        assert point["autorisees"] == (60 if date >= ouverture else 0), date


def test_charge_de_travail_du_perimetre(client, siao44, ddets44, ddets75, parc):
    from imports.models import ImportTemps1
    from tests.demandes.factories import DemandeFactory

    ancienne = DemandeFactory(departement_id="44")
    type(ancienne).objects.filter(pk=ancienne.pk).update(
        etat_depuis=timezone.now() - datetime.timedelta(days=12)
    )
    DemandeFactory(departement_id="44")
    en_erreur = ImportTemps1.objects.create(
        fichier="imports/temps1/x.xlsx", nom_fichier="x.xlsx", etat="en_erreur"
    )
    en_erreur.departements.set(["44"])

    client.force_login(siao44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (
        "Demandes à pré-valider</a> : <strong data-nombre>2</strong> "
        "(la plus ancienne depuis 12 jours)" in html
    )
    client.force_login(ddets44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Imports de fichiers en erreur ou en échec</a> : <strong data-nombre>1</strong>" in html

    client.force_login(ddets75)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Demandes à pré-valider" not in html
    assert "Imports de fichiers en erreur" not in html


def test_files_d_attente_sans_requete_par_objet(client, ddets44):
    """The dashboard checks each waiting call's transition permission: with its départements
    prefetched, 2 or 8 calls to pré-valider cost the same queries."""
    from backoffice.appels.models import AppelAProjets
    from tests.appels.factories import appel_44
    from workflows.services import executer_transition

    def soumettre(n):
        for _ in range(n):
            appel = appel_44()
            executer_transition(AppelAProjets, appel.pk, "soumettre", ddets44)

    client.force_login(ddets44)
    url = reverse("wagtailadmin_home")
    soumettre(2)
    _requetes(client, url)
    petit = _requetes(client, url)
    soumettre(6)
    assert "Appels à projets à pré-valider</a> : <strong data-nombre>8</strong>" in (
        client.get(url).content.decode()
    )
    assert _requetes(client, url) == petit
