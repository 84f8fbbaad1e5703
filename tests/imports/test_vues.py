"""The Temps 1 import screens in the Wagtail admin: template, upload, preview with every error,
downloads, confirmation, history, export — and the perimeter on each of them.

Tasks run at once (immediate backend of the test settings): an upload comes back analysed.
"""

import datetime
import io
import json

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement
from imports import apercu as module_apercu
from imports.models import ImportTemps1
from tests.factories import DispositifFactory
from tests.imports.outils import dispositif, entite, financement, simple

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def correct(tmp_path):
    """1 entité, 2 dispositifs, 1 financement, all in the 44."""
    return simple(
        tmp_path / "offre-44.xlsx",
        [entite(1)],
        [dispositif(1), dispositif(2, nom="CADA Les Tilleuls")],
        [financement(1)],
    )


@pytest.fixture
def fautif(tmp_path):
    """One error per data sheet, and one more in the Dispositifs sheet."""
    return simple(
        tmp_path / "offre-fautive.xlsx",
        [entite(1), entite(2, siren="123456789")],
        [dispositif(1), dispositif(2, places_autorisees="beaucoup"), dispositif(3, finess="12")],
        [financement(1, exercice=1990)],
    )


def deposer(client, chemin, nom=None):
    """Upload as a browser does: post, then open the page it leads to (and read its message)."""
    nom = nom or chemin.name
    response = client.post(
        reverse("import_temps1:add"), {"fichier": SimpleUploadedFile(nom, chemin.read_bytes())}
    )
    if response.status_code == 302:
        client.get(response["Location"])
    return response


