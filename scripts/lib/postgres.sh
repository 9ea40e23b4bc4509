# Shared setup for scripts/*: install PostgreSQL when missing, start a private throwaway cluster.
# Source it (after setup.sh, which defines log and free_port); do not run it.
# Every function is idempotent: a second call installs nothing and starts nothing twice.

if ! declare -F log >/dev/null 2>&1; then
  log() { printf '[callfwd] %s\n' "$*" >&2; }
fi
if ! declare -F free_port >/dev/null 2>&1; then
  free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  }
fi

# The bin directory of the newest installed PostgreSQL (Debian layout), or nothing.
postgres_bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    printf '%s\n' "$dir"
  fi
}

ensure_postgres_binary() {
  if [ -n "$(postgres_bin_dir)" ] && command -v psql >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is missing. Install it (Debian: sudo apt-get install -y postgresql) or set DATABASE_URL."
    return 1
  fi
  log "installing postgresql with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  if [ -z "$(postgres_bin_dir)" ]; then
    log "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb was found"
    return 1
  fi
}

# Runs a PostgreSQL binary as the cluster's owner: PostgreSQL refuses to run as root, so root
# runs it as the `postgres` system user (created by the Debian package).
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Starts a private, throwaway PostgreSQL on a free loopback port unless DATABASE_URL is set
# (or this shell already started one). Creates database `callfwd`, exports DATABASE_URL and sets
# CALLFWD_PG_PID and CALLFWD_PG_DIR; stop_postgres stops it by that pid and removes the dir.
start_postgres() {
  if [ -n "${CALLFWD_PG_PID:-}" ] && kill -0 "$CALLFWD_PG_PID" 2>/dev/null; then
    return 0
  fi
  if [ -n "${DATABASE_URL:-}" ]; then
    log "using DATABASE_URL from the environment"
    return 0
  fi
  ensure_postgres_binary
  local bin port dir user
  bin="$(postgres_bin_dir)"
  port="$(free_port)"
  dir="$(mktemp -d /tmp/callfwd-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      log "running as root but there is no 'postgres' system user to run PostgreSQL as"
      rm -rf "$dir"
      return 1
    fi
    chown postgres:postgres "$dir"
    user="postgres"
  else
    user="$(id -un)"
  fi
  chmod 700 "$dir"
  if ! _pg_as_owner "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 \
    --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
    log "initdb failed; see $dir/initdb.log"
    return 1
  fi
  # Throwaway cluster for tests and the demo: no durability needed, so no fsync.
  local -a run=()
  if [ "$(id -u)" -eq 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
    >"$dir/postgres.log" 2>&1 &
  CALLFWD_PG_LAUNCHER=$!
  local launcher=$CALLFWD_PG_LAUNCHER
  CALLFWD_PG_DIR="$dir"
  local i ready=0
  for i in $(seq 1 200); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
      ready=1
      break
    fi
    if ! kill -0 "$launcher" 2>/dev/null; then break; fi
    sleep 0.05
  done
  if [ "$ready" -ne 1 ]; then
    log "PostgreSQL did not start; see $dir/postgres.log"
    return 1
  fi
  # The postmaster's own pid (runuser stays in between when root): stop_postgres signals this one.
  CALLFWD_PG_PID="$(head -n 1 "$dir/data/postmaster.pid")"
  if ! psql -q -h 127.0.0.1 -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1 \
    -c 'CREATE DATABASE callfwd' >/dev/null; then
    log "could not create database callfwd; see $dir/postgres.log"
    return 1
  fi
  export DATABASE_URL="postgres://$user@127.0.0.1:$port/callfwd"
}

stop_postgres() {
  if [ -n "${CALLFWD_PG_PID:-}" ]; then
    # SIGINT: PostgreSQL's fast shutdown (roll back open transactions, close clients, exit).
    kill -INT "$CALLFWD_PG_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 200); do
      if ! kill -0 "$CALLFWD_PG_PID" 2>/dev/null; then break; fi
      sleep 0.05
    done
    wait "${CALLFWD_PG_LAUNCHER:-}" 2>/dev/null || true
    rm -rf "${CALLFWD_PG_DIR:-/nonexistent}"
    unset CALLFWD_PG_PID CALLFWD_PG_LAUNCHER CALLFWD_PG_DIR DATABASE_URL
  fi
}
