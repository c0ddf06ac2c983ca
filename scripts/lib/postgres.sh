# Starts and stops a throwaway PostgreSQL cluster: in a temp dir, as user postgres when run
# as root, listening on 127.0.0.1 on a free port and on a Unix-domain socket in the temp dir.
# Source this file, then call pg_start and pg_stop. pg_start exports PROFORMA_TEST_POSTGRES_URL
# and PROFORMA_TEST_POSTGRES_SOCKET_DIR. The cluster skips fsync, as tests need no durability;
# PG_SERVER_OPTIONS replaces that (bench/run sets it empty for durable defaults).

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
  return 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the postgres user when we are root (initdb refuses to run as root).
as_pg_user() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

pg_start() {
  local bindir
  bindir=$(pg_bindir) || { echo "PostgreSQL server binaries not found" >&2; return 1; }
  PG_TMP=$(mktemp -d /tmp/proforma-pg.XXXXXX)
  chmod 755 "$PG_TMP"
  if [ "$(id -u)" = "0" ]; then chown postgres "$PG_TMP"; fi
  PG_PORT=$(free_port)
  as_pg_user "'$bindir/initdb' -D '$PG_TMP/data' -A trust -U postgres --no-sync -E UTF8 >'$PG_TMP/initdb.log' 2>&1" \
    || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  as_pg_user "'$bindir/pg_ctl' -D '$PG_TMP/data' -l '$PG_TMP/server.log' -w -t 60 \
    -o \"-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=1000 ${PG_SERVER_OPTIONS--c fsync=off}\" start" >/dev/null \
    || { cat "$PG_TMP/server.log" >&2; return 1; }
  PG_BINDIR=$bindir
  export PROFORMA_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
  # The same cluster through its Unix-domain socket (postgres://postgres@/DB?host=$PG_TMP&port=$PG_PORT).
  export PROFORMA_TEST_POSTGRES_SOCKET_DIR="$PG_TMP"
  echo "PostgreSQL running on port $PG_PORT ($PG_TMP)"
}

pg_stop() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
    as_pg_user "'$PG_BINDIR/pg_ctl' -D '$PG_TMP/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}

# Creates database $1 in the running cluster and prints its URL.
pg_create_database() {
  as_pg_user "'$PG_BINDIR/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres '$1'" >&2 || return 1
  echo "postgres://postgres@127.0.0.1:$PG_PORT/$1?sslmode=disable"
}
