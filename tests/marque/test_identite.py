"""The back office reads as the State's tool, not as a CMS: no page search, no editor guide, no
Wagtail bird or favicon; the Marianne identity (bloc-marque, service name, DSFR favicon) on every
admin page, the login page and the admin's own 404 page."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["national", "ddets44", "regional52", "siao44", "lecteur44", "gestionnaire44"]

# What a CMS page of Wagtail shows, and what must never reach ours.
SIGNES_DU_CMS = {
    "recherche de pages": "Rechercher toutes les pages",
    "lien vers le guide de l'éditeur": "guide.wagtail.org",
    "guide de l'éditeur": "Guide de l'éditeur",
    "oiseau de Wagtail (logo)": "icon-wagtail",
    "favicon de Wagtail": "wagtailadmin/images/favicon.ico",
    "page 404 de Wagtail": "page404__logo",
}
MARQUE = ["République<br>française", "Parc d'hébergement", "dsfr/dist/favicon/favicon.svg"]


def _sans_signe_du_cms(html):
    trouves = [nom for nom, signe in SIGNES_DU_CMS.items() if signe in html]
    assert not trouves, f"encore là : {', '.join(trouves)}"
    # An empty branding template lets the sidebar's script draw the Wagtail bird.
    assert not re.search(r"<template data-wagtail-sidebar-branding-logo>\s*</template>", html)


def _texte_visible(html):
    for balise in ("script", "style", "template"):
        html = re.sub(rf"<{balise}\b.*?</{balise}>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _barre_laterale(html):
    donnees = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(donnees.group(1))


def _textes(valeur):
    """Every text of the sidebar's menus (labels, footers, links), its script type names aside."""
    if isinstance(valeur, dict):
        return [t for cle, v in valeur.items() if cle != "_type" for t in _textes(v)]
    if isinstance(valeur, list):
        return [t for v in valeur for t in _textes(v)]
    return [valeur] if isinstance(valeur, str) else []


@pytest.mark.parametrize("role", ROLES)
def test_accueil_et_liste_sans_signe_du_cms_pour_chaque_role(client, request, role):
    client.force_login(request.getfixturevalue(role))
    for url in (reverse("wagtailadmin_home"), reverse("dispositif:index")):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        _sans_signe_du_cms(html)
        for marque in MARQUE:
            assert marque in html, f"{url} : « {marque} » manque"
        assert "Wagtail" not in _texte_visible(html), url
        barre = " ".join(_textes(_barre_laterale(html)))
        assert "Wagtail" not in barre  # e.g. the « Wagtail v8 » footer of the settings menu
        assert "editor-guide" not in barre and "whats-new" not in barre


def test_page_de_connexion_aux_couleurs_de_l_etat(client):
    response = client.get(reverse("wagtailadmin_login"))
    html = response.content.decode()
    _sans_signe_du_cms(html)
    for marque in MARQUE:
        assert marque in html
    assert "Espace des agents" in html
    assert "Wagtail" not in _texte_visible(html)
    assert re.search(r"<title>[^<]*Parc d'hébergement</title>", html)


def test_page_404_de_l_administration_sans_oiseau(client, ddets44):
    client.force_login(ddets44)
    response = client.get("/admin/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    _sans_signe_du_cms(html)
    assert "République<br>française" in html
    assert "Wagtail" not in _texte_visible(html)


def test_la_barre_laterale_cherche_dans_nos_objets(client, ddets44):
    client.force_login(ddets44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    modules = {m["_type"]: m["_args"] for m in _barre_laterale(html)["modules"]}
    assert modules["wagtail.sidebar.SearchModule"] == [reverse("recherche_globale")]
    menu = json.dumps(modules["wagtail.sidebar.MainMenuModule"])
    assert reverse("wagtailadmin_explore_root") not in menu  # no « Pages » item


def test_la_recherche_de_l_accueil_cherche_dans_nos_objets(client, ddets44):
    client.force_login(ddets44)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    formulaire = re.search(r'<form[^>]*role="search"[^>]*>', html)
    assert formulaire, "pas de champ de recherche sur l'accueil"
    assert f'action="{reverse("recherche_globale")}"' in formulaire.group(0)


def test_recherche_de_pages_de_wagtail_fermee(client, national):
    client.force_login(national)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "accueil"})
    assert response.status_code in (302, 403, 404)
