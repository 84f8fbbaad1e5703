"""The one documents module (backoffice/documents/): one upload checker on every path, the Wagtail
form included (a macro-enabled Word file renamed .docx or kept as .docm is refused, on adding a
document and on replacing its file), and one download view whose object's perimeter decides (a
row outside it is a 404, like a row that does not exist)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

from backoffice.conventions.models import DocumentConvention
from backoffice.documents.depot import enregistrer_document, valider_fichier
from backoffice.documents.telechargement import vue_telechargement
from tests.conventions.factories import amener, convention_pour, pdf
from tests.factories import DispositifFactory, EntiteFactory, UserFactory, departement
from tests.fichiers import corpus

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docm(nom):
    return SimpleUploadedFile(nom, corpus.document_a_macros(), content_type="application/msword")


@pytest.mark.parametrize("nom", ["annexe.docx", "annexe.docm", "annexe.pdf"])
def test_le_controleur_refuse_un_docm_quel_que_soit_son_nom(nom):
    with pytest.raises(ValidationError, match="macros"):
        valider_fichier(docm(nom))


@pytest.mark.parametrize("nom", ["annexe.docx", "annexe.docm"])
def test_formulaire_wagtail_refuse_un_docm_a_l_ajout(nom):
    superutilisateur = UserFactory(is_superuser=True, is_staff=True)
    Formulaire = get_document_form(get_document_model())
    formulaire = Formulaire(
        data={"title": "Annexe", "collection": Collection.get_first_root_node().pk},
        files={"file": docm(nom)},
        user=superutilisateur,
    )
    assert not formulaire.is_valid()
    assert "macros" in " ".join(formulaire.errors["file"])


@pytest.mark.parametrize("nom", ["note.docx", "note.pdf"])
def test_formulaire_wagtail_refuse_un_docm_qui_remplace_le_fichier(nom):
    """Editing a document: the replacement file is checked too, even under the stored name."""
    superutilisateur = UserFactory(is_superuser=True, is_staff=True)
    document = enregistrer_document(pdf("note.pdf"), titre="Note", nom_collection="Divers")
    Formulaire = get_document_form(get_document_model())
    formulaire = Formulaire(
        data={"title": "Note", "collection": document.collection_id},
        files={"file": docm(nom)},
        instance=document,
        user=superutilisateur,
    )
    assert not formulaire.is_valid()
    assert "macros" in " ".join(formulaire.errors["file"])


@pytest.fixture
def copie75(national):
    entite = EntiteFactory(departement=departement("75"), commune="Paris", code_postal="75011")
    dispositif = DispositifFactory(departement_id="75", entite=entite, commune="Paris")
    return amener(convention_pour(dispositif), "signee", national).documents.get()


def telecharger(user, pk):
    requete = RequestFactory().get(f"/documents/{pk}/")
    requete.user = user
    return vue_telechargement(DocumentConvention)(requete, pk=pk)


@pytest.mark.parametrize("role", ["ddets44", "lecteur44", "siao44", "regional52"])
def test_telechargement_hors_perimetre_introuvable(request, copie75, role):
    with pytest.raises(Http404):
        telecharger(request.getfixturevalue(role), copie75.pk)


@pytest.mark.parametrize("role", ["ddets75", "national"])
def test_telechargement_dans_le_perimetre(request, copie75, role):
    reponse = telecharger(request.getfixturevalue(role), copie75.pk)
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/pdf"
    assert "attachment" in reponse["Content-Disposition"]
    assert b"".join(reponse.streaming_content).startswith(b"%PDF")


def test_telechargement_d_une_ligne_inexistante(national):
    with pytest.raises(Http404):
        telecharger(national, 999999)
