"""What the settings load is locked: the production settings store documents on S3 through
django-storages when a bucket is configured, so the package is an optional extra of the project,
locked in uv.lock, and a bucket without the package stops the start with a French message."""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

RACINE = Path(settings.BASE_DIR)
S3 = "storages.backends.s3.S3Storage"

# Imports the production settings in a fresh interpreter, with chosen modules reported absent or
# present by importlib (whatever this machine has installed), and prints the default storage.
SONDE = """
import importlib.machinery, importlib.util, json, sys
reel = importlib.util.find_spec
absents, presents = (set(filter(None, arg.split(","))) for arg in sys.argv[1:3])
def find_spec(nom, *args):
    if nom in absents:
        return None
    if nom in presents:
        return importlib.machinery.ModuleSpec(nom, None)
    return reel(nom, *args)
importlib.util.find_spec = find_spec
from backoffice.settings import base, prod
print(json.dumps({"prod": prod.STORAGES["default"], "base": base.STORAGES["default"]}))
"""


def reglages_production(bucket, absents=(), presents=()):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env |= {
        "SECRET_KEY": "essai-des-reglages-de-production-0123456789",
        "DATABASE_URL": "sqlite:////tmp/parc-essai-reglages.sqlite3",
    }
    if bucket:
        env["AWS_STORAGE_BUCKET_NAME"] = bucket
    return subprocess.run(
        [sys.executable, "-c", SONDE, ",".join(absents), ",".join(presents)],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_django_storages_est_une_dependance_optionnelle_verrouillee():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))
    extra = projet["project"]["optional-dependencies"]["s3"]
    assert any(dep.startswith("django-storages[s3]") for dep in extra)

    verrou = tomllib.loads((RACINE / "uv.lock").read_text(encoding="utf-8"))
    paquets = {paquet["name"]: paquet for paquet in verrou["package"]}
    assert {"django-storages", "boto3"} <= paquets.keys()
    nous = paquets[projet["project"]["name"]]
    assert "s3" in nous["optional-dependencies"]


def test_un_bucket_sans_le_paquet_arrete_le_demarrage_en_francais():
    resultat = reglages_production("documents-parc", absents=["storages"], presents=["boto3"])
    assert resultat.returncode != 0
    assert "ImproperlyConfigured" in resultat.stderr
    assert "le stockage S3 n'est pas installé (module manquant : storages)" in resultat.stderr
    assert "uv sync --frozen --no-dev --extra s3" in resultat.stderr


def test_un_bucket_avec_le_paquet_range_les_documents_sur_s3():
    resultat = reglages_production("documents-parc", presents=["storages", "boto3"])
    assert resultat.returncode == 0, resultat.stderr
    stockages = json.loads(resultat.stdout)
    assert stockages["prod"] == {"BACKEND": S3}
    # The base settings keep their own value: prod builds a new dict.
    assert stockages["base"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_sans_bucket_les_documents_restent_sur_le_disque():
    resultat = reglages_production("", absents=["storages", "boto3"])
    assert resultat.returncode == 0, resultat.stderr
    assert json.loads(resultat.stdout)["prod"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
