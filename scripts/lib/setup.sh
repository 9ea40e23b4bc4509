# Shared setup for scripts/*: install what is missing, start a private Redis. Source it; do not run it.
# Every function is idempotent: a second call installs nothing.

CALLFWD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PNPM_VERSION="12.4.2"

log() { printf '[callfwd] %s\n' "$*" >&2; }

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    return 0
  fi
  log "installing pnpm@$PNPM_VERSION"
  npm i -g "pnpm@$PNPM_VERSION" >/dev/null
}

# Installs dependencies from the lockfile, but only when the lockfile changed since the last install.
ensure_deps() {
  local stamp="$CALLFWD_ROOT/node_modules/.callfwd-lock-hash"
  local want
  want="$(sha256sum "$CALLFWD_ROOT/pnpm-lock.yaml" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "installing dependencies from pnpm-lock.yaml"
  (cd "$CALLFWD_ROOT" && CI=true pnpm install --frozen-lockfile --reporter=silent)
  echo "$want" >"$stamp"
}

ensure_redis_binary() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "redis-server is missing. Install it (Debian: sudo apt-get install -y redis-server) or set REDIS_URL."
    return 1
  fi
  log "installing redis-server with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Starts a private, throwaway redis-server on a free loopback port unless REDIS_URL is set.
# Sets REDIS_URL and CALLFWD_REDIS_PID; stop_redis stops it by that pid.
start_redis() {
  if [ -n "${REDIS_URL:-}" ]; then
    log "using REDIS_URL from the environment"
    return 0
  fi
  ensure_redis_binary
  local port dir
  port="$(free_port)"
  dir="$(mktemp -d /tmp/callfwd-redis.XXXXXX)"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
    --maxmemory-policy noeviction --daemonize no --logfile "$dir/redis.log" &
  CALLFWD_REDIS_PID=$!
  CALLFWD_REDIS_DIR="$dir"
  export REDIS_URL="redis://127.0.0.1:$port"
  local i
  for i in $(seq 1 100); do
    if redis-cli -p "$port" ping >/dev/null 2>&1; then return 0; fi
    sleep 0.05
  done
  log "redis-server did not start; see $dir/redis.log"
  return 1
}

stop_redis() {
  if [ -n "${CALLFWD_REDIS_PID:-}" ]; then
    kill "$CALLFWD_REDIS_PID" 2>/dev/null || true
    wait "$CALLFWD_REDIS_PID" 2>/dev/null || true
    rm -rf "${CALLFWD_REDIS_DIR:-/nonexistent}"
    unset CALLFWD_REDIS_PID
  fi
}

# PostgreSQL (the system of record): ensure_postgres_binary, start_postgres, stop_postgres.
source "$CALLFWD_ROOT/scripts/lib/postgres.sh"
