"""The home page: what waits for *this* user first (only what they can act on), then the four
capacities, then the detail; gaps only where an authorisation exists; a readable bar chart."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from backoffice.demandes.models import EtatDemande, TypeDemande
from backoffice.offre.models import TypeDispositif
from imports.models import ImportTemps1
from tests.demandes.factories import DemandeFactory
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory

pytestmark = pytest.mark.django_db


def accueil(client, user):
    client.force_login(user)
    reponse = client.get(reverse("wagtailadmin_home"))
    assert reponse.status_code == 200
    return reponse.content.decode()


def file_attente(html):
    """{label: number} of the "Ce qui vous attend" list."""
    soupe = BeautifulSoup(html, "html.parser")
    section = soupe.select_one("[data-attente]")
    assert section is not None, "pas de section « Ce qui vous attend »"
    return {
        li.select_one("[data-libelle]").get_text(strip=True): (
            li.select_one("[data-nombre]").get_text(strip=True)
            if li.select_one("[data-nombre]")
            else None
        )
        for li in section.select("li")
    }


# --- order of the page --------------------------------------------------------------------------


def test_ce_qui_attend_puis_les_capacites_puis_le_detail(client, siao44):
    DispositifFactory(departement_id="44")
    DemandeFactory(departement_id="44")
    html = accueil(client, siao44)
    attente = html.index("data-attente")
    capacites = html.index('data-capacite="autorisees"')
    detail = html.index('id="pilotage-par-type"')
    assert attente < capacites < detail


# --- queues: only what this user can act on -----------------------------------------------------


def test_demandes_a_pre_valider_pour_le_siao_pas_pour_la_dreets(
    client, siao44, regional52, ddets44
):
    ancienne = DemandeFactory(departement_id="44")
    type(ancienne).objects.filter(pk=ancienne.pk).update(
        etat_depuis=timezone.now() - datetime.timedelta(days=12)
    )
    DemandeFactory(departement_id="44")
    DemandeFactory(departement_id="44", etat=EtatDemande.PRE_VALIDEE)

    files = file_attente(accueil(client, siao44))
    assert files["Demandes à pré-valider"] == "2"
    assert "Demandes à valider" not in files  # the département validates, not the SIAO
    assert "(la plus ancienne depuis 12 jours)" in accueil(client, siao44)

    # The DREETS reads the requests of its région but acts on none of them.
    files = file_attente(accueil(client, regional52))
    assert "Demandes à pré-valider" not in files
    assert "Demandes à valider" not in files

    files = file_attente(accueil(client, ddets44))
    assert "Demandes à pré-valider" not in files
    assert files["Demandes à valider"] == "1"


def test_validation_directe_du_siao_comptee_dans_sa_file(client, siao44):
    hotel = TypeDispositif.objects.get(code="HEB_HOTEL")  # validated directly by the SIAO
    DemandeFactory(departement_id="44", type_dispositif=hotel)
    assert file_attente(accueil(client, siao44))["Demandes à pré-valider"] == "1"


def test_demande_a_completer_attend_son_demandeur(client, ddets44, gestionnaire44, dispositif44):
    DemandeFactory(
        type_demande=TypeDemande.MODIFICATION,
        dispositif=dispositif44,
        entite=dispositif44.entite,
        type_dispositif=dispositif44.type,
        donnees_dispositif={"places_autorisees": 90},
        groupes=[],
        financements=[],
        etat=EtatDemande.A_COMPLETER,
        compte_demandeur=gestionnaire44,
    )
    assert "Demandes à compléter" not in file_attente(accueil(client, ddets44))
    assert file_attente(accueil(client, gestionnaire44))["Demandes à compléter"] == "1"


def _import(etat, departements, il_y_a_jours, nom="temps1-44.xlsx"):
    import_ = ImportTemps1.objects.create(
        fichier=f"imports/temps1/{nom}", nom_fichier=nom, etat=etat
    )
    import_.departements.set(departements)
    ImportTemps1.objects.filter(pk=import_.pk).update(
        cree_le=timezone.now() - datetime.timedelta(days=il_y_a_jours)
    )
    return import_


LIBELLE_IMPORTS = "Imports de fichiers en erreur ou en échec"


def test_import_applique_efface_l_erreur_precedente_du_meme_perimetre(client, ddets44):
    _import(ImportTemps1.Etat.EN_ERREUR, ["44"], 5)
    assert file_attente(accueil(client, ddets44))[LIBELLE_IMPORTS] == "1"

    _import(ImportTemps1.Etat.APPLIQUEE, ["75"], 1, nom="temps1-75.xlsx")  # another perimeter
    _import(ImportTemps1.Etat.APPLIQUEE, ["44"], 9)  # applied before the error
    assert file_attente(accueil(client, ddets44))[LIBELLE_IMPORTS] == "1"

    _import(ImportTemps1.Etat.APPLIQUEE, ["44"], 2, nom="temps1-44-corrige.xlsx")
    assert LIBELLE_IMPORTS not in file_attente(accueil(client, ddets44))

    # A later failure waits again.
    _import(ImportTemps1.Etat.ECHEC, ["44"], 0)
    assert file_attente(accueil(client, ddets44))[LIBELLE_IMPORTS] == "1"


def test_imports_en_erreur_pas_pour_qui_ne_peut_pas_importer(client, regional52, lecteur44):
    _import(ImportTemps1.Etat.EN_ERREUR, ["44"], 1)
    for user in (regional52, lecteur44):
        assert LIBELLE_IMPORTS not in file_attente(accueil(client, user))


def test_rien_n_attend(client, lecteur44):
    DemandeFactory(departement_id="44")
    DispositifFactory(departement_id="44")
    html = accueil(client, lecteur44)
    assert file_attente(html) == {}
    assert "Rien n'attend votre action." in html


# --- gaps only for types under authorisation ----------------------------------------------------


@pytest.fixture
def cada_et_huda():
    """CADA (authorised): 80 autorisées, 50 financées, 40 ouvertes. HUDA (declared): 200
    financées and ouvertes, and 30 places « autorisées » typed by mistake."""
    cada = DispositifFactory(departement_id="44", places_autorisees=80)
    FinancementFactory(dispositif=cada, places_financees=50)
    GroupeFactory(dispositif=cada, places=40)
    huda = DispositifFactory(
        departement_id="44", type=TypeDispositif.objects.get(code="HUDA"), places_autorisees=30
    )
    FinancementFactory(dispositif=huda, places_financees=200)
    GroupeFactory(dispositif=huda, places=200)
    return cada, huda


def ligne_du_tableau(html, libelle):
    soupe = BeautifulSoup(html, "html.parser")
    for tr in soupe.select("#pilotage-par-type tbody tr"):
        if tr.th.get_text(strip=True) == libelle:
            return {
                td["data-colonne"]: td.get_text(strip=True).replace("⚠", "").strip()
                for td in tr.select("td[data-colonne]")
            }, {td["data-colonne"] for td in tr.select("td.alerte")}
    raise AssertionError(f"ligne {libelle!r} absente")


def test_ecarts_seulement_pour_les_types_sous_autorisation(client, ddets44, cada_et_huda):
    html = accueil(client, ddets44)
    huda, alertes_huda = ligne_du_tableau(html, "HUDA")
    assert huda["autorisees"] == "—"
    assert huda["ecart_financees"] == "—"
    assert huda["ecart_conventionnees"] == "—"
    assert huda["ecart_ouvertes"] == "0"
    assert alertes_huda == set()

    cada, _ = ligne_du_tableau(html, "CADA")
    assert cada["autorisees"] == "80"
    assert cada["ecart_financees"] == "-30"

    # The nature's subtotal compares the authorised types only: 50 − 80, not 250 − 80 (or 110).
    dna, alertes_dna = ligne_du_tableau(html, "Hébergement asile (DNA)")
    assert dna["autorisees"] == "80"
    assert dna["financees"] == "250"
    assert dna["ecart_financees"] == "-30"
    assert dna["ecart_conventionnees"] == "-80"
    assert alertes_dna == {"ouvertes"}  # 240 open for 250 funded, but no « over authorised »


def test_places_autorisees_des_seuls_types_sous_autorisation(client, ddets44, cada_et_huda):
    soupe = BeautifulSoup(accueil(client, ddets44), "html.parser")
    carte = soupe.select_one('[data-capacite="autorisees"] strong').get_text(strip=True)
    assert carte == "80"


def test_aucun_type_sous_autorisation_pas_d_ecart(client, ddets44):
    huda = DispositifFactory(departement_id="44", type=TypeDispositif.objects.get(code="HUDA"))
    FinancementFactory(dispositif=huda, places_financees=20)
    html = accueil(client, ddets44)
    total, _ = ligne_du_tableau(html, "Total")
    assert total["autorisees"] == "—"
    assert total["ecart_financees"] == "—"
    assert total["financees"] == "20"


def test_export_sans_ecart_pour_les_types_sans_autorisation(client, ddets44, cada_et_huda):
    import io

    from openpyxl import load_workbook

    client.force_login(ddets44)
    classeur = load_workbook(io.BytesIO(client.get(reverse("pilotage_export")).content))
    lignes = {ligne[0].strip(): ligne for ligne in classeur["Par type"].iter_rows(values_only=True)}
    # Dispositifs, autorisées, financées, conventionnées, ouvertes, 3 gaps
    assert lignes["HUDA"][1:9] == (1, None, 200, 0, 200, None, None, 0)
    assert lignes["CADA"][1:9] == (1, 80, 50, 0, 40, -30, -80, -10)


# --- the grouped bar chart ----------------------------------------------------------------------


def test_graphique_une_ligne_par_type_quatre_barres_chiffrees(client, ddets44, cada_et_huda):
    soupe = BeautifulSoup(accueil(client, ddets44), "html.parser")
    graphique = soupe.select_one("figure.pilotage-graphique")
    assert graphique is not None
    # A text alternative: the caption names the chart; each bar says what it is and its value.
    assert "Places par type" in graphique.figcaption.get_text()
    lignes = {ligne["data-type"]: ligne for ligne in graphique.select(".pilotage-graphique-ligne")}
    assert set(lignes) == {"CADA", "HUDA"}
    for ligne in lignes.values():
        barres = ligne.select("[data-barre]")
        assert [b["data-barre"] for b in barres] == [
            "autorisees",
            "financees",
            "conventionnees",
            "ouvertes",
        ]
    textes = [b.get_text(" ", strip=True) for b in lignes["CADA"].select("[data-barre]")]
    assert textes == ["Autorisées : 80", "Financées : 50", "Conventionnées : 0", "Ouvertes : 40"]
    huda = lignes["HUDA"].select_one('[data-barre="autorisees"]').get_text(" ", strip=True)
    assert huda == "Autorisées : sans objet"
    # One scale for the chart: the largest value has the full length, the others their share.
    part = lignes["HUDA"].select_one('[data-barre="financees"] .trait')["style"]
    assert part == "--part: 1"
    assert lignes["CADA"].select_one('[data-barre="financees"] .trait')["style"] == "--part: 0.25"


def test_files_des_demandes_sans_requete_par_demande(client, siao44, ddets44):
    """Each waiting request's transition permission is read on rows already loaded: 2 or 8
    requests cost the same queries."""
    from tests.pilotage.test_tableau import _requetes

    hotel = TypeDispositif.objects.get(code="HEB_HOTEL")

    def deposer(n):
        for i in range(n):
            DemandeFactory(
                departement_id="44",
                type_dispositif=hotel if i % 2 else TypeDispositif.objects.get(code="CADA"),
                etat=EtatDemande.PRE_VALIDEE if i % 3 == 0 else EtatDemande.SOUMISE,
            )

    url = reverse("wagtailadmin_home")
    deposer(2)
    for user in (siao44, ddets44):
        client.force_login(user)
        _requetes(client, url)
        petit = _requetes(client, url)
        deposer(6)
        assert _requetes(client, url) == petit, user
