#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the repository tests and print its SQLAlchemy URL.
# Debian's postgresql package (installed here when missing, as root); prints nothing when that is impossible.
set -uo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 || exit 0
    else
        exit 0
    fi
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
data=${DUALREC_PG_DIR:-/tmp/dualrec-pg}
port=${DUALREC_PG_PORT:-55432}
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data" && { [ "$(id -u)" != 0 ] || chown postgres "$data"; }
    as_postgres "$bin/initdb -D $data -U postgres -A trust" >&2 || exit 0
fi
if ! as_postgres "$bin/pg_ctl -D $data status" >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl -D $data -l $data/server.log -o '-p $port -k /tmp -c listen_addresses=127.0.0.1' -w start" >&2 || exit 0
fi
as_postgres "$bin/psql -h 127.0.0.1 -p $port -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='dualrec_test'\"" | grep -q 1 \
    || as_postgres "$bin/createdb -h 127.0.0.1 -p $port -U postgres dualrec_test" >&2 || exit 0
echo "postgresql+psycopg://postgres@127.0.0.1:$port/dualrec_test"
