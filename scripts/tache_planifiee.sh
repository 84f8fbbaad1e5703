#!/usr/bin/env bash
# Run one scheduled command in production (the crontab: `manage.py planificateur --crontab`).
#
#   scripts/tache_planifiee.sh COMMANDE [ARGUMENTS...]
#
# Reads the settings from the environment file shared with the application service
# (PARC_ENV, /etc/parc-hebergement/env by default: DJANGO_SETTINGS_MODULE, DATABASE_URL,
# SECRET_KEY…), runs `manage.py COMMANDE` with the application's virtualenv, and never twice at
# once (a slow run is not overlapped by the next one: the later one is skipped and says so).
# Each run is framed by dated lines, so that the shared log reads as a journal.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage : $0 COMMANDE [ARGUMENTS...]" >&2
    exit 2
fi

RACINE="$(cd "$(dirname "$0")/.." && pwd)"
FICHIER_ENV="${PARC_ENV:-/etc/parc-hebergement/env}"
if [ ! -r "$FICHIER_ENV" ]; then
    # Without it manage.py would fall back to the trial's settings and its SQLite file.
    echo "[$(date '+%F %T')] fichier d'environnement illisible : $FICHIER_ENV (PARC_ENV)" >&2
    exit 78
fi
set -a
# shellcheck disable=SC1090
. "$FICHIER_ENV"
set +a

cd "$RACINE"
echo "[$(date '+%F %T')] début : $*"
statut=0
flock --nonblock --conflict-exit-code 75 "${TMPDIR:-/tmp}/parc-hebergement-$1.verrou" \
    .venv/bin/python manage.py "$@" || statut=$?
if [ "$statut" -eq 75 ]; then
    echo "[$(date '+%F %T')] ignorée : $1 tourne encore (lancement précédent)"
    exit 0
fi
echo "[$(date '+%F %T')] fin : $1 (code $statut)"
exit "$statut"
