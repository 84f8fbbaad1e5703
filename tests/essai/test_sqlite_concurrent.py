"""The trial's SQLite file is shared by the server, the task worker and the scheduler: two real
processes writing at once must neither fail with « database is locked » nor lose a write."""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
ECRIVAIN = Path(__file__).with_name("ecrivain_sqlite.py")
ITERATIONS = 150


def lancer(nom, base, dossier):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{base}",
        "PYTHONPATH": str(RACINE),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, str(ECRIVAIN), nom, str(ITERATIONS), str(dossier)],
        cwd=RACINE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_deux_processus_ecrivent_en_meme_temps_sans_verrou_ni_perte(tmp_path):
    base = tmp_path / "essai.sqlite3"
    with sqlite3.connect(base) as connexion:
        # As in the trial, where `preparer_essai` migrates the file alone before the server,
        # the worker and the scheduler start: the file is already in WAL. Switching a file to
        # WAL while another process writes fails at once, whatever the timeout (seen once on a
        # loaded machine when both processes' first connections met on a fresh file).
        connexion.execute("PRAGMA journal_mode=WAL")
        connexion.execute("CREATE TABLE compteur (id INTEGER PRIMARY KEY, valeur INTEGER)")
        connexion.execute("INSERT INTO compteur VALUES (1, 0)")
        connexion.execute(
            "CREATE TABLE ecriture (id INTEGER PRIMARY KEY, processus TEXT, rang INTEGER)"
        )
    connexion.close()

    processus = [lancer(nom, base, tmp_path) for nom in ("serveur", "worker")]
    limite = time.monotonic() + 120
    while not all((tmp_path / f"pret-{nom}").exists() for nom in ("serveur", "worker")):
        assert all(p.poll() is None for p in processus), [p.communicate() for p in processus]
        assert time.monotonic() < limite, "les processus ne démarrent pas"
        time.sleep(0.05)
    (tmp_path / "partez").touch()

    bilans = []
    for p in processus:
        sortie, erreur = p.communicate(timeout=300)
        assert p.returncode == 0, erreur
        bilans.append(json.loads(sortie.strip().splitlines()[-1]))

    erreurs = [message for bilan in bilans for message in bilan["erreurs"]]
    assert erreurs == [], f"{len(erreurs)} erreur(s), dont : {erreurs[0]}"
    assert [b["ecritures"] for b in bilans] == [ITERATIONS, ITERATIONS]
    assert {b["journal"] for b in bilans} == {"wal"}
    with sqlite3.connect(base) as connexion:
        assert connexion.execute("SELECT valeur FROM compteur").fetchone() == (2 * ITERATIONS,)
        assert connexion.execute("SELECT COUNT(*) FROM ecriture").fetchone() == (2 * ITERATIONS,)
    connexion.close()
