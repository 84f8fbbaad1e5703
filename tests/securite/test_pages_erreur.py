"""Every refusal a person can trigger answers a French page in the public design (issue 11,
item 5): 400, 403, CSRF 403, 404, 413 (an oversized submission), 429, 500."""

import pytest
from django.template import loader
from django.test import Client

from tests.public.outils import donnees_valides

ANGLAIS = ["Bad Request", "Forbidden", "Not Found", "Server Error", "Page not found", "CSRF"]


def assert_francais(html):
    assert '<html lang="fr"' in html
    for mot in ANGLAIS:
        assert mot not in html, mot


def assert_page_francaise(html, titre, code):
    assert_francais(html)
    assert f"<h1>{titre}</h1>" in html
    assert f"Erreur {code}" in html
    assert "fr-header" in html and "République<br>française" in html  # the public design


@pytest.fixture
def client_erreurs(client, settings):
    settings.ROOT_URLCONF = "tests.securite.urls_erreurs"
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "statut", "titre"),
    [
        ("/essai/400/", 400, "Requête incorrecte"),
        ("/essai/403/", 403, "Accès refusé"),
        ("/adresse-qui-n-existe-pas/", 404, "Page introuvable"),
        ("/essai/500/", 500, "Erreur inattendue"),
    ],
)
def test_chaque_gestionnaire_repond_une_page_francaise(client_erreurs, url, statut, titre):
    reponse = client_erreurs.get(url)
    assert reponse.status_code == statut
    assert_page_francaise(reponse.content.decode(), titre, statut)


@pytest.mark.django_db
def test_un_objet_hors_perimetre_repond_la_page_introuvable_de_l_administration(
    client, ddets44, dispositif75
):
    """In the agents' space, Wagtail answers its own « not found » page (in the admin's
    design, templates/wagtailadmin/404.html): French too."""
    client.force_login(ddets44)
    reponse = client.get(f"/admin/offre/dispositif/edit/{dispositif75.pk}/")
    assert reponse.status_code == 404
    html = reponse.content.decode()
    assert_francais(html)
    assert "Erreur 404" in html


@pytest.mark.django_db
def test_un_formulaire_sans_jeton_csrf_repond_la_page_francaise(settings):
    client = Client(enforce_csrf_checks=True)
    reponse = client.post("/demande/", donnees_valides())
    assert reponse.status_code == 403
    assert_page_francaise(reponse.content.decode(), "Formulaire expiré", 403)


# The public and back-office forms send an oversized submission back to their page with a French
# message (backoffice/fichiers/envoi.py, tests/fichiers/test_envoi.py: a 3 MB text, 300 files).
# The 413 page is what Django's refusal becomes anywhere else.


@pytest.mark.django_db
def test_un_envoi_trop_gros_repond_413_et_dit_quoi_faire(client_erreurs):
    reponse = client_erreurs.post("/essai/413/")
    assert reponse.status_code == 413
    html = reponse.content.decode()
    assert_page_francaise(html, "Envoi trop volumineux", 413)
    assert "Cet envoi est trop volumineux" in html
    assert "allégez votre envoi" in html


@pytest.mark.django_db
def test_trop_de_fichiers_dans_un_envoi_repondent_413(client_erreurs):
    reponse = client_erreurs.post("/essai/413-fichiers/")
    assert reponse.status_code == 413
    html = reponse.content.decode()
    assert_page_francaise(html, "Envoi trop volumineux", 413)
    assert "Trop de fichiers ont été joints" in html


@pytest.mark.django_db
def test_trop_de_demandes_repond_429_en_francais(client, settings):
    settings.DEMANDE_RATE_LIMIT = 0
    reponse = client.post("/demande/", donnees_valides())
    assert reponse.status_code == 429
    assert_page_francaise(reponse.content.decode(), "Trop de demandes envoyées", 429)


def test_la_page_500_se_rend_sans_requete_ni_base():
    """Django renders 500.html with an empty context; this test has no database access (any
    query would fail it): the page must need neither."""
    html = loader.get_template("500.html").render()
    assert_page_francaise(html, "Erreur inattendue", 500)


def test_la_page_400_se_rend_sans_requete_ni_base():
    html = loader.get_template("400.html").render()
    assert_page_francaise(html, "Requête incorrecte", 400)
