"""The background check of a Temps 1 deposit: a refusal of the guard ends the job « en erreur »
with the French message; even a crash that is no `Exception` (a Rust panic of the reader is a
`BaseException`) leaves the job ended, never « en cours » for ever."""

import pytest
from django_tasks import TaskResultStatus

from imports import services, tasks
from imports.temps1.analyse import analyseur as module_analyse
from tests.fichiers import corpus
from tests.imports.outils import dispositif, entite, financement, simple

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class PaniqueSimulee(BaseException):
    """What pyo3 raises on a Rust panic: a BaseException, not an Exception."""


def test_refus_du_garde_en_erreur(tmp_path, ddets44):
    chemin = tmp_path / "offre.xlsx"
    chemin.write_bytes(corpus.dimension_geante())
    import_ = services.deposer(chemin, ddets44)
    resultat = tasks.analyser_depot.enqueue(import_.pk)
    assert resultat.status == TaskResultStatus.SUCCESSFUL
    import_.refresh_from_db()
    assert import_.etat == "en_erreur"
    assert "refusé par sécurité" in import_.message_echec
    assert import_.rapport["ok"] is False


def test_une_panique_termine_l_import_en_echec(tmp_path, ddets44, monkeypatch):
    fichier = simple(tmp_path / "offre.xlsx", [entite(1)], [dispositif(1)], [financement(1)])
    import_ = services.deposer(fichier, ddets44)

    def panique(*args, **kwargs):
        raise PaniqueSimulee("chunk size must be non-zero")

    monkeypatch.setattr(module_analyse, "Referentiel", panique)
    resultat = tasks.analyser_depot.enqueue(import_.pk)
    assert resultat.status == TaskResultStatus.FAILED
    import_.refresh_from_db()
    assert import_.etat == "echec"
    assert "chunk size must be non-zero" in import_.message_echec