def page(client, import_, **params):
    response = client.get(reverse("import_temps1:inspect", args=[import_.pk]), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def comptes(soupe):
    """{sheet: {created, updated, unchanged, errors}} as shown by the preview table."""
    return {
        ligne["data-onglet"]: {
            cellule["data-compte"]: int(cellule.get_text()) for cellule in ligne.select("td")
        }
        for ligne in soupe.select("[data-apercu] tbody tr")
    }


def erreurs_affichees(soupe):
    return [
        tuple(td.get_text(strip=True) for td in ligne.select("td"))
        for ligne in soupe.select("[data-erreurs] tr[data-erreur]")
    ]


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def appliquer(client, import_, confirmer=True):
    donnees = {"confirmer": "on"} if confirmer else {}
    response = client.post(reverse("import_temps1:appliquer", args=[import_.pk]), donnees)
    if response.status_code == 302:
        client.get(response["Location"])  # shows (and consumes) the messages
    return response


# ---------------------------------------------------------------------------------------------
# Blank template, menu
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("qui", ["national", "regional52", "ddets44", "siao44"])
def test_modele_vierge_pour_tout_administrateur(client, request, qui):
    client.force_login(request.getfixturevalue(qui))
    index = client.get(reverse("import_temps1:index"))
    assert index.status_code == 200
    lien = BeautifulSoup(index.content, "html.parser").select_one("a[data-modele]")
    response = client.get(lien["href"])
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="modele-temps1.xlsx"'
    classeur = openpyxl.load_workbook(io.BytesIO(response.getvalue()))  # streamed or not
    assert classeur.sheetnames[:4] == ["Entités", "Dispositifs", "Financements", "Annexes et guide"]
    assert classeur["Dispositifs"].max_row == 1  # headers only


@pytest.mark.parametrize(
    "qui, visible",
    [
        ("national", True),
        ("ddets44", True),
        ("siao44", True),
        ("regional52", True),  # template and export only
        ("lecteur44", True),  # template and export only
        ("gestionnaire44", False),
    ],
)
def test_menu(client, request, qui, visible):
    client.force_login(request.getfixturevalue(qui))
    accueil = client.get(reverse("wagtailadmin_home"))
    assert (reverse("import_temps1:index") in accueil.content.decode()) is visible
    index = client.get(reverse("import_temps1:index"))
    assert index.status_code == (200 if visible else 302)


def test_sans_droit_sur_les_imports_l_historique_est_vide(client, correct, ddets44, regional52):
    client.force_login(ddets44)
    deposer(client, correct)
    client.force_login(regional52)
    response = client.get(reverse("import_temps1:index"))
    assert list(response.context["object_list"]) == []
    soupe = BeautifulSoup(response.content, "html.parser")
    assert not soupe.select("table.listing tbody tr")
    assert not soupe.select('a[href$="/new/"]')  # no upload button
    import_ = ImportTemps1.objects.get()
    assert client.get(reverse("import_temps1:inspect", args=[import_.pk])).status_code == 404


# ---------------------------------------------------------------------------------------------
# Upload, preview, errors
# ---------------------------------------------------------------------------------------------


def test_depot_analyse_puis_apercu(client, correct, ddets44):
    client.force_login(ddets44)
    formulaire = BeautifulSoup(
        client.get(reverse("import_temps1:add")).content, "html.parser"
    ).select_one("[data-perimetre]")
    assert formulaire.get_text() == "44"

    response = deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("import_temps1:inspect", args=[import_.pk])
    assert import_.etat == "analysee" and import_.deposant == ddets44
    assert import_.fichier.read() == correct.read_bytes()

    soupe = page(client, import_)
    assert soupe.select_one("[data-etat]").get_text() == "Analysé, prêt à appliquer"
    assert comptes(soupe) == {
        "Entités": {"created": 1, "updated": 0, "unchanged": 0, "errors": 0},
        "Dispositifs": {"created": 2, "updated": 0, "unchanged": 0, "errors": 0},
        "Financements": {"created": 1, "updated": 0, "unchanged": 0, "errors": 0},
    }
    assert not soupe.select("[data-erreurs]")
    assert soupe.select("form[data-confirmation]")
    assert not soupe.select("[data-suivi]")  # finished: no polling
    assert not Dispositif.objects.exists()  # nothing written before confirmation


def test_toutes_les_erreurs_et_leurs_filtres(client, fautif, ddets44):
    client.force_login(ddets44)
    deposer(client, fautif)
    import_ = ImportTemps1.objects.get()
    assert import_.etat == "en_erreur"
    stockees = import_.rapport["errors"]
    assert {e["sheet"] for e in stockees} == {"Entités", "Dispositifs", "Financements"}

    soupe = page(client, import_)
    attendues = [
        (e["sheet"], str(e["row"]), e["column"], e["value"], e["message"]) for e in stockees
    ]
    assert erreurs_affichees(soupe) == attendues
    assert not soupe.select("form[data-confirmation]")
    assert comptes(soupe)["Dispositifs"]["errors"] == 2
    options = [o.get_text() for o in soupe.select("#filtre-onglet option")]
    assert options == ["Tous", "Entités (1)", "Dispositifs (2)", "Financements (1)"]

    par_onglet = erreurs_affichees(page(client, import_, onglet="Dispositifs"))
    assert par_onglet == [a for a in attendues if a[0] == "Dispositifs"]

    # Text: every word, anywhere in the row, ignoring case and accents.
    finess = [a for a in attendues if a[2] == "FINESS"]
    assert len(finess) == 1
    assert erreurs_affichees(page(client, import_, q="finess")) == finess
    assert erreurs_affichees(page(client, import_, q="123456789")) == [
        a for a in attendues if a[3] == "123456789"
    ]
    entites = erreurs_affichees(page(client, import_, q="ENTITES"))
    assert entites and all(a[0] == "Entités" for a in entites)
    vide = page(client, import_, onglet="Financements", q="finess")
    assert erreurs_affichees(vide) == []
    assert "Aucune erreur ne correspond" in vide.select_one("[data-erreurs]").get_text()


def test_telechargements(client, fautif, ddets44):
    client.force_login(ddets44)
    deposer(client, fautif, "Offre fautive.xlsx")
    import_ = ImportTemps1.objects.get()
    soupe = page(client, import_)

    annote = client.get(soupe.select_one("a[data-lien-annote]")["href"])
    assert annote.status_code == 200
    assert annote["Content-Disposition"] == 'attachment; filename="Offre fautive-annote.xlsx"'
    classeur = openpyxl.load_workbook(io.BytesIO(b"".join(annote.streaming_content)))
    assert classeur.sheetnames[0] == "Erreurs"

    liens = {a.get_text(): a["href"] for a in soupe.select("[data-fichiers] a")}
    assert set(liens) == {"Fichier déposé", "Rapport (JSON)", "Classeur annoté"}
    original = client.get(liens["Fichier déposé"])
    assert b"".join(original.streaming_content) == fautif.read_bytes()
    assert original["Content-Disposition"] == 'attachment; filename="Offre fautive.xlsx"'
    rapport = client.get(liens["Rapport (JSON)"])
    assert json.loads(rapport.content) == import_.rapport
    assert set(import_.rapport) == {"ok", "applied", "sheets", "errors", "warnings"}


def test_sans_copie_annotee_quand_tout_est_juste(client, correct, ddets44):
    client.force_login(ddets44)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    assert (
        client.get(reverse("import_temps1:fichier", args=[import_.pk, "annote"])).status_code == 404
    )
    assert (
        client.get(reverse("import_temps1:fichier", args=[import_.pk, "autre"])).status_code == 404
    )


@pytest.mark.parametrize(
    "nom, contenu, message",
    [
        ("offre.xlsx", b"%PDF-1.4\n%%EOF\n", "Ce fichier est un PDF"),
        ("offre.xlsx", b"", "Le fichier est vide."),
        ("offre.xlsx", b"PK\x03\x04" + b"x" * 3000, "la limite est de"),
        ("offre.csv", b"SIREN;Raison sociale\n", "pas un classeur Excel .xlsx"),
    ],
)
def test_fichiers_refuses_avec_un_message_et_conserves(
    client, ddets44, settings, nom, contenu, message
):
    settings.TEMPS1_TAILLE_MAX = 2048  # the oversized case: 3 ko
    client.force_login(ddets44)
    response = client.post(
        reverse("import_temps1:add"), {"fichier": SimpleUploadedFile(nom, contenu)}
    )
    assert response.status_code == 302
    import_ = ImportTemps1.objects.get()
    assert import_.etat == "en_erreur"
    assert message in import_.message_echec
    soupe = page(client, import_)
    assert message in soupe.select_one("[data-message-echec]").get_text()
    original = client.get(reverse("import_temps1:fichier", args=[import_.pk, "original"]))
    assert b"".join(original.streaming_content) == contenu  # kept as sent
    assert not EntiteGestionnaire.objects.exists()


def test_depot_sans_fichier(client, ddets44):
    client.force_login(ddets44)
    response = client.post(reverse("import_temps1:add"), {})
    assert response.status_code == 200
    assert "Choisissez le classeur à déposer." in response.content.decode()
    assert not ImportTemps1.objects.exists()


# ---------------------------------------------------------------------------------------------
# Confirmation
# ---------------------------------------------------------------------------------------------


def test_appliquer_apres_confirmation(client, correct, ddets44):
    client.force_login(ddets44)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()

    sans_case = appliquer(client, import_, confirmer=False)
    assert messages_de(sans_case) == ["Cochez la case de confirmation pour appliquer l'import."]
    import_.refresh_from_db()
    assert import_.etat == "analysee" and not Dispositif.objects.exists()

    response = appliquer(client, import_)
    assert response["Location"] == reverse("import_temps1:inspect", args=[import_.pk])
    import_.refresh_from_db()
    assert import_.etat == "appliquee"
    assert messages_de(response) == [
        f"Import n° {import_.pk} appliqué : 4 créées · 0 modifiée · 0 inchangée."
    ]
    assert set(Dispositif.objects.values_list("nom", flat=True)) == {
        "CADA Test 1",
        "CADA Les Tilleuls",
    }
    assert Financement.objects.count() == 1
    for objet in [*Dispositif.objects.all(), EntiteGestionnaire.objects.get()]:
        entree = objet.history.get()
        assert entree.history_change_reason == import_.libelle
        assert entree.history_user == ddets44

    soupe = page(client, import_)
    assert soupe.select_one("[data-etat]").get_text() == "Appliqué"
    assert comptes(soupe)["Dispositifs"]["created"] == 2
    assert "Créées" in soupe.select_one("[data-apercu] thead").get_text()
    assert not soupe.select("form[data-confirmation]")
    # The dispositif's history names the import.
    historique = client.get(
        reverse("dispositif:inspect", args=[Dispositif.objects.get(nom="CADA Les Tilleuls").pk])
    )
    assert import_.libelle in historique.content.decode()


def test_double_confirmation_appliquee_une_seule_fois(client, correct, ddets44):
    client.force_login(ddets44)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    appliquer(client, import_)
    seconde = appliquer(client, import_)
    assert seconde.status_code == 302
    (message,) = messages_de(seconde)
    assert message.startswith("Cet import a déjà été appliqué (le ")
    assert Dispositif.objects.count() == 2
    assert Dispositif.history.count() == 2  # one creation each, nothing twice


def test_confirmation_pendant_l_application(client, correct, ddets44):
    client.force_login(ddets44)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    ImportTemps1.objects.filter(pk=import_.pk).update(etat="en_application")  # another tab
    response = appliquer(client, import_)
    assert messages_de(response) == [
        "Cet import est déjà en cours d'application : il ne sera appliqué qu'une fois."
    ]
    assert not Dispositif.objects.exists()


def test_la_base_a_change_depuis_l_analyse(client, tmp_path, ddets44, dispositif44):
    chemin = simple(
        tmp_path / "ajout.xlsx",
        dispositifs=[dispositif(1, siren=dispositif44.entite.siren)],
    )
    client.force_login(ddets44)
    deposer(client, chemin)
    import_ = ImportTemps1.objects.get()
    assert import_.etat == "analysee"
    entite_ = dispositif44.entite
    dispositif44.delete()
    entite_.delete()  # before the confirmation
    response = appliquer(client, import_)
    import_.refresh_from_db()
    assert import_.etat == "en_erreur"
    assert "la base a changé depuis l'analyse" in messages_de(response)[0]
    assert not Dispositif.objects.exists()
    assert erreurs_affichees(page(client, import_))


# ---------------------------------------------------------------------------------------------
# Perimeters and rights
# ---------------------------------------------------------------------------------------------


def test_un_import_du_44_n_existe_pas_pour_le_75(client, fautif, ddets44, ddets75):
    client.force_login(ddets44)
    deposer(client, fautif)
    import44 = ImportTemps1.objects.get()
    ImportTemps1.objects.filter(pk=import44.pk).update(etat="analysee")  # appliable by the 44

    client.force_login(ddets75)
    for url in [
        reverse("import_temps1:inspect", args=[import44.pk]),
        reverse("import_temps1:edit", args=[import44.pk]),
        reverse("import_temps1:statut", args=[import44.pk]),
        *(
            reverse("import_temps1:fichier", args=[import44.pk, q])
            for q in ("original", "rapport", "annote")
        ),
    ]:
        assert client.get(url).status_code == 404, url
    assert appliquer(client, import44).status_code == 404
    import44.refresh_from_db()
    assert import44.etat == "analysee"

    liste = client.get(reverse("import_temps1:index"))
    assert "offre-fautive.xlsx" not in liste.content.decode()
    assert list(liste.context["object_list"]) == []
    client.force_login(ddets44)
    liste = client.get(reverse("import_temps1:index"))
    assert list(liste.context["object_list"]) == [import44]


def test_le_44_ne_peut_pas_ecrire_dans_le_75(client, tmp_path, ddets44):
    chemin = simple(
        tmp_path / "offre.xlsx",
        [entite(1)],
        [dispositif(1), dispositif(2, departement="75", commune="Paris", code_postal="75011")],
    )
    client.force_login(ddets44)
    deposer(client, chemin)
    import_ = ImportTemps1.objects.get()
    assert import_.etat == "en_erreur"
    soupe = page(client, import_)
    assert erreurs_affichees(soupe) == [
        ("Dispositifs", "3", "Département", "75", "Hors de votre périmètre (départements : 44).")
    ]
    assert not soupe.select("form[data-confirmation]")
    response = appliquer(client, import_)
    assert messages_de(response) == [
        "Cet import ne peut pas être appliqué : il est « Erreurs à corriger ». "
        "Rien n'a été modifié."
    ]
    assert not Dispositif.objects.exists() and not EntiteGestionnaire.objects.exists()


@pytest.mark.parametrize("qui", ["lecteur44", "gestionnaire44", "regional52"])
def test_sans_droit_d_import_ni_depot_ni_application(client, request, correct, ddets44, qui):
    client.force_login(ddets44)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    client.force_login(request.getfixturevalue(qui))
    assert client.get(reverse("import_temps1:add")).status_code == 302
    assert deposer(client, correct).status_code == 302
    assert appliquer(client, import_).status_code == 302  # refused: no "add" right
    assert ImportTemps1.objects.count() == 1
    import_.refresh_from_db()
    assert import_.etat == "analysee"
    assert not Dispositif.objects.filter(nom="CADA Test 1").exists()


def test_un_siao_confirme_un_import_de_son_departement(client, correct, ddets44, siao44):
    client.force_login(ddets44)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    client.force_login(siao44)
    appliquer(client, import_)
    import_.refresh_from_db()
    assert import_.etat == "appliquee"
    assert Dispositif.objects.get(nom="CADA Test 1").history.get().history_user == siao44


def test_ni_modification_ni_suppression(client, correct, national):
    client.force_login(national)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    edition = client.get(reverse("import_temps1:edit", args=[import_.pk]))
    assert edition["Location"] == reverse("import_temps1:inspect", args=[import_.pk])
    assert client.post(reverse("import_temps1:delete", args=[import_.pk])).status_code == 302
    assert ImportTemps1.objects.filter(pk=import_.pk).exists()


# ---------------------------------------------------------------------------------------------
# History of imports
# ---------------------------------------------------------------------------------------------


def test_historique(client, correct, fautif, ddets44, siao44, national):
    client.force_login(ddets44)
    deposer(client, correct)
    client.force_login(siao44)
    deposer(client, fautif)
    client.force_login(national)
    deposer(client, correct, "national.xlsx")

    client.force_login(ddets44)
    response = client.get(reverse("import_temps1:index"))
    soupe = BeautifulSoup(response.content, "html.parser")
    lignes = soupe.select("table.listing tbody tr")
    assert len(lignes) == 2  # the 44's, filed by the DDETS and the SIAO; not the national one
    textes = [ligne.get_text(" ", strip=True) for ligne in lignes]
    assert "offre-fautive.xlsx" in textes[0] and "Erreurs à corriger" in textes[0]
    assert "2 à créer" in textes[0] and "4 erreurs" in textes[0]
    assert "offre-44.xlsx" in textes[1] and "Analysé, prêt à appliquer" in textes[1]
    assert "4 à créer · 0 à modifier · 0 inchangée" in textes[1]
    assert siao44.get_full_name() in textes[0] and "44" in textes[0]
    liens = [a.get_text() for a in lignes[0].select("ul.imports-liens a")]
    assert liens == ["Fichier déposé", "Rapport (JSON)", "Classeur annoté"]

    filtre = client.get(reverse("import_temps1:index"), {"etat": "en_erreur"})
    assert [i.nom_fichier for i in filtre.context["object_list"]] == ["offre-fautive.xlsx"]
    recherche = client.get(reverse("import_temps1:index"), {"q": "fautive"})
    assert [i.nom_fichier for i in recherche.context["object_list"]] == ["offre-fautive.xlsx"]

    client.force_login(national)
    tout = client.get(reverse("import_temps1:index"))
    assert len(tout.context["object_list"]) == 3


def test_historique_requetes_constantes(client, correct, ddets44):

    client.force_login(ddets44)

    def requetes():
        client.get(reverse("import_temps1:index"))  # warm-up (session, caches)
        with CaptureQueriesContext(connection) as capture:
            assert client.get(reverse("import_temps1:index")).status_code == 200
        return len(capture)

    deposer(client, correct)
    une = requetes()
    for _ in range(3):
        deposer(client, correct)
    assert ImportTemps1.objects.count() == 4
    assert requetes() == une


# ---------------------------------------------------------------------------------------------
# Status (polled by the page)
# ---------------------------------------------------------------------------------------------


def test_statut_et_suivi_de_la_progression(client, correct, ddets44):
    client.force_login(ddets44)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    ImportTemps1.objects.filter(pk=import_.pk).update(etat="en_analyse", progression=10)
    statut = client.get(reverse("import_temps1:statut", args=[import_.pk])).json()
    assert statut == {
        "etat": "en_analyse",
        "libelle": "Analyse en cours",
        "progression": 10,
        "en_cours": True,
    }
    soupe = page(client, import_)
    suivi = soupe.select_one("[data-suivi]")
    assert suivi["data-url-statut"] == reverse("import_temps1:statut", args=[import_.pk])
    assert suivi.select_one("[role=progressbar]")["aria-valuenow"] == "10"
    assert soupe.find("script", string=lambda s: s and "fetch(url" in s)
    assert not soupe.select("form[data-confirmation]")  # not before the analysis ends

    ImportTemps1.objects.filter(pk=import_.pk).update(etat="analysee", progression=100)
    fini = client.get(reverse("import_temps1:statut", args=[import_.pk])).json()
    assert fini["en_cours"] is False


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------


def codes_exportes(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="temps1-')
    classeur = openpyxl.load_workbook(io.BytesIO(response.getvalue()))  # streamed or not
    feuille = classeur["Dispositifs"]
    entetes = [c.value for c in feuille[1]]
    colonne = next(i for i, e in enumerate(entetes) if e and e.startswith("Code dispositif"))
    return {ligne[colonne] for ligne in feuille.iter_rows(min_row=2, values_only=True)}


def test_export_du_perimetre(client, ddets44, dispositif44, dispositif75):
    autre44 = DispositifFactory(departement_id="44")
    client.force_login(ddets44)
    formulaire = BeautifulSoup(client.get(reverse("import_temps1:export")).content, "html.parser")
    choix = [o["value"] for o in formulaire.select("select[name=departement] option")]
    assert choix == ["tous", "44"]
    tous = client.get(reverse("import_temps1:export"), {"departement": "tous"})
    assert codes_exportes(tous) == {dispositif44.code, autre44.code}
    un = client.get(reverse("import_temps1:export"), {"departement": "44"})
    aujourdhui = datetime.date.today().isoformat()
    assert un["Content-Disposition"] == f'attachment; filename="temps1-44-{aujourdhui}.xlsx"'
    assert codes_exportes(un) == {dispositif44.code, autre44.code}


def test_export_hors_perimetre_refuse(client, ddets44, dispositif75):
    client.force_login(ddets44)
    response = client.get(reverse("import_temps1:export"), {"departement": "75"})
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "Ce département n&#x27;est pas dans votre périmètre" in response.content.decode()


def test_export_national(client, national, dispositif44, dispositif75):
    client.force_login(national)
    seul75 = client.get(reverse("import_temps1:export"), {"departement": "75"})
    assert codes_exportes(seul75) == {dispositif75.code}
    tous = client.get(reverse("import_temps1:export"), {"departement": "tous"})
    assert codes_exportes(tous) == {dispositif44.code, dispositif75.code}


def test_export_regional_et_gestionnaire(
    client, regional52, gestionnaire44, dispositif44, dispositif75
):
    client.force_login(regional52)
    choix = BeautifulSoup(client.get(reverse("import_temps1:export")).content, "html.parser")
    codes = [o["value"] for o in choix.select("select[name=departement] option")]
    assert "44" in codes and "85" in codes and "75" not in codes
    export = client.get(reverse("import_temps1:export"), {"departement": "tous"})
    assert codes_exportes(export) == {dispositif44.code}  # the Pays de la Loire, not the 75
    client.force_login(gestionnaire44)
    assert client.get(reverse("import_temps1:export")).status_code == 302


def test_un_traitement_sans_nouvelles_est_signale(client, correct, ddets44):
    client.force_login(ddets44)
    deposer(client, correct)
    import_ = ImportTemps1.objects.get()
    ImportTemps1.objects.filter(pk=import_.pk).update(etat="en_analyse")
    assert not page(client, import_).select("[data-sans-nouvelles]")
    il_y_a_une_heure = timezone.now() - datetime.timedelta(hours=1)
    ImportTemps1.objects.filter(pk=import_.pk).update(modifie_le=il_y_a_une_heure)
    alerte = page(client, import_).select_one("[data-sans-nouvelles]")
    assert f"l'import n° {import_.pk}" in alerte.get_text()


def test_liste_d_erreurs_demesuree_coupee(client, ddets44, monkeypatch):
    monkeypatch.setattr(module_apercu, "ERREURS_AFFICHEES_MAX", 3)
    erreurs = [
        {"sheet": "Dispositifs", "row": n, "column": "FINESS", "value": "12", "message": "Faux."}
        for n in range(2, 7)
    ]
    import_ = ImportTemps1.objects.create(
        nom_fichier="national.xlsx",
        fichier="imports/national.xlsx",
        etat="en_erreur",
        rapport={"ok": False, "applied": False, "sheets": {}, "errors": erreurs, "warnings": []},
    )
    import_.departements.set(["44"])
    client.force_login(ddets44)
    soupe = page(client, import_)
    assert [e[1] for e in erreurs_affichees(soupe)] == ["2", "3", "4"]
    assert "Seules les 3 premières erreurs sont affichées sur 5" in soupe.get_text()
    filtre = page(client, import_, q="Dispositifs 6")
    assert [e[1] for e in erreurs_affichees(filtre)] == ["6"]
    assert not filtre.select("[data-tronque]")
