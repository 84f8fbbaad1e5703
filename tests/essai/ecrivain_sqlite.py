"""One writing process of `test_sqlite_concurrent.py`: `python ecrivain_sqlite.py NOM N DOSSIER`.

It uses the trial's own database configuration (`backoffice.settings.dev`, database from
DATABASE_URL) and, like a recalculation in the task worker or a form saved by the server, reads a
value then writes in the same transaction, N times. Both processes start together (a "go" file in
DOSSIER); each prints one JSON line: its writes and the database errors it met.
"""

import importlib
import json
import sys
import time
from pathlib import Path

import django
from django.conf import settings

nom, iterations, dossier = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])

# Only the database configuration of the trial's settings: loading every app would add seconds
# to each process and test nothing more.
essai = importlib.import_module("backoffice.settings.dev")
settings.configure(DATABASES=essai.DATABASES, USE_TZ=True, TIME_ZONE="Europe/Paris")
django.setup()

from django.db import OperationalError, connection, transaction  # noqa: E402

(dossier / f"pret-{nom}").touch()
while not (dossier / "partez").exists():
    time.sleep(0.01)

ecritures, erreurs = 0, []
for rang in range(iterations):
    try:
        with transaction.atomic(), connection.cursor() as curseur:
            curseur.execute("SELECT valeur FROM compteur WHERE id = 1")
            (valeur,) = curseur.fetchone()
            time.sleep(0.002)  # the computation between the read and the write
            curseur.execute("UPDATE compteur SET valeur = %s WHERE id = 1", [valeur + 1])
            curseur.execute("INSERT INTO ecriture (processus, rang) VALUES (%s, %s)", [nom, rang])
        ecritures += 1
    except OperationalError as exc:
        erreurs.append(str(exc))

with connection.cursor() as curseur:
    curseur.execute("PRAGMA journal_mode")
    (journal,) = curseur.fetchone()
print(
    json.dumps({"processus": nom, "ecritures": ecritures, "erreurs": erreurs, "journal": journal})
)
