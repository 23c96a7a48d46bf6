# Shared by deploy/backup, deploy/restore and deploy/verify-audit (sourced, not run): finds a PostgreSQL client
# that can talk to the server, and the connection defaults.
#
# The connection is libpq's own environment: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (or ~/.pgpass).
# PG_BIN names the client's bin directory; by default the newest under /usr/lib/postgresql (Debian), else PATH.

export PGDATABASE="${PGDATABASE:-shouhu}"
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"

if [[ -z "${PG_BIN:-}" ]]; then
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  PG_BIN="${newest:-$(dirname "$(command -v pg_dump)")}"
fi

die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# pg_dump refuses a server newer than itself; pg_restore of a newer pg_dump's archive fails. Say so up front.
require_client_for_server() {
  local client server
  client="$("$PG_BIN/pg_dump" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
  server="$("$PG_BIN/psql" -X -A -t -c 'show server_version_num' | tr -d ' ')" || die "cannot reach PostgreSQL at $PGHOST:$PGPORT/$PGDATABASE as ${PGUSER:-$USER}"
  server=$((server / 10000))
  if ((client < server)); then
    die "the PostgreSQL client in $PG_BIN is $client but the server is $server: install postgresql-client-$server and set PG_BIN"
  fi
  echo "PostgreSQL server $server, client $client ($PG_BIN)" >&2
}

sql() {
  "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -A -t -q "$@"
}
