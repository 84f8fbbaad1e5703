"""Command line (docs/temps1.md): exit codes 0 / 1 / 2, the JSON report, export and template."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement
from imports.models import ImportTemps1
from tests.factories import DispositifFactory
from tests.imports.outils import dispositif, entite, financement, simple

RACINE = Path(__file__).resolve().parents[2]


def importer(*arguments):
    """Run import_temps1; return (exit code, stdout)."""

    sortie, erreurs = StringIO(), StringIO()
    try:
        call_command("import_temps1", *map(str, arguments), stdout=sortie, stderr=erreurs)
    except CommandError as exc:
        return exc.returncode, sortie.getvalue() + erreurs.getvalue() + str(exc)
    return 0, sortie.getvalue() + erreurs.getvalue()


@pytest.fixture
def fichier(tmp_path):
    return simple(tmp_path / "offre.xlsx", [entite(1)], [dispositif(1)], [financement(1)])


@pytest.mark.django_db
def test_dry_run_puis_import(fichier, tmp_path):
    rapport = tmp_path / "rapport.json"
    code, sortie = importer(fichier, "--dry-run", "--report", rapport)
    assert code == 0
    assert "rien n'a été écrit" in sortie
    assert not EntiteGestionnaire.objects.exists()
    assert json.loads(rapport.read_text()) == {
        "ok": True,
        "applied": False,
        "sheets": {
            n: {"created": 1, "updated": 0, "unchanged": 0}
            for n in ("Entités", "Dispositifs", "Financements")
        },
        "errors": [],
        "warnings": [],
    }

    code, sortie = importer(fichier, "--report", rapport)
    assert code == 0
    contenu = json.loads(rapport.read_text())
    assert contenu["ok"] is True and contenu["applied"] is True
    import_ = ImportTemps1.objects.get()
    assert import_.etat == "appliquee" and import_.deposant is None
    assert import_.perimetre_libelle == "France entière"
    assert import_.rapport == contenu
    assert Dispositif.objects.get().history.first().history_change_reason == (
        f"Import Temps 1 n° {import_.pk} (offre.xlsx)"
    )

    # Idempotent from the command line too.
    code, _ = importer(fichier, "--report", rapport)
    assert code == 0
    assert json.loads(rapport.read_text())["sheets"]["Dispositifs"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
    }
    assert Dispositif.history.count() == 1


@pytest.mark.django_db
def test_erreurs_code_1_et_rapport(tmp_path):
    chemin = simple(
        tmp_path / "faux.xlsx", [entite(1)], [dispositif(1, siret="123")], [financement(1)]
    )
    rapport = tmp_path / "rapport.json"
    code, sortie = importer(chemin, "--report", rapport)
    assert code == 1
    assert "2 erreurs : rien n'a été importé." in sortie
    assert "onglet Dispositifs, ligne 2, colonne « SIRET »" in sortie
    assert json.loads(rapport.read_text()) == {
        "ok": False,
        "applied": False,
        "sheets": {
            "Entités": {"created": 1, "updated": 0, "unchanged": 0},
            "Dispositifs": {"created": 0, "updated": 0, "unchanged": 0},
            "Financements": {"created": 0, "updated": 0, "unchanged": 0},
        },
        "errors": [
            {
                "sheet": "Dispositifs",
                "row": 2,
                "column": "SIRET",
                "value": "123",
                "message": "Le SIRET doit comporter 14 chiffres.",
            },
            {
                "sheet": "Financements",
                "row": 2,
                "column": "Dispositif",
                "value": "REF-1",
                "message": "Dispositif en erreur ligne 2 de l'onglet Dispositifs.",
            },
        ],
        "warnings": [],
    }
    assert not EntiteGestionnaire.objects.exists()
    assert not ImportTemps1.objects.exists()


@pytest.mark.django_db
def test_fichier_illisible_code_2(tmp_path):
    chemin = tmp_path / "offre.xlsx"
    chemin.write_bytes(b"%PDF-1.4 ...")
    rapport = tmp_path / "rapport.json"
    code, sortie = importer(chemin, "--report", rapport)
    assert code == 2
    assert "PDF" in sortie
    contenu = json.loads(rapport.read_text())
    assert contenu["ok"] is False and contenu["applied"] is False
    assert contenu["errors"][0]["sheet"] is None and "PDF" in contenu["errors"][0]["message"]


@pytest.mark.django_db
def test_utilisateur_et_perimetre(fichier, ddets75, tmp_path):
    code, sortie = importer(fichier, "--user", "ddets75@example.gouv.fr", "--dry-run")
    assert code == 1
    assert "Hors de votre périmètre (départements : 75)" in sortie
    code, sortie = importer(fichier, "--user", "personne@example.gouv.fr")
    assert code == 2
    assert "Aucun compte actif" in sortie


@pytest.mark.django_db
def test_utilisateur_ddets44(fichier, ddets44):
    code, _ = importer(fichier, "--user", "DDETS44@example.gouv.fr")
    assert code == 0
    import_ = ImportTemps1.objects.get()
    assert import_.deposant == ddets44
    assert list(import_.departements.values_list("code", flat=True)) == ["44"]
    assert Financement.objects.get().history.first().history_user == ddets44


def test_codes_de_sortie_du_processus(tmp_path):
    """The real process exit code of `manage.py import_temps1` on an unreadable file."""
    chemin = tmp_path / "export.xlsx"
    chemin.write_text("SIREN;Nom\n", encoding="utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backoffice.settings.test"}
    resultat = subprocess.run(
        [sys.executable, "manage.py", "import_temps1", str(chemin)],
        cwd=RACINE,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert resultat.returncode == 2, resultat.stderr
    assert "n'est pas un classeur Excel .xlsx" in resultat.stderr


@pytest.mark.django_db
def test_export_et_modele(tmp_path, dispositif44, dispositif75):

    DispositifFactory(departement_id="85")
    chemin = tmp_path / "export.xlsx"
    sortie = StringIO()
    call_command(
        "export_temps1", str(chemin), "--departement", "44", "--departement", "75", stdout=sortie
    )
    assert "Dispositifs : 2" in sortie.getvalue()
    wb = openpyxl.load_workbook(chemin)
    codes = {wb["Dispositifs"].cell(r, 1).value for r in range(2, wb["Dispositifs"].max_row + 1)}
    assert codes == {dispositif44.code, dispositif75.code}
    with pytest.raises(CommandError, match="inconnu"):
        call_command("export_temps1", str(chemin), "--departement", "99")

    modele = tmp_path / "modele.xlsx"
    call_command("modele_temps1", str(modele), stdout=StringIO())
    assert openpyxl.load_workbook(modele).sheetnames[:4] == [
        "Entités",
        "Dispositifs",
        "Financements",
        "Annexes et guide",
    ]
