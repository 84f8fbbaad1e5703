#!/usr/bin/env bash
# `make run`: prepare the trial database, then serve it beside the task worker and the scheduler.
#
#   scripts/essai.sh [ADRESSE]        (127.0.0.1:8000 by default)
#
# One `manage.py preparer_essai` process migrates, creates the cache table and loads the demo
# when the database is empty. Then three processes share the SQLite file: the server (in the
# foreground), the task worker (`db_worker`) and the scheduler (`planificateur`). The last two
# run at a lower priority, so that the login page is served first on a busy machine.
#
# Ctrl-C reaches the three processes at once: the server stops, the worker and the scheduler
# finish the task they are running, and this script waits for them. If the server stops on its
# own (port already taken…), the worker and the scheduler are asked to stop with it.
set -uo pipefail

ADRESSE="${1:-127.0.0.1:8000}"
PYTHON="${PYTHON:-.venv/bin/python}"
export ESSAI_DEBUT_NS="${ESSAI_DEBUT_NS:-$(date +%s%N)}"
DEBUT_NS="$ESSAI_DEBUT_NS"
export PYTHONUNBUFFERED=1
# Each start reads Django and Wagtail's compiled bytecode, or recompiles ~2,000 modules
# (measured: 2.5 s of CPU instead of 6.4 s). Some environments switch the cache off; not here.
unset PYTHONDONTWRITEBYTECODE

# Progress lines: "==> [12,3 s] …", timed from the start of `make run` (as in preparer_essai).
annoncer() {
    local ms=$((($(date +%s%N) - DEBUT_NS) / 1000000))
    echo "==> [$((ms / 1000)),$(((ms % 1000) / 100)) s] $*"
}

# Whether the login page answers 200, with bash alone (no curl on a bare machine).
page_servie() {
    local hote="${ADRESSE%:*}" port="${ADRESSE##*:}" ligne=""
    [ "$hote" = "0.0.0.0" ] && hote=127.0.0.1
    (
        exec 3<>"/dev/tcp/${hote}/${port}" || exit 1
        printf 'GET /admin/login/ HTTP/1.0\r\nHost: %s\r\n\r\n' "$hote" >&3
        read -r -t 30 ligne <&3 || exit 1
        [[ "$ligne" == *" 200 "* ]]
    ) 2>/dev/null
}

annoncer_quand_pret() {
    for _ in $(seq 1 3000); do
        if page_servie; then
            annoncer "Essai prêt : http://${ADRESSE}/admin/ (comptes de démonstration dans le" \
                "README ; Ctrl-C arrête le serveur, le worker et le planificateur)"
            return
        fi
        sleep 0.2
    done
}

annoncer "Démarrage de Django (quelques secondes)"
"$PYTHON" manage.py preparer_essai || exit $?

annoncer "Lancement du serveur (http://${ADRESSE}/admin/), du worker des tâches de fond et du" \
    "planificateur"
# A script's background processes start with SIGINT ignored: a Ctrl-C arriving before they set
# their own handler (a clean stop after the running task) would be lost, and this script would
# wait for them forever. `env --default-signal` gives them the terminal's Ctrl-C from the start.
env --default-signal=INT nice -n 10 "$PYTHON" manage.py db_worker --no-reload &
worker=$!
env --default-signal=INT nice -n 10 "$PYTHON" manage.py planificateur &
planificateur=$!
annoncer_quand_pret &
annonce=$!

interrompu=0
trap 'interrompu=1' INT TERM
# No autoreload: one process instead of two, as in production (`manage.py runserver` alone keeps
# reloading for development). No checks: preparer_essai has just applied the migrations, and
# `make check` runs the system checks.
"$PYTHON" manage.py runserver --noreload --skip-checks "$ADRESSE"
statut=$?

kill "$annonce" 2>/dev/null
if [ "$interrompu" -eq 0 ]; then
    annoncer "Le serveur s'est arrêté (code $statut) : arrêt du worker et du planificateur"
    kill -TERM "$worker" "$planificateur" 2>/dev/null
fi
wait "$worker" "$planificateur" 2>/dev/null
annoncer "Essai arrêté"
[ "$interrompu" -eq 1 ] && exit 0
exit "$statut"
