"""Background tasks of the Temps 1 import: analysis and application, with the immediate backend
(tests) and with the database backend and its worker (production), and what a crash leaves."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django_tasks import TaskResultStatus

from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement
from imports import services, tasks
from imports.models import ImportTemps1
from imports.temps1 import application as module_application
from imports.temps1.analyse import analyseur as module_analyse
from tests.imports.outils import dispositif, entite, financement, simple

pytestmark = pytest.mark.django_db

BASE_DE_DONNEES = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fichier(tmp_path):
    return simple(tmp_path / "offre.xlsx", [entite(1)], [dispositif(1)], [financement(1)])


def en_panne(*args, **kwargs):
    raise RuntimeError("disque plein")


def rien_n_est_ecrit():
    return not (
        EntiteGestionnaire.objects.exists()
        or Dispositif.objects.exists()
        or Financement.objects.exists()
        or Dispositif.history.exists()
    )


def test_analyse_en_tache(fichier, ddets44):
    import_ = services.deposer(fichier, ddets44)
    resultat = tasks.analyser_depot.enqueue(import_.pk)
    assert resultat.status == TaskResultStatus.SUCCESSFUL
    assert resultat.return_value == {"etat": "analysee", "ok": True}
    import_.refresh_from_db()
    assert import_.etat == "analysee" and import_.rapport["ok"] is True


def test_analyse_qui_plante(fichier, ddets44, monkeypatch):
    import_ = services.deposer(fichier, ddets44)
    monkeypatch.setattr(module_analyse, "Referentiel", en_panne)  # a crash inside the check
    resultat = tasks.analyser_depot.enqueue(import_.pk)
    assert resultat.status == TaskResultStatus.FAILED
    assert resultat.errors[0].exception_class is RuntimeError
    import_.refresh_from_db()
    assert import_.etat == "echec"
    assert import_.message_echec.startswith("L'analyse a échoué sur une erreur inattendue")
    assert f"import n° {import_.pk}" in import_.message_echec
    assert "disque plein" in import_.message_echec
    assert import_.fichier.read() == fichier.read_bytes()  # kept
    assert rien_n_est_ecrit()


def test_application_qui_plante_depuis_la_page(client, fichier, ddets44, monkeypatch):
    client.force_login(ddets44)
    client.post(
        reverse("import_temps1:add"),
        {"fichier": SimpleUploadedFile("offre.xlsx", fichier.read_bytes())},
    )
    import_ = ImportTemps1.objects.get()
    assert import_.etat == "analysee"
    # The objects are written, then their history fails: everything must be rolled back.
    monkeypatch.setattr(module_application, "ecrire_historique", en_panne)
    response = client.post(
        reverse("import_temps1:appliquer", args=[import_.pk]), {"confirmer": "on"}
    )
    assert response.status_code == 302
    assert "L'application a échoué : rien n'a été modifié." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]
    import_.refresh_from_db()
    assert import_.etat == "echec"
    assert import_.message_echec == ("L'application a échoué, rien n'a été modifié : disque plein")
    assert rien_n_est_ecrit()
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert page.select_one("[data-etat]").get_text() == "Échec de l'application"
    assert "disque plein" in page.select_one("[data-message-echec]").get_text()
    assert not page.select("form[data-confirmation]")


def test_application_non_reclamee_ignoree(fichier, ddets44):
    import_ = services.deposer(fichier, ddets44)
    services.analyser_import(import_)
    resultat = tasks.appliquer_depot.enqueue(import_.pk, ddets44.pk)
    assert resultat.return_value == {"etat": "analysee", "ok": False}
    import_.refresh_from_db()
    assert import_.etat == "analysee"
    assert rien_n_est_ecrit()


def test_un_echec_ne_recouvre_pas_un_import_termine(fichier, ddets44):
    import_ = services.deposer(fichier, ddets44)
    assert services.analyser_import(import_).ok
    services.appliquer_import(import_)
    import_.refresh_from_db()
    assert import_.etat == "appliquee"
    assert services.marquer_echec(import_, "tâche perdue") is False
    assert import_.etat == "appliquee" and import_.message_echec == ""


def test_tache_d_un_import_disparu(ddets44):
    assert tasks.analyser_depot.enqueue(123456).return_value is None


def test_avec_le_worker_de_la_base(client, fichier, ddets44, settings, monkeypatch):
    """Production path: the request stores and queues; the page follows the job; the
    `db_worker` command runs it."""
    settings.TASKS = BASE_DE_DONNEES
    # Between tasks the worker calls close_old_connections(), which closes a connection whose
    # autocommit differs from its settings: the test's own transaction, on PostgreSQL (SQLite
    # in memory never closes). A real worker runs in autocommit; keep the test's connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    if connection.vendor == "sqlite":
        # The worker opens `BEGIN EXCLUSIVE` on SQLite unless the connection already makes its
        # transactions exclusive; inside the test's transaction, savepoints are what we want.
        # (On the wrapper itself, not the `connection` proxy, so that it is restored after.)
        monkeypatch.setattr(connections["default"], "transaction_mode", "EXCLUSIVE")
    client.force_login(ddets44)
    client.post(
        reverse("import_temps1:add"),
        {"fichier": SimpleUploadedFile("offre.xlsx", fichier.read_bytes())},
    )
    import_ = ImportTemps1.objects.get()
    assert import_.etat == "deposee"  # queued, not run
    page = BeautifulSoup(
        client.get(reverse("import_temps1:inspect", args=[import_.pk])).content, "html.parser"
    )
    assert page.select("[data-suivi] [role=progressbar]")
    statut = client.get(reverse("import_temps1:statut", args=[import_.pk])).json()
    assert statut["en_cours"] is True and statut["etat"] == "deposee"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    import_.refresh_from_db()
    assert import_.etat == "analysee"
    assert (
        client.get(reverse("import_temps1:statut", args=[import_.pk])).json()["en_cours"] is False
    )

    response = client.post(
        reverse("import_temps1:appliquer", args=[import_.pk]), {"confirmer": "on"}
    )
    assert "Application en cours : cette page se met à jour toute seule." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]
    import_.refresh_from_db()
    assert import_.etat == "en_application" and not Dispositif.objects.exists()
    # A second confirmation while it waits for the worker: told, not queued twice.
    seconde = client.post(
        reverse("import_temps1:appliquer", args=[import_.pk]), {"confirmer": "on"}
    )
    assert "Cet import est déjà en cours d'application : il ne sera appliqué qu'une fois." in [
        str(m) for m in get_messages(seconde.wsgi_request)
    ]

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    import_.refresh_from_db()
    assert import_.etat == "appliquee"
    assert Dispositif.objects.get().history.get().history_user == ddets44
