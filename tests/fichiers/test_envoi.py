"""The request side of uploads (backoffice/fichiers/envoi.py): what Django would refuse with a bare
« Bad Request (400) » (a field of 3 MB, 300 files, too many fields, a body too big) gets a French
message on the page the person came from, in its own design, and nothing is written."""

import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backoffice.demandes.models import Demande, PieceJointe
from backoffice.fichiers.envoi import FichierTropGros, LimiteEnvoiHandler
from imports.models import ImportTemps1
from tests.public.outils import PDF, donnees_valides

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dossiers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMANDE_DOSSIER_TEMPORAIRE = tmp_path / "temporaire"
    return tmp_path


def fichiers_ecrits(racine):
    return [p for p in Path(racine).rglob("*") if p.is_file()]


def pdf(nom):
    return SimpleUploadedFile(nom, PDF, content_type="application/pdf")


def page_publique_avec(client, response, message):
    """The refusal sends the person back (303) to the public page, which shows the message in
    the public design (the DSFR header of backoffice/public/templates/public/base.html)."""
    assert response.status_code == 303
    assert response["Location"] == "/demande/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    contenu = html.unescape(page.content.decode())
    assert message in contenu
    assert "fr-header" in contenu and "fr-alert--error" in contenu
    return contenu


def test_un_champ_de_3_mo(client, dossiers):
    donnees = donnees_valides(demandeur_organisation="x" * (3 * 1024 * 1024))
    response = client.post("/demande/", donnees)
    page_publique_avec(client, response, "Le formulaire envoyé est trop volumineux")
    assert not Demande.objects.exists()
    assert fichiers_ecrits(dossiers) == []


def test_un_champ_de_3_mo_sans_fichier(client):
    # The same request, url-encoded (a form without a file field sends it so).
    donnees = donnees_valides(demandeur_organisation="x" * (3 * 1024 * 1024))
    response = client.post(
        "/demande/",
        "&".join(f"{cle}={valeur}" for cle, valeur in donnees.items()),
        content_type="application/x-www-form-urlencoded",
    )
    page_publique_avec(client, response, "Le formulaire envoyé est trop volumineux")
    assert not Demande.objects.exists()


def test_300_fichiers(client, dossiers):
    fichiers = [pdf(f"piece-{i}.pdf") for i in range(300)]
    response = client.post("/demande/", donnees_valides(fichiers=fichiers))
    page_publique_avec(client, response, "Trop de fichiers envoyés en une fois")
    assert not Demande.objects.exists() and not PieceJointe.objects.exists()
    assert fichiers_ecrits(dossiers) == []


def test_trop_de_champs(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    donnees = {**donnees_valides(), **{f"champ{i}": "x" for i in range(200)}}
    response = client.post("/demande/", donnees)
    page_publique_avec(client, response, "contient trop de champs")
    assert not Demande.objects.exists()


def test_un_envoi_trop_gros_au_total(client, settings, dossiers):
    settings.FICHIERS_TOTAL_MAX_ENVOI = 3000
    fichiers = [SimpleUploadedFile(f"p{i}.pdf", PDF + b"0" * 1000) for i in range(3)]
    response = client.post("/demande/", donnees_valides(fichiers=fichiers))
    page_publique_avec(client, response, "L'envoi dépasse 2,9")
    assert not Demande.objects.exists()
    assert fichiers_ecrits(dossiers) == []


def test_le_suivi_revient_sur_sa_page(client):
    from tests.demandes.factories import DemandeFactory

    demande = DemandeFactory()
    url = f"/demande/suivi/{demande.jeton}/"
    response = client.post(
        url, {"action": "ajouter", "fichiers": [pdf(f"p{i}.pdf") for i in range(300)]}
    )
    assert response.status_code == 303 and response["Location"] == url
    page = html.unescape(client.get(url).content.decode())
    assert "Trop de fichiers envoyés en une fois" in page
    assert not PieceJointe.objects.exists()


def test_le_back_office_aussi(client, ddets44, dispositif44):
    """The same refusal in the back office: the message shows in the admin's design."""
    from tests.conventions.factories import convention_pour

    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    url = reverse("convention:ajouter_document", args=[convention.pk])
    response = client.post(
        url, {"nature": "annexe", "fichier": [pdf(f"p{i}.pdf") for i in range(300)]}
    )
    assert response.status_code == 303 and response["Location"] == url
    page = html.unescape(client.get(url, follow=True).content.decode())
    assert "Trop de fichiers envoyés en une fois" in page


# --- a file too big stops being read ---------------------------------------------------------


def test_le_fichier_coupe_ne_garde_que_la_limite(rf):
    requete = rf.post("/")
    gestionnaire = LimiteEnvoiHandler(requete, taille_max=100, total_max=10_000)
    gestionnaire.new_file("fichier", "gros.pdf", "application/pdf", None)
    assert gestionnaire.receive_data_chunk(b"x" * 80, 0) == b"x" * 80
    assert gestionnaire.receive_data_chunk(b"x" * 80, 80) is None  # not passed on, not stored
    assert gestionnaire.receive_data_chunk(b"x" * 80, 160) is None
    coupe = gestionnaire.file_complete(240)
    assert isinstance(coupe, FichierTropGros)
    assert (coupe.name, coupe.size, coupe.limite) == ("gros.pdf", 240, 100)
    assert coupe.read() == b""


def test_temps1_un_classeur_coupe_n_est_pas_depose(client, ddets44, settings, dossiers):
    settings.FICHIERS_TAILLE_MAX_ENVOI = 2048
    settings.TEMPS1_TAILLE_MAX = 1024
    client.force_login(ddets44)
    response = client.post(
        reverse("import_temps1:add"),
        {"fichier": SimpleUploadedFile("offre.xlsx", b"PK\x03\x04" + b"x" * 5000)},
    )
    assert response.status_code == 200
    assert "« offre.xlsx » dépasse la taille maximale de 2,0" in html.unescape(
        response.content.decode()
    )
    assert not ImportTemps1.objects.exists()
    assert fichiers_ecrits(dossiers) == []


def test_temps1_un_classeur_entier_trop_gros_est_conserve(client, ddets44, settings):
    """Under the request's limit a file is stored whole, then refused with its reason on the
    import's page (docs/temps1.md, « Tout est conservé »)."""
    settings.TEMPS1_TAILLE_MAX = 1024
    client.force_login(ddets44)
    response = client.post(
        reverse("import_temps1:add"),
        {"fichier": SimpleUploadedFile("offre.xlsx", b"PK\x03\x04" + b"x" * 5000)},
    )
    assert response.status_code == 302
    import_ = ImportTemps1.objects.get()
    assert import_.etat == ImportTemps1.Etat.EN_ERREUR
    assert "la limite est de 1 ko" in import_.message_echec


# --- Wagtail's own document library ----------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["national", "ddets44", "ddets75", "siao44", "regional52", "lecteur44"]
)
def test_la_bibliotheque_wagtail_n_est_ouverte_a_aucun_role(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("wagtaildocs:add"))
    assert response.status_code == 404  # closed to every role (backoffice/acces/tiers.py)
