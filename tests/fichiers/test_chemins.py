"""Every upload path against the hostile corpus (tests/fichiers/corpus.py): through the real
forms and views (test client) or the real command (`call_command`), each file gets a French
refusal, nothing is written (no row, no stored file) and the process is still here to say so.

The Temps 1 web upload keeps every file sent, by design (docs/temps1.md): there the refusal is the
import's state (« en erreur ») and its message, and nothing reaches the offer.
"""

import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from backoffice.appels.models import Candidature, DocumentCandidature
from backoffice.conventions.models import DocumentConvention
from backoffice.demandes.models import Demande, PieceJointe
from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement
from backoffice.schemas.models import CampagneEvaluation, EvaluationAction
from imports.models import ImportTemps1
from tests.fichiers import corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dossiers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMANDE_DOSSIER_TEMPORAIRE = tmp_path / "temporaire"
    return tmp_path


@pytest.fixture
def schema52(db):
    from backoffice.schemas.models import SchemaRegional

    return SchemaRegional.objects.create(
        region_id="52", titre="Schéma des Pays de la Loire", annee_debut=2021, annee_fin=2023
    )


def fichiers_ecrits(racine):
    return sorted(str(p.relative_to(racine)) for p in Path(racine).rglob("*") if p.is_file())


def texte(response):
    return html.unescape(response.content.decode())


def rien_dans_l_offre():
    return not (
        EntiteGestionnaire.objects.exists()
        or Dispositif.objects.exists()
        or Financement.objects.exists()
    )


# ---------------------------------------------------------------------------------------------
# Workbooks: Temps 1 (web and command), schéma grid
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cas", corpus.CLASSEURS)
def test_temps1_web(client, ddets44, cas):
    nom, fabrique, attendu = corpus.CLASSEURS[cas]
    client.force_login(ddets44)
    response = client.post(
        reverse("import_temps1:add"), {"fichier": SimpleUploadedFile(nom, fabrique())}
    )
    assert response.status_code == 302
    import_ = ImportTemps1.objects.get()
    assert import_.etat == ImportTemps1.Etat.EN_ERREUR  # the task caught the refusal
    assert attendu in import_.message_echec
    page = texte(client.get(reverse("import_temps1:inspect", args=[import_.pk])))
    assert attendu in page
    assert rien_dans_l_offre()
    assert not import_.fichier_annote


@pytest.mark.parametrize("cas", corpus.CLASSEURS)
def test_temps1_commande(tmp_path, dossiers, cas):
    nom, fabrique, attendu = corpus.CLASSEURS[cas]
    chemin = tmp_path / nom
    chemin.write_bytes(fabrique())
    with pytest.raises(CommandError) as exc:
        call_command("import_temps1", str(chemin))
    assert exc.value.returncode == 2
    assert attendu in str(exc.value)
    assert not ImportTemps1.objects.exists() and rien_dans_l_offre()
    assert fichiers_ecrits(dossiers / "media") == []


@pytest.mark.parametrize("cas", corpus.CLASSEURS)
def test_grille_du_schema(client, regional52, schema52, dossiers, cas):
    nom, fabrique, attendu = corpus.CLASSEURS[cas]
    client.force_login(regional52)
    response = client.post(
        reverse("schema:importer", args=[schema52.pk]),
        {"fichier": SimpleUploadedFile(nom, fabrique()), "libelle": "Essai", "date": "2023-11-30"},
    )
    assert response.status_code == 200
    assert attendu in texte(response)
    assert not CampagneEvaluation.objects.exists() and not EvaluationAction.objects.exists()
    assert "schemas_import" not in client.session
    assert fichiers_ecrits(dossiers) == []


# ---------------------------------------------------------------------------------------------
# Documents: public form and follow-up page, conventions, candidatures, Wagtail's library
# ---------------------------------------------------------------------------------------------


def _televerser(nom, fabrique):
    return SimpleUploadedFile(nom, fabrique(), content_type="application/octet-stream")


@pytest.mark.parametrize("cas", corpus.DOCUMENTS)
def test_formulaire_public(client, dossiers, cas):
    from tests.public.outils import donnees_valides, erreur_du_champ

    nom, fabrique, attendu = corpus.DOCUMENTS[cas]
    response = client.post("/demande/", donnees_valides(fichiers=[_televerser(nom, fabrique)]))
    assert response.status_code == 200
    assert attendu in html.unescape(erreur_du_champ(response, "id_fichiers"))
    assert not Demande.objects.exists() and not PieceJointe.objects.exists()
    assert fichiers_ecrits(dossiers) == []


