"""`make run` end to end (scripts/essai.sh, what the Makefile calls after `uv sync`): a new
database gets the demo data, the login page is served, the scheduler catches up what was due,
and one Ctrl-C stops the server, the task worker and the scheduler cleanly."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]


def port_libre():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sortie:
    """The lines a process prints, read in a thread, waited for with a deadline."""

    def __init__(self, flux):
        self.lignes = []
        self.nouvelle = threading.Condition()
        threading.Thread(target=self._lire, args=(flux,), daemon=True).start()

    def _lire(self, flux):
        for ligne in flux:
            with self.nouvelle:
                self.lignes.append(ligne.rstrip("\n"))
                self.nouvelle.notify_all()

    def attendre(self, texte, secondes):
        limite = time.monotonic() + secondes
        with self.nouvelle:
            while not any(texte in ligne for ligne in self.lignes):
                reste = limite - time.monotonic()
                assert reste > 0, f"« {texte} » absent après {secondes} s :\n" + self.texte()
                self.nouvelle.wait(reste)

    def texte(self):
        return "\n".join(self.lignes)


def lancer_l_essai(dossier, port):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{dossier / 'essai.sqlite3'}",
        "PLANIFICATEUR_JOURNAL": str(dossier / "planificateur.json"),
        "PYTHON": sys.executable,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the trial's settings, not the tests'
    processus = subprocess.Popen(
        ["bash", "scripts/essai.sh", f"127.0.0.1:{port}"],
        cwd=RACINE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # a process group, as a terminal gives `make run`
    )
    return processus, Sortie(processus.stdout)


def test_make_run_sert_la_page_de_connexion_puis_s_arrete_sur_ctrl_c(tmp_path):
    port = port_libre()
    base = tmp_path / "essai.sqlite3"
    processus, sortie = lancer_l_essai(tmp_path, port)
    try:
        sortie.attendre("Essai prêt : http://127.0.0.1:", 300)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=30) as page:
            assert page.status == 200
            assert 'name="password"' in page.read().decode()  # the login form
        # The scheduler's first start: every task was due. The worker is waiting for tasks.
        sortie.attendre("[planificateur] prochaine échéance :", 300)
        sortie.attendre("Starting worker", 300)
        os.killpg(processus.pid, signal.SIGINT)  # Ctrl-C
        assert processus.wait(timeout=120) == 0, sortie.texte()
    finally:
        if processus.poll() is None:
            os.killpg(processus.pid, signal.SIGKILL)
            processus.wait()
    texte = sortie.texte()

    for etape in (
        "créée depuis la base initiale",
        "Migrations : à jour",
        "Démonstration chargée en",
        "Base prête en",
        "Essai prêt",
        "Essai arrêté",
    ):
        assert etape in texte
    for commande in (
        "echeances",
        "clore_appels",
        "verifier_qualite",
        "relancer_demandes",
        "relancer_conventions",
        "purger_exports",
    ):
        assert f"[planificateur] {commande} : terminée en" in texte
    assert "[planificateur] arrêté." in texte
    assert "Traceback" not in texte
    connexion = sqlite3.connect(base)
    try:
        assert connexion.execute("SELECT count(*) FROM offre_dispositif").fetchone()[0] > 0
        assert connexion.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        connexion.close()


def test_un_ctrl_c_pendant_le_demarrage_arrete_tout(tmp_path):
    """Ctrl-C while the worker and the scheduler are still loading Django: nothing is left
    running, nothing waits forever."""
    processus, sortie = lancer_l_essai(tmp_path, port_libre())
    try:
        sortie.attendre("Lancement du serveur", 300)
        time.sleep(0.5)  # the three processes have started, none is ready
        os.killpg(processus.pid, signal.SIGINT)
        assert processus.wait(timeout=120) == 0, sortie.texte()
    finally:
        if processus.poll() is None:
            os.killpg(processus.pid, signal.SIGKILL)
            processus.wait()
    assert "Essai arrêté" in sortie.texte()
