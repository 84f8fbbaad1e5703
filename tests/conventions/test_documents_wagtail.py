"""Wagtail's own document endpoints hold the documents' perimeter (docs/securite.md).

For every role, with the signed copy of a convention of the 44, one of the 75 and a document
attached to nothing: the admin API (listing, detail, `find`, its search) lists and describes only
the documents the role may read; the document chooser (whose search answered HTTP 500) and the
library are switched off for everyone; download is covered by test_documents.py. Each test walks
every role over one set of documents (signing conventions is the slow part).
"""

import pytest
from django.urls import reverse

from backoffice.documents.depot import enregistrer_document
from tests.conventions.factories import amener, convention_pour, pdf
from tests.factories import DispositifFactory, EntiteFactory, departement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]

ROLES = ["ddets44", "siao44", "regional52", "lecteur44", "gestionnaire44", "ddets75", "national"]
API = "/admin/api/main/documents/"


@pytest.fixture
def documents(national, dispositif44):
    """{"44": document, "75": document, "seul": document}, titles naming their place."""
    entite75 = EntiteFactory(departement=departement("75"), commune="Paris", code_postal="75011")
    dispositif75 = DispositifFactory(departement_id="75", entite=entite75, commune="Paris")
    resultat = {}
    for code, dispositif, titre in (
        ("44", dispositif44, "Copie signée Nantes Loire"),
        ("75", dispositif75, "Copie signée Paris Bastille"),
    ):
        convention = amener(convention_pour(dispositif), "signee", national)
        document = convention.documents.get().document
        document.title = titre
        document.save()
        resultat[code] = document
    resultat["seul"] = enregistrer_document(
        pdf("note.pdf"), titre="Note signée sans rattachement", nom_collection="Divers"
    )
    return resultat


def lisibles(role):
    """Which documents a role may read, written out by hand (not asked of the code under test)."""
    if role == "national":
        return {"44", "75", "seul"}
    if role == "ddets75":
        return {"75"}
    return {"44"}  # every role of the 44 (the gestionnaire: its entité's convention)


@pytest.fixture
def en_tant_que(request, client):
    def connecter(role):
        client.logout()
        client.force_login(request.getfixturevalue(role))
        return client

    return connecter


def _cles(documents, ids):
    return {cle for cle, document in documents.items() if document.pk in ids}


def test_api_liste_les_seuls_documents_lisibles(en_tant_que, documents):
    for role in ROLES:
        reponse = en_tant_que(role).get(API)
        assert reponse.status_code == 200, role
        ids = {item["id"] for item in reponse.json()["items"]}
        assert _cles(documents, ids) == lisibles(role), role
        assert reponse.json()["meta"]["total_count"] == len(lisibles(role)), role
        contenu = reponse.content.decode()
        for cle in documents.keys() - lisibles(role):
            assert documents[cle].title not in contenu, role


def test_api_detail_et_find(en_tant_que, documents):
    for role in ROLES:
        client = en_tant_que(role)
        for cle, document in documents.items():
            detail = client.get(f"{API}{document.pk}/")
            trouve = client.get(f"{API}find/", {"id": document.pk})
            if cle in lisibles(role):
                assert detail.status_code == 200, (role, cle)
                assert detail.json()["title"] == document.title
                assert trouve.status_code == 302, (role, cle)
            else:
                assert detail.status_code == 404, (role, cle)
                assert document.title not in detail.content.decode()
                assert trouve.status_code == 404, (role, cle)


def test_api_recherche_refusee_sans_erreur(en_tant_que, documents):
    # No search index is installed: Wagtail's API search is off (400), never a 500, no title.
    for role in ROLES:
        reponse = en_tant_que(role).get(API, {"search": "Paris"})
        assert reponse.status_code == 400, role
        assert not any(d.title in reponse.content.decode() for d in documents.values())


def test_selecteur_de_documents_ferme(en_tant_que, documents):
    # No form of the project opens the document chooser; its search answered HTTP 500.
    document = documents["75"]
    urls = [
        (reverse("wagtaildocs_chooser:choose"), {}),
        (reverse("wagtaildocs_chooser:choose"), {"q": "Paris"}),
        (reverse("wagtaildocs_chooser:choose_results"), {"q": "signée"}),
        (reverse("wagtaildocs_chooser:chosen", args=[document.pk]), {}),
        (reverse("wagtaildocs_chooser:chosen_multiple"), {"id": [document.pk]}),
        (reverse("wagtaildocs_chooser:create"), {}),
    ]
    for role in ROLES:
        client = en_tant_que(role)
        for url, parametres in urls:
            reponse = client.get(url, parametres)
            assert reponse.status_code == 404, (role, url, parametres)
            assert document.title not in reponse.content.decode()


def test_mediatheque_fermee(en_tant_que, documents):
    # The library bypassed both the strict file check and the perimeter: off for everyone.
    document = documents["75"]
    urls = [
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:index_results") + "?q=Paris",
        reverse("wagtaildocs:add"),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtaildocs:delete", args=[document.pk]),
        reverse("wagtaildocs:document_usage", args=[document.pk]),
        reverse("wagtaildocs:edit_multiple", args=[document.pk]),
    ]
    for role in ROLES:
        client = en_tant_que(role)
        for url in urls:
            assert client.get(url).status_code == 404, (role, url)
        for nom in ("wagtaildocs:delete", "wagtaildocs:delete_multiple"):
            suppression = client.post(reverse(nom, args=[document.pk]))
            assert suppression.status_code == 404, (role, nom)
        assert type(document).objects.filter(pk=document.pk).exists()
