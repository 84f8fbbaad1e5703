"""Perimeter isolation of documents: Wagtail serves /documents/<id>/<filename> to anyone by
default; ours are served only to users who may view the object they belong to — a document of
the 75 is not found for a user of the 44, even with its URL. Uploads are checked."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from backoffice.acces.roles import Role
from backoffice.conventions.models import DocumentConvention
from backoffice.documents.depot import enregistrer_document
from tests.conventions.factories import amener, convention_pour, pdf
from tests.factories import DispositifFactory, EntiteFactory, UserFactory, affecter, departement
from tests.fichiers import corpus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def convention75(national):
    entite = EntiteFactory(departement=departement("75"), commune="Paris", code_postal="75011")
    dispositif = DispositifFactory(departement_id="75", entite=entite, commune="Paris")
    return amener(convention_pour(dispositif), "signee", national)


@pytest.fixture
def copie75(convention75):
    return convention75.documents.get().document


def test_document_du_75_introuvable_pour_le_44_meme_avec_son_url(client, ddets44, copie75):
    url = copie75.url
    assert url.startswith("/documents/")
    client.force_login(ddets44)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("acteur", ["ddets75", "national", "gestionnaire_de_l_entite"])
def test_document_servi_dans_le_perimetre(request, client, convention75, copie75, acteur):
    if acteur == "gestionnaire_de_l_entite":
        user = UserFactory()
        affecter(user, Role.GESTIONNAIRE, entite=convention75.entite)
    else:
        user = request.getfixturevalue(acteur)
    client.force_login(user)
    response = client.get(copie75.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("acteur", ["lecteur44", "siao44", "gestionnaire44", None])
def test_document_refuse_hors_perimetre(request, client, copie75, acteur):
    if acteur:
        client.force_login(request.getfixturevalue(acteur))
    assert client.get(copie75.url).status_code == 404


def test_document_sans_rattachement_reserve_au_national(client, ddets44, national):
    document = enregistrer_document(pdf("note.pdf"), titre="Note", nom_collection="Divers")
    client.force_login(ddets44)
    assert client.get(document.url).status_code == 404
    client.force_login(national)
    assert client.get(document.url).status_code == 200


def test_bibliotheque_wagtail_fermee_aux_perimetres(client, ddets44, copie75):
    client.force_login(ddets44)
    accueil = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'href="/admin/documents/"' not in accueil
    response = client.get(reverse("wagtaildocs:index"))
    assert response.status_code == 404  # switched off for everyone (backoffice/acces/tiers.py)
    response = client.get(reverse("wagtaildocs_chooser:choose"))
    assert copie75.title not in response.content.decode()


def url_ajout(convention):
    return reverse("convention:ajouter_document", args=[convention.pk])


def test_ajout_d_une_annexe(client, ddets44, dispositif44):
    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    docx = SimpleUploadedFile("annexe.docx", corpus.document_word())
    response = client.post(url_ajout(convention), {"nature": "annexe", "fichier": docx})
    assert response.status_code == 302
    lien = convention.documents.get()
    assert lien.nature == "annexe" and lien.ajoute_par == ddets44
    assert client.get(lien.document.url).status_code == 200


@pytest.mark.parametrize(
    ("fichier", "message"),
    [
        (SimpleUploadedFile("script.exe", b"MZ\x90\x00"), "n'est pas un fichier accepté"),
        (SimpleUploadedFile("faux.pdf", b"<html>"), "n'est pas un fichier accepté"),
        (SimpleUploadedFile("vide.pdf", b""), "vide"),
        (SimpleUploadedFile("gros.pdf", b"%PDF-" + b"0" * 4096), "dépasse la taille maximale"),
    ],
)
def test_ajout_refuse(client, settings, ddets44, dispositif44, fichier, message):
    settings.DOCUMENTS_TAILLE_MAX = 1024
    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    response = client.post(url_ajout(convention), {"nature": "annexe", "fichier": fichier})
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not DocumentConvention.objects.exists()
    assert not get_document_model().objects.exists()


def test_ajout_hors_perimetre_ou_sans_droit(client, ddets44, lecteur44, convention75, dispositif44):
    client.force_login(ddets44)
    response = client.post(url_ajout(convention75), {"nature": "annexe", "fichier": pdf()})
    assert response.status_code == 404
    client.force_login(lecteur44)
    response = client.post(url_ajout(convention_pour(dispositif44)), {"fichier": pdf()})
    assert response.status_code == 302
    assert DocumentConvention.objects.count() == 1  # the signed copy of the 75 only
