#!/usr/bin/env bash
# Time `make run` from a fresh clone to a served login page.
#
#   scripts/chrono_essai.sh [SOURCE_REPO] [PORT]
#
# Clones SOURCE_REPO (default: this repository's committed HEAD) into a temporary folder, starts
# `make run` there in its own process group, polls the login page until it answers 200, leaves it
# running CHRONO_APRES seconds (the scheduler's catch-up), interrupts it like Ctrl-C, then prints
# what `make run` printed, the time to the login page and the time to stop, and deletes the clone.
# The uv cache is used as it is: a warm cache is what a developer has after the first install.
set -euo pipefail

SOURCE="${1:-$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)}"
PORT="${2:-8000}"
LIMITE="${CHRONO_LIMITE:-400}"  # seconds before giving up
APRES="${CHRONO_APRES:-15}"
URL="http://127.0.0.1:${PORT}/admin/login/"

DOSSIER="$(mktemp -d /tmp/chrono-essai.XXXXXX)"
# Job control: `make run` gets a process group of its own where SIGINT is not ignored, so that
# the interruption below is the Ctrl-C of a terminal.
set -m
JOURNAL="${DOSSIER}.log"
git clone --quiet "$SOURCE" "$DOSSIER"

debut=$(date +%s.%N)
cd "$DOSSIER"
make run HOST_PORT="127.0.0.1:${PORT}" >"$JOURNAL" 2>&1 </dev/null &
groupe=$!

# CPU time spent by the whole `make run` group so far: each live process's own time plus that of
# its children already waited for (uv sync, preparation…), so that nothing is counted twice.
cpu_du_groupe() {
    local total=0 pid ticks
    for pid in $(pgrep -g "$groupe"); do
        ticks=$(sed 's/^.*) //' "/proc/${pid}/stat" 2>/dev/null | awk '{print $12 + $13 + $14 + $15}')
        total=$((total + ${ticks:-0}))
    done
    echo "scale=1; $total / $(getconf CLK_TCK)" | bc
}

arreter() {
    local arret
    arret=$(date +%s.%N)
    kill -INT -- "-${groupe}" 2>/dev/null || true
    for _ in $(seq 1 150); do
        kill -0 -- "-${groupe}" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 -- "-${groupe}" 2>/dev/null; then
        echo "toujours en marche 30 s après Ctrl-C : arrêt forcé" >&2
        kill -KILL -- "-${groupe}" 2>/dev/null || true
    else
        printf "arrêt complet %.1f s après Ctrl-C\n" "$(echo "$(date +%s.%N) - $arret" | bc)"
    fi
}
nettoyer() {
    kill -KILL -- "-${groupe}" 2>/dev/null || true
    rm -rf "$DOSSIER" "$JOURNAL"
}
trap nettoyer EXIT

statut=""
while true; do
    statut="$(curl -s -o /dev/null -w '%{http_code}' "$URL" || true)"
    [ "$statut" = "200" ] && break
    if ! kill -0 "$groupe" 2>/dev/null; then
        echo "make run s'est arrêté avant de servir la page de connexion :" >&2
        cat "$JOURNAL" >&2
        exit 1
    fi
    if (($(echo "$(date +%s.%N) - $debut > $LIMITE" | bc))); then
        echo "page de connexion toujours absente après ${LIMITE} s" >&2
        exit 1
    fi
    sleep 0.25
done
fin=$(date +%s.%N)
cpu=$(cpu_du_groupe)
charge=$(cut -d' ' -f1 /proc/loadavg)
sleep "$APRES"
arret="$(arreter)"

echo "--- sortie de make run ---"
cat "$JOURNAL"
echo "--------------------------"
printf "make run, clone neuf → page de connexion servie : %.1f s (%s s de CPU ; charge de la machine %s)\n" \
    "$(echo "$fin - $debut" | bc)" "$cpu" "$charge"
echo "$arret"
