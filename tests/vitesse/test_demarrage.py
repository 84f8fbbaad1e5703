"""What a `manage.py` start loads: no workbook library before the first workbook.

Checked on the modules loaded, not on a time (a loaded machine would make a time flaky): a fresh
interpreter with the settings of `manage.py` runs `django.setup()` and loads the URLconf (what
`check`, `runserver` or a worker do at start), then lists which heavy libraries are in
`sys.modules`. The same process then writes a workbook, to show the probe does see a library once
something uses it.
"""

import hashlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig

RACINE = Path(__file__).resolve().parents[2]

# Libraries a start must not load: the workbook writer and reader (≈ 0.3 s together), loaded at
# the first export or import instead; django-ninja, which only Wagtail's v3 API uses, and the
# project mounts none (backoffice/apps.py).
LOURDS = ("openpyxl", "python_calamine", "ninja")

# Loaded by the URLconf only: a command that never serves a page (migrate, help, the task worker)
# does not import the admin's generic views nor the project's admin views (backoffice/acces/
# export_tableur.py is what `acces.apps` needs of them at start).
VUES_ADMIN = ("wagtail.admin.views.generic", "backoffice.acces.viewsets")

# Wagtail's ready() that backoffice/apps.py repeats without the v3 API, as last reread.
READY_RELUS = {
    WagtailDocsAppConfig: "4cdf87a46dbf81ef",
    WagtailImagesAppConfig: "52e409385bb1ad62",
}

SONDE = f"""
import json, sys
import django
django.setup()
sans_urlconf = sorted(m for m in {VUES_ADMIN!r} if m in sys.modules)
from django.urls import get_resolver
get_resolver().url_patterns
au_demarrage = sorted(m for m in {LOURDS!r} if m in sys.modules)
from backoffice.exports import xlsx_octets
xlsx_octets("Feuille", ["Nom"], [["valeur"]])
print(json.dumps({{
    "sans_urlconf": sans_urlconf,
    "demarrage": au_demarrage,
    "apres": "openpyxl" in sys.modules,
    "vues_avec_urlconf": sorted(m for m in {VUES_ADMIN!r} if m in sys.modules),
}}))
"""


def _sonder():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="backoffice.settings.dev")
    fini = subprocess.run(
        [sys.executable, "-c", SONDE],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(fini.stdout.strip().splitlines()[-1])


def test_le_demarrage_ne_charge_aucune_bibliotheque_de_classeur():
    resultat = _sonder()
    assert resultat["demarrage"] == [], (
        "Chargé dès le démarrage (django.setup() + URLconf) : "
        f"{', '.join(resultat['demarrage'])} ; importez-le dans la fonction qui s'en sert "
        "(« # import différé : … »)."
    )
    # The probe sees a library as soon as something uses it.
    assert resultat["apres"] is True


def test_une_commande_sans_urlconf_ne_charge_pas_les_vues_de_l_admin():
    resultat = _sonder()
    assert resultat["sans_urlconf"] == [], (
        "Chargé par django.setup() seul (migrate, help, le worker des tâches) : "
        f"{', '.join(resultat['sans_urlconf'])} ; un ready() ne doit importer que ce qu'il "
        "enregistre, pas les vues."
    )
    # The probe sees them once the URLconf is loaded.
    assert resultat["vues_avec_urlconf"] == sorted(VUES_ADMIN)


def test_le_ready_de_wagtail_repris_sans_api_est_celui_qui_a_ete_relu():
    for config, empreinte in READY_RELUS.items():
        source = inspect.getsource(config.ready)
        assert hashlib.sha256(source.encode()).hexdigest()[:16] == empreinte, (
            f"{config.__name__}.ready() a changé avec Wagtail : relisez-le et reportez le "
            "changement dans backoffice/apps.py (sans l'API v3), puis mettez l'empreinte à jour."
        )
