# Which cluster the stack uses and how to probe it (sourced by up/down/status).
PG_VERSION="${ESCAPE_PG_VERSION:-15}"
PG_CLUSTER="${ESCAPE_PG_CLUSTER:-main}"
pg_running() { pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; }
pg_ready() { pg_isready -q -h 127.0.0.1 -p "$ESCAPE_PG_PORT"; }
