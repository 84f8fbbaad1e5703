"""The top-level folders the project was specified with are the ones the settings use:
`templates/` (TEMPLATES DIRS) holds the error pages and the admin overrides Django finds first,
`locale/` (LOCALE_PATHS) holds the project's French, which replaces the installed apps' own."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.utils import translation

RACINE = Path(settings.BASE_DIR)
GABARITS = RACINE / "templates"
LOCALE = RACINE / "locale"
PAGES_ERREUR = [
    "400.html",
    "403.html",
    "403_csrf.html",
    "404.html",
    "413.html",
    "429.html",
    "500.html",
]


def test_les_reglages_designent_les_dossiers_du_depot():
    dossiers = [Path(d) for moteur in settings.TEMPLATES for d in moteur.get("DIRS", [])]
    assert GABARITS in dossiers
    assert LOCALE in [Path(d) for d in settings.LOCALE_PATHS]
    assert GABARITS.is_dir()
    assert LOCALE.is_dir()


@pytest.mark.parametrize("page", PAGES_ERREUR)
def test_les_pages_d_erreur_viennent_de_templates(page):
    assert Path(get_template(page).origin.name) == GABARITS / page


def test_les_surcharges_de_l_administration_passent_avant_wagtail():
    surcharges = sorted((GABARITS / "wagtailadmin").rglob("*.html"))
    assert surcharges
    for chemin in surcharges:
        nom = chemin.relative_to(GABARITS).as_posix()
        assert Path(get_template(nom).origin.name) == chemin, nom


def test_le_francais_du_projet_remplace_celui_des_applications():
    mo = LOCALE / "fr" / "LC_MESSAGES" / "django.mo"
    assert mo.with_suffix(".po").is_file()
    with mo.open("rb") as fichier:
        catalogue = gettext.GNUTranslations(fichier)._catalog
    simples = {
        cle: valeur
        for cle, valeur in catalogue.items()
        if isinstance(cle, str) and cle and "\x04" not in cle
    }
    assert simples
    with translation.override("fr"):
        ecarts = {
            cle: translation.gettext(cle)
            for cle, v in simples.items()
            if translation.gettext(cle) != v
        }
    assert ecarts == {}
