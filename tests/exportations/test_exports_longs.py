"""The long exports that are not lists (piloting workbook, schéma grid, Temps 1 workbook) go to
the background above `EXPORTS_SEUIL_DIFFERE` by the lists' mechanism: the job carries the page's
parameters and is rebuilt for its user's perimeter, its file holds what the immediate download
holds, without a live formula, and is theirs only."""

import io
import os
import subprocess
import sys

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from backoffice.exportations import taches
from backoffice.exportations.models import EtatExport, ExportDiffere
from backoffice.schemas.models import ActionSchema
from tests.acces.outils import comparer_requetes, contenu
from tests.exports.test_formules import verifier_xlsx
from tests.factories import DispositifFactory, EntiteFactory, FinancementFactory, departement
from tests.schemas.outils import petit_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seuil(settings):
    settings.EXPORTS_SEUIL_DIFFERE = 2
    return settings


def _parc(nombre, code="44", prefixe="CADA"):
    entite = EntiteFactory(departement=departement(code))
    for rang in range(nombre):
        dispositif = DispositifFactory(
            entite=entite, departement=departement(code), nom=f"{prefixe} {code} {rang}"
        )
        FinancementFactory(dispositif=dispositif)


def _classeur(brut):
    """Every sheet's rows, as values."""
    classeur = openpyxl.load_workbook(io.BytesIO(brut))
    return {ws.title: [list(ligne) for ligne in ws.iter_rows(values_only=True)] for ws in classeur}


def _fichier(export):
    export.refresh_from_db()
    assert export.etat == EtatExport.TERMINE, export.erreur
    with export.fichier.open("rb") as fichier:
        return fichier.read()


def _par_la_page(client, url, parametres=None):
    """Click the export: the page answers with the job's progress page, whose link gives the
    file."""
    reponse = client.get(url, parametres or {})
    assert reponse.status_code == 302, reponse.status_code
    export = ExportDiffere.objects.latest("pk")
    assert reponse.url == reverse("exportations:suivi", args=[export.pk])
    page = client.get(reponse.url).content.decode()
    lien = reverse("exportations:telecharger", args=[export.pk])
    assert lien in page
    return export, contenu(client.get(lien))


# ---------------------------------------------------------------------------------------------
# Piloting workbook
# ---------------------------------------------------------------------------------------------


def test_pilotage_petit_perimetre_reste_immediat(client, ddets44, seuil):
    _parc(2)
    client.force_login(ddets44)
    reponse = client.get(reverse("pilotage_export"))
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith("attachment")
    assert not ExportDiffere.objects.exists()


@pytest.mark.parametrize("utilisateur", ["national", "ddets44"])
def test_pilotage_en_arriere_plan_memes_chiffres(request, client, utilisateur, seuil):
    user = request.getfixturevalue(utilisateur)
    _parc(3)
    _parc(3, code="75")
    client.force_login(user)
    jour = timezone.localdate()
    export, brut = _par_la_page(client, reverse("pilotage_export"), {"date": jour.isoformat()})
    assert (export.demandeur, export.liste, export.parametres) == (
        user,
        "pilotage_export",
        f"date={jour.isoformat()}",
    )
    assert export.nom_telechargement == f"pilotage-{jour:%Y-%m-%d}.xlsx"
    verifier_xlsx(brut)
    differe = _classeur(brut)

    seuil.EXPORTS_SEUIL_DIFFERE = 1000
    immediat = client.get(reverse("pilotage_export"), {"date": jour.isoformat()})
    assert immediat.status_code == 200
    assert differe == _classeur(immediat.content)
    departements = [ligne[0] for ligne in differe["Par département"][2:]]
    attendus = ["44", "75"] if utilisateur == "national" else ["44"]
    assert [d.split(" ")[0] for d in departements] == attendus


def test_pilotage_perimetre_perdu_avant_l_ecriture(ddets44, seuil):
    _parc(3)
    export = ExportDiffere.objects.create(
        demandeur=ddets44, liste="pilotage_export", titre="Chiffres", format="xlsx"
    )
    ddets44.is_active = False
    ddets44.save()
    taches.produire_export.enqueue(export.pk)
    export.refresh_from_db()
    assert export.etat == EtatExport.ECHEC
    assert export.erreur == "Les données de cet export ne font plus partie de votre périmètre."
    assert not export.fichier


