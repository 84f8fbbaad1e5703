"""Each role's home page as the browser draws it (the sidebar and the dropdowns are built by
Wagtail's scripts, which the test client never runs): no Python value, no raw state or action
code, no English left from Wagtail's defaults.

The park is populated through the real services (every object in every state, tests/affichage),
then each role opens /admin/ in turn."""

import re

import pytest
from playwright.sync_api import expect

from backoffice.acces.roles import Role
from tests.affichage.conftest import acteurs
from tests.affichage.controles import codes_bruts, defauts, motif_codes, textes
from tests.affichage.peuplement import peupler
from tests.factories import UserFactory, affecter, siao_de

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("media_temporaire"),
]


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# Wagtail's English words and phrases that have a French translation in its catalogue: seen on a
# page, the French catalogue or one of our templates was bypassed. ("Pages", "Documents",
# "Images", "Actions" are French too and are not looked for.)
ANGLAIS = re.compile(
    r"\b(Dashboard|Search|Edit|Delete|Settings|Reports|Help|Log out|Account|Welcome|"
    r"Sort by|Filter|Toggle|Close|Previous|Next|Loading|Skip to main content|Snippets|"
    r"Collapse|Expand|Show|Add|Cancel|Save|Recent edits|Your)\b"
)


def _visiteurs():
    """One account per role of the Loire-Atlantique (the populated département)."""
    comptes = {}
    for role, portee in (
        (Role.NATIONAL, {}),
        (Role.REGIONAL, {"region": "52"}),
        (Role.DEPARTEMENTAL, {"departements": ["44"]}),
        (Role.SIAO, {"siao": siao_de("44")}),
        (Role.LECTEUR, {"departements": ["44"]}),
    ):
        compte = UserFactory(username=f"visiteur.{role.value}@example.gouv.fr")
        affecter(compte, role, **portee)
        comptes[role.label] = compte
    return comptes


def test_la_page_d_accueil_de_chaque_role_se_lit_en_francais(page, connecter, live_server):
    donnees = peupler(*acteurs())
    visiteurs = {**_visiteurs(), "gestionnaire": donnees["gestionnaire"]}
    motif = motif_codes(codes_bruts())

    for role, compte in visiteurs.items():
        page.context.clear_cookies()
        connecter(compte)
        page.goto(f"{live_server.url}/admin/")
        # The sidebar is drawn by script: wait for it before reading the page.
        expect(page.locator(".sidebar-custom-branding")).to_be_visible()
        expect(page.get_by_role("main")).to_be_visible()

        morceaux = textes(page.content())
        fautes = defauts(morceaux, motif)
        fautes += [
            f"anglais « {trouve.group(0)} » dans « {morceau[:160]} »"
            for morceau in morceaux
            if (trouve := ANGLAIS.search(morceau))
        ]
        assert not fautes, f"{role} : " + " ; ".join(fautes)