@pytest.mark.parametrize("cas", corpus.DOCUMENTS)
def test_suivi_public(client, dossiers, cas):
    from tests.demandes.factories import DemandeFactory
    from tests.public.outils import erreur_du_champ

    nom, fabrique, attendu = corpus.DOCUMENTS[cas]
    demande = DemandeFactory()
    response = client.post(
        f"/demande/suivi/{demande.jeton}/",
        {"action": "ajouter", "fichiers": [_televerser(nom, fabrique)]},
    )
    assert response.status_code == 200
    assert attendu in html.unescape(erreur_du_champ(response, "id_fichiers"))
    assert not PieceJointe.objects.exists()
    assert fichiers_ecrits(dossiers) == []


def _aucun_document():
    return not get_document_model().objects.exists()


@pytest.mark.parametrize("cas", corpus.DOCUMENTS)
def test_document_de_convention(client, ddets44, dispositif44, dossiers, cas):
    from tests.conventions.factories import convention_pour

    nom, fabrique, attendu = corpus.DOCUMENTS[cas]
    convention = convention_pour(dispositif44)
    client.force_login(ddets44)
    response = client.post(
        reverse("convention:ajouter_document", args=[convention.pk]),
        {"nature": "annexe", "fichier": _televerser(nom, fabrique)},
    )
    assert response.status_code == 200
    assert attendu in texte(response)
    assert not DocumentConvention.objects.exists() and _aucun_document()
    assert fichiers_ecrits(dossiers) == []


@pytest.mark.parametrize("cas", corpus.DOCUMENTS)
def test_copie_signee_de_convention(client, national, ddets44, dispositif44, dossiers, cas):
    from tests.conventions.factories import amener, convention_pour

    nom, fabrique, attendu = corpus.DOCUMENTS[cas]
    convention = amener(convention_pour(dispositif44), "validee", national)
    client.force_login(ddets44)
    response = client.post(
        reverse("convention:transition", args=[convention.pk, "signer"]),
        {
            "date_signature": timezone.localdate().isoformat(),
            "fichier": _televerser(nom, fabrique),
        },
    )
    assert response.status_code == 200
    assert attendu in texte(response)
    convention.refresh_from_db()
    assert convention.etat == "validee"
    assert _aucun_document()
    assert fichiers_ecrits(dossiers) == []


@pytest.mark.parametrize("cas", corpus.DOCUMENTS)
def test_dossier_de_candidature(client, national, gestionnaire44, dispositif44, dossiers, cas):
    from tests.appels.factories import appel_44, publier
    from tests.appels.test_vues import donnees_candidature

    nom, fabrique, attendu = corpus.DOCUMENTS[cas]
    appel = publier(appel_44(), national)
    client.force_login(gestionnaire44)
    data = donnees_candidature(client, appel, dossier=_televerser(nom, fabrique))
    response = client.post(reverse("candidature:add"), data)
    assert response.status_code == 200
    assert attendu in texte(response)
    assert not Candidature.objects.exists() and _aucun_document()
    assert fichiers_ecrits(dossiers) == []


@pytest.mark.parametrize("cas", corpus.DOCUMENTS)
def test_document_de_candidature(client, national, gestionnaire44, dispositif44, dossiers, cas):
    from tests.appels.factories import appel_44, deposer, publier

    nom, fabrique, attendu = corpus.DOCUMENTS[cas]
    appel = publier(appel_44(), national)
    candidature = deposer(gestionnaire44, appel, dispositif44.entite)
    client.force_login(gestionnaire44)
    response = client.post(
        reverse("candidature:ajouter_document", args=[candidature.pk]),
        {"nature": "annexe", "fichier": _televerser(nom, fabrique)},
    )
    assert response.status_code == 200
    assert attendu in texte(response)
    assert not DocumentCandidature.objects.exists() and _aucun_document()
    assert fichiers_ecrits(dossiers) == []


@pytest.mark.parametrize("cas", corpus.DOCUMENTS)
def test_bibliotheque_wagtail(client, dossiers, cas):
    """Wagtail's own document library is closed to every account, superusers included
    (backoffice/acces/tiers.py): a hostile file sent to it is neither read nor written. Its form
    still applies the same checker (defence in depth, should the library be reopened)."""
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form
    from wagtail.models import Collection

    from tests.factories import UserFactory

    nom, fabrique, attendu = corpus.DOCUMENTS[cas]
    superutilisateur = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superutilisateur)
    collection = Collection.get_first_root_node().pk
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Annexe", "file": _televerser(nom, fabrique), "collection": collection},
    )
    assert response.status_code == 404
    assert _aucun_document()
    assert fichiers_ecrits(dossiers) == []

    Formulaire = get_document_form(get_document_model())
    formulaire = Formulaire(
        data={"title": "Annexe", "collection": collection},
        files={"file": _televerser(nom, fabrique)},
        user=superutilisateur,
    )
    assert not formulaire.is_valid()
    assert attendu in " ".join(formulaire.errors["file"])