@pytest.mark.parametrize("vue", ["suivi", "statut", "telecharger"])
def test_pilotage_un_autre_utilisateur_ne_voit_pas_l_export(
    client, ddets44, ddets75, national, seuil, vue
):
    _parc(3)
    client.force_login(ddets44)
    export, _ = _par_la_page(client, reverse("pilotage_export"))
    url = reverse(f"exportations:{vue}", args=[export.pk])
    for autre in (ddets75, national):
        client.force_login(autre)
        assert client.get(url).status_code == 404


def _requetes_tache(user, liste, parametres):
    export = ExportDiffere.objects.create(
        demandeur=user, liste=liste, titre="Export", parametres=parametres, format="xlsx"
    )
    with CaptureQueriesContext(connection) as capture:
        taches.produire_export.enqueue(export.pk)
    export.refresh_from_db()
    assert export.etat == EtatExport.TERMINE, export.erreur
    return [q["sql"] for q in capture.captured_queries]


@pytest.mark.parametrize(
    ("liste", "parametres"),
    [
        ("pilotage_export", ""),
        ("pilotage_export", "date=2025-06-30"),
        ("import_temps1:export", "departement=tous"),
    ],
)
@pytest.mark.parametrize("utilisateur", ["national", "ddets44"])
def test_requetes_des_taches_sans_n_plus_1(request, utilisateur, liste, parametres, settings):
    settings.EXPORTS_PAS_PROGRESSION = 10_000
    user = request.getfixturevalue(utilisateur)
    _parc(3)
    # A warm-up at each size: the dashboard keeps the day's figures in a cache that new rows
    # invalidate.
    _requetes_tache(user, liste, parametres)
    petit = _requetes_tache(user, liste, parametres)
    _parc(9, prefixe="HUDA")
    _requetes_tache(user, liste, parametres)
    grand = _requetes_tache(user, liste, parametres)
    comparer_requetes(petit, grand, 3, 12)


# ---------------------------------------------------------------------------------------------
# Schéma grid
# ---------------------------------------------------------------------------------------------


def test_grille_d_un_grand_schema_en_arriere_plan(client, lecteur44, seuil):
    _, campagne = petit_schema("52", actions=6)
    client.force_login(lecteur44)
    url = reverse("campagne:exporter", args=[campagne.pk])
    export, brut = _par_la_page(client, url)
    assert (export.demandeur, export.liste, export.parametres) == (
        lecteur44,
        "campagne:exporter",
        f"campagne={campagne.pk}",
    )
    verifier_xlsx(brut)
    assert export.lignes == export.total == 6

    seuil.EXPORTS_SEUIL_DIFFERE = 1000
    immediat = client.get(url)
    assert immediat.status_code == 200
    assert _classeur(brut) == _classeur(immediat.content)


def test_grille_hors_perimetre_introuvable_meme_en_arriere_plan(client, ddets75, seuil):
    _, campagne = petit_schema("52", actions=6)
    client.force_login(ddets75)
    assert client.get(reverse("campagne:exporter", args=[campagne.pk])).status_code == 404
    assert not ExportDiffere.objects.exists()
    # A job forged for a campaign out of reach writes nothing.
    export = taches.demander(
        ddets75, "campagne:exporter", "Grille", "grille", f"campagne={campagne.pk}", "xlsx"
    )
    assert export.etat == EtatExport.ECHEC
    assert not export.fichier


def test_requetes_de_la_grille_sans_n_plus_1(lecteur44, settings):
    settings.EXPORTS_PAS_PROGRESSION = 10_000
    _, campagne = petit_schema("52", actions=4)
    parametres = f"campagne={campagne.pk}"
    _requetes_tache(lecteur44, "campagne:exporter", parametres)  # warm-up
    petit = _requetes_tache(lecteur44, "campagne:exporter", parametres)
    thematique = ActionSchema.objects.filter(thematique__objectif__schema=campagne.schema)[0]
    for rang in range(12):
        ActionSchema.objects.create(
            thematique=thematique.thematique, libelle=f"Action ajoutée {rang}", ordre=100 + rang
        )
    grand = _requetes_tache(lecteur44, "campagne:exporter", parametres)
    comparer_requetes(petit, grand, 4, 16)


# ---------------------------------------------------------------------------------------------
# Temps 1 workbook
# ---------------------------------------------------------------------------------------------


FEUILLES_TEMPS1 = ("Entités", "Dispositifs", "Financements")


