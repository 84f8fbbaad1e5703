#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, then stop and delete the cluster.
#
#   scripts/pg_test_cluster.sh uv run pytest -m "not e2e"
#
# The cluster lives in a temporary folder, listens on a unix socket in that folder only (no TCP,
# so no port to pick or to collide with), trusts local connections, and runs with fsync off: it is
# for tests, never for data you care about. The command sees DATABASE_URL pointing at a database
# owned by the superuser `postgres` (pytest-django creates its own test_<name> database from it).
# As root, the server runs as the unprivileged `postgres` user (PostgreSQL refuses to run as root).
# When the server binaries are missing and we are root, they are installed with apt.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/${PG_VERSION}/bin}"
DB_NAME="${PG_TEST_DB_NAME:-parc}"

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

log() { echo "[pg_test_cluster] $*" >&2; }

if [ ! -x "${PG_BIN}/initdb" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "${PG_BIN}/initdb not found; install postgresql-${PG_VERSION} (as root: apt-get install postgresql-${PG_VERSION})."
        exit 1
    fi
    log "installing PostgreSQL ${PG_VERSION} server binaries with apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "postgresql-${PG_VERSION}" >/dev/null \
        || apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    if [ ! -x "${PG_BIN}/initdb" ]; then
        # Fall back to whatever major version the distribution shipped.
        PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
        [ -x "${PG_BIN}/initdb" ] || { log "no initdb after installing PostgreSQL"; exit 1; }
        log "using ${PG_BIN} (PostgreSQL ${PG_VERSION} not available)"
    fi
fi

# Run PostgreSQL tools as `postgres` when we are root, as ourselves otherwise.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
    as_pg() { (cd "${CLUSTER_DIR}" && runuser -u postgres -- "$@"); }
else
    as_pg() { (cd "${CLUSTER_DIR}" && "$@"); }
fi

CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pg-test.XXXXXX")"
DATA_DIR="${CLUSTER_DIR}/data"
SOCKET_DIR="${CLUSTER_DIR}/socket"
mkdir -p "${SOCKET_DIR}"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "${CLUSTER_DIR}"

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -f "${DATA_DIR}/postmaster.pid" ]; then
        as_pg "${PG_BIN}/pg_ctl" -D "${DATA_DIR}" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ "${status}" -ne 0 ] && [ -f "${CLUSTER_DIR}/server.log" ]; then
        log "server log (last lines):"
        tail -n 20 "${CLUSTER_DIR}/server.log" >&2 || true
    fi
    rm -rf "${CLUSTER_DIR}"
    exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "${PG_BIN}/initdb" -D "${DATA_DIR}" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "${PG_BIN}/pg_ctl" -D "${DATA_DIR}" -l "${CLUSTER_DIR}/server.log" -w -t 60 start \
    -o "-c listen_addresses='' -c unix_socket_directories='${SOCKET_DIR}' \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c max_connections=50" >/dev/null
as_pg "${PG_BIN}/createdb" -h "${SOCKET_DIR}" -U postgres "${DB_NAME}"
log "PostgreSQL $("${PG_BIN}/postgres" --version | awk '{print $3}') on ${SOCKET_DIR}"

# dj-database-url reads a percent-encoded host as a unix socket directory.
export DATABASE_URL="postgres://postgres@${SOCKET_DIR//\//%2F}/${DB_NAME}"

# Not exec: the trap must run after the command to stop and delete the cluster.
"$@"
