# Shared by up, down, status and test: where the cluster lives and how to reach its parts.
# Everything runs on loopback, as ordinary processes, from Debian packages (PostgreSQL 15, HAProxy) and the
# built WAR; nothing is installed system-wide and `down` stops all of it.
set -euo pipefail

CLUSTER_DIR="${SHOUHU_CLUSTER_DIR:-/tmp/shouhu-cluster}"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_BIN="${SHOUHU_CLUSTER_PG_BIN:-/usr/lib/postgresql/15/bin}"
NODES="${SHOUHU_CLUSTER_NODES:-2}"
# PostgreSQL refuses to run as root; the Debian package's postgres user owns the cluster's data.
PG_USER="${SHOUHU_CLUSTER_PG_USER:-postgres}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

# A TCP port nobody listens on now. Ports are chosen once by `up` and kept in ports.env.
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

load_state() {
  [ -f "$CLUSTER_DIR/ports.env" ] || die "no cluster in $CLUSTER_DIR (run deploy/cluster/up)"
  # shellcheck disable=SC1091
  . "$CLUSTER_DIR/ports.env"
  # shellcheck disable=SC1091
  . "$CLUSTER_DIR/secrets.env"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

psql_primary() { PGPASSWORD="$SUPER_PASSWORD" "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -d shouhu "$@"; }
psql_standby() { PGPASSWORD="$SUPER_PASSWORD" "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_STANDBY_PORT" -U postgres -d shouhu "$@"; }

# Starts application node $1 (1-based) in the background; its log is node$1/payara.log.
start_node() {
  local n="$1" port_var="NODE$1_PORT" dir="$CLUSTER_DIR/node$1"
  mkdir -p "$dir/data"
  (
    cd "$dir"
    export SHOUHU_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PRIMARY_PORT/shouhu"
    export SHOUHU_DB_USER=shouhu_owner SHOUHU_DB_PASSWORD="$OWNER_PASSWORD"
    export SHOUHU_DB_APP_USER=shouhu_app SHOUHU_DB_APP_PASSWORD="$APP_PASSWORD"
    export SHOUHU_DATA_DIR="$dir/data"
    export SHOUHU_JWT_PRIVATE_KEY_LOCATION="$CLUSTER_DIR/keys/jwt.pem"
    export SHOUHU_CRYPTO_KEYS="$CRYPTO_KEYS" SHOUHU_CRYPTO_ACTIVE_KEY="$CRYPTO_ACTIVE_KEY" SHOUHU_CRYPTO_INDEX_KEY="$CRYPTO_INDEX_KEY"
    export SHOUHU_HTTP_TRUST_FORWARDED_FOR=true
    # Reads from a standby (#16): the bureau's reports read the streaming standby, each answer saying how old its
    # data is. SHOUHU_CLUSTER_STANDBY_READS=off at `up` (kept as
    # STANDBY_READS in ports.env) keeps every read on the primary.
    if [ "${STANDBY_READS:-on}" != off ]; then
      export SHOUHU_DB_STANDBY_URL="jdbc:postgresql://127.0.0.1:$PG_STANDBY_PORT/shouhu"
    fi
    # Names the node in job leases (job.leased_by), so the drill can tell which node runs an import.
    export SHOUHU_NODE_ID="node$n"
    # Only the first node provisions the demo tenants, so two nodes never race to create the same tenant.
    if [ "$n" = 1 ]; then
      export SHOUHU_PROVISION_DIR="${SHOUHU_CLUSTER_PROVISION:-$REPO_DIR/tenants}" SHOUHU_DEMO_PASSWORD="$DEMO_PASSWORD"
    fi
    setsid java ${SHOUHU_CLUSTER_JAVA_OPTS:--Xmx768m} -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl \
      -jar "$REPO_DIR/target/payara-micro.jar" --nohazelcast --prebootcommandfile "$REPO_DIR/deploy/payara-preboot.asadmin" --port "${!port_var}" --contextroot / \
      --deploy "$REPO_DIR/target/shouhu.war" > payara.log 2>&1 < /dev/null &
    echo $! > payara.pid
  )
}

wait_ready() {
  local url="$1" seconds="${2:-180}"
  for _ in $(seq 1 "$seconds"); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 1
  done
  return 1
}