def test_temps1_du_perimetre_en_arriere_plan_memes_lignes(client, ddets44, seuil):
    _parc(3)
    _parc(3, code="75")
    client.force_login(ddets44)
    url = reverse("import_temps1:export")
    export, brut = _par_la_page(client, url, {"departement": "tous"})
    assert (export.demandeur, export.liste, export.parametres) == (
        ddets44,
        "import_temps1:export",
        "departement=tous",
    )
    verifier_xlsx(brut)
    differe = _classeur(brut)
    assert export.lignes == export.total == 1 + 3 + 3  # entité, dispositifs, financements

    seuil.EXPORTS_SEUIL_DIFFERE = 1000
    immediat = _classeur(contenu(client.get(url, {"departement": "tous"})))
    for feuille in FEUILLES_TEMPS1:
        assert differe[feuille] == immediat[feuille], feuille
    crees = {f"CADA {code} {rang}" for code in ("44", "75") for rang in range(3)}
    noms = [v for ligne in differe["Dispositifs"] for v in ligne if v in crees]
    assert sorted(noms) == ["CADA 44 0", "CADA 44 1", "CADA 44 2"]  # never the 75's


def test_temps1_petit_departement_reste_immediat(client, ddets44, seuil):
    _parc(2)
    client.force_login(ddets44)
    reponse = client.get(reverse("import_temps1:export"), {"departement": "44"})
    assert reponse.status_code == 200
    assert not ExportDiffere.objects.exists()


# ---------------------------------------------------------------------------------------------
# The worker process
# ---------------------------------------------------------------------------------------------


def test_un_worker_neuf_connait_les_exports_inscrits():
    """The worker serves no request: the registry must not depend on the admin URLs having
    been built before (they register the listings)."""
    code = (
        "import django; django.setup();"
        "from backoffice.exportations.registre import constructeur;"
        "noms = ['dispositif:index', 'pilotage_export', 'campagne:exporter', "
        "'import_temps1:export'];"
        "print([n for n in noms if constructeur(n) is None])"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "backoffice.settings.test"},
        timeout=300,
    )
    assert sortie.stdout.strip() == "[]", sortie.stderr


# ---------------------------------------------------------------------------------------------
# Comparison of two dates
# ---------------------------------------------------------------------------------------------


def _parc_modifie():
    """One CADA in 44 (named like a formula) and one in 75, both extended a month ago."""
    from tests.pilotage.test_indicateurs import reculer_historique

    d44 = DispositifFactory(departement=departement("44"), nom="=1+1 CADA", places_autorisees=80)
    d75 = DispositifFactory(departement=departement("75"), nom="CADA 75", places_autorisees=40)
    reculer_historique(60)
    for dispositif in (d44, d75):
        dispositif.places_autorisees += 10
        dispositif.save()
    return {"du": (timezone.localdate() - timezone.timedelta(days=30)).isoformat()}


def test_comparaison_limitee_au_perimetre_page_et_exports(client, ddets44, seuil):
    parametres = _parc_modifie()
    client.force_login(ddets44)
    url = reverse("pilotage_comparaison")
    page = client.get(url, parametres).content.decode()
    assert "CADA" in page and "CADA 75" not in page

    csv = contenu(client.get(url, {**parametres, "format": "csv"}))
    assert b"CADA 75" not in csv and b"'=1+1 CADA" in csv

    # Above the threshold: a job, rebuilt with the user's perimeter.
    seuil.EXPORTS_SEUIL_DIFFERE = 0  # the 44 has one dispositif
    export, brut = _par_la_page(client, url, {**parametres, "format": "xlsx"})
    assert export.liste == "pilotage_comparaison"
    verifier_xlsx(brut, attendus=["=1+1 CADA"])
    lignes = _classeur(brut)["Comparaison"]
    # Its one row, then the total row (no name: an empty cell).
    assert [ligne[1] for ligne in lignes[1:]] == ["=1+1 CADA", None]
    assert lignes[-1][0] == "Total du périmètre"


def test_comparaison_perimetre_perdu_avant_l_ecriture(ddets44, seuil):
    _parc_modifie()
    export = ExportDiffere.objects.create(
        demandeur=ddets44, liste="pilotage_comparaison", titre="Comparaison", format="xlsx"
    )
    ddets44.is_active = False
    ddets44.save()
    taches.produire_export.enqueue(export.pk)
    export.refresh_from_db()
    assert export.etat == EtatExport.ECHEC
    assert not export.fichier
