"""A throwaway PostgreSQL cluster for benchmarks (shared helper).

    with cluster_jetable("bench-temps1") as url:
        os.environ["DATABASE_URL"] = url

initdb into a temporary folder under /tmp, a unix socket only (no TCP port to pick or collide
with), default durability settings (fsync on: timings stay honest), run as the unprivileged
`postgres` user when we are root (PostgreSQL refuses to run as root); stopped and deleted at the
end whatever happens. Binaries: $PG_BIN or /usr/lib/postgresql/15/bin.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


@contextlib.contextmanager
def cluster_jetable(prefixe="bench-pg", base="bench"):
    """Yield the DATABASE_URL of a fresh cluster; stop and delete it afterwards."""
    if not (PG_BIN / "initdb").exists():
        sys.exit(f"{PG_BIN}/initdb introuvable : installez postgresql-15 ou passez --database-url.")
    dossier = Path(tempfile.mkdtemp(prefix=f"{prefixe}-", dir="/tmp"))
    donnees, socket = dossier / "data", dossier / "socket"
    socket.mkdir()
    root = os.geteuid() == 0
    if root:
        shutil.chown(dossier, "postgres")
        shutil.chown(socket, "postgres")

    def pg(*commande):
        prefixe_commande = ["runuser", "-u", "postgres", "--"] if root else []
        subprocess.run(
            [*prefixe_commande, *map(str, commande)],
            cwd=dossier,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    demarre = False
    try:
        pg(PG_BIN / "initdb", "-D", donnees, "-U", "postgres", "--auth=trust",
           "--encoding=UTF8", "--locale=C.UTF-8")  # fmt: skip
        options = f"-c listen_addresses='' -c unix_socket_directories='{socket}'"
        pg(PG_BIN / "pg_ctl", "-D", donnees, "-l", dossier / "server.log", "-w", "-t", "60",
           "start", "-o", options)  # fmt: skip
        demarre = True
        pg(PG_BIN / "createdb", "-h", socket, "-U", "postgres", base)
        version = subprocess.run(
            [PG_BIN / "postgres", "--version"], capture_output=True, text=True
        ).stdout.strip()
        print(f"Cluster PostgreSQL jetable : {version}, socket {socket}")
        yield f"postgres://postgres@{str(socket).replace('/', '%2F')}/{base}"
    finally:
        if demarre:
            with contextlib.suppress(subprocess.CalledProcessError):
                pg(PG_BIN / "pg_ctl", "-D", donnees, "-m", "fast", "-w", "stop")
        shutil.rmtree(dossier, ignore_errors=True)
        print(f"Cluster arrêté et supprimé ({dossier}).")
