"""Attachments: kind read from the content (not the name), size and count limits."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from backoffice.demandes.models import Demande
from backoffice.public.uploads import LotPieces, detecter_type, verifier_fichier
from tests.public.outils import (
    EXECUTABLE,
    JPEG,
    PDF,
    PNG,
    donnees_valides,
    erreur_du_champ,
    fichier,
    xlsx,
    zip_en_memoire,
)

URL = "/demande/"


def _type(contenu, nom="fichier"):
    type_fichier = detecter_type(SimpleUploadedFile(nom, contenu))
    return type_fichier.mime if type_fichier else None


def test_les_types_sont_reconnus_par_leur_contenu():
    assert _type(PDF) == "application/pdf"
    assert _type(PNG) == "image/png"
    assert _type(JPEG) == "image/jpeg"
    assert _type(xlsx()) == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    docx = zip_en_memoire(
        {
            "[Content_Types].xml": '<Types><Override ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            "word/document.xml": "<w:document/>",
        }
    )
    assert _type(docx).endswith("wordprocessingml.document")
    ods = zip_en_memoire(
        {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
    )
    assert _type(ods) == "application/vnd.oasis.opendocument.spreadsheet"


@pytest.mark.parametrize(
    "contenu",
    [
        EXECUTABLE,
        b"#!/bin/sh\nrm -rf /\n",
        b"<html><script>alert(1)</script></html>",
        zip_en_memoire({"virus.exe": EXECUTABLE}),  # a zip that is no office document
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_les_autres_contenus_ne_sont_pas_reconnus(contenu):
    assert _type(contenu, "document.pdf") is None


def test_un_classeur_avec_macros_est_refuse(settings):
    xlsm = zip_en_memoire(
        {
            "[Content_Types].xml": '<Types><Override ContentType="application/vnd.ms-excel.'
            'sheet.macroEnabled.main+xml"/></Types>',
            "xl/vbaProject.bin": b"\x00",
        }
    )
    with pytest.raises(ValidationError, match="macros"):
        verifier_fichier(SimpleUploadedFile("budget.xlsx", xlsm))


@pytest.mark.django_db
def test_un_pdf_renomme_xlsx_est_accepte_comme_pdf(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            URL,
            {
                **donnees_valides(),
                "fichiers": [fichier("budget.xlsx", PDF, "application/vnd.ms-excel")],
            },
        )
    assert reponse.status_code == 302
    piece = Demande.objects.get().pieces.get()
    assert piece.type_mime == "application/pdf"
    assert piece.nom == "budget.pdf"  # the extension follows the content
    assert piece.fichier.name.endswith(".pdf")


@pytest.mark.django_db
def test_un_pdf_est_refuse_si_le_pdf_n_est_pas_autorise(client, settings):
    settings.DEMANDE_TYPES_FICHIERS = ["ooxml", "odf"]
    reponse = client.post(URL, {**donnees_valides(), "fichiers": [fichier("budget.xlsx", PDF)]})
    assert reponse.status_code == 200
    assert "n'est pas un fichier accepté" in erreur_du_champ(reponse, "id_fichiers")
    assert not Demande.objects.exists()


@pytest.mark.django_db
def test_un_executable_renomme_pdf_est_refuse(client):
    reponse = client.post(
        URL,
        {**donnees_valides(), "fichiers": [fichier("rapport.pdf", EXECUTABLE, "application/pdf")]},
    )
    assert reponse.status_code == 200
    erreur = erreur_du_champ(reponse, "id_fichiers")
    assert "« rapport.pdf » n'est pas un fichier accepté" in erreur
    assert "vérifié sur le contenu" in erreur
    assert not Demande.objects.exists()
    assert "Documents déjà joints" not in reponse.content.decode()


@pytest.mark.django_db
def test_un_fichier_trop_gros_est_refuse(client, settings):
    settings.DEMANDE_TAILLE_MAX_FICHIER = 1000
    gros = PDF + b"0" * 5000
    reponse = client.post(
        URL,
        {**donnees_valides(), "fichiers": [fichier("gros.pdf", gros), fichier("petit.pdf", PDF)]},
    )
    assert reponse.status_code == 200
    assert "« gros.pdf » dépasse la taille maximale de 1000" in erreur_du_champ(
        reponse, "id_fichiers"
    )
    assert not Demande.objects.exists()
    # The small one is kept for the next attempt; the big one never reached the temporary area.
    html = reponse.content.decode()
    assert "petit.pdf" in html.split("Documents déjà joints")[1]
    assert (
        "gros.pdf" not in html.split("Documents déjà joints")[1].split("Ajouter des documents")[0]
    )


def test_le_controle_de_taille_vaut_aussi_hors_du_gestionnaire_d_envoi(settings):
    settings.DEMANDE_TAILLE_MAX_FICHIER = 10
    with pytest.raises(ValidationError, match="taille maximale"):
        verifier_fichier(SimpleUploadedFile("a.pdf", PDF))


@pytest.mark.django_db
def test_pas_plus_de_cinq_documents(client, settings):
    assert settings.DEMANDE_NOMBRE_MAX_FICHIERS == 5
    fichiers = [fichier(f"piece-{i}.pdf", PDF) for i in range(6)]
    reponse = client.post(URL, {**donnees_valides(), "fichiers": fichiers})
    assert reponse.status_code == 200
    assert "« piece-5.pdf » n'a pas été ajouté : 5 fichiers au maximum" in erreur_du_champ(
        reponse, "id_fichiers"
    )


def test_un_identifiant_de_lot_ne_peut_pas_sortir_du_dossier_temporaire():
    for identifiant in ["../../etc/passwd", "", "abc", "a" * 100, "lot/../../x"]:
        with pytest.raises(ValueError):
            LotPieces(identifiant)
    assert LotPieces.depuis("../../etc").id != "../../etc"
